"""Withdrawing a published record: the reason is published with the withdrawal notice
(行政处罚法 第四十八条), so it is asked for; a refusal stays in the dialog with the reason
still typed."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from desktop.session import UiSession
from desktop.widgets.form_dialog import FormDialog
from disclosure.records import DisclosureDetail, DisclosureRow
from disclosure.workflow import withdraw_disclosure


class WithdrawDialog(FormDialog):
    def __init__(self, session: UiSession, record: DisclosureRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.record = record
        self.setWindowTitle(self.tr("Withdraw a disclosure"))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("withdrawReason")
        self.reason.setPlaceholderText(self.tr("Why the decision was changed, revoked or "
                                               "found void: published with the notice"))
        self.reason.setTabChangesFocus(True)
        self.reason.setMinimumHeight(80)
        form = QFormLayout()
        form.addRow(self.tr("Record"), QLabel(record.document_number or record.case_number))
        form.addRow(self.tr("Reason"), self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.finish(layout)
        self.setMinimumWidth(460)

    def save_call(self) -> Callable[[], DisclosureDetail]:
        ctx, key, reason = self.session.ctx, self.record.id, self.reason.toPlainText()
        return lambda: withdraw_disclosure(ctx, key, reason)
