"""The parties of a case: add, correct, remove. Each change saves the case at once."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QVBoxLayout, QWidget

from accounts.permissions import Permission
from casework.cases import CaseDetail, PartyInfo, update_case
from casework.inputs import PartyInput
from desktop.models.columns import Column
from desktop.models.listed import ListTableModel
from desktop.session import UiSession
from desktop.views.admin.table_page import TablePage
from desktop.views.cases.case_input import case_input, party_input
from desktop.views.cases.feedback import Feedback, attempt, deny
from desktop.views.cases.party_dialog import PartyDialog


class PartiesPage(QWidget):
    changed = Signal(object)   # the CaseDetail after a change

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.detail: CaseDetail | None = None
        lang = session.language
        self.page = TablePage()
        self.add_button = self.page.add_button(self.tr("Add party…"), "addParty", self.add)
        self.edit_button = self.page.add_button(self.tr("Edit…"), "editParty", self.edit)
        self.remove_button = self.page.add_button(self.tr("Remove"), "removeParty",
                                                  self.remove)
        self.page.tools.addStretch(1)
        self.model: ListTableModel[PartyInfo] = ListTableModel([
            Column(lambda: self.tr("Kind"), lambda p: self._kind(p.kind)),
            Column(lambda: self.tr("Name"), lambda p: p.name),
            Column(lambda: self.tr("Document"), lambda p: p.id_label(lang)),
            Column(lambda: self.tr("Number"), lambda p: p.id_number),
            Column(lambda: self.tr("Legal representative"),
                   lambda p: p.legal_representative or ""),
            Column(lambda: self.tr("Address"), lambda p: p.address or "",
                   tooltip=lambda p: p.address or ""),
            Column(lambda: self.tr("Phone"), lambda p: p.phone or ""),
        ], self)
        self.page.table.setObjectName("partiesTable")
        self.page.table.setModel(self.model)
        self.page.table.doubleClicked.connect(lambda _: self.edit())
        for column, width in enumerate((70, 200, 120, 170, 110, 230)):
            self.page.table.setColumnWidth(column, width)
        self.feedback = Feedback()
        self.feedback.setObjectName("partiesFeedback")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.page, 1)
        layout.addWidget(self.feedback)
        self._editable = session.can(Permission.EDIT_CASES)

    def _kind(self, kind: str) -> str:
        return self.tr("Natural person") if kind == "person" else self.tr("Organisation")

    def show_case(self, detail: CaseDetail) -> None:
        self.detail = detail
        self.model.set_rows(detail.parties)
        self.feedback.clear()
        editable = self._editable and detail.row.status == "open"
        why = (self.tr("Your roles do not allow changing cases.") if not self._editable
               else self.tr("The case is closed."))
        for button in (self.add_button, self.edit_button, self.remove_button):
            deny(button, editable, why)

    def _save(self, parties: list[PartyInput]) -> CaseDetail:
        assert self.detail is not None
        updated = update_case(self.session.ctx, self.detail.number,
                              case_input(self.detail, parties=tuple(parties)))
        self.changed.emit(updated)
        return updated

    def _current(self) -> list[PartyInput]:
        return [party_input(p) for p in self.detail.parties] if self.detail else []

    def add(self) -> None:
        dialog = PartyDialog(self.session, lambda p: self._save(self._current() + [p]),
                             parent=self)
        dialog.exec()

    def edit(self) -> None:
        row = self.page.selected_row()
        if row is None or self.detail is None or not self.edit_button.isEnabled():
            return

        def save(party: PartyInput) -> CaseDetail:
            parties = self._current()
            parties[row] = party
            return self._save(parties)
        PartyDialog(self.session, save, self.detail.parties[row], self).exec()

    def remove(self) -> None:
        row = self.page.selected_row()
        if row is None or self.detail is None:
            return
        name = self.detail.parties[row].name
        if QMessageBox.question(self, self.tr("Remove party"),
                                self.tr("Remove %1 from this case?").replace("%1", name)) \
                != QMessageBox.StandardButton.Yes:
            return
        parties = self._current()
        del parties[row]
        attempt(self.feedback, self.session.language, lambda: self._save(parties))
