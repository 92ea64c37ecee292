"""What QPdfWriter cannot say about a PDF, added as an incremental update.

Qt writes the title, author and creator, but no subject and no ``/Lang`` (the language a
screen reader reads the text in). An incremental update, the standard way to amend a PDF,
appends new versions of the document information, the catalogue and the XMP metadata
after the end of the file, with a cross-reference section for them whose trailer points
back to Qt's (``/Prev``). Nothing Qt wrote is changed, so every offset in it stays valid.

Plain bytes in, bytes out: no Qt here. It reads the classic cross-reference table that
QPdfWriter writes; a PDF it does not understand raises ``UnknownPdfLayoutError``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_SUBSECTION = re.compile(rb"(\d+) (\d+)[ \t]*\r?\n")
_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")
_REFERENCE = rb"/%s\s+(\d+)\s+0\s+R"
_TRAILER_ID = re.compile(rb"/ID\s*(\[[^\]]*\])")
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
# Where the XMP packet gets its subject and language: after the title and creator Qt writes.
_XMP_ANCHOR = b"</dc:creator>"


class UnknownPdfLayoutError(ValueError):
    """The PDF is not laid out as QPdfWriter lays it out; it was left as it was."""


@dataclass(frozen=True, slots=True)
class _Object:
    number: int
    generation: int
    body: bytes  # between "obj" and "endobj", stripped


def _text_string(text: str) -> bytes:
    """``text`` as a PDF text string: UTF-16BE with its byte-order mark, in hex."""
    return b"<" + ("\ufeff" + text).encode("utf-16-be").hex().upper().encode() + b">"


def _cross_references(content: bytes, at: int) -> dict[int, tuple[int, int]]:
    """The in-use objects of the cross-reference table at ``at``: number → (offset, gen)."""
    if not content.startswith(b"xref", at):
        raise UnknownPdfLayoutError("no cross-reference table where startxref points")
    position = at + len(b"xref")
    while content[position : position + 1] in (b"\r", b"\n", b" "):
        position += 1
    offsets: dict[int, tuple[int, int]] = {}
    while (header := _SUBSECTION.match(content, position)) is not None:
        first, count = int(header.group(1)), int(header.group(2))
        position = header.end()
        for number in range(first, first + count):
            entry = _ENTRY.match(content, position)
            if entry is None:
                raise UnknownPdfLayoutError(f"cross-reference entry {number} unreadable")
            if entry.group(3) == b"n":
                offsets[number] = (int(entry.group(1)), int(entry.group(2)))
            position += 20  # every entry is 20 bytes, its line end included
    if not content.startswith(b"trailer", position):
        raise UnknownPdfLayoutError("no trailer after the cross-reference table")
    return offsets


def _read_object(content: bytes, number: int, offsets: dict[int, tuple[int, int]]) -> _Object:
    if number not in offsets:
        raise UnknownPdfLayoutError(f"object {number} is not in the cross-reference table")
    offset, generation = offsets[number]
    start = re.compile(rb"%d %d obj" % (number, generation)).match(content, offset)
    end = content.find(b"endobj", offset)
    if start is None or end < 0:
        raise UnknownPdfLayoutError(f"object {number} is not where the table says")
    return _Object(number, generation, content[start.end() : end].strip())


def _with_entries(dictionary: _Object, entries: bytes) -> bytes:
    """A dictionary object's body with ``entries`` added before its closing ``>>``."""
    body = dictionary.body
    if not (body.startswith(b"<<") and body.endswith(b">>")):
        raise UnknownPdfLayoutError(f"object {dictionary.number} is not a dictionary")
    return body[:-2].rstrip() + b"\n" + entries + b"\n>>"


