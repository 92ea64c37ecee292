"""The installable package lists every subpackage and ships its data files."""

from __future__ import annotations

import tomllib
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_package_is_listed_in_pyproject() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "legday_desktop").rglob("__init__.py")
    }
    assert found | {"legday_desktop.resources"} == listed


def test_resources_are_importable_as_package_data() -> None:
    assert (files("legday_desktop.resources") / "bodymap.json").is_file()
