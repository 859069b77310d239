"""`lawdesk benchmark …` through the command's entry (in this process: ``cli_here``) on the
test's data folder: suggestions as JSON, the published list in and out, and a case's
choice refused and accepted."""
from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from tests.casework.conftest import EXAMPLE, admin_ctx, bureau  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow


@pytest.fixture
def as_admin(cli_here):
    def run(*args: str):
        return cli_here(*args, user="admin")
    return run


def test_suggest_as_json_for_a_tiered_and_a_maximum_only_offence(workspace, as_admin):
    done = as_admin("benchmark", "suggest", "--offence", "FSL-124-5-A",
                    "--circumstance", "eliminated_harm", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert {k: data[k] for k in ("offence", "tier", "tier_name", "low", "high", "unit",
                                 "version")} == {
        "offence": "FSL-124-5-A", "tier": "lighter", "tier_name": "从轻", "low": "50000",
        "high": "65000", "unit": "yuan", "version": 1}
    assert data["basis"].startswith("违法依据：《中华人民共和国食品安全法》第三十四条第（十）项")

    capped = json.loads(as_admin("benchmark", "suggest", "--offence", "PRICE-42",
                                 "--circumstance", "obstruction", "--json").stdout)
    assert (capped["tier"], capped["low"], capped["high"]) == ("heavier", "3500", "5000")
    assert "法定最高额的 70%–100%" in capped["basis"]

    multiple = json.loads(as_admin("benchmark", "suggest", "--offence", "PQL-49",
                                   "--base-amount", "2万", "--json").stdout)
    assert (multiple["unit"], multiple["base"], multiple["amount_low"],
            multiple["amount_high"]) == ("multiple", "货值金额", "32000", "48000")

    text = as_admin("benchmark", "suggest", "--offence", "FSL-124-5-A")
    assert text.stdout.splitlines()[0] == "一般：65000元至85000元（FSL-124-5-A，裁量基准第 1 版）"

    refused = as_admin("benchmark", "suggest", "--offence", "PRICE-42", "--circumstance", "x")
    assert refused.returncode == 1
    assert refused.stderr.startswith("lawdesk: 违法行为“PRICE-42”的裁量基准没有情形 x；可选情形：")


def test_export_import_list_and_versions(workspace, as_admin, tmp_path):
    out = tmp_path / "基准.xlsx"
    exported = as_admin("benchmark", "export", "--out", str(out), "--json")
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout) == {"version": 1, "rows": 39, "file": str(out)}
    assert load_workbook(out)["裁量基准"]["A2"].value == "FSL-122-A"

    imported = as_admin("benchmark", "import", str(out), "--effective-from", "2099-07-01",
                        "--title", "某县市场监督管理局行政处罚裁量基准（2026年版）", "--json")
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout) == {"version": 2, "effective_from": "2099-07-01",
                                           "offences": 8, "tiers": 39}
    versions = json.loads(as_admin("benchmark", "versions", "--json").stdout)
    assert [(v["version"], v["in_force"], v["effective_from"]) for v in versions] == [
        (2, False, "2099-07-01"), (1, True, "2022-10-08")]
    listing = json.loads(as_admin("benchmark", "list", "--version", "2", "--json").stdout)
    assert listing["version"]["title"] == "某县市场监督管理局行政处罚裁量基准（2026年版）"
    price = next(o for o in listing["offences"] if o["code"] == "PRICE-42")
    assert (price["statutory"], [t["tier"] for t in price["tiers"]]) == (
        "5000元以下", ["no_penalty", "lighter", "general", "heavier"])
    assert {"code": "no_fault", "text": "当事人有证据足以证明没有主观过错"} in listing["circumstances"]

    csv_out = tmp_path / "基准.csv"
    assert as_admin("benchmark", "export", "--out", str(csv_out), "--version", "2").returncode == 0
    assert csv_out.read_text("utf-8-sig").startswith("违法行为编码,违法行为,")


def test_a_bad_import_exits_1_naming_the_rows(workspace, as_admin, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("违法行为编码,裁量阶次\nP-1,很轻\n", "utf-8")
    done = as_admin("benchmark", "import", str(path))
    assert done.returncode == 1
    assert done.stderr.startswith("lawdesk: 导入失败，未导入任何裁量基准。第 2 行：裁量阶次“很轻”无效")
    missing = as_admin("benchmark", "import", str(tmp_path / "none.csv"))
    assert (missing.returncode, missing.stderr.strip()) == (
        1, f"lawdesk: 找不到文件：{tmp_path / 'none.csv'}")


def test_choose_for_a_case_refused_without_a_reason_then_accepted(bureau, as_admin):  # noqa: F811
    number = as_admin("case", "new", "--json-file", str(EXAMPLE)).stdout.strip()
    refused = as_admin("benchmark", "choose", number, "--offence", "FSL-124-5-A")
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "lawdesk: 罚款 50000元 不在裁量基准建议幅度内（一般：65000元至85000元）：须写明理由"
        "（--reason），案件将提交法制审核")
    assert as_admin("benchmark", "case", number).returncode == 1   # nothing was recorded

    chosen = as_admin("benchmark", "choose", number, "--offence", "FSL-124-5-A",
                      "--reason", "货值金额仅192元，按法定最低额处罚", "--json")
    assert chosen.returncode == 0, chosen.stderr
    data = json.loads(chosen.stdout)
    assert (data["tier"], data["needs_review"], data["reason"]) == (
        "general", True, "货值金额仅192元，按法定最低额处罚")
    shown = as_admin("benchmark", "case", number)
    assert shown.stdout.splitlines() == [
        f"案件 {number}：FSL-124-5-A 一般：65000元至85000元",
        "需法制审核：罚款50000元不在裁量基准建议幅度内（FSL-124-5-A，一般：65000元至85000元，"
        "第 1 版）；说明理由：货值金额仅192元，按法定最低额处罚"]

    inside = as_admin("benchmark", "choose", number, "--offence", "FSL-124-5-A",
                      "--circumstance", "eliminated_harm", "--json")
    assert json.loads(inside.stdout)["needs_review"] is False
