"""The report PDF for tools that read it: charts with text, language, title, author, subject.

Read with poppler's pdftotext, pdfinfo and pdfimages, and checked with qpdf.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from helpers.catalogues import write_catalogue
from PySide6.QtWidgets import QApplication

from legday_desktop.charts.plots import (
    DAYS_AFTER_LABEL,
    SORENESS_LABEL,
    TYPICAL_COURSE_LABEL,
)
from legday_desktop.cli import main
from legday_desktop.domain import wording
from legday_desktop.domain.recovery import TOTAL, series_label
from legday_desktop.domain.wording import long_day
from legday_desktop.drawing.report_pdf import REPORT_TITLE, write_report_pdf
from legday_desktop.services.journal import JournalService
from legday_desktop.services.report import ReportData, gather_report

TODAY = dt.date.today()
POPPLER = ("pdftotext", "pdfinfo", "pdfimages", "pdffonts")

pytestmark = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in (*POPPLER, "qpdf")),
    reason="poppler-utils and qpdf are Debian packages (CI installs them)",
)


def run(*command: str) -> str:
    """A tool's standard output; it must succeed and complain about nothing."""
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    assert result.stderr == "", result.stderr  # poppler reports a broken file here
    return result.stdout


def pages_text(path: Path) -> list[str]:
    """The text of each page as pdftotext reads it, its words separated by single spaces."""
    return [" ".join(page.split()) for page in run("pdftotext", str(path), "-").split("\f")]


def pdf_objects(path: Path) -> dict[str, dict[str, object]]:
    """The PDF's objects as qpdf reads them (the newest version of each): "3 0 R" → value."""
    document = json.loads(run("qpdf", "--json=2", "--json-key=qpdf", str(path)))
    objects = document["qpdf"][1]
    return {
        key.removeprefix("obj:"): value.get("value", value.get("stream", {}).get("dict"))
        for key, value in objects.items()
    }


DUBLIN_CORE = "{http://purl.org/dc/elements/1.1/}"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
FIRST = TODAY - dt.timedelta(days=27)


def report_command(database: Path, output: Path) -> list[str]:
    return ["report", "--db", str(database), "-o", str(output), "--from", FIRST.isoformat()]


def lines(path: Path) -> list[str]:
    """The text of the pages, line by line as laid out, the spaces between words evened."""
    return [
        " ".join(line.split()) for line in run("pdftotext", "-layout", str(path), "-").splitlines()
    ]


def xmp_fields(path: Path) -> dict[str, list[str]]:
    """The Dublin Core fields of the PDF's XMP metadata (which must be well-formed XML)."""
    packet = run("pdfinfo", "-meta", str(path))
    root = ElementTree.fromstring(packet[packet.index("<x:xmpmeta") : packet.rindex("<?xpacket")])
    fields: dict[str, list[str]] = {}
    for element in root.iter():
        if element.tag.startswith(DUBLIN_CORE):
            items = element.iter(f"{{{RDF}}}li")
            fields[element.tag.removeprefix(DUBLIN_CORE)] = [item.text or "" for item in items]
    return fields


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, ReportData]]:
    """The demo journal's report of the last four weeks, written by ``legday report``."""
    folder = tmp_path_factory.mktemp("accessible")
    database = folder / "demo.sqlite3"
    assert main(["demo", "--db", str(database)]) == 0
    output = folder / "report.pdf"
    assert main(report_command(database, output)) == 0
    service = JournalService(database)
    service.open()
    try:
        yield output, gather_report(service, first=FIRST, last=TODAY, today=TODAY)
    finally:
        service.close()


def test_pdftotext_reads_the_charts_axis_labels_and_legends(
    qapp: QApplication, demo_report: tuple[Path, ReportData]
) -> None:
    path, data = demo_report
    charts = next(page for page in pages_text(path) if "Recovery after" in page)
    recovery = charts[charts.index("Recovery after") : charts.index("Soreness over the period")]
    # The recovery chart: both axis labels, and every entry of its legend.
    assert DAYS_AFTER_LABEL in recovery
    assert SORENESS_LABEL in recovery
    assert data.curve is not None and data.curve.groups
    for name in [series.label for series in data.curve.groups] + [series_label(TOTAL)]:
        assert name in recovery, name
    assert "Hip flexors" in recovery  # no "ﬂ" ligature: the word can be searched for
    assert TYPICAL_COURSE_LABEL in recovery
    assert "Shading: mild · moderate · severe" in recovery
    # The timeline: its legend names the leg days' line, and each leg day is labelled.
    timeline = charts[charts.index("Soreness over the period") :]
    assert "Leg day" in timeline and series_label(TOTAL) in timeline
    for item in data.leg_days:
        assert item.leg_day.display_title in timeline


