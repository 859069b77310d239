"""`lawdesk review …` and `lawdesk reviewer …` as the issue spells the commands
out: refusals exit 1 with one line naming the rule, --json on standard output.

The commands read the real clock (the fixtures' clock is stopped at 2026-06-15), so a
review submitted here in June is long overdue for them."""
from __future__ import annotations

import json
from datetime import date

import pytest

from accounts.users import add_user
from tests.conftest import ADMIN_PASSWORD
from tests.review.conftest import ALL_PASS, OPINION, PASSWORD
from tests.review.reviewed_case import tiny_pdf

pytestmark = pytest.mark.slow


@pytest.fixture
def cli(cli_here):
    """The commands through lawdesk.cli.main in this process (tests/conftest.py
    ``cli_here``): what a script sees, without a child's start-up on every command
    (tests/lawdesk/test_cli.py keeps the real child process)."""
    return cli_here


@pytest.fixture
def run(cli, admin_ctx, people):
    """``run(user, *args)``: the command as that user (admin: the folder's admin)."""
    add_user(admin_ctx, "zhoumin", PASSWORD, ["clerk"])
    add_user(admin_ctx, "juzhang", PASSWORD, ["head"])

    def call(user: str, *args: str):
        return cli(*args, user=user, password=ADMIN_PASSWORD if user == "admin" else PASSWORD)
    return call


def ok(result) -> str:  # noqa: ANN001
    assert result.returncode == 0, result.stderr
    return result.stdout


def refused(result) -> str:  # noqa: ANN001
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("lawdesk: ")
    return lines[0]


def test_reviewers_are_qualified_and_trained(cli, run):
    qualified = json.loads(ok(cli("reviewer", "qualify", "qianshen", "--legal-cert",
                                  "A20202201000009", "--json", user="admin")))
    assert (qualified["user"], qualified["qualified"]) == ("qianshen", True)
    ok(cli("reviewer", "qualify", "zhaoqiang", "--appointment", "经培训考核合格，局党组任命",
           user="admin"))
    added = json.loads(ok(cli("reviewer", "training", "add", "wangshen", "--date", "2026-06-01",
                              "--hours", "3.5", "--subject", "法制审核实务", "--provider",
                              "市司法局", "--json", user="admin")))
    assert added == {"user": "wangshen", "date": "2026-06-01", "hours": "3.5",
                     "subject": "法制审核实务", "provider": "市司法局"}
    report = json.loads(ok(cli("reviewer", "training", "report", "--year", "2026", "--json",
                               user="admin")))
    assert {"user": "wangshen", "year": 2026, "sessions": 1, "hours": "3.5"} in report
    listing = json.loads(ok(cli("reviewer", "list", "--json", user="admin")))
    assert listing["staffing"]["warning"] is None
    assert "无权" in refused(run("wangshen", "reviewer", "qualify", "wushen", "--legal-cert",
                                 "A1"))
    bad = refused(cli("reviewer", "training", "add", "wangshen", "--date", "2026-06-01",
                      "--hours", "0", "--subject", "x", user="admin"))
    assert "学时须大于 0" in bad


def test_a_major_case_from_materials_to_its_decision(run, major, tmp_path):
    number = major.number
    needs = json.loads(ok(run("zhoumin", "review", "needs", number, "--json")))
    assert needs["needs_review"] is True
    assert [r["rule"] for r in needs["rules"]] == ["large_fine"]
    assert needs["rules"][0]["why"][-1] == "对法人或者其他组织罚款 150000.00 元，达到 100000 元"

    materials = json.loads(ok(run("zhoumin", "review", "materials", number, "--json")))
    assert materials[0] == {"item": "report", "title": "送审报告", "required": True,
                            "present": False}
    assert all(set(m) == {"item", "title", "required", "present"} for m in materials)

    out = tmp_path / "决定书.pdf"
    held = refused(run("zhoumin", "doc", "render", "penalty_decision", "--case", number,
                       "--out", str(out)))
    assert "属于重大执法决定（较大数额罚款" in held and "第五十八条" in held
    assert not out.exists()

    pdf = tmp_path / "送审报告.pdf"
    pdf.write_bytes(tiny_pdf())
    ok(run("zhoumin", "review", "attach", number, "--item", "report", "--file", str(pdf)))
    incomplete = refused(run("zhoumin", "review", "submit", number))
    assert "送审材料不全" in incomplete and "行政处罚决定书（代拟稿）" in incomplete
    ok(run("zhoumin", "review", "attach", number, "--item", "draft_decision", "--generate"))
    for item in ("evidence_list", "legal_basis", "statements"):
        ok(run("zhoumin", "review", "attach", number, "--item", item, "--file", str(pdf)))
    notpdf = tmp_path / "scan.png"
    notpdf.write_bytes(b"\x89PNG\r\n")
    assert "不是 PDF" in refused(run("zhoumin", "review", "attach", number, "--item",
                                     "statements", "--file", str(notpdf)))
    submitted = json.loads(ok(run("zhoumin", "review", "submit", number, "--json")))
    assert submitted["state"] == "submitted" and submitted["due_on"] is not None

    own = refused(run("zhangwei", "review", "decide", number, "--outcome", "agreed",
                      "--opinion", OPINION))
    assert "办案人员回避" in own
    ok(run("wangshen", "review", "extend", number, "--reason", "案情复杂"))
    points = tmp_path / "points.json"
    points.write_text(json.dumps(ALL_PASS, ensure_ascii=False), encoding="utf-8")
    agreed = json.loads(ok(run("wangshen", "review", "decide", number, "--outcome", "agreed",
                               "--opinion", OPINION, "--points", str(points), "--json")))
    assert (agreed["state"], agreed["passed"], agreed["reviewer"]) == ("agreed", True,
                                                                      "wangshen")
    assert [p["point"] for p in agreed["points"]][:2] == ["subject", "procedure"]
    assert [s["action"] for s in agreed["steps"]] == ["submit", "extend", "start", "decide"]

    issued = json.loads(ok(run("zhoumin", "doc", "render", "penalty_decision", "--case",
                               number, "--out", str(out), "--json")))
    assert issued["number"].startswith("执一罚决字〔") and out.exists()


