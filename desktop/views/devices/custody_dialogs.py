"""Handing a device out and taking it back, at the custodian's desk.

Built for a barcode scanner: the custodian scans the device's serial, then the officer's
certificate; each scan is looked up at once (off the UI thread) and the answer shown beside
it, so a refusal (device not in store, officer not certified) is seen before anyone signs.
OK saves as an operation: a refusal shows in the dialog's feedback line, the dialog stays
open with the signature still on the pad.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from core.errors import DomainError
from desktop.palette import OK_STYLE, WARN_STYLE
from desktop.session import UiSession
from desktop.latest_read import LatestRead
from desktop.widgets.form_dialog import FormDialog
from desktop.widgets.scan_field import ScanField
from desktop.widgets.signature_pad import SignaturePad
from devices.custody import CustodyRow, PreUseCheck, checkin, checkout, default_due_at
from devices.registry import DeviceRow, get_device
from devices.status import status_label
from organisation.officers import OfficerRow, officer_by_certificate


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


def show(label: QLabel, text: str, *, ok: bool) -> None:
    label.setText(text)
    label.setStyleSheet(OK_STYLE if ok else WARN_STYLE)


def refused_at(field: ScanField, info: QLabel, language: str) -> Callable[[DomainError], None]:
    """A scan the service refused: say why beside it, ready for the next scan."""
    def show_refusal(error: DomainError) -> None:
        show(info, error.message(language), ok=False)
        field.selectAll()
        field.setFocus()
    return show_refusal


class _CustodyDialog(FormDialog):
    """What checkout and check-in share: the serial scan and the signature."""

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.device: DeviceRow | None = None
        self.serial = ScanField()
        self.serial.setObjectName("scanSerial")
        self.serial.setPlaceholderText(self.tr("Scan or type the device serial, then Enter"))
        self.serial.scanned.connect(self._device_scanned)
        self.device_info = QLabel()
        self.device_info.setObjectName("deviceInfo")
        self.device_info.setWordWrap(True)
        # Only the answer to the latest scan counts: a second scan may overtake the first.
        self._device_lookup = LatestRead(session, self)
        self.signature = SignaturePad()
        self.signature.setObjectName("signature")
        clear = QPushButton(self.tr("Clear signature"))
        clear.setAutoDefault(False)
        clear.clicked.connect(self.signature.clear)
        self.signature_box = QGroupBox(self.tr("Officer's signature"))
        box = QVBoxLayout(self.signature_box)
        box.addWidget(self.signature)
        box.addWidget(clear)
        for button in self.buttons.buttons():
            button.setAutoDefault(False)  # Enter belongs to the scanner, not to OK
            button.setDefault(False)
        self.buttons.button(self.buttons.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.setMinimumWidth(520)

    def preset(self, serial: str) -> None:
        """Start with a device (the one selected in the register), as if it was scanned."""
        self.serial.setText(serial)
        self._device_scanned(serial)

    def _device_scanned(self, serial: str) -> None:
        self.device = None
        self.device_info.clear()
        ctx = self.session.ctx
        self._device_lookup.start(lambda: get_device(ctx, serial), self._device_found,
                                  on_refused=refused_at(self.serial, self.device_info,
                                                        self.session.language))

    def _device_found(self, device: DeviceRow) -> None:
        self.device = device
        show(self.device_info, self._describe(device), ok=self._device_ready())
        self._after_device()

    def _describe(self, device: DeviceRow) -> str:
        lang = self.session.language
        text = f"{device.type_name(lang)} {device.serial}"
        if device.model:
            text += f"（{device.model}）"
        return f"{text} · {status_label(device.status, lang)}"

    def _device_ready(self) -> bool:
        return True

    def _after_device(self) -> None:
        self.signature.setFocus()

    def _signature_png(self) -> bytes | None:
        if self.signature.is_empty():
            self.feedback.error(self.tr("The officer has not signed on the pad yet."))
            return None
        return self.signature.png_bytes()


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
        self.officer_info.setWordWrap(True)
        self._officer_lookup = LatestRead(session, self)
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
        self.ok_button.setText(self.tr("Check out"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(checks)
        layout.addWidget(self.signature_box)
        self.finish(layout)
        self.serial.setFocus()

    def _device_ready(self) -> bool:
        return self.device is not None and self.device.status == "in_store"

    def _after_device(self) -> None:
        self.officer_field.setFocus()

    def _officer_scanned(self, number: str) -> None:
        self.officer = None
        self.officer_info.clear()
        ctx = self.session.ctx
        self._officer_lookup.start(lambda: officer_by_certificate(ctx, number),
                                   self._officer_found,
                                   on_refused=refused_at(self.officer_field, self.officer_info,
                                                         self.session.language))

    def _officer_found(self, officer: OfficerRow) -> None:
        self.officer = officer
        verdict = officer.certification
        show(self.officer_info, f"{officer.name}（{officer.unit_name}）· "
                                f"{verdict.message(self.session.language)}", ok=verdict.certified)
        self.signature.setFocus()

    def save_call(self) -> Callable[[], CustodyRow] | None:
        serial = self.serial.text().strip()
        number = self.officer_field.text().strip()
        if not serial or not number:
            self.feedback.error(self.tr("Scan the device and the officer's certificate first."))
            return None
        png = self._signature_png()
        if png is None:
            return None
        ctx = self.session.ctx
        checks = PreUseCheck(**{name: box.isChecked() for name, box in self.checks.items()})
        due_at = from_qdatetime(self.due.dateTime(), self.session)
        notes = self.notes.text().strip() or None
        return lambda: checkout(ctx, serial, number, checks=checks, signature_png=png,
                                due_at=due_at, notes=notes)


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
        self.ok_button.setText(self.tr("Check in"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.signature_box)
        self.finish(layout)
        self.serial.setFocus()

    def _device_ready(self) -> bool:
        return self.device is not None and self.device.status == "checked_out"

    def _describe(self, device: DeviceRow) -> str:
        text = super()._describe(device)
        if device.holder_name:
            text += " · " + self.tr("held by %1 (%2)").replace("%1", device.holder_name) \
                .replace("%2", device.holder_certificate or "")
        return text

    def save_call(self) -> Callable[[], CustodyRow] | None:
        serial = self.serial.text().strip()
        if not serial:
            self.feedback.error(self.tr("Scan the device first."))
            return None
        png = self._signature_png()
        if png is None:
            return None
        ctx = self.session.ctx
        condition = "damaged" if self.damaged.isChecked() else "good"
        notes = self.notes.text().strip() or None
        return lambda: checkin(ctx, serial, condition=condition, notes=notes, signature_png=png)
