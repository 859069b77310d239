"""Handing a device out and taking it back, at the custodian's desk.

Built for a barcode scanner: the custodian scans the device's serial, then the officer's
certificate; each scan is looked up at once and the answer shown beside it, so a refusal
(device not in store, officer not certified) is seen before anyone signs.
"""
from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QDateTimeEdit, QDialog,
                               QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QRadioButton, QVBoxLayout, QWidget)

from core.errors import DomainError
from desktop.session import UiSession
from desktop.widgets.scan_field import ScanField
from desktop.widgets.signature_pad import SignaturePad
from devices.custody import PreUseCheck, checkin, checkout, default_due_at
from devices.registry import DeviceRow, get_device
from devices.status import status_label
from organisation.officers import OfficerRow, officer_by_certificate

OK_STYLE, WARN_STYLE = "color: #1b5e20;", "color: #b00020;"


def to_qdatetime(instant: datetime, session: UiSession) -> QDateTime:
    """The bureau's wall-clock time of an instant, whatever zone the machine is set to.

    The editor holds it as a plain UTC-spec value so the machine's own daylight-saving
    rules can never shift or reject a Beijing time."""
    local = session.ctx.clock.local(instant)
    return QDateTime(QDate(local.year, local.month, local.day),
                     QTime(local.hour, local.minute, local.second), QTimeZone.utc())


def from_qdatetime(value: QDateTime, session: UiSession) -> datetime:
    date, time = value.date(), value.time()
    wall = datetime(date.year(), date.month(), date.day(), time.hour(), time.minute(),
                    time.second(), tzinfo=session.ctx.clock.zone)
    return wall.astimezone(timezone.utc)


