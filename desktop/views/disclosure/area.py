"""The disclosure area (执法公示): at the top what is late or due, then the records with
their deadlines, the selected one's published and original text side by side, and the
export to the portal folder.

Each part reads its own data off the UI thread and reads it again when the records it
shows change (whoever changed them: this window, the command line, a sync), never on a
tab switch."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from desktop.session import UiSession
from desktop.views.disclosure.dashboard import DashboardLine
from desktop.views.disclosure.detail_pane import DetailPane
from desktop.views.disclosure.export_bar import ExportBar
from desktop.views.disclosure.records_page import RecordsPage
from desktop.widgets.feedback import Feedback


class DisclosureArea(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.records = RecordsPage(session)
        # Its own line for a refusal: the records' line says how the user's steps went.
        self.dashboard_feedback = Feedback()
        self.dashboard_feedback.setObjectName("dashboardFeedback")
        self.dashboard = DashboardLine(session, self.dashboard_feedback)
        self.detail = DetailPane(session)
        self.export = ExportBar(session)
        self.records.current_changed.connect(self.detail.show_record)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.records)
        splitter.addWidget(self.detail)
        splitter.setSizes([330, 370])
        layout = QVBoxLayout(self)
        layout.addWidget(self.dashboard)
        layout.addWidget(self.dashboard_feedback)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.export)

    @property
    def loading(self) -> bool:
        return self.records.loading or self.dashboard.loading or self.detail.loading
