"""Read Legday's accessibility tree over AT-SPI, as a screen reader does; print it as JSON.

Run by the system's Python (pyatspi comes from Debian's python3-pyatspi), inside the
session tests/helpers/atspi_session.py starts.
"""

from __future__ import annotations

import json
import time

import gi

gi.require_version("Atspi", "2.0")
import pyatspi  # noqa: E402
from gi.repository import Atspi  # noqa: E402


def legday() -> object:
    desktop = pyatspi.Registry.getDesktop(0)
    for _ in range(100):
        for index in range(desktop.childCount):
            app = desktop.getChildAtIndex(index)
            if app is not None and app.name == "Legday":
                return app
        time.sleep(0.1)
    raise SystemExit("Legday never appeared on the accessibility bus")


def main() -> None:
    report: dict[str, object] = {"unnamed": [], "date": None}
    unnamed: list[str] = []

    def walk(node: object) -> None:
        states = node.getState()
        role = node.getRoleName()
        shown_stop = states.contains(pyatspi.STATE_FOCUSABLE) and states.contains(
            pyatspi.STATE_SHOWING
        )
        if shown_stop and not node.name.strip():
            parent = node.parent
            unnamed.append(f"{role} in {parent.getRoleName()} {parent.name!r}")
        if role == "spin button" and node.name == "Shown date":
            value = node.queryValue()
            report["date"] = {
                "value": value.currentValue,
                "minimum": value.minimumValue,
                "maximum": value.maximumValue,
                "value text": Atspi.Value.get_text(node),
                "text": node.queryText().getText(0, -1),
            }
        for index in range(node.childCount):
            child = node.getChildAtIndex(index)
            if child is not None:
                walk(child)

    walk(legday())
    report["unnamed"] = unnamed
    print(json.dumps(report))


if __name__ == "__main__":
    main()
