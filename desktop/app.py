"""Starting the desktop application: one window per data folder, set-up, login, main window."""
from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from core.errors import DomainError
from desktop import thread_guard
from desktop.fonts import choose_ui_font
from desktop.i18n import Translations
from desktop.jobs import JobRunner
from desktop.login import LoginDialog
from desktop.main_window import MainWindow
from desktop.session import UiSession
from lawdesk.workspace import Workspace

LOCK_NAME = "gui.lock"


class AlreadyOpen(Exception):
    def __init__(self, pid: int, host: str) -> None:
        super().__init__(pid, host)
        self.pid, self.host = pid, host


def lock_data_folder(data_dir: Path) -> QLockFile:
    """Only one LawDesk window per data folder. A lock left by a crashed process (its PID
    gone) is taken over by QLockFile itself."""
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(data_dir / LOCK_NAME))
    lock.setStaleLockTime(0)
    if not lock.tryLock(200):
        info = lock.getLockInfo()  # PySide6 gives (pid, host, app); empty when unreadable
        pid, host = (info[0], info[1]) if len(info) >= 2 else (0, "?")
        raise AlreadyOpen(pid, host)
    return lock


class Controller:
    """Owns the window's lifetime: login, logout, and rebuilding on a language change."""

    def __init__(self, app: QApplication, workspace: Workspace,
                 translations: Translations | None = None) -> None:
        self.app, self.workspace = app, workspace
        if translations is None:
            translations = Translations(app)
            with thread_guard.before_the_window():
                translations.apply(workspace.language)
        self.translations = translations
        self.runner = JobRunner()
        from desktop.background_sync import BackgroundSync
        # One per application, not per window: a language change or a new login rebuilds
        # the window but must not interrupt an upload.
        self.background_sync = BackgroundSync(workspace, self.runner)
        self.window: MainWindow | None = None
        self.session: UiSession | None = None

    def first_run(self) -> bool:
        with thread_guard.before_the_window():
            if self.workspace.initialised:
                return True
        from desktop.first_run.wizard import FirstRunWizard
        wizard = FirstRunWizard(self.workspace, self.translations.language, self.runner)
        wizard.exec()
        # Cancelled after the administrator was made: the optional steps are skipped,
        # not the administrator (the folder is set up; the next start would ask to log in).
        if wizard.context is None:
            return False
        self._open(wizard.context)
        return True

    def login_interactively(self, username: str = "") -> bool:
        dialog = LoginDialog(self.workspace, self.translations.language, self.runner,
                             username=username)
        if not dialog.exec():
            return False
        self._open(dialog.context)
        return True

    def login(self, username: str, password: str) -> None:
        """For --screenshot and scripted starts: no dialog, no window yet to freeze."""
        with thread_guard.before_the_window():
            ctx = self.workspace.login(username, password)
        self._open(ctx)

    def _open(self, ctx) -> None:  # noqa: ANN001
        if self.session is not None:
            self.session.close()
        self.session = UiSession(self.workspace, ctx, self.runner, self.translations.language,
                                 sync=self.background_sync)
        self._show_window()
        if not self.background_sync.running:
            self.background_sync.start()

    def _show_window(self) -> None:
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
        self.window = MainWindow(self.session)
        self.window.logout_requested.connect(self._logout)
        self.window.language_changed.connect(self._change_language)
        self.window.show()
        settle_heap()

    def _logout(self) -> None:
        username = self.session.ctx.actor.username if self.session else ""
        if self.window:
            self.window.hide()
        if not self.login_interactively(username):
            self.app.quit()

    def _change_language(self, language: str) -> None:
        self.translations.apply(language)
        self.session.language = language
        area = self.window.navigation.currentRow() if self.window else 0
        self._show_window()
        self.window.navigation.setCurrentRow(area)
        self.window.show_area("admin")

    def shutdown(self) -> None:
        self.background_sync.stop()
        if self.session is not None:
            self.session.close()
        self.runner.shutdown()


def run(data_dir: Path, *, username: str | None = None, password: str | None = None,
        screenshot: Path | None = None, area: str | None = None, db_url: str | None = None,
        store_dir: str | None = None) -> int:
    """``db_url`` and ``store_dir`` (--db, --store) as for every command: recorded when the
    window sets a new folder up, checked against the record after that."""
    if screenshot and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("LawDesk")
    app.setOrganizationName("LawDesk")
    font = choose_ui_font(app)
    if font is None:
        print("lawdesk: no font with Chinese characters is installed; "
              "install one (e.g. fonts-noto-cjk)", file=sys.stderr)
    try:
        workspace = Workspace.open(data_dir, create=True, db_url=db_url, store_dir=store_dir)
    except DomainError as error:
        _fatal(error.message(), screenshot)
        return 1
    translations = Translations(app)
    with thread_guard.before_the_window():
        translations.apply(workspace.language)
    try:
        lock = lock_data_folder(data_dir)
    except AlreadyOpen as error:
        _fatal(QCoreApplication.translate(
            "Startup", "This data folder is already open in another LawDesk window "
                       "(process %1 on %2).").replace("%1", str(error.pid))
               .replace("%2", error.host), screenshot)
        workspace.close()
        return 1
    controller = Controller(app, workspace, translations)
    try:
        return _start(app, controller, username, password, screenshot, area)
    finally:
        controller.shutdown()
        workspace.close()
        lock.unlock()


def _start(app: QApplication, controller: Controller, username: str | None,
           password: str | None, screenshot: Path | None, area: str | None) -> int:
    workspace = controller.workspace
    with thread_guard.before_the_window():
        initialised = workspace.initialised
    if screenshot:
        if not initialised:
            _fatal(QCoreApplication.translate("Startup", "The data folder is not set up yet."),
                   screenshot)
            return 1
        try:
            controller.login(username or "", password or "")
        except DomainError as error:
            print(f"lawdesk: {error.message(controller.translations.language)}",
                  file=sys.stderr)
            return 2
        if area:
            controller.window.show_area(area)
        QTimer.singleShot(300, lambda: _save_screenshot(app, controller, screenshot))
        return app.exec()
    if not initialised:
        if not controller.first_run():
            return 0
    elif username and password:
        controller.login(username, password)
    elif not controller.login_interactively(username or ""):
        return 0
    QTimer.singleShot(0, _report_ready)  # runs once the event loop has drawn the window
    return app.exec()


def _save_screenshot(app: QApplication, controller: Controller, path: Path) -> None:
    _report_ready()
    image = controller.window.grab()
    ok = image.save(str(path), "PNG")
    if not ok:
        print(f"lawdesk: could not write {path}", file=sys.stderr)
    app.exit(0 if ok else 1)


def settle_heap() -> None:
    """Move everything alive now (the modules, Qt's wrappers, the window) out of the
    garbage collector's sight. A full collection otherwise walks all of it on whatever
    thread triggers it, the UI thread included: 100 ms and more once the window is built
    (benchmarks/ui_responsiveness.py). Objects made later are collected as usual."""
    gc.collect()
    gc.freeze()


def _report_ready() -> None:
    """For benchmarks/startup.py: when the window is up, as wall-clock seconds."""
    target = os.environ.get("LAWDESK_READY_FILE")
    if target:
        Path(target).write_text(f"{time.time():.6f}\n")


def _fatal(text: str, headless: Path | None) -> None:
    print(f"lawdesk: {text}", file=sys.stderr)
    if not headless:
        QMessageBox.critical(None, "LawDesk", text)
