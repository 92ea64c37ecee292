"""Test configuration: offscreen Qt, and no test ever touches the real user's folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Before any Qt import: GUI tests need no display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/gui as a GUI test."""
    for item in items:
        if (TESTS / "gui") in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def isolated_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point HOME and the XDG folders at a temporary home, and forget LEGDAY_DB."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("LEGDAY_DB", raising=False)
    return home
