"""Plot functions on a bare matplotlib Axes (no Qt), and ``legday chart``."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex, to_rgb
from matplotlib.dates import date2num
from matplotlib.figure import Figure

from legday_desktop.charts.plots import (
    date_of,
    day_numbers,
    draw_comparison,
    draw_recovery,
    draw_timeline,
    fit_to_figure,
    point_near,
    with_gaps,
)
from legday_desktop.charts.style import DARK, LIGHT, ChartStyle
from legday_desktop.cli import main
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.recovery import (
    TOTAL,
    Comparison,
    compare_leg_days,
    day_values,
    recovery_curve,
    timeline,
)
from legday_desktop.domain.soreness import SorenessRating

D = dt.date
LEG_DAY = LegDay(D(2026, 3, 2), "Squats", ("Squat",))
RATINGS = [
    SorenessRating(D(2026, 3, 3), "quadriceps.left", 6),
    SorenessRating(D(2026, 3, 3), "quadriceps.right", 8),
    SorenessRating(D(2026, 3, 5), "quadriceps.left", 2),
]


def axes() -> object:
    figure = Figure()
    FigureCanvasAgg(figure)
    return figure.add_subplot()


def lines_by_label(ax: object) -> dict[str, tuple[list[float], list[float]]]:
    return {
        line.get_label(): (list(line.get_xdata()), list(line.get_ydata()))  # type: ignore[attr-defined]
        for line in ax.get_lines()  # type: ignore[attr-defined]
    }


def test_gaps_are_nan_never_zero() -> None:
    xs, ys = (list(values) for values in with_gaps([(0, 1.0), (1, 7.0), (3, 2.0)]))
    assert xs[:2] == [0, 1] and math.isnan(xs[2]) and xs[3] == 3
    assert ys[:2] == [1.0, 7.0] and math.isnan(ys[2]) and ys[3] == 2.0


def test_recovery_plot_draws_groups_their_average_and_the_bands() -> None:
    ax = axes()
    draw_recovery(ax, recovery_curve(LEG_DAY, None, day_values(RATINGS)), LIGHT)
    lines = lines_by_label(ax)
    xs, ys = lines["Quads"]
    assert xs[0] == 1 and ys[0] == 7.0 and math.isnan(ys[1]) and ys[2] == 2.0
    assert "Average of all groups" in lines and "Total" not in lines
    legend = [text.get_text() for text in ax.get_legend().get_texts()]  # type: ignore[attr-defined]
    assert "Typical DOMS course (Cheung 2003)" in legend
    # The shaded bands behind the lines say what they are.
    assert "Shading: mild · moderate · severe\n(1–3 · 4–6 · 7–9)" in legend
    ax.figure.canvas.draw()  # type: ignore[attr-defined]


def test_empty_states_say_what_to_do() -> None:
    ax = axes()
    draw_recovery(ax, None, LIGHT)
    assert "Log a leg day and rate your soreness" in ax.texts[0].get_text()  # type: ignore[attr-defined]
    ax = axes()
    draw_comparison(ax, compare_leg_days((), {}, TOTAL, 6, D(2026, 3, 9)), LIGHT)
    assert "compare" in ax.texts[0].get_text()  # type: ignore[attr-defined]


def test_comparison_plot_labels_each_leg_day_with_its_summary() -> None:
    leg_days = [LegDay(D(2026, 3, 2)), LegDay(D(2026, 3, 9))]
    ratings = [*RATINGS, SorenessRating(D(2026, 3, 10), "quadriceps.left", 4)]
    ax = axes()
    draw_comparison(
        ax, compare_leg_days(leg_days, day_values(ratings), "quadriceps", 6, D(2026, 3, 12)), DARK
    )
    labels = list(lines_by_label(ax))
    assert labels == [
        "2 Mar 2026\npeak 7 on day 1, ≤ 2 by day 3",
        "9 Mar 2026 (newest)\npeak 4 on day 1, not yet ≤ 2",
    ]
    assert ax.get_lines()[-1].get_linewidth() > ax.get_lines()[0].get_linewidth()  # type: ignore[attr-defined]


def test_timeline_plot_marks_leg_days() -> None:
    ax = axes()
    data = timeline(
        day_values(RATINGS), [LEG_DAY], [TOTAL, "quadriceps"], D(2026, 3, 1), D(2026, 3, 31)
    )
    draw_timeline(ax, data, LIGHT, shown=D(2026, 3, 4))
    lines = lines_by_label(ax)
    assert set(lines) >= {"Average of all groups", "Quads"}
    assert any("Squats" in text.get_text() for text in ax.texts)  # type: ignore[attr-defined]
    ax.figure.canvas.draw()  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("charts") / "demo.sqlite3"
    assert main(["demo", "--db", str(path)]) == 0
    return path


@pytest.mark.parametrize(
    ("kind", "suffix"), [("recovery", "png"), ("compare", "svg"), ("timeline", "pdf")]
)
def test_chart_command_writes_each_kind(
    demo_db: Path, tmp_path: Path, kind: str, suffix: str
) -> None:
    output = tmp_path / f"{kind}.{suffix}"
    assert main(["chart", "--db", str(demo_db), "--kind", kind, "-o", str(output)]) == 0
    head = output.read_bytes()[:200]
    assert {"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF"}[suffix] in head


def test_chart_command_refuses_bad_arguments(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def run(*extra: str) -> tuple[int, str]:
        code = main(["chart", "--db", str(demo_db), "--kind", "recovery", *extra])
        return code, capsys.readouterr().err

    assert run("--leg-day", "2001-01-01", "-o", str(tmp_path / "a.png")) == (
        2,
        "legday: error: leg_day: there is no leg day on 2001-01-01\n",
    )
    code, err = run("--group", "biceps", "-o", str(tmp_path / "a.png"))
    assert code == 2 and "unknown group 'biceps'" in err
    code, err = run("-o", str(tmp_path / "a.gif"))
    assert code == 2 and ".png, .svg or .pdf" in err
    assert not list(tmp_path.iterdir())


def test_the_compare_chart_says_how_recovery_changed_over_similar_leg_days(
    demo_db: Path,
) -> None:
    from legday_desktop.services.charts import ChartKind, ChartRequest, chart_data
    from legday_desktop.services.journal import JournalService

    service = JournalService(demo_db)
    service.open()
    try:
        today = dt.date.today()
        request = ChartRequest(ChartKind.COMPARE, today=today, shown=today, group="quadriceps")
        comparison = chart_data(service, request)
    finally:
        service.close()
    assert isinstance(comparison, Comparison)
    assert comparison.note.startswith("Your quads recover about ")
    assert "similar leg days" in comparison.note and comparison.note.endswith(").")
    ax = axes()
    draw_comparison(ax, comparison, LIGHT)
    assert ax.get_title(loc="left").splitlines()[1].startswith(comparison.note)  # type: ignore[attr-defined]


def drawn_axes(width: int, height: int) -> Axes:
    figure = Figure(figsize=(width / 100, height / 100), dpi=100)
    FigureCanvasAgg(figure)
    return figure.add_subplot()


def test_dates_become_day_numbers_at_once_as_date2num_would() -> None:
    dates = [D(1996, 2, 29), D(2026, 3, 2), D(2026, 12, 31)]
    assert list(day_numbers(dates)) == [date2num(date) for date in dates]
    assert [date_of(number) for number in day_numbers(dates)] == dates


@pytest.mark.parametrize(
    ("first", "last", "width", "expected"),
    [
        (D(2026, 11, 5), D(2026, 12, 2), 1000, ["9 Nov", "16 Nov", "23 Nov", "30 Nov"]),
        (D(2026, 9, 4), D(2026, 12, 2), 500, ["Oct 2026", "Nov", "Dec"]),
        (D(1996, 12, 3), D(2026, 12, 2), 900, ["2000", "2005", "2010", "2015", "2020", "2025"]),
    ],
)
def test_date_ticks_are_worded_like_the_app_with_no_offset_label(
    first: dt.date, last: dt.date, width: int, expected: list[str]
) -> None:
    ax = drawn_axes(width, 400)
    draw_timeline(ax, timeline(day_values(RATINGS), [LEG_DAY], [TOTAL], first, last), LIGHT)
    fit_to_figure(ax)
    ax.figure.canvas.draw()  # type: ignore[attr-defined]
    labels = [label.get_text() for label in ax.get_xticklabels()]
    assert labels[-len(expected) :] == expected or labels == expected
    assert ax.xaxis.get_offset_text().get_text() == ""


def test_a_point_under_the_mouse_reads_as_group_day_date_and_value() -> None:
    ratings = [
        SorenessRating(D(2026, 3, 4), "quadriceps.left", 5),
        SorenessRating(D(2026, 3, 4), "quadriceps.right", 6),
    ]
    ax = drawn_axes(900, 400)
    draw_recovery(ax, recovery_curve(LEG_DAY, None, day_values(ratings)), LIGHT)
    fit_to_figure(ax)
    ax.figure.canvas.draw()  # type: ignore[attr-defined]
    x, y = ax.transData.transform((2, 5.5))
    point = point_near(ax, x + 3, y - 2)
    assert point is not None
    # The group's line and the average lie on each other: either reads the same day.
    assert point.text in {
        "Quads · day 2 · Wed 4 Mar · 5.5",
        "Average of all groups · day 2 · Wed 4 Mar · 5.5",
    }
    assert point_near(ax, x + 200, y + 100) is None


def test_a_timeline_point_says_its_day_after_the_leg_day() -> None:
    ax = drawn_axes(900, 400)
    data = timeline(day_values(RATINGS), [LEG_DAY], ["quadriceps"], D(2026, 3, 1), D(2026, 3, 31))
    draw_timeline(ax, data, LIGHT)
    fit_to_figure(ax)
    ax.figure.canvas.draw()  # type: ignore[attr-defined]
    x, y = ax.transData.transform((day_numbers([D(2026, 3, 3)])[0], 7.0))
    point = point_near(ax, x, y)
    assert point is not None and point.text == "Quads · day 1 · Tue 3 Mar 2026 · 7"


def test_no_legend_entry_without_a_line() -> None:
    ax = drawn_axes(900, 400)
    # Calves were never rated in March: no line, so no entry.
    data = timeline(day_values(RATINGS), [LEG_DAY], ["calves"], D(2026, 3, 1), D(2026, 3, 31))
    draw_timeline(ax, data, LIGHT)
    assert ax.get_legend() is None or not any(  # type: ignore[attr-defined]
        "Calves" in text.get_text()
        for text in ax.get_legend().get_texts()  # type: ignore[attr-defined]
    )
    leg_days = [LegDay(D(2026, 3, 2)), LegDay(D(2026, 3, 7)), LegDay(D(2026, 3, 9))]
    ratings = [*RATINGS, SorenessRating(D(2026, 3, 10), "quadriceps.left", 4)]
    ax = drawn_axes(900, 400)
    comparison = compare_leg_days(leg_days, day_values(ratings), "quadriceps", 6, D(2026, 3, 12))
    draw_comparison(ax, comparison, LIGHT)
    legend = [text.get_text() for text in ax.get_legend().get_texts()]  # type: ignore[attr-defined]
    assert not any(text.startswith("7 Mar 2026") for text in legend)
    assert "Not rated after: 7 Mar 2026." in ax.get_title(loc="left")  # type: ignore[attr-defined]


@pytest.mark.parametrize("style", [LIGHT, DARK], ids=["light", "dark"])
def test_compare_gives_each_leg_day_its_own_colour_and_the_newest_stands_out(
    style: ChartStyle,
) -> None:
    leg_days = [LegDay(D(2026, 1, 5) + dt.timedelta(days=7 * week)) for week in range(6)]
    ratings = [
        SorenessRating(leg_day.date + dt.timedelta(days=1), "quadriceps.left", 3 + week)
        for week, leg_day in enumerate(leg_days)
    ]
    ax = drawn_axes(900, 400)
    draw_comparison(
        ax, compare_leg_days(leg_days, day_values(ratings), "quadriceps", 6, D(2026, 3, 1)), style
    )
    lines = [line for line in ax.get_lines() if not line.get_label().startswith("_")]  # type: ignore[attr-defined]
    colours = [to_hex(line.get_color()) for line in lines]
    assert len(set(colours)) == 6
    newest = lines[-1]
    assert newest.get_label().split("\n")[0].endswith("(newest)")
    assert newest.get_linewidth() > max(line.get_linewidth() for line in lines[:-1])
    assert newest.get_zorder() > max(line.get_zorder() for line in lines[:-1])
    background = to_rgb(style.background)
    for colour in colours:  # every line stands out from the background
        assert sum(abs(a - b) for a, b in zip(to_rgb(colour), background, strict=True)) > 0.6


def test_the_chart_command_names_the_average_and_fits_its_image(
    demo_db: Path, tmp_path: Path
) -> None:
    output = tmp_path / "compare.svg"
    assert main(["chart", "--db", str(demo_db), "--kind", "compare", "-o", str(output)]) == 0
    drawing = output.read_text()
    assert "Average of all groups" in drawing and "Total" not in drawing
    assert output.stat().st_mode & 0o777 == 0o600


def _band_of(ax: Axes) -> tuple[list[float], list[float], list[float], int]:
    """The thinned band's columns (x, lowest, highest) and how many outlines it has."""
    (band,) = [patch for patch in ax.patches if patch.get_label() == "_range"]
    assert band.get_visible()
    path = band.get_path()  # type: ignore[attr-defined]
    outlines = int((path.codes == path.MOVETO).sum())
    low: dict[float, float] = {}
    high: dict[float, float] = {}
    for x, y in path.vertices:
        low[x] = min(low.get(x, y), y)
        high[x] = max(high.get(x, y), y)
    xs = sorted(low)
    return xs, [low[x] for x in xs], [high[x] for x in xs], outlines


