"""The dialog to log or edit a leg day: date, exercises, effort, duration and notes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from legday_desktop.domain.errors import DomainError
from legday_desktop.domain.exercises import CATALOGUE
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.regions import group_by_id
from legday_desktop.domain.training import GroupLoad, WeightUnit
from legday_desktop.domain.training_load import exercise_lines, load_text, raw_loads
from legday_desktop.domain.wording import _
from legday_desktop.ui.texts import escape
from legday_desktop.ui.typed_date_edit import TypedDateEdit


@dataclass(frozen=True, slots=True)
class LegDayDecision:
    """What the user decided: save ``leg_day`` (moved from ``original_date``), or delete it."""

    leg_day: LegDay | None
    original_date: dt.date | None
    delete: bool = False


class LegDayDialog(QDialog):
    """Logs a new leg day or edits one; ``ask`` runs it and returns the decision."""

    def __init__(
        self,
        parent: QWidget | None,
        leg_day: LegDay | None,
        date: dt.date,
        today: dt.date,
        notice: str = "",
        *,
        unit: WeightUnit = WeightUnit.KG,
    ) -> None:
        """``notice`` names warnings that still stand (a symptom reported in the last days).

        The logged sets' weights and volumes are shown in ``unit`` (Preferences).
        """
        super().__init__(parent)
        self._original = leg_day
        self._today = today
        self._delete = False
        self.setWindowTitle("Edit leg day" if leg_day else "Log leg day")

        # One Tab stop whose accessible value is the date (not 0), and takes a typed date.
        self.date_edit = TypedDateEdit()
        self.date_edit.setDate(_qdate(leg_day.date if leg_day else date))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMaximumDate(_qdate(today))
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.title_edit = QLineEdit(leg_day.title if leg_day else "")
        self.title_edit.setPlaceholderText("e.g. Squat day")

        chosen = {name.casefold() for name in (leg_day.exercises if leg_day else ())}
        self.exercise_list = QListWidget()
        self.exercise_list.setAccessibleName("Exercises from the catalogue")
        for exercise in CATALOGUE:
            item = QListWidgetItem(exercise.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked
                if exercise.name.casefold() in chosen
                else Qt.CheckState.Unchecked
            )
            self.exercise_list.addItem(item)
        # A name as a training app wrote it ("Squat (Barbell)") is kept as it is.
        catalogue_names = {exercise.name.casefold() for exercise in CATALOGUE}
        others = [
            name
            for name in (leg_day.exercises if leg_day else ())
            if name.casefold() not in catalogue_names
        ]
        self.other_exercises = QLineEdit(", ".join(others))
        self.other_exercises.setPlaceholderText("Other exercises, separated by commas")
        self.other_exercises.setAccessibleName(_("Other exercises"))

        self.rpe = QSpinBox()
        self.rpe.setRange(0, 10)
        self.rpe.setSpecialValueText("not set")
        self.rpe.setValue((leg_day.rpe or 0) if leg_day else 0)
        self.rpe.setToolTip("Rate of perceived exertion: 1 very easy … 10 maximal")
        self.duration = QSpinBox()
        self.duration.setRange(0, 600)
        self.duration.setSingleStep(5)
        self.duration.setSuffix(" min")
        self.duration.setSpecialValueText("not set")
        self.duration.setValue((leg_day.duration_minutes or 0) if leg_day else 0)
        self.notes = QPlainTextEdit(leg_day.notes if leg_day else "")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(80)
        self.error_label = QLabel()
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)  # it may quote what was typed
        self.error_label.setStyleSheet("color: white; background: #b00020; padding: 4px;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        form = QFormLayout()
        form.addRow("&Date", self.date_edit)
        form.addRow("&Title", self.title_edit)
        form.addRow("&Exercises", self.exercise_list)
        form.addRow("", self.other_exercises)
        form.addRow("Effort (&RPE)", self.rpe)
        form.addRow("D&uration", self.duration)
        form.addRow("&Notes", self.notes)
        self.sets_view = QPlainTextEdit(_sets_text(leg_day, unit))
        self.sets_view.setReadOnly(True)
        self.sets_view.setTabChangesFocus(True)
        self.sets_view.setAccessibleName("Logged sets and training load")
        self.sets_view.setMaximumHeight(140)
        if leg_day is not None and leg_day.sets:
            form.addRow("Logged &sets", self.sets_view)
        else:
            self.sets_view.hide()

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        if leg_day is not None:
            delete = buttons.addButton(
                "Delete leg day", QDialogButtonBox.ButtonRole.DestructiveRole
            )
            delete.clicked.connect(self._delete_clicked)
        layout = QVBoxLayout(self)
        self.notice_label = QLabel(
            f"<b>Before you train again</b><br>{escape(notice)}<br>Have it seen to first; "
            "the warning stays on the Today tab for 7 days from when you reported it."
        )
        self.notice_label.setObjectName("standingWarning")
        self.notice_label.setStyleSheet(
            "#standingWarning { color: white; background: #b00020; padding: 6px; "
            "border-radius: 4px; }"
        )
        self.notice_label.setWordWrap(True)
        self.notice_label.setAccessibleName("Warning that still stands")
        self.notice_label.setVisible(bool(notice))
        layout.addWidget(self.notice_label)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(420, 560)

    def leg_day(self) -> LegDay:
        """The leg day as filled in; DomainError if a field is not valid."""
        exercises = [
            self.exercise_list.item(row).text()
            for row in range(self.exercise_list.count())
            if self.exercise_list.item(row).checkState() == Qt.CheckState.Checked
        ]
        exercises += [
            name.strip() for name in self.other_exercises.text().split(",") if name.strip()
        ]
        leg_day = LegDay(
            date=self.date_edit.date().toPython(),  # type: ignore[arg-type]
            title=self.title_edit.text().strip(),
            exercises=tuple(dict.fromkeys(exercises)),
            rpe=self.rpe.value() or None,
            duration_minutes=self.duration.value() or None,
            start_time=self._original.start_time if self._original else None,
            notes=self.notes.toPlainText(),
            sets=self._original.sets if self._original else (),
        )
        leg_day.check_not_after(self._today)
        return leg_day

    def _save(self) -> None:
        try:
            self.leg_day()
        except DomainError as error:
            self.error_label.setText(f"Not saved — {error.field}: {error.problem}")
            self.error_label.show()
            return
        self.accept()

    def _delete_clicked(self) -> None:
        self._delete = True
        self.accept()

    def decision(self) -> LegDayDecision:
        original_date = self._original.date if self._original else None
        if self._delete:
            return LegDayDecision(None, original_date, delete=True)
        return LegDayDecision(self.leg_day(), original_date)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        leg_day: LegDay | None,
        date: dt.date,
        today: dt.date,
        notice: str = "",
        *,
        unit: WeightUnit = WeightUnit.KG,
    ) -> LegDayDecision | None:
        """Run the dialog; the user's decision, or None if cancelled. Tests replace this."""
        dialog = cls(parent, leg_day, date, today, notice, unit=unit)
        try:
            return dialog.decision() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def _sets_text(leg_day: LegDay | None, unit: WeightUnit) -> str:
    """The leg day's logged sets by exercise, then the load on each group (warm-ups left out)."""
    if leg_day is None or not leg_day.sets:
        return ""
    loads = raw_loads(leg_day.sets)
    lines = exercise_lines(leg_day.sets, unit)
    lines.append("")
    lines.append("Training load (warm-ups left out):")
    for group, (hard, volume) in sorted(loads.items(), key=lambda item: -item[1][0]):
        load = GroupLoad(hard, volume)
        lines.append(f"{group_by_id(group).name}: {load_text(load, with_novelty=False, unit=unit)}")
    return "\n".join(lines)


def _qdate(date: dt.date) -> QDate:
    return QDate(date.year, date.month, date.day)
