"""Loading big libraries after PySide6 without PySide6 reading each one's source first."""

from __future__ import annotations

import builtins
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def plain_imports() -> Iterator[None]:
    """Run the imports inside with Python's own ``__import__``, not PySide6's.

    PySide6 replaces ``builtins.__import__`` to support ``from __feature__ import``, and
    reads the whole source of every module imported after it (``inspect.getsource``) to
    see whether it mentions PySide6. For the storage layer and SQLAlchemy, imported once
    the window is shown, that costs about 50 ms and 14 MB of memory; for matplotlib and
    NumPy, 180 ms and 22 MB. None of them use ``__feature__``; PySide6 treats
    a module it has not seen as using no feature, which is what they need.
    """
    pyside_import = builtins.__import__
    python_import = getattr(builtins, "__orig_import__", None)
    if python_import is None or python_import is pyside_import:
        yield  # PySide6 did not replace the import (another version, or not loaded)
        return
    builtins.__import__ = python_import
    try:
        yield
    finally:
        builtins.__import__ = pyside_import
