"""Renders every view of the window at the sizes the layout is designed for, as PNGs.

Usage: ``python docs/screenshots.py [OUTPUT_FOLDER] [--only SIZE]`` (default
``docs/screenshots``; ``--only 1366x768`` renders one size). Each size runs in its own
process on an offscreen screen of that size (and scale), on a demo journal with a standing
warning, so the pictures show what a user sees. At the laptop size (1366x768) the views are
also rendered in the dark theme (``…-dark.png``), and Edit → Preferences… is rendered too.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

# (name, screen width, height, device pixel ratio); the window is maximised on it.
SCREENS = [
    ("1024x640", 1024, 640, 1),
    ("1366x768", 1366, 768, 1),
    ("1920x1080", 1920, 1080, 1),
    ("2x-2400x1600", 2400, 1600, 2),
]
CHART_KINDS = ["recovery", "compare", "timeline"]
VIEWS = ["log", "progress-recovery", "progress-compare", "progress-timeline", "insights"]
# The size the dark theme and the Preferences dialog are shown at.
THEMED_SCREEN = "1366x768"
DARK_VIEWS = ["log", "progress-recovery", "insights"]


def _render(journal: Path, folder: Path, name: str) -> None:
    """In this process (on its own screen): show each view maximised and save it."""
    from PySide6.QtCore import QCoreApplication

    from legday_desktop.app import _application
    from legday_desktop.services.journal import JournalService
    from legday_desktop.services.opening import Access
    from legday_desktop.ui.main_window import MainWindow

    app = _application()
    window = MainWindow(interactive=False)
    service = JournalService(journal, parent=window, access=Access.READ)
    service.open()
    window.attach(service, picture_only=True)
    window.showMaximized()

    def settle(ready: Callable[[], bool] = lambda: True) -> None:
        deadline = time.monotonic() + 20
        while not ready() and time.monotonic() < deadline:
            app.processEvents()
        for _ in range(10):
            app.processEvents()
            QCoreApplication.sendPostedEvents()
            time.sleep(0.02)

    def insights_ready() -> bool:
        return window.insights_shown

    def show(view: str) -> None:
        view_name, _, kind = view.partition("-")
        window.show_view(view_name)
        if kind:
            assert window.chart_panel is not None
            window.chart_panel.kind_tabs.setCurrentIndex(CHART_KINDS.index(kind))
        settle(insights_ready if view_name == "insights" else lambda: True)

    window.show_date(dt.date.today())
    settle(lambda: window.advice_shown and window.body_map.painted_with_data)
    window.body_map.select_region("quadriceps.left")  # the selection, as a user sees it
    for view in VIEWS:
        show(view)
        window.grab().save(str(folder / f"{name}-{view}.png"))
    if name == THEMED_SCREEN:
        from legday_desktop.services.preferences import Theme
        from legday_desktop.ui.preferences_dialog import PreferencesDialog
        from legday_desktop.ui.theme import apply_theme

        dialog = PreferencesDialog(window.preferences, window)
        dialog.show()
        settle()
        dialog.grab().save(str(folder / f"{name}-preferences.png"))
        dialog.close()
        apply_theme(Theme.DARK)
        for view in DARK_VIEWS:
            show(view)
            window.grab().save(str(folder / f"{name}-{view}-dark.png"))
        apply_theme(Theme.SYSTEM)
    service.close()
    window.close()


def main() -> int:
    arguments = sys.argv[1:]
    only = None
    if "--only" in arguments:
        at = arguments.index("--only")
        only = arguments[at + 1]
        del arguments[at : at + 2]
    folder = Path(arguments[0]) if arguments else Path(__file__).parent / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    if os.environ.get("LEGDAY_SCREENSHOT_CHILD"):
        journal = Path(os.environ["LEGDAY_SCREENSHOT_JOURNAL"])
        _render(journal, folder, os.environ["LEGDAY_SCREENSHOT_NAME"])
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        journal = Path(scratch) / "demo.sqlite3"
        subprocess.run(
            [sys.executable, "-m", "legday_desktop", "--db", str(journal), "demo", "--weeks", "30"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        _add_standing_warning(journal)
        for name, width, height, ratio in SCREENS:
            if only is not None and name != only:
                continue
            config = Path(scratch) / f"{name}.json"
            config.write_text(
                json.dumps(
                    {
                        "synchronousWindowSystemEvents": False,
                        "windowFrameMargins": False,
                        "screens": [
                            {
                                "name": name,
                                "x": 0,
                                "y": 0,
                                "width": width,
                                "height": height,
                                "logicalDpi": 96,
                                "logicalBaseDpi": 96,
                                "dpr": ratio,
                            }
                        ],
                    }
                )
            )
            environment = {
                **os.environ,
                "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
                "LEGDAY_SCREENSHOT_CHILD": "1",
                "LEGDAY_SCREENSHOT_JOURNAL": str(journal),
                "LEGDAY_SCREENSHOT_NAME": name,
            }
            subprocess.run([sys.executable, __file__, str(folder)], check=True, env=environment)
            print(f"{name}: {', '.join(VIEWS)}")
    return 0


def _add_standing_warning(journal: Path) -> None:
    """Today's check-in reports one calf swollen, warm and red: the window warns of a clot."""
    from PySide6.QtCore import QCoreApplication

    from legday_desktop.domain.check_ins import CheckIn, WarningSymptom
    from legday_desktop.services.journal import JournalService

    application = QCoreApplication.instance() or QCoreApplication([])
    service = JournalService(journal)
    service.open()
    service.save_check_in(
        CheckIn(dt.date.today(), symptoms=frozenset({WarningSymptom.ONE_LEG_SWOLLEN_WARM_RED}))
    )
    service.close()
    del application


if __name__ == "__main__":
    sys.exit(main())
