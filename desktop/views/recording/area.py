"""The whole-process recording area (全过程记录): the statistics dashboard, the cases' recording
findings (compliance) and the retention of footage (evidence.retention), one tab each; each
page loads its own rows and refreshes on the changes it shows."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from core.permissions import Permission
from desktop.session import UiSession


class RecordingArea(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tabs = QTabWidget()
        self.tabs.setObjectName("recordingTabs")
        self.dashboard = None
        if session.can(Permission.VIEW_CASES) and session.can(Permission.VIEW_FOOTAGE):
            from desktop.views.recording.dashboard import RecordingDashboard
            self.dashboard = RecordingDashboard(session)
            self.add_tab(self.dashboard, self.tr("Statistics"))
        else:
            notice = QLabel(self.tr("Your roles do not allow viewing the recording statistics "
                                    "(they need both cases and footage)."))
            notice.setObjectName("statsNotAllowed")
            notice.setWordWrap(True)
            self.add_tab(notice, self.tr("Statistics"))
        self.findings = self.retention = None
        if session.can(Permission.VIEW_CASES):
            from desktop.views.recording.findings_page import FindingsPage
            self.findings = FindingsPage(session)
            self.add_tab(self.findings, self.tr("Recording findings"))
        if session.can(Permission.VIEW_FOOTAGE):
            from desktop.views.recording.retention_page import RetentionPage
            self.retention = RetentionPage(session)
            self.add_tab(self.retention, self.tr("Retention"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def add_tab(self, page: QWidget, title: str) -> int:
        """Add a page of the area; returns its tab index."""
        return self.tabs.addTab(page, title)

    @property
    def loading(self) -> bool:
        return self.dashboard is not None and self.dashboard.loading
