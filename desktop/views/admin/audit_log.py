"""The audit ledger as a clerk reads it: newest first, in words (the action and the record
in Chinese, the person's name, Beijing time), searchable, filtered by action, person and
day, exported; and a check of the whole chain run in the background."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from typing import Callable

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QWidget

from audit.labels import FIELD_KEY_FIELDS, action_name, record_name, type_table
from audit.search import (
    AuditFilter,
    AuditRow,
    count_entries,
    entry_page,
    ledger_actions,
    ledger_people,
)
from audit.verify import LedgerReport, verify_ledger
from casework.procedures import procedures
from core.clock import parse_iso_utc
from core.context import Context
from core.errors import DomainError
from core.name_order import name_sort_key
from desktop.audit_words import field_name, value_name
from desktop.changes import Changes
from desktop.labels import value_text
from desktop.models.columns import Column
from desktop.operations import Operation
from desktop.palette import OK_STYLE, WARN_STYLE
from desktop.session import UiSession
from desktop.widgets.enabled import set_enabled
from desktop.widgets.progress_bar import ProgressBar
from desktop.widgets.search_table import SearchableTable

FIRST_DAY = QDate(2000, 1, 1)   # the date fields' "any day" (shown as their special text)


class AnyDayEdit(QDateEdit):
    """A day, or "any day": the minimum date, shown as the special text. Its calendar opens
    on the month of ``today()`` while no day is chosen (Qt opens it on the date held, the
    minimum, 2000-01-01), and on the chosen day's month once there is one."""

    def __init__(self, any_day: str, today: Callable[[], date],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(FIRST_DAY)
        self.setSpecialValueText(any_day)   # shown while the date is the minimum: no limit
        self.setDate(FIRST_DAY)
        # Qt points the calendar at the held date each time before it shows the popup, so
        # the page is turned when the calendar is shown, not once here.
        self.calendarWidget().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.calendarWidget() and event.type() == QEvent.Type.Show
                and self.date() == self.minimumDate()):
            today = self._today()
            self.calendarWidget().setCurrentPage(today.year, today.month)
        return super().eventFilter(watched, event)


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
            Column(lambda: self.tr("Action"), lambda e: action_name(e.action, language)),
            Column(lambda: self.tr("Record"), lambda e: record_name(e.object_type, language)),
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
        today = session.ctx.clock.today
        self.since = AnyDayEdit(self.tr("From any day"), today)
        self.since.setObjectName("auditSince")
        self.until = AnyDayEdit(self.tr("To any day"), today)
        self.until.setObjectName("auditUntil")
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

    @staticmethod
    def _day(edit: QDateEdit):  # noqa: ANN205 - a date or None
        return None if edit.date() == FIRST_DAY else edit.date().toPython()

    def _source(self, text: str) -> AuditSource:
        language = self.session.language
        text_actions = tuple(a for a in self._actions if text.strip()
                             and text.strip() in action_name(a, language))
        flt = AuditFilter(text=text, text_actions=text_actions,
                          action=self.action_filter.currentData(),
                          actor=self.person_filter.currentData(),
                          since=self._day(self.since), until=self._day(self.until))
        return AuditSource(self.session.ctx, flt, self.session.language)

    def load_choices(self) -> None:
        ctx, language = self.session.ctx, self.session.language

        def read() -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]:
            # Named and put in pinyin order here, on the worker: the first pinyin key of a
            # run loads pypinyin's dictionary, a fraction of a second.
            actions = ledger_actions(ctx)
            labelled = sorted(((action_name(a, language), a) for a in actions),
                              key=lambda pair: name_sort_key(pair[0]))
            return actions, labelled, ledger_people(ctx, language)
        self.session.run(self, read, on_done=self._fill_choices)

    def _fill_choices(self, choices: tuple[list[str], list[tuple[str, str]],
                                           list[tuple[str, str]]]) -> None:
        actions, labelled, people = choices
        self._actions = actions
        self.refill_filter(self.action_filter, labelled)
        self.refill_filter(self.person_filter, [(name, login) for login, name in people])

    def _ledger_grew(self, _changes: Changes) -> None:
        self.reload()
        self.load_choices()

    # ------------------------------------------------------------ verifying
    def verify(self) -> None:
        workspace = self.session.workspace
        set_enabled(self.cancel_button, True)
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
        set_enabled(self.cancel_button, False)
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
_HIDDEN_RECORD_FIELDS = {("recording_finding", "key")}   # kind and file, already shown


