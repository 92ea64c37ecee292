"""File → Import workouts…: a training app's log into leg days with sets, after a preview."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMessageBox

from legday_desktop.services.opening import JournalError
from legday_desktop.services.save_folders import FileKind
from legday_desktop.ui.operations.files import choose_open_path

if TYPE_CHECKING:
    from legday_desktop.domain.exercises import ExerciseMapping
    from legday_desktop.domain.training import WeightUnit
    from legday_desktop.domain.workout_import import WorkoutImportPlan
    from legday_desktop.ui.main_window import MainWindow

WORKOUT_FILTERS = "Strong, Hevy or FitNotes export (*.csv);;All files (*)"
# The unit's choices, and its value (a WeightUnit's): the import is loaded when used.
UNITS = {"Kilograms (kg)": "kg", "Pounds (lb)": "lb"}


def import_workouts_file(window: MainWindow) -> None:
    """Choose a training log, show what it would import, then import it as one undo step."""
    service = window.service
    if service is None or not window.can_edit:
        return
    from legday_desktop.services.exchange import ImportRejectedError
    from legday_desktop.services.workouts import UnitRequiredError, no_leg_training, plan_into

    window.check_in_panel.commit_pending()
    path = choose_open_path(window, "Import workouts", FileKind.EXCHANGE, WORKOUT_FILTERS)
    if path is None:
        return
    unit: WeightUnit | None = None
    plan: WorkoutImportPlan | None = None

    def plan_with(mappings: list[ExerciseMapping]) -> WorkoutImportPlan:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return plan_into(service, path, unit=unit, new_mappings=mappings)
        finally:
            QApplication.restoreOverrideCursor()

    while True:
        try:
            plan = plan_with([])
        except UnitRequiredError:
            unit = _ask_unit(window, path)
            if unit is None:
                return
            continue
        except ImportRejectedError as error:
            QMessageBox.warning(window, "Not imported", str(error))
            return
        except JournalError as error:
            QMessageBox.warning(window, "Not imported", f"Nothing was imported: {error}.")
            return
        break
    if not plan.found_leg_training and not plan.unknown_names:
        QMessageBox.information(window, "No leg training found", no_leg_training(path, plan))
        return
    from legday_desktop.ui.workout_import_dialog import WorkoutImportDialog

    dialog = WorkoutImportDialog(path.name, plan, plan_with, window, unit=window.weight_unit)
    window.workout_import_dialog = dialog  # for tests and assistive technology
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
    finally:
        window.workout_import_dialog = None
    plan = dialog.plan
    if plan.change.is_empty and not dialog.mappings:
        window.statusBar().showMessage(f"{path.name}: nothing new to import", 10000)
        return
    if service.import_leg_days(plan.change, f"Import workouts from {path.name}", dialog.mappings):
        window.statusBar().showMessage(
            f"Imported {path.name}: {plan.created} leg days created, {plan.extended} given "
            f"their sets, {len(plan.skipped)} sessions skipped",
            10000,
        )


def _ask_unit(window: MainWindow, path: Path) -> WeightUnit | None:
    """Kilograms or pounds, for a file that does not say (None if cancelled)."""
    choice, chosen = QInputDialog.getItem(
        window,
        "Which unit are the weights in?",
        f"{path.name} does not say whether its weights are in kilograms or pounds "
        "(Strong writes them in the unit set in the app):",
        list(UNITS),
        list(UNITS.values()).index(window.weight_unit.value),  # the one in Preferences first
        False,
    )
    from legday_desktop.domain.training import WeightUnit

    return WeightUnit(UNITS[choice]) if chosen else None
