"""The cases area (案件管理): the case list, and the editor of the case chosen in it."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from core.permissions import Permission
from casework.cases import CaseDetail
from desktop.session import UiSession
from desktop.views.cases.case_list import CaseListPage
from desktop.views.cases.editor import CaseEditor
from desktop.views.cases.header_form import HeaderChoices, header_choices
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

    def _selected(self) -> None:
        case = self.list.selected()
        if case is not None and self.editor.wanted != case.number:
            self.editor.load(case.number)

    def open_case(self, number: str) -> None:
        if self.editor.wanted != number:
            self.editor.load(number)
        self.tabs.setCurrentWidget(self.editor)

    def new_case(self) -> None:
        """The dialog chooses the type and unit from lists read first."""
        ctx = self.session.ctx
        self.session.run(self, lambda: header_choices(ctx), busy=self.list.new_button,
                         on_done=self._ask_new_case)

    def _ask_new_case(self, choices: HeaderChoices) -> None:
        dialog = NewCaseDialog(self.session, choices, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._opened)
        dialog.open()

    def _opened(self, created: CaseDetail) -> None:
        self.list.follow(created.number)
        self.open_case(created.number)
        self.editor.tabs.setCurrentWidget(self.editor.parties)
