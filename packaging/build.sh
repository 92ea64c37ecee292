#!/usr/bin/env bash
# Build Legday as a one-folder app in dist/legday/ from this checkout.
#
# Installs the checkout and PyInstaller into a build environment (build/venv, made once
# and reused), bundles with packaging/legday.spec, then removes what the app never uses
# (packaging/prune_bundle.py, packaging/slim_icu.py) and prints the folder's size.
# Needs, besides Python: binutils, a C compiler and icupkg (Debian: icu-devtools).
set -euo pipefail
cd "$(dirname "$0")/.."

python="${PYTHON:-python3}"
if [ ! -x build/venv/bin/python ]; then
    "$python" -m venv build/venv
fi
build/venv/bin/python -m pip install --quiet --upgrade pip
rm -rf build/lib build/bdist.* # setuptools builds here: no stale modules in the wheel
build/venv/bin/python -m pip install --quiet . "pyinstaller>=6.10,<7"

rm -rf dist/legday
build/venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/legday.spec
build/venv/bin/python packaging/slim_icu.py dist/legday
build/venv/bin/python packaging/prune_bundle.py dist/legday
