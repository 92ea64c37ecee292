"""Reading an import file from disk: size, encoding and format detection."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from legday_desktop.exchange.csv_format import parse_csv
from legday_desktop.exchange.errors import ImportFileError
from legday_desktop.exchange.json_format import parse_json
from legday_desktop.exchange.parsed import ParsedImport


def decode(data: bytes, source: str) -> str:
    """UTF-8 text of ``data`` (a BOM is allowed); ImportFileError naming the line otherwise."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ImportFileError(
            source,
            str(line),
            "encoding",
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "save the file as UTF-8 and try again",
        ) from None


def parse_import(data: bytes, source: str, *, today: dt.date) -> ParsedImport:
    """Parse an export file's bytes, telling JSON from CSV by the file name or its content."""
    text = decode(data, source)
    suffix = Path(source).suffix.lower()
    if suffix == ".json" or (suffix != ".csv" and text.lstrip().startswith(("{", "["))):
        return parse_json(text, source, today=today)
    return parse_csv(text, source, today=today)


def read_import_file(path: Path, *, today: dt.date) -> ParsedImport:
    """Read and validate the export file at ``path``; ImportFileError if it cannot be used."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(str(path), "", "file", error.strerror or str(error)) from None
    return parse_import(data, str(path), today=today)
