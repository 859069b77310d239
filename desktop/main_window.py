"""The main window: the areas on the left, the chosen one on the right, who and where below."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QLabel, QListWidget, QListWidgetItem, QMainWindow, QMessageBox,
                               QSplitter, QStackedWidget, QStyle, QWidget)

from config.settings import get_setting
from desktop.labels import role_label
from desktop.session import UiSession
from desktop.views.admin.area import AdminArea
from desktop.views.cases.area import CasesArea
from desktop.views.devices.area import DevicesArea
from desktop.views.footage.area import FootageArea
from desktop.views.placeholder import AreaPlaceholder
from lawdesk import __version__


class MainWindow(QMainWindow):
    logout_requested = Signal()
    language_changed = Signal(str)

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("mainWindow")
        bureau = get_setting(session.workspace.db, "bureau.name")
        title = self.tr("LawDesk law-enforcement workstation")
        self.setWindowTitle(f"{title} — {bureau}" if bureau else title)
        self.resize(1200, 760)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setMaximumWidth(200)
        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        self.areas: dict[str, QWidget] = {}
        self._build_areas()
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        splitter = QSplitter()
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([180, 1020])
        self.setCentralWidget(splitter)
        self._build_menus()
        self._build_status_bar()
        self.navigation.setCurrentRow(0)

    # ----------------------------------------------------------------- areas
    def _area(self, key: str, title: str, icon: QStyle.StandardPixmap, page: QWidget) -> None:
        item = QListWidgetItem(self.style().standardIcon(icon), title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.navigation.addItem(item)
        page.setObjectName(f"area_{key}")
        self.pages.addWidget(page)
        self.areas[key] = page

    def _build_areas(self) -> None:
        SP = QStyle.StandardPixmap
        self.footage = FootageArea(self.session)
        self._area("footage", self.tr("Footage"), SP.SP_MediaPlay, self.footage)
        self.devices = DevicesArea(self.session)
        self._area("devices", self.tr("Devices"), SP.SP_DriveHDIcon, self.devices)
        self.cases = CasesArea(self.session)
        self._area("cases", self.tr("Cases"), SP.SP_FileDialogDetailedView, self.cases)
        self._area("review", self.tr("Legal review"), SP.SP_DialogApplyButton, AreaPlaceholder(
            self.tr("Legal review"),
            self.tr("Legal review of major enforcement decisions: the catalogue of major "
                    "decisions, review deadlines, reviewers' opinions and disagreements.")))
        self._area("disclosure", self.tr("Disclosure"), SP.SP_MessageBoxInformation,
                   AreaPlaceholder(
            self.tr("Disclosure"),
            self.tr("Enforcement disclosure: item, subject and personnel lists, decision "
                    "disclosures within their working-day deadlines, masking of personal "
                    "data, and export to the portal.")))
        self._area("sync", self.tr("Sync"), SP.SP_BrowserReload, AreaPlaceholder(
            self.tr("Sync"),
            self.tr("Synchronisation with headquarters: the queue of records and footage "
                    "waiting to go up, progress, last success and errors.")))
        self.admin = AdminArea(self.session)
        self._area("admin", self.tr("Administration"), SP.SP_FileDialogListView, self.admin)
        self.admin.settings.language_changed.connect(self.language_changed)

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
        self.sync_label = QLabel(self.tr("Sync: not enrolled with headquarters; "
                                         "working offline"))
        self.sync_label.setObjectName("statusSync")
        bar = self.statusBar()
        bar.addWidget(self.user_label)
        bar.addWidget(self.folder_label, 1)
        bar.addPermanentWidget(self.sync_label)

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802
        self.footage.offload.shutdown()
        super().closeEvent(event)

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About LawDesk"), self.tr(
            "LawDesk %1\nWorkstation for enforcement disclosure, whole-process recording and "
            "legal review of major decisions.").replace("%1", __version__))
