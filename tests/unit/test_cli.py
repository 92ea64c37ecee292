"""The ``legday`` command line, as PRODUCT.md defines it: demo, export, import, exit codes."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.journals import filled_store, wreck_table

from legday_desktop import __version__
from legday_desktop.cli import main
from legday_desktop.exchange.csv_format import COLUMNS_BEFORE_QUALITY, HEADER

Run = tuple[int, str, str]

# A file from before a rating could say what the pain is like: it still imports.
SIX_COLUMNS = ",".join(COLUMNS_BEFORE_QUALITY)


@pytest.fixture
def run(capsysbinary: pytest.CaptureFixture[bytes]):  # type: ignore[no-untyped-def]
    def run(*arguments: str | Path) -> Run:
        code = main([str(argument) for argument in arguments])
        out, err = capsysbinary.readouterr()
        return code, out.decode(), err.decode()

    return run


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    assert main(["demo", "--db", str(path)]) == 0
    return path


def test_version_prints_and_opens_no_window() -> None:
    probe = (
        "import sys\nfrom legday_desktop.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit as exit:\n    code = exit.code\n"
        "print(code, 'PySide6.QtWidgets' in sys.modules, 'sqlalchemy' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["legday", __version__, "0", "False", "False"]


def test_console_script_and_module_both_work() -> None:
    script = Path(sys.executable).with_name("legday")
    for command in ([str(script)], [sys.executable, "-m", "legday_desktop"]):
        result = subprocess.run([*command, "--version"], capture_output=True, text=True)
        assert (result.returncode, result.stdout) == (0, f"legday {__version__}\n")


def test_demo_export_csv(run, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("export", "--db", demo_db, "--format", "csv")
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "date,region,level,leg_day_date,days_after,note,quality"
    assert len(lines) - 1 >= 500
    assert lines[1:] == sorted(lines[1:])


def test_demo_export_json(run, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("export", "--db", demo_db, "--format", "json")
    document = json.loads(out)
    assert code == 0
    assert document["format_version"] == 4
    assert len(document["leg_days"]) >= 12
    assert len(document["soreness"]) >= 500
    assert any(check_in["actions"] for check_in in document["check_ins"])


def test_demo_fills_only_an_empty_journal(run, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    before = demo_db.read_bytes()
    code, _, err = run("demo", "--db", demo_db)
    assert code == 2
    assert "already holds data" in err
    assert demo_db.read_bytes() == before


@pytest.mark.parametrize("file_format", ["json", "csv"])
def test_round_trip_is_byte_identical(run, demo_db: Path, tmp_path: Path, file_format: str) -> None:  # type: ignore[no-untyped-def]
    exported = tmp_path / f"first.{file_format}"
    assert run("export", "--db", demo_db, "--format", file_format, "-o", exported)[0] == 0
    fresh = tmp_path / "fresh.sqlite3"
    code, out, _ = run("import", "--db", fresh, exported)
    assert code == 0 and "added" in out
    _, again, _ = run("export", "--db", fresh, "--format", file_format)
    assert again.encode() == exported.read_bytes()


def test_importing_twice_adds_nothing(run, demo_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    exported = tmp_path / "all.json"
    run("export", "--db", demo_db, "--format", "json", "-o", exported)
    target = tmp_path / "target.sqlite3"
    run("import", "--db", target, exported)
    _, first, _ = run("export", "--db", target, "--format", "json")
    code, out, _ = run("import", "--db", target, exported)
    assert code == 0 and " 0 added, 0 replaced," in out
    assert run("export", "--db", target, "--format", "json")[1] == first


def bad_csv(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(rows) + ("\n" if rows else ""))
    return path


GOOD_ROWS = [f"2026-03-0{day},calves.left,2,2026-03-01,{day - 1}," for day in range(1, 6)]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            [SIX_COLUMNS, *GOOD_ROWS, "2026-03-06,knee.left,2,2026-03-01,5,"],
            ":7: region: unknown region 'knee.left'",
        ),
        (
            [SIX_COLUMNS, "2026-03-01,calves.left,11,2026-03-01,0,"],
            ":2: level: 11 is outside the scale 0–10",
        ),
        (
            [SIX_COLUMNS, "2026-3-1,calves.left,3,,,"],
            ":2: date: '2026-3-1' is not a date in the form YYYY-MM-DD",
        ),
        ([], ":1: header: the file is empty"),
    ],
)
def test_bad_csv_exits_2_and_leaves_the_journal_unchanged(
    run,
    tmp_path: Path,
    rows: list[str],
    expected: str,  # type: ignore[no-untyped-def]
) -> None:
    target = tmp_path / "journal.sqlite3"
    filled_store(target).close()
    before = run("export", "--db", target, "--format", "json")[1]
    bad = bad_csv(tmp_path, rows)
    code, _, err = run("import", "--db", target, bad)
    assert code == 2
    assert err.startswith(f"legday: error: {bad}{expected}")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert run("export", "--db", target, "--format", "json")[1] == before


def test_conflicting_import_names_the_line_and_needs_replace(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "journal.sqlite3"
    filled_store(target).close()
    before = run("export", "--db", target, "--format", "csv")[1]
    changed = before.replace("2026-03-04,quadriceps.left,3,", "2026-03-04,quadriceps.left,4,")
    bad = bad_csv(tmp_path, changed.splitlines())
    code, _, err = run("import", "--db", target, bad)
    assert code == 2
    assert f"{bad}:5: level: the database already holds Left quad = 3" in err
    assert "--replace" in err
    assert run("export", "--db", target, "--format", "csv")[1] == before
    assert run("import", "--db", target, bad, "--replace")[0] == 0
    assert run("export", "--db", target, "--format", "csv")[1] == changed


def test_missing_import_file(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("import", "--db", tmp_path / "j.sqlite3", tmp_path / "nope.csv")
    assert code == 2
    assert "nope.csv: file: No such file or directory" in err


def test_export_never_overwrites_without_force(run, demo_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    output = tmp_path / "mine.csv"
    output.write_text("precious")
    code, _, err = run("export", "--db", demo_db, "--format", "csv", "-o", output)
    assert code == 2 and "add --force" in err
    assert output.read_text() == "precious"
    assert run("export", "--db", demo_db, "--format", "csv", "-o", output, "--force")[0] == 0
    assert output.read_text().startswith(HEADER)


def test_export_of_a_missing_journal_creates_nothing(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("export", "--db", tmp_path / "none.sqlite3", "--format", "csv")
    assert code == 2 and "there is no journal" in err
    assert not (tmp_path / "none.sqlite3").exists()


def test_damaged_or_foreign_files_exit_1_untouched(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"\x00garbage" * 50)
    code, _, err = run("export", "--db", path, "--format", "csv")
    assert code == 1
    assert err.startswith("legday: error: ") and "left untouched" in err
    assert path.read_bytes() == b"\x00garbage" * 50


def test_database_from_environment_and_default_location(
    run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, isolated_user_folders: Path
) -> None:  # type: ignore[no-untyped-def]
    from_env = tmp_path / "env.sqlite3"
    monkeypatch.setenv("LEGDAY_DB", str(from_env))
    assert run("demo", "--weeks", "12")[0] == 0
    assert from_env.exists()
    monkeypatch.delenv("LEGDAY_DB")
    assert run("demo", "--weeks", "12")[0] == 0
    default = isolated_user_folders / ".local" / "share" / "Legday" / "legday.sqlite3"
    assert default.exists()
    assert stat.S_IMODE(default.stat().st_mode) == 0o600
    assert stat.S_IMODE(default.parent.stat().st_mode) == 0o700


def test_bad_usage_exits_2(run) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--format", "xml"])
    assert exit_.value.code == 2
    assert run("demo", "--weeks", "3")[0] == 2


def test_sqlite3_sees_a_healthy_wal_database(demo_db: Path) -> None:
    shell = shutil.which("sqlite3")
    if shell is None:  # pragma: no cover
        pytest.skip("the sqlite3 command-line shell is not installed")
    result = subprocess.run(
        [shell, str(demo_db), "PRAGMA integrity_check; PRAGMA journal_mode;"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["ok", "wal"]


def test_demo_history_ends_today(demo_db: Path) -> None:
    assert (
        main(
            [
                "export",
                "--db",
                str(demo_db),
                "--format",
                "json",
                "-o",
                str(demo_db.with_suffix(".json")),
            ]
        )
        == 0
    )
    document = json.loads(demo_db.with_suffix(".json").read_text())
    assert document["soreness"][-1]["date"] == dt.date.today().isoformat()


def test_a_failed_import_stores_none_of_the_rows_before_the_problem(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "journal.sqlite3"
    filled_store(target).close()
    before = run("export", "--db", target, "--format", "csv")[1]
    rows = before.splitlines()
    # New, valid rows first; the conflicting stored rating comes last.
    new_rows = [f"2026-03-0{day},shins.right,1,2026-03-02,{day - 2},," for day in (2, 3)]
    stored = "2026-03-04,quadriceps.left,3,2026-03-02,2,,"
    assert stored in rows
    conflicting = stored.replace(",3,", ",9,", 1)
    bad = bad_csv(tmp_path, [rows[0], *new_rows, conflicting])
    code, _, err = run("import", "--db", target, bad)
    assert code == 2 and f"{bad}:4: level:" in err
    assert run("export", "--db", target, "--format", "csv")[1] == before


def test_csv_rows_that_the_journal_would_count_differently_are_refused(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "journal.sqlite3"
    filled_store(target).close()  # holds leg days on 2026-03-02 and 2026-03-06
    before = run("export", "--db", target, "--format", "json")[1]
    bad = bad_csv(tmp_path, [SIX_COLUMNS, "2026-03-08,quadriceps.left,4,2026-03-01,7,"])
    code, _, err = run("import", "--db", target, bad)
    assert code == 2
    assert f"{bad}:2: leg_day_date: the journal has a leg day on 2026-03-06" in err
    assert run("export", "--db", target, "--format", "json")[1] == before


def test_export_never_overwrites_the_journal_itself(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "journal.sqlite3"
    filled_store(target).close()
    before = target.read_bytes()
    for output in (target, Path(f"{target}-wal")):
        code, _, err = run("export", "--db", target, "--format", "csv", "-o", output, "--force")
        assert code == 2 and "is the journal itself" in err
    assert target.read_bytes() == before


def test_a_folder_or_missing_folder_as_database_is_bad_usage(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("demo", "--db", tmp_path)[:1] == (2,)
    code, _, err = run("import", "--db", tmp_path / "no" / "j.sqlite3", bad_csv(tmp_path, [HEADER]))
    assert code == 2 and "does not exist" in err


@pytest.mark.parametrize(
    "content",
    [
        '{"format_version":1,"leg_days":[{"date":null}],"soreness":[],"check_ins":[]}',
        '{"format_version":1,"leg_days":[],"check_ins":[],'
        '"soreness":[{"date":"2026-01-01","region":"calves.left","level":1,"note":"\\ud800"}]}',
        '{"format_version":1,"leg_days":[{"date":"2026-01-01","rpe":' + "9" * 5000 + "}]}",
        "[" * 100000,
        # A whole number too large for a float once stopped the import with exit code 1.
        '{"format_version":1,"leg_days":[],"soreness":[],'
        '"check_ins":[{"date":"2026-01-01","water_litres":1' + "0" * 400 + "}]}",
        # The journal refuses an exercise named NUL; that once gave exit code 1.
        '{"format_version":1,"soreness":[],"check_ins":[],'
        '"leg_days":[{"date":"2026-01-01","exercises":["\\u0000"]}]}',
        # A line break in a key once made the message two lines.
        '{"format_version":1,"leg_days":[],"soreness":[],"check_ins":[],"a\\nb":1}',
    ],
)
def test_hostile_json_gets_one_line_and_exit_2(run, tmp_path: Path, content: str) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    code, _, err = run("import", "--db", tmp_path / "j.sqlite3", bad)
    assert code == 2
    assert err.startswith(f"legday: error: {bad}") and err.count("\n") == 1


def test_damaged_journal_gets_one_line_and_exit_1(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "journal.sqlite3"
    filled_store(target).close()
    wreck_table(target, "soreness")
    code, out, err = run("export", "--db", target, "--format", "csv")
    assert (code, out) == (1, "")
    assert err.startswith(f"legday: error: {target} is damaged (") and err.count("\n") == 1


def test_without_a_display_the_app_says_so_in_one_line(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    command = [sys.executable, "-m", "legday_desktop", "--db", str(tmp_path / "j.sqlite3")]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith("legday: error: no display found")
    assert result.stderr.count("\n") == 1
    # The self-test, made for headless smoke tests, renders offscreen instead.
    result = subprocess.run(
        [*command, "--self-test"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["ok"]


def test_a_file_over_the_import_limit_is_refused_unread(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from legday_desktop.exchange import reading

    monkeypatch.setattr(reading, "MAX_IMPORT_BYTES", 1000)
    target = tmp_path / "journal.sqlite3"
    filled_store(target).close()
    before = run("export", "--db", target, "--format", "json")[1]
    big = bad_csv(
        tmp_path, [SIX_COLUMNS] + [f"2026-03-0{day},shins.left,1,,," for day in range(1, 10)] * 5
    )
    code, _, err = run("import", "--db", target, big)
    assert code == 2
    assert err.startswith(f"legday: error: {big}: file: is larger than ")
    assert "the most Legday imports at once" in err and err.count("\n") == 1
    assert run("export", "--db", target, "--format", "json")[1] == before


def test_an_export_larger_than_legday_imports_says_so(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from legday_desktop.exchange import reading

    target = tmp_path / "journal.sqlite3"
    filled_store(target).close()
    code, _, err = run("export", "--db", target, "--format", "json", "-o", tmp_path / "a.json")
    assert code == 0 and err == ""
    monkeypatch.setattr(reading, "MAX_IMPORT_BYTES", 1000)
    code, _, err = run("export", "--db", target, "--format", "json", "-o", tmp_path / "b.json")
    assert code == 0
    size = (tmp_path / "b.json").stat().st_size
    assert err == (
        f"legday: note: this export is {size / 1_000_000:.1f} MB, more than the 0.001 MB "
        "that Legday imports at once\n"
    )


def test_qt_s_standard_options_pass_through_to_qt(tmp_path: Path) -> None:
    from helpers.processes import legday_text

    from legday_desktop.cli import split_qt_arguments

    assert split_qt_arguments(
        ["--db", "j.sqlite3", "-platform", "xcb", "--style=Fusion", "-reverse", "advice"]
    ) == (["--db", "j.sqlite3", "advice"], ["-platform", "xcb", "-style", "Fusion", "-reverse"])
    journal = tmp_path / "journal.sqlite3"
    filled_store(journal).close()
    # In a real process, with no QT_QPA_PLATFORM: the options alone choose platform and style.
    environment = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "legday_desktop",
            "--db",
            str(journal),
            "-platform",
            "offscreen",
            "-style",
            "Windows",
            "--self-test",
        ],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] and report["style"] == "windows"
    assert "passed on to Qt" in legday_text("--help").stdout
    missing = legday_text("-style")
    assert missing.returncode == 2
    assert missing.stderr == "legday: error: the Qt option -style needs a value\n"