def test_a_dispute_is_decided_by_the_head(run, major, attach_all):
    attach_all(major)
    number = major.number
    ok(run("zhoumin", "review", "submit", number))
    ok(run("wangshen", "review", "start", number))
    ok(run("wangshen", "review", "decide", number, "--outcome", "correct", "--opinion",
           "罚款数额偏高"))
    assert "无权" in refused(run("zhoumin", "review", "coordinate", number, "--outcome",
                                 "agreed", "--opinion", "同意"))
    ok(run("zhoumin", "review", "disagree", number, "--reason", "在裁量基准幅度内"))
    final = json.loads(ok(run("juzhang", "review", "coordinate", number, "--outcome", "agreed",
                              "--opinion", "经协调同意", "--json")))
    assert (final["state"], final["outcome"], final["passed"]) == ("final", "agreed", True)
    shown = ok(run("zhoumin", "review", "show", number))
    assert shown.startswith(f"{number}  协调决定")


def test_overdue_reviews_are_listed_and_warned_of(run, clerk, submitted, fined):
    fined("200000.00")  # matched but not submitted: never overdue
    rows = json.loads(ok(run("zhoumin", "review", "list", "--json")))
    assert [r["case"] for r in rows][0] == submitted.number
    late = json.loads(ok(run("zhoumin", "review", "list", "--overdue", "--json")))
    assert date.today() > date(2026, 6, 25)  # the children's clock is the real one
    assert [(r["case"], r["due_on"], r["overdue"]) for r in late] == [
        (submitted.number, "2026-06-25", True)]
    text = run("zhoumin", "review", "list", "--overdue")
    assert ok(text).startswith(submitted.number)
    assert f"1 件法制审核已逾期：{submitted.number}" in text.stdout


def test_case_facts_and_the_catalogue_from_the_command_line(run, fined, tmp_path):
    case = fined("1000.00")
    facts = json.loads(ok(run("zhoumin", "review", "facts", case.number, "--penalty-kinds",
                              "fine,吊销许可证件", "--major-impact", "--json")))
    assert (facts["penalty_kinds"], facts["mitigated"], facts["major_social_impact"]) == (
        ["fine", "revoke_licence"], False, True)
    needs = json.loads(ok(run("zhoumin", "review", "needs", case.number, "--json")))
    assert [r["rule"] for r in needs["rules"]] == ["major_social_impact", "revoke_licence"]
    rule = tmp_path / "rule.json"
    rule.write_text(json.dumps({"code": "mitigated", "name_zh": "减轻处罚",
                                "name_en": "mitigated penalty", "source": "本局目录（地方规则）",
                                "mitigated": True}, ensure_ascii=False), encoding="utf-8")
    assert "无权" in refused(run("zhoumin", "review", "rule-set", "--file", str(rule)))
    made = json.loads(ok(run("admin", "review", "rule-set", "--file", str(rule), "--json")))
    assert (made["code"], made["version"]) == ("mitigated", 1)
    rules = json.loads(ok(run("zhoumin", "review", "rules", "--json")))
    assert "mitigated" in {r["code"] for r in rules}
    ok(run("admin", "review", "rule-retire", "mitigated"))
    history = json.loads(ok(run("zhoumin", "review", "rules", "--history", "--json")))
    assert [(r["version"], r["active"]) for r in history if r["code"] == "mitigated"] == [
        (1, True), (2, False)]
