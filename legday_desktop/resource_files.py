"""Where Legday's data files are: the ``resources/`` folder, installed as a package."""

from __future__ import annotations

import importlib
from pathlib import Path


def resource_path(name: str) -> Path:
    """The path of a file in ``resources/``, from a source tree, a wheel or a bundle."""
    # importlib.resources would be the textbook way, but it costs start-up time.
    package = importlib.import_module("legday_desktop.resources")
    assert package.__file__ is not None
    return Path(package.__file__).parent / name
