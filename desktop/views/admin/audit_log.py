"""The audit ledger as a clerk reads it: newest first, in words (the action and the record
in Chinese, the person's name, Beijing time), searchable, filtered by action, person and
day, exported; and a check of the whole chain run in the background."""
from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QWidget

from audit.labels import field_name as audit_field_name
from audit.labels import value_name as audit_value_name
from audit.search import (AuditFilter, AuditRow, count_entries, entry_page, ledger_actions,
                          ledger_people)
from audit.verify import LedgerReport, verify_ledger
from casework.procedures import procedures
from core.clock import parse_iso_utc
from core.context import Context
from core.errors import DomainError
from desktop.changes import Changes
from desktop.labels import action_label, field_label, object_type_label, value_text
from desktop.models.columns import Column
from desktop.operations import Operation
from desktop.palette import OK_STYLE, WARN_STYLE
from desktop.session import UiSession
from desktop.widgets.progress_bar import ProgressBar
from desktop.widgets.search_table import SearchableTable
from core.name_order import name_sort_key

FIRST_DAY = QDate(2000, 1, 1)   # the date fields' "any day" (shown as their special text)


@dataclass(frozen=True)
class AuditSource:
    ctx: Context
    flt: AuditFilter
    language: str

    def count(self) -> int:
        return count_entries(self.ctx, self.flt)

    def page(self, offset: int, limit: int, sort: str, descending: bool) -> list[AuditRow]:
        return entry_page(self.ctx, self.flt, offset=offset, limit=limit,
                          descending=descending, language=self.language)


