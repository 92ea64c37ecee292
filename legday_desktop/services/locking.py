"""One writer per journal: a lock file beside it, held while a window has it open."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QLockFile


class JournalLock:
    """The ``<journal>.lock`` file. A lock left by a process that died is taken over."""

    def __init__(self, journal: Path) -> None:
        self.path = Path(f"{journal}.lock")
        self._lock = QLockFile(str(self.path))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone

    def acquire(self) -> bool:
        """Take the lock if nobody holds it; False when another Legday does."""
        if not self._lock.tryLock(0):
            return False
        # It names the process and the machine: for the owner's eyes only, as the journal.
        with contextlib.suppress(OSError):
            self.path.chmod(0o600)
        return True

    def held_elsewhere(self) -> bool:
        """True when the last ``acquire`` failed because another process holds the lock."""
        return self._lock.error() == QLockFile.LockError.LockFailedError

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()

    def holder(self) -> int | None:
        """The process id holding the lock, if it can be read."""
        info = self._lock.getLockInfo()  # PySide6: (pid, hostname, application name)
        pid = info[0] if isinstance(info, tuple) and info else 0
        return pid if isinstance(pid, int) and pid > 0 else None
