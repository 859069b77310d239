"""The line at the top of the area: how many drafts are late or due soon and how many
withdrawals are due, in red when something is late. Read off the UI thread and again
whenever a record, a rule or the calendar changes."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop.latest_read import LatestRead
from desktop.palette import EXPIRING_STYLE, OK_STYLE, WARN_STYLE
from desktop.session import UiSession
from desktop.widgets.feedback import Feedback
from disclosure.records import SOON_WORKDAYS, DisclosureSummary, disclosure_summary

# The counts follow the records, the rules' deadlines and the calendar they count on.
SHOWN = frozenset({"disclosure_record", "disclosure_rule", "workday_calendar_year"})


class DashboardLine(QLabel):
    def __init__(self, session: UiSession, where: Feedback,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("disclosureDashboard")
        self.setWordWrap(True)
        self.summary: DisclosureSummary | None = None
        self._read = LatestRead(session, self, where=where)
        session.subscribe(self, SHOWN, lambda _changes: self.reload())
        self.reload()

    @property
    def loading(self) -> bool:
        return self._read.loading

    def reload(self) -> None:
        ctx = self.session.ctx
        self._read.start(lambda: disclosure_summary(ctx), self._show)

    def _show(self, summary: DisclosureSummary) -> None:
        self.summary = summary
        late = summary.overdue + summary.withdrawals_overdue
        parts = [
            self.tr("Overdue: %1").replace("%1", str(summary.overdue)),
            self.tr("due within %1 working days: %2").replace("%1", str(SOON_WORKDAYS))
            .replace("%2", str(summary.due_soon)),
            self.tr("withdrawals due: %1 (%2 late)").replace("%1", str(summary.withdrawals_due))
            .replace("%2", str(summary.withdrawals_overdue)),
            self.tr("awaiting approval: %1").replace("%1", str(summary.drafted)),
            self.tr("approved, to publish: %1").replace("%1", str(summary.reviewed)),
        ]
        self.setText(" · ".join(parts))
        if late:
            self.setStyleSheet(WARN_STYLE + " font-weight: bold;")
        elif summary.due_soon or summary.withdrawals_due:
            self.setStyleSheet(EXPIRING_STYLE + " font-weight: bold;")
        else:
            self.setStyleSheet(OK_STYLE)
