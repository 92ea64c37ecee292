"""Composition root of the desktop app: QApplication, the journal service, the main window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from legday_desktop.plain_imports import plain_imports

# Imported with Python's own import even where PySide6 is loaded already (a test, a
# benchmark): PySide6's would read each module's source (see plain_imports).
with plain_imports():
    import datetime as dt
    import gc
    import json
    import linecache
    import logging
    import os
    import sys
    import threading
    import time
    from collections.abc import Callable
    from pathlib import Path

    from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
    from PySide6.QtWidgets import QApplication

    from legday_desktop import APP_ID, IMPORTED_AT
    from legday_desktop.domain.wording import _, ngettext
    from legday_desktop.paths import set_application_names
    from legday_desktop.services.opening import DamagedJournalError, JournalError
    from legday_desktop.services.preferences import (
        Preferences,
        PreferencesService,
        shared_preferences,
    )
    from legday_desktop.ui.icon import app_icon
    from legday_desktop.ui.language import apply_language
    from legday_desktop.ui.main_window import MainWindow
    from legday_desktop.ui.theme import apply_theme

if TYPE_CHECKING:
    from legday_desktop.services.journal import JournalService

DAILY_BACKUP_DELAY_MS = 1500  # after the day is painted: start-up first, then the backup
FIRST_PAINT_WAIT_MS = 300  # open the journal by then even if no frame was painted


class NoDisplayError(RuntimeError):
    """There is no screen to show the window on."""


def _has_display() -> bool:
    """False on a Linux machine with no X11 or Wayland display and no Qt platform chosen."""
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


# Qt's own command-line options (``-platform xcb``, ``-style Fusion``, ``-reverse`` …), as
# the command line found them: given to QApplication, which acts on them.
QT_ARGUMENTS: list[str] = []


def _application() -> QApplication:
    set_application_names()
    # Desktops match windows to the installed .desktop entry (Wayland by this name).
    QApplication.setDesktopFileName(APP_ID)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([*sys.argv[:1], *QT_ARGUMENTS])
    if app.windowIcon().isNull():
        app.setWindowIcon(app_icon())
    return app


def open_journal(window: MainWindow, database: Path) -> bool:
    """Open ``database`` and show it in ``window``; on failure show why and return False.

    A damaged journal is never written to: an interactive window asks whether to restore
    the newest good backup or to start a new journal beside the damaged file.
    """
    with plain_imports():  # the service, storage and SQLAlchemy: loaded the first time
        from legday_desktop.services.journal import JournalService

    service = JournalService(database, parent=window)
    try:
        with plain_imports():
            service.open()
        if service.locked_on_host is not None and window.interactive:
            service = _maybe_take_over(window, service, database)
    except DamagedJournalError as error:
        service.deleteLater()
        return _recover_damaged(window, database, str(error))
    except JournalError as error:
        service.deleteLater()
        window.show_open_error(str(error))
        return False
    # Damage found later (a value changed on disk, met when a day or chart is read):
    # the same choices as at opening, once the read that found it has returned.
    service.damage_found.connect(
        lambda message: QTimer.singleShot(
            0, window, lambda: _damaged_while_open(window, service, database, message)
        )
    )
    window.attach(service)
    if window.interactive:
        _back_up_once_painted(window, service)
    return True


def switch_journal(window: MainWindow, database: Path) -> bool:
    """File → Open or New journal: close the journal shown, open ``database`` in its place.

    False when the user kept the one shown (unsaved check-ins) or ``database`` could not be
    opened; then the journal shown before is open again.
    """
    from legday_desktop.services.opening import journal_path

    previous = window.service
    if previous is not None:
        if journal_path(database).resolve() == journal_path(previous.path).resolve():
            window.statusBar().showMessage(
                _("{path} is the journal shown").format(path=previous.path), 6000
            )
            return True
        if not window.release_journal(previous):
            return False
    if open_journal(window, database):
        window.statusBar().showMessage(_("Opened {path}").format(path=journal_path(database)), 6000)
        return True
    # Back to the journal shown before, if its file is still there (never a new one in
    # its place).
    if previous is not None and previous.path.is_file() and open_journal(window, previous.path):
        return False
    window.show_open_error(
        _(
            "{path} could not be opened, and the journal shown before is no longer there to "
            "go back to. Choose File → Open journal… or New journal…."
        ).format(path=journal_path(database)),
        tell=previous is not None,
    )
    return False


def _maybe_take_over(window: MainWindow, service: JournalService, database: Path) -> JournalService:
    """Ask whether to take over a lock Legday on another computer holds; the service to show.

    Taking it over while Legday still runs there would let two writers change one file,
    so the question says so, and "Open read-only" is the default.
    """
    from PySide6.QtWidgets import QMessageBox

    from legday_desktop.services.journal import JournalService

    host = service.locked_on_host
    box = QMessageBox(
        QMessageBox.Icon.Warning, _("Journal in use on another computer"), "", parent=window
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(_("Legday on {host} has this journal open.").format(host=host))
    box.setInformativeText(
        _(
            "{reason}.\n\nIf Legday is not running on {host} any more (it crashed, or the "
            "computer was switched off), you can take the journal over. If it is still "
            "running there, changes made on both computers would be lost: close it on "
            "{host} first, or open the journal here to read only."
        ).format(reason=service.read_only_reason, host=host)
    )
    take_over = box.addButton(_("Take over the journal"), QMessageBox.ButtonRole.AcceptRole)
    read_only = box.addButton(_("Open read-only"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(read_only)
    box.setEscapeButton(read_only)
    box.exec()
    if box.clickedButton() is not take_over:
        return service
    service.close()
    service.deleteLater()
    taken = JournalService(database, parent=window, take_over_lock=True)
    with plain_imports():
        taken.open()
    return taken


def _damaged_while_open(
    window: MainWindow, service: JournalService, database: Path, message: str
) -> None:
    """Close the damaged journal and offer what opening it would have; close if refused."""
    if not window.detach(service):
        return
    if not _recover_damaged(window, database, message) and window.interactive:
        window.close()  # (a self-test reports the damage in window.open_error)


def _recover_damaged(window: MainWindow, database: Path, message: str) -> bool:
    from legday_desktop.services.opening import JournalBusyError, take_writer_lock
    from legday_desktop.services.safekeeping import (
        SafekeepingError,
        newest_good_backup,
        restore_damaged,
        start_new_beside,
    )
    from legday_desktop.ui.damaged_dialog import DamagedChoice, DamagedJournalDialog

    if not window.interactive:
        window.show_open_error(message)
        return False
    # Only the journal's one writer may rename or replace it.
    try:
        lock = take_writer_lock(database)
    except JournalBusyError as error:
        window.show_open_error(_("{message}. {error}.").format(message=message, error=error))
        return False
    try:
        backup = newest_good_backup(database)
        choice = DamagedJournalDialog.ask(window, message, backup)
        while choice is DamagedChoice.EXPORT_READABLE:
            _export_readable(window, database)
            choice = DamagedJournalDialog.ask(window, message, backup)
        if choice is DamagedChoice.RESTORE_BACKUP and backup is not None:
            recovered = restore_damaged(database, backup)
        elif choice is DamagedChoice.START_NEW:
            recovered = start_new_beside(database)
        else:
            window.show_open_error(message, tell=False)
            return False
    except SafekeepingError as error:
        window.show_open_error(str(error))
        return False
    finally:
        if lock is not None:
            lock.release()
    if not open_journal(window, database):
        return False
    if recovered.restored_from:
        done = _("The journal was restored from {backup}; the damaged file is kept as {kept}")
    else:
        done = _("The journal was started anew; the damaged file is kept as {kept}")
    window.statusBar().showMessage(done.format(backup=backup, kept=recovered.set_aside), 30000)
    return True


def _export_readable(window: MainWindow, database: Path) -> None:
    """Export every record of the damaged journal that can still be read, to a chosen file."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from legday_desktop.file_writing import write_atomically
    from legday_desktop.services.exchange import export_readable

    suggested = database.with_name(f"{database.stem}-readable-{dt.date.today().isoformat()}.json")
    chosen, _filter = QFileDialog.getSaveFileName(
        window, _("Export what can be read"), str(suggested), _("Legday JSON export (*.json)")
    )
    if not chosen:
        return
    target = Path(chosen)
    title = _("Export what can be read")
    try:
        readable = export_readable(database, "json")
        write_atomically(target, readable.data)
    except JournalError as error:
        QMessageBox.critical(window, title, _("Nothing was exported: {error}").format(error=error))
        return
    except OSError as error:
        QMessageBox.critical(
            window,
            title,
            _("Cannot write {path}: {reason}").format(path=target, reason=error.strerror),
        )
        return
    left_out = "\n".join(f"• {row}" for row in readable.left_out[:10])
    more = len(readable.left_out) - 10
    if more > 0:
        left_out += "\n" + ngettext("… and {count} more", "… and {count} more", more).format(
            count=more
        )
    box = QMessageBox(QMessageBox.Icon.Information, title, "", parent=window)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(_("Exported {summary} to {path}.").format(summary=readable.summary, path=target))
    box.setInformativeText(
        (
            _("Left out:\n{rows}").format(rows=left_out) + "\n\n"
            if left_out
            else _("Nothing was left out.") + "\n\n"
        )
        + _(
            "After restoring a backup or starting a new journal, “legday import {path}” adds "
            "these records to it."
        ).format(path=target)
    )
    box.exec()


