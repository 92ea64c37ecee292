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


def test_after_run_app_the_next_window_in_the_same_process_still_opens(tmp_path: Path) -> None:
    # Legday's window, closed, asked the application to quit a second time, and a window
    # opened later in the same process never opened its journal. Two tests in one process,
    # in this order, as the suite once ran them.
    here = Path(__file__).resolve().parent
    theme_test = "test_the_maps_selection_and_focus_frame_stand_out_by_3_to_1"
    ran = subprocess.run(
        [
            *(sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider"),
            f"--basetemp={tmp_path / 'run'}",
            f"{here / 'test_startup.py'}::test_run_app_returns_1_when_the_journal_cannot_be_opened",
            f"{here / 'test_theme.py'}::{theme_test}",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert ran.returncode == 0, ran.stdout[-3000:]


def test_run_app_returns_1_when_the_journal_cannot_be_opened(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    database = tmp_path / "other.sqlite3"
    database.write_text("not a database")
    assert run_app(database) == 1
    assert "not a Legday database" in shown[0]


def test_storage_loads_without_pyside_reading_every_source_file(tmp_path: Path) -> None:
    # PySide6's import hook reads the source of each module imported after it, and notes
    # it in its feature table; for SQLAlchemy that was 50 ms and 14 MB of start-up.
    probe = (
        "import sys\nfrom pathlib import Path\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from legday_desktop.app import start_main_window\n"
        "window = start_main_window(Path(sys.argv[1]))\n"
        "def check():\n"
        "    if not window.journal_open:\n"
        "        QTimer.singleShot(10, check)\n"
        "        return\n"
        "    seen = sys.modules['PySide6.support.feature'].pyside_feature_dict\n"
        "    read = [name for name in seen if name.startswith('sqlalchemy')]\n"
        "    print('sqlalchemy' in sys.modules, len(read))\n"
        "    app.quit()\n"
        "QTimer.singleShot(0, check)\n"
        "app.exec()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "j.sqlite3")],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.split() == ["True", "0"]


def test_plain_imports_hand_the_import_back_to_pyside_whatever_happens() -> None:
    import builtins

    from legday_desktop.plain_imports import plain_imports

    pyside_import = builtins.__import__
    assert pyside_import is not getattr(builtins, "__orig_import__", None)  # PySide6 is loaded
    with pytest.raises(ModuleNotFoundError), plain_imports():
        assert builtins.__import__ is builtins.__orig_import__  # type: ignore[attr-defined]
        import legday_desktop.no_such_module  # noqa: F401
    assert builtins.__import__ is pyside_import
