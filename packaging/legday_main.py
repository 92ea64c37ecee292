"""The bundled app's entry point: the ``legday`` command, with matplotlib's cache kept."""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping
from pathlib import Path

APP_FOLDER = "legday"


def user_cache_folder(environ: MutableMapping[str, str], platform: str = sys.platform) -> Path:
    """Where the desktop keeps the user's caches: XDG_CACHE_HOME, ~/.cache, or the OS's own."""
    if platform == "win32":
        local = environ.get("LOCALAPPDATA")
        return Path(local) if local else Path.home() / "AppData" / "Local"
    if platform == "darwin":
        return Path.home() / "Library" / "Caches"
    cache = environ.get("XDG_CACHE_HOME", "")
    # The XDG rule: a relative path is ignored.
    return Path(cache) if cache and Path(cache).is_absolute() else Path.home() / ".cache"


def keep_font_cache(
    environ: MutableMapping[str, str] = os.environ,
    *,
    frozen: bool = bool(getattr(sys, "frozen", False)),
    platform: str = sys.platform,
) -> Path | None:
    """In the bundle, give matplotlib a config folder that outlives the process.

    PyInstaller's run-time hook points MPLCONFIGDIR at a new temporary folder on every
    launch, so matplotlib scanned the fonts again each time (+0.18 s to the first chart).
    Its font list now stays in ``<user cache>/legday/matplotlib`` (owner-only). A list
    naming fonts from a bundle since moved is rebuilt by matplotlib itself when a font is
    missing, and a new matplotlib writes a list of its own version. Runs before matplotlib
    is imported; returns the folder, or None (not frozen, or the folder cannot be made:
    then the temporary one stays).
    """
    if not frozen:
        return None
    folder = user_cache_folder(environ, platform) / APP_FOLDER / "matplotlib"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    if not os.access(folder, os.W_OK | os.X_OK):
        return None
    environ["MPLCONFIGDIR"] = str(folder)
    return folder


if __name__ == "__main__":
    keep_font_cache()

    from legday_desktop.cli import main

    sys.exit(main())
