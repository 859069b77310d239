"""The parties of a case: add, correct, remove. Each change saves the case at once."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QVBoxLayout, QWidget

from casework.cases import CaseDetail, PartyInfo, update_case
from casework.inputs import PartyInput
from desktop.models.columns import Column
from desktop.models.listed import ListTableModel
from desktop.session import UiSession
from desktop.views.cases.case_input import case_input, party_input
from desktop.views.cases.case_tab import CaseTab
from desktop.views.cases.party_dialog import PartyDialog
from desktop.widgets.table_page import TablePage


class PartiesPage(CaseTab):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(session, "partiesFeedback", parent)
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.page, 1)
        layout.addWidget(self.feedback)

    def _kind(self, kind: str) -> str:
        return self.tr("Natural person") if kind == "person" else self.tr("Organisation")

    def fill(self, detail: CaseDetail, other: bool) -> None:
        self.model.set_rows(detail.parties)

    def editing_controls(self) -> tuple[QWidget, ...]:
        return (self.add_button, self.edit_button, self.remove_button)

    # ----------------------------------------------------------------- saving
    def _saving(self, parties: list[PartyInput]) -> Callable[[], CaseDetail]:
        """The call that saves the case with ``parties``, built now from the case shown."""
        assert self.detail is not None
        ctx, number = self.session.ctx, self.detail.number
        data = case_input(self.detail, parties=tuple(parties))
        return lambda: update_case(ctx, number, data)

    def _current(self) -> list[PartyInput]:
        return [party_input(p) for p in self.detail.parties] if self.detail else []

    def _open(self, dialog: PartyDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def add(self) -> None:
        if self.detail is not None:
            self._open(PartyDialog(self.session, lambda p: self._saving(self._current() + [p]),
                                   parent=self))

    def edit(self) -> None:
        row = self.page.selected_row()
        if row is None or self.detail is None or not self.edit_button.isEnabled():
            return

        def saving(party: PartyInput) -> Callable[[], CaseDetail]:
            parties = self._current()
            parties[row] = party
            return self._saving(parties)
        self._open(PartyDialog(self.session, saving, self.detail.parties[row], self))

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
        self.session.run(self, self._saving(parties), writes=True, where=self.feedback,
                         busy=self.remove_button)
