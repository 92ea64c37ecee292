"""Start at login: an XDG autostart entry that starts Legday in the tray, as Preferences say.

Freedesktop desktops (GNOME, KDE, Xfce …) start, at login, each entry in
``$XDG_CONFIG_HOME/autostart`` (``~/.config/autostart``). Legday's is ``legday.desktop``:
it runs the command that started this Legday (the ``legday`` script, or the bundle's
executable) with ``--tray``, on the default journal. The entry carries a key of ours
(``X-Legday-Autostart``): a file of that name that lacks it was written by someone else,
and is never replaced or removed. Elsewhere than on such desktops (Windows, macOS) this
does nothing yet.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from legday_desktop import APP_NAME
from legday_desktop.domain.wording import _
from legday_desktop.file_writing import write_atomically
from legday_desktop.resource_files import resource_path
from legday_desktop.services.preferences import Preferences, PreferencesService

ENTRY_NAME = "legday.desktop"
OURS_KEY = "X-Legday-Autostart"
TRAY_OPTION = "--tray"
# Characters that make an Exec argument need quotes (Desktop Entry spec, "The Exec key").
_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
# Within quotes, these are escaped with a backslash.
_ESCAPED_IN_QUOTES = frozenset('"`$\\')

_log = logging.getLogger("legday.autostart")


def supported(platform: str = sys.platform) -> bool:
    """Whether the desktop starts XDG autostart entries (Linux and the BSDs, not Windows/macOS)."""
    return platform not in {"win32", "cygwin", "darwin"}


def autostart_folder() -> Path:
    """``$XDG_CONFIG_HOME/autostart``; ``~/.config/autostart`` when unset or relative (XDG)."""
    config = os.environ.get("XDG_CONFIG_HOME", "")
    base = Path(config) if config and Path(config).is_absolute() else Path.home() / ".config"
    return base / "autostart"


def legday_command() -> list[str]:
    """The command that started this Legday, to start it again the same way.

    The bundle's executable (PyInstaller); the ``legday`` script it was run by; else
    (``python -m legday_desktop``, or a script that cannot run by itself) the Python
    running it, with ``-m legday_desktop``.
    """
    if getattr(sys, "frozen", False):
        return [sys.executable]
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if (
        script is not None
        and script.name != "__main__.py"
        and script.is_file()
        and os.access(script, os.X_OK)
    ):
        return [str(script.resolve())]
    # sys.executable as it is: resolving it would leave the virtual environment.
    return [sys.executable, "-m", "legday_desktop"]


def exec_argument(argument: str) -> str:
    """One argument as the Desktop Entry spec's Exec key wants it: quoted where needed."""
    argument = argument.replace("%", "%%")  # a lone % would start a field code (%f, %u …)
    if argument and not _RESERVED.intersection(argument):
        return argument
    escaped = "".join(f"\\{c}" if c in _ESCAPED_IN_QUOTES else c for c in argument)
    return f'"{escaped}"'


def _string_value(text: str) -> str:
    """A desktop entry string value: backslash and control characters escaped (the spec's)."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def entry_text(command: Sequence[str]) -> str:
    """The autostart entry that runs ``command`` with ``--tray`` at login."""
    exec_line = " ".join(exec_argument(argument) for argument in [*command, TRAY_OPTION])
    icon = resource_path("icons") / "legday-256.png"
    comment = _("Legday in the tray from login on: the daily reminder, the body map a click away")
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        f"Name={APP_NAME}",
        f"Comment={_string_value(comment)}",
        f"Exec={_string_value(exec_line)}",
        f"Icon={_string_value(str(icon))}",
        "Terminal=false",
        "X-GNOME-Autostart-enabled=true",
        # Ours: Preferences may replace or remove it (a file without this key, never).
        f"{OURS_KEY}=true",
    ]
    return "\n".join(lines) + "\n"


def is_ours(path: Path) -> bool:
    """Whether ``path`` is an autostart entry Legday wrote (a plain file with our key)."""
    if path.is_symlink() or not path.is_file():
        return False
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return any(line.strip() == f"{OURS_KEY}=true" for line in text.splitlines())


class StartAtLogin(QObject):
    """Keeps ``legday.desktop`` in the autostart folder as the ``start_at_login`` preference says.

    Applied at once (the entry then names the command that started this Legday) and
    whenever the preference changes. Emits ``failed`` with a message for the user when the
    entry cannot be written or removed (a read-only folder, a file someone else wrote).
    """

    failed = Signal(str)

    def __init__(
        self,
        preferences: PreferencesService,
        *,
        command: Sequence[str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._preferences = preferences
        self._command = list(command) if command is not None else legday_command()
        preferences.changed.connect(self._preferences_changed)

    def apply_now(self) -> bool:
        """Make the entry match the preference as it is (at start: whatever changed since)."""
        return self.apply(on=self._preferences.current.start_at_login)

    @property
    def path(self) -> Path:
        return autostart_folder() / ENTRY_NAME

    def apply(self, *, on: bool) -> bool:
        """Write the entry (``on``) or remove it; False (and ``failed``) when that failed."""
        if not supported():
            return True
        path = self.path
        try:
            if on:
                return self._write(path)
            return self._remove(path)
        except OSError as error:
            _log.warning("Start at login: %s", error)
            self.failed.emit(
                _("Cannot write {path}: {reason}").format(path=path, reason=error.strerror)
                if on
                else _("Cannot remove {path}: {reason}").format(path=path, reason=error.strerror)
            )
            return False

    def _write(self, path: Path) -> bool:
        text = entry_text(self._command)
        if path.exists() or path.is_symlink():
            if not is_ours(path):
                _log.warning("Start at login: %s is not Legday's; left as it is", path)
                self.failed.emit(
                    _(
                        "{path} was not written by Legday, so it is left as it is; remove it "
                        "to let Legday start at login"
                    ).format(path=path)
                )
                return False
            if path.read_text(encoding="utf-8") == text:
                return True
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomically(path, text.encode("utf-8"))
        _log.info("Start at login: wrote %s", path)
        return True

    def _remove(self, path: Path) -> bool:
        if not (path.exists() or path.is_symlink()):
            return True
        if not is_ours(path):
            _log.info("Start at login off: %s is not Legday's; left as it is", path)
            return True
        path.unlink()
        _log.info("Start at login: removed %s", path)
        return True

    def _preferences_changed(self, preferences: Preferences, fields: frozenset[str]) -> None:
        if "start_at_login" in fields:
            self.apply(on=preferences.start_at_login)
