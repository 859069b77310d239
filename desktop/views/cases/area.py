"""The cases area (案件管理): the case list, and the editor of the case chosen in it."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from accounts.permissions import Permission
from desktop.session import UiSession
from desktop.views.cases.case_list import CaseListPage
from desktop.views.cases.editor import CaseEditor
from desktop.views.cases.new_case_dialog import NewCaseDialog


class CasesArea(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("caseAreaTabs")
        if not session.can(Permission.VIEW_CASES):
            self.list = self.editor = None
            notice = QLabel(self.tr("Your roles do not allow viewing cases. Cases are handled "
                                    "by clerks and enforcement officers."))
            notice.setObjectName("casesNotAllowed")
            notice.setWordWrap(True)
            layout.addWidget(notice)
            layout.addStretch(1)
            return
        self.list = CaseListPage(session)
        self.editor = CaseEditor(session)
        self.tabs.addTab(self.list, self.tr("Case list"))
        self.tabs.addTab(self.editor, self.tr("Case file"))
        layout.addWidget(self.tabs)
        self.list.open_requested.connect(self.open_case)
        self.list.new_requested.connect(self.new_case)
        self.list.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.editor.case_changed.connect(lambda number: self.list.refresh(select=number))

    def _selected(self) -> None:
        case = self.list.selected()
        if case is not None and (self.editor.detail is None
                                 or self.editor.detail.number != case.number):
            self.editor.load(case.number)

    def open_case(self, number: str) -> None:
        self.editor.load(number)
        self.tabs.setCurrentWidget(self.editor)

    def new_case(self) -> None:
        dialog = NewCaseDialog(self.session, self)
        if dialog.exec() and dialog.created is not None:
            self.list.refresh(select=dialog.created.number)
            self.open_case(dialog.created.number)
            self.editor.tabs.setCurrentWidget(self.editor.parties)
