"""Where ``--db`` says the journal is: a file's path, or a PostgreSQL address made safe to use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from legday_desktop.storage.errors import DatabasePathError
from legday_desktop.storage.locations import ServerLocation, journal_location, server_location


@pytest.mark.parametrize(
    "text",
    ["journal.sqlite3", "~/legday.sqlite3", "/home/ana/My journal.sqlite3", "C:\\legday.sqlite3"],
)
def test_anything_not_written_as_an_address_is_a_file(text: str) -> None:
    assert journal_location(text) == Path(text)
    assert journal_location(Path(text)) == Path(text)


def test_reading_a_path_does_not_import_sqlalchemy() -> None:
    """Start-up decides where the journal is before the window shows, SQLAlchemy after it."""
    code = (
        "import sys; from legday_desktop.storage.locations import journal_location; "
        "journal_location('journal.sqlite3'); print('sqlalchemy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize(
    "address",
    [
        "postgresql://ana@db.example.org/legday",
        "postgres://ana@db.example.org/legday",
        "postgresql+psycopg://ana@db.example.org/legday",
    ],
)
def test_a_postgresql_address_opens_with_psycopg(address: str) -> None:
    location = journal_location(address)
    assert isinstance(location, ServerLocation)
    assert location.url.drivername == "postgresql"
    assert location.engine_url.drivername == "postgresql+psycopg"
    assert (location.url.username, location.url.host, location.url.database) == (
        "ana",
        "db.example.org",
        "legday",
    )


def test_a_server_elsewhere_is_reached_over_tls_unless_told_stricter() -> None:
    assert server_location("postgresql://ana@db.example.org/legday").url.query == {
        "sslmode": "require"
    }
    assert str(server_location("postgresql://ana@db.example.org/legday")) == (
        "postgresql://ana@db.example.org/legday?sslmode=require"
    )
    for mode in ("require", "verify-ca", "verify-full"):
        given = server_location(f"postgresql://ana@db.example.org/legday?sslmode={mode}")
        assert given.url.query["sslmode"] == mode


@pytest.mark.parametrize("mode", ["disable", "allow", "prefer"])
def test_a_server_elsewhere_is_never_reached_in_clear_text(mode: str) -> None:
    with pytest.raises(DatabasePathError, match=f"sslmode={mode} .*unencrypted"):
        server_location(f"postgresql://ana:hunter2@db.example.org/legday?sslmode={mode}")


@pytest.mark.parametrize(
    "address",
    [
        "postgresql:///legday",
        "postgresql://ana@localhost/legday",
        "postgresql://ana@127.0.0.1:5433/legday",
        "postgresql://ana@[::1]/legday",
        "postgresql://ana@/legday?host=/run/postgresql",
        "postgresql://ana@/legday?host=/run/postgresql&sslmode=disable",
    ],
)
def test_a_server_on_this_computer_needs_no_tls(address: str) -> None:
    location = server_location(address)
    assert location.is_local
    assert location.url.query.get("sslmode") in (None, "disable")


def test_a_socket_beside_a_host_elsewhere_still_needs_tls() -> None:
    location = server_location("postgresql://ana@/legday?host=/run/postgresql,db.example.org")
    assert not location.is_local
    assert location.url.query["sslmode"] == "require"


def test_the_password_is_never_shown() -> None:
    location = server_location("postgresql://ana:s3cret-pw@db.example.org/legday")
    assert location.url.password == "s3cret-pw"  # kept, to connect with
    for shown in (str(location), repr(location), location.name):
        assert "s3cret-pw" not in shown and "***" in shown
    assert location.without_password("FATAL: s3cret-pw is wrong") == "FATAL: *** is wrong"


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("mysql://ana:s3cret-pw@db.example.org/legday", "PostgreSQL server .*not mysql"),
        ("sqlite:///journal.sqlite3", "not sqlite"),
        ("postgresql+psycopg2://ana:s3cret-pw@db.example.org/legday", "not postgresql"),
        ("postgresql://ana:s3cret-pw@db.example.org", "names no database"),
        ("postgresql://ana:s3cret-pw@db.example.org:port/legday", "not an address Legday can"),
    ],
)
def test_an_address_legday_cannot_use_is_a_bad_path_named_without_its_password(
    address: str, message: str
) -> None:
    with pytest.raises(DatabasePathError, match=message) as refused:
        journal_location(address)
    assert "s3cret-pw" not in str(refused.value)
