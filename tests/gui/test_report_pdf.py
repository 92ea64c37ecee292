"""The clinician's PDF report: ``legday report`` and File → Export report…, read with pdftotext."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import open_window
from helpers.journals import filled_store
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from legday_desktop.cli import main
from legday_desktop.domain.check_ins import CheckIn
from legday_desktop.domain.demo import demo_journal
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.soreness import SorenessRating
from legday_desktop.domain.wording import long_day, short_day
from legday_desktop.services.journal import JournalService
from legday_desktop.services.report import ReportData, gather_report
from legday_desktop.ui.main_window import MainWindow

TODAY = dt.date.today()
NOT_MEDICAL_ADVICE = "Legday gives general information, not medical advice."

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="pdftotext and pdftoppm come with Debian's poppler-utils (CI installs them)",
)


def pdf_text(path: Path, *, layout: bool) -> str:
    """The PDF's text as pdftotext reads it: in columns (``layout``) or cell by cell."""
    options = ["-layout"] if layout else []
    result = subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def words(text: str) -> str:
    return " ".join(text.split())


def short(date: dt.date) -> str:
    return short_day(date)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "demo.sqlite3"
    assert main(["demo", "--db", str(path)]) == 0
    return path


@pytest.fixture(scope="module")
def strain() -> dt.date:
    """The demo's strained hamstring: the leg day its warning symptoms start on."""
    journal = demo_journal(TODAY)
    return next(check_in.date for check_in in journal.check_ins if check_in.symptoms)


def around(strain: dt.date) -> tuple[dt.date, dt.date]:
    """A period with the strain in it, within one calendar year (dates without years)."""
    first = max(strain - dt.timedelta(days=10), dt.date(strain.year, 1, 1))
    last = min(strain + dt.timedelta(days=20), dt.date(strain.year, 12, 31), TODAY)
    return first, last


def expected(demo_db: Path, first: dt.date, last: dt.date) -> ReportData:
    service = JournalService(demo_db)
    service.open()
    try:
        return gather_report(service, first=first, last=last, today=TODAY)
    finally:
        service.close()


@needs_poppler
def test_report_of_the_demo_holds_the_peaks_warnings_alerts_and_notes(
    demo_db: Path, strain: dt.date, tmp_path: Path
) -> None:
    first, last = around(strain)
    output = tmp_path / "report.pdf"
    # Its own process, with no display and no Qt platform chosen: it renders offscreen.
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }
    command = [sys.executable, "-m", "legday_desktop", "report", "--db", str(demo_db)]
    command += ["--from", first.isoformat(), "--to", last.isoformat(), "-o", str(output)]
    result = subprocess.run(command, capture_output=True, text=True, env=environment)
    assert result.returncode == 0, result.stderr
    assert output.read_bytes().startswith(b"%PDF")

    data = expected(demo_db, first, last)
    layout = pdf_text(output, layout=True)
    pages = layout.count("\f")
    assert pages >= 2
    assert result.stdout == f"Wrote {output} ({pages} pages).\n"
    assert f"Page 1 of {pages}" in layout and f"Page {pages} of {pages}" in layout
    lines = layout.splitlines()
    assert "Legday soreness report" in lines[0]
    assert NOT_MEDICAL_ADVICE in layout
    assert f"Body maps after {data.chosen.display_title}" in layout

    # The peaks table: its header, then a row per leg day with its peak and recovery.
    table = lines[next(i for i, line in enumerate(lines) if "Peaks and recovery" in line) :]
    header = next(line for line in table if line.split()[:3] == ["Leg", "day", "Session"])
    for title in ("Main groups", "Peak", "Peak on", "Every group ≤ 2", "Area"):
        assert title in header
    for item in data.leg_days:
        row = next(line for line in table if line.strip().startswith(short(item.leg_day.date)))
        total = item.total
        assert item.leg_day.display_title in row
        assert f"{total.peak:.1f}" in row and f"day {total.peak_day}" in row
        recovered = item.every_side_recovered
        assert ("not reached" if recovered is None else f"day {recovered}") in row
        assert ("–" if total.area is None else f"{total.area:.1f}") in row

    # Every warning symptom and alert with its dates, and every note.
    cells = words(pdf_text(output, layout=False))
    assert data.symptoms and data.alerts and data.notes
    for symptom in data.symptoms:
        assert any(short(symptom.date) in line and symptom.label in line for line in lines)
    for alert in data.alerts:
        dates = short(alert.first)
        if alert.last != alert.first:
            dates += f" – {short(alert.last)}"
        assert any(line.strip().startswith(dates) for line in lines), dates
        assert words(alert.message) in cells
        assert alert.title in cells
    assert "Sudden sharp pain during exercise" in cells
    assert "I take a statin or started a new medicine in the last weeks”: not answered" in cells
    for note in data.notes:
        assert words(note.text) in cells
        assert any(line.strip().startswith(short(note.date)) for line in lines)

    # Every page renders as an image (for looking at it).
    subprocess.run(
        ["pdftoppm", "-r", "20", "-gray", "-png", str(output), str(tmp_path / "page")], check=True
    )
    assert len(list(tmp_path.glob("page-*.png"))) == pages