def test_years_of_days_are_drawn_as_a_mean_over_a_band_that_follows_edits() -> None:
    # Ten years of daily ratings alternating 2 and 6, with a month not rated in the middle.
    first, last = D(2016, 1, 1), D(2025, 12, 31)
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    rated = [day for day in days if not D(2020, 6, 1) <= day <= D(2020, 6, 30)]
    ratings = [SorenessRating(day, "calves.left", 2 if n % 2 else 6) for n, day in enumerate(rated)]
    ax = drawn_axes(700, 400)
    data = timeline(day_values(ratings), [], ["calves"], first, last)
    draw_timeline(ax, data, LIGHT)
    ax.figure.canvas.draw()  # type: ignore[attr-defined]
    xs, lows, highs, outlines = _band_of(ax)
    assert len(xs) < 700  # at most one column per pixel, not 3,600 days
    assert outlines == 2  # the unrated month breaks the band
    assert set(lows) == {2.0} and set(highs) == {6.0}
    (line,) = [line for line in ax.get_lines() if line.get_label() == "Calves"]
    means = [y for y in line.get_ydata() if not math.isnan(y)]
    assert all(2 < y < 6 for y in means)
    # An edit of one day: that column's band reaches the new value, the rest stays.
    edited = D(2023, 3, 4)
    patched = [r if r.date != edited else SorenessRating(edited, r.region_id, 10) for r in ratings]
    draw_timeline(ax, timeline(day_values(patched), [], ["calves"], first, last), LIGHT)
    ax.figure.canvas.draw()  # type: ignore[attr-defined]
    new_xs, new_lows, new_highs, _ = _band_of(ax)
    assert new_xs == xs and new_lows == lows
    raised = [x for x, old, new in zip(xs, highs, new_highs, strict=True) if new != old]
    assert len(raised) == 1 and new_highs[xs.index(raised[0])] == 10.0
    column_width = xs[1] - xs[0]
    assert abs(day_numbers([edited])[0] - raised[0]) <= column_width / 2
    # Zoomed into a year, each day is drawn itself; zoomed out again, the band is back.
    whole = ax.get_xlim()
    ax.set_xlim(*day_numbers([D(2023, 1, 1), D(2023, 12, 31)]))
    ax.figure.canvas.draw()  # type: ignore[attr-defined]
    (band,) = [patch for patch in ax.patches if patch.get_label() == "_range"]
    assert not band.get_visible()
    (line,) = [line for line in ax.get_lines() if line.get_label() == "Calves"]
    assert 10.0 in list(line.get_ydata()) and len(line.get_xdata()) > 3000
    ax.set_xlim(*whole)
    ax.figure.canvas.draw()  # type: ignore[attr-defined]
    assert _band_of(ax)[2] == new_highs
    # Pointing still reads the day itself, not the column's mean.
    x, y = ax.transData.transform((day_numbers([edited])[0], 10.0))
    point = point_near(ax, x, y)
    assert point is not None and point.text.endswith("10")
