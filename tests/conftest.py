"""Test configuration: offscreen Qt, no test touches the real user's folders, a test PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from helpers.postgres import Cluster, throwaway_cluster

if TYPE_CHECKING:
    from legday_desktop.storage.locations import ServerLocation

# Before any Qt import: GUI tests need no display. Their screen is a common desktop's
# (Qt's offscreen screen is 800×800 otherwise, smaller than the window's default size).
TEST_SCREEN = Path(__file__).resolve().parent / "helpers" / "screen-1920x1080.json"
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={TEST_SCREEN}"

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
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.delenv("LEGDAY_DB", raising=False)
    return home


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A folder on its own 3 MB tmpfs, to fill up: a real full disk (needs root to mount)."""
    import subprocess

    folder = tmp_path / "small-disk"
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    """A throwaway PostgreSQL cluster for this test process (see tests/helpers/postgres.py)."""
    with throwaway_cluster() as cluster:
        yield cluster


@pytest.fixture(scope="session")
def migrated_template(postgres_cluster: Cluster) -> str:
    """A database that Legday opened once (every migration run), to copy for each test."""
    from legday_desktop.storage.server import open_server_store

    name = postgres_cluster.create_database()
    open_server_store(postgres_cluster.url(name)).close()  # no connection left: copyable
    return name


@pytest.fixture
def empty_server_database(postgres_cluster: Cluster) -> Iterator[str]:
    """The address of a new, empty database owned by the administrator, dropped after."""
    name = postgres_cluster.create_database()
    try:
        yield postgres_cluster.url(name)
    finally:
        postgres_cluster.drop_database(name)


@pytest.fixture
def server_journal(postgres_cluster: Cluster, migrated_template: str) -> Iterator[ServerLocation]:
    """A new, empty journal on the test cluster (a copy of the migrated template)."""
    from legday_desktop.storage.locations import server_location

    name = postgres_cluster.create_database(template=migrated_template)
    try:
        yield server_location(postgres_cluster.url(name))
    finally:
        postgres_cluster.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def journal_location(request: pytest.FixtureRequest, tmp_path: Path) -> Path | ServerLocation:
    """Where a new journal is, once in a file and once on a PostgreSQL server.

    For the storage tests that hold on both (see storage.locations.open_store_at).
    """
    if request.param == "sqlite":
        return tmp_path / "journal.sqlite3"
    location: ServerLocation = request.getfixturevalue("server_journal")
    return location
