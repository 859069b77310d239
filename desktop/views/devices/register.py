"""The device register (设备台账): every device, its status and holder, its history."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QWidget,
)

from audit.people import person_names
from core.permissions import Permission
from core.jobs import CancelToken, Progress
from desktop.changes import Changes
from desktop.models.columns import Column
from desktop.models.listed import ListTableModel
from desktop.palette import WARN
from desktop.session import UiSession
from desktop.views.devices.custody_dialogs import CheckinDialog, CheckoutDialog
from desktop.views.devices.device_dialog import DeviceDialog
from desktop.views.devices.device_source import DeviceSource
from desktop.latest_read import LatestRead
from desktop.views.devices.pdf_export import DateRangeDialog, export_pdf
from desktop.views.devices.status_dialog import StatusDialog, transition_label
from desktop.widgets.feedback import Feedback, deny
from desktop.widgets.search_table import SearchableTable
from devices.csv_import import ImportResult, import_devices
from devices.documents import use_register_pdf
from devices.registry import (
    DeviceEventRow,
    DeviceFilter,
    DeviceRow,
    device_history,
    set_device_status,
)
from devices.status import STATUSES, TRANSITIONS, event_label, status_label
from devices.types import list_device_types
from organisation.units import list_units

# The rows show devices with their holder and history; the filters list types and units.
SHOWN = {"device", "device_event", "custody", "device_type", "unit"}
FILTER_KINDS = {"device_type", "unit"}


class RegisterPage(SearchableTable):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        lang = session.language
        clock = session.ctx.clock
        when = lambda t: f"{clock.local(t):%Y-%m-%d %H:%M}" if t else ""  # noqa: E731
        # The base class's texts are needed before self exists: translated by context.
        placeholder = QCoreApplication.translate("RegisterPage", "Search serial, model or vendor")
        count_text = QCoreApplication.translate("RegisterPage", "Devices: %1")
        super().__init__(session, self._source, [
            Column(lambda: self.tr("Serial"), lambda d: d.serial, "serial"),
            Column(lambda: self.tr("Type"), lambda d: d.type_name(lang), "type"),
            Column(lambda: self.tr("Model"), lambda d: d.model, "model"),
            Column(lambda: self.tr("Unit"), lambda d: d.unit_name, "unit"),
            Column(lambda: self.tr("Status"), lambda d: status_label(d.status, lang), "status",
                   foreground=lambda d: WARN if d.status in ("lost", "in_repair") else None),
            Column(lambda: self.tr("Held by"),
                   lambda d: f"{d.holder_name}（{d.holder_certificate}）" if d.holder_name
                   else "", "holder"),
            Column(lambda: self.tr("Due back"), lambda d: when(d.due_at), "due",
                   foreground=lambda d: WARN if d.is_overdue(clock.now()) else None),
        ], sort="serial", placeholder=placeholder, count_text=count_text, name="device",
            parent=parent)
        self.type_filter = QComboBox()
        self.type_filter.setObjectName("deviceTypeFilter")
        self.type_filter.addItem(self.tr("All types"), None)
        self.unit_filter = QComboBox()
        self.unit_filter.setObjectName("deviceUnitFilter")
        self.unit_filter.addItem(self.tr("All units"), None)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("deviceStatusFilter")
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in STATUSES:
            self.status_filter.addItem(status_label(status, lang), status)
        for combo in (self.type_filter, self.unit_filter, self.status_filter):
            self.filters.addWidget(combo, 1)
            self.watch(combo.currentIndexChanged)
        self.add_count()
        self.tools.addStretch(1)
        self._add_actions()
        self.feedback = Feedback()
        self.feedback.setObjectName("deviceFeedback")
        self.layout().insertWidget(1, self.feedback)
        self._add_history(when)
        for column, width in enumerate((150, 110, 120, 130, 80, 160)):
            self.table.setColumnWidth(column, width)
        # The selected device survives a reload (its row may move): remembered by serial.
        self._serial: str | None = None
        self._restoring = False
        self.model.modelAboutToBeReset.connect(self._reset_starts)
        self.loaded.connect(self._reselect)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self._filters_read = LatestRead(session, self, where=self.feedback)
        session.subscribe(self, SHOWN, self._changed)
        self._load_filters()
        self.refresh()

    def _add_actions(self) -> None:
        lang = self.session.language
        custody = self.session.can(Permission.DEVICE_CUSTODY)
        manage = self.session.can(Permission.MANAGE_DEVICES)
        self.checkout_button = self.add_button(self.tr("Check out…"), "checkoutDevice",
                                               self.checkout)
        self.checkin_button = self.add_button(self.tr("Check in…"), "checkinDevice",
                                              self.checkin)
        for button in (self.checkout_button, self.checkin_button):
            deny(button, custody, self.tr("Your roles do not allow checking devices out or in."))
        self.register_menu = QPushButton(self.tr("Register"))
        self.register_menu.setObjectName("registerMenu")
        deny(self.register_menu, manage, self.tr("Your roles do not allow managing devices."))
        menu = QMenu(self.register_menu)
        menu.addAction(self.tr("Register a device…"), self.add)
        menu.addAction(self.tr("Edit device…"), self.edit)
        menu.addAction(self.tr("Import from CSV…"), self.import_csv)
        menu.addSeparator()
        for action, transition in TRANSITIONS.items():
            menu.addAction(transition_label(action, lang)
                           + ("…" if transition.needs_reason else ""),
                           lambda a=action: self.change_status(a))
        self.register_menu.setMenu(menu)
        self.tools.addWidget(self.register_menu)
        self.pdf_button = self.add_button(self.tr("Use register PDF…"), "registerPdf",
                                          self.export_register)
        self.add_export(self.session, self.model, self.tr("Device register"))
        self.set_empty_state(self.tr("No devices to show. Register a device (Register → "
                                     "Register a device…) or import a CSV file; if filters "
                                     "are set, loosen them."), self.loaded)

    def _add_history(self, when) -> None:  # noqa: ANN001
        lang = self.session.language
        self._names: dict[str, str] = {}   # login → name, read with the history
        self.history_model: ListTableModel[DeviceEventRow] = ListTableModel([
            Column(lambda: self.tr("Time"), lambda e: when(e.at)),
            Column(lambda: self.tr("Event"), lambda e: event_label(e.kind, lang)),
            Column(lambda: self.tr("Status after"), lambda e: status_label(e.status, lang)),
            Column(lambda: self.tr("Officer"),
                   lambda e: f"{e.officer_name}（{e.certificate_number}）" if e.officer_name
                   else ""),
            Column(lambda: self.tr("By"), lambda e: self._names.get(e.actor, e.actor),
                   tooltip=lambda e: e.actor),
            Column(lambda: self.tr("Notes"), lambda e: e.notes),
        ], self)
        self.history = QTableView()
        self.history.setObjectName("deviceHistory")
        self.history.setModel(self.history_model)
        self.history.verticalHeader().setVisible(False)
        self.history.horizontalHeader().setStretchLastSection(True)
        self._history_read = LatestRead(self.session, self, where=self.feedback)
        # The table moves into a splitter with the history below it.
        layout = self.layout()
        layout.removeWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.history)
        splitter.setSizes([420, 200])
        layout.addWidget(splitter, 1)

    # --------------------------------------------------------------- loading
    def _source(self, text: str) -> DeviceSource:
        return DeviceSource(self.session.ctx, DeviceFilter(
            text, self.type_filter.currentData(), self.unit_filter.currentData(),
            self.status_filter.currentData()), self.session.language)

    @property
    def loading(self) -> bool:
        return (super().loading or self._filters_read.loading
                or self._history_read.loading)

    def _changed(self, changes: Changes) -> None:
        if changes.touches(FILTER_KINDS):
            self._load_filters()
        self.reload()

    def _load_filters(self) -> None:
        ctx = self.session.ctx
        self._filters_read.start(lambda: (list_device_types(ctx), list_units(ctx)),
                                 self._fill_filters)

    def _fill_filters(self, lists: tuple[list, list]) -> None:
        types, units = lists
        lang = self.session.language
        before = (self.type_filter.currentData(), self.unit_filter.currentData())
        for combo, everything, items in (
                (self.type_filter, self.tr("All types"),
                 [(kind.name(lang), kind.code) for kind in types]),
                (self.unit_filter, self.tr("All units"), [(unit.name, unit.id) for unit in units])):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        if (self.type_filter.currentData(), self.unit_filter.currentData()) != before:
            self.refresh()   # the chosen type or unit is gone

    def _reset_starts(self) -> None:
        # Resetting clears the selection; that is not the user choosing no device.
        self._restoring = True

    def _reselect(self, _count: int) -> None:
        serial = self._serial
        found = serial is not None and self.select_where(lambda d: d.serial == serial)
        self._restoring = False
        if not found:
            self._serial = None
        self._load_history()

    def _selection_changed(self) -> None:
        if self._restoring:
            return
        device = self.selected()
        self._serial = device.serial if device else None
        self._load_history()

    def _load_history(self) -> None:
        serial, ctx = self._serial, self.session.ctx
        if serial is None:
            self._history_read.forget()
            self._show_history([])
        else:
            language = self.session.language

            def read() -> tuple[list[DeviceEventRow], dict[str, str]]:
                events = device_history(ctx, serial)
                return events, person_names(ctx, {e.actor for e in events}, language)

            self._history_read.start(read, self._show_named_history)

    def _show_named_history(self, answer: tuple[list[DeviceEventRow], dict[str, str]]) -> None:
        events, self._names = answer
        self._show_history(events)

    def _show_history(self, events: list[DeviceEventRow]) -> None:
        self.history_model.set_rows(list(reversed(events)))
        self.history.resizeColumnsToContents()

    def _follow(self, device: DeviceRow) -> None:
        """Select ``device`` once the list has it (a device just registered)."""
        self._serial = device.serial
        # Not listed yet: the reload the save caused selects it when it comes back.
        self.select_where(lambda d: d.serial == device.serial)

    # --------------------------------------------------------------- actions
    def _chosen_device(self) -> DeviceRow | None:
        device = self.selected()
        if device is None:
            self.feedback.error(self.tr("Select a device in the list first."))
        return device

    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def checkout(self) -> None:
        dialog = CheckoutDialog(self.session, self)
        device = self.selected()
        if device and device.status == "in_store":
            dialog.preset(device.serial)
        self._open(dialog)

    def checkin(self) -> None:
        dialog = CheckinDialog(self.session, self)
        device = self.selected()
        if device and device.status == "checked_out":
            dialog.preset(device.serial)
        self._open(dialog)

    def add(self) -> None:
        self._device_dialog(None)

    def edit(self) -> None:
        device = self._chosen_device()
        if device is not None:
            self._device_dialog(device)

    def _device_dialog(self, device: DeviceRow | None) -> None:
        """The types and units are read first; the dialog opens when they are here."""
        ctx = self.session.ctx

        def opened(lists: tuple[list, list]) -> None:
            dialog = DeviceDialog(self.session, *lists, device, self)
            dialog.saved.connect(self._follow)
            self._open(dialog)

        self.session.run(self, lambda: (list_device_types(ctx), list_units(ctx)),
                         where=self.feedback, busy=self.register_menu, on_done=opened)

    def import_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import devices"), str(Path.home()),
                                              self.tr("CSV files (*.csv)"))
        if not path:
            return
        ctx, source = self.session.ctx, Path(path)

        def work(_progress: Progress, _cancel: CancelToken) -> ImportResult:
            return import_devices(ctx, source)

        # All or nothing: a refusal names every bad row, in the feedback line.
        self.session.run_job(self, work, writes=True, where=self.feedback,
                             busy=self.register_menu, on_done=self._imported)

    def _imported(self, result: ImportResult) -> None:
        self.feedback.ok(self.tr("Imported %1 devices.").replace("%1", str(result.count)))

    def change_status(self, action: str) -> None:
        device = self._chosen_device()
        if device is None:
            return
        if TRANSITIONS[action].needs_reason:
            self._open(StatusDialog(self.session, device, action, self))
            return
        ctx, serial = self.session.ctx, device.serial
        self.session.run(self, lambda: set_device_status(ctx, serial, action), writes=True,
                         where=self.feedback, busy=self.register_menu)

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
            export_pdf(self, self.session, lambda: use_register_pdf(ctx, since, until, Path(path)),
                       busy=self.pdf_button, where=self.feedback)
