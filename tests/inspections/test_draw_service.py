"""The draw through its services, as a bureau uses it: tasks from the list in force and a
target file, certified inspectors only, recusals, redraws, verification against tampering,
results, publication."""
from __future__ import annotations

import json
import shutil
from collections import Counter
from datetime import date

import pytest
from sqlalchemy import func, select

from core.clock import fixed_clock
from core.errors import InvalidInput, NotFound
from core.permissions import PermissionDenied
from db.models import (InspectionDraw, InspectionResult, InspectionTarget, InspectionTask,
                       LedgerEntry)
from inspections.errors import (AlreadyDrawn, NoInspectionList, NotAssigned,
                                SameTaskExists, TargetFileError, TaskRecorded,
                                TooFewAfterRecusal, TooFewInspectors, UnknownInspectionItem)
from inspections.publication import published_draws
from inspections.recusal_file import RecusalFileError, parse_recusals
from inspections.records import drawn_json, list_tasks, task_detail
from inspections.results import record_result
from inspections.tasks import add_recusal, create_task, draw_task, new_draw, read_spec
from inspections.verification import export_task, verify_file, verify_task
from lawdesk.workspace import Workspace
from tests.conftest import ADMIN, ADMIN_PASSWORD, NOW
from tests.inspections.conftest import CERTIFIED, set_up_draws, targets_csv, uscc

SEED_TEXT = "2026年第二季度双随机抽查 见证人：赵律师 摇号 4174"


def drawn(ctx, task: str) -> dict:  # noqa: ANN001
    return drawn_json(task_detail(ctx, task))


def test_a_draw_takes_its_item_from_the_list_in_force_and_is_on_record(
        bureau, admin_ctx, pool_file, ledger_length):
    before = ledger_length()
    task, number = new_draw(admin_ctx, read_spec("SJ-001", pool_file(40), ratio="5%"),
                            SEED_TEXT)
    assert (task, number) == ("DR-2026-001", 1)
    result = drawn(admin_ctx, task)
    assert len(result["targets"]) == 2 and len(result["seed"]) == 64
    assert all(t["name"].startswith("长春市某某商贸有限公司") for t in result["targets"])
    detail = task_detail(admin_ctx, task)
    assert detail["item"]["content"] == "企业公示信息抽查" and detail["item"]["list_version"] == "1"
    with bureau.db.read() as session:
        actions = Counter(session.execute(select(LedgerEntry.action, LedgerEntry.object_type)
                                          .where(LedgerEntry.seq > before)).all())
    assert actions[("draw.new", "inspection_target")] == 40
    assert actions[("draw.new", "inspection_draw")] == 1
    assert actions[("draw.new", "inspection_assignment")] == 2
    assert verify_task(admin_ctx, task).ok


def test_only_certified_officers_are_ever_drawn(bureau, admin_ctx, pool_file):
    task, _ = new_draw(admin_ctx, read_spec("SJ-001", pool_file(60), ratio="1"), SEED_TEXT)
    used = Counter(c for t in drawn(admin_ctx, task)["targets"] for c in t["inspectors"])
    # 钱七 (expired) and 孙八 (suspended) are never in the pool, let alone drawn.
    assert set(used) == set(CERTIFIED)
    assert max(used.values()) - min(used.values()) <= 1      # 120 visits over 4 officers
    pool = json.loads(_draw_row(bureau, task).inspectors)
    assert [o["certificate"] for o in pool] == sorted(CERTIFIED)


def test_the_unit_limits_the_inspectors_and_too_few_is_refused_clearly(
        bureau, admin_ctx, pool_file, ledger_length):
    task, _ = new_draw(admin_ctx, read_spec("SJ-001", pool_file(9), count=3, unit="执一"),
                       SEED_TEXT)
    used = {c for t in drawn(admin_ctx, task)["targets"] for c in t["inspectors"]}
    assert used <= {"22010001", "22010002", "22010003"}
    before = ledger_length()
    with pytest.raises(TooFewInspectors) as refused:
        new_draw(admin_ctx, read_spec("SJ-002", pool_file(9), count=3, unit="执二"), SEED_TEXT)
    assert refused.value.message() == ("综合执法二科中持有有效执法证的执法人员只有 1 名，"
                                       "每个检查对象需要 2 名，不能抽取")
    assert "has only 1 officer(s)" in refused.value.message("en")
    assert ledger_length() == before   # not even the task was recorded


