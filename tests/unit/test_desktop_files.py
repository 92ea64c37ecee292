"""The Linux desktop entry, AppStream metainfo and icons validate, agree and are current."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtGui import QImage

import legday_desktop

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
APP_ID = "io.github.legday.legday"
DESKTOP_FILE = LINUX / f"{APP_ID}.desktop"
METAINFO_FILE = LINUX / f"{APP_ID}.metainfo.xml"
# Which Debian/Ubuntu package provides each validator.
VALIDATOR_PACKAGES = {"desktop-file-validate": "desktop-file-utils", "appstreamcli": "appstream"}


def _load_render_icons() -> ModuleType:
    # packaging/ is no package: load the script by its path, as the icons were made by it.
    spec = importlib.util.spec_from_file_location("render_icons", LINUX / "render_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


render_icons = _load_render_icons()


def _validate(*command: str) -> list[str]:
    """Run a validator; skip when it is not installed. Returns its output lines."""
    if shutil.which(command[0]) is None:
        package = VALIDATOR_PACKAGES[command[0]]
        pytest.skip(f"{command[0]} is not installed (apt-get install {package}; CI installs it)")
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    output = (result.stdout + result.stderr).splitlines()
    assert result.returncode == 0, "\n".join(output)
    return output


def _desktop_entry() -> dict[str, str]:
    """The keys of the [Desktop Entry] group (keys are case-sensitive, so no configparser)."""
    entry: dict[str, str] = {}
    group = ""
    for line in DESKTOP_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            group = line.strip("[]")
        elif group == "Desktop Entry" and "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            entry[key.strip()] = value.strip()
    return entry


def _metainfo() -> ET.Element:
    return ET.parse(METAINFO_FILE).getroot()


def _argb32(image: QImage) -> bytes:
    return bytes(image.convertToFormat(QImage.Format.Format_ARGB32).constBits())


def test_desktop_entry_validates() -> None:
    output = _validate("desktop-file-validate", str(DESKTOP_FILE))
    problems = [line for line in output if "error:" in line or "warning:" in line]
    assert not problems, "\n".join(problems)


def test_metainfo_validates() -> None:
    output = _validate("appstreamcli", "validate", "--no-net", str(METAINFO_FILE))
    errors = [line for line in output if line.startswith("E:")]
    assert not errors, "\n".join(errors)


ICON_FILES = [render_icons.png_path(size) for size in render_icons.SIZES] + [
    render_icons.window_icon_path(size) for size in render_icons.WINDOW_ICON_SIZES
]


@pytest.mark.parametrize(
    "path", ICON_FILES, ids=lambda path: path.parent.parent.name + "/" + path.name
)
def test_icon_png_has_its_size_and_transparent_corners(path: Path) -> None:
    image = QImage(str(path))
    size = (
        int(path.parent.parent.name.split("x")[0])
        if "hicolor" in path.parts
        else int(path.stem.split("-")[1])
    )
    assert not image.isNull(), f"missing or unreadable: {path}"
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
    # The tile's rounded corners are see-through, whatever the panel behind them.
    assert image.pixelColor(0, 0).alpha() == 0


@pytest.mark.parametrize(
    "path", ICON_FILES, ids=lambda path: path.parent.parent.name + "/" + path.name
)
def test_icon_png_is_rendered_from_the_current_svg(path: Path) -> None:
    size = QImage(str(path)).width()
    fresh = _argb32(render_icons.render(render_icons.SVG, size))
    checked_in = _argb32(QImage(str(path)))
    assert len(fresh) == len(checked_in)
    largest_difference = max(abs(a - b) for a, b in zip(fresh, checked_in, strict=True))
    assert largest_difference <= 2, (
        f"the {size} px icon is older than resources/legday.svg: "
        "run python packaging/linux/render_icons.py"
    )


def test_scalable_icon_is_the_app_icon() -> None:
    assert render_icons.scalable_path().read_bytes() == render_icons.SVG.read_bytes(), (
        "run python packaging/linux/render_icons.py"
    )


def test_desktop_entry_metainfo_and_icons_share_the_app_id() -> None:
    entry = _desktop_entry()
    metainfo = _metainfo()
    assert render_icons.APP_ID == APP_ID
    assert entry["Icon"] == APP_ID
    assert metainfo.findtext("id") == APP_ID
    assert metainfo.findtext("launchable[@type='desktop-id']") == DESKTOP_FILE.name


def test_desktop_entry_and_metainfo_launch_the_installed_command() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "scripts"
    ]
    command = _desktop_entry()["Exec"].split()[0]
    assert command in scripts
    assert _metainfo().findtext("provides/binary") == command


def test_newest_release_notes_are_for_this_version() -> None:
    releases = _metainfo().findall("releases/release")
    assert releases, "the metainfo lists no release"
    newest = releases[0]  # AppStream lists releases newest first
    assert newest.get("version") == legday_desktop.__version__, (
        "add a <release> with its notes to the metainfo for the new version"
    )
    assert newest.find("description") is not None


def test_metainfo_validates_pedantic_and_has_what_stores_show() -> None:
    """Store listing: pedantic-clean, a short summary, brand colours, links, screenshots."""
    output = _validate("appstreamcli", "validate", "--pedantic", "--no-net", str(METAINFO_FILE))
    # Only the note an AppStream before 1.0 gives for <developer> (developer_name is there).
    problems = [
        line
        for line in output
        if line[:2] in ("E:", "W:", "P:") or (line.startswith("I:") and "developer" not in line)
    ]
    assert not problems, "\n".join(problems)
    metainfo = _metainfo()
    assert len(metainfo.findtext("summary", "")) <= 35
    assert metainfo.findtext("developer_name") == metainfo.findtext("developer/name")
    colours = {
        colour.get("scheme_preference"): colour.text
        for colour in metainfo.findall("branding/color[@type='primary']")
    }
    assert set(colours) == {"light", "dark"} and colours["light"] != colours["dark"]
    urls = {url.get("type"): url.text for url in metainfo.findall("url")}
    assert {"homepage", "bugtracker", "vcs-browser"} <= set(urls)
    shots = [image.text or "" for image in metainfo.findall("screenshots/screenshot/image")]
    views = {"log", "progress-recovery", "insights"}
    assert views <= {Path(shot).stem.split("-", 1)[1] for shot in shots}
    for shot in shots:  # each points at a picture in the repository
        assert (ROOT / "docs" / "screenshots" / Path(shot).name).is_file(), shot
