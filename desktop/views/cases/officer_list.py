"""Choosing handling officers from the list of officers, each with what their certificate
allows today (持证上岗), so an officer who may not enforce is seen before being picked."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from desktop.labels import certification_short_label
from desktop.models.columns import Column
from desktop.palette import WARN
from desktop.session import UiSession
from desktop.views.admin.officers import OfficerSource
from desktop.widgets.search_table import SearchableTable
from organisation.officers import OfficerFilter, OfficerRow

# An officer's certificate or unit may change while the list is open.
SHOWN = frozenset({"officer", "certificate", "unit"})


class OfficerListDialog(QDialog):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Choose handling officers"))
        lang = session.language
        self.officers = SearchableTable(
            session, lambda text: OfficerSource(session.ctx, OfficerFilter(text=text)), [
                Column(lambda: self.tr("Name"), lambda o: o.name, "name"),
                Column(lambda: self.tr("Unit"), lambda o: o.unit_name, "unit"),
                Column(lambda: self.tr("Certificate"), lambda o: o.certificate_number or "",
                       "certificate"),
                Column(lambda: self.tr("May enforce"),
                       lambda o: certification_short_label(o.certification.reason.value),
                       foreground=lambda o: None if o.certification.certified else WARN,
                       tooltip=lambda o: o.certification.message(lang)),
            ], sort="name", name="officer", multi_select=True,
            placeholder=self.tr("Name or certificate number"))
        self.officers.layout().setContentsMargins(0, 0, 0, 0)
        self.search, self.table, self.model = (self.officers.search, self.officers.table,
                                               self.officers.model)
        self.table.setObjectName("officerChoices")
        for column, width in enumerate((90, 150, 110)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.officers, 1)
        layout.addWidget(buttons)
        session.subscribe(self, SHOWN, lambda _changes: self.officers.reload())
        self.officers.refresh()
        self.resize(560, 420)

    @property
    def loading(self) -> bool:
        return self.officers.loading

    def chosen(self) -> list[OfficerRow]:
        return self.officers.chosen()
