"""Compiled gettext catalogues for tests, written without msgfmt."""

from __future__ import annotations

import struct
from pathlib import Path


def write_catalogue(path: Path, messages: dict[str, str]) -> None:
    """A compiled gettext catalogue (the .mo format msgfmt writes), from the stdlib alone."""
    header = "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n"
    entries = sorted({"": header, **messages}.items())
    ids = [key.encode() for key, _ in entries]
    strs = [value.encode() for _, value in entries]
    count = len(entries)
    ids_at = 7 * 4
    strs_at = ids_at + count * 8
    data_at = strs_at + count * 8
    tables: list[int] = []
    blob = b""
    for strings in (ids, strs):
        for text in strings:
            tables += [len(text), data_at + len(blob)]
            blob += text + b"\0"
    magic = struct.pack("<7I", 0x950412DE, 0, count, ids_at, strs_at, 0, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(magic + struct.pack(f"<{len(tables)}I", *tables) + blob)
