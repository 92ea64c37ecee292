"""The user's preferences, kept with QSettings: read whole, written whole, changes announced.

A value that cannot be read (hand-edited, from a newer Legday, of the wrong type) falls back
to its default instead of failing: preferences never keep the app from starting.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal

from legday_desktop import APP_NAME
from legday_desktop.domain.training import WeightUnit

MIN_BACKUPS_KEPT = 1
MAX_BACKUPS_KEPT = 1000

_Choice = TypeVar("_Choice", bound=enum.StrEnum)


class Theme(enum.StrEnum):
    """Which colours the window uses."""

    SYSTEM = "system"  # follow the desktop's light or dark scheme, live
    LIGHT = "light"
    DARK = "dark"


class Language(enum.StrEnum):
    """The language of the window, the advice and the report."""

    SYSTEM = "system"  # the desktop's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG)
    ENGLISH = "en"
    GERMAN = "de"


@dataclasses.dataclass(frozen=True, slots=True)
class Preferences:
    """Everything the Preferences dialog sets; the defaults are a new user's."""

    reminder_on: bool = False
    reminder_time: dt.time = dt.time(20, 0)
    start_at_login: bool = False
    theme: Theme = Theme.SYSTEM
    language: Language = Language.SYSTEM
    weight_unit: WeightUnit = WeightUnit.KG
    both_sides: bool = True
    backups_kept: int = 10


_KEYS = {
    "reminder_on": "reminder/on",
    "reminder_time": "reminder/time",
    "start_at_login": "startup/at_login",
    "theme": "appearance/theme",
    "language": "appearance/language",
    "weight_unit": "units/weight",
    "both_sides": "map/both_sides",
    "backups_kept": "backups/kept",
}


def settings() -> QSettings:
    """Legday's settings file (``~/.config/Legday/Legday.conf`` on Linux)."""
    return QSettings(APP_NAME, APP_NAME)


def _bool(value: object, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in {"true", "false"}:
        return value.lower() == "true"
    return default


def _time(value: object, default: dt.time) -> dt.time:
    if isinstance(value, str):
        try:
            return dt.time.fromisoformat(value).replace(second=0, microsecond=0, tzinfo=None)
        except ValueError:
            return default
    return default


def _choice(value: object, kind: type[_Choice], default: _Choice) -> _Choice:
    try:
        return kind(str(value))
    except ValueError:
        return default


def _count(value: object, default: int) -> int:
    try:
        number = int(str(value))
    except ValueError:
        return default
    return number if MIN_BACKUPS_KEPT <= number <= MAX_BACKUPS_KEPT else default


def load_preferences(store: QSettings | None = None) -> Preferences:
    """The preferences saved, each unreadable or missing one at its default."""
    store = store or settings()
    base = Preferences()

    def raw(field: str) -> object:
        return store.value(_KEYS[field])

    return Preferences(
        reminder_on=_bool(raw("reminder_on"), base.reminder_on),
        reminder_time=_time(raw("reminder_time"), base.reminder_time),
        start_at_login=_bool(raw("start_at_login"), base.start_at_login),
        theme=_choice(raw("theme"), Theme, base.theme),
        language=_choice(raw("language"), Language, base.language),
        weight_unit=_choice(raw("weight_unit"), WeightUnit, base.weight_unit),
        both_sides=_bool(raw("both_sides"), base.both_sides),
        backups_kept=_count(raw("backups_kept"), base.backups_kept),
    )


def save_preferences(preferences: Preferences, store: QSettings | None = None) -> None:
    """Write every preference (times as ``HH:MM``, choices by their value)."""
    store = store or settings()
    for field in dataclasses.fields(Preferences):
        value = getattr(preferences, field.name)
        if isinstance(value, dt.time):
            value = value.isoformat(timespec="minutes")
        elif isinstance(value, enum.Enum):
            value = value.value
        store.setValue(_KEYS[field.name], value)
    store.sync()


class PreferencesService(QObject):
    """The preferences in use: ``change`` saves them and says which fields changed.

    ``changed`` carries the new Preferences and the set of field names that differ from the
    old, so each part of the app applies only what concerns it (the theme, the language,
    the reminder timer …) at once.
    """

    changed = Signal(object, object)  # Preferences, frozenset[str]

    def __init__(
        self, store: QSettings | None = None, parent: QObject | None = None, *, saved: bool = True
    ) -> None:
        """``saved=False`` (snapshots, self-tests): the defaults, changed but never saved."""
        super().__init__(parent)
        self._store = store
        self._saved = saved
        self._current = load_preferences(store) if saved else Preferences()

    @property
    def current(self) -> Preferences:
        return self._current

    def change(self, **fields: object) -> Preferences:
        """Save ``current`` with ``fields`` replaced; emit ``changed`` if anything differs."""
        new = dataclasses.replace(self._current, **fields)  # type: ignore[arg-type]
        differing = frozenset(
            field.name
            for field in dataclasses.fields(Preferences)
            if getattr(new, field.name) != getattr(self._current, field.name)
        )
        if not differing:
            return new
        if self._saved:
            save_preferences(new, self._store)
        self._current = new
        self.changed.emit(new, differing)
        return new

    def replace(self, preferences: Preferences) -> Preferences:
        """Make ``preferences`` the ones in use (the Preferences dialog's OK)."""
        fields = {f.name: getattr(preferences, f.name) for f in dataclasses.fields(preferences)}
        return self.change(**fields)


def shared_preferences() -> PreferencesService:
    """The application's one PreferencesService for its settings file (windows share it).

    A child of the application, named after the settings file: another file (a test's
    own home) gets its own service.
    """
    app = QCoreApplication.instance()
    name = settings().fileName()
    found = app.findChild(PreferencesService, name) if app is not None else None
    if isinstance(found, PreferencesService):
        return found
    service = PreferencesService(parent=app)
    service.setObjectName(name)
    return service
