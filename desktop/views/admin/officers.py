"""Officers with their certificates: the 人员资格清单, at any size."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
                               QGroupBox, QInputDialog, QLabel, QLineEdit, QMenu, QPushButton,
                               QVBoxLayout, QWidget)

from accounts.permissions import Permission
from core.context import Context
from desktop.labels import certificate_status_label, certification_short_label
from desktop.models.columns import Column
from desktop.models.paged import PagedTableModel
from desktop.session import UiSession
from desktop.views.admin.table_page import TablePage
from organisation.officers import (CertificateInput, OfficerFilter, OfficerRow, add_officer,
                                   count_officers, officer_page, renew_certificate,
                                   set_certificate_status, update_officer)
from organisation.units import UnitInfo, list_units


@dataclass(frozen=True)
class OfficerSource:
    ctx: Context
    flt: OfficerFilter

    def count(self) -> int:
        return count_officers(self.ctx, self.flt)

    def page(self, offset: int, limit: int, sort: str, descending: bool) -> list[OfficerRow]:
        return officer_page(self.ctx, self.flt, sort=sort, descending=descending,
                            offset=offset, limit=limit)


def _qdate(value) -> QDate:  # noqa: ANN001
    return QDate(value.year, value.month, value.day)


def _pydate(edit: QDateEdit):  # noqa: ANN202
    return edit.date().toPython()


class CertificateForm(QGroupBox):
    def __init__(self, today, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(self.tr("Enforcement certificate"), parent)
        self.number = QLineEdit()
        self.number.setObjectName("certNumber")
        self.category = QLineEdit()
        self.category.setObjectName("certCategory")
        self.area = QLineEdit()
        self.area.setObjectName("certArea")
        self.valid_from = QDateEdit(_qdate(today))
        self.valid_from.setObjectName("certValidFrom")
        self.valid_until = QDateEdit(_qdate(today).addYears(5))
        self.valid_until.setObjectName("certValidUntil")
        for edit in (self.valid_from, self.valid_until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        form = QFormLayout(self)
        form.addRow(self.tr("Certificate number"), self.number)
        form.addRow(self.tr("Enforcement category"), self.category)
        form.addRow(self.tr("Enforcement area"), self.area)
        form.addRow(self.tr("Valid from"), self.valid_from)
        form.addRow(self.tr("Valid until"), self.valid_until)

    def value(self) -> CertificateInput:
        return CertificateInput(number=self.number.text(), valid_until=_pydate(self.valid_until),
                                valid_from=_pydate(self.valid_from),
                                category=self.category.text(), area=self.area.text())


class OfficerDialog(QDialog):
    def __init__(self, units: list[UnitInfo], today, officer: OfficerRow | None = None,  # noqa: ANN001
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit officer") if officer else self.tr("New officer"))
        self.name = QLineEdit(officer.name if officer else "")
        self.name.setObjectName("officerName")
        self.unit = QComboBox()
        self.unit.setObjectName("officerUnit")
        for unit in units:
            self.unit.addItem(f"{unit.name}（{unit.short_name}）", unit.short_name)
        if officer:
            self.unit.setCurrentIndex(max(0, self.unit.findData(officer.unit_short_name)))
        self.post = QLineEdit(officer.post or "" if officer else "")
        self.post.setObjectName("officerPost")
        self.phone = QLineEdit(officer.phone or "" if officer else "")
        self.phone.setObjectName("officerPhone")
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Unit"), self.unit)
        form.addRow(self.tr("Post"), self.post)
        form.addRow(self.tr("Phone"), self.phone)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.certificate = None if officer else CertificateForm(today)
        if self.certificate:
            layout.addWidget(self.certificate)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)


class RenewDialog(QDialog):
    def __init__(self, officer: OfficerRow, today, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setWindowTitle(self.tr("Issue a new certificate to %1").replace("%1", officer.name))
        self.certificate = CertificateForm(today)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.certificate)
        layout.addWidget(buttons)


class OfficersPage(TablePage):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        lang = session.language
        warn, ok = QColor("#b00020"), QColor("#1b5e20")
        self.search = QLineEdit()
        self.search.setObjectName("officerSearch")
        self.search.setPlaceholderText(self.tr("Search name or certificate number"))
        self.search.setClearButtonEnabled(True)
        self.unit_filter = QComboBox()
        self.unit_filter.setObjectName("officerUnitFilter")
        self.count_label = QLabel()
        self.count_label.setObjectName("officerCount")
        self.tools.addWidget(self.search, 2)
        self.tools.addWidget(self.unit_filter, 1)
        self.tools.addWidget(self.count_label)
        self.tools.addStretch(1)
        editable = session.can(Permission.MANAGE_OFFICERS)
        self.add_button(self.tr("New officer…"), "addOfficer", self.add, editable)
        self.add_button(self.tr("Edit…"), "editOfficer", self.edit, editable)
        self.add_button(self.tr("New certificate…"), "renewCertificate", self.renew, editable)
        status = QPushButton(self.tr("Certificate status"))
        status.setObjectName("certificateStatus")
        status.setEnabled(editable)
        menu = QMenu(status)
        for code, text in (("suspended", self.tr("Suspend…")), ("revoked", self.tr("Revoke…")),
                           ("active", self.tr("Reinstate"))):
            menu.addAction(text, lambda c=code: self.set_status(c))
        status.setMenu(menu)
        self.tools.addWidget(status)
        self.model: PagedTableModel[OfficerRow] = PagedTableModel(self._source(), [
            Column(lambda: self.tr("Name"), lambda r: r.name, "name"),
            Column(lambda: self.tr("Unit"), lambda r: r.unit_name, "unit"),
            Column(lambda: self.tr("Certificate number"), lambda r: r.certificate_number,
                   "certificate"),
            Column(lambda: self.tr("Category"), lambda r: r.category),
            Column(lambda: self.tr("Valid until"), lambda r: r.valid_until, "valid_until"),
            Column(lambda: self.tr("Status"),
                   lambda r: certificate_status_label(r.certificate_status), "status"),
            Column(lambda: self.tr("Certified enforcement"),
                   lambda r: certification_short_label(r.certification.reason.value),
                   foreground=lambda r: ok if r.certification.certified else warn,
                   tooltip=lambda r: r.certification.message(lang)),
        ], sort="name", parent=self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _: editable and self.edit())
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _: self._debounce.start())
        self.unit_filter.currentIndexChanged.connect(lambda _: self.apply_filter())
        self.refresh_units()
        self._update_count()
        for column, width in enumerate((110, 150, 130, 120, 100, 80)):
            self.table.setColumnWidth(column, width)

    def _source(self) -> OfficerSource:
        unit_id = self.unit_filter.currentData() if hasattr(self, "unit_filter") else None
        return OfficerSource(self.session.ctx, OfficerFilter(self.search.text(), unit_id))

    def refresh_units(self) -> None:
        self._units = list_units(self.session.ctx)
        current = self.unit_filter.currentData()
        self.unit_filter.blockSignals(True)
        self.unit_filter.clear()
        self.unit_filter.addItem(self.tr("All units"), None)
        for unit in self._units:
            self.unit_filter.addItem(unit.name, unit.id)
        self.unit_filter.setCurrentIndex(max(0, self.unit_filter.findData(current)))
        self.unit_filter.blockSignals(False)

    def apply_filter(self) -> None:
        self.model.set_source(self._source())
        self._update_count()

    def refresh(self) -> None:
        self.refresh_units()
        self.model.reload()
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("Officers: %1").replace("%1", str(self.model.rowCount())))

    def _selected(self) -> OfficerRow | None:
        row = self.selected_row()
        return self.model.row(row) if row is not None else None

    def add(self) -> None:
        self.refresh_units()
        dialog = OfficerDialog(self._units, self.session.ctx.clock.today(), parent=self)
        while dialog.exec():
            if self.session.attempt(self, lambda: add_officer(
                    self.session.ctx, dialog.name.text(), dialog.unit.currentData() or "",
                    dialog.certificate.value(), post=dialog.post.text() or None,
                    phone=dialog.phone.text() or None)):
                self.refresh()
                return

    def edit(self) -> None:
        officer = self._selected()
        if officer is None:
            return
        dialog = OfficerDialog(self._units, self.session.ctx.clock.today(), officer, self)
        while dialog.exec():
            if self.session.attempt(self, lambda: update_officer(
                    self.session.ctx, officer.id, name=dialog.name.text(),
                    unit=dialog.unit.currentData() or "", post=dialog.post.text(),
                    phone=dialog.phone.text())):
                self.refresh()
                return

    def renew(self) -> None:
        officer = self._selected()
        if officer is None:
            return
        dialog = RenewDialog(officer, self.session.ctx.clock.today(), self)
        while dialog.exec():
            if self.session.attempt(self, lambda: renew_certificate(
                    self.session.ctx, officer.id, dialog.certificate.value())):
                self.refresh()
                return

    def set_status(self, status: str) -> None:
        officer = self._selected()
        if officer is None or officer.certificate_number is None:
            return
        reason = None
        if status != "active":
            reason, ok = QInputDialog.getText(self, self.tr("Certificate status"),
                                              self.tr("Reason"))
            if not ok:
                return
        if self.session.attempt(self, lambda: set_certificate_status(
                self.session.ctx, officer.certificate_number, status, reason or None)):
            self.refresh()
