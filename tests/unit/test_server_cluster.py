"""The throwaway PostgreSQL cluster the server tests run on: private, tidy, never skipped in CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers.postgres import (
    ADMINISTRATOR,
    REQUIRE_VARIABLE,
    Cluster,
    throwaway_cluster,
    unavailable,
)


def test_the_cluster_listens_on_its_own_socket_only(postgres_cluster: Cluster) -> None:
    assert postgres_cluster.execute("SHOW listen_addresses") == [("",)]
    assert postgres_cluster.execute("SHOW unix_socket_directories") == [
        (str(postgres_cluster.socket_folder),)
    ]
    # The folder is private: only the user the server runs as may enter it.
    assert postgres_cluster.folder.stat().st_mode & 0o077 == 0


def test_the_administrator_may_create_databases_and_owns_them(postgres_cluster: Cluster) -> None:
    name = postgres_cluster.create_database()
    try:
        owner = postgres_cluster.execute(
            f"SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '{name}'"
        )
        assert owner == [(ADMINISTRATOR,)]
        assert postgres_cluster.execute(
            "SELECT current_user", database=name, user=ADMINISTRATOR
        ) == [(ADMINISTRATOR,)]
    finally:
        postgres_cluster.drop_database(name)


def test_a_cluster_is_stopped_and_removed_also_when_its_test_fails(
    postgres_cluster: Cluster,
) -> None:
    folder: Path | None = None
    with pytest.raises(RuntimeError, match="the test failed"), throwaway_cluster() as cluster:
        folder = cluster.folder
        assert (cluster.data / "postmaster.pid").exists()
        raise RuntimeError("the test failed")
    assert folder is not None and not folder.exists()


def test_missing_binaries_skip_locally_and_fail_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(REQUIRE_VARIABLE, raising=False)
    with pytest.raises(pytest.skip.Exception, match="not found"):
        unavailable("initdb was not found")
    monkeypatch.setenv(REQUIRE_VARIABLE, "1")
    with pytest.raises(pytest.fail.Exception, match=f"{REQUIRE_VARIABLE}=1"):
        unavailable("initdb was not found")
    assert os.environ[REQUIRE_VARIABLE] == "1"
