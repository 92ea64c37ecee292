"""File → Import workouts…: the preview of a training log's import, with unknown names to map."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from legday_desktop.domain.exercises import ExerciseMapping
from legday_desktop.domain.regions import GROUPS, group_by_id
from legday_desktop.domain.training import WeightUnit
from legday_desktop.domain.training_load import set_text
from legday_desktop.domain.wording import short_day
from legday_desktop.domain.workout_import import WorkoutImportPlan
from legday_desktop.services.workouts import describe_plan

# The mapping editor's first two choices; the rest are the muscle groups.
NOT_MAPPED, NOT_LEG_TRAINING = "not_mapped", "not_leg_training"


class WorkoutImportDialog(QDialog):
    """What the import would do — before anything is written — and a place to map names.

    ``replan`` is called with the mappings chosen so far and returns the plan they give;
    the preview follows each choice. Accepted: ``plan`` and ``mappings`` are what to import.
    Each exercise opens onto its sets, their weights in ``unit`` (Preferences).
    """

    def __init__(
        self,
        file_name: str,
        plan: WorkoutImportPlan,
        replan: Callable[[list[ExerciseMapping]], WorkoutImportPlan],
        parent: QWidget | None = None,
        *,
        unit: WeightUnit = WeightUnit.KG,
    ) -> None:
        super().__init__(parent)
        self._unit = unit
        self.setWindowTitle(f"Import workouts from {file_name}")
        self.plan = plan
        self.mappings: list[ExerciseMapping] = []
        self._replan = replan
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.leg_days = QTreeWidget()
        self.leg_days.setHeaderLabels(["Leg day / exercise", "Working sets", "Loads"])
        self.leg_days.setAccessibleName("Leg days the import creates or extends")
        header = self.leg_days.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.leg_days.setWordWrap(True)
        self.unknown_label = QLabel(
            "These names sound like leg exercises but Legday does not know them. Say what "
            "each one works to count it (kept for next time):"
        )
        self.unknown_label.setWordWrap(True)
        self.unknown = QTableWidget(0, 3)
        self.unknown.setHorizontalHeaderLabels(["Exercise", "Working sets", "Works mostly"])
        self.unknown.setAccessibleName("Exercises to map")
        self.unknown.verticalHeader().hide()
        columns = self.unknown.horizontalHeader()
        columns.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        columns.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        columns.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self._choices: dict[str, QComboBox] = {}
        for name, sets in sorted(plan.unknown_names.items()):
            self._add_unknown(name, sets)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.leg_days, stretch=3)
        layout.addWidget(self.unknown_label)
        layout.addWidget(self.unknown)
        layout.addWidget(self.buttons)
        self._fit_unknown_table()
        self.resize(820, 600)
        self._show_plan()

    @property
    def import_button(self) -> QWidget:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        return button

    def _add_unknown(self, name: str, sets: int) -> None:
        row = self.unknown.rowCount()
        self.unknown.insertRow(row)
        label = QTableWidgetItem(name)
        label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
        count = QTableWidgetItem(str(sets))
        count.setFlags(count.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.unknown.setItem(row, 0, label)
        self.unknown.setItem(row, 1, count)
        choice = QComboBox()
        choice.setAccessibleName(f"What {name} works")
        choice.addItem("Not mapped (not counted)", NOT_MAPPED)
        choice.addItem("Not leg training", NOT_LEG_TRAINING)
        for group in (group for group in GROUPS if group.is_muscle):
            choice.addItem(group.name, group.id)
        choice.currentIndexChanged.connect(self._mappings_changed)
        self.unknown.setCellWidget(row, 2, choice)
        self._choices[name] = choice

    def _fit_unknown_table(self) -> None:
        """As tall as its rows (up to six), never a box of empty space."""
        rows = min(self.unknown.rowCount(), 6)
        height = self.unknown.horizontalHeader().sizeHint().height() + 2 * self.unknown.frameWidth()
        height += sum(self.unknown.rowHeight(row) for row in range(rows))
        self.unknown.setFixedHeight(height)

    def choose(self, name: str, group_id: str) -> None:
        """Map ``name`` to ``group_id`` (or NOT_LEG_TRAINING / NOT_MAPPED), as the combo does."""
        choice = self._choices[name]
        choice.setCurrentIndex(choice.findData(group_id))

    def _mappings_changed(self) -> None:
        mappings = []
        for name, choice in self._choices.items():
            value = choice.currentData()
            if value == NOT_MAPPED:
                continue
            loads = {} if value == NOT_LEG_TRAINING else {value: 1.0}
            mappings.append(ExerciseMapping(name, loads))
        self.mappings = mappings
        self.plan = self._replan(mappings)
        self._show_plan()

    def _show_plan(self) -> None:
        plan = self.plan
        self.summary.setText(
            "\n".join(line for line in describe_plan(plan, detail=False))
            + "\nNothing is written until you choose Import; Edit → Undo takes it back."
        )
        self.leg_days.clear()
        for planned in plan.leg_days:
            day = planned.leg_day
            what = "new leg day" if planned.creates else "sets added to the leg day logged here"
            top = QTreeWidgetItem(
                [f"{short_day(day.date, year=True)}  {day.display_title} ({what})"]
            )
            for row in planned.exercises:
                loads = ", ".join(group_by_id(group).name for group in row.groups) or "not known"
                item = QTreeWidgetItem([row.name, str(row.working_sets), loads])
                item.setToolTip(2, loads)
                for one in (one for one in day.sets if one.exercise == row.name):
                    item.addChild(QTreeWidgetItem([set_text(one, self._unit), "", ""]))
                top.addChild(item)
            self.leg_days.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
        if plan.skipped:
            skipped = QTreeWidgetItem(
                [f"Skipped as not leg training ({len(plan.skipped)})", "", ""]
            )
            for session in plan.skipped:
                skipped.addChild(
                    QTreeWidgetItem(
                        [
                            f"{short_day(session.date, year=True)}  {session.title or 'Session'}",
                            f"{session.on_legs} of {session.working_sets} on the legs",
                            "",
                        ]
                    )
                )
            self.leg_days.addTopLevelItem(skipped)
            skipped.setFirstColumnSpanned(True)
        self.leg_days.expandToDepth(0)
        self.leg_days.resizeColumnToContents(1)
        has_unknown = bool(self._choices)
        self.unknown_label.setVisible(has_unknown)
        self.unknown.setVisible(has_unknown)
        count = len(plan.leg_days)
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        button.setText(f"Import {count} leg day{'' if count == 1 else 's'}")
        button.setEnabled(count > 0 or bool(self.mappings))
