"""The Insights tab: how recovery changes, the last leg day in numbers, habits that go with it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from legday_desktop.domain.wording import not_medical_advice, short_day
from legday_desktop.ui.texts import escape

if TYPE_CHECKING:  # loaded with the first insights, never on the way to the first window
    from legday_desktop.domain.insights import BoutTrend, RecoverySummary, SeriesSummary
    from legday_desktop.services.insights import Insights

NO_TREND = (
    "A trend shows once you have logged 3 similar leg days (the same main muscle groups) "
    "and rated their soreness until it was back to 2 or less."
)
NO_HABITS = (
    "Not enough leg days yet to compare habits. A habit is compared once there are 3 leg "
    "days with it and 3 without it, ticked in the check-ins of the first days after."
)


def _days(count: int | None) -> str:
    if count is None:
        return "not seen"
    return f"day {count}"


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def trend_html(trend: BoutTrend) -> str:
    first, last = trend.summaries[0], trend.summaries[-1]
    return (
        f"<p><b>{escape(trend.sentence())}</b><br><small>"
        f"Peak {_number(first.peak)} → {_number(last.peak)}; back to 2 or less: "
        f"{_days(first.days_to_recover)} → {_days(last.days_to_recover)} "
        f"({short_day(trend.dates[0], year=True)} to "
        f"{short_day(trend.dates[-1], year=True)}).</small></p>"
    )


def _summary_row(label: str, part: SeriesSummary, ongoing: bool) -> str:
    if part.peak is None:
        peak = "not rated after the leg day"
    else:
        peak = f"{part.peak:.1f} on day {part.peak_day}"
    if part.days_to_recover is not None:
        back = f"day {part.days_to_recover}"
    else:
        back = "not yet" if ongoing else "not before the next leg day"
    return (
        f"<tr><td>{escape(label)}</td><td>{peak}</td>"
        f"<td>{back}</td><td align='right'>{_number(part.area)}</td></tr>"
    )


def summary_html(summary: RecoverySummary) -> str:
    leg_day = summary.leg_day
    ongoing = not summary.window_closed
    rows = [_summary_row("All groups", summary.total, ongoing)]
    rows += [_summary_row(part.label, part, ongoing) for part in summary.groups]
    return (
        f"<p>{short_day(leg_day.date, year=True)} · {escape(leg_day.display_title)}</p>"
        "<table cellspacing='0' cellpadding='3'>"
        "<tr><th align='left'>Group</th><th align='left'>Peak</th>"
        "<th align='left'>Back to 2 or less</th><th align='right'>Area</th></tr>"
        + "".join(rows)
        + "</table><p><small>From the day after the leg day on. Peak and area (the "
        "soreness summed over the days, level × days) use the mean of a group's two "
        "sides; back to 2 or less means the sorer side, and for all groups every group "
        "rated so far.</small></p>"
    )


class InsightsPanel(QWidget):
    """Shows Insights as one scrollable page; nothing where the data are too few."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Insights from your journal")
        self.page = QTextBrowser()
        self.page.setOpenLinks(False)
        self.disclaimer = QLabel(not_medical_advice())
        self.disclaimer.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.page, stretch=1)
        layout.addWidget(self.disclaimer)

    def text(self) -> str:
        """What the page says, as plain text."""
        return self.page.toPlainText()

    def show_message(self, message: str) -> None:
        self.page.setHtml(f"<p>{escape(message)}</p>")

    def show_insights(self, insights: Insights) -> None:
        from legday_desktop.domain.insights import COMPARISON_CAVEAT

        if insights.latest is None:
            self.show_message(
                "No leg days yet. Log a leg day (Ctrl+L) and rate your soreness on the "
                "days after: insights appear as your history grows."
            )
            return
        parts = ["<h3>How your recovery is changing</h3>"]
        parts += [trend_html(trend) for trend in insights.trends] or [f"<p>{NO_TREND}</p>"]
        parts.append("<h3>Your last leg day</h3>")
        parts.append(summary_html(insights.latest))
        parts.append("<h3>Your habits and your soreness</h3>")
        if insights.habits:
            parts += [f"<p>{escape(habit.sentence())}</p>" for habit in insights.habits]
            parts.append(f"<p><i>{escape(COMPARISON_CAVEAT)}</i></p>")
        else:
            parts.append(f"<p>{NO_HABITS}</p>")
        self.page.setHtml("".join(parts))
