"""The footage area: offload recorders, and the library of verified footage."""
from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from core.permissions import Permission
from desktop.session import UiSession
from desktop.views.footage.library_page import LibraryPage
from desktop.views.footage.offload_page import OffloadPage


class FootageArea(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None, *,
                 watcher_source=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("footageTabs")
        self.offload = OffloadPage(session, watcher_source=watcher_source)
        self.library = LibraryPage(session) if session.can(Permission.VIEW_FOOTAGE) else None
        self.tabs.addTab(self.offload, self.tr("Offload"))
        if self.library is not None:
            # It refreshes itself when footage is stored (desktop.changes), also by an
            # offload finishing in another tab or process: a tab switch loads nothing.
            self.tabs.addTab(self.library, self.tr("Library"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
