"""The first-run wizard, as a bureau's IT person meets it on a new workstation (issue 21,
item 4): the administrator is required, every later step can be skipped, and the wizard
ends logged in."""
from __future__ import annotations

import socket
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard

from config.settings import get_setting
from desktop.first_run.wizard import FirstRunWizard
from devices.offload.volumes import Volume
from lawdesk.workspace import Workspace
from organisation.units import list_units
from tests.stand_ins import Plugged


@pytest.fixture
def fresh(data_dir, clock):
    with Workspace.open(data_dir, clock=clock, create=True) as workspace:
        yield workspace


@pytest.fixture
def wizard(qtbot, fresh, translations, runner):
    plugged = Plugged()
    wizard = FirstRunWizard(fresh, "zh_CN", runner, volume_source=plugged)
    wizard.plugged = plugged
    qtbot.addWidget(wizard)
    wizard.show()
    yield wizard
    wizard.done(0)


def create_admin(qtbot, wizard) -> None:  # noqa: ANN001
    page = wizard.admin
    page.bureau.setText("某县市场监督管理局")
    page.username.setText("chief")
    page.password.setText("a-long-secret")
    page.repeat.setText("a-long-secret")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.unit, timeout=10_000)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_administrator_is_required_and_mismatched_passwords_are_refused(
        qtbot, wizard, fresh):
    page = wizard.admin
    page.password.setText("a-long-secret")
    page.repeat.setText("a-long-secre")
    wizard.next()
    assert wizard.currentPage() is page
    assert page.feedback.text() == "两次输入的密码不一致。"
    assert not fresh.initialised
    create_admin(qtbot, wizard)
    assert fresh.initialised and wizard.context.actor.username == "chief"
    assert get_setting(fresh.db, "bureau.name") == "某县市场监督管理局"
    # Created: there is no going back to make it again.
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()


def test_every_later_step_can_be_skipped_and_the_summary_says_where_to_do_it(
        qtbot, wizard, fresh):
    create_admin(qtbot, wizard)
    wizard.next()                                    # no unit
    assert wizard.currentPage() is wizard.hq
    wizard.next()                                    # not enrolled
    assert wizard.currentPage() is wizard.font
    wizard.next()
    assert wizard.currentPage() is wizard.recorder
    wizard.next()
    assert wizard.currentPage() is wizard.summary
    summary = wizard.summary.list.text()
    assert "管理员 chief 已创建" in summary
    assert "首个单位：已跳过" in summary and "总部：未注册（" in summary
    assert "记录仪测试：已跳过" in summary
    assert list_units(wizard.context) == []


def test_a_unit_is_added_once_even_when_the_user_goes_back(qtbot, wizard):
    create_admin(qtbot, wizard)
    wizard.unit.name.setText("综合执法一科")
    wizard.unit.short.setText("执一")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.hq, timeout=5_000)
    wizard.back()
    assert not wizard.unit.name.isEnabled()
    wizard.next()
    assert wizard.currentPage() is wizard.hq
    assert [u.short_name for u in list_units(wizard.context)] == ["执一"]
    assert "单位 综合执法一科 已添加" in "\n".join(wizard.done_steps.values())


def test_a_bad_unit_is_refused_on_its_page(qtbot, wizard):
    create_admin(qtbot, wizard)
    wizard.unit.name.setText("综合执法一科")      # no short name
    wizard.next()
    qtbot.waitUntil(lambda: wizard.unit.feedback.text() != "", timeout=5_000)
    assert wizard.currentPage() is wizard.unit
    assert "简称" in wizard.unit.feedback.text()


def test_enrolling_at_an_hq_that_does_not_answer_says_so_and_stays(qtbot, wizard, fresh):
    create_admin(qtbot, wizard)
    wizard.next()
    wizard.hq.address.setText("http://127.0.0.1:1")
    wizard.next()
    assert "或都不填" in wizard.hq.feedback.text()           # the code is missing
    wizard.hq.address.setText(f"http://127.0.0.1:{free_port()}")
    wizard.hq.code.setText("ABCD-EFGH")
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.hq.working, timeout=15_000)
    assert wizard.currentPage() is wizard.hq
    assert "总部" in wizard.hq.feedback.text()
    from sync.status import enrolled
    assert not enrolled(fresh.db)


def test_the_font_page_shows_the_face_documents_use_and_a_sample(qtbot, wizard):
    create_admin(qtbot, wizard)
    wizard.next()
    wizard.next()
    page = wizard.font
    qtbot.waitUntil(lambda: page.sample is not None, timeout=10_000)
    from PySide6.QtPdf import QPdfDocument
    qtbot.waitUntil(lambda: page.pdf.status() == QPdfDocument.Status.Ready, timeout=5_000)
    assert page.pdf.pageCount() == 1
    assert "字体样张" in page.pdf.getAllText(0).text()
    # The test machine has AR PL UMing, a Song face: documents print, in place of the
    # FangSong GB/T 9704 asks for; the page says so in self-check's words.
    assert page.verdict.text().startswith("文书正文以宋体 ")
    assert page.sample.font.family_name in page.verdict.text()
    assert "仿宋" in wizard.done_steps["font"]


def test_a_plugged_in_recorder_is_recognised_without_copying(qtbot, wizard, fresh,
                                                            tmp_path: Path):
    card = tmp_path / "usb0"
    (card / "RECORD").mkdir(parents=True)
    (card / "DEVICE.TXT").write_text("Model=BC-9\nSN=J001234\n")
    (card / "RECORD" / "J001234_22010001_20260615101500_0001.AVI").write_bytes(b"x" * 64)
    create_admin(qtbot, wizard)
    for _ in range(3):
        wizard.next()
    assert wizard.currentPage() is wizard.recorder
    assert wizard.recorder.found.item(0).text().startswith("尚未检测到设备")
    wizard.plugged.now = frozenset({Volume(card, "USB 0")})
    wizard.recorder.watcher.poll()
    qtbot.waitUntil(lambda: "J001234" in wizard.recorder.found.item(0).text(), timeout=5_000)
    assert "已识别" in wizard.recorder.found.item(0).text()
    wizard.next()
    assert "记录仪测试：已识别" in wizard.summary.list.text()
    assert not list(fresh.store.objects_dir.rglob("*.AVI"))   # nothing was copied
