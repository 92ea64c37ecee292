"""One writer per journal: a lock file beside it, held while a window has it open."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import socket
from dataclasses import dataclass
from pathlib import Path

APPLICATION = "legday"


@dataclass(frozen=True)
class LockHolder:
    """Who a lock file names as its holder: process, host, application, since when."""

    process: int | None
    host: str
    application: str
    since: dt.datetime | None

    @classmethod
    def parse(cls, text: str) -> LockHolder | None:
        """The holder a lock file's text names; None for an empty file or another format."""
        lines = [line.rstrip("\r") for line in text.split("\n")]  # CRLF from another system
        if len(lines) < 3 or not lines[0].isdigit() or not lines[1].strip():
            return None
        since = None
        if len(lines) > 3 and lines[3]:
            with contextlib.suppress(ValueError):
                since = dt.datetime.fromisoformat(lines[3])
        return cls(int(lines[0]) or None, lines[1], lines[2], since)

    def text(self) -> str:
        since = self.since.isoformat(timespec="seconds") if self.since else ""
        return f"{self.process or 0}\n{self.host}\n{self.application}\n{since}\n"


def this_host() -> str:
    return socket.gethostname()


class JournalLock:
    """The ``<journal>.lock`` file, locked with ``flock`` while its writer runs.

    The kernel drops the lock when the process that holds it ends, however it ends, so on
    this machine a lock nobody holds is stale: a crashed window, or a process id reused by
    another program, cannot keep the journal locked. A journal in a folder shared with
    another computer is different: ``flock`` may not reach across (a network or synced
    folder), so a lock file naming Legday on another host is honoured until the user
    says to take it over. The file names its holder (process, host, application, since),
    readable by the owner only.
    """

    def __init__(self, journal: Path) -> None:
        self.path = Path(f"{journal}.lock")
        self._descriptor: int | None = None
        self._held_elsewhere = False
        self.other_host: LockHolder | None = None  # set when Legday on another host has it

    def acquire(self, *, take_over: bool = False) -> bool:
        """Take the lock if nobody holds it; False when another Legday does (or no folder).

        A lock file left by Legday on another host is taken only with ``take_over``;
        otherwise ``other_host`` names its holder.
        """
        if self._descriptor is not None:
            return True
        self._held_elsewhere = False
        self.other_host = None
        while True:
            try:
                descriptor = os.open(
                    self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600
                )
            except OSError:
                return False  # a read-only folder, or something planted at the name
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(descriptor)
                self._held_elsewhere = True
                return False
            except OSError:
                os.close(descriptor)
                return False
            if self._still_at_path(descriptor):
                break
            os.close(descriptor)  # its holder removed it as we opened it: take the new one
        left = self._left_by_other_host(descriptor)
        if left is not None and not take_over:
            os.close(descriptor)  # (which also lets go of the flock)
            self.other_host = left
            return False
        with contextlib.suppress(OSError):
            os.fchmod(descriptor, 0o600)
            os.ftruncate(descriptor, 0)
            holder = LockHolder(os.getpid(), this_host(), APPLICATION, dt.datetime.now())
            os.pwrite(descriptor, holder.text().encode(), 0)
        self._descriptor = descriptor
        return True

    @staticmethod
    def _left_by_other_host(descriptor: int) -> LockHolder | None:
        """The holder a lock file nobody here holds names, if it is Legday on another host.

        On this host a lock nobody holds is stale, whatever process it names.
        """
        try:
            text = os.pread(descriptor, 4096, 0).decode("utf-8", errors="replace")
        except OSError:
            return None
        holder = LockHolder.parse(text)
        if holder is None or holder.application != APPLICATION or holder.host == this_host():
            return None
        return holder

    def _still_at_path(self, descriptor: int) -> bool:
        try:
            here = self.path.lstat()
        except OSError:
            return False
        held = os.fstat(descriptor)
        return (here.st_dev, here.st_ino) == (held.st_dev, held.st_ino)

    def still_at_path(self) -> bool:
        """True while the lock is held and its file is still the one at its path."""
        return self._descriptor is not None and self._still_at_path(self._descriptor)

    def held_elsewhere(self) -> bool:
        """True when the last ``acquire`` failed because another process holds the lock."""
        return self._held_elsewhere

    def release(self) -> None:
        """Give the lock up and remove its file; nothing when it is not held."""
        if self._descriptor is None:
            return
        # Removed while still locked, so nobody can take the lock on a file about to go.
        with contextlib.suppress(OSError):
            self.path.unlink()
        os.close(self._descriptor)
        self._descriptor = None

    def is_held(self) -> bool:
        """True while this object holds the lock."""
        return self._descriptor is not None

    def holder(self) -> LockHolder | None:
        """Who the lock file names as its holder, if it can be read."""
        try:
            return LockHolder.parse(self.path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            return None
