"""The audit ledger, newest first, and a check of the whole chain run in the background."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from audit.log import LogEntry, recent_entries
from audit.verify import LedgerReport, verify_ledger
from core.clock import parse_iso_utc
from core.errors import DomainError
from desktop.changes import Changes
from desktop.labels import action_label, field_label, object_type_label, value_text
from desktop.models.columns import Column
from desktop.models.loaded_list import LoadedListModel
from desktop.operations import Operation
from desktop.palette import OK_STYLE, WARN_STYLE
from desktop.session import UiSession
from desktop.widgets.table_page import TablePage
from desktop.widgets.progress_bar import ProgressBar

SHOWN = 500


class AuditLogPage(TablePage):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        local = session.ctx.clock.local
        ctx = session.ctx
        self.model: LoadedListModel[LogEntry] = LoadedListModel(
            session, self, lambda: recent_entries(ctx, limit=SHOWN), [
                Column(lambda: self.tr("No."), lambda e: e.seq),
                Column(lambda: self.tr("Time"),
                       lambda e: f"{local(parse_iso_utc(e.at)):%Y-%m-%d %H:%M:%S}"),
                Column(lambda: self.tr("User"), lambda e: e.actor),
                Column(lambda: self.tr("Action"), lambda e: action_label(e.action)),
                Column(lambda: self.tr("Record"), lambda e: object_type_label(e.object_type)),
                Column(lambda: self.tr("Change"), lambda e: _summary(e)),
            ])
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        for column, width in enumerate((60, 150, 90, 150, 100)):
            self.table.setColumnWidth(column, width)
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
        self.tools.addWidget(self.progress, 1)
        self.tools.addWidget(self.result, 2)
        self._job: Operation | None = None
        # The page shows the ledger itself: every change, of any record, is a new entry.
        # So it listens to all of them, and starts the watcher as a subscription would.
        session.changes.changed.connect(self._ledger_grew)
        session.changes.start()
        self.model.reload()

    @property
    def loading(self) -> bool:
        return self.model.loading

    def _ledger_grew(self, _changes: Changes) -> None:
        self.model.reload()

    def verify(self) -> None:
        workspace = self.session.workspace
        self.cancel_button.setEnabled(True)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.result.setStyleSheet("")
        self.result.setText(self.tr("Checking…"))
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
_HIDDEN_FIELDS = {"id", "created_at", "user_id", "officer_id", "unit_id"}


def _summary(entry: LogEntry) -> str:
    pair = QCoreApplication.translate("AuditLogPage", "%1: %2")
    change = entry.change
    if "after" in change:
        before = change.get("before", {})
        parts = [pair.replace("%1", field_label(k)).replace(
                     "%2", f"{value_text(k, before.get(k))} → {value_text(k, v)}")
                 for k, v in change["after"].items() if k not in _HIDDEN_FIELDS]
    else:
        fields = change.get("values", change)
        parts = [pair.replace("%1", field_label(k)).replace("%2", value_text(k, v))
                 for k, v in fields.items() if k not in _HIDDEN_FIELDS and v is not None]
    return QCoreApplication.translate("AuditLogPage", "; ").join(parts)[:200]
