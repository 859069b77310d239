"""Registering a device or correcting its details."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QFormLayout, QLineEdit, QWidget

from desktop.session import UiSession
from desktop.widgets.enabled import set_enabled
from desktop.widgets.form_dialog import FormDialog
from devices.registry import DeviceRow, add_device, update_device
from devices.types import DeviceTypeRow
from organisation.units import UnitInfo


class DeviceDialog(FormDialog):
    """``types`` and ``units`` are loaded by the caller before it opens the dialog."""

    def __init__(self, session: UiSession, types: list[DeviceTypeRow], units: list[UnitInfo],
                 device: DeviceRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.device = device
        self.setWindowTitle(self.tr("Edit device") if device else self.tr("Register a device"))
        self.serial = QLineEdit(device.serial if device else "")
        self.serial.setObjectName("deviceSerial")
        self.serial.setReadOnly(device is not None)  # the serial is the device's identity
        self.type = QComboBox()
        self.type.setObjectName("deviceType")
        for kind in types:
            self.type.addItem(kind.name(session.language), kind.code)
        self.unit = QComboBox()
        self.unit.setObjectName("deviceUnit")
        for unit in units:
            self.unit.addItem(unit.name, unit.short_name)
        self.model = QLineEdit(device.model or "" if device else "")
        self.model.setObjectName("deviceModel")
        self.vendor = QLineEdit(device.vendor or "" if device else "")
        self.vendor.setObjectName("deviceVendor")
        self.has_purchase_date = QCheckBox(self.tr("Known"))
        today = session.ctx.clock.today()   # the bureau's date, not the machine's
        self.purchase_date = QDateEdit(QDate(today.year, today.month, today.day))
        self.purchase_date.setObjectName("devicePurchaseDate")
        self.purchase_date.setCalendarPopup(True)
        self.purchase_date.setDisplayFormat("yyyy-MM-dd")
        self.has_purchase_date.toggled.connect(self.purchase_date.setEnabled)
        self.notes = QLineEdit(device.notes or "" if device else "")
        self.notes.setObjectName("deviceNotes")
        if device:
            self.type.setCurrentIndex(max(0, self.type.findData(device.type_code)))
            self.unit.setCurrentIndex(max(0, self.unit.findData(device.unit_short_name)))
            if device.purchase_date:
                self.purchase_date.setDate(QDate(device.purchase_date.year,
                                                 device.purchase_date.month,
                                                 device.purchase_date.day))
        self.has_purchase_date.setChecked(bool(device and device.purchase_date))
        set_enabled(self.purchase_date, self.has_purchase_date.isChecked())
        form = QFormLayout(self)
        form.addRow(self.tr("Serial"), self.serial)
        form.addRow(self.tr("Type"), self.type)
        form.addRow(self.tr("Unit"), self.unit)
        form.addRow(self.tr("Model"), self.model)
        form.addRow(self.tr("Vendor"), self.vendor)
        form.addRow(self.tr("Purchase date"), self.purchase_date)
        form.addRow("", self.has_purchase_date)
        form.addRow(self.tr("Notes"), self.notes)
        form.addRow(self.feedback)
        form.addRow(self.buttons)
        self.setMinimumWidth(400)

    def value(self) -> dict:
        return {
            "type_code": self.type.currentData() or "",
            "unit": self.unit.currentData() or "",
            "model": self.model.text().strip() or None,
            "vendor": self.vendor.text().strip() or None,
            "purchase_date": self.purchase_date.date().toPython()
            if self.has_purchase_date.isChecked() else None,
            "notes": self.notes.text().strip() or None,
        }

    def save_call(self) -> Callable[[], DeviceRow]:
        ctx, fields = self.session.ctx, self.value()
        if self.device is not None:
            serial = self.device.serial
            return lambda: update_device(ctx, serial, **fields)
        serial = self.serial.text()
        kind, unit = fields.pop("type_code"), fields.pop("unit")
        return lambda: add_device(ctx, serial, kind, unit, **fields)