class _BackgroundBackup(QObject):
    """The day's automatic backup, made on a worker thread so that clicks never wait for it.

    Copying and checking a 30-year journal takes about half a second; SQLite's backup
    steps and the file syncs let go of the GIL, so the window stays responsive. The
    outcome comes back to the window's thread through ``finished`` (queued). Python waits
    for the thread when the app quits, so a backup is never cut off half-written.
    """

    finished = Signal(object)  # the new backup's Path, None (none needed) or a JournalError

    def __init__(self, window: MainWindow, service: JournalService) -> None:
        super().__init__(window)
        self._window = window
        self._service = service
        self.worker: threading.Thread | None = None
        self.finished.connect(lambda outcome: _show_backup_outcome(window, service, outcome))
        window.installEventFilter(self)

    def start(self) -> None:
        if not self._window.isVisible():
            return  # closed in the meantime: tomorrow's start makes the backup
        self.worker = threading.Thread(target=self._run, name="legday-daily-backup")
        self.worker.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Close and self.worker is not None:
            self.worker.join()  # the window closes once the backup is whole (or failed)
        return False

    def _run(self) -> None:
        try:
            outcome: object = self._service.daily_backup()
        except JournalError as error:
            outcome = error
        self.finished.emit(outcome)


def _show_backup_outcome(window: MainWindow, service: JournalService, outcome: object) -> None:
    if isinstance(outcome, DamagedJournalError):
        # The copy's check sees what no read-only check of the journal can (a value
        # changed on disk): the journal itself is damaged.
        service.report_damage(str(outcome))
    elif isinstance(outcome, JournalError):
        window.statusBar().showMessage(
            _("Automatic backup failed: {error}").format(error=outcome), 30000
        )
    elif outcome is not None:
        window.statusBar().showMessage(
            _("Backed up the journal to {path}").format(path=outcome), 6000
        )


