"""Every word Legday shows has its German: the whole package against po/de, merged as built."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from helpers.catalogues import merged_catalogue

from legday_desktop.domain import wording

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "legday_desktop"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def source_messages() -> list[tuple[str, str | tuple[str, ...], str | None]]:
    """(where, message, context) of every message marked in legday_desktop/."""
    return [
        (f"{name}:{line}", message, context)
        for name, line, message, _comments, context in extract_from_dir(
            str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS
        )
    ]


def english_forms(message: str | tuple[str, ...]) -> tuple[str, ...]:
    return (message,) if isinstance(message, str) else tuple(m for m in message if m)


def german_forms(
    catalogue: Catalog, message: str | tuple[str, ...], context: str | None
) -> tuple[str, ...]:
    key = message if isinstance(message, str) else message[0]
    found = catalogue.get(key, context=context)
    if found is None:
        return ()
    strings = found.string
    forms = strings if isinstance(strings, tuple) else (strings,)
    return forms if all(forms) else ()


def test_every_message_in_the_package_has_its_german() -> None:
    catalogue = merged_catalogue("de")
    untranslated = [
        f"{where}: {message!r}"
        for where, message, context in source_messages()
        if not german_forms(catalogue, message, context)
    ]
    assert untranslated == []


def test_german_keeps_the_placeholders_and_one_access_key() -> None:
    catalogue = merged_catalogue("de")
    wrong = []
    for where, message, context in source_messages():
        english = english_forms(message)
        named = set(PLACEHOLDER.findall(english[-1]))
        for german in german_forms(catalogue, message, context):
            # A plural's German may leave out the count ("einen Beintag"), nothing else.
            used = set(PLACEHOLDER.findall(german))
            if used - {"count"} != named - {"count"} or not used <= named:
                wrong.append(f"{where}: {english[-1]!r} → {german!r} (placeholders)")
            # An access key (&File) stays an access key, and only one.
            if "&" in english[0].replace("&&", "") and german.replace("&&", "").count("&") != 1:
                wrong.append(f"{where}: {english[0]!r} → {german!r} (access key)")
    assert wrong == []


def test_the_installed_catalogue_is_the_po_files() -> None:
    """setup.py compiled po/de into the package: stale when a .po changed since."""
    found = gettext.find(wording.DOMAIN, localedir=wording.locale_folder(), languages=["de"])
    assert found is not None, "no German catalogue installed: pip install -e . compiles it"
    with Path(found).open("rb") as file:
        installed = gettext.GNUTranslations(file)
    stale = []
    for message in merged_catalogue("de"):
        if not message.id:
            continue
        english = english_forms(message.id)
        german = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.context is not None:
            shown = installed.pgettext(message.context, english[0])
        elif len(english) > 1:
            shown = installed.ngettext(english[0], english[1], 1)
        else:
            shown = installed.gettext(english[0])
        if shown != german[0]:
            stale.append(english[0])
    assert stale == [], "stale: pip install -e . compiles po/de again"
