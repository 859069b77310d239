"""The handling officers of a case (办案人员), the lead (主办) first: typed or scanned by
certificate number, or chosen from the list. An officer whose certificate does not allow
enforcement today is refused at once, with the reason; the case services check again."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

from casework.cases import CaseOfficerInfo
from core.errors import DomainError
from desktop.session import UiSession
from desktop.views.cases.feedback import Feedback
from desktop.views.cases.officer_list import OfficerListDialog
from organisation.officers import OfficerRow, officer_by_certificate

WARN = QColor("#b00020")


@dataclass(frozen=True)
class Pick:
    name: str
    number: str
    certified: bool
    text: str        # what the certificate allows, in words


def pick_of(officer: OfficerRow, language: str) -> Pick:
    return Pick(officer.name, officer.certificate_number or "",
                officer.certification.certified, officer.certification.message(language))


def pick_of_case(officer: CaseOfficerInfo) -> Pick:
    return Pick(officer.name, officer.certificate_number or officer.assigned_certificate,
                officer.certified, officer.certification_text)


class OfficerPicker(QWidget):
    changed = Signal()

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.picks: list[Pick] = []
        self.list = QListWidget()
        self.list.setObjectName("caseOfficers")
        self.list.setMinimumHeight(90)
        self.number = QLineEdit()
        self.number.setObjectName("officerNumber")
        self.number.setPlaceholderText(self.tr("Certificate number, then Enter"))
        self.number.returnPressed.connect(self.add_typed)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.setObjectName("addOfficer")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_typed)
        self.choose_button = QPushButton(self.tr("From the list…"))
        self.choose_button.setObjectName("chooseOfficers")
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose)
        self.up_button = QPushButton(self.tr("Make lead"))
        self.up_button.setObjectName("leadOfficer")
        self.up_button.setAutoDefault(False)
        self.up_button.clicked.connect(self.make_lead)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setObjectName("removeOfficer")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_selected)
        self.feedback = Feedback()
        self.feedback.setObjectName("officerFeedback")
        entry = QHBoxLayout()
        entry.addWidget(self.number, 1)
        entry.addWidget(self.add_button)
        entry.addWidget(self.choose_button)
        order = QHBoxLayout()
        order.addWidget(self.up_button)
        order.addWidget(self.remove_button)
        order.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(entry)
        layout.addWidget(self.list, 1)
        layout.addLayout(order)
        layout.addWidget(self.feedback)

    # ---------------------------------------------------------------- state
    def numbers(self) -> tuple[str, ...]:
        return tuple(p.number for p in self.picks)

    def set_picks(self, picks: list[Pick]) -> None:
        self.picks = list(picks)
        self.feedback.clear()
        self._show()

    def _show(self) -> None:
        self.list.clear()
        for index, pick in enumerate(self.picks):
            role = self.tr("lead") if index == 0 else self.tr("assisting")
            item = QListWidgetItem(f"{index + 1}. {pick.name}（{pick.number}）· {role} · "
                                   f"{pick.text}")
            if not pick.certified:
                item.setForeground(WARN)
            self.list.addItem(item)

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.number, self.add_button, self.choose_button, self.up_button,
                       self.remove_button):
            widget.setEnabled(not read_only)

    # --------------------------------------------------------------- actions
    def add_typed(self) -> None:
        number = self.number.text().strip()
        if not number:
            return
        try:
            officer = officer_by_certificate(self.session.ctx, number)
        except DomainError as error:
            self.feedback.error(self.session.message(error))
            return
        if self.add(officer):
            self.number.clear()

    def add(self, officer: OfficerRow) -> bool:
        pick = pick_of(officer, self.session.language)
        if not pick.certified:
            self.feedback.error(self.tr("%1 cannot handle cases: %2")
                                .replace("%1", officer.name).replace("%2", pick.text))
            return False
        if any(p.name == pick.name and p.number == pick.number for p in self.picks):
            self.feedback.error(self.tr("%1 is already listed.").replace("%1", officer.name))
            return False
        self.picks.append(pick)
        self.feedback.clear()
        self._show()
        self.changed.emit()
        return True

    def choose(self) -> None:
        dialog = OfficerListDialog(self.session, self)
        if dialog.exec():
            for officer in dialog.chosen():
                if not self.add(officer):
                    break

    def make_lead(self) -> None:
        row = self.list.currentRow()
        if row > 0:
            self.picks.insert(0, self.picks.pop(row))
            self._show()
            self.list.setCurrentRow(0)
            self.changed.emit()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.picks):
            del self.picks[row]
            self._show()
            self.changed.emit()