def test_recused_officers_are_never_drawn_for_that_target(bureau, admin_ctx, pool_file):
    task = create_task(admin_ctx, read_spec("SJ-001", pool_file(12, name="a.csv"), ratio="1",
                                            unit="执一"))
    for n in range(1, 13):
        add_recusal(admin_ctx, task, "22010001", uscc(n), "近亲属任该公司股东")
    draw_task(admin_ctx, task, SEED_TEXT)
    targets = drawn(admin_ctx, task)["targets"]
    assert len(targets) == 12
    assert all(sorted(t["inspectors"]) == ["22010002", "22010003"] for t in targets)
    assert verify_task(admin_ctx, task).ok
    # One more recusal leaves a target one inspector short: refused, naming it.
    other = create_task(admin_ctx, read_spec("SJ-002", pool_file(12, name="b.csv"), ratio="1",
                                             unit="执一"))
    add_recusal(admin_ctx, other, "22010001", uscc(7), "亲属")
    add_recusal(admin_ctx, other, "22010002", uscc(7), "曾在该公司任职")
    with pytest.raises(TooFewAfterRecusal, match=f"长春市某某商贸有限公司7（{uscc(7)}）"):
        draw_task(admin_ctx, other, SEED_TEXT)


def test_recusal_of_a_target_not_in_the_pool_is_refused(bureau, admin_ctx, pool_file):
    spec = read_spec("SJ-001", pool_file(3), count=1)
    task = create_task(admin_ctx, spec)
    with pytest.raises(TaskRecorded, match=f"lawdesk draw run {task}"):
        create_task(admin_ctx, spec)
    with pytest.raises(NotFound, match=uscc(99)):
        add_recusal(admin_ctx, task, "22010001", uscc(99), "亲属")
    with pytest.raises(InvalidInput, match="回避理由不能为空"):
        add_recusal(admin_ctx, task, "22010001", uscc(1), "  ")
    # `draw new` again with the same item and list draws the recorded task, once.
    assert new_draw(admin_ctx, spec, SEED_TEXT) == (task, 1)
    with pytest.raises(SameTaskExists):
        new_draw(admin_ctx, spec, SEED_TEXT)


def test_a_redraw_is_refused_then_allowed_with_an_admins_reason_and_both_stay(
        bureau, admin_ctx, as_role, pool_file):
    head = as_role("head", username="head")
    spec = read_spec("SJ-001", pool_file(30), ratio="0.1")
    task, _ = new_draw(head, spec, SEED_TEXT)
    first = drawn(head, task)
    with pytest.raises(SameTaskExists, match="DR-2026-001"):
        new_draw(head, spec, "再来一次")
    with pytest.raises(AlreadyDrawn, match="--redraw --reason"):
        draw_task(head, task, "再来一次")
    with pytest.raises(PermissionDenied, match="重新抽取"):
        draw_task(head, task, "再来一次", redraw_reason="见证人未到场")
    with pytest.raises(InvalidInput, match="理由不能为空"):
        draw_task(admin_ctx, task, "再来一次", redraw_reason=" ")
    assert draw_task(admin_ctx, task, "第二次 见证人：钱律师", redraw_reason="见证人未到场") == (
        task, 2)
    detail = task_detail(admin_ctx, task)
    assert [(d["draw"], d["superseded"], d["redraw_reason"]) for d in detail["draws"]] == [
        (1, True, None), (2, False, "见证人未到场")]
    assert detail["draws"][0]["seed"] == first["seed"]
    assert drawn(admin_ctx, task)["seed"] != first["seed"]
    assert verify_task(admin_ctx, task).ok and len(verify_task(admin_ctx, task).draws) == 2
    # `draw new --redraw` of the same item and list draws the same task a third time.
    assert new_draw(admin_ctx, spec, "第三次", redraw_reason="停电") == (task, 3)
    with bureau.db.read() as session:
        public = [d for d in published_draws(session) if d["task"] == task]
    assert [(d["draw"], d["superseded"]) for d in public] == [(1, True), (2, True), (3, False)]


