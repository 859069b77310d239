"""The Sync area: where this workstation stands with HQ, what waits to go up, the pass in
progress, the last result and error, and "sync now".

Everything shown is read by a read operation (sync.status.sync_status), again whenever the
ledger grows (every change waits to go up) and when a pass ends; the pass itself runs on
the BackgroundSync of the window's session, which keeps running when this area is not
shown."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from core.permissions import Permission
from desktop.background_sync import BackgroundSync, PassOutcome
from desktop.formatting import human_bytes, shown_text
from desktop.palette import WARN_STYLE
from desktop.session import UiSession
from desktop.widgets.enabled import set_enabled
from desktop.widgets.progress_bar import ProgressBar

QUEUE_ROWS = 200


def _unit_name(workspace, unit_id: str | None) -> str | None:  # noqa: ANN001
    if not unit_id:
        return None
    from db.models import Unit
    with workspace.db.read() as session:
        unit = session.get(Unit, unit_id)
    return unit.name if unit is not None else None


class SyncArea(QWidget):
    def __init__(self, session: UiSession, background: BackgroundSync,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.background = session, background
        self.status: dict[str, Any] | None = None
        self._reading = self._again = False

        heading = QLabel(self.tr("Sync with headquarters"))
        heading.setObjectName("areaTitle")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)

        # Link
        self.server = QLabel()
        self.server.setObjectName("syncServer")
        self.unit = QLabel()
        self.unit.setObjectName("syncUnit")
        self.workstation = QLabel(session.workspace.workstation_id)
        self.workstation.setObjectName("syncWorkstation")
        self.workstation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.enroll_button = QPushButton(self.tr("Enroll at headquarters…"))
        self.enroll_button.setObjectName("syncEnroll")
        set_enabled(self.enroll_button, session.can(Permission.MANAGE_SYNC))
        self.enroll_button.clicked.connect(self._enroll)
        link_box = QGroupBox(self.tr("Headquarters"))
        link_form = QFormLayout(link_box)
        link_form.addRow(self.tr("Server"), self.server)
        link_form.addRow(self.tr("Unit"), self.unit)
        link_form.addRow(self.tr("This workstation"), self.workstation)
        link_form.addRow("", self.enroll_button)

        # State of the passes
        self.last_success = QLabel()
        self.last_success.setObjectName("syncLastSuccess")
        self.last_attempt = QLabel()
        self.last_attempt.setObjectName("syncLastAttempt")
        self.next_pass = QLabel()
        self.next_pass.setObjectName("syncNext")
        self.error = QLabel()
        self.error.setObjectName("syncError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(WARN_STYLE)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A clock far from HQ's (sync.clock): shown only then.
        self.clock = QLabel()
        self.clock.setObjectName("syncClock")
        self.clock.setWordWrap(True)
        self.clock.setStyleSheet(WARN_STYLE)
        self.clock.hide()
        self.progress = ProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.note = QLabel()
        self.note.setObjectName("syncNote")
        self.sync_now = QPushButton(self.tr("Sync now"))
        self.sync_now.setObjectName("syncNow")
        self.sync_now.clicked.connect(self._sync_now)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setObjectName("syncCancel")
        self.cancel.clicked.connect(background.cancel)
        self.cancel.hide()
        state_box = QGroupBox(self.tr("Status"))
        state_form = QFormLayout(state_box)
        state_form.addRow(self.tr("Last success"), self.last_success)
        state_form.addRow(self.tr("Last attempt"), self.last_attempt)
        state_form.addRow(self.tr("Next automatic sync"), self.next_pass)
        state_form.addRow(self.tr("Last error"), self.error)
        state_form.addRow(self.clock)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_now)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.progress, 1)
        state_form.addRow(buttons)
        state_form.addRow("", self.note)

        # What waits to go up, and what the last pass did
        self.pending_entries = QLabel()
        self.pending_entries.setObjectName("syncPendingEntries")
        self.pending_files = QLabel()
        self.pending_files.setObjectName("syncPendingFiles")
        self.queue = QTableWidget(0, 3)
        self.queue.setObjectName("syncQueue")
        self.queue.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("File"), self.tr("Size")])
        self.queue.verticalHeader().hide()
        self.queue.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.queue.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.queue.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        queue_box = QGroupBox(self.tr("Waiting to go up"))
        queue_layout = QVBoxLayout(queue_box)
        counts = QFormLayout()
        counts.addRow(self.tr("Ledger entries"), self.pending_entries)
        counts.addRow(self.tr("Files"), self.pending_files)
        queue_layout.addLayout(counts)
        queue_layout.addWidget(self.queue, 1)
        self.summary = QLabel()
        self.summary.setObjectName("syncSummary")
        self.summary.setWordWrap(True)
        summary_box = QGroupBox(self.tr("Last pass"))
        QVBoxLayout(summary_box).addWidget(self.summary)

        top = QHBoxLayout()
        top.addWidget(link_box, 1)
        top.addWidget(state_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(queue_box, 1)
        layout.addWidget(summary_box)

        background.started.connect(self._pass_started)
        background.progress.connect(self._pass_progress)
        background.finished.connect(self._pass_finished)
        self._show_running(background.running)
        # Any change is one more ledger entry waiting to go up.
        session.subscribe(self, None, lambda _changes: self.refresh())
        self.refresh()

    # ------------------------------------------------------------------ reading
    def refresh(self) -> None:
        if self._reading:
            self._again = True   # read once more when this one is back
            return
        self._reading, self._again = True, False
        workspace = self.session.workspace

        def read():  # noqa: ANN202
            from sync.status import sync_status
            from sync.upload import pending_objects
            # What waits to go up is shown before enrollment too (sync_status counts it
            # from the data): a clerk sees what the first sync will send.
            objects = pending_objects(workspace)
            status = sync_status(workspace, objects=objects).as_json()
            status["unit_name"] = _unit_name(workspace, status.get("unit_id"))
            queue = [(o.kind, o.name or o.sha256, o.size) for o in objects[:QUEUE_ROWS]]
            return status, queue

        self.session.run(self, read, on_done=self._show_status, on_refused=self._read_failed,
                         on_failed=self._read_failed)

    def _read_failed(self, error: Exception) -> None:
        self._reading = False
        self.error.setText(self.session.message(error))

    def _show_status(self, result: tuple[dict[str, Any], list]) -> None:
        self._reading = False
        if self._again:
            self.refresh()
        status, queue = result
        self.status = status
        enrolled = bool(status.get("enrolled"))
        self.enroll_button.setVisible(not enrolled)
        set_enabled(self.sync_now, enrolled and self.session.can(Permission.RUN_SYNC)
                    and not self.background.running)
        if enrolled:
            self.server.setText(status.get("server") or "")
            self.unit.setText(status.get("unit_name")
                              or self.tr("(arrives with the first sync)"))
        else:
            self.server.setText(self.tr("Not enrolled at HQ: this workstation works offline"))
            self.unit.setText("—")
        self.last_success.setText(self._time(status.get("last_success_at")))
        self.last_attempt.setText(self._time(status.get("last_attempt_at")))
        self.error.setText(status.get("last_error") or self.tr("None"))
        self.error.setStyleSheet(WARN_STYLE if status.get("last_error") else "")
        self._show_next(enrolled)
        self._show_clock(status.get("clock") or {})
        pending = status.get("pending") or {}
        self.pending_entries.setText(str(pending.get("entries", 0)))
        self.pending_files.setText(self.tr("%1 (%2)").replace("%1", str(pending.get("files", 0)))
                                   .replace("%2", human_bytes(int(pending.get("bytes", 0)))))
        self.queue.setRowCount(len(queue))
        for row, (kind, name, size) in enumerate(queue):
            for column, text in enumerate((self._kind(kind), shown_text(name),
                                           human_bytes(size))):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.queue.setItem(row, column, item)
        self._show_summary(status.get("last_summary"))

    def _show_clock(self, clock: dict[str, Any]) -> None:
        offset = clock.get("offset_s")
        if not clock.get("warning") or offset is None:
            self.clock.hide()
            return
        text = (self.tr("This workstation's clock is %1 s behind HQ's: correct the system "
                        "time.") if offset > 0 else
                self.tr("This workstation's clock is %1 s ahead of HQ's: correct the system "
                        "time."))
        self.clock.setText(text.replace("%1", f"{abs(float(offset)):.0f}"))
        self.clock.show()

    def _show_next(self, enrolled: bool) -> None:
        # A time of day, not a countdown: it stays true without redrawing every second.
        at = self.background.next_at
        self.next_pass.setText(
            self.tr("at %1").replace("%1", f"{self.session.workspace.clock.local(at):%H:%M:%S}")
            if enrolled and at is not None else "—")

    def _time(self, value: Any) -> str:
        if not value:
            return self.tr("Never")
        from core.clock import parse_iso_utc
        instant = parse_iso_utc(value) if isinstance(value, str) else value
        return f"{self.session.workspace.clock.local(instant):%Y-%m-%d %H:%M:%S}"

    def _kind(self, kind: str) -> str:
        return {"footage": self.tr("Footage"), "thumbnail": self.tr("Thumbnail"),
                "manifest": self.tr("Offload manifest"), "document": self.tr("Case document"),
                "signature": self.tr("Signature")}.get(kind, self.tr("File"))

    def _show_summary(self, summary: Any) -> None:
        if not summary:
            self.summary.setText(self.tr("No pass has run yet."))
            return
        if isinstance(summary, str):
            import json
            summary = json.loads(summary)
        text = (self.tr("Ledger entries sent: %1, reference records received: %2; files sent: "
                        "%3 (%4), already at HQ: %5, confirmed: %6; %7 s.")
                .replace("%1", str(summary.get("entries_sent", 0)))
                .replace("%2", str(summary.get("entries_received", 0)))
                .replace("%3", str(summary.get("files_sent", 0)))
                .replace("%4", human_bytes(int(summary.get("bytes_sent", 0))))
                .replace("%5", str(summary.get("files_already_held", 0)))
                .replace("%6", str(summary.get("files_confirmed", 0)))
                .replace("%7", f"{float(summary.get('seconds', 0)):.1f}"))
        errors = summary.get("errors") or []
        if errors:
            text += "\n" + self.tr("Problems: %1").replace("%1", "；".join(errors[:5]))
        self.summary.setText(text)

    # ------------------------------------------------------------------ passes
    def _sync_now(self) -> None:
        if self.background.sync_now():
            self._show_running(True)

    def _show_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel.setVisible(running)
        enrolled = bool(self.status and self.status.get("enrolled"))
        set_enabled(self.sync_now, not running and enrolled
                    and self.session.can(Permission.RUN_SYNC))
        if running:
            self.progress.setRange(0, 0)
            self.note.setText(self.tr("Syncing…"))

    def _pass_started(self) -> None:
        self._show_running(True)

    def _pass_progress(self, done: int, total: int, note: str) -> None:
        if total and total > 0:
            # Byte counts pass 2**31: show per mille, not raw values, in the int-only bar.
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * min(done, total) / total))
        else:
            self.progress.setRange(0, 0)
        self.note.setText(note)

    def _pass_finished(self, outcome: PassOutcome) -> None:
        self._show_running(False)
        if outcome.error is not None:
            self.note.setText(self.tr("The last pass failed: %1")
                              .replace("%1", self.session.message(outcome.error)))
        elif not outcome.ok:
            errors = list(getattr(outcome.summary, "errors", None) or [])
            self.note.setText(self.tr("The last pass failed: %1")
                              .replace("%1", "；".join(errors[:3])))
        else:
            self.note.setText(self.tr("The last pass finished."))
        self.refresh()

    def _enroll(self) -> None:
        from desktop.views.sync.enroll_dialog import EnrollDialog
        dialog = EnrollDialog(self.session, self)
        if dialog.exec():
            self.background.sync_now()   # the area refreshes from the link's change
