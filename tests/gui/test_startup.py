"""Start-up: the window shows before storage loads, and ``run_app`` returns the exit code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from legday_desktop.app import run_app
from legday_desktop.ui.main_window import MainWindow


def test_first_window_shows_before_sqlalchemy_or_matplotlib_load(tmp_path: Path) -> None:
    probe = (
        "import sys\nfrom pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from legday_desktop.app import start_main_window\n"
        "window = start_main_window(Path(sys.argv[1]))\n"
        "print(window.isVisible(), 'sqlalchemy' in sys.modules, 'matplotlib' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "j.sqlite3")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["True", "False", "False"]


def close_main_window_once(app: QApplication, when_journal_open: bool) -> None:
    """From the event loop, close the main window (once its journal is open, if asked)."""

    def attempt() -> None:
        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows and (windows[0].journal_open or not when_journal_open):
            windows[0].close()
        else:
            QTimer.singleShot(10, attempt)

    QTimer.singleShot(0, attempt)


def test_run_app_returns_0_after_the_user_closes_the_window(
    qapp: QApplication, tmp_path: Path
) -> None:
    close_main_window_once(qapp, when_journal_open=True)
    assert run_app(tmp_path / "journal.sqlite3") == 0
    assert (tmp_path / "journal.sqlite3").exists()


def test_run_app_returns_1_when_the_journal_cannot_be_opened(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    database = tmp_path / "other.sqlite3"
    database.write_text("not a database")
    assert run_app(database) == 1
    assert "not a Legday database" in shown[0]