def _hidden(field: str, object_type: str = "") -> bool:
    return (field in _HIDDEN_FIELDS or field.endswith("_id")
            or (object_type, field) in _HIDDEN_RECORD_FIELDS)


def _value(entry: AuditRow, field: str, value: object, local,  # noqa: ANN001
           language: str) -> str:
    if entry.object_type == "setting" and isinstance(value, str):
        return _setting_value(entry, field, value, local, language)
    if isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            value = json.loads(value)   # a column that keeps JSON text (points, items, …)
        except ValueError:
            pass
    if isinstance(value, (list, dict)):
        return _structure(entry, field, value, local, language)
    if field.endswith("_ns") and isinstance(value, int):   # a file's time, in nanoseconds
        return f"{local(datetime.fromtimestamp(value / 1e9, timezone.utc)):%Y-%m-%d %H:%M:%S}"
    if not isinstance(value, str):
        return value_text(field, value)
    if _DIGEST.fullmatch(value):
        return f"{value[:12]}…"   # a SHA-256 or a key: its start tells it apart
    if _UTC_TEXT.fullmatch(value):
        return f"{local(parse_iso_utc(value)):%Y-%m-%d %H:%M:%S}"   # Beijing time
    if field.endswith("_by"):
        return entry.people.get(value, value)   # a person's name, not a login
    if (entry.object_type, field) in FIELD_KEY_FIELDS:
        return field_name(value, language)
    table = type_table(entry.object_type, field)
    if table and (table, value) in entry.type_names:
        return entry.type_names[table, value]
    if field == "trigger" and ":" in value:   # what drafts a disclosure: "document:<id>"
        what, code = value.split(":", 1)        # or "step:<code>"
        named = (_STEP_NAMES[code].name(language) if what == "step" and code in _STEP_NAMES
                 else value_name("kind", code, language, "issued_document"))
        return named or value
    if field == "step" and value in _STEP_NAMES:
        return _STEP_NAMES[value].name(language)
    return value_name(field, value, language, entry.object_type) or value_text(field, value)


def _setting_value(entry: AuditRow, field: str, value: str, local,  # noqa: ANN001
                   language: str) -> str:
    """A setting's key by its description (config.settings), its value kept as JSON text."""
    from config.settings import SPECS
    if field == "key":
        spec = SPECS.get(value)
        return value if spec is None else (spec.en if language.startswith("en") else spec.zh)
    try:
        decoded = json.loads(value)
    except ValueError:
        return value
    return _value(replace(entry, object_type=""), field, decoded, local, language)


def _structure(entry: AuditRow, field: str, value: list | dict, local,  # noqa: ANN001
               language: str) -> str:
    """A list or an object kept in a change, in words: a digest as its SHA-256's start,
    bytes as a note, an object's keys by their labels, a list's items one after another."""
    if isinstance(value, list):
        return "、".join(_value(entry, field, item, local, language) for item in value) or "—"
    if {"zh", "en"} <= set(value):   # a message kept in both languages
        return str(value["en" if language.startswith("en") else "zh"])
    if set(value) == {"sha256"}:
        return f"SHA-256 {str(value['sha256'])[:12]}…"
    if set(value) == {"base64"}:
        return QCoreApplication.translate("AuditLogPage", "(binary data)")
    return "，".join(f"{field_name(k, language)} {_value(entry, k, v, local, language)}"
                    for k, v in value.items() if not _hidden(k)) or "—"


# Step codes are the same in both procedures; their names too.
_STEP_NAMES = {step.code: step for proc in procedures().values() for step in proc.steps}


_DIGEST = re.compile(r"[0-9a-f]{40,}")
_UTC_TEXT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z")


def summary_text(entry: AuditRow, local, language: str) -> str:  # noqa: ANN001
    """The change in words: each field's label, its value (times in Beijing time)."""
    pair = QCoreApplication.translate("AuditLogPage", "%1: %2")
    change, kind = entry.change, entry.object_type
    if "after" in change:
        before = change.get("before", {})
        parts = [pair.replace("%1", field_name(k, language, kind)).replace(
                     "%2", f"{_value(entry, k, before.get(k), local, language)} → "
                           f"{_value(entry, k, v, local, language)}")
                 for k, v in change["after"].items() if not _hidden(k, kind)]
    else:
        fields = change.get("values", change)
        parts = [pair.replace("%1", field_name(k, language, kind))
                 .replace("%2", _value(entry, k, v, local, language))
                 for k, v in fields.items() if not _hidden(k, kind) and v is not None]
    return QCoreApplication.translate("AuditLogPage", "; ").join(parts)[:200]
