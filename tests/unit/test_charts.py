"""Plot functions on a bare matplotlib Axes (no Qt), and ``legday chart``."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from legday_desktop.charts.plots import draw_comparison, draw_recovery, draw_timeline, with_gaps
from legday_desktop.charts.style import DARK, LIGHT
from legday_desktop.cli import main
from legday_desktop.domain.leg_days import LegDay
from legday_desktop.domain.recovery import (
    TOTAL,
    Comparison,
    compare_leg_days,
    day_values,
    recovery_curve,
    timeline,
)
from legday_desktop.domain.soreness import SorenessRating

D = dt.date
LEG_DAY = LegDay(D(2026, 3, 2), "Squats", ("Squat",))
RATINGS = [
    SorenessRating(D(2026, 3, 3), "quadriceps.left", 6),
    SorenessRating(D(2026, 3, 3), "quadriceps.right", 8),
    SorenessRating(D(2026, 3, 5), "quadriceps.left", 2),
]


def axes() -> object:
    figure = Figure()
    FigureCanvasAgg(figure)
    return figure.add_subplot()


def lines_by_label(ax: object) -> dict[str, tuple[list[float], list[float]]]:
    return {
        line.get_label(): (list(line.get_xdata()), list(line.get_ydata()))  # type: ignore[attr-defined]
        for line in ax.get_lines()  # type: ignore[attr-defined]
    }


def test_gaps_are_nan_never_zero() -> None:
    xs, ys = with_gaps([(0, 1.0), (1, 7.0), (3, 2.0)])
    assert xs[:2] == [0, 1] and math.isnan(xs[2]) and xs[3] == 3
    assert ys[:2] == [1.0, 7.0] and math.isnan(ys[2]) and ys[3] == 2.0


def test_recovery_plot_draws_groups_total_and_the_band() -> None:
    ax = axes()
    draw_recovery(ax, recovery_curve(LEG_DAY, None, day_values(RATINGS)), LIGHT)
    lines = lines_by_label(ax)
    xs, ys = lines["Quads"]
    assert xs[0] == 1 and ys[0] == 7.0 and math.isnan(ys[1]) and ys[2] == 2.0
    assert "Total" in lines
    legend = [text.get_text() for text in ax.get_legend().get_texts()]  # type: ignore[attr-defined]
    assert "Typical course (Cheung 2003)" in legend
    ax.figure.canvas.draw()  # type: ignore[attr-defined]


def test_empty_states_say_what_to_do() -> None:
    ax = axes()
    draw_recovery(ax, None, LIGHT)
    assert "Log a leg day and rate your soreness" in ax.texts[0].get_text()  # type: ignore[attr-defined]
    ax = axes()
    draw_comparison(ax, compare_leg_days((), {}, TOTAL, 6, D(2026, 3, 9)), LIGHT)
    assert "compare" in ax.texts[0].get_text()  # type: ignore[attr-defined]


def test_comparison_plot_labels_each_leg_day_with_its_summary() -> None:
    leg_days = [LegDay(D(2026, 3, 2)), LegDay(D(2026, 3, 9))]
    ratings = [*RATINGS, SorenessRating(D(2026, 3, 10), "quadriceps.left", 4)]
    ax = axes()
    draw_comparison(
        ax, compare_leg_days(leg_days, day_values(ratings), "quadriceps", 6, D(2026, 3, 12)), DARK
    )
    labels = list(lines_by_label(ax))
    assert labels == [
        "2 Mar 2026: peak 7.0 on day 1, ≤ 2 by day 3",
        "9 Mar 2026: peak 4.0 on day 1, not yet ≤ 2",
    ]
    assert ax.get_lines()[-1].get_linewidth() > ax.get_lines()[0].get_linewidth()  # type: ignore[attr-defined]


def test_timeline_plot_marks_leg_days() -> None:
    ax = axes()
    data = timeline(
        day_values(RATINGS), [LEG_DAY], [TOTAL, "quadriceps"], D(2026, 3, 1), D(2026, 3, 31)
    )
    draw_timeline(ax, data, LIGHT, shown=D(2026, 3, 4))
    lines = lines_by_label(ax)
    assert set(lines) >= {"Total", "Quads"}
    assert any("Squats" in text.get_text() for text in ax.texts)  # type: ignore[attr-defined]
    ax.figure.canvas.draw()  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("charts") / "demo.sqlite3"
    assert main(["demo", "--db", str(path)]) == 0
    return path


@pytest.mark.parametrize(
    ("kind", "suffix"), [("recovery", "png"), ("compare", "svg"), ("timeline", "pdf")]
)
def test_chart_command_writes_each_kind(
    demo_db: Path, tmp_path: Path, kind: str, suffix: str
) -> None:
    output = tmp_path / f"{kind}.{suffix}"
    assert main(["chart", "--db", str(demo_db), "--kind", kind, "-o", str(output)]) == 0
    head = output.read_bytes()[:200]
    assert {"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF"}[suffix] in head


def test_chart_command_refuses_bad_arguments(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def run(*extra: str) -> tuple[int, str]:
        code = main(["chart", "--db", str(demo_db), "--kind", "recovery", *extra])
        return code, capsys.readouterr().err

    assert run("--leg-day", "2001-01-01", "-o", str(tmp_path / "a.png")) == (
        2,
        "legday: error: leg_day: there is no leg day on 2001-01-01\n",
    )
    code, err = run("--group", "biceps", "-o", str(tmp_path / "a.png"))
    assert code == 2 and "unknown group 'biceps'" in err
    code, err = run("-o", str(tmp_path / "a.gif"))
    assert code == 2 and ".png, .svg or .pdf" in err
    assert not list(tmp_path.iterdir())


def test_the_compare_chart_says_how_recovery_changed_over_similar_leg_days(
    demo_db: Path,
) -> None:
    from legday_desktop.services.charts import ChartKind, ChartRequest, chart_data
    from legday_desktop.services.journal import JournalService

    service = JournalService(demo_db)
    service.open()
    try:
        today = dt.date.today()
        request = ChartRequest(ChartKind.COMPARE, today=today, shown=today, group="quadriceps")
        comparison = chart_data(service, request)
    finally:
        service.close()
    assert isinstance(comparison, Comparison)
    assert comparison.note.startswith("Your quads recover about ")
    assert "similar leg days" in comparison.note and comparison.note.endswith(").")
    ax = axes()
    draw_comparison(ax, comparison, LIGHT)
    assert ax.get_title(loc="left").splitlines()[1] == comparison.note  # type: ignore[attr-defined]
