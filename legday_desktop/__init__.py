"""Legday: record leg-day muscle soreness on a body map and follow its recovery."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("legday")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

APP_NAME = "Legday"
