"""A throwaway PostgreSQL cluster for the server backend's tests, in a temporary folder.

One cluster per test process (pytest-xdist worker), started the first time a test asks
for it: ``initdb`` into a new folder, ``pg_ctl start`` listening on a Unix socket in that
folder only (no TCP port), stopped (``-m immediate``) and removed at the end of the run,
also when tests failed. Each test gets a database of its own, copied from a template.

initdb refuses to run as root, and CI runs as root: then the cluster runs as ``nobody``
(through ``runuser``) in a folder given to that user. Without the PostgreSQL binaries the
tests that need them are skipped and say why, unless LEGDAY_REQUIRE_POSTGRES=1 (as
.ci/run sets it), which makes that a failure.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Set by .ci/run: there, a server test that cannot run is a failure, not a skip.
REQUIRE_VARIABLE = "LEGDAY_REQUIRE_POSTGRES"
# A folder holding initdb, pg_ctl and postgres, to use instead of the ones found.
BIN_VARIABLE = "LEGDAY_POSTGRES_BIN"
UNPRIVILEGED_USER = "nobody"

SUPERUSER = "postgres"
# The role that owns the journal's database and schema (``legday server init`` will make it).
ADMINISTRATOR = "legday_admin"

# Durability is not what these tests check: a cluster that never syncs starts in half the time.
SERVER_SETTINGS = (
    "-c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off "
    "-c max_connections=40 -c shared_buffers=16MB"
)


def unavailable(reason: str) -> None:
    """Skip the test for ``reason``; fail it instead when LEGDAY_REQUIRE_POSTGRES=1."""
    if os.environ.get(REQUIRE_VARIABLE) == "1":
        pytest.fail(f"{reason} ({REQUIRE_VARIABLE}=1: the server tests must run)", pytrace=False)
    pytest.skip(reason)


def find_binaries() -> Path | None:
    """The folder with initdb, pg_ctl and postgres: LEGDAY_POSTGRES_BIN, Debian's, or PATH's."""
    wanted = ("initdb", "pg_ctl", "postgres")
    candidates: list[Path] = []
    if os.environ.get(BIN_VARIABLE):
        candidates.append(Path(os.environ[BIN_VARIABLE]))
    # Debian installs each major version in its own folder; the newest first.
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda folder: int(folder.parent.name) if folder.parent.name.isdigit() else 0,
        reverse=True,
    )
    candidates.extend(debian)
    initdb = shutil.which("initdb")
    if initdb is not None:
        candidates.append(Path(initdb).resolve().parent)
    for folder in candidates:
        if all((folder / name).is_file() for name in wanted):
            return folder
    return None


class Cluster:
    """A running PostgreSQL cluster in ``folder``, reached through the Unix socket there.

    ``superuser`` can do anything; ``ADMINISTRATOR`` may create databases. Statements run
    through psycopg in autocommit mode (CREATE DATABASE cannot run in a transaction).
    """

    def __init__(self, binaries: Path, folder: Path, run_as: str | None) -> None:
        self.binaries = binaries
        self.folder = folder
        self.data = folder / "data"
        self.socket_folder = folder
        self.log = folder / "server.log"
        self._run_as = run_as
        self._names = itertools.count(1)

    # --- the server process ----------------------------------------------------------

    def _run(self, tool: str, *arguments: str) -> None:
        prefix = ["runuser", "-u", self._run_as, "--"] if self._run_as else []
        done = subprocess.run(
            [*prefix, str(self.binaries / tool), *arguments],
            capture_output=True,
            text=True,
            cwd=self.folder,  # a folder the unprivileged user may enter
            timeout=60,
        )
        if done.returncode != 0:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            raise RuntimeError(f"{tool} failed ({done.returncode}): {done.stderr}{log}")

    def start(self) -> None:
        self._run(
            "initdb",
            "--pgdata",
            str(self.data),
            "--username",
            SUPERUSER,
            # Only this user can reach the socket's folder (0700): trust is safe there.
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )
        self._run(
            "pg_ctl",
            "start",
            "--wait",
            "--timeout",
            "60",
            "--pgdata",
            str(self.data),
            "--log",
            str(self.log),
            "--options",
            f"{SERVER_SETTINGS} -c unix_socket_directories='{self.socket_folder}'",
        )
        self.execute(f"CREATE ROLE {ADMINISTRATOR} LOGIN CREATEDB")

    def stop(self) -> None:
        """Stop the server at once (nothing in it is kept)."""
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "stop", "--pgdata", str(self.data), "--mode", "immediate")

    # --- inside it -------------------------------------------------------------------

    def url(self, database: str, user: str = ADMINISTRATOR, password: str | None = None) -> str:
        """The ``postgresql://`` URL a person would give to reach ``database`` as ``user``."""
        secret = f":{password}" if password is not None else ""
        return f"postgresql://{user}{secret}@/{database}?host={self.socket_folder}"

    def connect(self, database: str = "postgres", user: str = SUPERUSER) -> Any:
        """A psycopg connection in autocommit mode (the caller closes it)."""
        import psycopg

        return psycopg.connect(
            dbname=database, user=user, host=str(self.socket_folder), autocommit=True
        )

    def execute(self, sql: str, database: str = "postgres", user: str = SUPERUSER) -> list[Any]:
        """Run ``sql`` (one statement) and return its rows, if it has any."""
        with self.connect(database, user) as connection:
            cursor = connection.execute(sql)
            return cursor.fetchall() if cursor.description is not None else []

    def new_name(self, prefix: str) -> str:
        return f"{prefix}_{os.getpid()}_{next(self._names)}"

    def create_database(self, *, template: str = "template0", owner: str = ADMINISTRATOR) -> str:
        """A new database owned by ``owner``, a copy of ``template``; its name."""
        name = self.new_name("journal")
        # FILE_COPY: with fsync off, copying a small template's files beats WAL-logging it.
        self.execute(f"CREATE DATABASE {name} TEMPLATE {template} OWNER {owner} STRATEGY FILE_COPY")
        return name

    def drop_database(self, name: str) -> None:
        self.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@contextlib.contextmanager
def throwaway_cluster() -> Iterator[Cluster]:
    """Start a new cluster in a new temporary folder; stop it and remove the folder after.

    Skips (or fails, see ``unavailable``) when PostgreSQL or psycopg is not installed.
    """
    try:
        import psycopg  # noqa: F401
    except ImportError:
        unavailable('psycopg is not installed (pip install -e ".[test]" brings it)')
    binaries = find_binaries()
    if binaries is None:
        unavailable(
            "PostgreSQL's initdb, pg_ctl and postgres were not found (Debian package "
            f"postgresql, or set {BIN_VARIABLE})"
        )
        raise AssertionError  # unreachable: unavailable() skips or fails
    run_as = UNPRIVILEGED_USER if os.geteuid() == 0 else None
    # Directly under the temporary folder (pytest's own are root-only): short enough for a
    # socket's path, and reachable by the unprivileged user.
    folder = Path(tempfile.mkdtemp(prefix="legday-pg-"))
    cluster = Cluster(binaries, folder, run_as)
    try:
        if run_as is not None:
            shutil.chown(folder, user=run_as)
        cluster.start()
        yield cluster
    finally:
        try:
            cluster.stop()
        finally:
            shutil.rmtree(folder, ignore_errors=True)
