"""Compiled gettext catalogues for tests: the German the build makes, or a few words of our own."""

from __future__ import annotations

import struct
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

PO_FOLDER = Path(__file__).resolve().parents[2] / "po"


def merged_catalogue(language: str = "de") -> Catalog:
    """``po/<language>/*.po`` in one catalogue, as setup.py merges them for the build."""
    merged = Catalog(locale=language, domain="legday")
    for po in sorted((PO_FOLDER / language).glob("*.po")):
        with po.open("rb") as file:
            for message in read_po(file, locale=language):
                if message.id and message.string and not message.fuzzy:
                    merged.add(message.id, message.string, context=message.context)
    return merged


def compile_catalogues(folder: Path, language: str = "de") -> Path:
    """``folder/<language>/LC_MESSAGES/legday.mo`` from ``po/<language>/*.po``; ``folder``."""
    merged = merged_catalogue(language)
    target = folder / language / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    with (target / "legday.mo").open("wb") as file:
        write_mo(file, merged)
    return folder


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
