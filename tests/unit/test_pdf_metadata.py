"""Adding /Lang and a subject to a PDF as an incremental update.

The report's own PDF is checked in tests/gui/test_report_pdf_accessible.py; here a
hand-made file, and the files the update must refuse.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from legday_desktop.drawing.pdf_metadata import UnknownPdfLayoutError, add_language_and_subject


def classic_pdf(*, catalogue: bytes = b"<< /Type /Catalog /Pages 2 0 R >>") -> bytes:
    """A one-page PDF with a classic cross-reference table, as QPdfWriter writes them."""
    objects = [
        b"<< /Title (A report) >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        catalogue,
    ]
    content = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(content))
        content += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(content)
    content += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    content += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    content += b"trailer\n<< /Size 5 /Info 1 0 R /Root 4 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(content)


def test_the_update_is_appended_and_the_original_kept_whole() -> None:
    original = classic_pdf()
    amended = add_language_and_subject(original, language="de-AT", subject="Muskelkater")
    assert amended.startswith(original)  # nothing Qt wrote is changed
    update = amended[len(original) :]
    assert b"/Lang (de-AT)" in update
    assert b"/Subject <FEFF" in update  # UTF-16 with its byte-order mark: any language
    assert b"/Prev %d" % int(original.split(b"startxref\n")[1].split()[0]) in update
    for number in (1, 4):  # each new object is where its cross-reference says
        entry = update.split(b"%d 1\n" % number)[1][:10]
        assert amended[int(entry) :].startswith(b"%d 0 obj" % number)


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is a Debian package")
def test_qpdf_reads_the_updated_file(tmp_path: Path) -> None:
    path = tmp_path / "amended.pdf"
    path.write_bytes(add_language_and_subject(classic_pdf(), language="en", subject="Soreness"))
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    shown = subprocess.run(
        ["qpdf", "--show-object=4", str(path)], capture_output=True, text=True, check=True
    )
    assert "/Lang (en)" in shown.stdout


@pytest.mark.parametrize(
    "content",
    [
        b"not a PDF at all",
        classic_pdf().replace(b"startxref\n", b"startxref\n1"),  # points at no table
        classic_pdf().replace(b"/Root 4 0 R", b""),
        classic_pdf(catalogue=b"[ /not a dictionary ]"),
    ],
    ids=["not a PDF", "broken startxref", "no root", "catalogue not a dictionary"],
)
def test_a_file_laid_out_otherwise_is_refused(content: bytes) -> None:
    with pytest.raises(UnknownPdfLayoutError):
        add_language_and_subject(content, language="en", subject="Soreness")


def test_a_file_that_already_says_its_language_is_refused() -> None:
    once = add_language_and_subject(classic_pdf(), language="en", subject="Soreness")
    with pytest.raises(UnknownPdfLayoutError, match="already"):
        add_language_and_subject(once, language="de", subject="Muskelkater")


@pytest.mark.parametrize("language", ["", "en) /OpenAction (x", "e", "de_DE"])
def test_only_a_language_tag_goes_into_the_file(language: str) -> None:
    with pytest.raises(UnknownPdfLayoutError, match="language tag"):
        add_language_and_subject(classic_pdf(), language=language, subject="Soreness")
