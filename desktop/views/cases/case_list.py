"""The case list (案件列表): every case, newest first, found by number, cause or party,
narrowed by type, procedure, unit, status and year."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHeaderView, QWidget

from core.permissions import Permission
from casework.cases import CaseFilter, CaseRow, count_cases, list_cases
from casework.deadlines import CaseDeadline
from casework.procedures import procedure, procedures
from core.context import Context
from desktop.changes import Changes
from desktop.models.columns import Column
from desktop.palette import EXPIRING, QUIET, WARN
from desktop.session import UiSession
from desktop.views.cases.header_form import HeaderChoices, header_choices
from desktop.widgets.feedback import deny
from desktop.widgets.search_table import SearchableTable

YEARS_BACK = 10
# What the list shows: the cases, their parties and latest steps, the names of their
# types and units, and their time limits (which approved extensions move).
SHOWN = frozenset({"enforcement_case", "case_party", "case_step", "case_officer", "unit",
                   "case_type", "case_deadline_extension"})
CHOICES = frozenset({"unit", "case_type"})


@dataclass(frozen=True)
class CaseSource:
    ctx: Context
    flt: CaseFilter

    def count(self) -> int:
        return count_cases(self.ctx, self.flt)

    def page(self, offset: int, limit: int, sort: str, descending: bool) -> list[CaseRow]:
        return list_cases(self.ctx, self.flt, offset=offset, limit=limit)  # newest first


def deadline_text(deadline: CaseDeadline | None) -> str:
    """A case's 办案期限 in a few words: its last day and the days left or overdue."""
    if deadline is None:
        return ""
    if deadline.decided:
        return QCoreApplication.translate("CaseListPage", "decided")
    due = f"{deadline.due_on:%Y-%m-%d}"
    if deadline.overdue:
        return QCoreApplication.translate("CaseListPage", "%1 (%2 days overdue)").replace(
            "%1", due).replace("%2", str(-deadline.days_left))
    return QCoreApplication.translate("CaseListPage", "%1 (%2 days left)").replace(
        "%1", due).replace("%2", str(deadline.days_left))


def _deadline_colour(row: CaseRow):  # noqa: ANN202 - a QColor or None
    deadline = row.deadline
    if deadline is None or deadline.decided:
        return None
    return WARN if deadline.overdue else EXPIRING if deadline.due_soon else None


