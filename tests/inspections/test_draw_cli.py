"""`lawdesk draw …` as a script or a person at the terminal uses it (in-process: cli_here)."""
from __future__ import annotations

import json
import pytest

from accounts.users import add_user
from lawdesk.cli import main
from tests.inspections.conftest import CERTIFIED, targets_csv, uscc

SEED = "2026年第二季度双随机抽查 见证人：赵律师 摇号 4174"


@pytest.fixture
def head(bureau, admin_ctx):
    """The bureau head, who runs draws (and may not redraw)."""
    add_user(admin_ctx, "head", "head-pass-1", ["head"])
    return bureau


def refused(result, text: str) -> None:  # noqa: ANN001
    assert result.returncode == 1, result
    assert text in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1


def test_draw_new_verify_show_list_export_and_verify_elsewhere(head, cli_here, tmp_path):
    targets = tmp_path / "targets.csv"
    targets.write_text(targets_csv(40), "utf-8")
    recusals = tmp_path / "recusals.csv"
    recusals.write_bytes(f"执法证号,统一社会信用代码,回避理由\n22010001,{uscc(3)},近亲属\n"
                         .encode("gbk"))
    new = cli_here("draw", "new", "--item", "SJ-001", "--targets", str(targets), "--ratio",
                   "0.05", "--recusals", str(recusals), "--seed-text", SEED, "--json",
                   user="head", password="head-pass-1")
    assert new.returncode == 0, new.stderr
    drawn = json.loads(new.stdout)
    assert set(drawn) == {"task", "draw", "seed", "targets"} and drawn["task"] == "DR-2026-001"
    assert len(drawn["targets"]) == 2
    for target in drawn["targets"]:
        assert set(target) == {"uscc", "name", "inspectors"}
        assert len(target["inspectors"]) == 2 and set(target["inspectors"]) <= set(CERTIFIED)

    verify = cli_here("draw", "verify", "DR-2026-001", user="admin")
    assert verify.returncode == 0 and "第 1 次抽取：一致" in verify.stdout
    show = json.loads(cli_here("draw", "show", "DR-2026-001", "--json", user="admin").stdout)
    assert show["draws"][0]["seed"] == drawn["seed"] and show["draws"][0]["seed_text"] == SEED
    assert show["recusals"] == [{"certificate": "22010001", "uscc": uscc(3), "reason": "近亲属"}]
    listed = json.loads(cli_here("draw", "list", "--json", user="admin").stdout)
    assert [(t["task"], t["pool"], t["drawn"]) for t in listed] == [("DR-2026-001", 40, 2)]

    out = tmp_path / "DR-2026-001.json"
    assert cli_here("draw", "export", "DR-2026-001", "--out", str(out),
                    user="admin").returncode == 0
    elsewhere = tmp_path / "another-computer"          # no data folder there at all
    code = main(["--data-dir", str(elsewhere), "draw", "verify", "--file", str(out), "--json"])
    assert code == 0 and not elsewhere.exists()
    record = json.loads(out.read_text("utf-8"))
    record["draws"][0]["result"][0]["inspectors"].reverse()
    out.write_text(json.dumps(record, ensure_ascii=False), "utf-8")
    tampered = cli_here("draw", "verify", "--file", str(out))
    assert tampered.returncode == 1 and "的检查人员不符" in tampered.stdout


def test_redraw_refused_then_allowed_with_an_admins_reason(head, cli_here, tmp_path):
    targets = tmp_path / "targets.csv"
    targets.write_text(targets_csv(10), "utf-8")
    args = ("draw", "new", "--item", "SJ-001", "--targets", str(targets), "--count", "3",
            "--seed-text", SEED, "--json")
    assert cli_here(*args, user="admin").returncode == 0
    refused(cli_here(*args, user="admin"),
            "重新抽取须由管理员记录理由（--redraw --reason 理由）")
    refused(cli_here("draw", "run", "DR-2026-001", "--seed-text", "再抽", "--redraw",
                     user="admin"), "重新抽取须用 --reason 说明理由")
    refused(cli_here(*args, "--redraw", "--reason", "见证人未到场", user="head",
                     password="head-pass-1"), "用户 head 无权重新抽取双随机抽查任务")
    again = cli_here(*args, "--redraw", "--reason", "见证人未到场", user="admin")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["draw"] == 2   # both kept: tests/inspections/test_draw_service
    verify = cli_here("draw", "verify", "DR-2026-001", user="admin")
    assert verify.returncode == 0 and verify.stdout.count("一致") == 2


def test_recusal_result_and_refusals(bureau, cli_here, tmp_path, raw_db):
    targets = tmp_path / "targets.csv"
    targets.write_text(targets_csv(4), "utf-8")
    prepared = cli_here("draw", "new", "--item", "SJ-001", "--targets", str(targets),
                        "--ratio", "100%", "--unit", "执一", user="admin")
    assert prepared.returncode == 0 and "尚未抽取" in prepared.stdout
    assert cli_here("draw", "recuse", "DR-2026-001", "--officer", "22010001", "--uscc",
                    uscc(2), "--reason", "近亲属任股东", user="admin").returncode == 0
    drawn = json.loads(cli_here("draw", "run", "DR-2026-001", "--seed-text", SEED, "--json",
                                user="admin").stdout)
    by_uscc = {t["uscc"]: t["inspectors"] for t in drawn["targets"]}
    assert sorted(by_uscc[uscc(2)]) == ["22010002", "22010003"]
    inspector = by_uscc[uscc(1)][0]
    ok = cli_here("draw", "result", "DR-2026-001", "--uscc", uscc(1), "--outcome",
                  "no_problem", "--officer", inspector, user="admin")
    assert ok.returncode == 0, ok.stderr
    show = json.loads(cli_here("draw", "show", "DR-2026-001", "--json", user="admin").stdout)
    result = next(t for t in show["draws"][0]["targets"] if t["uscc"] == uscc(1))["result"]
    assert result["text"] == "未发现问题" and result["officer"] == inspector

    bad = tmp_path / "bad.csv"
    bad.write_bytes(("名称,统一社会信用代码\n甲公司,91350100M000100Y44\n乙公司,"
                     "91350100M000100Y43\n丙公司,91350100M000100Y43\n").encode("gbk"))
    refused(cli_here("draw", "new", "--item", "SJ-001", "--targets", str(bad), "--count", "1",
                     user="admin"),
            "第 2 行：统一社会信用代码“91350100M000100Y44”校验位错误（应为 3）；"
            "第 4 行：统一社会信用代码 91350100M000100Y43 与第 3 行重复")
    refused(cli_here("draw", "new", "--item", "SJ-404", "--targets", str(targets), "--count",
                     "1", "--seed-text", SEED, user="admin"), "没有编码为“SJ-404”的事项")

    with raw_db() as connection:
        connection.execute("UPDATE inspection_assignment SET uscc = '{}' WHERE seq = 1"
                           .format(drawn["targets"][1]["uscc"]))
    tampered = cli_here("draw", "verify", "DR-2026-001", user="admin")
    assert tampered.returncode == 1 and "第 1 个抽中对象不符" in tampered.stdout

