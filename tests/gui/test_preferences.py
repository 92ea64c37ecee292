"""Edit → Preferences… (Ctrl+,) as a user opens it: each choice shows at once, Cancel keeps all."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import click_region, press, stored_levels, with_preferences
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from legday_desktop import APP_NAME
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.training import WeightUnit, WorkoutSet
from legday_desktop.services.preferences import Language, Theme
from legday_desktop.ui.leg_day_dialog import LegDayDialog
from legday_desktop.ui.main_window import MainWindow
from legday_desktop.ui.preferences_dialog import PreferencesDialog
from legday_desktop.ui.theme import is_dark


def settings_value(key: str) -> object:
    return QSettings(APP_NAME, APP_NAME).value(key)


def test_ctrl_comma_opens_preferences_and_cancel_changes_nothing(
    window: MainWindow, qtbot: QtBot
) -> None:
    def change_then_cancel(dialog: PreferencesDialog) -> None:
        dialog.both_sides.click()
        dialog.weight_unit.setCurrentIndex(dialog.weight_unit.findData(WeightUnit.LB))
        dialog.theme.setCurrentIndex(dialog.theme.findData(Theme.DARK))
        press(dialog, QDialogButtonBox.StandardButton.Cancel)

    with_preferences(window, qtbot, change_then_cancel)
    assert window.both_sides.isChecked()
    assert window.weight_unit is WeightUnit.KG
    assert not is_dark(QApplication.palette())
    assert settings_value("units/weight") is None


def test_both_sides_off_in_preferences_unticks_the_box_and_rates_one_side(
    window: MainWindow, qtbot: QtBot, database: Path
) -> None:
    def untick(dialog: PreferencesDialog) -> None:
        dialog.both_sides.click()
        press(dialog, QDialogButtonBox.StandardButton.Ok)

    with_preferences(window, qtbot, untick)
    assert not window.both_sides.isChecked()
    assert settings_value("map/both_sides") in (False, "false")
    click_region(window, "quadriceps.left")
    QTest.keyClick(window.body_map, Qt.Key.Key_5)
    qtbot.waitUntil(lambda: stored_levels(database) == {"quadriceps.left": 5})
    # The box is the preference: ticked under the map, Preferences shows it ticked.
    window.both_sides.click()
    assert window.preferences.current.both_sides


def test_pounds_show_in_the_leg_days_sets(window: MainWindow, qtbot: QtBot) -> None:
    def pounds(dialog: PreferencesDialog) -> None:
        dialog.weight_unit.setCurrentIndex(dialog.weight_unit.findData(WeightUnit.LB))
        press(dialog, QDialogButtonBox.StandardButton.Apply)
        assert window.weight_unit is WeightUnit.LB  # applied before the dialog closes
        press(dialog, QDialogButtonBox.StandardButton.Cancel)

    with_preferences(window, qtbot, pounds)
    assert settings_value("units/weight") == "lb"
    day = dt.date.today()
    leg_day = LegDay(day, "Squat day", ("Squat",), sets=(WorkoutSet("Squat", 1, 5, 100.0),))
    dialog = LegDayDialog(window, leg_day, day, day, unit=window.weight_unit)
    qtbot.addWidget(dialog)
    text = dialog.sets_view.toPlainText()
    assert "Squat: 5 × 220.5 lb" in text and "kg" not in text


def test_the_theme_changes_at_once_and_back(window: MainWindow, qtbot: QtBot) -> None:
    def dark(dialog: PreferencesDialog) -> None:
        dialog.theme.setCurrentIndex(dialog.theme.findData(Theme.DARK))
        press(dialog, QDialogButtonBox.StandardButton.Ok)

    with_preferences(window, qtbot, dark)
    # Qt hands the application's new palette to each widget from the event loop.
    qtbot.waitUntil(lambda: is_dark(window.body_map.palette()))
    assert settings_value("appearance/theme") == "dark"
    window.preferences.change(theme=Theme.SYSTEM)
    qtbot.waitUntil(lambda: not is_dark(window.body_map.palette()))


def test_backups_kept_reach_the_journal_service(window: MainWindow, qtbot: QtBot) -> None:
    def three(dialog: PreferencesDialog) -> None:
        dialog.backups_kept.setValue(3)
        press(dialog, QDialogButtonBox.StandardButton.Ok)

    with_preferences(window, qtbot, three)
    assert window.service is not None and window.service.backups_kept == 3
    assert int(str(settings_value("backups/kept"))) == 3


def test_german_rebuilds_the_window_keeping_the_day_and_selection(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    # A tiny German catalogue, made here: the real one may not have these words yet.
    folder = tmp_path / "locale" / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "legday.po"
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Preferences"\nmsgstr "Einstellungen"\n',
        encoding="utf-8",
    )
    subprocess.run(["msgfmt", "-o", str(folder / "legday.mo"), str(po)], check=True)
    from legday_desktop.domain import wording

    monkeypatch.setattr(wording, "locale_folder", lambda: tmp_path / "locale")
    click_region(window, "calves.right")
    window.show_view("insights")
    old_map = window.body_map
    titles: list[str] = []

    def german(dialog: PreferencesDialog) -> None:
        dialog.language.setCurrentIndex(dialog.language.findData(Language.GERMAN))
        press(dialog, QDialogButtonBox.StandardButton.Apply)
        qtbot.waitUntil(lambda: dialog.windowTitle() == "Einstellungen")
        titles.append(dialog.windowTitle())
        dialog.language.setCurrentIndex(dialog.language.findData(Language.SYSTEM))
        press(dialog, QDialogButtonBox.StandardButton.Ok)

    try:
        with_preferences(window, qtbot, german)
    finally:
        wording.use_language(None)
    assert titles == ["Einstellungen"]
    qtbot.waitUntil(lambda: window.body_map is not old_map)
    assert window.body_map.selected_region == "calves.right"
    assert window.current_view == "insights"
    assert window.shown_date == dt.date.today()
