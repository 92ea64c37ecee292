"""One writer per journal: a lock file beside it, held while a window has it open."""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
from pathlib import Path

APPLICATION = "legday"


class JournalLock:
    """The ``<journal>.lock`` file, locked with ``flock`` while its writer runs.

    The kernel drops the lock when the process that holds it ends, however it ends, so a
    lock is never stale on this machine: a crashed window, or a process id reused by
    another program, cannot keep the journal locked. The file names its holder (process,
    host, application) for the refusal message, readable by the owner only.
    """

    def __init__(self, journal: Path) -> None:
        self.path = Path(f"{journal}.lock")
        self._descriptor: int | None = None
        self._held_elsewhere = False

    def acquire(self) -> bool:
        """Take the lock if nobody holds it; False when another Legday does (or no folder)."""
        if self._descriptor is not None:
            return True
        self._held_elsewhere = False
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
        with contextlib.suppress(OSError):
            os.fchmod(descriptor, 0o600)
            os.ftruncate(descriptor, 0)
            holder = f"{os.getpid()}\n{socket.gethostname()}\n{APPLICATION}\n"
            os.pwrite(descriptor, holder.encode(), 0)
        self._descriptor = descriptor
        return True

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

    def holder(self) -> int | None:
        """The process id holding the lock, if it can be read."""
        try:
            first_line = self.path.read_text(encoding="utf-8", errors="replace").split("\n")[0]
        except OSError:
            return None
        return int(first_line) if first_line.isdigit() and int(first_line) > 0 else None
