"""Rebuild the bundle's ICU data library without the data Qt never reads (32 MB → 9 MB).

Qt links ICU for collation (sorting in file dialogs), normalisation and case mapping;
it has its own tables for locale names, numbers, dates and text boundaries. So the
legacy-encoding converters, break-iterator dictionaries, transliterators and the
per-language display names (currencies, units, languages, regions, time-zone names,
spelled-out numbers) are removed with ICU's own ``icupkg``; each display-name tree keeps
its root, index and pool, so a look-up falls back to root instead of failing. The data is then
linked into a library of the same name and symbol as the original.

Needs ``icupkg`` (Debian: icu-devtools) and a C compiler.
Usage: python packaging/slim_icu.py dist/legday
"""

from __future__ import annotations

import fnmatch
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# Item patterns (icupkg names) to drop, and what of each tree stays.
REMOVED = [
    "*.cnv",  # converters for legacy encodings; UTF-8/16/32 need none
    "brkitr/*",  # break iterators and their dictionaries (Qt finds boundaries itself)
    "translit/*",  # transliterators
    "curr/*",
    "lang/*",
    "region/*",
    "unit/*",
    "zone/*",
    "rbnf/*",
]
KEPT_IN_TREES = ("root.res", "res_index.res", "pool.res")


def removable(item: str) -> bool:
    if item.startswith("brkitr/"):
        return True  # the whole tree: its root names the rules and dictionaries
    if "/" in item and item.rsplit("/", 1)[1] in KEPT_IN_TREES:
        return False
    return any(fnmatch.fnmatchcase(item, pattern) for pattern in REMOVED)


def data_symbol(library: Path) -> tuple[str, int, int]:
    """The ``icudtNN_dat`` symbol of the data library: name, file offset, size."""
    symbols = subprocess.run(
        ["readelf", "--syms", "--wide", str(library)], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(
        r":\s+([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL.*\s(icudt\d+_dat)$",
        symbols,
        re.MULTILINE,
    )
    if match is None:
        raise SystemExit(f"{library}: no icudt*_dat symbol; is this ICU's data library?")
    address, size, name = int(match[1], 16), int(match[2], 0), match[3]
    sections = subprocess.run(
        ["readelf", "--section-headers", "--wide", str(library)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for line in sections.splitlines():
        fields = line.replace("[ ", "[").split()
        if len(fields) > 5 and fields[1] == ".rodata":
            section_address, section_offset = int(fields[3], 16), int(fields[4], 16)
            return name, address - section_address + section_offset, size
    raise SystemExit(f"{library}: no .rodata section")


def soname(library: Path) -> str:
    dynamic = subprocess.run(
        ["readelf", "--dynamic", str(library)], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"Library soname: \[(.+?)\]", dynamic)
    return match[1] if match else library.name


def slim(library: Path) -> tuple[int, int]:
    """Replace ``library`` with one holding the slimmed data; sizes before and after."""
    for tool in ("icupkg", "cc", "readelf"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is needed (Debian: icu-devtools, gcc, binutils)")
    name, offset, size = data_symbol(library)
    # icupkg wants the package's own name (icudt73l: version 73, little-endian).
    package = name.removesuffix("_dat") + ("l" if sys.byteorder == "little" else "b")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        full, slimmed = work / "full" / f"{package}.dat", work / f"{package}.dat"
        full.parent.mkdir()
        with library.open("rb") as file:
            file.seek(offset)
            full.write_bytes(file.read(size))
        items = subprocess.run(
            ["icupkg", "-l", str(full)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        (work / "remove.txt").write_text("\n".join(i for i in items if removable(i)) + "\n")
        subprocess.run(
            [
                "icupkg",
                "-r",
                str(work / "remove.txt"),
                str(full),
                str(slimmed),
            ],
            check=True,
            cwd=work,
        )
        (work / "data.S").write_text(
            f"""    .section .rodata
    .globl {name}
    .type {name}, @object
    .balign 16
{name}:
    .incbin "{slimmed.name}"
    .size {name}, . - {name}
    .section .note.GNU-stack, "", @progbits
"""
        )
        subprocess.run(
            [
                "cc",
                "-shared",
                "-nostdlib",
                f"-Wl,-soname,{soname(library)}",
                "-o",
                "slim.so",
                "data.S",
            ],
            check=True,
            cwd=work,
        )
        before = library.stat().st_size
        shutil.copyfile(work / "slim.so", library)
    return before, library.stat().st_size


def main(arguments: list[str]) -> int:
    if len(arguments) != 1:
        print("usage: python packaging/slim_icu.py dist/legday", file=sys.stderr)
        return 2
    libraries = sorted(Path(arguments[0]).glob("_internal/PySide6/Qt/lib/libicudata.so.*"))
    if not libraries:
        print(f"{arguments[0]}: no ICU data library to slim", file=sys.stderr)
        return 1
    for library in libraries:
        before, after = slim(library)
        print(f"Slimmed {library.name}: {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
