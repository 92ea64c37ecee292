"""Save dialogs start in a remembered folder, with names that say what and when."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from legday_desktop.services.save_folders import (
    FileKind,
    file_name,
    remember_folder,
    start_folder,
    suggested_path,
)


def test_names_say_what_and_when() -> None:
    day = dt.date(2026, 12, 2)
    assert file_name("Recovery", day, "png") == "legday-2026-12-02-recovery.png"
    assert file_name("compare leg days", day, ".svg") == "legday-2026-12-02-compare-leg-days.svg"
    assert file_name("", day, "png") == "legday-2026-12-02.png"


def test_first_time_pictures_start_in_pictures_and_documents_in_documents(tmp_path: Path) -> None:
    home = Path.home()
    assert start_folder(FileKind.IMAGE) == home  # neither folder exists yet: the home
    (home / "Pictures").mkdir()
    (home / "Documents").mkdir()
    assert start_folder(FileKind.IMAGE) == home / "Pictures"
    assert start_folder(FileKind.REPORT) == home / "Documents"


def test_each_kind_remembers_its_own_folder_while_it_exists(tmp_path: Path) -> None:
    pictures = tmp_path / "shots"
    pictures.mkdir()
    remember_folder(FileKind.IMAGE, pictures / "legday-2026-12-02-map.png")
    assert start_folder(FileKind.IMAGE) == pictures
    assert start_folder(FileKind.REPORT) == Path.home()
    assert suggested_path(FileKind.IMAGE, "map", dt.date(2026, 12, 2), "png") == (
        pictures / "legday-2026-12-02-map.png"
    )
    pictures.rmdir()
    assert start_folder(FileKind.IMAGE) == Path.home()  # gone: back to the first folder
