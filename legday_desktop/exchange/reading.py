"""Reading an import file from disk: size, encoding and format detection."""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
import stat
from pathlib import Path

from legday_desktop.domain.wording import _
from legday_desktop.exchange.csv_format import parse_csv
from legday_desktop.exchange.errors import ImportFileError
from legday_desktop.exchange.json_format import load_json, parse_json, parse_json_document
from legday_desktop.exchange.parsed import ParsedImport

# Thirty years of daily ratings of every region export to about 16 MB; with a note of
# 400 characters on every one of them, to about 95 MB. An import holds the file and its
# records in memory (about 14 bytes for each byte of a CSV of valid rows: 1.4 GB and 45 s
# at the limit), so the limit is what Legday writes for such a journal, and no more: a
# larger file is refused before it is read, and an export as large says so.
MAX_IMPORT_BYTES = 100_000_000
_CHUNK_BYTES = 1 << 20
# Line breaks as the CSV reader counts them, so that every message agrees on line numbers.
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


def decode(data: bytes, source: str) -> str:
    """UTF-8 text of ``data`` (a BOM is allowed); ImportFileError naming the line otherwise."""
    # Not "utf-8-sig": its error offsets would not count the BOM.
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[start:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = start + error.start
        line = len(_LINE_BREAK.findall(data, 0, offset)) + 1
        raise ImportFileError(
            source,
            str(line),
            "encoding",
            _(
                "not UTF-8 text (byte {byte} at offset {offset}); "
                "save the file as UTF-8 and try again"
            ).format(byte=f"0x{data[offset]:02x}", offset=offset),
        ) from None


def parse_import(data: bytes, source: str, *, today: dt.date) -> ParsedImport:
    """Parse an export file's bytes, telling JSON from CSV by the file name or its content."""
    return parse_text(decode(data, source), source, today=today)


def parse_text(text: str, source: str, *, today: dt.date) -> ParsedImport:
    """Parse an export file's text, telling JSON from CSV by the file name or its content."""
    if _is_json(text, source):
        return parse_json(text, source, today=today)
    return parse_csv(text, source, today=today)


def _is_json(text: str, source: str) -> bool:
    suffix = Path(source).suffix.lower()
    return suffix == ".json" or (suffix != ".csv" and text.lstrip().startswith(("{", "[")))


def read_import_file(path: Path, *, today: dt.date) -> ParsedImport:
    """Read and validate the export file at ``path``; ImportFileError if it cannot be used.

    A 30-year journal is a 16 MB file: its bytes are let go once decoded, and a JSON
    file's text once decoded into a document, so that no two copies are held at once.
    """
    source = str(path)
    text = _read_text(path)
    if not _is_json(text, source):
        return parse_csv(text, source, today=today)
    document = load_json(text, source)
    del text
    return parse_json_document(document, source, today=today)


def too_large_to_import(size: int) -> str | None:
    """Why a file of ``size`` bytes is more than Legday imports at once (None: it is not)."""
    if size <= MAX_IMPORT_BYTES:
        return None
    return _(
        "is larger than {most} MB, the most Legday imports at once "
        "(a 30-year journal exports to about 16 MB); check that it is the right file"
    ).format(most=MAX_IMPORT_BYTES // 1_000_000)


def _read_text(path: Path) -> str:
    """The file's text, read no further than the limit (a pipe or a device too)."""
    try:
        with path.open("rb") as file:
            status = os.fstat(file.fileno())
            too_large = (
                too_large_to_import(status.st_size) if stat.S_ISREG(status.st_mode) else None
            )
            if too_large is None:
                chunks: list[bytes] = []
                total = 0
                while total <= MAX_IMPORT_BYTES and (chunk := file.read(_CHUNK_BYTES)):
                    chunks.append(chunk)
                    total += len(chunk)
                too_large = too_large_to_import(total)
    except OSError as error:
        raise ImportFileError(str(path), "", "file", error.strerror or str(error)) from None
    if too_large is not None:
        raise ImportFileError(str(path), "", "file", too_large)
    data = b"".join(chunks)
    del chunks
    return decode(data, str(path))
