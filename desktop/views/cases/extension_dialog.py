"""The head's approval of an extension (延期) of a case's 办案期限: how many days (at most what
the case's rule allows) and why. The case service decides (casework.extensions): a limit
that has run out, a second extension or too many days are refused in the dialog, with
what was typed kept."""
from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtWidgets import QFormLayout, QLabel, QPlainTextEdit, QSpinBox, QWidget

from casework.cases import CaseDetail
from casework.extensions import extend_deadline
from desktop.session import UiSession
from desktop.widgets.form_dialog import FormDialog


class ExtensionDialog(FormDialog):
    def __init__(self, session: UiSession, detail: CaseDetail,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        deadline = detail.row.deadline
        assert deadline is not None
        self.detail, self.deadline = detail, deadline
        self.setWindowTitle(self.tr("Approve an extension of the time limit"))
        self.case_label = QLabel(f"{detail.number} · {detail.row.cause}")
        self.case_label.setWordWrap(True)
        self.due = QLabel(f"{deadline.due_on:%Y-%m-%d}")
        self.due.setObjectName("extensionDue")
        self.rule = QLabel(deadline.limit.source)
        self.rule.setObjectName("extensionRule")
        self.rule.setWordWrap(True)
        self.days = QSpinBox()
        self.days.setObjectName("extensionDays")
        self.days.setRange(1, max(1, deadline.limit.extension))
        self.days.setValue(deadline.limit.extension)
        self.days.setSuffix(self.tr(" days"))
        self.days.setMaximumWidth(120)
        self.new_due = QLabel()
        self.new_due.setObjectName("extensionNewDue")
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("extensionReason")
        self.reason.setPlaceholderText(self.tr("e.g. the case is complex and needs an expert "
                                               "opinion"))
        self.reason.setFixedHeight(90)
        self.feedback.setObjectName("extensionFeedback")
        form = QFormLayout(self)
        form.addRow(self.tr("Case"), self.case_label)
        form.addRow(self.tr("Last day now"), self.due)
        form.addRow(self.tr("Rule"), self.rule)
        form.addRow(self.tr("Extend by"), self.days)
        form.addRow(self.tr("New last day"), self.new_due)
        form.addRow(self.tr("Reason *"), self.reason)
        form.addRow(self.feedback)
        form.addRow(self.buttons)
        self.ok_button.setText(self.tr("Approve"))
        self.days.valueChanged.connect(lambda _: self._show_new_due())
        self._show_new_due()
        self.setMinimumWidth(520)

    def _show_new_due(self) -> None:
        due = self.deadline.due_on + timedelta(days=self.days.value())
        self.new_due.setText(f"{due:%Y-%m-%d}")

    def save_call(self) -> Callable[[], CaseDetail] | None:
        reason = self.reason.toPlainText().strip()
        if not reason:
            self.feedback.error(self.tr("Enter the reason for the extension."))
            return None
        ctx, number, days = self.session.ctx, self.detail.number, self.days.value()
        return lambda: extend_deadline(ctx, number, reason, days)
