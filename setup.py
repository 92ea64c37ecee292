"""The build step pyproject.toml cannot say: compile po/<language>/*.po into the package."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
PO_FOLDER = ROOT / "po"
LOCALE_FOLDER = ROOT / "resources" / "locale"


def compile_catalogues() -> list[Path]:
    """``resources/locale/<language>/LC_MESSAGES/legday.mo`` for each ``po/<language>``.

    A language's files (one per area of the app) merge into one catalogue, as gettext
    reads one per domain. Untranslated and fuzzy messages are left out: gettext then
    shows the English.
    """
    written = []
    for folder in sorted(path for path in PO_FOLDER.iterdir() if path.is_dir()):
        language = folder.name
        merged = Catalog(locale=language, domain="legday")
        for po in sorted(folder.glob("*.po")):
            with po.open("rb") as file:
                for message in read_po(file, locale=language):
                    if message.id and message.string and not message.fuzzy:
                        merged.add(message.id, message.string, context=message.context)
        target = LOCALE_FOLDER / language / "LC_MESSAGES" / "legday.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as file:
            write_mo(file, merged)
        written.append(target)
    return written


class BuildWithCatalogues(build_py):
    """``build_py`` that compiles the catalogues first, so package data holds them."""

    def run(self) -> None:
        compile_catalogues()
        super().run()


setup(cmdclass={"build_py": BuildWithCatalogues})
