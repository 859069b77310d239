"""The dialogs of the double-random draw: a new draw (新建抽查), which shows its inputs
before and its result and how to re-check it after; a redraw, which needs a reason; a
result of an inspection. Each saves through one service call off the UI thread
(desktop.widgets.form_dialog); a refusal stays in the dialog with everything still typed."""
from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QTextBrowser, QVBoxLayout, QWidget)

from core.clock import BUREAU_ZONE, parse_iso_utc
from desktop.palette import HINT_STYLE
from desktop.session import UiSession
from desktop.widgets.enabled import set_enabled
from desktop.widgets.form_dialog import FormDialog
from inspections.records import DrawChoices, task_detail
from inspections.recusal_file import parse_recusals
from inspections.results import OUTCOMES, outcome_text, record_result
from inspections.tasks import draw_task, new_draw, read_spec


def drawn_at(draw: dict[str, Any]) -> str:
    """When a draw was made, in Beijing time as the bureau reads it (the record keeps UTC)."""
    local = parse_iso_utc(draw["drawn_at"]).astimezone(ZoneInfo(BUREAU_ZONE))
    return f"{local:%Y-%m-%d %H:%M:%S}"


def drawn_html(detail: dict[str, Any]) -> str:
    """The draw in force of a task as a small HTML report: seed, targets with their
    inspectors, and the commands that re-check it."""
    draw = detail["draws"][-1] if detail["draws"] else None
    if draw is None:
        return ""
    translate, e = QCoreApplication.translate, html.escape
    task = e(detail["task"])
    label = {"task": translate("DrawReport", "Task"), "draw": translate("DrawReport", "Draw"),
             "seed_text": translate("DrawReport", "Seed text"),
             "seed": translate("DrawReport", "Seed"), "uscc": translate("DrawReport", "USCC"),
             "name": translate("DrawReport", "Name"),
             "inspectors": translate("DrawReport", "Inspectors"),
             "check": translate("DrawReport", "To re-check, anyone can run:"),
             "elsewhere": translate("DrawReport",
                                    "or, on another computer, with the exported file:")}
    label = {key: e(text) for key, text in label.items()}
    lines = [f"<p><b>{label['task']}</b> {task} · <b>{label['draw']}</b> {draw['draw']} · "
             f"{e(drawn_at(draw))}</p>",
             f"<p><b>{label['seed_text']}</b> {e(draw['seed_text'])}<br>"
             f"<b>{label['seed']}</b> <code>{e(draw['seed'])}</code></p>",
             f"<table cellspacing='0' cellpadding='3' border='1'><tr><th>#</th>"
             f"<th>{label['uscc']}</th><th>{label['name']}</th><th>{label['inspectors']}</th>"
             "</tr>"]
    for number, target in enumerate(draw["targets"], start=1):
        people = "、".join(f"{e(n)}（{e(c)}）" for c, n in zip(target["inspectors"],
                                                             target["inspector_names"]))
        lines.append(f"<tr><td>{number}</td><td>{e(target['uscc'])}</td>"
                     f"<td>{e(target['name'])}</td><td>{people}</td></tr>")
    lines.append("</table>")
    lines.append(f"<p>{label['check']}<br><code>lawdesk draw verify {task}</code><br>"
                 f"{label['elsewhere']}<br><code>lawdesk draw export {task} --out "
                 f"{task}.json</code><br><code>lawdesk draw verify --file {task}.json</code></p>")
    return "\n".join(lines)


