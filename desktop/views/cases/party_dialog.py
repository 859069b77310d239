"""A party of a case (当事人): a person or an organisation with its identity number or
unified social credit code. The number is checked as it is typed; the case service
checks it again when the party is saved and a refusal stays in the dialog."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from casework.cases import PartyInfo
from casework.identity import Problem, check_uscc, parse_resident_id
from casework.inputs import PartyInput
from desktop.palette import OK_STYLE, WARN_STYLE
from desktop.session import UiSession
from desktop.widgets.form_dialog import FormDialog


class PartyDialog(FormDialog):
    """OK saves the case with the party typed: ``saving(party)`` gives the service call.
    The dialog closes only when the case service does not refuse."""

    def __init__(self, session: UiSession, saving: Callable[[PartyInput], Callable[[], object]],
                 party: PartyInfo | None = None, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._saving = saving
        self.setWindowTitle(self.tr("Edit party") if party else self.tr("Add a party"))
        self.kind = QComboBox()
        self.kind.setObjectName("partyKind")
        self.kind.addItem(self.tr("Organisation"), "organisation")
        self.kind.addItem(self.tr("Natural person"), "person")
        self.name = QLineEdit()
        self.name.setObjectName("partyName")
        self.id_type = QComboBox()
        self.id_type.setObjectName("partyIdType")
        self.id_type.addItem(self.tr("Unified social credit code"), "uscc")
        self.id_type.addItem(self.tr("Resident identity number"), "resident_id")
        self.id_type.addItem(self.tr("Other document (not checked)"), "other")
        self.id_number = QLineEdit()
        self.id_number.setObjectName("partyIdNumber")
        self.id_number.setMaxLength(40)
        self.id_check = QLabel()
        self.id_check.setObjectName("partyIdCheck")
        self.id_check.setWordWrap(True)
        self.representative = QLineEdit()
        self.representative.setObjectName("partyRepresentative")
        self.address = QLineEdit()
        self.address.setObjectName("partyAddress")
        self.phone = QLineEdit()
        self.phone.setObjectName("partyPhone")
        self.feedback.setObjectName("partyFeedback")
        self.form = QFormLayout(self)
        self.form.addRow(self.tr("Kind"), self.kind)
        self.form.addRow(self.tr("Name *"), self.name)
        self.form.addRow(self.tr("Document"), self.id_type)
        self.form.addRow(self.tr("Number *"), self.id_number)
        self.form.addRow("", self.id_check)
        self.form.addRow(self.tr("Legal representative"), self.representative)
        self.form.addRow(self.tr("Address"), self.address)
        self.form.addRow(self.tr("Phone"), self.phone)
        self.form.addRow(self.feedback)
        self.form.addRow(self.buttons)
        if party is not None:
            self.kind.setCurrentIndex(self.kind.findData(party.kind))
            self.name.setText(party.name)
            self.id_type.setCurrentIndex(self.id_type.findData(party.id_type))
            self.id_number.setText(party.id_number)
            self.representative.setText(party.legal_representative or "")
            self.address.setText(party.address or "")
            self.phone.setText(party.phone or "")
        self.kind.currentIndexChanged.connect(lambda _: self._kind_changed())
        self.id_type.currentIndexChanged.connect(lambda _: self._check_number())
        self.id_number.textChanged.connect(lambda _: self._check_number())
        self._kind_changed(keep_type=party is not None)
        self.setMinimumWidth(520)

    def _kind_changed(self, keep_type: bool = False) -> None:
        person = self.kind.currentData() == "person"
        if not keep_type:
            self.id_type.setCurrentIndex(self.id_type.findData(
                "resident_id" if person else "uscc"))
        self.form.setRowVisible(self.representative, not person)
        self._check_number()

    def _check_number(self) -> None:
        """What the check character says, while typing: a hint, not the decision."""
        number, kind = self.id_number.text().strip(), self.id_type.currentData()
        if not number or kind == "other":
            self.id_check.setText("")
            return
        english = self.session.language.startswith("en")
        result = parse_resident_id(number) if kind == "resident_id" else check_uscc(number)
        if isinstance(result, Problem):
            self.id_check.setStyleSheet(WARN_STYLE)
            self.id_check.setText(result.en if english else result.zh)
        elif kind == "resident_id":
            self.id_check.setStyleSheet(OK_STYLE)
            self.id_check.setText(self.tr("Check character correct · born %1 · %2")
                                  .replace("%1", f"{result.birth_date:%Y-%m-%d}")
                                  .replace("%2", self._gender(result.gender)))
        else:
            self.id_check.setStyleSheet(OK_STYLE)
            self.id_check.setText(self.tr("Check character correct"))

    def _gender(self, gender: str) -> str:
        return self.tr("male") if gender == "男" else self.tr("female")

    def value(self) -> PartyInput:
        person = self.kind.currentData() == "person"
        text = lambda edit: edit.text().strip() or None  # noqa: E731
        return PartyInput(self.kind.currentData(), self.name.text().strip(),
                          self.id_number.text().strip(), self.id_type.currentData(),
                          text(self.address), text(self.phone),
                          None if person else text(self.representative))

    def save_call(self) -> Callable[[], object] | None:
        if not self.name.text().strip() or not self.id_number.text().strip():
            self.feedback.error(self.tr("Enter the party's name and document number."))
            return None
        return self._saving(self.value())
