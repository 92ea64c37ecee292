"""The services, import errors and the command line in German: --lang, LANGUAGE, po/de."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from helpers.catalogues import compile_catalogues
from helpers.journals import filled_store

from legday_desktop.cli import main
from legday_desktop.domain import wording
from legday_desktop.domain.journal import Journal
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.regions import region_by_id
from legday_desktop.domain.soreness import PainQuality, SorenessRating
from legday_desktop.exchange.csv_format import HEADER
from legday_desktop.guidance.report import advice_text
from legday_desktop.services.advice import advice_for
from legday_desktop.services.journal import JournalService
from legday_desktop.services.opening import Access
from legday_desktop.services.report import ReportError, gather_report

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "legday_desktop"
SERVICES_PO = ROOT / "po" / "de" / "services.po"
# The files whose words po/de/services.po translates.
OWN = sorted(
    [
        *(PACKAGE / "services").glob("*.py"),
        *(PACKAGE / "exchange").glob("*.py"),
        *(PACKAGE / "storage").glob("*.py"),
        *(PACKAGE / name for name in ("cli.py", "app.py", "logs.py", "paths.py")),
        PACKAGE / "file_writing.py",
        PACKAGE / "domain" / "numbers.py",
    ]
)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")
Run = tuple[int, str, str]
GLUTE = "glutes.left"


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every po/de catalogue compiled as the build does, and found where the app looks."""
    folder = compile_catalogues(tmp_path / "locale")
    monkeypatch.setattr(wording, "locale_folder", lambda: folder)
    try:
        yield folder
    finally:
        wording.use_language()  # as on import: whatever the environment asks for


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    def run(*arguments: str | Path) -> Run:
        code = main([str(argument) for argument in arguments])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    """Two leg days, a week apart, rated on the days after them, with notes."""
    path = tmp_path / "journal.sqlite3"
    first, second = dt.date(2026, 11, 2), dt.date(2026, 11, 9)
    ratings = [
        SorenessRating(
            leg_day + dt.timedelta(days=offset),
            region,
            level,
            "stiff on the stairs" if (leg_day, offset, region) == (first, 2, GLUTE) else "",
            PainQuality.DULL if offset == 1 and region == GLUTE else None,
        )
        for leg_day in (first, second)
        for offset, level in ((1, 5), (2, 6), (3, 3), (4, 1))
        for region in ("quadriceps.left", "quadriceps.right", GLUTE)
    ]
    leg_days = (
        LegDay(first, "Squat day", ("Squat", "Lunge"), notes="Heavy"),
        LegDay(second, "", ("Romanian deadlift",)),
    )
    filled_store(path, Journal(leg_days, tuple(ratings))).close()
    return path


# --- the catalogue ------------------------------------------------------------------


def test_every_string_of_these_layers_has_its_german() -> None:
    with SERVICES_PO.open("rb") as file:
        catalogue = read_po(file, locale="de")
    assert catalogue.locale_identifier == "de"
    assert catalogue.plural_forms == "nplurals=2; plural=(n != 1);"
    untranslated = []
    for source in OWN:
        for _line, message, _comments, context in extract_from_file(
            "python", source, keywords=KEYWORDS
        ):
            key = message if isinstance(message, str) else message[0]
            found = catalogue.get(key, context=context)
            strings = found.string if found is not None else ""
            translations = strings if isinstance(strings, tuple) else (strings,)
            if found is None or not all(translations):
                untranslated.append(f"{source.name}: {message!r}")
                continue
            english = (message,) if isinstance(message, str) else message
            for german in translations:
                # A translation may leave out the count ("einen Beintag"), nothing else.
                assert set(placeholders(german)) - {"count"} <= set(placeholders(english[-1]))
                assert set(placeholders(english[-1])) - {"count"} <= set(placeholders(german))
    assert untranslated == []


def test_no_message_has_two_different_germans() -> None:
    """The build merges po/de/*.po: a message in two files would say whichever came last."""
    first: dict[tuple[str | None, str], tuple[str, object]] = {}
    clashes = []
    for po in sorted(SERVICES_PO.parent.glob("*.po")):
        with po.open("rb") as file:
            for message in read_po(file, locale="de"):
                if not message.id:
                    continue
                key = (message.context, str(message.id))
                where, german = first.setdefault(key, (po.name, message.string))
                if german != message.string:
                    clashes.append(f"{key}: {where} {german!r}, {po.name} {message.string!r}")
    assert clashes == []


