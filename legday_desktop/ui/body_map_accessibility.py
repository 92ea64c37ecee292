"""Accessibility for the body map: each of the 18 regions is an element with a name and value.

Screen readers see the map as a group of 18 buttons ("Left quad", "6, moderate — front
view"), where each one is on screen, and which one is selected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect
from PySide6.QtGui import QAccessible, QAccessibleInterface, QWindow
from PySide6.QtWidgets import QAccessibleWidget

from legday_desktop.domain.regions import REGION_IDS, region_by_id
from legday_desktop.ui import texts

if TYPE_CHECKING:
    from legday_desktop.ui.body_map import BodyMap


class RegionAccessible(QAccessibleInterface):
    """One region of the map as an accessible element."""

    def __init__(self, owner: BodyMapAccessible, body_map: BodyMap, region_id: str) -> None:
        super().__init__()
        self._owner = owner
        self._map = body_map
        self.region_id = region_id

    def isValid(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def object(self) -> QObject | None:
        return None

    def window(self) -> QWindow | None:
        return self._map.window().windowHandle()

    def relations(self, match: object = None) -> list[object]:
        return []

    def focusChild(self) -> QAccessibleInterface | None:  # noqa: N802 (Qt override)
        return None

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # noqa: N802
        return None

    def parent(self) -> QAccessibleInterface:
        return self._owner

    def child(self, index: int) -> QAccessibleInterface | None:
        return None

    def childCount(self) -> int:  # noqa: N802 (Qt override)
        return 0

    def indexOfChild(self, child: QAccessibleInterface) -> int:  # noqa: N802 (Qt override)
        return -1

    def text(self, kind: QAccessible.Text) -> str:
        region = region_by_id(self.region_id)
        if kind == QAccessible.Text.Name:
            return region.name
        level = self._map.levels.get(self.region_id)
        value = (
            texts.level_meaning(level) if level is None else f"{level}, {texts.level_band(level)}"
        )
        if kind == QAccessible.Text.Value:
            return value
        if kind == QAccessible.Text.Description:
            return f"{value} — {region.group.view.value} view"
        return ""

    def setText(self, kind: QAccessible.Text, text: str) -> None:  # noqa: N802 (Qt override)
        return

    def rect(self) -> QRect:
        shape = self._map.art.regions[self.region_id].path.boundingRect()
        local = self._map.view_transform().mapRect(shape).toAlignedRect()
        return QRect(self._map.mapToGlobal(local.topLeft()), local.size())

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.Button

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        state.focusable = True
        state.selectable = True
        state.selected = self._map.selected_region == self.region_id
        state.focused = state.selected and self._map.hasFocus()
        return state


class BodyMapAccessible(QAccessibleWidget):
    """The map as a group whose children are its regions, in catalogue order."""

    def __init__(self, body_map: BodyMap) -> None:
        super().__init__(body_map, QAccessible.Role.Grouping, "Body map")
        self._map = body_map
        self._regions = [RegionAccessible(self, body_map, region_id) for region_id in REGION_IDS]
        for region in self._regions:
            QAccessible.registerAccessibleInterface(region)

    def childCount(self) -> int:  # noqa: N802 (Qt override)
        return len(self._regions)

    def child(self, index: int) -> QAccessibleInterface | None:
        return self._regions[index] if 0 <= index < len(self._regions) else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:  # noqa: N802 (Qt override)
        for index, region in enumerate(self._regions):
            if region is child:
                return index
        return -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # noqa: N802
        from PySide6.QtCore import QPoint, QPointF

        region_id = self._map.region_at(QPointF(self._map.mapFromGlobal(QPoint(x, y))))
        return None if region_id is None else self._regions[REGION_IDS.index(region_id)]

    def focusChild(self) -> QAccessibleInterface | None:  # noqa: N802 (Qt override)
        selected = self._map.selected_region
        return None if selected is None else self._regions[REGION_IDS.index(selected)]


_installed = False


def install_accessibility() -> None:
    """Let Qt build BodyMapAccessible for every BodyMap (once per process)."""
    global _installed
    if _installed:
        return

    def factory(class_name: str, instance: QObject) -> QAccessibleInterface | None:
        from legday_desktop.ui.body_map import BodyMap

        if isinstance(instance, BodyMap):
            return BodyMapAccessible(instance)
        return None

    QAccessible.installFactory(factory)
    _installed = True
