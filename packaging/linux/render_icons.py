"""Render resources/legday.svg into the hicolor icon theme and the docs/icon-sizes.png sheet."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

APP_ID = "io.github.legday.legday"
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SVG = ROOT / "resources" / "legday.svg"
HICOLOR = HERE / "icons" / "hicolor"
CONTACT_SHEET = ROOT / "docs" / "icon-sizes.png"
# The running window's icon: PNGs, so that start-up needs no SVG plugin (about 2 MB).
WINDOW_ICONS = ROOT / "resources" / "icons"

# The sizes desktops look for in hicolor; 16–48 are menus and panels, 256–512 are stores.
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
SHEET_SIZES = (16, 32, 48, 64, 128, 256)
WINDOW_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Light and dark rows of the contact sheet: the backgrounds of common light and dark themes.
SHEET_ROWS = (("#fafafa", "#3d3846"), ("#242424", "#deddda"))
SHEET_MARGIN = 32
SHEET_LABEL_GAP = 8
SHEET_LABEL_HEIGHT = 16


def png_path(size: int) -> Path:
    """Where the hicolor theme looks for the icon at ``size`` × ``size`` pixels."""
    return HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def window_icon_path(size: int) -> Path:
    """The PNG the running app uses for its window icon at ``size`` pixels."""
    return WINDOW_ICONS / f"legday-{size}.png"


def scalable_path() -> Path:
    return HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"


def render(svg: Path, size: int) -> QImage:
    """The SVG drawn into a transparent ``size`` × ``size`` image (no QGuiApplication needed)."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not an SVG that Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    # Straight (not premultiplied) alpha is what PNG stores, so saving changes no pixel.
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def contact_sheet(icons: dict[int, QImage]) -> QImage:
    """Each icon at its true pixel size, labelled, on a light row and on a dark row."""
    sizes = sorted(icons)
    row_height = 2 * SHEET_MARGIN + max(sizes) + SHEET_LABEL_GAP + SHEET_LABEL_HEIGHT
    width = SHEET_MARGIN * (len(sizes) + 1) + sum(sizes)
    sheet = QImage(width, row_height * len(SHEET_ROWS), QImage.Format.Format_RGB32)
    painter = QPainter(sheet)
    font = QFont(painter.font())
    font.setPixelSize(12)
    painter.setFont(font)
    for row, (background, foreground) in enumerate(SHEET_ROWS):
        top = row * row_height
        painter.fillRect(0, top, width, row_height, QColor(background))
        painter.setPen(QColor(foreground))
        baseline = top + SHEET_MARGIN + max(sizes)  # icons stand on one line, labels below
        left = SHEET_MARGIN
        for size in sizes:
            painter.drawImage(QPoint(left, baseline - size), icons[size])
            label = QRect(
                left - SHEET_MARGIN // 2,
                baseline + SHEET_LABEL_GAP,
                size + SHEET_MARGIN,
                SHEET_LABEL_HEIGHT,
            )
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, f"{size} px")
            left += size + SHEET_MARGIN
    painter.end()
    return sheet


def save(image: QImage, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")


def main() -> int:
    # Offscreen: the script runs in CI and over SSH, where there is no display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(sys.argv[:1])  # the labels need fonts, which need an application
    icons = {size: render(SVG, size) for size in SIZES}
    for size, image in icons.items():
        save(image, png_path(size))
    for size in WINDOW_ICON_SIZES:
        save(icons[size], window_icon_path(size))
    scalable_path().parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SVG, scalable_path())
    save(contact_sheet({size: icons[size] for size in SHEET_SIZES}), CONTACT_SHEET)
    written = [*map(png_path, SIZES), *map(window_icon_path, WINDOW_ICON_SIZES)]
    for path in [*written, scalable_path(), CONTACT_SHEET]:
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
