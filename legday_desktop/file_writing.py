"""Writing a whole file safely: owner-only, into a fresh temporary file, then renamed."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that it is never left half-written, for the owner only.

    The temporary file beside ``path`` is created new (O_EXCL, mode 0600, an unguessable
    name), so nothing planted there is followed or written through; it is flushed to disk
    and renamed over ``path``, and the folder is synced. A symlink at ``path`` is replaced
    by the file, never written through. Raises OSError if it cannot be written; ``path``
    is then left as it was and no temporary file is left behind.
    """
    try:
        descriptor, name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".partial", dir=path.parent
        )
    except OSError as error:  # say which file could not be written, not the temporary one
        raise OSError(error.errno, error.strerror, str(path)) from error
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Put the rename itself on disk (a crash after it keeps the new file)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
