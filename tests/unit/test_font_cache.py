"""The bundle's entry point keeps matplotlib's font list in the user's cache folder."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ENTRY_POINT = Path(__file__).resolve().parents[2] / "packaging" / "legday_main.py"


def entry_point() -> ModuleType:
    spec = importlib.util.spec_from_file_location("legday_main", ENTRY_POINT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # defines the functions; main() runs only as __main__
    return module


def test_the_frozen_app_keeps_matplotlibs_config_in_the_cache_folder(tmp_path: Path) -> None:
    environ = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "MPLCONFIGDIR": "/tmp/_MEI-temporary"}
    folder = entry_point().keep_font_cache(environ, frozen=True, platform="linux")
    assert folder == tmp_path / "cache" / "legday" / "matplotlib"
    assert environ["MPLCONFIGDIR"] == str(folder)
    assert folder.is_dir() and folder.stat().st_mode & 0o777 == 0o700


def test_from_source_or_without_a_writable_cache_nothing_changes(tmp_path: Path) -> None:
    hook = entry_point().keep_font_cache
    environ = {"XDG_CACHE_HOME": str(tmp_path)}
    assert hook(environ, frozen=False, platform="linux") is None
    assert "MPLCONFIGDIR" not in environ
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    environ = {"XDG_CACHE_HOME": str(blocked), "MPLCONFIGDIR": "/tmp/_MEI-temporary"}
    assert hook(environ, frozen=True, platform="linux") is None
    assert environ["MPLCONFIGDIR"] == "/tmp/_MEI-temporary"  # PyInstaller's stays


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"XDG_CACHE_HOME": "/var/cache/me"}, "/var/cache/me"),
        ({"XDG_CACHE_HOME": "relative/cache"}, "~/.cache"),  # XDG: a relative path is ignored
        ({}, "~/.cache"),
    ],
)
def test_the_cache_folder_follows_xdg(environ: dict[str, str], expected: str) -> None:
    assert entry_point().user_cache_folder(environ, "linux") == Path(expected).expanduser()


def test_a_second_run_finds_the_font_list_the_first_wrote(tmp_path: Path) -> None:
    """As the bundle would, with the hook: matplotlib writes its font list once."""
    probe = (
        "import runpy, sys\n"
        "sys.frozen = True\n"
        f"module = runpy.run_path({str(ENTRY_POINT)!r})\n"
        "module['keep_font_cache'](frozen=True)\n"
        "import matplotlib.font_manager\n"
    )
    environment = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "MPLCONFIGDIR": "/nonexistent"}
    subprocess.run([sys.executable, "-c", probe], env=environment, check=True)
    (font_list,) = (tmp_path / "legday" / "matplotlib").glob("fontlist-*.json")
    written = font_list.stat().st_mtime_ns
    subprocess.run([sys.executable, "-c", probe], env=environment, check=True)
    assert font_list.stat().st_mtime_ns == written  # read, not rebuilt