# --- the command line ---------------------------------------------------------------


def test_forecast_in_german_with_german_numbers(german: Path, journal: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("--lang", "de", "forecast", "--db", journal, "--leg-day", "2026-11-09")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Vorhersage für den Beintag vom 2026-11-09 (80-%-Bereich):"
    assert lines[1].startswith("Zu diesem Beintag sind keine Sätze erfasst")
    # Days as T1 … T7, decimal commas, the ranges as they were.
    assert re.search(r": T1 \d,\d \(\d–\d+\)  T2 \d,\d", lines[2]), lines[2]
    assert lines[-1] == "Eine Vorhersage, kein Versprechen: Deine eigenen Bewertungen gehen vor."
    assert "leg day" not in out and "forecast" not in out.casefold()


def test_the_environment_chooses_the_language_and_lang_overrides_it(
    german: Path,
    journal: Path,
    run,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    english = run("forecast", "--db", journal, "--leg-day", "2026-11-09")
    assert english[1].startswith("Forecast for the leg day of 2026-11-09 (80 % range):\n")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")  # a German desktop
    assert run("forecast", "--db", journal, "--leg-day", "2026-11-09")[1].startswith(
        "Vorhersage für den Beintag vom 2026-11-09"
    )
    monkeypatch.setenv("LANGUAGE", "de")
    monkeypatch.setenv("LANG", "C.UTF-8")
    wording.use_language()  # as on start-up
    assert run("forecast", "--db", journal, "--leg-day", "2026-11-09")[1].startswith(
        "Vorhersage für den Beintag vom 2026-11-09"
    )
    # --lang en after the command, as in "legday forecast --lang en": English, byte for byte.
    assert run("forecast", "--lang", "en", "--db", journal, "--leg-day", "2026-11-09") == english


def test_advice_follows_lang(german: Path, journal: Path, run) -> None:  # type: ignore[no-untyped-def]
    english = run("advice", "--db", journal, "--date", "2026-11-11")
    code, out, err = run("advice", "--lang", "de", "--db", journal, "--date", "2026-11-11")
    assert (code, err) == (0, "")
    # Worded as the guidance words it in German (whatever po/de translates of it so far).
    wording.use_language(["de"])
    service = JournalService(journal, access=Access.READ)
    service.open()
    try:
        expected = advice_text(advice_for(service, dt.date(2026, 11, 11)))
    finally:
        service.close()
    assert out == expected
    assert wording.not_medical_advice() in out.splitlines()
    # --lang en: English, byte for byte as without it.
    assert english[0] == 0
    assert run("advice", "--lang", "en", "--db", journal, "--date", "2026-11-11") == english
    # Its refusals are German.
    code, out, err = run("advice", "--lang=de", "--db", journal, "--date", "2999-01-01")
    assert (code, out) == (2, "")
    assert err == "legday: Fehler: --date 2999-01-01 liegt in der Zukunft\n"


def test_help_in_german(german: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["advice", "--lang", "de", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("Aufruf: legday advice [-h] [--db PATH] [--lang LANG]")
    assert "Optionen:\n  -h, --help         diese Hilfe zeigen und beenden\n" in out
    assert "das Datum, für das beraten wird (Standard: heute)" in out
    assert "Print today's" not in out


def test_a_german_import_error_names_file_line_and_field(
    german: Path,
    journal: Path,
    tmp_path: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    bad = tmp_path / "ratings.csv"
    bad.write_text(
        f"{HEADER}\n2026-11-20,quadriceps.left,4,,,,\n2026-13-01,quadriceps.left,3,,,,\n",
        encoding="utf-8",
    )
    code, out, err = run("import", "--lang", "de", "--db", journal, bad)
    assert (code, out) == (2, "")
    assert err == (f"legday: Fehler: {bad}:3: date: '2026-13-01' ist kein Kalenderdatum\n")


def test_a_german_workout_error_quotes_the_cell_the_german_way(
    german: Path,
    journal: Path,
    tmp_path: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    source = (ROOT / "tests" / "data" / "workouts" / "strong_comma.csv").read_text("utf-8")
    lines = source.splitlines()
    lines[2] = lines[2].replace(",60.0,", ",sixty,", 1)
    bad = tmp_path / "strong.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _out, err = run("import-workouts", "--lang", "de", "--unit", "kg", "--db", journal, bad)
    assert code == 2
    assert err == (
        f"legday: Fehler: {bad.name}:3: Weight: „sixty“ ist keine Zahl. "
        "Es wurde nichts importiert.\n"
    )
    # The same in English, with the quotes it always had.
    code, _out, err = run("import-workouts", "--unit", "kg", "--db", journal, bad)
    assert (
        err
        == f'legday: error: {bad.name}:3: Weight: "sixty" is not a number. Nothing was imported.\n'
    )


def test_german_counts_and_summaries(german: Path, tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, out, _err = run(
        "--lang", "de", "demo", "--db", tmp_path / "demo.sqlite3", "--weeks", "12"
    )
    assert code == 0
    assert re.fullmatch(
        r"\S+ gefüllt: \d+ Beintage, \d+ Muskelkater-Bewertungen und \d+ Check-ins\.\n", out
    ), out
    code, out, err = run("--lang", "de", "report", "--db", tmp_path / "demo.sqlite3", "-o", "x.txt")
    assert (code, err) == (2, "legday: Fehler: x.txt: der Bericht muss eine .pdf-Datei sein\n")


# --- the report's words -------------------------------------------------------------


def test_the_reports_own_words_in_german(german: Path, journal: Path) -> None:
    wording.use_language(["de"])
    service = JournalService(journal, access=Access.READ)
    service.open()
    try:
        report = gather_report(
            service,
            first=dt.date(2026, 11, 1),
            last=dt.date(2026, 11, 10),
            leg_day=dt.date(2026, 11, 9),
        )
        with pytest.raises(ReportError) as refused:
            gather_report(service, first=dt.date(2026, 11, 1), last=dt.date(2999, 1, 1))
        with pytest.raises(ReportError) as empty:
            gather_report(service, first=dt.date(2026, 10, 1), last=dt.date(2026, 10, 5))
    finally:
        service.close()
    assert str(refused.value).startswith("der Zeitraum endet am 2999-01-01, nach heute (")
    assert str(empty.value) == (
        "keine Beintage zwischen 2026-10-01 und 2026-10-05; wähle einen anderen Zeitraum"
    )
    glute = region_by_id(GLUTE).name  # in the domain's German, where it has some
    dull = PainQuality.DULL.label.lower()
    assert [(note.date, note.about, note.text) for note in report.notes] == [
        (dt.date(2026, 11, 2), "Beintag: Squat day", "Heavy"),
        (dt.date(2026, 11, 3), f"{glute}, Stufe 5", f"Empfunden als {dull}"),
        (dt.date(2026, 11, 4), f"{glute}, Stufe 6", "stiff on the stairs"),
        (dt.date(2026, 11, 10), f"{glute}, Stufe 5", f"Empfunden als {dull}"),
    ]
    # Days 2 and 3 after the chosen leg day lie after the period's end.
    assert [day_map.remark for day_map in report.day_maps] == [
        "",
        "nach dem Ende des Zeitraums",
        "nach dem Ende des Zeitraums",
    ]


def test_argparse_refusals_in_german(german: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for arguments, last_line in (
        (
            ["--lang", "de", "chart", "--kind", "nope", "-o", "x.png"],
            "legday chart: Fehler: Argument --kind: ungültige Wahl: 'nope' "
            "(wähle aus 'recovery', 'compare', 'timeline')",
        ),
        (
            ["chart", "--kind", "nope", "-o", "x.png"],
            "legday chart: error: argument --kind: invalid choice: 'nope' "
            "(choose from 'recovery', 'compare', 'timeline')",
        ),
    ):
        with pytest.raises(SystemExit) as exit_:
            main(arguments)
        assert exit_.value.code == 2
        assert capsys.readouterr().err.splitlines()[-1] == last_line
