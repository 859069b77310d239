"""The case list (案件列表): every case, newest first, found by number, cause or party,
narrowed by type, procedure, unit, status and year."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QHeaderView, QLabel, QLineEdit, QWidget

from accounts.permissions import Permission
from casework.cases import CaseFilter, CaseRow, count_cases, list_cases
from casework.procedures import procedure, procedures
from casework.types import list_case_types
from core.context import Context
from desktop.models.columns import Column
from desktop.models.paged import PagedTableModel
from desktop.session import UiSession
from desktop.views.admin.table_page import TablePage
from desktop.views.cases.feedback import deny
from organisation.units import list_units

CLOSED = QColor("#6b6b6b")
YEARS_BACK = 10


@dataclass(frozen=True)
class CaseSource:
    ctx: Context
    flt: CaseFilter

    def count(self) -> int:
        return count_cases(self.ctx, self.flt)

    def page(self, offset: int, limit: int, sort: str, descending: bool) -> list[CaseRow]:
        return list_cases(self.ctx, self.flt, offset=offset, limit=limit)  # newest first


class CaseListPage(TablePage):
    open_requested = Signal(str)      # a case number
    new_requested = Signal()

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        lang = session.language
        local = session.ctx.clock.local
        self.search = QLineEdit()
        self.search.setObjectName("caseSearch")
        self.search.setPlaceholderText(self.tr("Number, cause or party"))
        self.search.setClearButtonEnabled(True)
        self.type_filter = QComboBox()
        self.type_filter.setObjectName("caseTypeFilter")
        self.type_filter.addItem(self.tr("All types"), None)
        for kind in list_case_types(session.ctx, include_inactive=True):
            self.type_filter.addItem(kind.name(lang), kind.code)
        self.procedure_filter = QComboBox()
        self.procedure_filter.setObjectName("caseProcedureFilter")
        self.procedure_filter.addItem(self.tr("All procedures"), None)
        for proc in procedures().values():
            self.procedure_filter.addItem(proc.name(lang), proc.code)
        self.unit_filter = QComboBox()
        self.unit_filter.setObjectName("caseUnitFilter")
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("caseStatusFilter")
        self.status_filter.addItem(self.tr("Open and closed"), None)
        self.status_filter.addItem(self.tr("Open"), "open")
        self.status_filter.addItem(self.tr("Closed"), "closed")
        self.year_filter = QComboBox()
        self.year_filter.setObjectName("caseYearFilter")
        self.year_filter.addItem(self.tr("All years"), None)
        this_year = session.ctx.clock.today().year
        for year in range(this_year, this_year - YEARS_BACK, -1):
            self.year_filter.addItem(self.tr("Year %1").replace("%1", str(year)), year)
        for combo in (self.type_filter, self.procedure_filter, self.unit_filter,
                      self.status_filter, self.year_filter):
            # Long names (English ones above all) must not squeeze the search field.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        self.search.setMinimumWidth(180)
        self.count_label = QLabel()
        self.count_label.setObjectName("caseCount")
        for widget, stretch in ((self.search, 3), (self.type_filter, 1),
                                (self.procedure_filter, 1), (self.unit_filter, 1),
                                (self.status_filter, 1), (self.year_filter, 1),
                                (self.count_label, 0)):
            self.tools.addWidget(widget, stretch)
        self.new_button = self.add_button(self.tr("New case…"), "newCase",
                                          self.new_requested.emit)
        deny(self.new_button, session.can(Permission.EDIT_CASES),
             self.tr("Your roles do not allow opening cases."))
        self.open_button = self.add_button(self.tr("Open the case file"), "openCase",
                                           self._open_selected)

        when = lambda t: f"{local(t):%Y-%m-%d}" if t else ""  # noqa: E731
        self.model: PagedTableModel[CaseRow] = PagedTableModel(self._source(), [
            Column(lambda: self.tr("Case number"), lambda c: c.number),
            Column(lambda: self.tr("Type"), lambda c: c.type_name(lang)),
            Column(lambda: self.tr("Procedure"), lambda c: c.procedure_name(lang)),
            Column(lambda: self.tr("Unit"), lambda c: c.unit_name),
            Column(lambda: self.tr("Cause"), lambda c: c.cause, tooltip=lambda c: c.cause),
            Column(lambda: self.tr("Parties"), lambda c: "、".join(c.party_names)),
            Column(lambda: self.tr("Latest step"), lambda c: self._latest(c)),
            Column(lambda: self.tr("Status"), lambda c: self._status(c.status),
                   foreground=lambda c: CLOSED if c.status == "closed" else None),
            Column(lambda: self.tr("Opened"), lambda c: when(c.created_at)),
        ], sort="created_at", parent=self)
        self.table.setModel(self.model)
        for column, width in enumerate((150, 70, 70, 100, 0, 160, 120, 55, 85)):
            self.table.setColumnWidth(column, width)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)  # the cause
        self.table.doubleClicked.connect(lambda _: self._open_selected())
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _: self._debounce.start())
        for combo in (self.type_filter, self.procedure_filter, self.unit_filter,
                      self.status_filter, self.year_filter):
            combo.currentIndexChanged.connect(lambda _: self.refresh())
        self.fill_units()
        self._update_count()

    def fill_units(self) -> None:
        current = self.unit_filter.currentData()
        self.unit_filter.blockSignals(True)
        self.unit_filter.clear()
        self.unit_filter.addItem(self.tr("All units"), None)
        for unit in list_units(self.session.ctx):
            self.unit_filter.addItem(unit.name, unit.id)
        self.unit_filter.setCurrentIndex(max(0, self.unit_filter.findData(current)))
        self.unit_filter.blockSignals(False)

    def _filter(self) -> CaseFilter:
        return CaseFilter(text=self.search.text(), type_code=self.type_filter.currentData(),
                          procedure=self.procedure_filter.currentData(),
                          unit_id=self.unit_filter.currentData(),
                          status=self.status_filter.currentData(),
                          year=self.year_filter.currentData())

    def _source(self) -> CaseSource:
        ready = hasattr(self, "year_filter") and hasattr(self, "model")
        return CaseSource(self.session.ctx, self._filter() if ready else CaseFilter())

    def refresh(self, select: str | None = None) -> None:
        selected = select or (self.selected().number if self.selected() else None)
        self.model.set_source(self._source())
        self._update_count()
        if selected:
            self.select_number(selected)

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("Cases: %1").replace("%1", str(self.model.rowCount())))

    def selected(self) -> CaseRow | None:
        row = self.selected_row() if self.table.model() else None
        return self.model.row(row) if row is not None else None

    def select_number(self, number: str) -> bool:
        for row in range(min(self.model.rowCount(), 400)):
            case = self.model.row(row)
            if case is not None and case.number == number:
                self.table.selectRow(row)
                return True
        return False

    def _open_selected(self) -> None:
        case = self.selected()
        if case is not None:
            self.open_requested.emit(case.number)

    def _latest(self, case: CaseRow) -> str:
        if case.last_step is None:
            return self.tr("none yet")
        step = procedure(case.procedure).step(case.last_step)
        return f"{step.name(self.session.language)} {case.last_step_on:%Y-%m-%d}"

    def _status(self, status: str) -> str:
        return self.tr("Closed") if status == "closed" else self.tr("Open")
