"""One case at a time: its number and state above, then tabs for its fields, parties,
officers, steps, evidence and documents. Every tab hands back the case as the service
returned it, and the editor shows that everywhere."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from casework.cases import CaseDetail, get_case
from desktop.session import UiSession
from desktop.views.cases.documents_panel import DocumentsPanel
from desktop.views.cases.evidence_page import EvidencePage
from desktop.views.cases.feedback import WARN_STYLE
from desktop.views.cases.header_page import HeaderPage
from desktop.views.cases.officers_page import OfficersPage
from desktop.views.cases.parties_page import PartiesPage
from desktop.views.cases.steps_page import StepsPage


class CaseEditor(QWidget):
    case_changed = Signal(str)   # the number of a case that was changed

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.detail: CaseDetail | None = None
        self.heading = QLabel(self.tr("Choose a case in the list, or open a new one."))
        self.heading.setObjectName("caseHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.summary = QLabel()
        self.summary.setObjectName("caseSummary")
        self.summary.setWordWrap(True)
        self.header = HeaderPage(session)
        self.parties = PartiesPage(session)
        self.officers = OfficersPage(session)
        self.steps = StepsPage(session)
        self.evidence = EvidencePage(session)
        self.documents = DocumentsPanel(session)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("caseTabs")
        self.tabs.addTab(self.header, self.tr("Case"))
        self.tabs.addTab(self.parties, self.tr("Parties"))
        self.tabs.addTab(self.officers, self.tr("Officers"))
        self.tabs.addTab(self.steps, self.tr("Steps"))
        self.tabs.addTab(self.evidence, self.tr("Evidence"))
        self.tabs.addTab(self.documents, self.tr("Documents"))
        self.tabs.setEnabled(False)
        for page in self.pages:
            page.changed.connect(self.show_case)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

    @property
    def pages(self) -> tuple:
        return (self.header, self.parties, self.officers, self.steps, self.evidence,
                self.documents)

    def load(self, number: str) -> CaseDetail:
        detail = get_case(self.session.ctx, number)
        self.show_case(detail, changed=False)
        return detail

    def show_case(self, detail: CaseDetail, changed: bool = True) -> None:
        self.detail = detail
        lang = self.session.language
        row = detail.row
        state = self.tr("closed, read-only") if row.status == "closed" else self.tr("open")
        self.heading.setText(f"{row.number} · {row.cause}")
        lead = next((o.name for o in detail.officers if o.seq == 1), "")
        self.summary.setText(self.tr("%1 · %2 · %3 · lead officer %4 · %5")
                             .replace("%1", row.type_name(lang))
                             .replace("%2", row.procedure_name(lang))
                             .replace("%3", row.unit_name).replace("%4", lead or "—")
                             .replace("%5", state))
        self.summary.setStyleSheet(WARN_STYLE if row.status == "closed" else "")
        self.tabs.setEnabled(True)
        for page in self.pages:
            page.show_case(detail)
        if changed:
            self.case_changed.emit(row.number)
