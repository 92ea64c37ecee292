"""Opening a journal in file states nobody expects: each refused untouched, in a real process."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest
from helpers.files import checkpoint, emptied_with_changes_in_wal, soreness_rows
from helpers.journals import filled_store
from helpers.processes import legday_text

EMPTY_EXPORT = '{"format_version": 1, "leg_days": [], "soreness": [], "check_ins": []}'


def legday(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the installed command line as a person would, in its own process."""
    return legday_text(*arguments)


def files_in(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


@pytest.mark.parametrize(
    "command",
    [
        ["advice"],
        ["--self-test"],
        ["chart", "--kind", "recovery", "-o", "chart.png"],
        ["import", "export.json"],
        ["export", "--format", "csv"],
        ["demo"],
        ["backup"],
    ],
    ids=lambda command: command[0].lstrip("-"),
)
def test_an_empty_journal_whose_wal_holds_changes_is_refused_untouched(
    tmp_path: Path, command: list[str]
) -> None:
    journal = tmp_path / "journal" / "journal.sqlite3"
    journal.parent.mkdir()
    filled_store(journal).close()
    emptied_with_changes_in_wal(journal)
    (tmp_path / "export.json").write_text(EMPTY_EXPORT)
    before = files_in(journal.parent)
    arguments = [tmp_path / part if part.endswith((".png", ".json")) else part for part in command]
    result = legday("--db", journal, *arguments)
    assert result.returncode == 1, result.stdout + result.stderr
    message = result.stderr + result.stdout
    assert (
        f"{journal} is damaged (it is empty, 0 bytes, but journal.sqlite3-wal beside it "
        "still holds changes); it was left untouched"
    ) in message
    assert files_in(journal.parent) == before
    assert not (tmp_path / "chart.png").exists()


def test_restoring_over_such_a_journal_keeps_its_wal_and_shm_beside_the_set_aside_copy(
    tmp_path: Path,
) -> None:
    journal = tmp_path / "journal.sqlite3"
    good = tmp_path / "good.sqlite3"
    filled_store(good).close()
    filled_store(journal).close()
    sides = emptied_with_changes_in_wal(journal)
    result = legday("--db", journal, "restore", good)
    assert result.returncode == 0, result.stderr
    (aside,) = tmp_path.glob("journal.sqlite3.damaged-*[0-9]")
    assert aside.read_bytes() == b""
    assert {suffix: Path(f"{aside}{suffix}").read_bytes() for suffix in sides} == sides
    assert legday("--db", journal, "export", "--format", "csv").returncode == 0


def stale_side_files_of_another_journal(journal: Path) -> dict[str, bytes]:
    """Leave beside the missing ``journal`` the -wal and -shm of a journal that was there."""
    old = journal.with_name("old.sqlite3")
    filled_store(old).close()
    sides = emptied_with_changes_in_wal(old)
    for suffix in sides:
        Path(f"{old}{suffix}").rename(Path(f"{journal}{suffix}"))
    old.unlink()
    return sides


def test_restore_into_a_missing_journal_moves_stale_side_files_aside_first(
    tmp_path: Path,
) -> None:
    journal = tmp_path / "journal.sqlite3"
    backup = tmp_path / "backup.sqlite3"
    filled_store(backup).close()
    checkpoint(backup)
    expected = soreness_rows(backup)
    sides = stale_side_files_of_another_journal(journal)
    result = legday("--db", journal, "restore", backup)
    assert result.returncode == 0, result.stderr
    assert "journal.sqlite3.stale-" in result.stdout
    (kept_wal,) = tmp_path.glob("journal.sqlite3.stale-*-wal")
    assert kept_wal.read_bytes() == sides["-wal"]
    assert Path(str(kept_wal).removesuffix("-wal") + "-shm").read_bytes() == sides["-shm"]
    assert legday("--db", journal, "export", "--format", "csv").returncode == 0
    assert soreness_rows(journal) == expected
    check = sqlite3.connect(journal)
    assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    check.close()


def test_a_missing_journal_with_stale_side_files_starts_new_and_keeps_them(
    tmp_path: Path,
) -> None:
    journal = tmp_path / "journal.sqlite3"
    sides = stale_side_files_of_another_journal(journal)
    (tmp_path / "export.json").write_text(EMPTY_EXPORT)
    result = legday("--db", journal, "import", tmp_path / "export.json")
    assert result.returncode == 0, result.stderr
    (kept_wal,) = tmp_path.glob("journal.sqlite3.stale-*-wal")
    assert kept_wal.read_bytes() == sides["-wal"]
    assert soreness_rows(journal) == []


def legday_at(
    clock: str, *arguments: str | Path, keep: int = 3
) -> subprocess.CompletedProcess[str]:
    """Run the command line with the system clock showing ``clock`` (Debian's faketime)."""
    faketime = shutil.which("faketime")
    if faketime is None:
        pytest.skip("needs faketime (Debian's faketime package; .ci/run installs it)")
    prefix = (faketime, "-f", f"@{clock}")
    return legday_text(*arguments, prefix=prefix, LEGDAY_KEEP_BACKUPS=str(keep))


def as_it_was(result: subprocess.CompletedProcess[str]) -> Path:
    """The backup that ``legday restore`` named as "the journal as it was"."""
    assert result.returncode == 0, result.stderr
    marker = "the journal as it was is in "
    assert marker in result.stdout, result.stdout
    return Path(result.stdout.split(marker)[1].rstrip().removesuffix("."))


def test_the_clock_going_back_never_deletes_the_newest_backups(tmp_path: Path) -> None:
    from legday_desktop.services.safekeeping import newest_good_backup

    journal = tmp_path / "journal.sqlite3"
    good = tmp_path / "good.sqlite3"
    filled_store(journal).close()
    filled_store(good).close()
    made = [
        as_it_was(legday_at(clock, "--db", journal, "restore", good))
        for clock in ("2026-12-10 12:00:00", "2026-12-11 12:00:00", "2026-12-12 12:00:00")
    ]
    # The clock is set back by ten days: the next backups carry older times in their names.
    for clock in ("2026-12-01 12:00:00", "2026-12-02 12:00:00", "2026-12-02 12:00:00"):
        made.append(as_it_was(legday_at(clock, "--db", journal, "restore", good)))
        assert made[-1].is_file()
        kept = sorted(path.name for path in made if path.exists())
        assert kept == sorted(path.name for path in made[-3:])  # the three made last
        assert newest_good_backup(journal) == made[-1]
    assert len(set(made)) == len(made)


# --- files Legday writes: owner-only, atomic, never through a link ---------------------

OUTPUTS = {
    "export.json": ["export", "--format", "json", "-o"],
    "export.csv": ["export", "--format", "csv", "-o"],
    "report.pdf": ["report", "-o"],
    "chart.png": ["chart", "--kind", "timeline", "-o"],
    "chart.svg": ["chart", "--kind", "timeline", "-o"],
    "snapshot.png": ["snapshot", "-o"],
    "backup.sqlite3": ["backup", "-o"],
}


def legday_with_umask(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    """The command line as started from a shell whose umask is the usual 022."""
    old = os.umask(0o022)
    try:
        return legday(*arguments)
    finally:
        os.umask(old)


@pytest.fixture(scope="module")
def demo_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    journal = tmp_path_factory.mktemp("demo") / "journal.sqlite3"
    assert legday("--db", journal, "demo").returncode == 0
    return journal


@pytest.mark.parametrize("name", list(OUTPUTS))
def test_every_file_legday_writes_is_owner_only_also_when_forced_over_an_old_one(
    demo_journal: Path, tmp_path: Path, name: str
) -> None:
    output = tmp_path / name
    result = legday_with_umask("--db", demo_journal, *OUTPUTS[name], output)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    if name == "backup.sqlite3":
        return  # a backup never replaces a file
    output.write_bytes(b"old")
    output.chmod(0o644)
    result = legday_with_umask("--db", demo_journal, *OUTPUTS[name], output, "--force")
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    assert output.read_bytes() != b"old"
    assert [path.name for path in tmp_path.iterdir()] == [name]  # nothing left beside it


@pytest.mark.parametrize("name", [n for n in OUTPUTS if n != "backup.sqlite3"])
def test_a_link_planted_at_the_temporary_name_is_never_written_through(
    demo_journal: Path, tmp_path: Path, name: str
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / f".{name}.partial").symlink_to(victim)
    output = tmp_path / name
    result = legday("--db", demo_journal, *OUTPUTS[name], output)
    assert result.returncode == 0, result.stderr
    assert victim.read_text() == "precious"
    assert output.is_file() and not output.is_symlink()


@pytest.mark.parametrize("name", [n for n in OUTPUTS if n != "backup.sqlite3"])
def test_output_at_a_symlink_needs_force_and_then_replaces_the_link_not_its_target(
    demo_journal: Path, tmp_path: Path, name: str
) -> None:
    target = tmp_path / "elsewhere" / "target"
    target.parent.mkdir()
    output = tmp_path / name
    output.symlink_to(target)  # dangling: the target does not exist
    refused = legday("--db", demo_journal, *OUTPUTS[name], output)
    assert refused.returncode == 2 and "exists; add --force to replace it" in refused.stderr
    assert not target.exists()
    result = legday("--db", demo_journal, *OUTPUTS[name], output, "--force")
    assert result.returncode == 0, result.stderr
    assert not target.exists()
    assert output.is_file() and not output.is_symlink()
    assert stat.S_IMODE(output.stat().st_mode) == 0o600


# --- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize("level", ["-0", "+5", "-00"])
def test_a_level_with_a_sign_that_changes_nothing_is_refused_like_any_other(
    tmp_path: Path, level: str
) -> None:
    journal = tmp_path / "journal.sqlite3"
    filled_store(journal).close()
    before = legday("--db", journal, "export", "--format", "csv").stdout
    source = tmp_path / "levels.csv"
    source.write_text(
        "date,region,level,leg_day_date,days_after,note\n"
        "2019-05-04,calves.left,3,,,\n"
        f"2019-05-05,calves.left,{level},,,\n"
    )
    result = legday("--db", journal, "import", source)
    assert result.returncode == 2, result.stdout
    assert result.stderr == (f"legday: error: {source}:3: level: '{level}' is not a whole number\n")
    assert legday("--db", journal, "export", "--format", "csv").stdout == before


def test_an_export_from_a_time_zone_ahead_imports_and_later_dates_are_refused(
    tmp_path: Path,
) -> None:
    import datetime as dt

    journal = tmp_path / "journal.sqlite3"
    filled_store(journal).close()
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    ahead = tmp_path / "ahead.json"
    ahead.write_text(
        json.dumps(
            {
                "format_version": 1,
                "leg_days": [{"date": tomorrow.isoformat(), "title": "Early", "exercises": []}],
                "soreness": [{"date": tomorrow.isoformat(), "region": "calves.left", "level": 2}],
                "check_ins": [],
            }
        )
    )
    result = legday("--db", journal, "import", ahead)
    assert result.returncode == 0, result.stderr
    assert "2 added" in result.stdout
    later = tmp_path / "later.csv"
    day_after = (tomorrow + dt.timedelta(days=1)).isoformat()
    later.write_text(
        f"date,region,level,leg_day_date,days_after,note\n{day_after},calves.left,3,,,\n"
    )
    refused = legday("--db", journal, "import", later)
    assert refused.returncode == 2
    assert refused.stderr == f"legday: error: {later}:2: date: {day_after} is in the future\n"


@pytest.mark.parametrize("name", [n for n in OUTPUTS if n != "backup.sqlite3"])
def test_an_output_in_a_missing_folder_names_that_file(
    demo_journal: Path, tmp_path: Path, name: str
) -> None:
    output = tmp_path / "missing" / name
    result = legday("--db", demo_journal, *OUTPUTS[name], output)
    assert result.returncode == 1
    assert result.stderr == f"legday: error: cannot write {output}: No such file or directory\n"


@pytest.mark.parametrize("page_size", [1024, 8192, 65536])
def test_a_backup_with_another_page_size_restores_exactly(tmp_path: Path, page_size: int) -> None:
    """Another SQLite tool (or an older Legday) may write another page size; WAL cannot mix."""
    journal = tmp_path / "journal.sqlite3"
    filled_store(journal).close()
    backup = tmp_path / "other-size.sqlite3"
    source = sqlite3.connect(journal)
    copy = sqlite3.connect(backup)
    source.backup(copy)
    source.close()
    copy.execute("PRAGMA journal_mode = DELETE")
    copy.execute("INSERT INTO soreness (date, region_id, level, note) "
                 "VALUES ('2026-03-09', 'calves.right', 2, 'only in the backup')")  # fmt: skip
    copy.commit()
    copy.execute(f"PRAGMA page_size = {page_size}")
    copy.execute("VACUUM")
    assert copy.execute("PRAGMA page_size").fetchone() == (page_size,)
    copy.close()
    backup_bytes = backup.read_bytes()
    result = legday("--db", journal, "restore", backup)
    assert result.returncode == 0, result.stderr
    assert "readonly" not in result.stderr
    assert soreness_rows(journal) == soreness_rows(backup)
    assert ("2026-03-09", "calves.right", 2, "only in the backup") in soreness_rows(journal)
    assert backup.read_bytes() == backup_bytes  # the backup itself is never changed
    assert not list(tmp_path.glob(".journal.sqlite3.restoring*"))
    check = sqlite3.connect(journal)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    check.close()
