"""The date field: shows the day in words, and takes a typed date in ISO or the locale's forms.

For assistive technology it is one Tab stop whose value is the date.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QDate, QDateTime, QLocale, Qt, QTime
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDateEdit, QTableView, QWidget

from legday_desktop.domain.wording import _


class TypedDateEdit(QDateEdit):
    """A QDateEdit that also takes a date typed over its text, confirmed with Enter.

    ``2026-11-20``, the locale's own forms (``20/11/2026`` or ``20/11/26`` in Britain,
    ``11/20/26`` in the United States) and ``20 November 2026``.

    Tab leaves the field at once (Qt's date field stops at each of its parts, unheard by a
    screen reader); the arrow keys still move between the parts and Up and Down change them.
    Its accessible value is the date (as a number, ISO 8601's basic form: see ``value``).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A date is taken when Enter is pressed (or the field is left), not while typing:
        # "3/3/20" on the way to "3/3/2026" is not the day meant.
        self.setKeyboardTracking(False)

    # Qt's accessible spin box reads the properties "value", "minimum" and "maximum" (a
    # QDateEdit has none: AT-SPI heard 0, 0 and 0). AT-SPI carries a value as a number
    # only (Qt 6.11 sends no Value.Text), so it is the date in ISO 8601's basic form,
    # 20260304; the words ("Wednesday 4 March 2026") are the field's text.
    def _iso_number(self, date: QDate) -> int:
        return date.year() * 10000 + date.month() * 100 + date.day()

    def _value(self) -> int:
        return self._iso_number(self.date())

    def _minimum(self) -> int:
        return self._iso_number(self.minimumDate())

    def _maximum(self) -> int:
        return self._iso_number(self.maximumDate())

    value = Property(int, _value)
    minimum = Property(int, _minimum)
    maximum = Property(int, _maximum)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 (Qt override)
        """Tab and Shift+Tab go to the next or previous widget, not to the date's next part."""
        return QWidget.focusNextPrevChild(self, next)

    def setCalendarPopup(self, enable: bool) -> None:  # noqa: N802 (Qt override)
        """Also names the popup and its grid of days, which Qt leaves unnamed."""
        super().setCalendarPopup(enable)
        calendar = self.calendarWidget() if enable else None
        grid = calendar.findChild(QTableView) if calendar is not None else None
        if calendar is not None:
            calendar.setAccessibleName(_("Calendar"))
        if grid is not None:
            grid.setAccessibleName(_("Days of the month"))

    def typed_date(self, text: str) -> QDate | None:
        """The date ``text`` names in one of the forms taken, or None."""
        text = " ".join(text.split())
        if not text:
            return None
        iso = QDate.fromString(text, Qt.DateFormat.ISODate)
        if iso.isValid():
            return iso
        locale = self.locale()
        for form in self._forms():
            date = locale.toDate(text, form)
            if not date.isValid():
                continue
            if "yyyy" in form:
                return date
            # A two-digit year, only as written in full ("17.11.2026" is not "17.11.20"),
            # is this century's: "26" is 2026, not 1926.
            if locale.toString(date, form) == text:
                return date.addYears(100) if date.year() < 2000 else date
        return None

    def _forms(self) -> list[str]:
        """The display form, the locale's long and short forms, and their looser spellings.

        Four-digit years first, then two-digit ones.
        """
        locale = self.locale()
        short = locale.dateFormat(QLocale.FormatType.ShortFormat).replace("yyyy", "yy")
        shorts = (short, short.replace("dd", "d").replace("MM", "M"))
        forms = [
            self.displayFormat(),
            locale.dateFormat(QLocale.FormatType.LongFormat),
            *(form.replace("yy", "yyyy") for form in shorts),
            "d MMMM yyyy",
            "d MMM yyyy",
            *shorts,
        ]
        return list(dict.fromkeys(forms))

    def validate(self, text: str, position: int) -> tuple[QValidator.State, str, int]:
        date = self.typed_date(text)
        if date is not None and self.minimumDate() <= date <= self.maximumDate():
            return QValidator.State.Acceptable, text, position
        # Anything else may become a date as more is typed: never refuse a key.
        return QValidator.State.Intermediate, text, position

    def dateTimeFromText(self, text: str) -> QDateTime:  # noqa: N802 (Qt override)
        date = self.typed_date(text)
        if date is None:
            return super().dateTimeFromText(text)
        return QDateTime(date, QTime(0, 0))