def test_without_the_chart_font_installed_the_report_reads_the_same(
    qapp: QApplication, demo_report: tuple[Path, ReportData], tmp_path: Path
) -> None:
    """A system without DejaVu Sans (the charts' font): Qt is given matplotlib's copy."""
    path, _ = demo_report
    fonts = tmp_path / "fonts"  # fontconfig sees no fonts at all
    fonts.mkdir()
    configuration = tmp_path / "fonts.conf"
    configuration.write_text(
        f"<?xml version='1.0'?><fontconfig><dir>{fonts}</dir>"
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>"
    )
    database = path.parent / "demo.sqlite3"
    output = tmp_path / "report.pdf"
    environment = {
        **os.environ,
        "FONTCONFIG_FILE": str(configuration),
        "QT_QPA_PLATFORM": "offscreen",
    }
    command = [sys.executable, "-m", "legday_desktop", *report_command(database, output)]
    result = subprocess.run(command, capture_output=True, text=True, env=environment)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no Qt warning about fonts
    embedded = run("pdffonts", str(output))
    assert "DejaVuSans " in embedded and "DejaVuSans-Bold" in embedded
    # Every line of every page as with the font installed: the same words, wrapped alike.
    assert lines(output) == lines(path)


def test_the_charts_are_vectors_not_images(
    qapp: QApplication, demo_report: tuple[Path, ReportData]
) -> None:
    path, _ = demo_report
    listing = run("pdfimages", "-list", str(path)).splitlines()
    assert listing[0].split()[:3] == ["page", "num", "type"]
    assert listing[2:] == []  # a header and a rule, and not one image


def test_pdfinfo_shows_the_title_author_and_subject(
    qapp: QApplication, demo_report: tuple[Path, ReportData]
) -> None:
    path, data = demo_report
    fields = dict(
        line.split(":", 1) for line in run("pdfinfo", str(path)).splitlines() if ":" in line
    )
    info = {key: value.strip() for key, value in fields.items()}
    assert info["Title"] == REPORT_TITLE
    assert info["Author"] == "Legday"
    subject = info["Subject"]
    assert subject.startswith("Leg-muscle soreness from ")
    assert long_day(data.period.first) in subject and long_day(data.period.last) in subject
    assert "warning symptoms" in subject


def test_the_catalogue_says_the_language_and_the_file_is_sound(
    qapp: QApplication, demo_report: tuple[Path, ReportData]
) -> None:
    path, _ = demo_report
    objects = pdf_objects(path)
    trailer = objects["trailer"]
    catalogue = objects[str(trailer["/Root"])]
    assert catalogue["/Type"] == "/Catalog"
    assert catalogue["/Lang"] == "u:en"
    information = objects[str(trailer["/Info"])]
    assert str(information["/Subject"]).startswith("u:Leg-muscle soreness")
    # The XMP metadata (what many readers show) says the same.
    xmp = xmp_fields(path)
    assert xmp["language"] == ["en"]
    assert xmp["description"][0].startswith("Leg-muscle soreness from")
    assert xmp["title"] == [REPORT_TITLE] and xmp["creator"] == ["Legday"]
    # The update appended to Qt's file keeps its cross-references valid.
    check = run("qpdf", "--check", str(path))
    assert "No syntax or stream encoding errors found" in check
    assert "WARNING" not in check.upper()


def test_a_german_report_says_it_is_in_german(
    qapp: QApplication, demo_report: tuple[Path, ReportData], tmp_path: Path
) -> None:
    _, data = demo_report
    write_catalogue(
        tmp_path / "locale" / "de" / "LC_MESSAGES" / "legday.mo",
        {
            "Legday gives general information, not medical advice.": "Legday gibt allgemeine "
            "Auskünfte, keinen ärztlichen Rat."
        },
    )
    wording.use_language(["de"], folder=tmp_path / "locale")
    try:
        output = tmp_path / "bericht.pdf"
        write_report_pdf(data, output)
    finally:
        wording.use_language()
    objects = pdf_objects(output)
    assert objects[str(objects["trailer"]["/Root"])]["/Lang"] == "u:de"
    assert xmp_fields(output)["language"] == ["de"]
    assert "keinen ärztlichen Rat" in pages_text(output)[0]
