"""The left of the documents panel: the templates (those the case's procedure does not use
greyed out, with the reason) and the documents already issued for the case."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from casework.cases import CaseDetail
from casework.documents import list_templates
from casework.documents.templates import Template
from casework.procedures import procedure

DATA_ROLE = Qt.ItemDataRole.UserRole


def template_of(kind: str) -> Template:
    return next(t for t in list_templates() if t.id == kind)


class DocumentLists(QWidget):
    template_chosen = Signal(str)      # a template id
    issued_chosen = Signal(object)     # an IssuedDocumentInfo

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.templates = QListWidget()
        self.templates.setObjectName("templates")
        for template in list_templates():
            item = QListWidgetItem(template.title)
            item.setData(DATA_ROLE, template.id)
            self.templates.addItem(item)
        self.issued = QListWidget()
        self.issued.setObjectName("issuedDocuments")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Documents")))
        layout.addWidget(self.templates, 3)
        layout.addWidget(QLabel(self.tr("Issued for this case")))
        layout.addWidget(self.issued, 2)
        self.templates.currentItemChanged.connect(
            lambda item, _: item is not None and self.template_chosen.emit(item.data(DATA_ROLE)))
        self.issued.itemClicked.connect(lambda item: self.issued_chosen.emit(item.data(DATA_ROLE)))

    def show_case(self, detail: CaseDetail) -> None:
        proc = procedure(detail.row.procedure)
        for row in range(self.templates.count()):
            item = self.templates.item(row)
            applies = proc.code in template_of(item.data(DATA_ROLE)).procedures
            flags = item.flags()
            item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled if applies
                          else flags & ~Qt.ItemFlag.ItemIsEnabled)
            item.setToolTip("" if applies else self.tr("Not used under the %1")
                            .replace("%1", proc.name(self.language)))
        self.issued.clear()
        for info in reversed(detail.documents):   # newest first
            item = QListWidgetItem(f"{info.number}\n{info.title}")
            item.setData(DATA_ROLE, info)
            item.setToolTip(f"SHA-256 {info.sha256}")
            self.issued.addItem(item)

    def choose(self, kind: str) -> None:
        for row in range(self.templates.count()):
            if self.templates.item(row).data(DATA_ROLE) == kind:
                self.templates.setCurrentRow(row)
                return

    def clear_choice(self) -> None:
        self.templates.blockSignals(True)
        self.templates.setCurrentRow(-1)
        self.templates.blockSignals(False)
