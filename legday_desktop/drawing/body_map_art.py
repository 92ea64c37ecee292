"""The body-map artwork: region shapes as painter paths in a fixed view box, from resources."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath

from legday_desktop.domain.regions import GROUP_IDS, Side, View, group_by_id
from legday_desktop.resource_files import resource_path

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class RegionShape:
    """Where one region (``<group>.<side>``) is drawn, in view-box coordinates."""

    region_id: str
    view: View
    path: QPainterPath
    label_point: QPointF


@dataclass(frozen=True, slots=True)
class Figure:
    """One drawing of the legs: its outline, title and which side of the body is where."""

    view: View
    title: str
    title_point: QPointF
    silhouette: QPainterPath
    # (side, anchor) for the letters that say which leg is the person's left or right.
    side_labels: tuple[tuple[Side, QPointF], ...]


@dataclass(frozen=True, slots=True)
class BodyMapArt:
    """All shapes of the body map, and the view box they are drawn in."""

    view_box: QRectF
    figures: tuple[Figure, ...]
    regions: dict[str, RegionShape]

    def region_at(self, point: QPointF) -> str | None:
        """The id of the region whose shape contains ``point`` (view-box coordinates)."""
        for shape in self.regions.values():
            if shape.path.contains(point):
                return shape.region_id
        return None


def smooth_closed_path(points: list[QPointF]) -> QPainterPath:
    """A closed curve through ``points``: a Catmull-Rom spline drawn as cubic Béziers."""
    path = QPainterPath(points[0])
    count = len(points)
    for index in range(count):
        before, start = points[index - 1], points[index]
        end, after = points[(index + 1) % count], points[(index + 2) % count]
        path.cubicTo(start + (end - before) / 6, end - (after - start) / 6, end)
    path.closeSubpath()
    return path


def _centroid(points: list[QPointF]) -> QPointF:
    """The area centroid of the polygon through ``points``."""
    area = cx = cy = 0.0
    for index, start in enumerate(points):
        end = points[(index + 1) % len(points)]
        cross = start.x() * end.y() - end.x() * start.y()
        area += cross
        cx += (start.x() + end.x()) * cross
        cy += (start.y() + end.y()) * cross
    area /= 2
    return QPointF(cx / (6 * area), cy / (6 * area))


def _placed(points: list[Point], origin: QPointF, mirrored: bool) -> list[QPointF]:
    sign = -1 if mirrored else 1
    return [QPointF(origin.x() + sign * x, origin.y() + y) for x, y in points]


@functools.cache
def load_art() -> BodyMapArt:
    """Read the artwork from resources once and build its paths."""
    data = json.loads(resource_path("bodymap.json").read_text("utf-8"))
    left, top, width, height = data["view_box"]
    outline = [tuple(point) for point in data["silhouette"]]
    # The outline is given for the screen's left half; the right half mirrors it, reversed.
    full_outline = outline + [(-x, y) for x, y in reversed(outline)]

    figures: list[Figure] = []
    regions: dict[str, RegionShape] = {}
    for view_name, figure in data["figures"].items():
        view = View(view_name)
        origin = QPointF(*figure["origin"])
        screen_left = Side(figure["screen_left_side"])
        offset = data["side_label_offset"]
        label_y = origin.y() + data["side_label_y"]
        figures.append(
            Figure(
                view=view,
                title=figure["title"],
                title_point=QPointF(origin.x(), top + 35),
                silhouette=smooth_closed_path(_placed(full_outline, origin, mirrored=False)),
                side_labels=(
                    (screen_left, QPointF(origin.x() - offset, label_y)),
                    (screen_left.mirrored, QPointF(origin.x() + offset, label_y)),
                ),
            )
        )
        for group_id, shape in data["regions"].items():
            if View(shape["view"]) is not view:
                continue
            for side, mirrored in ((screen_left, False), (screen_left.mirrored, True)):
                points = _placed([tuple(point) for point in shape["points"]], origin, mirrored)
                region_id = f"{group_id}.{side.value}"
                regions[region_id] = RegionShape(
                    region_id, view, smooth_closed_path(points), _centroid(points)
                )
    missing = {f"{group}.{side.value}" for group in GROUP_IDS for side in Side} - set(regions)
    if missing:
        raise ValueError(f"bodymap.json draws no shape for {sorted(missing)}")
    for region_id, shape in regions.items():
        if group_by_id(region_id.split(".")[0]).view is not shape.view:
            raise ValueError(f"bodymap.json draws {region_id} in the wrong view")
    return BodyMapArt(QRectF(left, top, width, height), tuple(figures), regions)