def _back_up_once_painted(window: MainWindow, service: JournalService) -> None:
    """The day's automatic backup, a moment after the window shows the day (never before).

    Start-up stays lean: the backup's disk work and memory come once the day is on screen,
    and on a worker thread (``_BackgroundBackup``).
    """
    backup = _BackgroundBackup(window, service)  # a child of the window: lives as long

    def painted() -> None:
        window.body_map.data_painted.disconnect(painted)
        QTimer.singleShot(DAILY_BACKUP_DELAY_MS, window, backup.start)

    window.body_map.data_painted.connect(painted)


_frozen = False


def _freeze_start_up() -> None:
    """Keep the garbage collector from walking what start-up loaded on every pass (once).

    Qt, SQLAlchemy and the guidance stay for the session; walking them again paused the
    interface 80-130 ms while years of data were read, and clicks by up to 25 ms.
    """
    global _frozen
    if not _frozen:
        _frozen = True
        linecache.clearcache()
        gc.collect()
        gc.freeze()


def start_main_window(
    database: Path,
    *,
    interactive: bool = True,
    shown: Callable[[], None] | None = None,
    visible: bool = True,
) -> MainWindow:
    """Show the main window at once, and open ``database`` into it from the event loop.

    ``interactive=False`` (self-test) neither reads nor writes the user's window
    settings, and reports an unopenable journal in ``window.open_error``, not a dialog.
    ``visible=False`` (``--tray``) opens the journal without showing the window.
    """
    _application()  # names the app and gives it its icon (tests make their own app)
    preferences = shared_preferences() if interactive else PreferencesService(saved=False)
    _follow_preferences(preferences)
    window = MainWindow(interactive=interactive, preferences=preferences)
    if not interactive:
        preferences.setParent(window)
    opened = False

    def open_or_close() -> None:
        nonlocal opened
        if opened:
            return
        opened = True
        if not open_journal(window, database):
            window.close()
            return
        _freeze_start_up()

    def first_frame() -> None:
        if shown is not None:
            shown()
        open_or_close()

    # The window is on screen, its map drawn, before storage (and SQLAlchemy) is imported:
    # the journal opens once the first frame is painted (or soon anyway, if none comes).
    window.journal_requested.connect(lambda path: switch_journal(window, path))
    _after_first_paint(window, first_frame)
    if visible:
        window.show()
    QTimer.singleShot(FIRST_PAINT_WAIT_MS, open_or_close)
    return window


