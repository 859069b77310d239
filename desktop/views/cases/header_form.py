"""The case's own fields: type, procedure, unit, cause, where and when; in the editor also
facts, legal basis, penalty and the fine. Shared by the new-case dialog and the editor.

The type and unit lists come from the database, so they are read off the UI thread
(``header_choices`` in a read operation) and handed to the form with ``set_choices``."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QFormLayout, QHBoxLayout, QLineEdit,
                               QPlainTextEdit, QWidget)

from casework.cases import CaseDetail
from casework.procedures import procedures
from casework.types import CaseTypeRow, list_case_types
from core.context import Context
from desktop.session import UiSession
from desktop.widgets.enabled import set_enabled
from organisation.units import UnitInfo, list_units


@dataclass(frozen=True)
class HeaderChoices:
    """What a case's type and unit are chosen from (retired types too: old cases keep
    theirs)."""

    types: tuple[CaseTypeRow, ...] = ()
    units: tuple[UnitInfo, ...] = ()


def header_choices(ctx: Context) -> HeaderChoices:
    """Runs on a worker: the case types and the units."""
    return HeaderChoices(tuple(list_case_types(ctx, include_inactive=True)),
                         tuple(list_units(ctx)))


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _text(edit: QLineEdit | QPlainTextEdit) -> str | None:
    value = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
    return value.strip() or None


def _long(name: str, lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


class CaseHeaderForm(QWidget):
    def __init__(self, session: UiSession, *, full: bool,
                 choices: HeaderChoices | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.full = session, full
        self.choices = HeaderChoices()
        self.shown: CaseDetail | None = None
        self._chosen: set[str] = set()   # the lists the user chose from since the case came
        lang = session.language
        self.type = QComboBox()
        self.type.setObjectName("caseType")
        self.procedure = QComboBox()
        self.procedure.setObjectName("caseProcedure")
        for proc in procedures().values():
            self.procedure.addItem(proc.name(lang), proc.code)
        self.procedure.setCurrentIndex(max(0, self.procedure.findData("ordinary")))
        self.unit = QComboBox()
        self.unit.setObjectName("caseUnit")
        self.cause = QLineEdit()
        self.cause.setObjectName("caseCause")
        self.cause.setPlaceholderText(self.tr("e.g. selling food past its shelf life"))
        self.source = QLineEdit()
        self.source.setObjectName("caseSource")
        self.source.setPlaceholderText(self.tr("e.g. routine inspection, complaint, referral"))
        self.place = QLineEdit()
        self.place.setObjectName("casePlace")
        self.occurred_known = QCheckBox()
        self.occurred_known.setObjectName("caseOccurredKnown")
        self.occurred_on = QDateEdit(qdate(session.ctx.clock.today()))
        self.occurred_on.setObjectName("caseOccurredOn")
        self.occurred_on.setCalendarPopup(True)
        self.occurred_on.setDisplayFormat("yyyy-MM-dd")
        set_enabled(self.occurred_on, False)
        self.occurred_known.toggled.connect(self.occurred_on.setEnabled)
        day = QHBoxLayout()
        day.setContentsMargins(0, 0, 0, 0)
        day.addWidget(self.occurred_known)
        day.addWidget(self.occurred_on)
        day.addStretch(1)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Case type"), self.type)
        form.addRow(self.tr("Procedure"), self.procedure)
        form.addRow(self.tr("Handling unit"), self.unit)
        form.addRow(self.tr("Cause *"), self.cause)
        form.addRow(self.tr("Source"), self.source)
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.tr("Found on"), day)
        if full:
            self.facts = _long("caseFacts", 5)
            self.legal_basis = _long("caseLegalBasis", 2)
            self.penalty = _long("casePenalty", 3)
            self.amount = QLineEdit()
            self.amount.setObjectName("casePenaltyAmount")
            self.amount.setPlaceholderText(self.tr("in yuan, e.g. 50000.00"))
            self.amount.setMaximumWidth(220)
            form.addRow(self.tr("Facts"), self.facts)
            form.addRow(self.tr("Legal basis"), self.legal_basis)
            form.addRow(self.tr("Penalty"), self.penalty)
            form.addRow(self.tr("Fine (yuan)"), self.amount)
        self.type.activated.connect(lambda _: self._chosen.add("type"))
        self.unit.activated.connect(lambda _: self._chosen.add("unit"))
        if choices is not None:
            self.set_choices(choices)

    def set_choices(self, choices: HeaderChoices) -> None:
        """Fill the type and unit lists, keeping what the user chose, else the shown
        case's own (which a change elsewhere may have just renamed)."""
        self.choices = choices
        row = self.shown.row if self.shown is not None else None
        kept_type = (self.type.currentData() if row is None or "type" in self._chosen
                     else row.type_code)
        kept_unit = (self.unit.currentData() if row is None or "unit" in self._chosen
                     else row.unit_short_name)
        lang = self.session.language
        self.type.clear()
        for kind in choices.types:
            if kind.active:
                self.type.addItem(kind.name(lang), kind.code)
        self.unit.clear()
        for unit in choices.units:
            self.unit.addItem(f"{unit.name}（{unit.short_name}）", unit.short_name)
        self._choose_type(kept_type)
        if kept_unit is not None:
            self.unit.setCurrentIndex(max(0, self.unit.findData(kept_unit)))

    def _choose_type(self, code: str | None) -> None:
        if code is None:
            return
        if self.type.findData(code) < 0:  # a type since retired: still shown for its cases
            retired = next((k for k in self.choices.types if k.code == code), None)
            if retired is not None:
                self.type.addItem(retired.name(self.session.language), code)
            elif self.shown is not None and self.shown.row.type_code == code:
                self.type.addItem(self.shown.row.type_name(self.session.language), code)
        self.type.setCurrentIndex(self.type.findData(code))

    def show_case(self, detail: CaseDetail) -> None:
        self.shown = detail
        self._chosen.clear()
        row = detail.row
        self._choose_type(row.type_code)
        self.procedure.setCurrentIndex(max(0, self.procedure.findData(row.procedure)))
        if self.unit.count():
            self.unit.setCurrentIndex(max(0, self.unit.findData(row.unit_short_name)))
        self.cause.setText(row.cause)
        self.source.setText(detail.source or "")
        self.place.setText(detail.place or "")
        self.occurred_known.setChecked(detail.occurred_on is not None)
        if detail.occurred_on:
            self.occurred_on.setDate(qdate(detail.occurred_on))
        if self.full:
            self.facts.setPlainText(detail.facts or "")
            self.legal_basis.setPlainText(detail.legal_basis or "")
            self.penalty.setPlainText(detail.penalty or "")
            amount = detail.penalty_amount
            self.amount.setText("" if amount is None else f"{amount:.2f}")

    def problem(self) -> str | None:
        """What must be filled before the services are asked; None when nothing."""
        if not self.cause.text().strip():
            return self.tr("Enter the cause of the case (案由).")
        if self.unit.count() == 0:
            return self.tr("There is no unit yet: an administrator adds units first.")
        return None

    def values(self) -> dict:
        """The fields as CaseInput takes them, but the fine: see ``amount_text``."""
        values = {
            "type": self.type.currentData() or "", "procedure": self.procedure.currentData(),
            "unit": self.unit.currentData() or "", "cause": self.cause.text().strip(),
            "source": _text(self.source), "place": _text(self.place),
            "occurred_on": self.occurred_on.date().toPython()
            if self.occurred_known.isChecked() else None,
        }
        if self.full:
            values.update(facts=_text(self.facts), legal_basis=_text(self.legal_basis),
                          penalty=_text(self.penalty))
        return values

    def amount_text(self) -> str | None:
        """The fine as typed. The save parses it (casework.inputs.parse_amount) in its
        operation, so a bad amount is refused like any other value."""
        return (self.amount.text().strip() or None) if self.full else None

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.type, self.procedure, self.unit, self.occurred_known):
            set_enabled(widget, not read_only)
        set_enabled(self.occurred_on, not read_only and self.occurred_known.isChecked())
        edits = [self.cause, self.source, self.place]
        if self.full:
            edits += [self.facts, self.legal_basis, self.penalty, self.amount]
        for edit in edits:
            edit.setReadOnly(read_only)
