"""The main window: the areas on the left, the chosen one on the right, who and where below."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QLabel, QListWidget, QListWidgetItem, QMainWindow, QMessageBox,
                               QSplitter, QStackedWidget, QStyle, QVBoxLayout, QWidget)

from config.settings import get_setting
from desktop.labels import role_label
from desktop.session import UiSession
from lawdesk import __version__


class LazyArea(QWidget):
    """A page whose area is built, and its modules imported, the first time it is shown.

    Cases pull in the PDF stack and devices their charts; building every area up front
    would make the window wait for all of them before it appears."""

    def __init__(self, factory: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self.content: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def ensure(self) -> QWidget:
        if self.content is None:
            self.content = self._factory()
            self.layout().addWidget(self.content)
        return self.content


class MainWindow(QMainWindow):
    logout_requested = Signal()
    language_changed = Signal(str)

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        if session.sync is None:
            # A window made without the controller (tests, tools) still gets a sync it can
            # start by hand; the controller's runs on its own timer.
            from desktop.background_sync import BackgroundSync
            session.sync = BackgroundSync(session.workspace, session.runner, self)
        self.background_sync = session.sync
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("LawDesk law-enforcement workstation"))
        self._show_bureau()
        session.subscribe(self, {"setting"}, lambda _changes: self._show_bureau())
        self.resize(1200, 760)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setMaximumWidth(200)
        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        self.areas: dict[str, QWidget] = {}
        self._build_areas()
        self.navigation.currentRowChanged.connect(self._show_row)
        splitter = QSplitter()
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([180, 1020])
        self.setCentralWidget(splitter)
        self._build_menus()
        self._build_status_bar()
        self.navigation.setCurrentRow(0)
        self._recover_captures()

    def _show_bureau(self) -> None:
        database = self.session.workspace.db
        title = self.tr("LawDesk law-enforcement workstation")
        self.session.run(self, lambda: get_setting(database, "bureau.name"),
                         on_done=lambda bureau: self.setWindowTitle(
                             f"{title} — {bureau}" if bureau else title))

    # ----------------------------------------------------------------- areas
    def _area(self, key: str, title: str, icon: QStyle.StandardPixmap, page: QWidget) -> None:
        item = QListWidgetItem(self.style().standardIcon(icon), title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.navigation.addItem(item)
        page.setObjectName(f"area_{key}")
        self.pages.addWidget(page)
        self.areas[key] = page

    def _show_row(self, row: int) -> None:
        page = self.pages.widget(row)
        if isinstance(page, LazyArea):
            page.ensure()
        self.pages.setCurrentIndex(row)

    def _build_areas(self) -> None:
        SP = QStyle.StandardPixmap
        self._area("footage", self.tr("Footage"), SP.SP_MediaPlay,
                   LazyArea(self._make_footage))
        self._area("capture", self.tr("Record capture"), SP.SP_MediaSeekForward,
                   LazyArea(self._make_capture))
        self._area("devices", self.tr("Devices"), SP.SP_DriveHDIcon,
                   LazyArea(self._make_devices))
        self._area("cases", self.tr("Cases"), SP.SP_FileDialogDetailedView,
                   LazyArea(self._make_cases))
        self._area("recording", self.tr("Recording"), SP.SP_MediaVolume,
                   LazyArea(self._make_recording))
        self._area("review", self.tr("Legal review"), SP.SP_DialogApplyButton,
                   LazyArea(self._make_review))
        self._area("disclosure", self.tr("Disclosure"), SP.SP_MessageBoxInformation,
                   LazyArea(self._make_disclosure))
        self._area("lists", self.tr("Public lists"), SP.SP_FileDialogContentsView,
                   LazyArea(self._make_lists))
        self._area("sync", self.tr("Sync"), SP.SP_BrowserReload, LazyArea(self._make_sync))
        self._area("admin", self.tr("Administration"), SP.SP_FileDialogListView,
                   LazyArea(self._make_admin))

    # Each area's module is imported when the area is first shown (see LazyArea).
    def _make_footage(self) -> QWidget:
        from desktop.views.footage.area import FootageArea
        return FootageArea(self.session)

    def _make_capture(self) -> QWidget:
        from desktop.views.capture.area import CaptureArea
        return CaptureArea(self.session)

    def _make_devices(self) -> QWidget:
        from desktop.views.devices.area import DevicesArea
        return DevicesArea(self.session)

    def _make_cases(self) -> QWidget:
        from desktop.views.cases.area import CasesArea
        return CasesArea(self.session)

    def _make_review(self) -> QWidget:
        from desktop.views.review.area import ReviewArea
        return ReviewArea(self.session)

    def _make_disclosure(self) -> QWidget:
        from desktop.views.disclosure.area import DisclosureArea
        return DisclosureArea(self.session)

    def _make_lists(self) -> QWidget:
        from desktop.views.lists.area import ListsArea
        return ListsArea(self.session)

    def _make_sync(self) -> QWidget:
        from desktop.views.sync.area import SyncArea
        return SyncArea(self.session, self.background_sync)

    def _make_recording(self) -> QWidget:
        from desktop.views.recording.area import RecordingArea
        return RecordingArea(self.session)

    def _make_admin(self) -> QWidget:
        from desktop.views.admin.area import AdminArea
        area = AdminArea(self.session)
        area.settings.language_changed.connect(self.language_changed)
        return area

    @property
    def footage(self):  # noqa: ANN201 - desktop.views.footage.area.FootageArea
        return self.areas["footage"].ensure()

    @property
    def capture(self):  # noqa: ANN201 - desktop.views.capture.area.CaptureArea
        return self.areas["capture"].ensure()

    @property
    def devices(self):  # noqa: ANN201
        return self.areas["devices"].ensure()

    @property
    def cases(self):  # noqa: ANN201
        return self.areas["cases"].ensure()

    @property
    def admin(self):  # noqa: ANN201
        return self.areas["admin"].ensure()

    @property
    def recording(self):  # noqa: ANN201 - desktop.views.recording.area.RecordingArea
        return self.areas["recording"].ensure()

    @property
    def review(self):  # noqa: ANN201 - desktop.views.review.area.ReviewArea
        return self.areas["review"].ensure()

    @property
    def disclosure(self):  # noqa: ANN201 - desktop.views.disclosure.area.DisclosureArea
        return self.areas["disclosure"].ensure()

    @property
    def lists(self):  # noqa: ANN201 - desktop.views.lists.area.ListsArea
        return self.areas["lists"].ensure()

    @property
    def sync(self):  # noqa: ANN201 - desktop.views.sync.area.SyncArea
        return self.areas["sync"].ensure()

    def show_area(self, key: str) -> None:
        self.navigation.setCurrentRow(list(self.areas).index(key))

    # ------------------------------------------------------- menus, status
    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        logout = QAction(self.tr("Log out"), self)
        logout.triggered.connect(self.logout_requested)
        menu.addAction(logout)
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("About LawDesk"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        actor = self.session.ctx.actor
        roles = "、".join(role_label(r) for r in sorted(actor.roles))
        self.user_label = QLabel(self.tr("User: %1 (%2)").replace("%1", actor.username)
                                 .replace("%2", roles))
        self.user_label.setObjectName("statusUser")
        self.folder_label = QLabel(self.tr("Data folder: %1").replace(
            "%1", str(self.session.workspace.data_dir)))
        self.folder_label.setObjectName("statusFolder")
        self.sync_label = QLabel()
        self.sync_label.setObjectName("statusSync")
        self._show_sync_state()
        self.background_sync.started.connect(self._show_sync_state)
        self.background_sync.finished.connect(self._show_sync_state)
        # Enrolling, or a pass run from the command line, changes what the bar says.
        self.session.subscribe(self, {"sync_link", "sync_progress"},
                               lambda _changes: self._show_sync_state())
        bar = self.statusBar()
        bar.addWidget(self.user_label)
        bar.addWidget(self.folder_label, 1)
        bar.addPermanentWidget(self.sync_label)

    def _show_sync_state(self, *_args: object) -> None:
        if self.background_sync.running:
            self.sync_label.setText(self.tr("Sync: syncing with headquarters…"))
            return
        database = self.session.workspace.db

        def read():  # noqa: ANN202
            from sync.status import enrolled, last_pass
            return enrolled(database), last_pass(database)

        self.session.run(self, read, on_done=lambda state: self._sync_state_read(*state))

    def _sync_state_read(self, enrolled: bool, last) -> None:  # noqa: ANN001 - LastPass
        if self.background_sync.running:
            return   # a pass started meanwhile: "syncing" stands
        ours = self.background_sync.last   # this window's newest pass, if it ran one
        if ours is not None and (last is None or ours.at >= last.at):
            ok, at = ours.ok, ours.at
        elif last is not None:
            ok, at = last.ok, last.at
        else:
            ok = at = None
        if not enrolled:
            text = self.tr("Sync: not enrolled with headquarters; working offline")
        elif at is None:
            text = self.tr("Sync: enrolled with headquarters; waiting for the first pass")
        elif ok:
            local = self.session.workspace.clock.local(at)
            text = self.tr("Sync: up to date at %1").replace("%1", f"{local:%H:%M}")
        else:
            text = self.tr("Sync: headquarters not reached or a problem (see the Sync area); "
                           "working offline")
        self.sync_label.setText(text)

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802
        capture = self.areas["capture"].content
        if capture is not None and capture.recording and not self._close_while_recording():
            event.ignore()
            return
        if capture is not None:
            capture.shutdown()
        footage = self.areas["footage"].content
        if footage is not None:
            footage.offload.shutdown()
        self.session.close()
        super().closeEvent(event)

    def _close_while_recording(self) -> bool:
        """Ask before closing over a recording; closed anyway, it is kept for recovery."""
        answer = QMessageBox.question(
            self, self.tr("A recording is under way"),
            self.tr("A clip or an interview is still being recorded. Close LawDesk anyway?\n\n"
                    "What was recorded so far is kept and stored as evidence when LawDesk "
                    "starts next. To store it now, choose No and press “Stop and store”."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _recover_captures(self) -> None:
        """Store what a crash or a forced close left of recordings (capture recover)."""
        from core.permissions import Permission
        if not self.session.can(Permission.INGEST_FOOTAGE):
            return
        workspace, ctx = self.session.workspace, self.session.ctx

        def recover():  # noqa: ANN202 - imported here: opencv loads off the UI thread
            from capture.camera_capture import recover_all
            return [item.record for item in recover_all(workspace, ctx) if item.record]

        self.session.run(self, recover, writes=True, on_done=self._captures_recovered)

    def _captures_recovered(self, records) -> None:  # noqa: ANN001 - list[CaptureRecord]
        if records:
            self.statusBar().showMessage(self.tr(
                "%1 recording(s) cut off earlier were recovered and stored as evidence."
            ).replace("%1", str(len(records))), 30_000)

    def _about(self) -> None:
        text = self.tr(
            "LawDesk %1\nWorkstation for enforcement disclosure, whole-process recording and "
            "legal review of major decisions.").replace("%1", __version__)
        if self.session.log_file is not None:
            text += "\n\n" + self.tr("Log of unexpected errors: %1").replace(
                "%1", str(self.session.log_file))
        QMessageBox.about(self, self.tr("About LawDesk"), text)
