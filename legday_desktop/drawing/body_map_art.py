"""The body-map artwork: region shapes as painter paths in a fixed view box, from resources."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainterPath, QPainterPathStroker

from legday_desktop.domain.regions import GROUP_IDS, Side, View, group_by_id
from legday_desktop.resource_files import resource_path

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class RegionShape:
    """Where one region (``<group>.<side>``) is drawn, in view-box coordinates.

    ``path`` is the drawn shape; ``hit_path`` is where a click means this region (the shape
    grown by the artwork's hit margin, never into a neighbour's); ``lines`` are thin inner
    lines that hint the muscle's heads.
    """

    region_id: str
    view: View
    path: QPainterPath
    label_point: QPointF
    lines: QPainterPath
    hit_areas: HitAreas

    @property
    def hit_path(self) -> QPainterPath:
        """Where a click means this region."""
        return self.hit_areas.path(self.region_id)


class HitAreas:
    """Every region's hit area, worked out on first use: start-up need not wait for it.

    It is some 40 ms of path geometry (grown shapes less their neighbours).
    """

    def __init__(self, shapes: dict[str, QPainterPath], margin: float) -> None:
        self._shapes = shapes
        self._margin = margin
        self._paths: dict[str, QPainterPath] | None = None

    def path(self, region_id: str) -> QPainterPath:
        """The hit area of ``region_id``."""
        return self.prepare()[region_id]

    def prepare(self) -> dict[str, QPainterPath]:
        """Work the hit areas out now, if not yet done."""
        if self._paths is None:
            self._paths = _hit_paths(self._shapes, self._margin)
        return self._paths


@dataclass(frozen=True, slots=True)
class Figure:
    """One drawing of the legs: its outline, title and which side of the body is where."""

    view: View
    title: str
    title_point: QPointF
    silhouette: QPainterPath
    # (side, anchor) for the letters that say which leg is the person's left or right.
    side_labels: tuple[tuple[Side, QPointF], ...]
    # Open curves drawn on the body (spine, pelvis, folds): they make it read as a body.
    details: QPainterPath


@dataclass(frozen=True, slots=True)
class BodyMapArt:
    """All shapes of the body map, and the view box they are drawn in."""

    view_box: QRectF
    figures: tuple[Figure, ...]
    regions: dict[str, RegionShape]
    hit_areas: HitAreas

    def region_at(self, point: QPointF) -> str | None:
        """The id of the region whose hit area contains ``point`` (view-box coordinates)."""
        for shape in self.regions.values():
            if shape.hit_path.contains(point):
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


def smooth_open_path(points: list[QPointF], path: QPainterPath | None = None) -> QPainterPath:
    """An open curve through ``points`` (a Catmull-Rom spline), added to ``path`` if given."""
    path = path if path is not None else QPainterPath()
    path.moveTo(points[0])
    ends = [points[0], *points, points[-1]]  # the end points repeated: the curve ends there
    for index in range(1, len(ends) - 2):
        before, start, end, after = ends[index - 1 : index + 3]
        path.cubicTo(start + (end - before) / 6, end - (after - start) / 6, end)
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


def _placed(points: list[Any], origin: QPointF, mirrored: bool) -> list[QPointF]:
    sign = -1 if mirrored else 1
    return [QPointF(origin.x() + sign * x, origin.y() + y) for x, y in points]


def _grown(path: QPainterPath, margin: float) -> QPainterPath:
    """``path`` with ``margin`` added all round."""
    if margin <= 0:
        return QPainterPath(path)
    stroker = QPainterPathStroker()
    stroker.setWidth(2 * margin)
    stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return path.united(stroker.createStroke(path)).simplified()


def _hit_paths(shapes: dict[str, QPainterPath], margin: float) -> dict[str, QPainterPath]:
    """Each shape grown by ``margin``, less every other grown shape (plus its own shape).

    Where two margins meet, the gap belongs to neither: so hit areas never overlap, and a
    click only ever reaches past a shape into empty space.
    """
    grown = {region_id: _grown(path, margin) for region_id, path in shapes.items()}
    hits = {}
    for region_id, path in shapes.items():
        hit = QPainterPath(grown[region_id])
        for other_id, other in grown.items():
            if other_id != region_id and other.intersects(hit):
                hit = hit.subtracted(other)
        hits[region_id] = hit.united(path).simplified()
    return hits


def build_art(data: dict[str, Any]) -> BodyMapArt:
    """The artwork described by ``data`` (the layout of ``bodymap.json``).

    Shapes of groups the catalogue does not (yet) have are skipped; a catalogue group with
    no shape is an error.
    """
    left, top, width, height = data["view_box"]
    outline = [tuple(point) for point in data["silhouette"]]
    # The outline is given for the screen's left half; the right half mirrors it, reversed.
    full_outline = outline + [(-x, y) for x, y in reversed(outline)]

    figures: list[Figure] = []
    regions: dict[str, RegionShape] = {}
    shapes: dict[str, tuple[View, QPainterPath, QPointF, QPainterPath]] = {}
    for view_name, figure in data["figures"].items():
        view = View(view_name)
        origin = QPointF(*figure["origin"])
        screen_left = Side(figure["screen_left_side"])
        offset = data["side_label_offset"]
        label_y = origin.y() + data["side_label_y"]
        details = QPainterPath()
        for curve in figure.get("details", []):
            for mirrored in (False, True):
                smooth_open_path(_placed(curve, origin, mirrored), details)
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
                details=details,
            )
        )
        for group_id, shape in data["regions"].items():
            if View(shape["view"]) is not view or group_id not in GROUP_IDS:
                continue  # another view's, or a group the catalogue does not have yet
            for side, mirrored in ((screen_left, False), (screen_left.mirrored, True)):
                points = _placed(shape["points"], origin, mirrored)
                label = (
                    _placed([shape["label"]], origin, mirrored)[0]
                    if "label" in shape
                    else _centroid(points)
                )
                lines = QPainterPath()
                for line in shape.get("lines", []):
                    smooth_open_path(_placed(line, origin, mirrored), lines)
                region_id = f"{group_id}.{side.value}"
                shapes[region_id] = (view, smooth_closed_path(points), label, lines)
    missing = {f"{group}.{side.value}" for group in GROUP_IDS for side in Side} - set(shapes)
    if missing:
        raise ValueError(f"bodymap.json draws no shape for {sorted(missing)}")
    hits = HitAreas({key: value[1] for key, value in shapes.items()}, data.get("hit_margin", 0))
    for region_id, (view, path, label, lines) in shapes.items():
        if group_by_id(region_id.split(".")[0]).view is not view:
            raise ValueError(f"bodymap.json draws {region_id} in the wrong view")
        regions[region_id] = RegionShape(region_id, view, path, label, lines, hits)
    return BodyMapArt(QRectF(left, top, width, height), tuple(figures), regions, hits)


@functools.cache
def load_art() -> BodyMapArt:
    """Read the artwork from resources once and build its paths."""
    return build_art(json.loads(resource_path("bodymap.json").read_text("utf-8")))
