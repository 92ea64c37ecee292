"""The body-map widget: front and back of the legs, each region filled by its soreness level.

Geometry lives in a fixed view box (``body_map_art``); one QTransform fits it to the widget,
and clicks map back through its inverse onto the region shapes. The widget only shows
levels and emits what the user asks for; it never stores anything itself.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from legday_desktop.domain.regions import REGION_IDS, region_by_id
from legday_desktop.domain.soreness import MAX_LEVEL, MIN_LEVEL
from legday_desktop.domain.wording import N_, _
from legday_desktop.drawing.body_map_art import BodyMapArt, load_art
from legday_desktop.drawing.colours import level_colour, text_colour_on, with_contrast
from legday_desktop.ui import texts
from legday_desktop.ui.body_map_accessibility import BodyMapAccessible, install_accessibility

# A second digit typed within this time after "1" makes 10.
TEN_KEY_WINDOW_S = 1.0
# The hit areas are worked out this long after the first frame with data (see HitAreas).
HIT_AREAS_AFTER_MS = 100


# The drawings' titles in resources/bodymap.json, marked for translation here.
_FIGURE_TITLES = {"FRONT": N_("FRONT"), "BACK": N_("BACK")}


@dataclass(frozen=True, slots=True)
class BodyMapStyle:
    """Every drawing parameter of the map in one place, in view-box units."""

    outline_width: float = 1.6
    hover_width: float = 3.0
    selected_width: float = 5.0
    silhouette_width: float = 2.0
    detail_width: float = 1.4  # the body's own lines (spine, pelvis, folds)
    head_width: float = 1.2  # the lines between a muscle's heads …
    head_alpha: int = 150  # … faint, over the fill or the hatching
    title_size: float = 26.0
    side_letter_size: float = 40.0
    side_word_size: float = 15.0
    level_size: float = 24.0
    name_size: float = 13.0  # region names, when shown …
    smallest_name_pixels: float = 8.5  # … never smaller than this on screen
    hatch_alpha: int = 90
    focus_width: float = 2.0  # pixels: the keyboard focus frame round the map


class BodyMap(QWidget):
    """Front and back views of hips and legs; click or use the keyboard to pick a region.

    Signals:
        region_selected(str): the selected region changed (its id, or "" for none).
        region_hovered(str): the pointer moved onto a region (its id) or off them ("").
        data_painted(): the first paint that shows a day's levels has finished.
        level_requested(str, object, bool): the user asked to set a region to a level
            (an int 0–10, or None to clear); the bool is True when this completes a
            two-key "10" started by the previous request.
    """

    region_selected = Signal(str)
    region_hovered = Signal(str)
    level_requested = Signal(str, object, bool)
    data_painted = Signal()

    def __init__(self, parent: QWidget | None = None, art: BodyMapArt | None = None) -> None:
        super().__init__(parent)
        self.art = art or load_art()
        self.style_options = BodyMapStyle()
        self._levels: dict[str, int] = {}
        self._selected: str | None = None
        self._hovered: str | None = None
        self._last_digit: tuple[str, float] | None = None  # (region, time) of a typed "1"
        self.painted_with_data = False
        self._has_data = False
        self._show_names = False
        self._background: tuple[tuple[object, ...], QPixmap] | None = None
        # Where each region draws on the widget (fill, outline, selection, level), per size.
        self._region_rects: tuple[tuple[int, int], dict[str, QRect]] | None = None
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 280)  # the window's minimum fits a 1024 x 640 screen
        self.setAccessibleName(_("Body map"))
        install_accessibility()
        self._update_accessible_description()

    # --- state -------------------------------------------------------------------

    @property
    def selected_region(self) -> str | None:
        return self._selected

    @property
    def hovered_region(self) -> str | None:
        return self._hovered

    @property
    def levels(self) -> dict[str, int]:
        return dict(self._levels)

    @property
    def show_names(self) -> bool:
        """True when every region carries its name on the map."""
        return self._show_names

    def set_show_names(self, show: bool) -> None:
        if show != self._show_names:
            self._show_names = show
            self.update()

    def set_levels(self, levels: dict[str, int]) -> None:
        """Show these levels; regions missing from ``levels`` are drawn as not rated."""
        changed = [
            region_id
            for region_id in REGION_IDS
            if levels.get(region_id) != self._levels.get(region_id)
        ]
        self._levels = dict(levels)
        if self._hovered is not None:
            self.setToolTip(self.describe(self._hovered))
        self._update_accessible_description()
        if not self._has_data:
            self._has_data = True
            self.update()  # the first data: painted whole (then painted_with_data holds)
        else:
            self._update_regions(changed)
        if changed and QAccessible.isActive():
            accessible = QAccessible.queryAccessibleInterface(self)
            if isinstance(accessible, BodyMapAccessible):
                for region_id in changed:
                    accessible.region(region_id).announce_value()

    def request_level(self, region_id: str, level: int | None) -> None:
        """Ask for ``region_id`` at ``level`` (None: not rated), as a click or key would."""
        self._last_digit = None
        self.level_requested.emit(region_id, level, False)

    def select_region(self, region_id: str | None) -> None:
        if region_id == self._selected:
            return
        before, self._selected = self._selected, region_id
        self._last_digit = None
        self._update_accessible_description()
        if region_id is not None and QAccessible.isActive():
            event = QAccessibleEvent(self, QAccessible.Event.Focus)
            event.setChild(REGION_IDS.index(region_id))
            QAccessible.updateAccessibility(event)
        self._update_regions([before, region_id])
        self.region_selected.emit(region_id or "")

    def forget_pending_digit(self) -> None:
        """Forget a typed "1": something else happened, so a following "0" means 0."""
        self._last_digit = None

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(460, 590)

    # --- geometry ----------------------------------------------------------------

    def view_transform(self) -> QTransform:
        """The transform that fits the view box into the widget, keeping its aspect ratio."""
        box = self.art.view_box
        scale = min(self.width() / box.width(), self.height() / box.height())
        dx = (self.width() - box.width() * scale) / 2 - box.left() * scale
        dy = (self.height() - box.height() * scale) / 2 - box.top() * scale
        return QTransform(scale, 0, 0, scale, dx, dy)

    def region_at(self, position: QPointF) -> str | None:
        """The region under a widget position, hit-testing the shapes themselves."""
        inverse, invertible = self.view_transform().inverted()
        return self.art.region_at(inverse.map(position)) if invertible else None

    def region_centre(self, region_id: str) -> QPointF:
        """A widget position inside the region (where its level is written)."""
        return self.view_transform().map(self.art.regions[region_id].label_point)

    # --- painting ----------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        palette = self.palette()
        painter.drawPixmap(0, 0, self._background_pixmap(palette))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setTransform(self.view_transform())
        # After an edit only the changed regions are repainted: draw just what reaches them
        # (in the same order, so overlapping edges come out the same).
        dirty = event.region()
        rects = self._rects()
        for region_id in REGION_IDS:
            if dirty.intersects(rects[region_id]):
                self._draw_region(painter, palette, region_id)
        if self._hovered and self._hovered != self._selected:
            self._draw_outline(
                painter,
                self._hovered,
                palette.color(QPalette.ColorRole.Text),
                self.style_options.hover_width,
            )
        if self._selected:
            self._draw_selection(painter, palette, self._selected)
        if self.hasFocus():
            self._draw_focus_frame(painter)
        painter.end()
        if self._has_data and not self.painted_with_data:
            self.painted_with_data = True
            self.data_painted.emit()
            # Ready before the first hover, once the first frame is out.
            QTimer.singleShot(HIT_AREAS_AFTER_MS, self.art.hit_areas.prepare)

    def _rects(self) -> dict[str, QRect]:
        """Each region's extent on the widget: its shape with its widest outline, its level."""
        size = (self.width(), self.height())
        if self._region_rects is None or self._region_rects[0] != size:
            transform = self.view_transform()
            font = self._font(self.style_options.level_size, bold=True)
            label = QFontMetricsF(font).boundingRect("10")
            margin = (self.style_options.selected_width + 4) / 2 + 2
            rects = {}
            for region_id, shape in self.art.regions.items():
                level_box = QRectF(label)
                level_box.moveCenter(shape.label_point)
                # Its name, when shown: under the level, on up to two lines.
                name_font = QFontMetricsF(self._font(self._name_size()))
                bounds = shape.path.boundingRect()
                widest = max(bounds.width(), name_font.horizontalAdvance("Hamstring") + 8)
                name_box = QRectF(
                    bounds.center().x() - widest / 2,
                    shape.label_point.y() - name_font.height(),
                    widest,
                    self.style_options.level_size + 3 * name_font.height(),
                )
                box = bounds.united(level_box).united(name_box)
                box = box.adjusted(-margin, -margin, margin, margin)
                rects[region_id] = transform.mapRect(box).toAlignedRect().adjusted(-1, -1, 1, 1)
            self._region_rects = (size, rects)
        return self._region_rects[1]

    def _update_regions(self, region_ids: list[str] | list[str | None]) -> None:
        """Repaint these regions (None: none) and only them."""
        rects = self._rects()
        for region_id in region_ids:
            if region_id is not None:
                self.update(rects[region_id])

    def _background_pixmap(self, palette: QPalette) -> QPixmap:
        """The figures and their labels, which change only with size and palette, cached."""
        ratio = self.devicePixelRatioF()
        key = (self.width(), self.height(), ratio, palette.cacheKey())
        if self._background is None or self._background[0] != key:
            pixmap = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setTransform(self.view_transform())
            self._draw_figures(painter, palette)
            painter.end()
            self._background = (key, pixmap)
        return self._background[1]

    def _font(self, size: float, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(size)
        font.setBold(bold)
        return font

    def _draw_text(self, painter: QPainter, centre: QPointF, text: str, font: QFont) -> None:
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        rect = metrics.boundingRect(text)
        painter.drawText(
            QPointF(centre.x() - rect.width() / 2, centre.y() + metrics.capHeight() / 2), text
        )

    def _draw_figures(self, painter: QPainter, palette: QPalette) -> None:
        text = palette.color(QPalette.ColorRole.WindowText)
        body = palette.color(QPalette.ColorRole.Base)
        edge = QColor(text)
        edge.setAlpha(140)
        options = self.style_options
        for figure in self.art.figures:
            painter.setPen(QPen(edge, options.silhouette_width))
            painter.setBrush(body)
            painter.drawPath(figure.silhouette)
            painter.setPen(QPen(edge, options.detail_width))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(figure.details)
            painter.setPen(text)
            self._draw_text(
                painter,
                figure.title_point,
                _(_FIGURE_TITLES.get(figure.title, figure.title)),
                self._font(options.title_size, bold=True),
            )
            for side, anchor in figure.side_labels:
                self._draw_text(
                    painter, anchor, side.label[0], self._font(options.side_letter_size, bold=True)
                )
                self._draw_text(
                    painter,
                    anchor + QPointF(0, 34),
                    side.label.lower(),
                    self._font(options.side_word_size),
                )

    def _draw_region(self, painter: QPainter, palette: QPalette, region_id: str) -> None:
        shape = self.art.regions[region_id]
        text = palette.color(QPalette.ColorRole.Text)
        level = self._levels.get(region_id)
        outline = QColor(text)
        outline.setAlpha(200)
        painter.setPen(QPen(outline, self.style_options.outline_width))
        if level is None:
            # Not rated: hatched, no fill, so it never looks like a pale 0.
            hatch = QColor(text)
            hatch.setAlpha(self.style_options.hatch_alpha)
            brush = QBrush(hatch, Qt.BrushStyle.BDiagPattern)
            brush.setTransform(
                QTransform.fromScale(
                    1 / max(painter.transform().m11(), 0.01),
                    1 / max(painter.transform().m22(), 0.01),
                )
            )
            painter.setBrush(brush)
            painter.drawPath(shape.path)
            self._draw_heads(painter, region_id, text)
            if self._show_names:
                self._draw_name(painter, region_id, text, halo=True)
            return
        painter.setBrush(level_colour(level))
        painter.drawPath(shape.path)
        self._draw_heads(painter, region_id, text_colour_on(level))
        painter.setPen(text_colour_on(level))
        self._draw_text(
            painter,
            shape.label_point,
            str(level),
            self._font(self.style_options.level_size, bold=True),
        )
        if self._show_names:
            self._draw_name(painter, region_id, text_colour_on(level), halo=False)

    def _draw_heads(self, painter: QPainter, region_id: str, colour: QColor) -> None:
        """The thin lines between the muscle's heads (quadriceps, calf), if it has any."""
        lines = self.art.regions[region_id].lines
        if lines.isEmpty():
            return
        faint = QColor(colour)
        faint.setAlpha(self.style_options.head_alpha)
        painter.strokePath(lines, QPen(faint, self.style_options.head_width))

    def _name_size(self) -> float:
        """The names' font size in view-box units: readable however small the map is."""
        scale = max(self.view_transform().m11(), 0.01)
        options = self.style_options
        return max(options.name_size, options.smallest_name_pixels / scale)

    def _name_top(self, region_id: str) -> float:
        """Where a region's name starts: under its level when rated, else about its middle."""
        shape = self.art.regions[region_id]
        if region_id in self._levels:
            return shape.label_point.y() + self.style_options.level_size * 0.55
        return shape.label_point.y() - QFontMetricsF(self._font(self._name_size())).height()

    def _name_lines(self, region_id: str) -> tuple[list[str], float] | None:
        """The region's name on one line or two, whichever fits inside its shape, and its x.

        The lines are centred under the level, or in the shape's width at their height
        when that is what makes them fit. None if neither does at a readable size
        (hovering still names it).
        """
        shape = self.art.regions[region_id]
        name = region_by_id(region_id).group.side_name
        name = name[:1].upper() + name[1:]
        metrics = QFontMetricsF(self._font(self._name_size()))
        top = self._name_top(region_id)
        for lines in ([name], name.split(" ", 1)) if " " in name else ([name],):
            widest = max(metrics.horizontalAdvance(line) for line in lines)
            height = metrics.height() * len(lines)
            # The glyphs' own box: a line's height holds room above and below the letters.
            inked_top, inked_height = top + metrics.height() * 0.2, height - metrics.height() * 0.4
            bounds = shape.path.boundingRect()
            band = QPainterPath()
            band.addRect(QRectF(bounds.left(), inked_top, bounds.width(), inked_height))
            across = shape.path.intersected(band).boundingRect()
            for centre_x in (shape.label_point.x(), across.center().x()):
                inked = QRectF(centre_x - widest / 2, inked_top, widest, inked_height)
                if shape.path.contains(inked):
                    return lines, centre_x
        return None

    def named_regions(self) -> list[str]:
        """The regions whose names are written on the map at its present size."""
        if not self._show_names:
            return []
        return [region_id for region_id in REGION_IDS if self._name_lines(region_id)]

    def _draw_name(self, painter: QPainter, region_id: str, colour: QColor, *, halo: bool) -> None:
        """The region's name (its group's, "Quad": the figure's letters say which side)."""
        placed = self._name_lines(region_id)
        if placed is None:
            return
        lines, centre_x = placed
        font = self._font(self._name_size())
        metrics = QFontMetricsF(font)
        top = self._name_top(region_id)
        for index, line in enumerate(lines):
            baseline = top + index * metrics.height() + metrics.ascent()
            origin = QPointF(centre_x - metrics.horizontalAdvance(line) / 2, baseline)
            if halo:  # readable over the hatching
                outline = QPainterPath()
                outline.addText(origin, font, line)
                halo_colour = self.palette().color(QPalette.ColorRole.Base)
                painter.strokePath(outline, QPen(halo_colour, 3))
            painter.setPen(colour)
            painter.setFont(font)
            painter.drawText(origin, line)

    def _draw_outline(
        self, painter: QPainter, region_id: str, colour: QColor, width: float
    ) -> None:
        painter.setPen(QPen(colour, width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.art.regions[region_id].path)

    def selection_colours(self) -> tuple[QColor, QColor]:
        """The selection's halo (the base colour) and line (the highlight, 3:1 on the halo).

        A navy highlight on dark grey is lightened until it stands out.
        """
        palette = self.palette()
        halo = palette.color(QPalette.ColorRole.Base)
        return halo, with_contrast(palette.color(QPalette.ColorRole.Highlight), halo)

    def focus_colour(self) -> QColor:
        """The keyboard focus frame's colour: the highlight, 3:1 at least on the window."""
        palette = self.palette()
        return with_contrast(
            palette.color(QPalette.ColorRole.Highlight), palette.color(QPalette.ColorRole.Window)
        )

    def _draw_selection(self, painter: QPainter, palette: QPalette, region_id: str) -> None:
        # A wide halo in the base colour under a highlight line reads on any fill.
        width = self.style_options.selected_width
        halo, line = self.selection_colours()
        self._draw_outline(painter, region_id, halo, width + 4)
        self._draw_outline(painter, region_id, line, width)

    def _draw_focus_frame(self, painter: QPainter) -> None:
        """A frame round the whole map while it has the keyboard focus."""
        width = self.style_options.focus_width
        painter.resetTransform()
        painter.setPen(QPen(self.focus_colour(), width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inset = width / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), 4, 4)

    # --- mouse -------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            self.select_region(self.region_at(event.position()))
            self.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        hovered = self.region_at(event.position())
        if hovered != self._hovered:
            before, self._hovered = self._hovered, hovered
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if hovered else Qt.CursorShape.ArrowCursor
            )
            # Qt shows the widget's tooltip on hover; it names the region under the pointer.
            self.setToolTip("" if hovered is None else self.describe(hovered))
            self._update_regions([before, hovered])
            self.region_hovered.emit(hovered or "")
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        self._update_regions([self._hovered])
        was_hovered, self._hovered = self._hovered, None
        self.setToolTip("")
        if was_hovered is not None:
            self.region_hovered.emit("")
        super().leaveEvent(event)

    def describe(self, region_id: str) -> str:
        """``Left quad — 6, moderate`` or ``Left quad — not rated``."""
        return texts.region_with_level(region_id, self._levels.get(region_id))

    # --- keyboard ----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key = Qt.Key(event.key())
        directions = {
            Qt.Key.Key_Left: QPointF(-1, 0),
            Qt.Key.Key_Right: QPointF(1, 0),
            Qt.Key.Key_Up: QPointF(0, -1),
            Qt.Key.Key_Down: QPointF(0, 1),
        }
        if key in directions:
            self.select_region(self._neighbour(directions[key]))
        elif key == Qt.Key.Key_Escape and self._selected:
            self.select_region(None)
        elif self._selected is None:
            super().keyPressEvent(event)
        elif Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            self._digit_typed(int(key) - int(Qt.Key.Key_0))
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._last_digit = None
            self.level_requested.emit(self._selected, None, False)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus):
            self._step(1 if key != Qt.Key.Key_Minus else -1)
        else:
            super().keyPressEvent(event)

    def _digit_typed(self, digit: int) -> None:
        assert self._selected is not None
        now = time.monotonic()
        previous = self._last_digit
        if (
            digit == 0
            and previous is not None
            and previous[0] == self._selected
            and now - previous[1] <= TEN_KEY_WINDOW_S
        ):
            self._last_digit = None
            self.level_requested.emit(self._selected, MAX_LEVEL, True)
            return
        self._last_digit = (self._selected, now) if digit == 1 else None
        self.level_requested.emit(self._selected, digit, False)

    def _step(self, step: int) -> None:
        assert self._selected is not None
        self._last_digit = None
        current = self._levels.get(self._selected)
        level = (MIN_LEVEL if step > 0 else MAX_LEVEL) if current is None else current + step
        if MIN_LEVEL <= level <= MAX_LEVEL and level != current:
            self.level_requested.emit(self._selected, level, False)

    def _neighbour(self, direction: QPointF) -> str:
        """The nearest region roughly in ``direction`` from the selected one (first if none)."""
        if self._selected is None:
            return REGION_IDS[0]
        here = self.art.regions[self._selected].label_point
        best: tuple[float, str] | None = None
        for region_id, shape in self.art.regions.items():
            offset = shape.label_point - here
            along = offset.x() * direction.x() + offset.y() * direction.y()
            if region_id == self._selected or along <= 0:
                continue
            across = abs(offset.x() * direction.y() - offset.y() * direction.x())
            # Prefer regions straight ahead: sideways distance counts double, and a region
            # more beside than ahead (outside a 45° cone) only when nothing is inside it.
            score = along + 2 * across + (0 if across <= along else 10_000)
            if best is None or score < best[0]:
                best = (score, region_id)
        return self._selected if best is None else best[1]

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        self.forget_pending_digit()
        super().focusOutEvent(event)
        self.update()  # the focus frame goes

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        if self._selected is None:
            self.select_region(REGION_IDS[0])
        super().focusInEvent(event)
        self.update()  # the focus frame comes

    # --- accessibility -----------------------------------------------------------

    def _update_accessible_description(self) -> None:
        if self._selected is None:
            description = _("No region selected. Use the arrow keys to choose a region.")
        else:
            view = region_by_id(self._selected).group.view.label
            description = _(
                "Selected: {region} ({view} view). Type 0 to 9, 1 then 0 for 10, or Delete "
                "to clear."
            ).format(region=self.describe(self._selected), view=view)
        self.setAccessibleDescription(description)