def test_an_existing_file_needs_force(
    qapp: QApplication, demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "report.pdf"
    output.write_bytes(b"keep me")
    assert main(["report", "--db", str(demo_db), "-o", str(output)]) == 2
    assert "exists; add --force to replace it" in capsys.readouterr().err
    assert output.read_bytes() == b"keep me"
    assert main(["report", "--db", str(demo_db), "-o", str(output), "--force"]) == 0
    assert capsys.readouterr().out.startswith(f"Wrote {output} (")
    assert output.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--from", "2026-02-30"], "argument --from: '2026-02-30' is not a calendar date"),
        (["--to", "yesterday"], "argument --to:"),
        (
            ["--from", "2026-03-10", "--to", "2026-03-01"],
            "--from 2026-03-10 is after --to 2026-03-01",
        ),
        (["--to", (TODAY + dt.timedelta(days=1)).isoformat()], "is in the future"),
        (["--from", "2001-01-01", "--to", "2001-01-31"], "no leg days between 2001-01-01 and"),
        (["--leg-day", "2001-01-01"], "there is no leg day on 2001-01-01 between"),
    ],
)
def test_bad_dates_exit_2_with_one_line(
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    message: str,
) -> None:
    output = tmp_path / "report.pdf"
    code: int | str | None
    try:
        code = main(["report", "--db", str(demo_db), *arguments, "-o", str(output)])
    except SystemExit as exit:  # argparse's own checks end the parse this way
        code = exit.code
    assert code == 2
    error = capsys.readouterr().err
    assert message in error
    assert error.strip().splitlines()[-1].startswith(("legday: error:", "legday report: error:"))
    assert not output.exists()


def file_menu_action(window: MainWindow, text: str) -> QAction:
    """The File menu's action with this text, as a person finds it in the menu."""
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    file_menu.aboutToShow.emit()  # as opening the menu does
    return next(action for action in file_menu.actions() if action.text() == text)


def answer_report_dialog(
    first: dt.date | None = None, leg_day_label: str | None = None, seen: list[str] | None = None
) -> None:
    """When the report dialog opens: set From, pick a leg day by its label, click Save."""
    from PySide6.QtCore import QDate, QTimer
    from PySide6.QtWidgets import QPushButton

    from legday_desktop.ui.report_dialog import ReportDialog

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ReportDialog):
            QTimer.singleShot(10, answer)
            return
        if seen is not None:
            seen.extend(dialog.leg_day_box.itemText(i) for i in range(dialog.leg_day_box.count()))
        if first is not None:
            dialog.first_edit.setDate(QDate(first.year, first.month, first.day))
        if leg_day_label is not None:
            index = dialog.leg_day_box.findText(leg_day_label)
            assert index >= 0, leg_day_label
            dialog.leg_day_box.setCurrentIndex(index)
        save = next(b for b in dialog.findChildren(QPushButton) if b.text() == "&Save report…")
        QTest.mouseClick(save, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)


