"""The PyInstaller app: built from the checkout by packaging/build.sh, it works anywhere.

Marked ``packaging`` and left out of a plain ``pytest`` (it takes a minute or two and
needs icupkg and binutils); ``.ci/run`` runs it with ``pytest -m packaging -n 0``.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import legday_desktop

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "legday"
APP = BUNDLE / "legday"
SIZE_LIMIT_BYTES = 180_000_000

pytestmark = pytest.mark.packaging


@pytest.fixture(scope="module")
def bundle() -> Iterator[Path]:
    """Build dist/legday/ from this checkout, as a packager would."""
    build = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build.sh")],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    assert "Pruned" in build.stdout and "Slimmed libicudata" in build.stdout
    yield BUNDLE


def run_app(*arguments: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The bundled ``legday``, from another folder, offscreen, with no Python around it."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VIRTUAL_ENV"))
    }
    environment["QT_QPA_PLATFORM"] = "offscreen"
    environment["PATH"] = "/usr/bin:/bin"
    return subprocess.run(
        [str(APP), *map(str, arguments)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def test_the_bundle_is_one_folder_within_the_size_limit(bundle: Path) -> None:
    assert APP.is_file() and os.access(APP, os.X_OK)
    size = folder_size(bundle)
    print(f"\ndist/legday holds {size / 1e6:.1f} MB")
    assert size <= SIZE_LIMIT_BYTES, f"dist/legday holds {size / 1e6:.1f} MB"


def test_version_and_self_test_exit_0_from_any_folder(bundle: Path, tmp_path: Path) -> None:
    version = run_app("--version", cwd=tmp_path)
    assert (version.returncode, version.stdout) == (0, f"legday {legday_desktop.__version__}\n")
    journal = tmp_path / "x.sqlite3"
    test = run_app("--self-test", "--db", journal, cwd=tmp_path)
    assert test.returncode == 0, test.stderr
    report = json.loads(test.stdout)
    assert report["ok"] is True and report["database"] == str(journal)
    assert journal.is_file()  # created and migrated: the migrations travelled along


def test_demo_export_advice_charts_and_report_work(bundle: Path, tmp_path: Path) -> None:
    journal = tmp_path / "demo.sqlite3"
    demo = run_app("demo", "--db", journal, cwd=tmp_path)
    assert demo.returncode == 0 and demo.stdout.startswith("Filled"), demo.stderr
    export = run_app("export", "--db", journal, "--format", "csv", cwd=tmp_path)
    assert export.returncode == 0, export.stderr
    assert export.stdout.startswith("date,region,level,leg_day_date,days_after,note,quality\n")
    assert export.stdout.count("\n") > 100
    advice = run_app("advice", "--db", journal, "--json", cwd=tmp_path)  # tips content
    assert advice.returncode == 0, advice.stderr
    assert json.loads(advice.stdout)
    # Charts go through numpy and each file format's matplotlib backend.
    for suffix in ("png", "svg", "pdf"):
        chart = tmp_path / f"compare.{suffix}"
        made = run_app("chart", "--db", journal, "--kind", "compare", "-o", chart, cwd=tmp_path)
        assert made.returncode == 0, made.stderr
        assert chart.stat().st_size > 1000
    snapshot = run_app("snapshot", "--db", journal, "-o", tmp_path / "w.png", cwd=tmp_path)
    assert snapshot.returncode == 0, snapshot.stderr
    # The clinician's report: Qt's PDF writer, the printed map, and the charts as SVG
    # painted by QtSvg (their text is text, none of them an image).
    pdf = tmp_path / "report.pdf"
    made = run_app("report", "--db", journal, "-o", pdf, cwd=tmp_path)
    assert made.returncode == 0 and "pages)." in made.stdout, made.stderr
    assert made.stderr == "", made.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Days after the leg day" in text and "Average of all groups" in text
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    assert images.stdout.count("\n") == 2  # only the listing's header
    # The window's Charts tab: matplotlib's Qt backend and everything it imports.
    charts = run_app("--self-test", "--with-charts", "--db", journal, cwd=tmp_path)
    assert charts.returncode == 0, charts.stderr
    report = json.loads(charts.stdout)
    assert report["ok"] is True and report["chart_lines"] > 0
    assert "Error" not in charts.stderr, charts.stderr


def test_the_bundle_carries_the_window_icon(bundle: Path) -> None:
    resources = bundle / "_internal" / "legday_desktop" / "resources"
    for name in ("bodymap.json", "tips.json", "legday.svg", "icons/legday-32.png"):
        assert (resources / name).is_file(), name


def test_the_bundle_speaks_german_with_qts_own_words(bundle: Path, tmp_path: Path) -> None:
    internal = bundle / "_internal"
    assert (internal / "legday_desktop/resources/locale/de/LC_MESSAGES/legday.mo").is_file()
    assert (internal / "PySide6/Qt/translations/qtbase_de.qm").is_file()
    assert not list((internal / "PySide6/Qt/translations").glob("qtbase_fr*"))  # pruned
    journal = tmp_path / "demo.sqlite3"
    assert run_app("demo", "--db", journal, cwd=tmp_path).returncode == 0
    pdf = tmp_path / "bericht.pdf"
    made = run_app("report", "--lang", "de", "--db", journal, "-o", pdf, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Durchschnitt aller Gruppen" in text and "Average of all groups" not in text


def test_install_puts_the_app_and_its_desktop_files_in_place(bundle: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "prefix"
    installed = subprocess.run(
        ["bash", str(ROOT / "packaging" / "linux" / "install.sh"), str(prefix)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert installed.returncode == 0, installed.stderr
    app_id = "io.github.legday.legday"
    for name in (
        f"share/applications/{app_id}.desktop",
        f"share/metainfo/{app_id}.metainfo.xml",
        f"share/icons/hicolor/16x16/apps/{app_id}.png",
        f"share/icons/hicolor/512x512/apps/{app_id}.png",
        f"share/icons/hicolor/scalable/apps/{app_id}.svg",
    ):
        assert (prefix / name).is_file(), name
    version = subprocess.run(
        [str(prefix / "bin" / "legday"), "--version"], capture_output=True, text=True
    )
    assert version.stdout == f"legday {legday_desktop.__version__}\n"
    entry = (prefix / f"share/applications/{app_id}.desktop").read_text()
    assert f'Exec="{prefix}/bin/legday"' in entry.splitlines()


def test_install_takes_a_relative_prefix(bundle: Path, tmp_path: Path) -> None:
    installed = subprocess.run(
        ["bash", str(ROOT / "packaging" / "linux" / "install.sh"), "relative/prefix"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert installed.returncode == 0, installed.stderr
    command = tmp_path / "relative" / "prefix" / "bin" / "legday"
    version = subprocess.run([str(command), "--version"], capture_output=True, text=True)
    assert version.returncode == 0, version.stderr


def test_a_second_launch_finds_matplotlibs_font_cache(bundle: Path, tmp_path: Path) -> None:
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "legday" / "matplotlib"
    journal = tmp_path / "fonts.sqlite3"
    first = run_app("--self-test", "--with-charts", "--db", journal, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    (font_list,) = cache.glob("fontlist-*.json")  # kept, not in a temporary folder
    written = font_list.stat().st_mtime_ns
    second = run_app("--self-test", "--with-charts", "--db", journal, cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert font_list.stat().st_mtime_ns == written  # read again, not rebuilt
    assert "Matplotlib is building the font cache" not in second.stderr
