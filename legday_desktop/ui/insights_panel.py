"""The Insights tab: recovery's trend, the last leg day, habits, the forecast against ratings."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from legday_desktop.debouncer import Debouncer
from legday_desktop.domain.insights import COMPARISON_CAVEAT
from legday_desktop.domain.journal import JournalChange
from legday_desktop.domain.wording import _, not_medical_advice, short_day
from legday_desktop.services.insights import Insights, InsightsKeeper
from legday_desktop.ui.insight_charts import (
    ForecastCheckChart,
    HabitComparisonChart,
    LegDayTable,
    RecoveryTrendChart,
)

if TYPE_CHECKING:
    from legday_desktop.domain.insights import (
        BoutTrend,
        ForecastCheck,
        RecoverySummary,
        SeriesSummary,
    )
    from legday_desktop.services.journal import JournalService

NO_LEG_DAYS = (
    "No leg days yet. Log a leg day (Ctrl+L) and rate your soreness on the days after: "
    "insights appear as your history grows."
)
NO_TREND = (
    "A trend shows once you have logged 3 similar leg days (the same main muscle groups) "
    "and rated their soreness until it was back to 2 or less."
)
NO_HABITS = (
    "Not enough leg days yet to compare habits. A habit is compared once there are 3 leg "
    "days with it and 3 without it, ticked in the check-ins of the first days after."
)
READING = "Reading the rest of your history…"
FORECAST_HEADING = "Your forecasts against your ratings"
FORECAST_CHECKING = "Checking your forecasts against your ratings…"
FORECAST_KEY = (
    "Each dot is one muscle group on one day after a leg day left out: what the forecast "
    "said (across) against your rating (up). On the dashed line the forecast was right; "
    "in the shaded band it was within 1 level."
)
IMPORT_HINT = "Import your training log with File → Import workouts…"
RATE_HINT = "Rate your soreness on the days after your leg days to get there."
TREND_KEY = (
    "Days until back to 2 or less after each similar leg day. ● measured · ○ with a caret: "
    "not back before the next leg day, so at least that long · dashed: the trend."
)
# Wide enough for two columns below the trends: the last leg day beside the habits.
SIDE_BY_SIDE_WIDTH = 1200
TREND_CARD_WIDTH = 300
# The most characters in a line of the words beside the forecast's picture.
WORDS_WIDE = 80


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


SUMMARY_NOTE = (
    "From the day after the leg day on. Peak and area (the soreness summed over the days, "
    "level × days) use the mean of a group's two sides; back to 2 or less means the "
    "sorer side, and for all groups every group rated so far."
)


def _summary_row(label: str, part: SeriesSummary, ongoing: bool) -> tuple[str, str, str, str]:
    if part.peak is None:
        peak = "not rated after the leg day"
    else:
        peak = f"{part.peak:.1f} on day {part.peak_day}"
    if part.days_to_recover is not None:
        back = f"day {part.days_to_recover}"
    else:
        back = "not yet" if ongoing else "not before the next leg day"
    return (label, peak, back, _number(part.area))


def summary_rows(summary: RecoverySummary) -> tuple[tuple[str, str, str, str], ...]:
    """The last leg day's table: all groups first, then each rated group."""
    ongoing = not summary.window_closed
    return (
        _summary_row("All groups", summary.total, ongoing),
        *(_summary_row(part.label, part, ongoing) for part in summary.groups),
    )


def summary_caption(summary: RecoverySummary) -> str:
    leg_day = summary.leg_day
    return f"{short_day(leg_day.date, year=True)} · {leg_day.display_title}"


def _make_label(text: str, *, heading: bool = False, scale: float = 1.0) -> QLabel:
    """A wrapping, selectable plain-text label; a heading is bold and a little larger."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if heading:
        scale *= 1.15
        label.setAccessibleName(text)
    if heading or scale != 1.0:  # a font of its own only where it differs
        font = label.font()
        font.setBold(heading)
        font.setPointSizeF(font.pointSizeF() * scale)
        label.setFont(font)
    return label


def forecast_note(check: ForecastCheck) -> str:
    """The forecast check's sentence, with what to do when there is too little to check."""
    if check.error is not None:
        return check.sentence()
    from legday_desktop.domain.forecast import MIN_LEG_DAYS_FOR_ERROR

    hint = RATE_HINT if check.with_sets >= MIN_LEG_DAYS_FOR_ERROR else IMPORT_HINT
    return f"{check.sentence()} {hint}"