def _draw_row(workspace, task: str) -> InspectionDraw:
    with workspace.db.read() as session:
        return session.execute(select(InspectionDraw).join(
            InspectionTask, InspectionTask.id == InspectionDraw.task_id).where(
            InspectionTask.number == task).order_by(InspectionDraw.number.desc())
        ).scalars().first()


TAMPERS = [  # what someone with a database tool changes, and what verify then names
    ("UPDATE inspection_assignment SET inspectors = '{swapped}' WHERE draw_id = '{draw}' "
     "AND seq = 1", "的检查人员不符"),
    ("UPDATE inspection_assignment SET uscc = '{other}' WHERE draw_id = '{draw}' AND seq = 2",
     "第 2 个抽中对象不符"),
    ("UPDATE inspection_target SET name = '改过的名称' WHERE task_id = '{task}' "
     "AND uscc = '{first}'", "种子不符"),
    ("UPDATE inspection_draw SET seed_text = '另一段文字' WHERE id = '{draw}'", "种子不符"),
    ("UPDATE inspection_task SET ratio = '0.2' WHERE id = '{task}'", "种子不符"),
]


def test_verify_names_what_a_tampered_record_changed(bureau, admin_ctx, pool_file, raw_db):
    for size, (tamper, expected) in enumerate(TAMPERS, start=20):   # a task each
        task, _ = new_draw(admin_ctx, read_spec("SJ-001", pool_file(size), ratio="0.1"),
                           SEED_TEXT)
        targets = drawn(admin_ctx, task)["targets"]
        chosen = {t["uscc"] for t in targets}
        draw = _draw_row(bureau, task)
        values = {"draw": draw.id, "task": draw.task_id, "first": targets[0]["uscc"],
                  "other": next(uscc(n) for n in range(1, size) if uscc(n) not in chosen),
                  "swapped": json.dumps(targets[0]["inspectors"][::-1])}
        assert verify_task(admin_ctx, task).ok
        with raw_db() as connection:
            connection.execute(tamper.format(**values))
        check = verify_task(admin_ctx, task)
        assert not check.ok, tamper
        differences = check.as_json()["draws"][0]["differences"]
        assert any(expected in text for text in differences), (tamper, differences)


def test_same_inputs_give_the_same_result_on_another_data_folder(
        bureau, admin_ctx, pool_file, tmp_path, initialised_template, ledger_length):
    """Two bureaus' folders with the same officers, list and pool, drawing with the same
    seed text at the same instant, draw the same; the exported file re-runs anywhere."""
    task, _ = new_draw(admin_ctx, read_spec("SJ-001", pool_file(25), ratio="0.2"), SEED_TEXT)
    other_folder = tmp_path / "other" / "data"
    shutil.copytree(initialised_template, other_folder)
    other = Workspace.open(other_folder, clock=fixed_clock(NOW))
    try:
        other_admin = other.login(ADMIN, ADMIN_PASSWORD)
        set_up_draws(other_admin, tmp_path / "other")
        again, _ = new_draw(other_admin, read_spec("SJ-001", pool_file(25), ratio="0.2"),
                            SEED_TEXT)
        assert drawn(other_admin, again) == drawn(admin_ctx, task)
    finally:
        other.close()
    exported = export_task(admin_ctx, task, tmp_path / "task.json")
    check = verify_file(exported)
    assert check.ok and check.draws[0].seed == drawn(admin_ctx, task)["seed"]
    record = json.loads(exported.read_text("utf-8"))
    record["draws"][0]["inputs"]["seed_text"] += "!"
    exported.write_text(json.dumps(record, ensure_ascii=False), "utf-8")
    assert not verify_file(exported).ok


