"""Devices not back by their due time."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop.models.columns import Column
from desktop.models.loaded_list import LoadedListModel
from desktop.session import UiSession
from desktop.widgets.feedback import Feedback
from desktop.widgets.table_page import TablePage
from devices.custody import CustodyRow, overdue


class OverduePage(TablePage):
    """Reloads when a checkout or a device changes. A device also falls overdue with no
    change at all, as its due time passes: Refresh looks again."""

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        lang = session.language
        ctx = session.ctx
        clock = ctx.clock
        when = lambda t: f"{clock.local(t):%Y-%m-%d %H:%M}"  # noqa: E731
        self.summary = QLabel()
        self.summary.setObjectName("overdueSummary")
        self.tools.addWidget(self.summary)
        self.tools.addStretch(1)
        self.refresh_button = self.add_button(self.tr("Refresh"), "refreshOverdue",
                                              lambda: self.model.reload())
        self.feedback = Feedback()
        self.feedback.setObjectName("overdueFeedback")
        self.layout().insertWidget(1, self.feedback)
        self.model: LoadedListModel[CustodyRow] = LoadedListModel(
            session, self, lambda: overdue(ctx), [
                Column(lambda: self.tr("Serial"), lambda c: c.serial),
                Column(lambda: self.tr("Type"), lambda c: c.type_name(lang)),
                Column(lambda: self.tr("Officer"),
                       lambda c: f"{c.officer_name}（{c.certificate_number}）"),
                Column(lambda: self.tr("Checked out"), lambda c: when(c.checked_out_at)),
                Column(lambda: self.tr("Due back"), lambda c: when(c.due_at)),
                Column(lambda: self.tr("Overdue by"), lambda c: self._late(c.due_at)),
            ], where=self.feedback)
        self.table.setModel(self.model)
        self.add_export(session, self.model, self.tr("Overdue devices"))
        self.model.loaded.connect(self._loaded)
        session.subscribe(self, {"custody", "device"}, lambda _changes: self.model.reload())
        self.model.reload()

    @property
    def loading(self) -> bool:
        return self.model.loading

    def _late(self, due) -> str:  # noqa: ANN001
        minutes = int((self.session.ctx.clock.now() - due).total_seconds() // 60)
        days, rest = divmod(minutes, 24 * 60)
        hours = rest // 60
        if days:
            return self.tr("%1 d %2 h").replace("%1", str(days)).replace("%2", str(hours))
        return self.tr("%1 h %2 min").replace("%1", str(hours)).replace("%2", str(rest % 60))

    def _loaded(self, count: int) -> None:
        self.summary.setText(self.tr("Devices overdue: %1").replace("%1", str(count)))
        self.table.resizeColumnsToContents()