class CaseListPage(SearchableTable):
    open_requested = Signal(str)      # a case number
    new_requested = Signal()

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        lang = session.language
        local = session.ctx.clock.local
        when = lambda t: f"{local(t):%Y-%m-%d}" if t else ""  # noqa: E731
        super().__init__(session, lambda text: self._source(text), [
            Column(lambda: self.tr("Case number"), lambda c: c.number),
            Column(lambda: self.tr("Type"), lambda c: c.type_name(lang)),
            Column(lambda: self.tr("Procedure"), lambda c: c.procedure_name(lang)),
            Column(lambda: self.tr("Unit"), lambda c: c.unit_name),
            Column(lambda: self.tr("Cause"), lambda c: c.cause, tooltip=lambda c: c.cause),
            Column(lambda: self.tr("Parties"), lambda c: "、".join(c.party_names)),
            Column(lambda: self.tr("Latest step"), lambda c: self._latest(c)),
            Column(lambda: self.tr("Time limit"), lambda c: self._deadline(c),
                   foreground=_deadline_colour,
                   tooltip=lambda c: c.deadline.limit.source if c.deadline else ""),
            Column(lambda: self.tr("Status"), lambda c: self._status(c.status),
                   foreground=lambda c: QUIET if c.status == "closed" else None),
            Column(lambda: self.tr("Opened"), lambda c: when(c.created_at)),
        ], sort="created_at", descending=True,
            placeholder=QCoreApplication.translate("CaseListPage", "Number, cause or party"),
            count_text=QCoreApplication.translate("CaseListPage", "Cases: %1"), name="case",
            parent=parent)
        # The case to keep selected when the rows are read again (a filter, a change).
        self.kept: str | None = None
        self.type_filter = self._combo("caseTypeFilter", self.tr("All types"))
        self.procedure_filter = self._combo("caseProcedureFilter", self.tr("All procedures"))
        for proc in procedures().values():
            self.procedure_filter.addItem(proc.name(lang), proc.code)
        self.unit_filter = self._combo("caseUnitFilter", self.tr("All units"))
        self.status_filter = self._combo("caseStatusFilter", self.tr("Open and closed"))
        self.status_filter.addItem(self.tr("Open"), "open")
        self.status_filter.addItem(self.tr("Closed"), "closed")
        self.year_filter = self._combo("caseYearFilter", self.tr("All years"))
        this_year = session.ctx.clock.today().year
        for year in range(this_year, this_year - YEARS_BACK, -1):
            self.year_filter.addItem(self.tr("Year %1").replace("%1", str(year)), year)
        self.add_count()
        self.new_button = self.add_button(self.tr("New case…"), "newCase",
                                          self.new_requested.emit)
        deny(self.new_button, session.can(Permission.EDIT_CASES),
             self.tr("Your roles do not allow opening cases."))
        self.open_button = self.add_button(self.tr("Open the case file"), "openCase",
                                           self._open_selected)
        self.add_export(session, self.model, self.tr("Case list"))
        self.set_empty_state(self.tr("No cases to show. Open one with “New case…”; if filters "
                                     "are set, loosen them."), self.loaded)
        for column, width in enumerate((150, 70, 70, 100, 0, 140, 110, 165, 55, 85)):
            self.table.setColumnWidth(column, width)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)  # the cause
        self.table.doubleClicked.connect(lambda _: self._open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._remember())
        self.loaded.connect(lambda _count: self.kept and self.follow(self.kept))
        session.subscribe(self, SHOWN, self._changed)
        self.load_choices()
        self.refresh()

    def _combo(self, name: str, everything: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(everything, None)
        # Long names (English ones above all) must not squeeze the search field.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
        self.filters.addWidget(combo, 1)
        self.watch(combo.currentIndexChanged)
        return combo

    # ------------------------------------------------------------- loading
    def load_choices(self) -> None:
        ctx = self.session.ctx
        self.session.run(self, lambda: header_choices(ctx), on_done=self._fill_choices)

    def _fill_choices(self, choices: HeaderChoices) -> None:
        lang = self.session.language
        self.refill_filter(self.type_filter, [(k.name(lang), k.code) for k in choices.types])
        self.refill_filter(self.unit_filter, [(u.name, u.id) for u in choices.units])

    def _changed(self, changes: Changes) -> None:
        if changes.touches(CHOICES):
            self.load_choices()
        self.reload()

    def _filter(self, text: str) -> CaseFilter:
        return CaseFilter(text=text, type_code=self.type_filter.currentData(),
                          procedure=self.procedure_filter.currentData(),
                          unit_id=self.unit_filter.currentData(),
                          status=self.status_filter.currentData(),
                          year=self.year_filter.currentData())

    def _source(self, text: str) -> CaseSource:
        return CaseSource(self.session.ctx, self._filter(text))

    # ----------------------------------------------------------- selection
    def _remember(self) -> None:
        case = self.selected()
        if case is not None:
            self.kept = case.number

    def follow(self, number: str) -> bool:
        """Select case ``number``, now if it is listed, else when it is (a case just
        opened appears once the list has read it)."""
        self.kept = number
        return self.select_where(lambda case: case.number == number)

    def _open_selected(self) -> None:
        case = self.selected()
        if case is not None:
            self.open_requested.emit(case.number)

    # --------------------------------------------------------------- cells
    def _latest(self, case: CaseRow) -> str:
        if case.last_step is None:
            return self.tr("none yet")
        step = procedure(case.procedure).step(case.last_step)
        return f"{step.name(self.session.language)} {case.last_step_on:%Y-%m-%d}"

    def _deadline(self, case: CaseRow) -> str:
        return deadline_text(case.deadline)

    def _status(self, status: str) -> str:
        return self.tr("Closed") if status == "closed" else self.tr("Open")