class _CustodyDialog(QDialog):
    """What checkout and check-in share: the serial scan, a signature, an error line."""

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.device: DeviceRow | None = None
        self.serial = ScanField()
        self.serial.setObjectName("scanSerial")
        self.serial.setPlaceholderText(self.tr("Scan or type the device serial, then Enter"))
        self.serial.scanned.connect(self._device_scanned)
        self.device_info = QLabel()
        self.device_info.setObjectName("deviceInfo")
        self.device_info.setWordWrap(True)
        self.signature = SignaturePad()
        self.signature.setObjectName("signature")
        clear = QPushButton(self.tr("Clear signature"))
        clear.setAutoDefault(False)
        clear.clicked.connect(self.signature.clear)
        self.signature_box = QGroupBox(self.tr("Officer's signature"))
        box = QVBoxLayout(self.signature_box)
        box.addWidget(self.signature)
        box.addWidget(clear)
        self.error = QLabel()
        self.error.setObjectName("custodyError")
        self.error.setStyleSheet(WARN_STYLE)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        for button in self.buttons.buttons():
            button.setAutoDefault(False)  # Enter belongs to the scanner, not to OK
            button.setDefault(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.result_row = None
        self.setMinimumWidth(520)

    def _device_scanned(self, serial: str) -> None:
        try:
            self.device = get_device(self.session.ctx, serial)
        except DomainError as error:
            self.device = None
            self._show(self.device_info, self.session.message(error), ok=False)
            self.serial.selectAll()
            return
        self._show(self.device_info, self._describe(self.device), ok=self._device_ready())
        self._after_device()

    def _describe(self, device: DeviceRow) -> str:
        lang = self.session.language
        kind = device.type_name_en if lang == "en" else device.type_name_zh
        text = f"{kind} {device.serial}"
        if device.model:
            text += f"（{device.model}）"
        return f"{text} · {status_label(device.status, lang)}"

    def _device_ready(self) -> bool:
        return True

    def _after_device(self) -> None:
        self.signature.setFocus()

    @staticmethod
    def _show(label: QLabel, text: str, *, ok: bool) -> None:
        label.setText(text)
        label.setStyleSheet(OK_STYLE if ok else WARN_STYLE)

    def _signature_png(self) -> bytes | None:
        if self.signature.is_empty():
            self.error.setText(self.tr("The officer has not signed on the pad yet."))
            return None
        return self.signature.png_bytes()

    def submit(self) -> None:
        raise NotImplementedError


class CheckoutDialog(_CustodyDialog):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setWindowTitle(self.tr("Check a device out"))
        self.officer: OfficerRow | None = None
        self.officer_field = ScanField()
        self.officer_field.setObjectName("scanOfficer")
        self.officer_field.setPlaceholderText(self.tr("Scan or type the certificate number"))
        self.officer_field.scanned.connect(self._officer_scanned)
        self.officer_info = QLabel()
        self.officer_info.setObjectName("officerInfo")
        self.checks = {
            "battery_ok": QCheckBox(self.tr("Battery charged")),
            "storage_ok": QCheckBox(self.tr("Storage has room")),
            "clock_ok": QCheckBox(self.tr("Clock correct")),
            "undamaged": QCheckBox(self.tr("Undamaged")),
        }
        checks = QGroupBox(self.tr("Check before use"))
        row = QHBoxLayout(checks)
        for name, box in self.checks.items():
            box.setObjectName(f"check_{name}")
            box.setChecked(True)
            row.addWidget(box)
        self.due = QDateTimeEdit(to_qdatetime(default_due_at(session.ctx), session))
        self.due.setObjectName("dueAt")
        self.due.setTimeZone(QTimeZone.utc())
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.notes = QLineEdit()
        self.notes.setObjectName("checkoutNotes")
        form = QFormLayout()
        form.addRow(self.tr("Device"), self.serial)
        form.addRow("", self.device_info)
        form.addRow(self.tr("Officer"), self.officer_field)
        form.addRow("", self.officer_info)
        form.addRow(self.tr("Due back"), self.due)
        form.addRow(self.tr("Notes"), self.notes)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Check out"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(checks)
        layout.addWidget(self.signature_box)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.serial.setFocus()

    def _device_ready(self) -> bool:
        return self.device is not None and self.device.status == "in_store"

    def _after_device(self) -> None:
        self.officer_field.setFocus()

    def _officer_scanned(self, number: str) -> None:
        try:
            self.officer = officer_by_certificate(self.session.ctx, number)
        except DomainError as error:
            self.officer = None
            self._show(self.officer_info, self.session.message(error), ok=False)
            self.officer_field.selectAll()
            return
        verdict = self.officer.certification
        self._show(self.officer_info,
                   f"{self.officer.name}（{self.officer.unit_name}）· "
                   f"{verdict.message(self.session.language)}", ok=verdict.certified)
        self.signature.setFocus()

    def submit(self) -> None:
        serial = self.serial.text().strip()
        number = self.officer_field.text().strip()
        if not serial or not number:
            self.error.setText(self.tr("Scan the device and the officer's certificate first."))
            return
        png = self._signature_png()
        if png is None:
            return
        checks = PreUseCheck(**{name: box.isChecked() for name, box in self.checks.items()})
        try:
            self.result_row = checkout(
                self.session.ctx, serial, number, checks=checks, signature_png=png,
                due_at=from_qdatetime(self.due.dateTime(), self.session),
                notes=self.notes.text().strip() or None)
        except DomainError as error:
            self.error.setText(self.session.message(error))
            return
        self.accept()


class CheckinDialog(_CustodyDialog):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setWindowTitle(self.tr("Check a device in"))
        self.good = QRadioButton(self.tr("Good"))
        self.good.setObjectName("conditionGood")
        self.good.setChecked(True)
        self.damaged = QRadioButton(self.tr("Damaged (goes to repair)"))
        self.damaged.setObjectName("conditionDamaged")
        group = QButtonGroup(self)
        group.addButton(self.good)
        group.addButton(self.damaged)
        condition = QWidget()
        row = QHBoxLayout(condition)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.good)
        row.addWidget(self.damaged)
        row.addStretch(1)
        self.notes = QLineEdit()
        self.notes.setObjectName("checkinNotes")
        form = QFormLayout()
        form.addRow(self.tr("Device"), self.serial)
        form.addRow("", self.device_info)
        form.addRow(self.tr("Condition"), condition)
        form.addRow(self.tr("Notes"), self.notes)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Check in"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.signature_box)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.serial.setFocus()

    def _device_ready(self) -> bool:
        return self.device is not None and self.device.status == "checked_out"

    def _describe(self, device: DeviceRow) -> str:
        text = super()._describe(device)
        if device.holder_name:
            text += " · " + self.tr("held by %1 (%2)").replace("%1", device.holder_name) \
                .replace("%2", device.holder_certificate or "")
        return text

    def submit(self) -> None:
        serial = self.serial.text().strip()
        if not serial:
            self.error.setText(self.tr("Scan the device first."))
            return
        png = self._signature_png()
        if png is None:
            return
        try:
            self.result_row = checkin(
                self.session.ctx, serial, condition="damaged" if self.damaged.isChecked()
                else "good", notes=self.notes.text().strip() or None, signature_png=png)
        except DomainError as error:
            self.error.setText(self.session.message(error))
            return
        self.accept()
