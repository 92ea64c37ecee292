"""Legday's log file: owner-only, rotated, in the state folder; --debug echoes it."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import pytest

from legday_desktop import logs


@pytest.fixture(autouse=True)
def _no_handlers_left() -> object:
    yield
    logger = logging.getLogger(logs.LOGGER_NAME)
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()


def test_the_log_is_an_owner_only_file_in_the_state_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert logs.log_folder() == tmp_path / "state" / "legday"
    path = logs.start_logging()
    assert path == tmp_path / "state" / "legday" / "legday.log"
    logging.getLogger("legday").info("opened a journal")
    logging.getLogger("legday").debug("not written without --debug")
    text = path.read_text("utf-8")
    assert "INFO legday: opened a journal" in text and "not written" not in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_the_log_is_rotated_and_keeps_three_old_files(tmp_path: Path) -> None:
    path = logs.start_logging(folder=tmp_path)
    line = "x" * 1000
    for _ in range(5 * logs.MAX_LOG_BYTES // 1000):
        logging.getLogger("legday").info(line)
    kept = sorted(file.name for file in tmp_path.iterdir())
    assert kept == ["legday.log", "legday.log.1", "legday.log.2", "legday.log.3"]
    assert all(stat.S_IMODE(file.stat().st_mode) == 0o600 for file in tmp_path.iterdir())
    assert path.stat().st_size <= logs.MAX_LOG_BYTES


def test_debug_logs_everything_and_echoes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = logs.start_logging(debug=True, folder=tmp_path)
    logging.getLogger("legday").debug("a detail")
    assert "DEBUG legday: a detail" in path.read_text("utf-8")
    assert "DEBUG legday: a detail" in capsys.readouterr().err
    # Started again (as a second window would): one set of handlers, not two.
    logs.start_logging(debug=True, folder=tmp_path)
    logging.getLogger("legday").warning("once")
    assert capsys.readouterr().err.count("once") == 1


def test_without_a_writable_folder_warnings_still_reach_standard_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", "utf-8")
    logs.start_logging(folder=blocked / "logs")
    logging.getLogger("legday").warning("seen anyway")
    assert "seen anyway" in capsys.readouterr().err
