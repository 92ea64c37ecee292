"""Preferences kept with QSettings: defaults, bad values falling back, changes announced."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings

from legday_desktop.domain.training import WeightUnit
from legday_desktop.services.preferences import (
    Preferences,
    PreferencesService,
    Theme,
    load_preferences,
    save_preferences,
)
from legday_desktop.storage.backup import backups_to_keep


def store(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "legday.conf"), QSettings.Format.IniFormat)


def test_saved_preferences_read_back_whole(tmp_path: Path) -> None:
    chosen = Preferences(reminder_on=True, reminder_time=dt.time(7, 30), theme=Theme.DARK,
                         weight_unit=WeightUnit.LB, both_sides=False, backups_kept=3)  # fmt: skip
    save_preferences(chosen, store(tmp_path))
    assert load_preferences(store(tmp_path)) == chosen


def test_unreadable_values_fall_back_to_their_defaults(tmp_path: Path) -> None:
    settings = store(tmp_path)
    for key, value in {"reminder/time": "25:99", "appearance/theme": "purple",
                       "units/weight": "stone", "backups/kept": "0", "map/both_sides": "maybe",
                       "appearance/language": 42}.items():  # fmt: skip
        settings.setValue(key, value)
    settings.sync()
    assert load_preferences(store(tmp_path)) == Preferences()


def test_a_change_is_saved_and_announced_with_the_fields_that_differ(tmp_path: Path) -> None:
    service = PreferencesService(store(tmp_path))
    seen: list[frozenset[str]] = []
    service.changed.connect(lambda _preferences, fields: seen.append(fields))
    service.change(weight_unit=WeightUnit.LB, both_sides=True)  # both_sides is the default
    service.change(weight_unit=WeightUnit.LB)  # nothing differs: nothing announced
    assert seen == [frozenset({"weight_unit"})]
    assert load_preferences(store(tmp_path)).weight_unit is WeightUnit.LB


def test_unsaved_preferences_start_at_the_defaults_and_write_nothing(tmp_path: Path) -> None:
    save_preferences(Preferences(theme=Theme.DARK), store(tmp_path))
    service = PreferencesService(store(tmp_path), saved=False)
    assert service.current == Preferences()
    service.change(theme=Theme.LIGHT)
    assert load_preferences(store(tmp_path)).theme is Theme.DARK


def test_the_environment_variable_wins_over_the_backups_preference() -> None:
    assert backups_to_keep({}, preferred=4) == 4
    assert backups_to_keep({"LEGDAY_KEEP_BACKUPS": "7"}, preferred=4) == 7
    assert backups_to_keep({}, preferred=None) == 10
