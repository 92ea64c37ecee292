"""``legday report --lang de``: the report's own words in German, as pdftotext reads them."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.catalogues import compile_catalogues
from helpers.journals import filled_store

from legday_desktop.cli import main
from legday_desktop.domain import wording
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.soreness import SorenessRating

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="pdftotext comes with Debian's poppler-utils (CI installs it)",
)
LEG_DAY = dt.date(2026, 11, 9)


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = compile_catalogues(tmp_path / "locale")
    monkeypatch.setattr(wording, "locale_folder", lambda: folder)
    try:
        yield folder
    finally:
        wording.use_language()  # as on import: whatever the environment asks for


def words(path: Path) -> str:
    result = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(result.stdout.split())


def test_report_in_german(
    qapp: object, german: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # ``qapp`` first: the report made in this process uses the tests' QApplication rather
    # than a QGuiApplication of its own, which the GUI tests after it could not use.
    journal = tmp_path / "journal.sqlite3"
    ratings = tuple(
        SorenessRating(LEG_DAY + dt.timedelta(days=offset), region, level)
        for offset, level in ((1, 5), (2, 6), (3, 3))
        for region in ("quadriceps.left", "quadriceps.right")
    )
    leg_day = LegDay(LEG_DAY, "Squat day", ("Squat",), notes="Heavy triples")
    filled_store(journal, Journal((leg_day,), ratings)).close()
    output = tmp_path / "bericht.pdf"
    # The period ends on day 1: days 2 and 3 are drawn, marked as after its end.
    arguments = ["report", "--db", str(journal), "--from", "2026-11-01", "--to", "2026-11-10"]
    assert main(["--lang", "de", *arguments, "-o", str(output)]) == 0
    said = capsys.readouterr().out
    assert re.fullmatch(rf"{re.escape(str(output))} geschrieben \(\d+ Seiten?\)\.\n", said), said
    text = words(output)
    assert "Beintag: Squat day Heavy triples" in text
    assert "Nach dem Ende des Zeitraums" in text
    assert "after the end of the period" not in text and "Leg day: Squat day" not in text
    # And in English, as it always was.
    english = tmp_path / "report.pdf"
    assert main([*arguments, "-o", str(english)]) == 0
    text = words(english)
    assert "Leg day: Squat day Heavy triples" in text and "After the end of the period" in text
