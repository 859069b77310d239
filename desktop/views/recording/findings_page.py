"""Recording findings (音像记录问题): the findings of every case, open ones first, and what
a section head does about them: approve why a step has no recording (the step's findings
become excused) or accept a case's open findings so that it may be closed. Every service
call goes through the session's operation runner; the list follows every change to the
findings (the change hub)."""
from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from compliance.decisions import acknowledge, approve_reason
from compliance.findings import list_findings
from core.permissions import Permission
from desktop.latest_read import LatestRead
from desktop.models.columns import Column
from desktop.models.listed import ListTableModel
from desktop.palette import HINT_STYLE, WARN
from desktop.session import UiSession
from desktop.views.lists.tables import fit, table_view
from desktop.widgets.enabled import set_enabled
from desktop.widgets.feedback import Feedback, deny

SHOWN = frozenset({"recording_finding", "recording_reason", "recording_acknowledgement"})


class FindingsPage(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.rows: list[dict] = []
        hint = QLabel(self.tr("A case with an open finding cannot be closed until its footage "
                              "is linked, a section head approves the reason, or accepts the "
                              "findings."))
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        self.show_all = QCheckBox(self.tr("Also excused and accepted"))
        self.show_all.setObjectName("findingsShowAll")
        self.show_all.toggled.connect(lambda _on: self.reload())
        top = QHBoxLayout()
        top.addWidget(hint, 1)
        top.addWidget(self.show_all)
        self.model = ListTableModel(self._columns(), self)
        self.table = table_view(self.model, "findingsTable")
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.reason = QLineEdit()
        self.reason.setObjectName("findingReason")
        self.reason.setPlaceholderText(self.tr("Reason (e.g. the recorder failed on the spot)"))
        self.excuse_button = QPushButton(self.tr("Approve reason for the step"))
        self.excuse_button.setObjectName("approveReason")
        self.excuse_button.clicked.connect(self.approve)
        self.accept_button = QPushButton(self.tr("Accept the case's open findings"))
        self.accept_button.setObjectName("acceptFindings")
        self.accept_button.clicked.connect(self.accept)
        actions = QHBoxLayout()
        actions.addWidget(self.reason, 1)
        actions.addWidget(self.excuse_button)
        actions.addWidget(self.accept_button)
        self.feedback = Feedback()
        self.feedback.setObjectName("findingsFeedback")
        self.load_feedback = Feedback()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.load_feedback)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.feedback)
        self.allowed = session.can(Permission.ACCEPT_RECORDING_FINDINGS)
        why = self.tr("Only a section head may approve reasons and accept findings.")
        for button in (self.excuse_button, self.accept_button):
            deny(button, self.allowed, why)
        self._read = LatestRead(session, self, where=self.load_feedback)
        session.subscribe(self, SHOWN, lambda _changes: self.reload())
        self._selected()
        self.reload()

    def _columns(self) -> list[Column]:
        def warn(row: dict):  # noqa: ANN202
            return WARN if row["status"] == "open" else None
        status = {"open": self.tr("open"), "excused": self.tr("excused"),
                  "acknowledged": self.tr("accepted"), "resolved": self.tr("resolved")}
        return [Column(lambda: self.tr("Case"), lambda r: r["case"]),
                Column(lambda: self.tr("Finding"), lambda r: r["kind_name"], foreground=warn),
                Column(lambda: self.tr("Step"), lambda r: r["step_name"] or ""),
                Column(lambda: self.tr("Status"), lambda r: status.get(r["status"], r["status"]),
                       foreground=warn),
                Column(lambda: self.tr("Detail"), lambda r: r["detail"],
                       tooltip=lambda r: r["detail"])]

    @property
    def loading(self) -> bool:
        return self._read.loading

    def reload(self) -> None:
        ctx, only_open = self.session.ctx, not self.show_all.isChecked()
        language = self.session.language
        self._read.start(lambda: list_findings(ctx, only_open=only_open, language=language),
                         self._arrived)

    def _arrived(self, rows: list[dict]) -> None:
        self.rows = rows
        self.model.set_rows(rows)
        fit(self.table, widest=420)
        self._selected()

    def selected(self) -> dict | None:
        picked = self.table.selectionModel().selectedRows()
        return self.model.row(picked[0].row()) if picked else None

    def _selected(self) -> None:
        row = self.selected()
        set_enabled(self.excuse_button, self.allowed and row is not None
                    and bool(row["step"]) and row["kind"] != "late_offload")
        set_enabled(self.accept_button, self.allowed and row is not None
                    and row["case_status"] != "closed")

    def approve(self) -> None:
        row, text, ctx = self.selected(), self.reason.text(), self.session.ctx
        if row is None:
            return
        self.session.run(self, lambda: approve_reason(ctx, row["case"], row["step"], text),
                         writes=True, where=self.feedback, busy=self.excuse_button,
                         on_done=self._approved)

    def _approved(self, result) -> None:  # noqa: ANN001 - an ApprovedReason
        self.reason.clear()
        self._selected()   # the busy button comes back as it was: as the selection says
        self.feedback.ok(self.tr("Reason approved: %1 findings of %2 excused.")
                         .replace("%1", str(result.excused)).replace("%2", result.case))

    def accept(self) -> None:
        row, text, ctx = self.selected(), self.reason.text(), self.session.ctx
        if row is None:
            return
        self.session.run(self, lambda: acknowledge(ctx, row["case"], text), writes=True,
                         where=self.feedback, busy=self.accept_button, on_done=self._accepted)

    def _accepted(self, result) -> None:  # noqa: ANN001 - an Acknowledgement
        self.reason.clear()
        self._selected()
        self.feedback.ok(self.tr("Accepted %1 findings of %2: the case may be closed.")
                         .replace("%1", str(len(result.findings))).replace("%2", result.case))
