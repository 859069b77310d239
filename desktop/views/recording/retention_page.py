"""Footage retention (音像资料保存): what is due for removal, and the four-eyes purge: one
admin starts a run of what is due, a different admin approves and carries it out. Every
service call goes through the session's operation runner; the page follows changes to
footage, links, holds and purges."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.permissions import Permission
from desktop.latest_read import LatestRead
from desktop.models.columns import Column
from desktop.models.listed import ListTableModel
from desktop.palette import HINT_STYLE
from desktop.session import UiSession
from desktop.views.lists.tables import fit, table_view
from desktop.widgets.enabled import set_enabled
from desktop.widgets.feedback import Feedback, deny
from evidence.purge import PurgeRunInfo, approve_purge, pending_purge, start_purge
from evidence.retention import CLASS_LABELS, Retention, due

SHOWN = frozenset({"footage", "evidence_link", "legal_hold", "purge_run", "purged_file",
                   "case_step", "setting"})


class RetentionPage(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.rows: list[Retention] = []
        self.pending: PurgeRunInfo | None = None
        hint = QLabel(self.tr("Files past their retention period. Important, held and open-case "
                              "files are never listed. Removing them needs two administrators."))
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        self.model = ListTableModel(self._columns(), self)
        self.table = table_view(self.model, "retentionTable")
        self.status = QLabel()
        self.status.setObjectName("purgeStatus")
        self.status.setWordWrap(True)
        self.start_button = QPushButton(self.tr("Start purge"))
        self.start_button.setObjectName("startPurge")
        self.start_button.clicked.connect(self.start)
        self.approve_button = QPushButton(self.tr("Approve and purge"))
        self.approve_button.setObjectName("approvePurge")
        self.approve_button.clicked.connect(self.approve)
        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        actions.addWidget(self.start_button)
        actions.addWidget(self.approve_button)
        self.feedback = Feedback()
        self.feedback.setObjectName("retentionFeedback")
        self.load_feedback = Feedback()
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.load_feedback)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.feedback)
        self.allowed = session.can(Permission.MANAGE_RETENTION)
        why = self.tr("Only an administrator may purge footage.")
        for button in (self.start_button, self.approve_button):
            deny(button, self.allowed, why)
        self._read = LatestRead(session, self, where=self.load_feedback)
        session.subscribe(self, SHOWN, lambda _changes: self.reload())
        self.reload()

    def _columns(self) -> list[Column]:
        english = self.session.language.startswith("en")
        local = self.session.workspace.clock.local
        return [Column(lambda: self.tr("File"), lambda r: r.original_name),
                Column(lambda: self.tr("Recorded"), lambda r: local(r.recorded_at)
                       .strftime("%Y-%m-%d %H:%M") if r.recorded_at else ""),
                Column(lambda: self.tr("Size"), lambda r: r.size),
                Column(lambda: self.tr("Class"),
                       lambda r: CLASS_LABELS[r.retention_class][1 if english else 0]),
                Column(lambda: self.tr("Kept until"), lambda r: r.keep_until.isoformat()
                       if r.keep_until else ""),
                Column(lambda: self.tr("Reason"), lambda r: r.reason(self.session.language),
                       tooltip=lambda r: r.sha256)]

    @property
    def loading(self) -> bool:
        return self._read.loading

    def reload(self) -> None:
        ctx = self.session.ctx
        if not self.allowed:
            self.status.setText(self.tr("Only an administrator may purge footage."))
            return
        self._read.start(lambda: (due(ctx), pending_purge(ctx)), self._arrived)

    def _arrived(self, found: tuple[list[Retention], PurgeRunInfo | None]) -> None:
        self.rows, self.pending = found
        self.model.set_rows(self.rows)
        fit(self.table, widest=360)
        self._show_state()

    def _show_state(self) -> None:
        """The status line and buttons for ``rows`` and ``pending``; also called with what
        a purge's start or approval returned."""
        mine = (self.pending is not None
                and self.pending.created_by == self.session.ctx.actor.username)
        if self.pending is None:
            self.status.setText(self.tr("%1 files due; no purge is waiting.")
                                .replace("%1", str(len(self.rows))))
        else:
            self.status.setText(self.tr("A purge of %1 files started by %2 is waiting for a "
                                        "second administrator.")
                                .replace("%1", str(len(self.pending.items)))
                                .replace("%2", self.pending.created_by))
        set_enabled(self.start_button, self.allowed and self.pending is None and bool(self.rows))
        set_enabled(self.approve_button, self.allowed and self.pending is not None and not mine)

    def start(self) -> None:
        ctx, store = self.session.ctx, self.session.workspace.store
        self.session.run(self, lambda: start_purge(ctx, store), writes=True, where=self.feedback,
                         busy=self.start_button, on_done=self._started)

    def _started(self, run: PurgeRunInfo) -> None:
        self.pending = run
        self._show_state()
        self.feedback.ok(self.tr("Purge of %1 files started: another administrator approves it.")
                         .replace("%1", str(len(run.items))))

    def approve(self) -> None:
        ctx, store = self.session.ctx, self.session.workspace.store
        self.session.run(self, lambda: approve_purge(ctx, store), writes=True,
                         where=self.feedback, busy=self.approve_button, on_done=self._approved)

    def _approved(self, run: PurgeRunInfo) -> None:
        self.pending = None
        self.rows = [r for r in self.rows if r.sha256 not in set(run.removed)]
        self.model.set_rows(self.rows)
        self._show_state()
        self.feedback.ok(self.tr("Removed %1 files; %2 kept as things changed.")
                         .replace("%1", str(len(run.removed)))
                         .replace("%2", str(len(run.skipped))))