class _ForecastShown(enum.Enum):
    """What the forecast's section shows (it is built anew when this changes)."""

    NOTHING = enum.auto()  # not built yet
    CHECKING = enum.auto()  # the check is still being worked out
    NO_SETS = enum.auto()  # one short line
    TOO_FEW = enum.auto()  # a sentence on what it needs
    CHECKED = enum.auto()  # the picture and its sentence

    @classmethod
    def of(cls, check: ForecastCheck | None) -> _ForecastShown:
        if check is None:
            return cls.CHECKING
        if not check.with_sets:
            return cls.NO_SETS
        return cls.TOO_FEW if check.error is None else cls.CHECKED


class _ForecastSection(QWidget):
    """The forecast against the ratings: the picture and its sentence once there is enough.

    Before that, a sentence on what it needs; without any sets, one short line; None is a
    check still being worked out. Built anew only when what it shows changes in kind.
    """

    def __init__(self, check: ForecastCheck | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Forecasts")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 8, 0, 0)
        self._layout.setSpacing(6)
        self._shown = _ForecastShown.NOTHING
        self._labels: list[QLabel] = []
        self._sentence: QLabel | None = None
        self.chart: ForecastCheckChart | None = None
        self.set_check(check)

    def text(self) -> str:
        """What the section says, as plain text (the picture by its description)."""
        lines = [label.text() for label in self._labels]
        if self.chart is not None:
            lines.insert(1, self.chart.description())
        return "\n".join(lines)

    def set_check(self, check: ForecastCheck | None) -> None:
        shown = _ForecastShown.of(check)
        if shown is not self._shown:
            self._build(shown, check)
            return
        if check is not None and self._sentence is not None:
            _set_text(self._sentence, forecast_note(check))
        if check is not None and self.chart is not None:
            self.chart.set_check(check)

    def _add(self, label: QLabel, layout: QBoxLayout | None = None) -> QLabel:
        self._labels.append(label)
        (layout or self._layout).addWidget(label)
        return label

    def _build(self, shown: _ForecastShown, check: ForecastCheck | None) -> None:
        _empty(self._layout)
        self._shown = shown
        self._labels = []
        self._sentence = self.chart = None
        if check is None:
            self._add(_make_label(FORECAST_HEADING, heading=True))
            self._add(_make_label(FORECAST_CHECKING))
            return
        if shown is _ForecastShown.NO_SETS:  # one short line: most journals have no sets
            self._sentence = self._add(_make_label(forecast_note(check)))
            return
        self._add(_make_label(FORECAST_HEADING, heading=True))
        if shown is _ForecastShown.TOO_FEW:
            self._sentence = self._add(_make_label(forecast_note(check)))
            return
        row = QHBoxLayout()
        row.setSpacing(16)
        self.chart = ForecastCheckChart(check)
        row.addWidget(self.chart, alignment=Qt.AlignmentFlag.AlignTop)
        words = QWidget()
        # Lines of a readable length beside the picture, however wide the window.
        words.setMaximumWidth(round(QFontMetricsF(self.font()).averageCharWidth() * WORDS_WIDE))
        column = QVBoxLayout(words)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        self._sentence = self._add(_make_label(forecast_note(check)), column)
        self._add(_make_label(FORECAST_KEY, scale=0.9), column)
        column.addStretch(1)
        row.addWidget(words, stretch=1)
        row.addStretch(0)
        self._layout.addLayout(row)


class _TrendCard(QFrame):
    """One group's trend: its name, the chart of days to recover, the sentence under it."""

    def __init__(self, trend: BoutTrend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        title = QLabel("All groups" if trend.key == "total" else trend.label)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.chart = RecoveryTrendChart(trend)
        self.sentence = QLabel(trend.sentence())
        self.sentence.setWordWrap(True)
        self.sentence.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.addWidget(title)
        layout.addWidget(self.chart)
        layout.addWidget(self.sentence)
        layout.addStretch(1)

    def set_trend(self, trend: BoutTrend) -> None:
        self.chart.set_trend(trend)
        _set_text(self.sentence, trend.sentence())


class InsightsPanel(QWidget):
    """Shows Insights as one scrolling page of pictures with short sentences under them.

    Follows the journal itself: the whole history is read off the interface thread when
    first shown (the newest leg day shows at once); after a change, once clicking pauses
    (``REFRESH_PAUSE_MS``) and only while shown, just the leg days it touched are
    recomputed. Nothing is shown where the data are too few.
    """

    REFRESH_PAUSE_MS = 300

    def __init__(
        self,
        service: JournalService,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Insights from your journal")
        self._keeper: InsightsKeeper | None = None
        self._pause = Debouncer(self, self.REFRESH_PAUSE_MS, self.refresh)
        if service is not None:
            self._keeper = InsightsKeeper(service, self, today=today)
            self._keeper.updated.connect(self.show_insights)
            self._keeper.failed.connect(self._failed)
            service.journal_changed.connect(self._journal_changed)
            service.journal_replaced.connect(self._journal_replaced)
        self._complete = False  # the page shows all there is to show (not a first look)
        # What the page holds, in reading order, and the parts an edit changes.
        self._parts: list[
            QLabel | RecoveryTrendChart | HabitComparisonChart | LegDayTable | _ForecastSection
        ] = []
        self._cards: list[_TrendCard] = []
        self._summary_caption: QLabel | None = None
        self._summary: LegDayTable | None = None
        self._habit_chart: HabitComparisonChart | None = None
        self._habit_sentences: list[QLabel] = []
        self.forecast_section: _ForecastSection | None = None
        self._trend_grid: QGridLayout | None = None
        self._grid_columns = 0
        self._columns: QBoxLayout | None = None
        self._shape: tuple[object, ...] | None = None  # what the page was built for

        self.page = QWidget()
        self.page.setAccessibleName("Insights")
        self._page_layout = QVBoxLayout(self.page)
        self._page_layout.setContentsMargins(12, 8, 12, 12)
        self._page_layout.setSpacing(8)
        self.scroller = QScrollArea()
        # A stop of its own: the arrow keys and Page Down scroll through the charts.
        self.scroller.setAccessibleName(_("Insights, scrollable"))
        self.scroller.setWidget(self.page)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.disclaimer = QLabel(not_medical_advice())
        self.disclaimer.setWordWrap(True)
        self.disclaimer.setContentsMargins(12, 2, 12, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroller, stretch=1)
        layout.addWidget(self.disclaimer)

    # --- keeping up with the journal ---------------------------------------------------

    @property
    def is_up_to_date(self) -> bool:
        """True once the panel shows the journal as it is now."""
        if self._keeper is None:
            return self._complete
        return self._complete and self._keeper.up_to_date and not self._pause.pending

    @property
    def keeper(self) -> InsightsKeeper | None:
        """What computes the insights (None while the window gives them to the panel)."""
        return self._keeper

    def refresh(self) -> None:
        """Bring the page up to date now (recomputing only what changed, where it can)."""
        self._pause.cancel()
        if self._keeper is not None:
            self._keeper.refresh()

    def _journal_changed(self, change: JournalChange, _text: str, _replayed: bool) -> None:
        assert self._keeper is not None
        self._keeper.note_change(change)
        if self.isVisible():
            self._pause.poke()  # pushed back by every click: computed once they pause

    def _journal_replaced(self, _text: str) -> None:
        assert self._keeper is not None
        self._keeper.forget()
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._keeper is not None and not self._keeper.up_to_date:
            self.refresh()

    def _failed(self, message: str) -> None:
        self.show_message(f"Could not read the journal: {message}")

    # --- the page ----------------------------------------------------------------------

    def text(self) -> str:
        """What the page says, as plain text (the pictures by their descriptions)."""
        return "\n".join(
            part.description()
            if isinstance(part, RecoveryTrendChart | HabitComparisonChart | LegDayTable)
            else part.text()
            for part in self._parts
        )

    def _clear(self) -> None:
        self._parts = []
        self._cards = []
        self._summary_caption = None
        self._summary = None
        self._habit_chart = None
        self._habit_sentences = []
        self.forecast_section = None
        self._trend_grid = None
        self._grid_columns = 0
        self._columns = None
        self._shape = None
        _empty(self._page_layout)

    def _label(self, text: str, *, heading: bool = False, scale: float = 1.0) -> QLabel:
        label = _make_label(text, heading=heading, scale=scale)
        self._parts.append(label)
        return label

    def show_message(self, message: str) -> None:
        self._complete = True
        self._clear()
        self._page_layout.addWidget(self._label(message))
        self._page_layout.addStretch(1)

    def show_insights(self, insights: Insights) -> None:
        """Show ``insights``: in the widgets already there when only numbers changed."""
        if insights.latest is None:
            self.show_message(NO_LEG_DAYS)
            self._complete = insights.complete
            return
        shape = (
            insights.complete,
            tuple(trend.key for trend in insights.trends),
            tuple(habit.key for habit in insights.habits),
        )
        if shape == self._shape:
            self._update(insights)
        else:
            self._build(insights)
            self._shape = shape
        self._complete = insights.complete

    def _update(self, insights: Insights) -> None:
        """New numbers in the same pictures and sentences (an edit): no page built again."""
        assert insights.latest is not None
        assert self._summary is not None and self._summary_caption is not None
        for card, trend in zip(self._cards, insights.trends, strict=True):
            card.set_trend(trend)
        _set_text(self._summary_caption, summary_caption(insights.latest))
        self._summary.set_rows(summary_rows(insights.latest))
        if self._habit_chart is not None:
            self._habit_chart.set_comparisons(insights.habits)
        for label, habit in zip(self._habit_sentences, insights.habits, strict=True):
            _set_text(label, habit.short_sentence())
        if self.forecast_section is not None:
            self.forecast_section.set_check(insights.forecast)

    def _build(self, insights: Insights) -> None:
        assert insights.latest is not None
        self._clear()
        page = self._page_layout
        page.addWidget(self._label("How your recovery is changing", heading=True))
        if not insights.complete:
            page.addWidget(self._label(READING))
        elif insights.trends:
            page.addWidget(self._label(TREND_KEY))
            self._trend_grid = QGridLayout()
            self._trend_grid.setSpacing(10)
            self._cards = [_TrendCard(trend) for trend in insights.trends]
            for card in self._cards:
                self._parts += [card.sentence, card.chart]
            page.addLayout(self._trend_grid)
            self._place_cards()
        else:
            page.addWidget(self._label(NO_TREND))

        self._columns = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._columns.setSpacing(16)
        latest = QVBoxLayout()
        latest.setSpacing(6)
        latest.addWidget(self._label("Your last leg day", heading=True))
        self._summary_caption = self._label(summary_caption(insights.latest))
        latest.addWidget(self._summary_caption)
        self._summary = LegDayTable()
        self._summary.set_rows(summary_rows(insights.latest))
        self._parts.append(self._summary)
        latest.addWidget(self._summary)
        latest.addWidget(self._label(SUMMARY_NOTE, scale=0.9))
        latest.addStretch(1)
        habits = QVBoxLayout()
        habits.setSpacing(4)
        habits.addWidget(self._label("Your habits and your soreness", heading=True))
        if not insights.complete:
            habits.addWidget(self._label(READING))
        elif insights.habits:
            self._habit_chart = HabitComparisonChart(insights.habits)
            habits.addWidget(self._habit_chart)
            self._parts.append(self._habit_chart)
            for habit in insights.habits:
                label = self._label(habit.short_sentence())
                self._habit_sentences.append(label)
                habits.addWidget(label)
            caveat = self._label(COMPARISON_CAVEAT)
            font = caveat.font()
            font.setItalic(True)
            caveat.setFont(font)
            habits.addWidget(caveat)
        else:
            habits.addWidget(self._label(NO_HABITS))
        habits.addStretch(1)
        self._columns.addLayout(latest, stretch=2)
        self._columns.addLayout(habits, stretch=3)
        page.addLayout(self._columns)
        if insights.complete:
            self.forecast_section = _ForecastSection(insights.forecast)
            self._parts.append(self.forecast_section)
            page.addWidget(self.forecast_section)
        page.addStretch(1)
        self._fit_to_width()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_to_width()

    def _fit_to_width(self) -> None:
        width = self.scroller.viewport().width()
        if self._columns is not None:
            wide = width >= SIDE_BY_SIDE_WIDTH
            self._columns.setDirection(
                QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
            )
        self._place_cards()

    def _place_cards(self) -> None:
        """As many trend cards side by side as fit the width (all in one row when they do)."""
        grid = self._trend_grid
        if grid is None:
            return
        columns = max(
            1, min(len(self._cards), self.scroller.viewport().width() // TREND_CARD_WIDTH)
        )
        if columns == self._grid_columns:
            return
        self._grid_columns = columns
        for card in self._cards:
            grid.removeWidget(card)
        for index, card in enumerate(self._cards):
            grid.addWidget(card, index // columns, index % columns)
        for column in range(grid.columnCount()):
            grid.setColumnStretch(column, 1 if column < columns else 0)


def _set_text(label: QLabel, text: str) -> None:
    if label.text() != text:  # an unchanged label is not laid out again
        label.setText(text)


def _empty(layout: QLayout) -> None:
    """Delete a layout's widgets and nested layouts (the page is built anew each time)."""
    while (item := layout.takeAt(0)) is not None:
        if (widget := item.widget()) is not None:
            widget.hide()  # never painted again where it stood until it is deleted
            widget.deleteLater()
        elif (inner := item.layout()) is not None:
            _empty(inner)
            inner.deleteLater()
