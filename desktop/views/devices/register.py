"""The device register (设备台账): every device, its status and holder, its history."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QFileDialog, QInputDialog, QLabel, QLineEdit, QMenu,
                               QPushButton, QSplitter, QTableView, QWidget)

from accounts.permissions import Permission
from desktop.models.columns import Column
from desktop.models.listed import ListTableModel
from desktop.session import UiSession
from desktop.views.admin.table_page import TablePage
from desktop.views.devices.custody_dialogs import CheckinDialog, CheckoutDialog
from desktop.views.devices.device_dialog import DeviceDialog
from desktop.views.devices.pdf_export import DateRangeDialog, save_pdf_in_background
from devices.csv_import import import_devices
from devices.documents import use_register_pdf
from devices.registry import (DeviceEventRow, DeviceFilter, DeviceRow, add_device,
                              device_history, list_devices, set_device_status, update_device)
from devices.status import STATUSES, TRANSITIONS, event_label, status_label
from devices.types import list_device_types
from organisation.units import list_units

WARN = QColor("#b00020")


class RegisterPage(TablePage):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        lang = session.language
        local = session.ctx.clock.local
        when = lambda t: f"{local(t):%Y-%m-%d %H:%M}" if t else ""  # noqa: E731
        self.search = QLineEdit()
        self.search.setObjectName("deviceSearch")
        self.search.setPlaceholderText(self.tr("Search serial, model or vendor"))
        self.search.setClearButtonEnabled(True)
        self.type_filter = QComboBox()
        self.unit_filter = QComboBox()
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in STATUSES:
            self.status_filter.addItem(status_label(status, lang), status)
        self.count_label = QLabel()
        self.count_label.setObjectName("deviceCount")
        for widget, stretch in ((self.search, 2), (self.type_filter, 1), (self.unit_filter, 1),
                                (self.status_filter, 1), (self.count_label, 0)):
            self.tools.addWidget(widget, stretch)
        self.tools.addStretch(1)
        custody = session.can(Permission.DEVICE_CUSTODY)
        manage = session.can(Permission.MANAGE_DEVICES)
        self.checkout_button = self.add_button(self.tr("Check out…"), "checkoutDevice",
                                               self.checkout, custody)
        self.checkin_button = self.add_button(self.tr("Check in…"), "checkinDevice",
                                              self.checkin, custody)
        more = QPushButton(self.tr("Register"))
        more.setObjectName("registerMenu")
        more.setEnabled(manage)
        menu = QMenu(more)
        menu.addAction(self.tr("Register a device…"), self.add)
        menu.addAction(self.tr("Edit device…"), self.edit)
        menu.addAction(self.tr("Import from CSV…"), self.import_csv)
        menu.addSeparator()
        for action, transition in TRANSITIONS.items():
            label = transition.zh if lang != "en" else transition.en.capitalize()
            menu.addAction(label + ("…" if transition.needs_reason else ""),
                           lambda a=action: self.change_status(a))
        more.setMenu(menu)
        self.tools.addWidget(more)
        self.add_button(self.tr("Use register PDF…"), "registerPdf", self.export_register)

        self.model = ListTableModel([
            Column(lambda: self.tr("Serial"), lambda d: d.serial),
            Column(lambda: self.tr("Type"),
                   lambda d: d.type_name_en if lang == "en" else d.type_name_zh),
            Column(lambda: self.tr("Model"), lambda d: d.model),
            Column(lambda: self.tr("Unit"), lambda d: d.unit_name),
            Column(lambda: self.tr("Status"), lambda d: status_label(d.status, lang),
                   foreground=lambda d: WARN if d.status in ("lost", "in_repair") else None),
            Column(lambda: self.tr("Held by"),
                   lambda d: f"{d.holder_name}（{d.holder_certificate}）" if d.holder_name
                   else ""),
            Column(lambda: self.tr("Due back"), lambda d: when(d.due_at),
                   foreground=lambda d: WARN if d.due_at and d.due_at < session.ctx.clock.now()
                   else None),
        ], self)
        self.table.setModel(self.model)
        self.history_model = ListTableModel([
            Column(lambda: self.tr("Time"), lambda e: when(e.at)),
            Column(lambda: self.tr("Event"), lambda e: event_label(e.kind, lang)),
            Column(lambda: self.tr("Status after"), lambda e: status_label(e.status, lang)),
            Column(lambda: self.tr("Officer"),
                   lambda e: f"{e.officer_name}（{e.certificate_number}）" if e.officer_name
                   else ""),
            Column(lambda: self.tr("By"), lambda e: e.actor),
            Column(lambda: self.tr("Notes"), lambda e: e.notes),
        ], self)
        self.history = QTableView()
        self.history.setObjectName("deviceHistory")
        self.history.setModel(self.history_model)
        self.history.verticalHeader().setVisible(False)
        self.history.horizontalHeader().setStretchLastSection(True)
        # The table moves into a splitter with the history below it.
        layout = self.layout()
        layout.removeWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.history)
        splitter.setSizes([420, 200])
        layout.addWidget(splitter, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_history())
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _: self._debounce.start())
        for combo in (self.type_filter, self.unit_filter, self.status_filter):
            combo.currentIndexChanged.connect(lambda _: self.refresh())
        self._fill_filters()
        self.refresh()

    def _fill_filters(self) -> None:
        lang = self.session.language
        self.type_filter.blockSignals(True)
        self.type_filter.clear()
        self.type_filter.addItem(self.tr("All types"), None)
        for kind in list_device_types(self.session.ctx):
            self.type_filter.addItem(kind.name(lang), kind.code)
        self.type_filter.blockSignals(False)
        self.unit_filter.blockSignals(True)
        self.unit_filter.clear()
        self.unit_filter.addItem(self.tr("All units"), None)
        for unit in list_units(self.session.ctx):
            self.unit_filter.addItem(unit.name, unit.id)
        self.unit_filter.blockSignals(False)

    def refresh(self) -> None:
        selected = self._selected()
        rows = list_devices(self.session.ctx, DeviceFilter(
            self.search.text(), self.type_filter.currentData(), self.unit_filter.currentData(),
            self.status_filter.currentData()))
        self.model.set_rows(rows)
        self.count_label.setText(self.tr("Devices: %1").replace("%1", str(len(rows))))
        for column, width in enumerate((150, 110, 120, 130, 80, 160)):
            self.table.setColumnWidth(column, width)
        if selected:
            for row, device in enumerate(rows):
                if device.serial == selected.serial:
                    self.table.selectRow(row)
        self.show_history()

    def _selected(self) -> DeviceRow | None:
        row = self.selected_row() if self.table.model() else None
        return self.model.row(row) if row is not None else None

    def show_history(self) -> None:
        device = self._selected()
        events: list[DeviceEventRow] = (device_history(self.session.ctx, device.serial)
                                        if device else [])
        self.history_model.set_rows(list(reversed(events)))
        self.history.resizeColumnsToContents()

    # ---------------------------------------------------------------- actions
    def checkout(self) -> None:
        dialog = CheckoutDialog(self.session, self)
        device = self._selected()
        if device and device.status == "in_store":
            dialog.serial.setText(device.serial)
            dialog._device_scanned(device.serial)
        if dialog.exec():
            self.refresh()

    def checkin(self) -> None:
        dialog = CheckinDialog(self.session, self)
        device = self._selected()
        if device and device.status == "checked_out":
            dialog.serial.setText(device.serial)
            dialog._device_scanned(device.serial)
        if dialog.exec():
            self.refresh()

    def _dialog(self, device: DeviceRow | None) -> DeviceDialog:
        return DeviceDialog(list_device_types(self.session.ctx), list_units(self.session.ctx),
                            self.session.language, device, self)

    def add(self) -> None:
        dialog = self._dialog(None)
        while dialog.exec():
            fields = dialog.value()
            kind, unit = fields.pop("type_code"), fields.pop("unit")
            if self.session.attempt(self, lambda: add_device(
                    self.session.ctx, dialog.serial.text(), kind, unit, **fields)):
                self.refresh()
                return

    def edit(self) -> None:
        device = self._selected()
        if device is None:
            return
        dialog = self._dialog(device)
        while dialog.exec():
            if self.session.attempt(self, lambda: update_device(
                    self.session.ctx, device.serial, **dialog.value())):
                self.refresh()
                return

    def import_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import devices"), str(Path.home()),
                                              self.tr("CSV files (*.csv)"))
        if path and self.session.attempt(self, lambda: import_devices(self.session.ctx,
                                                                      Path(path))):
            self._fill_filters()
            self.refresh()

    def export_register(self) -> None:
        dialog = DateRangeDialog(self.session.ctx.clock.today(), self)
        if not dialog.exec():
            return
        since, until = dialog.range()
        default = Path.home() / f"设备使用登记台账-{since:%Y%m%d}-{until:%Y%m%d}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the use register"),
                                              str(default), self.tr("PDF files (*.pdf)"))
        if path:
            ctx = self.session.ctx
            save_pdf_in_background(self, self.session, lambda: use_register_pdf(
                ctx, since, until, Path(path)))

    def change_status(self, action: str) -> None:
        device = self._selected()
        if device is None:
            return
        reason = None
        if TRANSITIONS[action].needs_reason:
            reason, ok = QInputDialog.getText(self, self.tr("Device status"), self.tr("Reason"))
            if not ok:
                return
        if self.session.attempt(self, lambda: set_device_status(self.session.ctx, device.serial,
                                                                action, reason or None)):
            self.refresh()
