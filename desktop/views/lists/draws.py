"""The double-random draws (双随机抽查): the inspection tasks above, the chosen task below
with its inputs (item, target pool, ratio, recusals), every draw (a superseded one with
the reason it was redrawn), the drawn targets with their inspectors and results, and how
anyone re-checks it. New draw, redraw and result recording are dialogs
(desktop.views.lists.draw_dialogs); every read and write runs off the UI thread."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QHBoxLayout, QPushButton, QSplitter, QTextBrowser, QVBoxLayout,
                               QWidget)

from core.permissions import Permission
from desktop.latest_read import LatestRead
from desktop.models.columns import Column
from desktop.models.loaded_list import LoadedListModel
from desktop.session import UiSession
from desktop.palette import QUIET_HEX
from desktop.views.lists.draw_dialogs import (NewDrawDialog, RedrawDialog, ResultDialog,
                                              drawn_at, drawn_html)
from desktop.views.lists.tables import fit, table_view
from desktop.widgets.feedback import Feedback, deny
from inspections.records import TaskRow, draw_choices, list_tasks, task_detail

SHOWN = frozenset({"inspection_task", "inspection_target", "inspection_recusal",
                   "inspection_draw", "inspection_assignment", "inspection_result"})


class DrawsPage(QWidget):
    kind = "draws"    # the lists area finds its pages by kind

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.detail: dict | None = None
        ctx, lang = session.ctx, session.language
        self.model: LoadedListModel[TaskRow] = LoadedListModel(
            session, self, lambda: list_tasks(ctx, lang), [
                Column(lambda: self.tr("Task"), lambda r: r.number),
                Column(lambda: self.tr("Item"), lambda r: f"{r.item_code} {r.item_content}"),
                Column(lambda: self.tr("Ratio or count"), lambda r: r.selection),
                Column(lambda: self.tr("Pool"), lambda r: r.target_count),
                Column(lambda: self.tr("Draws"), lambda r: r.draws),
                Column(lambda: self.tr("Drawn at"), lambda r: self._when(r)),
                Column(lambda: self.tr("Results"), lambda r: f"{r.results}/{r.drawn}"),
            ])
        self.table = table_view(self.model, "drawTasks")
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_task())
        self.model.loaded.connect(lambda _n: (fit(self.table), self._reselect()))
        self.feedback = Feedback()
        self.feedback.setObjectName("drawFeedback")
        self.new_button = self._button(self.tr("New draw…"), "newDraw", self.open_new)
        deny(self.new_button, session.can(Permission.RUN_DRAWS),
             self.tr("Your roles do not allow running random inspection draws."))
        self.redraw_button = self._button(self.tr("Redraw…"), "redraw", self.open_redraw)
        deny(self.redraw_button, session.can(Permission.REDRAW),
             self.tr("Only an administrator may redraw, with a reason."))
        self.result_button = self._button(self.tr("Record a result…"), "drawResult",
                                          self.open_result)
        deny(self.result_button, session.can(Permission.RECORD_INSPECTIONS),
             self.tr("Your roles do not allow recording inspection results."))
        tools = QHBoxLayout()
        for button in (self.new_button, self.redraw_button, self.result_button):
            tools.addWidget(button)
        tools.addStretch(1)
        self.view = QTextBrowser()
        self.view.setObjectName("drawDetail")
        self.view.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.view)
        splitter.setSizes([200, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.feedback)
        layout.addWidget(splitter, 1)
        self._read = LatestRead(session, self, where=self.feedback)
        self.chosen: str | None = None
        session.subscribe(self, SHOWN, lambda _changes: self.model.reload())
        self.model.reload()

    def _button(self, text: str, name: str, slot) -> QPushButton:  # noqa: ANN001
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    @property
    def loading(self) -> bool:
        return self.model.loading or self._read.loading

    def _when(self, row: TaskRow) -> str:
        if row.drawn_at is None:
            return self.tr("not drawn")
        return f"{self.session.workspace.clock.local(row.drawn_at):%Y-%m-%d %H:%M}"

    # ------------------------------------------------------------- the chosen task
    def _selected(self) -> TaskRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _reselect(self) -> None:
        """The task chosen before the list was read again stays chosen; its detail is read
        again (it may be what changed)."""
        for index in range(self.model.rowCount()):
            if self.model.row(index).number == self.chosen:
                self.table.selectRow(index)
                self.show_task()
                return
        if self.model.rowCount() and self.chosen is None:
            self.table.selectRow(0)

    def select_task(self, number: str) -> None:
        self.chosen = number
        self._reselect()

    def show_task(self) -> None:
        row = self._selected()
        if row is None:
            return
        self.chosen = row.number
        ctx, lang, number = self.session.ctx, self.session.language, row.number
        self._read.start(lambda: task_detail(ctx, number, lang), self._arrived)

    def _arrived(self, detail: dict) -> None:
        self.detail = detail
        self.view.setHtml(self._html(detail))

    def _labels(self) -> dict[str, str]:
        """The detail's words, escaped for HTML (lupdate reads each self.tr call here)."""
        words = {"inputs": self.tr("Inputs"), "body": self.tr("Inspecting body"),
                 "basis": self.tr("Basis"), "method": self.tr("Method"),
                 "version": self.tr("list version"), "pool": self.tr("Pool"),
                 "how": self.tr("Ratio or count"), "from": self.tr("Inspectors from"),
                 "all": self.tr("All units"), "recusals": self.tr("Recusals"),
                 "draw": self.tr("Draw"), "seed": self.tr("seed"),
                 "superseded": self.tr("superseded"), "undrawn": self.tr("Not drawn yet."),
                 "because": self.tr("Redrawn because"), "results": self.tr("Results")}
        return {key: html.escape(text) for key, text in words.items()}

    def _html(self, detail: dict) -> str:
        e, t = html.escape, self._labels()
        item = detail["item"]
        how = detail["ratio"] if detail["ratio"] else self.tr("%1 targets").replace(
            "%1", str(detail["count"]))
        parts = [f"<h3>{e(detail['task'])} · {e(item.get('code', ''))} "
                 f"{e(item.get('content', ''))}</h3>",
                 f"<p><b>{t['inputs']}</b><br>{t['body']}: {e(item.get('body', ''))}; "
                 f"{t['basis']}: {e(item.get('basis', ''))}; "
                 f"{t['method']}: {e(item.get('method', ''))} "
                 f"({t['version']} {e(item.get('list_version', ''))})<br>"
                 f"{t['pool']}: {detail['pool']} ({e(detail['pool_file'])}, SHA-256 "
                 f"<code>{e(detail['pool_sha256'][:16])}…</code>); {t['how']}: {e(str(how))}; "
                 f"{t['from']}: {e(detail['unit']) if detail['unit'] else t['all']}</p>"]
        if detail["recusals"]:
            parts.append(f"<p><b>{t['recusals']}</b><br>" + "<br>".join(
                f"{e(r['certificate'])} × {e(r['uscc'])}: {e(r['reason'])}"
                for r in detail["recusals"]) + "</p>")
        for draw in detail["draws"][:-1]:
            parts.append(f"<p style='color:{QUIET_HEX}'>{t['draw']} {draw['draw']} "
                         f"({e(drawn_at(draw))}, {t['seed']} <code>{e(draw['seed'])}"
                         f"</code>): {t['superseded']}</p>")
        if not detail["draws"]:
            parts.append(f"<p>{t['undrawn']}</p>")
            return "\n".join(parts)
        latest = detail["draws"][-1]
        if latest["redraw_reason"]:
            parts.append(f"<p><b>{t['because']}</b> {e(latest['redraw_reason'])}</p>")
        parts.append(drawn_html(detail))
        done = [target for target in latest["targets"] if target["result"]]
        if done:
            parts.append(f"<p><b>{t['results']}</b><br>" + "<br>".join(
                f"{e(d['name'])}: {e(d['result']['text'])} ({e(d['result']['inspected_on'])})"
                + (f" {e(d['result']['case_number'])}" if d["result"]["case_number"] else "")
                for d in done) + "</p>")
        return "\n".join(parts)

    # ---------------------------------------------------------------- actions
    def open_new(self) -> None:
        ctx = self.session.ctx
        self.session.run(self, lambda: draw_choices(ctx), where=self.feedback,
                         busy=self.new_button, on_done=self._new_dialog)

    def _new_dialog(self, choices) -> None:  # noqa: ANN001
        dialog = NewDrawDialog(self.session, choices, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda detail: self.select_task(detail["task"]))
        dialog.open()

    def _needs_draw(self) -> dict | None:
        if self.detail is None or not self.detail["draws"]:
            self.feedback.error(self.tr("Choose a task that has been drawn."))
            return None
        return self.detail

    def open_redraw(self) -> None:
        detail = self._needs_draw()
        if detail is not None:
            dialog = RedrawDialog(self.session, detail["task"], self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.saved.connect(lambda done: self.feedback.ok(
                self.tr("Redrawn: %1, draw %2").replace("%1", done[0]).replace(
                    "%2", str(done[1]))))
            dialog.open()

    def open_result(self) -> None:
        detail = self._needs_draw()
        if detail is not None:
            dialog = ResultDialog(self.session, detail, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.saved.connect(lambda _none: self.feedback.ok(self.tr("Result recorded.")))
            dialog.open()
