"""Devices not back by their due time."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop.models.columns import Column
from desktop.models.listed import ListTableModel
from desktop.session import UiSession
from desktop.views.admin.table_page import TablePage
from devices.custody import overdue


class OverduePage(TablePage):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        lang = session.language
        clock = session.ctx.clock
        self.summary = QLabel()
        self.summary.setObjectName("overdueSummary")
        self.tools.addWidget(self.summary)
        self.tools.addStretch(1)
        self.add_button(self.tr("Refresh"), "refreshOverdue", self.refresh)
        self.model = ListTableModel([
            Column(lambda: self.tr("Serial"), lambda c: c.serial),
            Column(lambda: self.tr("Type"),
                   lambda c: c.type_name_en if lang == "en" else c.type_name_zh),
            Column(lambda: self.tr("Officer"),
                   lambda c: f"{c.officer_name}（{c.certificate_number}）"),
            Column(lambda: self.tr("Checked out"),
                   lambda c: f"{clock.local(c.checked_out_at):%Y-%m-%d %H:%M}"),
            Column(lambda: self.tr("Due back"), lambda c: f"{clock.local(c.due_at):%Y-%m-%d %H:%M}"),
            Column(lambda: self.tr("Overdue by"), lambda c: self._late(c.due_at)),
        ], self)
        self.table.setModel(self.model)
        self.refresh()

    def _late(self, due) -> str:  # noqa: ANN001
        minutes = int((self.session.ctx.clock.now() - due).total_seconds() // 60)
        days, rest = divmod(minutes, 24 * 60)
        hours = rest // 60
        if days:
            return self.tr("%1 d %2 h").replace("%1", str(days)).replace("%2", str(hours))
        return self.tr("%1 h %2 min").replace("%1", str(hours)).replace("%2", str(rest % 60))

    def refresh(self) -> None:
        rows = overdue(self.session.ctx)
        self.model.set_rows(rows)
        self.summary.setText(self.tr("Devices overdue: %1").replace("%1", str(len(rows))))
        self.table.resizeColumnsToContents()
