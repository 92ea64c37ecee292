"""Remove what Legday never uses from the PyInstaller folder, and prove nothing needed went.

PyInstaller's ``excludes`` cannot drop Qt's translations, plugins or the libraries they
link, so they are removed from the built folder here. Libraries that only the removed
files needed go too. Afterwards every ELF file left in the folder must find each
library it needs that the folder used to provide: otherwise the script fails. Last,
debug sections are stripped.

Usage: python packaging/prune_bundle.py dist/legday
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

QT = "_internal/PySide6/Qt"
MPL_DATA = "_internal/matplotlib/mpl-data"
LEGDAY_LOCALE = "_internal/legday_desktop/resources/locale"

# Paths (relative to the bundle, globs allowed) that Legday does not need, with why.
UNUSED: dict[str, str] = {
    # Qt's translations but its own words (qtbase) in the languages Legday speaks: see kept().
    f"{QT}/translations/*": "Qt's translations",
    # No network, no TLS, no VNC or framebuffer or touch-screen servers.
    f"{QT}/plugins/networkinformation": "network status",
    f"{QT}/plugins/tls": "TLS backends",
    f"{QT}/plugins/generic/libqtuiotouchplugin.so": "TUIO touch over the network",
    f"{QT}/plugins/platforms/libqvnc.so": "the VNC platform",
    f"{QT}/lib/libQt6Network.so.6": "QtNetwork",
    # Full-screen embedded platforms (eglfs); desktops use xcb or wayland.
    f"{QT}/plugins/platforms/libqeglfs.so": "the eglfs platform",
    f"{QT}/plugins/platforms/libqminimalegl.so": "the minimal EGL platform",
    f"{QT}/plugins/platforms/libqlinuxfb.so": "the Linux framebuffer platform",
    f"{QT}/plugins/egldeviceintegrations": "eglfs device integrations",
    f"{QT}/lib/libQt6EglFSDeviceIntegration.so.6": "eglfs",
    f"{QT}/lib/libQt6EglFsKmsSupport.so.6": "eglfs",
    # The GTK 3 theme pulls in GTK's whole stack; Qt's own style looks the same here.
    f"{QT}/plugins/platformthemes/libqgtk3.so": "the GTK 3 platform theme",
    # Image formats: Qt reads and writes PNG itself; the icon is SVG.
    f"{QT}/plugins/imageformats/libqgif.so": "GIF images",
    f"{QT}/plugins/imageformats/libqicns.so": "ICNS images",
    f"{QT}/plugins/imageformats/libqjpeg.so": "JPEG images",
    f"{QT}/plugins/imageformats/libqtga.so": "TGA images",
    f"{QT}/plugins/imageformats/libqtiff.so": "TIFF images",
    f"{QT}/plugins/imageformats/libqwbmp.so": "WBMP images",
    f"{QT}/plugins/imageformats/libqwebp.so": "WebP images",
    f"{QT}/plugins/imageformats/libqpdf.so": "PDF images",
    # Charts use DejaVu Sans (matplotlib's default) and no math text or PostScript.
    f"{MPL_DATA}/sample_data": "matplotlib's sample data",
    f"{MPL_DATA}/fonts/afm": "PostScript font metrics",
    f"{MPL_DATA}/fonts/pdfcorefonts": "PDF core font metrics",
    f"{MPL_DATA}/fonts/ttf/STIX*": "STIX math fonts",
    f"{MPL_DATA}/fonts/ttf/cm*": "Computer Modern math fonts",
    f"{MPL_DATA}/fonts/ttf/DejaVuSerif*": "DejaVu Serif",
}


def needed_libraries(elf: Path) -> list[str]:
    """The DT_NEEDED entries of an ELF file (empty for anything else)."""
    result = subprocess.run(
        ["readelf", "--dynamic", "--wide", str(elf)], capture_output=True, text=True
    )
    if result.returncode != 0:
        return []
    return [
        line.split("[", 1)[1].split("]", 1)[0]
        for line in result.stdout.splitlines()
        if "(NEEDED)" in line
    ]


def elf_files(folder: Path) -> Iterable[Path]:
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as file:
                if file.read(4) == b"\x7fELF":
                    yield path


def libraries_by_name(folder: Path) -> dict[str, list[Path]]:
    """Every shared library in the folder (files and symlinks), by file name."""
    found: dict[str, list[Path]] = {}
    for path in folder.rglob("*.so*"):
        if path.is_file():
            found.setdefault(path.name, []).append(path)
    return found


def needed_by_anything(folder: Path) -> set[str]:
    return {name for elf in elf_files(folder) for name in needed_libraries(elf)}


def remove(path: Path) -> int:
    """Delete a file, symlink or folder; the bytes freed."""
    if path.is_symlink() or path.is_file():
        size = 0 if path.is_symlink() else path.stat().st_size
        path.unlink()
        return size
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    shutil.rmtree(path)
    return size


def kept(bundle: Path) -> set[Path]:
    """What UNUSED's patterns match but Legday needs: Qt's words in each of its languages.

    ``qtbase_de.qm`` holds the standard dialogs' buttons and a line edit's menu in German;
    a language Legday speaks is a folder of its compiled catalogues.
    """
    locale = bundle / LEGDAY_LOCALE
    languages = [path.name for path in locale.iterdir() if path.is_dir()] if locale.is_dir() else []
    return {bundle / QT / "translations" / f"qtbase_{language}.qm" for language in languages}


def prune(bundle: Path) -> int:
    """Remove the unused files and orphaned libraries; the bytes freed."""
    provided_before = set(libraries_by_name(bundle))
    orphans_before = provided_before - needed_by_anything(bundle)
    freed = 0
    needed = kept(bundle)
    for pattern, _why in UNUSED.items():
        for path in sorted(bundle.glob(pattern)):
            if path not in needed:
                freed += remove(path)
    # Libraries that only the removed files needed (and their own, in turn).
    while True:
        by_name = libraries_by_name(bundle)
        orphans = set(by_name) - needed_by_anything(bundle) - orphans_before
        # Python extension modules are imported, not linked: never orphans.
        orphans = {name for name in orphans if ".cpython-" not in name and ".abi3." not in name}
        if not orphans:
            break
        for name in orphans:
            for path in by_name[name]:
                freed += remove(path)
    # Top-level symlinks into removed files.
    for link in bundle.rglob("*"):
        if link.is_symlink() and not link.exists():
            link.unlink()
    check(bundle, provided_before)
    return freed


def check(bundle: Path, provided_before: set[str]) -> None:
    """Fail when a file left needs a library the folder provided and no longer does."""
    provided = set(libraries_by_name(bundle))
    missing = sorted(
        f"{elf.relative_to(bundle)} needs {name}"
        for elf in elf_files(bundle)
        for name in needed_libraries(elf)
        if name in provided_before and name not in provided
    )
    if missing:
        raise SystemExit("pruning removed libraries still in use:\n  " + "\n  ".join(missing))


def has_debug_info(elf: Path) -> bool:
    result = subprocess.run(
        ["readelf", "--section-headers", "--wide", str(elf)], capture_output=True, text=True
    )
    return ".debug_info" in result.stdout


def strip_debug_info(bundle: Path) -> int:
    """Drop debug sections (libpython's are 18 MB); the bytes freed.

    Only debug sections, and only from files that have them: a full ``strip`` (which is
    what PyInstaller's ``strip=True`` does) breaks libraries that auditwheel patched,
    such as numpy's OpenBLAS.
    """
    freed = 0
    for elf in list(elf_files(bundle)):
        if has_debug_info(elf):
            before = elf.stat().st_size
            subprocess.run(["strip", "--strip-debug", str(elf)], check=True)
            freed += before - elf.stat().st_size
    return freed


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main(arguments: list[str]) -> int:
    if len(arguments) != 1 or not (Path(arguments[0]) / "_internal").is_dir():
        print("usage: python packaging/prune_bundle.py dist/legday", file=sys.stderr)
        return 2
    for tool in ("readelf", "strip"):
        if shutil.which(tool) is None:
            print(f"{tool} is needed (Debian: binutils)", file=sys.stderr)
            return 1
    bundle = Path(arguments[0])
    freed = prune(bundle) + strip_debug_info(bundle)
    print(
        f"Pruned {freed / 1e6:.1f} MB from {bundle}; "
        f"it now holds {folder_size(bundle) / 1e6:.1f} MB."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