def test_file_export_report_writes_the_pdf(
    qtbot: QtBot, demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "journal.sqlite3"
    shutil.copyfile(demo_db, database)
    window = open_window(qtbot, database)
    target = tmp_path / "chosen.pdf"
    asked: list[str] = []

    def choose(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(target), "PDF document (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    action = file_menu_action(window, "Export re&port…")
    assert action.isEnabled()
    answer_report_dialog()
    action.trigger()
    first = TODAY - dt.timedelta(days=27)
    assert asked == [
        str(Path.home() / f"legday-report-{first.isoformat()}-to-{TODAY.isoformat()}.pdf")
    ]
    assert target.read_bytes().startswith(b"%PDF")
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Wrote {target} (") and message.endswith(" pages)")
    window.close()


@needs_poppler
def test_the_report_dialog_chooses_the_period_and_the_leg_day(
    qtbot: QtBot, demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "journal.sqlite3"
    shutil.copyfile(demo_db, database)
    window = open_window(qtbot, database)
    chosen_name = tmp_path / "eight-weeks"  # typed without .pdf: the suffix is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(chosen_name), ""))
    first = TODAY - dt.timedelta(weeks=8)
    service = window.service
    assert service is not None
    leg_day = next(day for day in service.leg_days() if day.date >= first)
    label = f"{short(leg_day.date)} · {leg_day.display_title}"
    offered: list[str] = []
    answer_report_dialog(first, label, offered)
    file_menu_action(window, "Export re&port…").trigger()
    target = tmp_path / "eight-weeks.pdf"
    assert target.is_file() and not chosen_name.exists()
    text = pdf_text(target, layout=False)
    assert f"Period: {long_day(first)}" in text
    assert f"Body maps after {leg_day.display_title}, {short(leg_day.date)}" in text
    window.close()


def test_the_report_dialog_will_not_save_an_empty_or_backward_period(qtbot: QtBot) -> None:
    from PySide6.QtCore import QDate

    from legday_desktop.ui.report_dialog import NEWEST_RATED, ReportDialog

    leg_days = [LegDay(TODAY - dt.timedelta(days=40), "Old day"), LegDay(TODAY, "Today's")]
    dialog = ReportDialog(leg_days, TODAY, TODAY - dt.timedelta(days=27))
    qtbot.addWidget(dialog)
    assert [dialog.leg_day_box.itemText(i) for i in range(dialog.leg_day_box.count())] == [
        NEWEST_RATED,
        f"{short(TODAY)} · Today's",
    ]
    assert dialog.save_button.isEnabled()
    dialog.last_edit.setDate(QDate(TODAY.year, TODAY.month, TODAY.day).addDays(-1))
    assert not dialog.save_button.isEnabled()
    assert dialog.problem_label.text().startswith("There is no leg day in this period")
    dialog.first_edit.setDate(QDate(TODAY.year, TODAY.month, TODAY.day))
    assert not dialog.save_button.isEnabled()
    assert dialog.problem_label.text().startswith("The period starts after it ends")
    dialog.first_edit.setDate(QDate(TODAY.year, TODAY.month, TODAY.day).addDays(-45))
    assert dialog.save_button.isEnabled()
    assert dialog.leg_day_box.count() == 2  # the old day; today's is after the period


def test_file_export_report_explains_an_empty_journal(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "journal.sqlite3"
    filled_store(database, Journal()).close()
    window = open_window(qtbot, database)
    target = tmp_path / "chosen.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: shown.append((title, text)))
    file_menu_action(window, "Export re&port…").trigger()
    assert shown and shown[0][0] == "Nothing to report yet"
    assert "There is no leg day in the journal yet" in shown[0][1]
    assert not target.exists()
    window.close()


@needs_poppler
def test_a_note_longer_than_a_page_flows_onto_the_next_pages(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    leg_day = LegDay(TODAY - dt.timedelta(days=3), "Squat day", ("Squat",))
    note = "\n".join(f"n{number:03d}" for number in range(1, 351))
    journal = Journal(
        leg_days=(leg_day,),
        ratings=(SorenessRating(leg_day.date + dt.timedelta(days=1), "quadriceps.left", 5),),
        check_ins=(CheckIn(leg_day.date + dt.timedelta(days=1), note=note),),
    )
    database = tmp_path / "journal.sqlite3"
    filled_store(database, journal).close()
    output = tmp_path / "report.pdf"
    assert main(["report", "--db", str(database), "-o", str(output)]) == 0
    text = pdf_text(output, layout=True)
    pages = text.count("\f")
    assert capsys.readouterr().out == f"Wrote {output} ({pages} pages).\n"
    # 350 lines of one note: a page and more, every line printed, none cut off.
    assert pages >= 4
    found = [
        line.split()[-1]
        for line in text.splitlines()
        if line.strip().endswith(tuple(f"n{number:03d}" for number in range(1, 351)))
    ]
    assert found == [f"n{number:03d}" for number in range(1, 351)]


def test_long_words_and_emoji_in_notes_are_printed_whole(
    qapp: QApplication, tmp_path: Path
) -> None:
    leg_day = LegDay(TODAY - dt.timedelta(days=3), "Squat day", ("Squat",))
    link = "https://example.org/" + "x" * 400  # one "word" far wider than the page
    words = "💪 hamstrings tight after the Beine-Tag, Oberschenkel brennen " * 6
    journal = Journal(
        leg_days=(leg_day,),
        ratings=(SorenessRating(leg_day.date + dt.timedelta(days=1), "quadriceps.left", 5),),
        check_ins=(
            CheckIn(leg_day.date + dt.timedelta(days=1), note=link),
            CheckIn(leg_day.date + dt.timedelta(days=2), note=words.strip()),
        ),
    )
    database = tmp_path / "journal.sqlite3"
    filled_store(database, journal).close()
    output = tmp_path / "report.pdf"
    assert main(["report", "--db", str(database), "-o", str(output)]) == 0
    text = pdf_text(output, layout=False)
    assert text.count("x") >= 400  # every character of the link, over several lines
    printed = text.split()
    # Lines break between words, never inside one (counting code points, not UTF-16).
    for word in ("hamstrings", "Beine-Tag,", "Oberschenkel", "brennen"):
        assert printed.count(word) == 6, word


def test_the_window_s_report_maps_default_to_the_leg_day_the_command_line_picks(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A leg day today (nothing rated after it yet) is shown, but not preselected."""
    from PySide6.QtCore import QTimer

    from legday_desktop.ui.report_dialog import NEWEST_RATED, ReportDialog

    database = tmp_path / "journal.sqlite3"
    assert main(["demo", "--db", str(database)]) == 0
    window = open_window(qtbot, database)
    assert window.service is not None
    assert window.service.save_leg_day(LegDay(TODAY, "Today's legs", ("Squat",)))
    window.refresh()
    assert window.banner_label.text().startswith("Leg day today")
    seen: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ReportDialog):
            QTimer.singleShot(10, look)
            return
        seen.append(dialog.leg_day_box.currentText())
        dialog.reject()

    QTimer.singleShot(0, look)
    file_menu_action(window, "Export re&port…").trigger()
    assert seen == [NEWEST_RATED]


def test_the_report_lists_the_training_logged_with_its_load(tmp_path: Path) -> None:
    """A leg day imported from a training app: its sets and each group's load in the PDF."""
    from legday_desktop.cli import main

    journal = tmp_path / "journal.sqlite3"
    data = Path(__file__).parent.parent / "data" / "workouts"
    assert main(["import-workouts", "--db", str(journal), str(data / "hevy_kg.csv")]) == 0
    output = tmp_path / "report.pdf"
    command = [
        sys.executable,
        "-m",
        "legday_desktop",
        "report",
        "--db",
        str(journal),
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "-o",
        str(output),
    ]
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(command, capture_output=True, text=True, env=environment)
    assert result.returncode == 0, result.stderr
    text = words(pdf_text(output, layout=False))
    assert "Training logged" in text
    assert "Squat (Barbell): 5 × 60 kg (warm-up)" in text
    assert "Hard sets" in text and "Novelty" in text
    assert "Quads" in text
