"""Officers with their certificates: the 人员资格清单, at any size."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (QComboBox, QDateEdit, QFormLayout, QGroupBox, QLineEdit, QMenu,
                               QPushButton, QVBoxLayout, QWidget)

from core.permissions import Permission
from core.context import Context
from desktop.changes import Changes
from desktop.labels import certificate_status_label, certification_short_label
from desktop.models.columns import Column
from desktop.palette import EXPIRING, OK, WARN
from desktop.session import UiSession
from desktop.widgets.enabled import set_enabled
from desktop.widgets.feedback import Feedback
from desktop.widgets.form_dialog import FormDialog
from desktop.widgets.search_table import SearchableTable
from organisation.officers import (
    CertificateInput,
    OfficerFilter,
    OfficerRow,
    add_officer,
    count_officers,
    officer_page,
    renew_certificate,
    set_certificate_status,
    update_officer,
)
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


class OfficerDialog(FormDialog):
    """A new officer with a first certificate, or an officer's own details."""

    def __init__(self, session: UiSession, units: list[UnitInfo],
                 officer: OfficerRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.officer = officer
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
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
        self.certificate = None if officer else CertificateForm(session.ctx.clock.today())
        if self.certificate:
            layout.addWidget(self.certificate)
        self.finish(layout)
        self.setMinimumWidth(420)

    def save_call(self) -> Callable[[], OfficerRow]:
        ctx, name, unit = self.session.ctx, self.name.text(), self.unit.currentData() or ""
        post, phone = self.post.text(), self.phone.text()
        if self.officer is None:
            certificate = self.certificate.value()
            return lambda: add_officer(ctx, name, unit, certificate, post=post or None,
                                       phone=phone or None)
        officer_id = self.officer.id
        return lambda: update_officer(ctx, officer_id, name=name, unit=unit, post=post,
                                      phone=phone)


class RenewDialog(FormDialog):
    def __init__(self, session: UiSession, officer: OfficerRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.officer = officer
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Issue a new certificate to %1").replace("%1", officer.name))
        self.certificate = CertificateForm(session.ctx.clock.today())
        layout = QVBoxLayout(self)
        layout.addWidget(self.certificate)
        self.finish(layout)

    def save_call(self) -> Callable[[], OfficerRow]:
        ctx, officer_id, certificate = self.session.ctx, self.officer.id, self.certificate.value()
        return lambda: renew_certificate(ctx, officer_id, certificate)


class StatusReasonDialog(FormDialog):
    """Suspending or revoking a certificate, with the reason on record."""

    def __init__(self, session: UiSession, number: str, status: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.number, self.status = number, status
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        title = (self.tr("Revoke certificate %1") if status == "revoked"
                 else self.tr("Suspend certificate %1"))
        self.setWindowTitle(title.replace("%1", number))
        self.reason = QLineEdit()
        self.reason.setObjectName("statusReason")
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.finish(layout)
        self.setMinimumWidth(360)

    def save_call(self) -> Callable[[], OfficerRow]:
        ctx, number, status = self.session.ctx, self.number, self.status
        reason = self.reason.text().strip() or None
        return lambda: set_certificate_status(ctx, number, status, reason)


def _status_text(row: OfficerRow) -> str:
    """The certificate's status as the verdict sees it (organisation.officers)."""
    code = row.status_text_code
    if code in ("active", "suspended", "revoked"):
        return certificate_status_label(code)
    return certification_short_label(code)


def _certificate_colour(row: OfficerRow):  # noqa: ANN202 - a QColor
    """Red: may not enforce; amber: may, but the certificate runs out soon; green: fine."""
    if not row.certification.certified:
        return WARN
    return EXPIRING if row.expiring else OK


def _attention_colour(row: OfficerRow):  # noqa: ANN202 - a QColor or None
    colour = _certificate_colour(row)
    return None if colour is OK else colour


class OfficersPage(SearchableTable[OfficerRow]):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        lang = session.language
        super().__init__(session, self._source, [
            Column(lambda: self.tr("Name"), lambda r: r.name, "name"),
            Column(lambda: self.tr("Unit"), lambda r: r.unit_name, "unit"),
            Column(lambda: self.tr("Certificate number"), lambda r: r.certificate_number,
                   "certificate"),
            Column(lambda: self.tr("Category"), lambda r: r.category),
            Column(lambda: self.tr("Valid until"), lambda r: r.valid_until, "valid_until",
                   foreground=_attention_colour),
            Column(lambda: self.tr("Status"), lambda r: _status_text(r), "status",
                   foreground=_attention_colour),
            Column(lambda: self.tr("Certified enforcement"), lambda r: self._verdict(r),
                   foreground=_certificate_colour,
                   tooltip=lambda r: r.certification.message(lang)),
        ], sort="name", name="officer", parent=parent,
            # Not self.tr: the widget is not made yet.
            placeholder=QCoreApplication.translate("OfficersPage",
                                                   "Search name or certificate number"),
            count_text=QCoreApplication.translate("OfficersPage", "Officers: %1"))
        self.unit_filter = QComboBox()
        self.unit_filter.setObjectName("officerUnitFilter")
        self.unit_filter.addItem(self.tr("All units"), None)
        self.tools.addWidget(self.unit_filter, 1)
        self.add_count()
        self.tools.addStretch(1)
        self.feedback = Feedback()
        self.feedback.setObjectName("officersFeedback")
        self.layout().insertWidget(1, self.feedback)
        editable = session.can(Permission.MANAGE_OFFICERS)
        self.add_officer_button = self.add_button(self.tr("New officer…"), "addOfficer",
                                                  self.add, editable)
        self.edit_officer_button = self.add_button(self.tr("Edit…"), "editOfficer", self.edit,
                                                   editable)
        self.add_button(self.tr("New certificate…"), "renewCertificate", self.renew, editable)
        self.status_button = QPushButton(self.tr("Certificate status"))
        self.status_button.setObjectName("certificateStatus")
        set_enabled(self.status_button, editable)
        menu = QMenu(self.status_button)
        for code, text in (("suspended", self.tr("Suspend…")), ("revoked", self.tr("Revoke…")),
                           ("active", self.tr("Reinstate"))):
            menu.addAction(text, lambda c=code: self.set_status(c))
        self.status_button.setMenu(menu)
        self.tools.addWidget(self.status_button)
        self.table.doubleClicked.connect(lambda _: editable and self.edit())
        self.add_export(session, self.model, self.tr("Officers"))
        self.set_empty_state(self.tr("No officers to show. Add one with “New officer…”; if a "
                                     "search or unit is chosen, clear it."), self.loaded)
        for column, width in enumerate((110, 150, 130, 120, 100, 80)):
            self.table.setColumnWidth(column, width)
        self.watch(self.unit_filter.currentIndexChanged)
        session.subscribe(self, {"officer", "certificate", "unit"}, self._changed)
        self.load_units()
        self.refresh()

    def _verdict(self, row: OfficerRow) -> str:
        text = certification_short_label(row.certification.reason.value)
        if row.expiring:
            return self.tr("%1, expires in %2 days").replace("%1", text).replace(
                "%2", str(row.expires_in))
        return text

    def _source(self, text: str) -> OfficerSource:
        return OfficerSource(self.session.ctx, OfficerFilter(text, self.unit_filter.currentData()))

    def _changed(self, changes: Changes) -> None:
        if changes.touches({"unit"}):
            self.load_units()
        self.reload()

    # ----------------------------------------------------------------- units
    def _with_units(self, then: Callable[[list[UnitInfo]], None],
                    busy: QWidget | None = None) -> None:
        """``busy``: the button that asked (it clears the line); else a refresh, silent."""
        ctx = self.session.ctx
        self.session.run(self, lambda: list_units(ctx), where=self.feedback if busy else None,
                         busy=busy, on_done=then)

    def load_units(self) -> None:
        self._with_units(self._show_units)

    def _show_units(self, units: list[UnitInfo]) -> None:
        current = self.unit_filter.currentData()
        self.unit_filter.blockSignals(True)
        self.unit_filter.clear()
        self.unit_filter.addItem(self.tr("All units"), None)
        for unit in units:
            self.unit_filter.addItem(unit.name, unit.id)
        self.unit_filter.setCurrentIndex(max(0, self.unit_filter.findData(current)))
        self.unit_filter.blockSignals(False)

    # --------------------------------------------------------------- actions
    def add(self) -> None:
        self._with_units(lambda units: OfficerDialog(self.session, units, None, self).open(),
                         busy=self.add_officer_button)

    def edit(self) -> None:
        officer = self.selected()
        if officer is not None:
            self._with_units(
                lambda units: OfficerDialog(self.session, units, officer, self).open(),
                busy=self.edit_officer_button)

    def renew(self) -> None:
        officer = self.selected()
        if officer is not None:
            RenewDialog(self.session, officer, self).open()

    def set_status(self, status: str) -> None:
        officer = self.selected()
        if officer is None or officer.certificate_number is None:
            return
        number = officer.certificate_number
        if status != "active":
            StatusReasonDialog(self.session, number, status, self).open()
            return
        ctx = self.session.ctx
        self.session.run(self, lambda: set_certificate_status(ctx, number, status, None),
                         writes=True, where=self.feedback, busy=self.status_button)
