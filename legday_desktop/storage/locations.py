"""Where a journal is: a file (a Path) or a PostgreSQL server (a ServerLocation), from ``--db``.

``journal_location`` reads what the person typed; ``open_store_at`` opens either kind.
A path never imports SQLAlchemy here (start-up stays fast); a server address is parsed
with it. A server address is only ever shown with its password hidden.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from legday_desktop.domain.wording import _
from legday_desktop.storage.errors import DatabasePathError

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

    from legday_desktop.storage.journal_store import JournalStore

# Anything that starts like "scheme://" is an address, not a file name.
_ADDRESS = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
# The password of an address that could not be parsed, to hide it all the same.
_PASSWORD = re.compile(r"(://[^/:@]*:)[^/@]*@")

# What a person may write for PostgreSQL; psycopg (3) is the one driver Legday uses.
_POSTGRESQL_SCHEMES = frozenset({"postgresql", "postgres", "postgresql+psycopg"})
DRIVER = "postgresql+psycopg"
# Hosts on this computer: a connection to them never leaves it, so needs no TLS.
_LOCAL_HOSTS = frozenset({"", "localhost", "127.0.0.1", "::1"})
# With these, libpq may talk in clear text; the others always encrypt.
_UNENCRYPTED_MODES = frozenset({"disable", "allow", "prefer"})
DEFAULT_SSL_MODE = "require"


@dataclass(frozen=True, repr=False)
class ServerLocation:
    """A journal in a PostgreSQL database: the address as given, TLS required off this host.

    ``url`` is the address with the plain ``postgresql`` scheme (and sslmode=require added
    for a host elsewhere); ``engine_url`` is what SQLAlchemy opens; ``name`` shows it with
    the password hidden, for messages and logs.
    """

    url: URL

    @property
    def engine_url(self) -> URL:
        return self.url.set(drivername=DRIVER)

    @property
    def name(self) -> str:
        return self.url.render_as_string(hide_password=True)

    @property
    def is_local(self) -> bool:
        return _is_local(self.url)

    def without_password(self, text: str) -> str:
        """``text`` (a driver's error, say) with this address's password hidden, should it show."""
        password = self.url.password
        if not password:
            return text
        return str(text).replace(str(password), "***")

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"ServerLocation({self.name!r})"


def journal_location(text: str | Path) -> Path | ServerLocation:
    """What ``--db`` names: a ``postgresql://`` address, or else a file's path.

    DatabasePathError for an address Legday cannot use (another kind of database, no
    database name, or a way to a server elsewhere that would not be encrypted).
    """
    if isinstance(text, Path):
        return text
    if _ADDRESS.match(text):
        return server_location(text)
    return Path(text)


def server_location(address: str) -> ServerLocation:
    """The ServerLocation of ``postgresql://user@host/database?…`` (see ``journal_location``)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    shown = _PASSWORD.sub(r"\1***@", address)
    try:
        url = make_url(address)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise DatabasePathError(
            _("{address} is not an address Legday can read").format(address=shown)
        ) from None
    if url.drivername not in _POSTGRESQL_SCHEMES:
        raise DatabasePathError(
            _(
                "{address}: Legday keeps a journal in a file or on a PostgreSQL server "
                "(postgresql://…), not {scheme}"
            ).format(address=shown, scheme=url.drivername)
        )
    url = url.set(drivername="postgresql")
    shown = url.render_as_string(hide_password=True)
    if not url.database:
        raise DatabasePathError(
            _(
                "{address} names no database: add it after the host (postgresql://host/database)"
            ).format(address=shown)
        )
    if not _is_local(url):
        mode = url.query.get("sslmode")
        if mode is None:
            url = url.update_query_dict({"sslmode": DEFAULT_SSL_MODE})
        elif mode in _UNENCRYPTED_MODES:
            raise DatabasePathError(
                _(
                    "{address}: with sslmode={mode} your journal could travel unencrypted; leave "
                    "sslmode out (require) or use sslmode=verify-full"
                ).format(address=shown, mode=mode)
            )
    return ServerLocation(url)


def _hosts(url: URL) -> tuple[str, ...]:
    """Every host the address may connect to: the one before the path, or ?host=… (libpq)."""
    given = url.query.get("host")
    if given is None:
        given = url.host or ""
    listed = (given,) if isinstance(given, str) else tuple(given)
    return tuple(host.strip() for hosts in listed for host in hosts.split(","))


def _is_local(url: URL) -> bool:
    """Whether every host is this computer: a Unix socket's folder, localhost or a loopback."""
    return all(host in _LOCAL_HOSTS or host.startswith("/") for host in _hosts(url))


def open_store_at(location: Path | ServerLocation) -> JournalStore:
    """The journal at ``location`` to read and write: a file, or a database on a server."""
    if isinstance(location, ServerLocation):
        from legday_desktop.storage.server import open_server_store

        return open_server_store(location)
    from legday_desktop.storage.database import open_store

    return open_store(location)