def test_a_task_needs_the_list_and_a_known_item(workspace, admin_ctx, pool_file, tmp_path):
    spec = read_spec("SJ-001", pool_file(5), count=1)
    with pytest.raises(NoInspectionList, match="随机抽查事项清单（2026-06-15）为空或尚未发布"):
        new_draw(admin_ctx, spec, SEED_TEXT)
    set_up_draws(admin_ctx, tmp_path)
    with pytest.raises(UnknownInspectionItem,
                       match="没有编码为“SJ-404”的事项；现有：SJ-001、SJ-002"):
        new_draw(admin_ctx, read_spec("SJ-404", pool_file(5), count=1), SEED_TEXT)
    with pytest.raises(InvalidInput, match="抽查数量 6 应在 1 到名录中的 5 户之间"):
        new_draw(admin_ctx, read_spec("SJ-001", pool_file(5), count=6), SEED_TEXT)
    with pytest.raises(InvalidInput, match="种子文字不能为空"):
        new_draw(admin_ctx, spec, "  ")
    with pytest.raises(InvalidInput, match="种子文字含有控制字符"):
        new_draw(admin_ctx, spec, "见证\x00人")


BAD_FILE = ("名称,统一社会信用代码,地址,类别\n"
            f"甲公司,{uscc(1)},某路1号,零售\n"
            "乙公司,91350100M000100Y44,某路2号,零售\n"      # wrong check character
            f"丙公司,{uscc(1)},某路3号,零售\n"               # repeats row 2
            f",{uscc(4)},某路4号,零售\n"                     # no name
            "戊公司,123,某路5号,零售\n"                      # too short
            f"己公司\x1b[2J,{uscc(7)},某路7号,零售\n")           # a terminal escape


def test_bad_target_rows_are_named_and_nothing_is_recorded(bureau, admin_ctx, pool_file):
    with pytest.raises(TargetFileError) as refused:
        read_spec("SJ-001", pool_file(text=BAD_FILE, encoding="gbk"), ratio="0.5")
    message = refused.value.message()
    assert message.startswith("检查对象名录有误，未导入任何记录。")
    for expected in ("第 3 行：统一社会信用代码“91350100M000100Y44”校验位错误（应为 3）",
                     f"第 4 行：统一社会信用代码 {uscc(1)} 与第 2 行重复", "第 5 行：未填名称",
                     "第 6 行：统一社会信用代码“123”应为 18 位（现为 3 位）",
                     "第 7 行：名称含有控制字符或无效字符"):
        assert expected in message
    assert "row 3: the USCC '91350100M000100Y44' has a wrong check character" in \
        refused.value.message("en")
    with bureau.db.read() as session:
        assert session.execute(select(func.count()).select_from(InspectionTarget)).scalar() == 0


def test_gbk_and_utf8_files_with_chinese_headers_give_the_same_pool(bureau, pool_file):
    text = targets_csv(6).replace("name,uscc,address,category",
                                  "企业名称,统一社会信用代码,住所,行业")
    gbk = read_spec("SJ-001", pool_file(text=text, name="gbk.csv", encoding="gbk"), count=2)
    utf8 = read_spec("SJ-001", pool_file(text="\ufeff" + text, name="u.csv"), count=2)
    assert gbk.targets == utf8.targets and gbk.targets[0].name == "长春市某某商贸有限公司1"
    with pytest.raises(TargetFileError, match="第 1 行：缺少列 uscc"):
        read_spec("SJ-001", pool_file(text="name,code\n甲,1\n", name="x.csv"), count=1)


