"""Marks in the date field's calendar: leg days, rated days, and the days that cannot be chosen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QObject
from PySide6.QtGui import QFont, QPalette, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget

MarkedDays = Callable[[dt.date, dt.date], tuple[set[dt.date], set[dt.date]]]

# A calendar page shows its month and up to two weeks of the months beside it.
_PAGE_MARGIN = dt.timedelta(days=14)


class CalendarMarks(QObject):
    """Marks the shown page of ``calendar`` each time it opens or turns to another month.

    Leg days are bold and underlined, days with ratings tinted, days after today greyed
    (the calendar will not choose them). Read only when the calendar is seen, so that
    logging never waits for it.
    """

    def __init__(
        self,
        calendar: QCalendarWidget,
        marked_days: MarkedDays,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(calendar)
        self._calendar = calendar
        self._marked_days = marked_days
        self._today = today
        calendar.installEventFilter(self)
        calendar.currentPageChanged.connect(lambda _year, _month: self.mark())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Show:
            self.mark()
        return False

    def mark(self) -> None:
        """Mark the page the calendar shows now (and forget the marks of any other)."""
        calendar = self._calendar
        month_start = dt.date(calendar.yearShown(), calendar.monthShown(), 1)
        first = month_start - _PAGE_MARGIN
        last = (month_start + dt.timedelta(days=31)).replace(day=1) + _PAGE_MARGIN
        leg_days, rated = self._marked_days(first, last)
        palette = calendar.palette()
        tint = palette.color(QPalette.ColorRole.Highlight)
        tint.setAlpha(70)
        greyed = palette.color(QPalette.ColorRole.PlaceholderText)
        today = self._today()
        calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clears every mark
        day = first
        while day <= last:
            if day in rated or day in leg_days or day > today:
                marks = QTextCharFormat()
                if day in rated:
                    marks.setBackground(tint)
                if day in leg_days:
                    marks.setFontWeight(QFont.Weight.Bold)
                    marks.setFontUnderline(True)
                if day > today:
                    marks.setForeground(greyed)
                calendar.setDateTextFormat(QDate(day.year, day.month, day.day), marks)
            day += dt.timedelta(days=1)
