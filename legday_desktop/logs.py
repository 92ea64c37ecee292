"""Legday's log: a rotating, owner-only file in the platform's state folder (``--debug`` echoes)."""

from __future__ import annotations

import logging
import os
import sys
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_FILE_NAME = "legday.log"
MAX_LOG_BYTES = 1_000_000  # then the file is rotated: legday.log.1 … .3 are kept
KEPT_LOGS = 3
LOGGER_NAME = "legday"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_folder() -> Path:
    """Where the log goes: the XDG state folder on Linux, the usual log folders elsewhere."""
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / "Legday"
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "Legday" / "Logs"
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "legday"


class _OwnerOnlyRotatingFileHandler(RotatingFileHandler):
    """A rotating log whose files only their owner can read (it names journals and paths)."""

    def _open(self) -> TextIOWrapper:
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.fchmod(descriptor, 0o600)  # also a file made before with other rights
        return os.fdopen(descriptor, "a", encoding=self.encoding, errors=self.errors)


def start_logging(*, debug: bool = False, folder: Path | None = None) -> Path:
    """Send Legday's log to its file (and with ``debug``, also to standard error at DEBUG).

    Returns the log file's path. Calling it again replaces the handlers it made before.
    Without a writable folder the log goes to standard error only, at WARNING.
    """
    logger = logging.getLogger(LOGGER_NAME)
    for handler in [h for h in logger.handlers if getattr(h, "_legday", False)]:
        logger.removeHandler(handler)
        handler.close()
    logger.setLevel(logging.DEBUG if debug else logging.INFO)
    logger.propagate = False
    path = (folder or log_folder()) / LOG_FILE_NAME
    handlers: list[logging.Handler] = []
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handlers.append(
            _OwnerOnlyRotatingFileHandler(
                path, maxBytes=MAX_LOG_BYTES, backupCount=KEPT_LOGS, encoding="utf-8"
            )
        )
    except OSError:
        debug = True  # nowhere to write it: say it where it can be seen
    if debug:
        echo = logging.StreamHandler(sys.stderr)
        echo.setLevel(logging.DEBUG if handlers else logging.WARNING)
        handlers.append(echo)
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        handler._legday = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    return path
