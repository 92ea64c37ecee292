"""Chart colours: the body map's soreness scale, colour-blind-safe lines, light or dark."""

from __future__ import annotations

from dataclasses import dataclass

from legday_desktop.domain.regions import GROUP_IDS

# ColorBrewer YlOrRd (colour-blind safe, prints in grey) stretched to the levels 0–10; the
# body map fills regions with these, the charts colour entered points with them.
LEVEL_HEX = (
    "#ffffcc", "#ffeda0", "#fed976", "#fec55f", "#feb24c", "#fd8d3c",
    "#fc6c33", "#fc4e2a", "#e31a1c", "#bd0026", "#800026",
)  # fmt: skip

# Okabe & Ito's colour-blind-safe palette (without black, which the total uses), one per
# muscle group in catalogue order so a group keeps its colour in every chart.
GROUP_HEX = dict(
    zip(
        GROUP_IDS,
        ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#AA4499",
         "#999933", "#882255", "#44AA99", "#332288"),
        strict=True,
    )
)  # fmt: skip

# Paul Tol's qualitative schemes (personal.sron.nl/~pault), distinct for every kind of
# colour vision; his greys are left out (the grid and the typical course are grey).
TOL_BRIGHT = ("#4477AA", "#EE6677", "#228833", "#AA3377", "#CCBB44", "#66CCEE")
TOL_LIGHT = ("#77AADD", "#EE8866", "#44BB99", "#FFAABB", "#EEDD88", "#99DDFF", "#AAAA00")


@dataclass(frozen=True, slots=True)
class ChartStyle:
    """The colours a chart is drawn with; ``from_palette`` follows the desktop's theme."""

    background: str = "#ffffff"
    text: str = "#1a1a1a"
    grid: str = "#d0d0d0"
    band: str = "#9aa5b1"
    muted: str = "#7a7a7a"
    highlight: str = "#1f5fbf"
    font_size: float = 10.0

    @property
    def total(self) -> str:
        return self.text

    @property
    def is_dark(self) -> bool:
        """Whether the background is dark (its relative luminance below one half)."""
        red, green, blue = (int(self.background[i : i + 2], 16) / 255 for i in (1, 3, 5))
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.5

    def earlier_leg_day_colours(self) -> tuple[str, ...]:
        """Distinct colours for the older leg days of the comparison, newest of them first.

        Paul Tol's colour-blind-safe "bright" scheme for a light background, his "light"
        scheme (as bright, lighter) for a dark one; the newest leg day is drawn in the text
        colour, thicker and on top, so it stands out from all of them.
        """
        return TOL_LIGHT if self.is_dark else TOL_BRIGHT


LIGHT = ChartStyle()
DARK = ChartStyle(
    background="#1e1e1e", text="#e8e8e8", grid="#444444", band="#6b7785", muted="#9a9a9a",
    highlight="#5ea2ff",
)  # fmt: skip
