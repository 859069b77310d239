"""The handling officers of a case (办案人员), the lead (主办) first: typed or scanned by
certificate number, or chosen from the list. An officer whose certificate does not allow
enforcement today is refused at once, with the reason; the case services check again."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

from casework.cases import CaseOfficerInfo
from casework.procedures import procedure
from desktop.palette import HINT_STYLE, WARN
from desktop.session import UiSession
from desktop.views.cases.officer_list import OfficerListDialog
from desktop.widgets.feedback import Feedback
from desktop.widgets.scan_field import ScanField
from desktop.formatting import shown_text
from organisation.officers import OfficerRow, officer_by_certificate


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


class OfficerRule(QLabel):
    """How many certified officers a case under its procedure needs."""

    def __init__(self, language: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setStyleSheet(HINT_STYLE)

    def show_for(self, procedure_code: str) -> None:
        proc = procedure(procedure_code)
        self.setText(self.tr("A case under the %1 needs at least %2 officers with a valid "
                             "enforcement certificate; the first listed leads.")
                     .replace("%1", proc.name(self.language))
                     .replace("%2", str(proc.min_officers)))


class OfficerPicker(QWidget):
    changed = Signal()

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.picks: list[Pick] = []
        self.list = QListWidget()
        self.list.setObjectName("caseOfficers")
        self.list.setMinimumHeight(90)
        # Enter looks the number up and goes no further: it must not press the dialog's OK
        # while the lookup runs.
        self.number = ScanField()
        self.number.setObjectName("officerNumber")
        self.number.setPlaceholderText(self.tr("Certificate number, then Enter"))
        self.number.scanned.connect(lambda _text: self.add_typed())
        self.add_button = self._button(self.tr("Add"), "addOfficer", self.add_typed)
        self.choose_button = self._button(self.tr("From the list…"), "chooseOfficers",
                                          self.choose)
        self.up_button = self._button(self.tr("Make lead"), "leadOfficer", self.make_lead)
        self.remove_button = self._button(self.tr("Remove"), "removeOfficer",
                                          self.remove_selected)
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

    def _button(self, text: str, name: str, slot) -> QPushButton:  # noqa: ANN001
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

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
            item = QListWidgetItem(shown_text(f"{index + 1}. {pick.name}（{pick.number}）· "
                                              f"{role} · {pick.text}"))
            if not pick.certified:
                item.setForeground(WARN)
            self.list.addItem(item)

    def editing_controls(self) -> tuple[QWidget, ...]:
        return (self.number, self.add_button, self.choose_button, self.up_button,
                self.remove_button)

    # --------------------------------------------------------------- actions
    def add_typed(self) -> None:
        """Look the typed certificate number up (a read operation), then add its officer."""
        number = self.number.text().strip()
        if not number:
            return
        ctx = self.session.ctx
        self.session.run(self, lambda: officer_by_certificate(ctx, number),
                         where=self.feedback, busy=self.add_button,
                         on_done=lambda officer: self._found(number, officer))

    def _found(self, number: str, officer: OfficerRow) -> None:
        if self.add(officer) and self.number.text().strip() == number:
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
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._add_all(dialog.chosen()))
        dialog.open()

    def _add_all(self, officers: list[OfficerRow]) -> None:
        for officer in officers:
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