def test_results_are_recorded_by_a_drawn_inspector_and_published(
        bureau, admin_ctx, as_role, pool_file):
    task, _ = new_draw(admin_ctx, read_spec("SJ-001", pool_file(10), count=2), SEED_TEXT)
    first, second = drawn(admin_ctx, task)["targets"]
    officer = as_role("officer", username="officer")
    outsider = next(c for c in CERTIFIED if c not in first["inspectors"])
    with pytest.raises(NotAssigned, match=f"不是抽中检查 {first['uscc']} 的执法人员"):
        record_result(officer, task, first["uscc"], outcome="no_problem", officer=outsider)
    with pytest.raises(InvalidInput, match="须填写立案编号"):
        record_result(officer, task, first["uscc"], outcome="problem_found",
                      officer=first["inspectors"][0])
    with pytest.raises(PermissionDenied):
        record_result(as_role("clerk"), task, first["uscc"], outcome="no_problem",
                      officer=first["inspectors"][0])
    record_result(officer, task, first["uscc"], outcome="rectified",
                  officer=first["inspectors"][1], rectification="责令十日内补报年度报告",
                  case_number="执一案〔2026〕3号", inspected_on=date(2026, 6, 15))
    record_result(officer, task, second["uscc"], outcome="no_problem",
                  officer=second["inspectors"][0])
    with bureau.db.read() as session:
        assert session.execute(select(func.count()).select_from(InspectionResult)).scalar() == 2
        public = published_draws(session)
    assert len(public) == 1
    entry = public[0]
    assert entry["task"] == task and entry["seed_text"] == SEED_TEXT
    assert entry["item"]["code"] == "SJ-001" and entry["selection"] == {"count": 2}
    assert entry["targets"][0]["result"] == {
        "outcome": "rectified", "text": "发现问题已责令改正", "inspected_on": "2026-06-15",
        "case_number": "执一案〔2026〕3号", "rectification": "责令十日内补报年度报告"}
    names = {"22010001": "张伟", "22010002": "李娜", "22010003": "王芳", "22020001": "刘洋"}
    assert entry["targets"][0]["inspectors"] == [
        {"certificate": c, "name": names[c]} for c in first["inspectors"]]
    assert "phone" not in json.dumps(public)
    row = list_tasks(admin_ctx)[0]
    assert (row.number, row.drawn, row.results) == (task, 2, 2)


def test_recusals_given_with_the_task_are_recorded_before_the_draw(bureau, admin_ctx,
                                                                   pool_file):
    recusals = parse_recusals("执法证号,统一社会信用代码,回避理由\n"
                              f"22010001,{uscc(1)},近亲属任该公司股东\n"
                              f"22010002,{uscc(1)},曾在该公司任职，三年内\n")
    # 执一 has three certified officers: two recused leave one for the first target.
    spec = read_spec("SJ-001", pool_file(3), ratio="1", unit="执一", recusals=recusals)
    with pytest.raises(TooFewAfterRecusal, match="只剩 1 名"):
        new_draw(admin_ctx, spec, SEED_TEXT)
    with bureau.db.read() as session:   # the task and its recusals went with the refusal
        assert session.execute(select(func.count()).select_from(InspectionTask)).scalar() == 0
    task, _ = new_draw(admin_ctx, read_spec("SJ-001", pool_file(3), ratio="1",
                                            recusals=recusals), SEED_TEXT)
    detail = task_detail(admin_ctx, task)
    assert [r["certificate"] for r in detail["recusals"]] == ["22010001", "22010002"]
    first = next(t for t in detail["draws"][0]["targets"] if t["uscc"] == uscc(1))
    assert sorted(first["inspectors"]) == ["22010003", "22020001"]


def test_bad_recusal_lines_are_named(bureau):
    with pytest.raises(RecusalFileError) as refused:
        parse_recusals(f"22010001,{uscc(1)}\n22010002,91350100M000100Y44,亲属\n")
    assert refused.value.message() == (
        "回避名单有误，未登记任何回避。第 1 行：每行须有执法证号、统一社会信用代码和回避理由；"
        "第 2 行：统一社会信用代码“91350100M000100Y44”校验位错误（应为 3）")

