"""Legday: record leg-day muscle soreness on a body map and follow its recovery."""

import time

APP_NAME = "Legday"
# The desktop id: names the .desktop entry, the AppStream file and the icon.
APP_ID = "io.github.legday.legday"

# When the package was first imported: start-up timings (``--self-test``) count from here.
IMPORTED_AT = time.perf_counter()


def __getattr__(name: str) -> str:
    # __version__ is looked up on first use: importlib.metadata costs about 5 MB and
    # 20 ms, which the first window does not need.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("legday")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0+unknown"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
