"""Accessibility for the body map: each region is an element with a name, value and actions.

Screen readers see the map as a group of buttons, one per region ("Left quad", value
"6, moderate", "front view"), where each one is on screen and which one is selected.
Each offers Qt's value interface (its level 0–10, none when not rated; setting it asks
for that level as a click would) and its action interface (Press selects the region,
Increase and Decrease step its level). A level shown anew announces a value change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QRect
from PySide6.QtGui import (
    QAccessible,
    QAccessibleActionInterface,
    QAccessibleInterface,
    QAccessibleValueChangeEvent,
    QAccessibleValueInterface,
    QWindow,
)
from PySide6.QtWidgets import QAccessibleWidget

from legday_desktop.domain.regions import REGION_IDS, region_by_id
from legday_desktop.domain.soreness import MAX_LEVEL, MIN_LEVEL
from legday_desktop.ui import texts

if TYPE_CHECKING:
    from legday_desktop.ui.body_map import BodyMap


class RegionValue(QAccessibleValueInterface):
    """A region's level as an accessible value: 0–10, None when not rated."""

    def __init__(self, body_map: BodyMap, region_id: str) -> None:
        super().__init__()
        self._map = body_map
        self._region_id = region_id

    def currentValue(self) -> object:  # noqa: N802 (Qt override)
        return self._map.levels.get(self._region_id)

    def setCurrentValue(self, value: object) -> None:  # noqa: N802 (Qt override)
        """Ask for this level (None or "" clears it), as choosing it on screen would."""
        if value is None or value == "":
            self._map.request_level(self._region_id, None)
            return
        try:
            level = round(float(value))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return  # not a level: nothing is asked for
        self._map.request_level(self._region_id, min(MAX_LEVEL, max(MIN_LEVEL, level)))

    def maximumValue(self) -> object:  # noqa: N802 (Qt override)
        return MAX_LEVEL

    def minimumValue(self) -> object:  # noqa: N802 (Qt override)
        return MIN_LEVEL

    def minimumStepSize(self) -> object:  # noqa: N802 (Qt override)
        return 1


class RegionActions(QAccessibleActionInterface):
    """Press selects the region; Increase and Decrease step its level by one."""

    def __init__(self, body_map: BodyMap, region_id: str) -> None:
        super().__init__()
        self._map = body_map
        self._region_id = region_id

    def actionNames(self) -> list[str]:  # noqa: N802 (Qt override)
        return [self.pressAction(), self.increaseAction(), self.decreaseAction()]

    def localizedActionDescription(self, name: str) -> str:  # noqa: N802 (Qt override)
        return {
            self.pressAction(): "Select this region",
            self.increaseAction(): "Raise its soreness by one",
            self.decreaseAction(): "Lower its soreness by one",
        }.get(name, "")

    def doAction(self, name: str) -> None:  # noqa: N802 (Qt override)
        if name == self.pressAction():
            self._map.select_region(self._region_id)
            self._map.setFocus()
            return
        step = {self.increaseAction(): 1, self.decreaseAction(): -1}.get(name)
        if step is None:
            return
        level = self._map.levels.get(self._region_id)
        wanted = (MIN_LEVEL if step > 0 else None) if level is None else level + step
        if wanted is None or not MIN_LEVEL <= wanted <= MAX_LEVEL:
            return  # below 0 or past 10: nothing to do
        self._map.request_level(self._region_id, wanted)

    def keyBindingsForAction(self, name: str) -> list[str]:  # noqa: N802 (Qt override)
        return {self.increaseAction(): ["+"], self.decreaseAction(): ["-"]}.get(name, [])


class RegionAccessible(QAccessibleInterface):
    """One region of the map as an accessible element."""

    def __init__(self, owner: BodyMapAccessible, body_map: BodyMap, region_id: str) -> None:
        super().__init__()
        self._owner = owner
        self._map = body_map
        self.region_id = region_id
        self._value = RegionValue(body_map, region_id)
        self._actions = RegionActions(body_map, region_id)

    # PySide6's stubs declare these as never None (and interface_cast as int); Qt's C++
    # returns null pointers for "none" and a pointer here, so the stubs are overridden.
    def interface_cast(self, kind: QAccessible.InterfaceType) -> object:  # type: ignore[override]
        if kind == QAccessible.InterfaceType.ValueInterface:
            return self._value
        if kind == QAccessible.InterfaceType.ActionInterface:
            return self._actions
        # A null pointer: None here would crash PySide6 (it expects a pointer).
        return shiboken6.VoidPtr(0)

    def isValid(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def object(self) -> QObject | None:  # type: ignore[override]
        return None

    def window(self) -> QWindow | None:  # type: ignore[override]
        return self._map.window().windowHandle()

    def relations(self, match: Any = None) -> list[Any]:
        return []

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]  # noqa: N802
        return None

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]  # noqa: N802
        return None

    def parent(self) -> QAccessibleInterface:
        return self._owner

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
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

    def announce_value(self) -> None:
        """Tell assistive technology that this region's level changed."""
        event = QAccessibleValueChangeEvent(self, self._map.levels.get(self.region_id))
        QAccessible.updateAccessibility(event)

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

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return self._regions[index] if 0 <= index < len(self._regions) else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:  # noqa: N802 (Qt override)
        for index, region in enumerate(self._regions):
            if region is child:
                return index
        return -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]  # noqa: N802
        from PySide6.QtCore import QPoint, QPointF

        region_id = self._map.region_at(QPointF(self._map.mapFromGlobal(QPoint(x, y))))
        return None if region_id is None else self._regions[REGION_IDS.index(region_id)]

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]  # noqa: N802
        selected = self._map.selected_region
        return None if selected is None else self._regions[REGION_IDS.index(selected)]

    def region(self, region_id: str) -> RegionAccessible:
        return self._regions[REGION_IDS.index(region_id)]


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