class NewDrawDialog(FormDialog):
    """新建抽查: the inputs, then (OK) the draw; the dialog stays open to show the result."""

    def __init__(self, session: UiSession, choices: DrawChoices,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setWindowTitle(self.tr("New random inspection draw"))
        self.done_task: str | None = None
        self.item = QComboBox()
        self.item.setObjectName("drawItem")
        for code, content in choices.items:
            self.item.addItem(f"{code}  {content}", code)
        self.targets = QLineEdit()
        self.targets.setObjectName("drawTargets")
        self.targets.setPlaceholderText(self.tr("CSV: name, uscc, address, category"))
        browse = QPushButton(self.tr("Choose…"))
        browse.setObjectName("drawBrowse")
        browse.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.targets, 1)
        file_row.addWidget(browse)
        self.how = QComboBox()
        self.how.setObjectName("drawHow")
        self.how.addItem(self.tr("Ratio"), "ratio")
        self.how.addItem(self.tr("Count"), "count")
        self.amount = QLineEdit("5%")
        self.amount.setObjectName("drawAmount")
        how_row = QHBoxLayout()
        how_row.addWidget(self.how)
        how_row.addWidget(self.amount, 1)
        self.unit = QComboBox()
        self.unit.setObjectName("drawUnit")
        self.unit.addItem(self.tr("All units"), None)
        for name in choices.units:
            self.unit.addItem(name, name)
        self.recusals = QPlainTextEdit()
        self.recusals.setObjectName("drawRecusals")
        self.recusals.setTabChangesFocus(True)
        self.recusals.setMaximumHeight(70)
        self.recusals.setPlaceholderText(self.tr("One a line: certificate number, USCC, "
                                                 "reason"))
        self.seed_text = QLineEdit()
        self.seed_text.setObjectName("drawSeedText")
        self.seed_text.setPlaceholderText(self.tr("Typed at the witnessed draw, e.g. the "
                                                  "numbers the witnesses call out"))
        hint = QLabel(self.tr("Inspectors are the officers holding a valid enforcement "
                              "certificate today, two per target, never one recused for it. "
                              "The seed is the SHA-256 of all these inputs with the time of "
                              "the draw: anyone can re-run it (docs/double-random-draw.md)."))
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        self.form = QWidget()
        form = QFormLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        version = "" if choices.list_version is None else \
            self.tr(" (list version %1)").replace("%1", str(choices.list_version))
        form.addRow(self.tr("Inspection item") + version, self.item)
        form.addRow(self.tr("Targets file"), file_row)
        form.addRow(self.tr("How many"), how_row)
        form.addRow(self.tr("Inspectors from"), self.unit)
        form.addRow(self.tr("Recusals"), self.recusals)
        form.addRow(self.tr("Seed text"), self.seed_text)
        form.addRow(hint)
        self.result = QTextBrowser()
        self.result.setObjectName("drawResult")
        self.result.setVisible(False)
        self.result.setMinimumHeight(260)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.result, 1)
        self.finish(layout)
        self.setMinimumWidth(640)

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Targets file"), str(Path.home()),
                                              self.tr("CSV files (*.csv)"))
        if name:
            self.targets.setText(name)

    def accept(self) -> None:
        if self.done_task is not None:   # the result is on screen: OK ("Close") closes
            QDialog.accept(self)
            return
        super().accept()

    def save_call(self) -> Callable[[], dict] | None:
        ctx = self.session.ctx
        code, path = self.item.currentData(), self.targets.text().strip()
        how, amount = self.how.currentData(), self.amount.text().strip()
        unit, seed_text = self.unit.currentData(), self.seed_text.text()
        recusals = self.recusals.toPlainText()
        if not code:
            self.feedback.error(self.tr("The random inspection list in force has no items: "
                                        "import it first."))
            return None
        if not path:
            self.feedback.error(self.tr("Choose the targets file."))
            return None
        count = None
        if how == "count":
            if not amount.isdigit():
                self.feedback.error(self.tr("The count must be a whole number."))
                return None
            count = int(amount)
        language = self.session.language

        def call() -> dict:
            spec = read_spec(code, path, ratio=None if count else amount, count=count,
                             unit=unit, recusals=parse_recusals(recusals))
            task, _number = new_draw(ctx, spec, seed_text)
            return task_detail(ctx, task, language)
        return call

    def _saved(self, detail: dict) -> None:
        """Show the result and how to re-check it; OK (now "Close") closes."""
        self.done_task = detail["task"]
        self.saved.emit(detail)
        set_enabled(self.form, False)
        self.result.setHtml(drawn_html(detail))
        self.result.setVisible(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setVisible(False)
        self.ok_button.setText(self.tr("Close"))
        self.feedback.ok(self.tr("Drawn: %1").replace("%1", detail["task"]))
        self.resize(self.width(), max(self.height(), 640))


class RedrawDialog(FormDialog):
    """A second draw of a task: an administrator's, with a reason kept and published."""

    def __init__(self, session: UiSession, task: str, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.task = task
        self.setWindowTitle(self.tr("Redraw %1").replace("%1", task))
        self.seed_text = QLineEdit()
        self.seed_text.setObjectName("redrawSeedText")
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("redrawReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMinimumHeight(70)
        self.reason.setPlaceholderText(self.tr("Why the draw is made again: recorded and "
                                               "published with both draws"))
        form = QFormLayout()
        form.addRow(self.tr("Task"), QLabel(task))
        form.addRow(self.tr("Seed text"), self.seed_text)
        form.addRow(self.tr("Reason"), self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.finish(layout)
        self.setMinimumWidth(460)

    def save_call(self) -> Callable[[], tuple[str, int]]:
        ctx, task = self.session.ctx, self.task
        seed_text, reason = self.seed_text.text(), self.reason.toPlainText()
        return lambda: draw_task(ctx, task, seed_text, redraw_reason=reason)


class ResultDialog(FormDialog):
    """The result of inspecting one drawn target, by one of its drawn inspectors."""

    def __init__(self, session: UiSession, detail: dict, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.task = detail["task"]
        draw = next(d for d in reversed(detail["draws"]) if not d["superseded"])
        self.setWindowTitle(self.tr("Inspection result"))
        self.target = QComboBox()
        self.target.setObjectName("resultTarget")
        for target in draw["targets"]:
            self.target.addItem(f"{target['name']}  {target['uscc']}", target)
        self.officer = QComboBox()
        self.officer.setObjectName("resultOfficer")
        self.target.currentIndexChanged.connect(lambda _i: self._officers())
        self.outcome = QComboBox()
        self.outcome.setObjectName("resultOutcome")
        for code in OUTCOMES:
            self.outcome.addItem(outcome_text(code, session.language), code)
        self.day = QDateEdit(QDate(session.workspace.clock.today()))   # the bureau's day
        self.day.setObjectName("resultDate")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.case = QLineEdit()
        self.case.setObjectName("resultCase")
        self.rectification = QLineEdit()
        self.rectification.setObjectName("resultRectification")
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("Target"), self.target)
        form.addRow(self.tr("Inspected by"), self.officer)
        form.addRow(self.tr("Outcome"), self.outcome)
        form.addRow(self.tr("Date"), self.day)
        form.addRow(self.tr("Case number"), self.case)
        form.addRow(self.tr("Rectification ordered"), self.rectification)
        form.addRow(self.tr("Note"), self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.finish(layout)
        self.setMinimumWidth(480)
        self._officers()

    def _officers(self) -> None:
        self.officer.clear()
        target = self.target.currentData()
        for cert, name in zip(target["inspectors"], target["inspector_names"]) if target else ():
            self.officer.addItem(f"{name}（{cert}）", cert)

    def save_call(self) -> Callable[[], None]:
        ctx, task = self.session.ctx, self.task
        uscc = (self.target.currentData() or {}).get("uscc", "")
        officer, outcome = self.officer.currentData() or "", self.outcome.currentData()
        day = self.day.date().toPython()
        case, rectification, note = self.case.text(), self.rectification.text(), self.note.text()
        return lambda: record_result(ctx, task, uscc, outcome=outcome, officer=officer,
                                     inspected_on=day, case_number=case,
                                     rectification=rectification, note=note)
