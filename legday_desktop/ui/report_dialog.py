"""File → Export report…: which weeks the report covers, and whose days 1–3 its maps show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QDate, QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from legday_desktop.domain.leg_days import LegDay
from legday_desktop.drawing.colours import with_contrast
from legday_desktop.ui import texts
from legday_desktop.ui.typed_date_edit import TypedDateEdit

NEWEST_RATED = "The newest leg day rated on days 1–3"
PROBLEM_RED = "#b00020"
TEXT_CONTRAST = 4.5  # WCAG AA for normal text


@dataclass(frozen=True, slots=True)
class ReportChoice:
    """The period, and the leg day for the body maps (None: the report picks one)."""

    first: dt.date
    last: dt.date
    leg_day: dt.date | None


def _qdate(date: dt.date) -> QDate:
    return QDate(date.year, date.month, date.day)


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class ReportDialog(QDialog):
    """Asks for the report's period (default: the last 4 weeks) and its leg day."""

    def __init__(
        self,
        leg_days: Sequence[LegDay],
        today: dt.date,
        first: dt.date,
        shown_leg_day: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export report")
        self._leg_days = tuple(sorted(leg_days, key=lambda leg_day: leg_day.date))
        self._today = today
        intro = QLabel(
            "A PDF for a physiotherapist or doctor: body maps, charts, peaks and recovery "
            "days, every warning and alert with its dates, and your notes."
        )
        intro.setWordWrap(True)
        # One Tab stop each, whose accessible value is the date (not 0), and take typed dates.
        self.first_edit = TypedDateEdit()
        self.last_edit = TypedDateEdit()
        self.first_edit.setDate(_qdate(first))
        self.last_edit.setDate(_qdate(today))
        for edit in (self.first_edit, self.last_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("ddd d MMM yyyy")
            edit.setMaximumDate(_qdate(today))
            edit.dateChanged.connect(self._period_changed)
        self.leg_day_box = QComboBox()
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self._colour_problem()
        form = QFormLayout()
        form.addRow("&From:", self.first_edit)
        form.addRow("&To:", self.last_edit)
        form.addRow("Body &maps after:", self.leg_day_box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(
            "&Save report…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._period_changed()
        if shown_leg_day is not None:
            index = self.leg_day_box.findData(shown_leg_day.isoformat())
            if index >= 0:
                self.leg_day_box.setCurrentIndex(index)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._colour_problem()

    def _colour_problem(self) -> None:
        """The problem in red, readable (4.5:1) on the dialog's background, light or dark."""
        background = self.palette().color(QPalette.ColorRole.Window)
        red = with_contrast(QColor(PROBLEM_RED), background, TEXT_CONTRAST)
        self.problem_label.setStyleSheet(f"color: {red.name()};")

    def choice(self) -> ReportChoice:
        data = self.leg_day_box.currentData()
        leg_day = dt.date.fromisoformat(data) if data else None
        return ReportChoice(_date(self.first_edit.date()), _date(self.last_edit.date()), leg_day)

    def _period_changed(self) -> None:
        first, last = _date(self.first_edit.date()), _date(self.last_edit.date())
        chosen = self.leg_day_box.currentData()
        self.leg_day_box.clear()
        in_period = [leg_day for leg_day in self._leg_days if first <= leg_day.date <= last]
        if in_period:
            self.leg_day_box.addItem(NEWEST_RATED, "")
        for leg_day in reversed(in_period):
            label = f"{texts.short_date(leg_day.date, self._today)} · {leg_day.display_title}"
            self.leg_day_box.addItem(label, leg_day.date.isoformat())
        if chosen:
            index = self.leg_day_box.findData(chosen)
            if index >= 0:
                self.leg_day_box.setCurrentIndex(index)
        if first > last:
            problem = "The period starts after it ends: choose an earlier From date."
        elif not in_period:
            problem = "There is no leg day in this period: choose a longer one."
        else:
            problem = ""
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        self.leg_day_box.setEnabled(bool(in_period))
        self.save_button.setEnabled(not problem)