class AuditLogPage(SearchableTable):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        local, language = session.ctx.clock.local, session.language
        super().__init__(session, lambda text: self._source(text), [
            Column(lambda: self.tr("No."), lambda e: e.seq, "seq"),
            Column(lambda: self.tr("Time (Beijing)"),
                   lambda e: f"{local(parse_iso_utc(e.at)):%Y-%m-%d %H:%M:%S}"),
            Column(lambda: self.tr("User"), lambda e: e.actor_name,
                   tooltip=lambda e: e.actor),
            Column(lambda: self.tr("Action"), lambda e: action_label(e.action),
                   tooltip=lambda e: e.action),
            Column(lambda: self.tr("Record"), lambda e: object_type_label(e.object_type)),
            Column(lambda: self.tr("Change"), lambda e: summary_text(e, local, language),
                   tooltip=lambda e: summary_text(e, local, language)),
        ], sort="seq", descending=True,
            placeholder=QCoreApplication.translate("AuditLogPage",
                                                   "Search person, action or content"),
            count_text=QCoreApplication.translate("AuditLogPage", "Entries: %1"), name="audit",
            parent=parent)
        self.table.setWordWrap(False)
        self._actions: list[str] = []
        self.action_filter = QComboBox()
        self.action_filter.setObjectName("auditActionFilter")
        self.action_filter.addItem(self.tr("All actions"), None)
        self.person_filter = QComboBox()
        self.person_filter.setObjectName("auditPersonFilter")
        self.person_filter.addItem(self.tr("Everyone"), None)
        self.since = self._date_edit("auditSince", self.tr("From any day"))
        self.until = self._date_edit("auditUntil", self.tr("To any day"))
        for widget in (self.action_filter, self.person_filter, self.since, self.until):
            self.filters.addWidget(widget)
        self.add_count()
        self.watch(self.action_filter.currentIndexChanged)
        self.watch(self.person_filter.currentIndexChanged)
        self.watch(self.since.dateChanged)
        self.watch(self.until.dateChanged)
        self.add_export(session, self.model, self.tr("Audit log"))
        self.set_empty_state(self.tr("No entries match the search and filters."), self.loaded)
        self.verify_button = self.add_button(self.tr("Verify the ledger"), "verifyLedger",
                                             self.verify)
        self.cancel_button = self.add_button(self.tr("Cancel"), "cancelVerify", self.cancel,
                                             enabled=False)
        self.progress = ProgressBar()
        self.progress.setObjectName("verifyProgress")
        self.progress.setVisible(False)
        self.result = QLabel()
        self.result.setObjectName("verifyResult")
        self.result.setWordWrap(True)
        self.result.setVisible(False)
        self.layout().insertWidget(1, self.progress)
        self.layout().insertWidget(2, self.result)
        for column, width in enumerate((60, 150, 90, 150, 100)):
            self.table.setColumnWidth(column, width)
        self._job: Operation | None = None
        # The page shows the ledger itself: every change, of any record, is a new entry.
        # So it listens to all of them, and starts the watcher as a subscription would.
        session.changes.changed.connect(self._ledger_grew)
        session.changes.start()
        self.load_choices()
        self.refresh()

    def _date_edit(self, name: str, any_day: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(FIRST_DAY)
        edit.setSpecialValueText(any_day)   # shown while the date is the minimum: no limit
        edit.setDate(FIRST_DAY)
        return edit

    @staticmethod
    def _day(edit: QDateEdit):  # noqa: ANN205 - a date or None
        return None if edit.date() == FIRST_DAY else edit.date().toPython()

    def _source(self, text: str) -> AuditSource:
        text_actions = tuple(a for a in self._actions if text.strip()
                             and text.strip() in action_label(a))
        flt = AuditFilter(text=text, text_actions=text_actions,
                          action=self.action_filter.currentData(),
                          actor=self.person_filter.currentData(),
                          since=self._day(self.since), until=self._day(self.until))
        return AuditSource(self.session.ctx, flt, self.session.language)

    def load_choices(self) -> None:
        ctx, language = self.session.ctx, self.session.language
        self.session.run(self, lambda: (ledger_actions(ctx), ledger_people(ctx, language)),
                         on_done=self._fill_choices)

    def _fill_choices(self, choices: tuple[list[str], list[tuple[str, str]]]) -> None:
        actions, people = choices
        self._actions = actions
        labelled = [(action_label(a), a) for a in actions]
        self.refill_filter(self.action_filter,
                           sorted(labelled, key=lambda pair: name_sort_key(pair[0])))
        self.refill_filter(self.person_filter, [(name, login) for login, name in people])

    def _ledger_grew(self, _changes: Changes) -> None:
        self.reload()
        self.load_choices()

    # ------------------------------------------------------------ verifying
    def verify(self) -> None:
        workspace = self.session.workspace
        self.cancel_button.setEnabled(True)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.result.setStyleSheet("")
        self.result.setText(self.tr("Checking…"))
        self.result.setVisible(True)
        self._job = self.session.run_job(
            self, lambda progress, cancel: verify_ledger(
                workspace.db, head_file=workspace.head_file, progress=progress, cancel=cancel),
            busy=self.verify_button, on_done=self._verified, on_progress=self._progress,
            on_cancelled=self._cancelled, on_refused=self._refused,
            on_failed=lambda _error: self._finish(""))

    def cancel(self) -> None:
        if self._job:
            self._job.cancel()

    def _progress(self, done: int, total: int, _note: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finish(self, text: str, style: str = "") -> None:
        self._job = None
        self.cancel_button.setEnabled(False)
        self.progress.setVisible(False)
        self.result.setStyleSheet(style)
        self.result.setText(text)
        self.result.setVisible(bool(text))

    def _verified(self, report: LedgerReport) -> None:
        if report.intact:
            text = self.tr("The ledger is intact: %1 entries, %2 signed checkpoints.")
            self._finish(text.replace("%1", str(report.entries))
                         .replace("%2", str(report.checkpoints)), OK_STYLE)
        else:
            self._finish(report.problems[0].message(self.session.language), WARN_STYLE)

    def _refused(self, error: DomainError) -> None:
        self._finish(error.message(self.session.language), WARN_STYLE)

    def _cancelled(self) -> None:
        self._finish(self.tr("The check was cancelled."))


# Internal keys say nothing to a reader; the record column already names the record.
_HIDDEN_FIELDS = {"id", "created_at", "name_sort_key"}


def _hidden(field: str) -> bool:
    return field in _HIDDEN_FIELDS or field.endswith("_id")


def _field(field: str, language: str) -> str:
    """The window's label for the field, else the ledger's table (audit.labels)."""
    label = field_label(field)
    return label if label != field else audit_field_name(field, language)


def _value(entry: AuditRow, field: str, value: object, local,  # noqa: ANN001
           language: str) -> str:
    if not isinstance(value, str):
        return value_text(field, value)
    if _UTC_TEXT.fullmatch(value):
        return f"{local(parse_iso_utc(value)):%Y-%m-%d %H:%M:%S}"   # Beijing time
    if field.endswith("_by"):
        return entry.people.get(value, value)   # a person's name, not a login
    if field == "step" and value in _STEP_NAMES:
        return _STEP_NAMES[value].name(language)
    return audit_value_name(field, value, language) or value_text(field, value)


# Step codes are the same in both procedures; their names too.
_STEP_NAMES = {step.code: step for proc in procedures().values() for step in proc.steps}


_UTC_TEXT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z")


def summary_text(entry: AuditRow, local, language: str) -> str:  # noqa: ANN001
    """The change in words: each field's label, its value (times in Beijing time)."""
    pair = QCoreApplication.translate("AuditLogPage", "%1: %2")
    change = entry.change
    if "after" in change:
        before = change.get("before", {})
        parts = [pair.replace("%1", _field(k, language)).replace(
                     "%2", f"{_value(entry, k, before.get(k), local, language)} → "
                           f"{_value(entry, k, v, local, language)}")
                 for k, v in change["after"].items() if not _hidden(k)]
    else:
        fields = change.get("values", change)
        parts = [pair.replace("%1", _field(k, language))
                 .replace("%2", _value(entry, k, v, local, language))
                 for k, v in fields.items() if not _hidden(k) and v is not None]
    return QCoreApplication.translate("AuditLogPage", "; ").join(parts)[:200]