def _follow_preferences(preferences: PreferencesService) -> None:
    """Show the app in the chosen theme and language now, and whenever they change.

    Before the first window is built: its words and colours are right from its first frame.
    Each window applies what concerns only it (the both-sides box, the weight unit …).
    """
    apply_theme(preferences.current.theme)  # also after a test that chose another
    apply_language(preferences.current.language, tell=False)
    if preferences.property("legday_followed"):
        return
    preferences.setProperty("legday_followed", True)
    preferences.changed.connect(_apply_to_the_app)


def _apply_to_the_app(preferences: Preferences, fields: frozenset[str]) -> None:
    if "theme" in fields:
        apply_theme(preferences.theme)
    if "language" in fields:
        apply_language(preferences.language)


class _FirstPaint(QObject):
    """Calls ``then`` from the event loop once the watched window has painted a frame."""

    def __init__(self, window: MainWindow, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


def _after_first_paint(window: MainWindow, then: Callable[[], None]) -> None:
    _FirstPaint(window, then)


def run_app(database: Path, *, debug: bool = False, tray: bool = False) -> int:
    """Open the main window on ``database``; return the exit code when the app quits.

    If a Legday already shows ``database``, it is brought to the front instead and this one
    exits (0). With ``tray`` the window starts hidden behind the tray icon (where the
    desktop has a tray). Its log goes to a file (see ``legday_desktop.logs``; with ``debug``
    to standard error too), and an error nobody foresaw is logged and shown in a dialog
    over the window.
    """
    if QApplication.instance() is None and not _has_display():
        raise NoDisplayError(
            _(
                "no display found (DISPLAY and WAYLAND_DISPLAY are unset); run Legday from a "
                "desktop session, or set QT_QPA_PLATFORM=offscreen to run it without a screen"
            )
        )
    from legday_desktop.logs import start_logging
    from legday_desktop.services.single_instance import SingleInstance
    from legday_desktop.ui.error_dialog import install_exception_hook

    log_path = start_logging(debug=debug)
    app = _application()
    instance = SingleInstance(database, parent=app)
    # --tray (at login) while Legday runs already: nothing to do; otherwise to the front.
    if instance.hand_over(show=not tray):
        return 0
    instance.listen()
    window = start_main_window(database, visible=not tray or not _tray_available())
    instance.show_requested.connect(lambda: bring_to_front(window))
    window.destroyed.connect(instance.close)
    if tray:
        # In the tray, Legday ends by the tray's (or the menu's) Quit, not by the last
        # window closing; and a window quit while hidden closes no window Qt could count.
        app.setQuitOnLastWindowClosed(False)
        window.closed.connect(app.quit)
    _start_desktop_presence(window, tray=tray)
    before = sys.excepthook
    install_exception_hook(lambda: window, log_path)
    logging.getLogger("legday").info("Legday opened %s", database)
    try:
        app.exec()
    finally:
        sys.excepthook = before  # the window is gone: nothing to show a dialog over
        instance.close()
        app.setQuitOnLastWindowClosed(True)
    return 0 if window.journal_open else 1


def _tray_available() -> bool:
    from PySide6.QtWidgets import QSystemTrayIcon

    return QSystemTrayIcon.isSystemTrayAvailable()


def bring_to_front(window: MainWindow) -> None:
    """Show ``window`` in front of the others: un-minimised, raised, given the focus."""
    window.setWindowState(
        (window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
    )
    window.show()
    window.raise_()
    window.activateWindow()


def _start_desktop_presence(window: MainWindow, *, tray: bool) -> None:
    """The tray icon, the daily reminder and start at login: once the window is on screen.

    Loaded then (QtDBus among them), so that they cost the window's first frame nothing.
    """

    def start() -> None:
        with plain_imports():
            from legday_desktop.ui.presence import DesktopPresence

        # The window's own preferences: what the Preferences dialog changes applies at once.
        DesktopPresence(
            window, window.preferences, bring_to_front=bring_to_front, in_tray=tray, parent=window
        )

    if tray and not window.isVisible():
        QTimer.singleShot(0, window, start)
    else:
        _after_first_paint(window, start)


def run_self_test(database: Path, *, timeout_s: float = 60, with_charts: bool = False) -> int:
    """Open the window, wait until today's map is painted with data, print timings, exit.

    Prints one JSON line: timings in seconds since Legday was imported, or the error.
    Without a display (a headless build machine) it renders offscreen. Exit code 0 when
    the day was painted, 1 otherwise (the journal could not be opened, or time ran out).
    ``with_charts`` then also opens the Charts tab and draws its chart (matplotlib and
    its Qt backend: what a bundled build must carry), and reports the lines drawn.
    """
    if QApplication.instance() is None and not _has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = _application()
    timings: dict[str, float] = {}
    loaded_when_shown: list[bool] = []

    def shown() -> None:
        timings["window_shown_s"] = time.perf_counter() - IMPORTED_AT
        loaded_when_shown.append("sqlalchemy" in sys.modules)

    window = start_main_window(database, interactive=False, shown=shown)
    outcome: dict[str, object] = {}

    def finish(report: dict[str, object], code: int) -> None:
        if outcome:
            return
        outcome.update(report)
        print(json.dumps({**report, "database": str(database)}), flush=True)
        window.close()
        app.exit(code)

    def painted() -> None:
        if window.open_error is not None:  # painted empty: the journal could not be read
            finish({"ok": False, "error": window.open_error}, 1)
            return
        timings["data_painted_s"] = time.perf_counter() - IMPORTED_AT
        report: dict[str, object] = {
            "ok": True,
            "date": window.shown_date.isoformat(),
            "regions_rated": len(window.body_map.levels),
            "style": app.style().name(),
            "window_size": [window.frameGeometry().width(), window.frameGeometry().height()],
            "screen_free": [
                window.screen().availableGeometry().width(),
                window.screen().availableGeometry().height(),
            ],
            **{key: round(value, 4) for key, value in timings.items()},
            # The window must be on screen before storage's SQLAlchemy is imported.
            "sqlalchemy_loaded_when_shown": any(loaded_when_shown),
        }
        QTimer.singleShot(0, lambda: draw_charts(report) if with_charts else finish(report, 0))

    def draw_charts(report: dict[str, object]) -> None:
        window.show_charts()
        panel = window.chart_panel
        if panel is None:
            finish({"ok": False, "error": "the Charts tab could not be built"}, 1)
            return
        panel.refresh()
        report["charts_drawn_s"] = round(time.perf_counter() - IMPORTED_AT, 4)
        report["chart_lines"] = len(panel.axes.get_lines())
        finish(report, 0)

    def check_failed() -> None:
        if window.open_error is not None:
            finish({"ok": False, "error": window.open_error}, 1)
        elif not outcome:
            QTimer.singleShot(20, check_failed)

    window.body_map.data_painted.connect(painted)
    QTimer.singleShot(0, check_failed)
    QTimer.singleShot(
        round(timeout_s * 1000),
        lambda: finish({"ok": False, "error": f"not painted within {timeout_s:g} s"}, 1),
    )
    return app.exec()


def render_snapshot(database: Path, date: dt.date, output: Path) -> None:
    """Render the main window showing ``date`` to a PNG, without showing a window.

    Raises JournalError if the journal cannot be read, OSError if the image cannot be
    written.
    """
    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # render only, never on screen
    app = _application()
    window = MainWindow(interactive=False)
    from legday_desktop.services.journal import JournalService
    from legday_desktop.services.opening import Access

    # Only read: no writer lock, nothing written to the file (it may be a backup).
    service = JournalService(database, parent=window, access=Access.READ)
    try:
        service.open()
        window.attach(service, picture_only=True)
        window.show_date(date)
        window.resize(1280, 860)
        window.show()
        deadline = time.monotonic() + 10
        while (
            not (window.body_map.painted_with_data and window.advice_shown)
            and time.monotonic() < deadline
        ):
            app.processEvents()
        # Let the layouts catch up with the texts just set (word-wrapped labels).
        for _ in range(3):
            app.processEvents()
        image = window.grab()
        if service.damaged:  # a read met damage: the picture would show only that
            raise DamagedJournalError(service.damage_message)
    finally:
        service.close()
        window.close()
    from legday_desktop.ui.image_files import write_png_atomically

    write_png_atomically(image, output)
