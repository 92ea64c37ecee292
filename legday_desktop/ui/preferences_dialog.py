"""Edit → Preferences… (Ctrl+,): the reminder, start at login, theme, language, units, backups.

OK and Apply make the choices the ones in use at once (through ``PreferencesService``,
whose ``changed`` signal each part of the app follows: no restart); Cancel keeps what was
in use. The dialog words itself anew when the language changes (Qt's LanguageChange).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QEvent, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from legday_desktop.domain.training import WeightUnit
from legday_desktop.domain.wording import _
from legday_desktop.services.preferences import (
    MAX_BACKUPS_KEPT,
    MIN_BACKUPS_KEPT,
    Language,
    Preferences,
    PreferencesService,
    Theme,
)


class PreferencesDialog(QDialog):
    """The preferences as controls; OK or Apply hands them to ``service`` (saved, applied)."""

    def __init__(self, service: PreferencesService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.setObjectName("preferencesDialog")

        self.reminder_box = QGroupBox()
        self.reminder_on = QCheckBox()
        self.reminder_time = QTimeEdit()
        self.reminder_time.setDisplayFormat("HH:mm")
        # Its size hint leaves no room for the digits beside Fusion's arrows.
        digits = self.reminder_time.fontMetrics().horizontalAdvance("00:00")
        self.reminder_time.setMinimumWidth(digits + 48)
        self.reminder_on.toggled.connect(self.reminder_time.setEnabled)
        self.start_at_login = QCheckBox()
        self.reminder_note = QLabel()
        self.reminder_note.setWordWrap(True)
        self.reminder_note.setObjectName("preferencesNote")
        reminder_row = QHBoxLayout()
        reminder_row.addWidget(self.reminder_on)
        reminder_row.addWidget(self.reminder_time)
        reminder_row.addStretch(1)
        reminder_layout = QVBoxLayout(self.reminder_box)
        reminder_layout.addLayout(reminder_row)
        reminder_layout.addWidget(self.reminder_note)
        reminder_layout.addWidget(self.start_at_login)

        self.looks_box = QGroupBox()
        self.theme = QComboBox()
        self.language = QComboBox()
        self.theme_label = QLabel()
        self.language_label = QLabel()
        self.theme_label.setBuddy(self.theme)
        self.language_label.setBuddy(self.language)
        looks = QFormLayout(self.looks_box)
        looks.addRow(self.theme_label, self.theme)
        looks.addRow(self.language_label, self.language)

        self.logging_box = QGroupBox()
        self.weight_unit = QComboBox()
        self.weight_unit_label = QLabel()
        self.weight_unit_label.setBuddy(self.weight_unit)
        self.both_sides = QCheckBox()
        logging = QFormLayout(self.logging_box)
        logging.addRow(self.weight_unit_label, self.weight_unit)
        logging.addRow(self.both_sides)

        self.backups_box = QGroupBox()
        self.backups_kept = QSpinBox()
        self.backups_kept.setRange(MIN_BACKUPS_KEPT, MAX_BACKUPS_KEPT)
        self.backups_label = QLabel()
        self.backups_label.setBuddy(self.backups_kept)
        self.backups_note = QLabel()
        self.backups_note.setWordWrap(True)
        self.backups_note.setObjectName("preferencesNote")
        backups = QFormLayout(self.backups_box)
        backups.addRow(self.backups_label, self.backups_kept)
        backups.addRow(self.backups_note)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        apply = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        assert apply is not None
        apply.clicked.connect(self.apply)

        layout = QVBoxLayout(self)
        for box in (self.reminder_box, self.looks_box, self.logging_box, self.backups_box):
            layout.addWidget(box)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._retranslate()
        self.show_preferences(service.current)
        # Wide enough for the notes to wrap on two lines, and as tall as they then are.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("m") * 40)
        self.adjustSize()

    # --- words -------------------------------------------------------------------

    def _retranslate(self) -> None:
        """Every text of the dialog, in the language now in use (the choices are kept)."""
        self.setWindowTitle(_("Preferences"))
        self.reminder_box.setTitle(_("Daily reminder"))
        self.reminder_on.setText(_("&Remind me to log my legs each day at"))
        self.reminder_time.setAccessibleName(_("Reminder time"))
        self.reminder_note.setText(
            _("Not when the day is already rated. A reminder missed is not saved up for later.")
        )
        self.start_at_login.setText(_("Start Legday at &login, in the tray"))
        self.looks_box.setTitle(_("Appearance"))
        self.theme_label.setText(_("&Theme"))
        self.language_label.setText(_("&Language"))
        self._fill(
            self.theme,
            [
                (_("Same as the system"), Theme.SYSTEM),
                (_("Light"), Theme.LIGHT),
                (_("Dark"), Theme.DARK),
            ],
        )
        # Each language in its own words, so a person who reads only it can find it.
        self._fill(
            self.language,
            [
                (_("Same as the system"), Language.SYSTEM),
                ("English", Language.ENGLISH),
                ("Deutsch", Language.GERMAN),
            ],
        )
        self.logging_box.setTitle(_("Logging"))
        self.weight_unit_label.setText(_("&Weights in"))
        self._fill(
            self.weight_unit,
            [(_("Kilograms (kg)"), WeightUnit.KG), (_("Pounds (lb)"), WeightUnit.LB)],
        )
        self.weight_unit.setToolTip(
            _("How logged sets and training loads are shown; they are stored in kilograms.")
        )
        self.both_sides.setText(_("Rate &both sides at once (the map's “Both sides” box)"))
        self.backups_box.setTitle(_("Backups"))
        self.backups_label.setText(_("Automatic &backups kept"))
        self.backups_note.setText(self._backups_note())

    def _backups_note(self) -> str:
        note = _(
            "One a day, when Legday opens; the oldest go first. Backups made with "
            "File → Back up now… are never removed."
        )
        from legday_desktop.services.safekeeping import backups_kept_override

        override = backups_kept_override()
        if override is not None:
            name, value = override
            note += " " + _("{name}={value} is set and wins over this number.").format(
                name=name, value=value
            )
        return note

    @staticmethod
    def _fill(combo: QComboBox, choices: list[tuple[str, object]]) -> None:
        """Give ``combo`` these (text, value) choices, keeping the one chosen."""
        chosen = combo.currentData()
        combo.clear()
        for text, value in choices:
            combo.addItem(text, value)
        if chosen is not None:
            combo.setCurrentIndex(combo.findData(chosen))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()

    # --- values ------------------------------------------------------------------

    def show_preferences(self, preferences: Preferences) -> None:
        """Set every control to ``preferences``."""
        self.reminder_on.setChecked(preferences.reminder_on)
        self.reminder_time.setEnabled(preferences.reminder_on)
        time = preferences.reminder_time
        self.reminder_time.setTime(QTime(time.hour, time.minute))
        self.start_at_login.setChecked(preferences.start_at_login)
        self.theme.setCurrentIndex(self.theme.findData(preferences.theme))
        self.language.setCurrentIndex(self.language.findData(preferences.language))
        self.weight_unit.setCurrentIndex(self.weight_unit.findData(preferences.weight_unit))
        self.both_sides.setChecked(preferences.both_sides)
        self.backups_kept.setValue(preferences.backups_kept)

    def chosen(self) -> Preferences:
        """The preferences as the controls show them."""
        time = self.reminder_time.time()
        return dataclasses.replace(
            self._service.current,
            reminder_on=self.reminder_on.isChecked(),
            reminder_time=dt.time(time.hour(), time.minute()),
            start_at_login=self.start_at_login.isChecked(),
            theme=Theme(self.theme.currentData()),
            language=Language(self.language.currentData()),
            weight_unit=WeightUnit(self.weight_unit.currentData()),
            both_sides=self.both_sides.isChecked(),
            backups_kept=self.backups_kept.value(),
        )

    def apply(self) -> None:
        """Make the choices the ones in use: saved, and applied at once."""
        self._service.replace(self.chosen())

    def accept(self) -> None:
        self.apply()
        super().accept()

    @classmethod
    def edit(cls, service: PreferencesService, parent: QWidget | None = None) -> bool:
        """Run the dialog; True when OK was chosen (Apply may have applied some before)."""
        dialog = cls(service, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return dialog.exec() == QDialog.DialogCode.Accepted