def _with_xmp(metadata: _Object, subject: str, language: str) -> bytes | None:
    """The XMP stream with ``dc:description`` and ``dc:language``; None if it is not Qt's."""
    body = metadata.body
    head, separator, rest = body.partition(b"stream")
    packet, _, _ = rest.lstrip(b"\r\n").rpartition(b"endstream")
    if not separator or b"/Filter" in head or body.count(_XMP_ANCHOR) != 1:
        return None  # compressed, or not laid out as Qt writes it: kept as it is
    packet = packet.rstrip(b"\r\n")
    added = (
        "\n            <dc:description>\n                <rdf:Alt>\n"
        f'                    <rdf:li xml:lang="x-default">{escape(subject)}</rdf:li>\n'
        "                </rdf:Alt>\n            </dc:description>\n"
        "            <dc:language>\n                <rdf:Bag>\n"
        f"                    <rdf:li>{escape(language)}</rdf:li>\n"
        "                </rdf:Bag>\n            </dc:language>"
    ).encode()
    packet = packet.replace(_XMP_ANCHOR, _XMP_ANCHOR + added)
    dictionary = re.sub(rb"/Length\s+\d+", b"/Length %d" % len(packet), head.strip())
    return dictionary + b"\nstream\n" + packet + b"\nendstream"


def add_language_and_subject(content: bytes, *, language: str, subject: str) -> bytes:
    """``content`` (a PDF from QPdfWriter) with ``/Lang`` and a subject, as an update.

    ``language`` is a tag like ``en`` or ``de-AT``. The catalogue gets ``/Lang``, the
    document information ``/Subject``, and Qt's XMP metadata ``dc:description`` and
    ``dc:language``. UnknownPdfLayoutError (and nothing appended) if the file is not laid out
    as QPdfWriter writes it, or ``language`` is not a language tag.
    """
    if _LANGUAGE_TAG.fullmatch(language) is None:
        raise UnknownPdfLayoutError(f"{language!r} is not a language tag")
    found = _STARTXREF.search(content[-1024:])
    if found is None:
        raise UnknownPdfLayoutError("no startxref at the end")
    previous = int(found.group(1))
    offsets = _cross_references(content, previous)
    trailer_at = content.find(b"trailer", previous)
    trailer = content[trailer_at : content.find(b"startxref", trailer_at)]
    numbers = {}
    for key in (b"Root", b"Info"):
        reference = re.search(_REFERENCE % key, trailer)
        if reference is None:
            raise UnknownPdfLayoutError(f"the trailer has no /{key.decode()}")
        numbers[key] = int(reference.group(1))
    size = re.search(rb"/Size\s+(\d+)", trailer)
    if size is None:
        raise UnknownPdfLayoutError("the trailer has no /Size")

    catalogue = _read_object(content, numbers[b"Root"], offsets)
    information = _read_object(content, numbers[b"Info"], offsets)
    if b"/Lang" in catalogue.body or b"/Subject" in information.body:
        raise UnknownPdfLayoutError("the PDF already says its language or subject")
    updated = {
        catalogue.number: (catalogue, _with_entries(catalogue, b"/Lang (%s)" % language.encode())),
        information.number: (
            information,
            _with_entries(information, b"/Subject " + _text_string(subject)),
        ),
    }
    metadata = re.search(_REFERENCE % b"Metadata", catalogue.body)
    if metadata is not None:
        stream = _read_object(content, int(metadata.group(1)), offsets)
        xmp = _with_xmp(stream, subject, language)
        if xmp is not None:
            updated[stream.number] = (stream, xmp)

    update = bytearray(b"" if content.endswith(b"\n") else b"\n")
    at: dict[int, int] = {}
    for number, (old, body) in sorted(updated.items()):
        at[number] = len(content) + len(update)
        update += b"%d %d obj\n" % (number, old.generation) + body + b"\nendobj\n"
    xref = len(content) + len(update)
    update += b"xref\n"
    for number, (old, _) in sorted(updated.items()):
        update += b"%d 1\n%010d %05d n \n" % (number, at[number], old.generation)
    identifier = _TRAILER_ID.search(trailer)
    update += b"trailer\n<<\n/Size %s\n/Root %d 0 R\n/Info %d 0 R\n" % (
        size.group(1),
        numbers[b"Root"],
        numbers[b"Info"],
    )
    if identifier is not None:
        update += b"/ID " + identifier.group(1) + b"\n"
    update += b"/Prev %d\n>>\nstartxref\n%d\n%%%%EOF\n" % (previous, xref)
    return content + bytes(update)
