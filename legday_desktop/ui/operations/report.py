"""File → Export report: choose the period and leg day, then where; write the PDF."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from legday_desktop.domain.wording import full_day
from legday_desktop.services.opening import JournalError
from legday_desktop.services.save_folders import FileKind, start_folder
from legday_desktop.ui.operations.files import choose_save_path

if TYPE_CHECKING:
    from legday_desktop.ui.main_window import MainWindow


def export_report(window: MainWindow) -> None:
    """Ask for the period and leg day, then where; write the report as a PDF.

    The period and the body maps' leg day default as ``legday report`` chooses them
    (services/report.py: the last 4 weeks; the newest leg day rated on days 1–3).
    """
    service = window.service
    if service is None:
        window.statusBar().showMessage("Open a journal first to export a report", 6000)
        return
    from legday_desktop.drawing.report_pdf import write_report_pdf
    from legday_desktop.services.report import (
        EmptyPeriodError,
        ReportError,
        default_period,
        gather_report,
    )
    from legday_desktop.ui.report_dialog import ReportDialog

    window.check_in_panel.commit_pending()
    today = window.today()
    try:
        leg_days = service.leg_days()
    except JournalError as error:
        QMessageBox.warning(window, "No report written", f"No report was written: {error}.")
        return
    if not leg_days:
        QMessageBox.warning(
            window,
            "Nothing to report yet",
            "There is no leg day in the journal yet, so there is nothing to report. "
            "Log a leg day (Ctrl+L) and rate your soreness on the days after.",
        )
        return
    period = default_period(service, today)
    dialog = ReportDialog(leg_days, today, period.first, None, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    choice = dialog.choice()
    target = choose_save_path(
        window,
        "Export report",
        FileKind.REPORT,
        start_folder(FileKind.REPORT)
        / f"legday-report-{choice.first.isoformat()}-to-{choice.last.isoformat()}.pdf",
        "PDF document (*.pdf)",
    )
    if target is None:
        return
    problem: tuple[str, str] | None = None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        data = gather_report(
            service, first=choice.first, last=choice.last, leg_day=choice.leg_day, today=today
        )
        pages = write_report_pdf(data, target)
    except EmptyPeriodError as error:
        problem = (
            "Nothing to report",
            f"There is no leg day from {full_day(error.period.first)} to "
            f"{full_day(error.period.last)}, so no report was written.",
        )
    except (ReportError, JournalError) as error:
        problem = ("No report written", f"No report was written: {error}.")
    except OSError as error:
        problem = ("Report not saved", f"Could not write {target}: {error.strerror or error}.")
    finally:
        QApplication.restoreOverrideCursor()
    if problem is not None:
        QMessageBox.warning(window, *problem)
        return
    plural = "s" if pages != 1 else ""
    window.statusBar().showMessage(f"Wrote {target} ({pages} page{plural})", 10000)
