"""The random inspection draws page as the bureau head and the administrator meet it: a new
draw shows its inputs, then its result and how to re-check it; a redraw needs a reason and
both draws stay in view; a result is recorded against a drawn target. Screenshots of the
page and the dialog go to /tmp/scratch/draws-*.png for a look by eye."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from core.actor import Actor
from desktop.session import UiSession
from desktop.views.lists.draw_dialogs import NewDrawDialog, RedrawDialog, ResultDialog
from desktop.views.lists.draws import DrawsPage
from tests.inspections.conftest import admin_ctx, bureau, targets_csv, uscc  # noqa: F401

SHOTS = Path("/tmp/scratch")
SEED = "2026年第二季度双随机抽查 见证人：赵律师 摇号 4174"


def shoot(widget, name: str) -> None:  # noqa: ANN001
    if SHOTS.is_dir():
        widget.grab().save(str(SHOTS / f"draws-{name}.png"))


@pytest.fixture
def page(qtbot, ui_session, bureau, settle):  # noqa: F811
    widget = DrawsPage(ui_session)
    qtbot.addWidget(widget)
    widget.resize(1100, 720)
    widget.show()
    settle(ui_session)
    return widget


def open_dialog(qtbot, button, kind):  # noqa: ANN001, ANN201
    button.click()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind), timeout=10_000)
    return QApplication.activeModalWidget()


def test_a_draw_redraw_and_result_through_the_page(qtbot, page, ui_session, wait, tmp_path):
    pool = tmp_path / "targets.csv"
    pool.write_text(targets_csv(30), "utf-8")
    dialog = open_dialog(qtbot, page.new_button, NewDrawDialog)
    assert dialog.item.count() == 2 and dialog.item.currentData() == "SJ-001"
    dialog.targets.setText(str(pool))
    dialog.amount.setText("10%")
    dialog.seed_text.setText(SEED)
    dialog.recusals.setPlainText(f"22010001,{uscc(2)},近亲属任该公司股东")
    shoot(dialog, "new-dialog-inputs")
    dialog.ok_button.click()
    wait(ui_session, lambda: dialog.result.isVisible())
    shown = dialog.result.toPlainText()
    assert "lawdesk draw verify DR-2026-001" in shown and SEED in shown
    assert shown.count("9122010") == 3       # 10% of 30 targets
    shoot(dialog, "new-dialog-result")
    dialog.ok_button.click()                 # now "Close"
    wait(ui_session, lambda: page.detail is not None and page.detail["task"] == "DR-2026-001")
    assert page.detail["recusals"][0]["reason"] == "近亲属任该公司股东"

    redraw = open_dialog(qtbot, page.redraw_button, RedrawDialog)
    redraw.seed_text.setText("第二次 见证人：钱律师")
    redraw.ok_button.click()                 # no reason: refused, the dialog stays open
    wait(ui_session)
    assert redraw.isVisible() and "理由不能为空" in redraw.feedback.text()
    redraw.reason.setPlainText("第一次抽取时见证人未到场")
    redraw.ok_button.click()
    wait(ui_session, lambda: page.detail is not None and len(page.detail["draws"]) == 2)
    assert "第一次抽取时见证人未到场" in page.view.toPlainText()
    assert page.detail["draws"][0]["superseded"] and not page.detail["draws"][1]["superseded"]

    result = open_dialog(qtbot, page.result_button, ResultDialog)
    result.outcome.setCurrentIndex(result.outcome.findData("no_problem"))
    chosen = result.target.currentData()
    result.ok_button.click()
    wait(ui_session, lambda: any(t["result"] for t in page.detail["draws"][-1]["targets"]))
    done = next(t for t in page.detail["draws"][-1]["targets"] if t["result"])
    assert done["uscc"] == chosen["uscc"] and done["result"]["text"] == "未发现问题"
    assert "未发现问题" in page.view.toPlainText()
    shoot(page, "page")


def test_the_head_draws_but_may_not_redraw(qtbot, workspace, runner, translations,
                                           bureau, settle):  # noqa: F811
    head = workspace.context(Actor(username="head", roles=frozenset({"head"})))
    session = UiSession(workspace, head, runner, "zh_CN")
    try:
        widget = DrawsPage(session)
        qtbot.addWidget(widget)
        settle(session)
        assert widget.new_button.isEnabled() and not widget.redraw_button.isEnabled()
        assert "管理员" in widget.redraw_button.toolTip()
        assert not widget.result_button.isEnabled()
    finally:
        session.close()
