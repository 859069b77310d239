"""`lawdesk case …` and `lawdesk doc …` as the README's walkthrough uses them, through the
command's own entry (lawdesk.cli.main, in this process: a child process per command cost
this walkthrough 25 s) on the test's data folder; they read the real clock, so years are
not fixed."""
from __future__ import annotations

import json

import pytest

from tests.casework.conftest import EXAMPLE


@pytest.fixture
def as_admin(cli_here):
    def run(*args: str, **kwargs):  # noqa: ANN003
        return cli_here(*args, user="admin", **kwargs)
    return run


@pytest.mark.slow
def test_the_readme_walkthrough(bureau, footage, as_admin, tmp_path, pdf_text):
    new = as_admin("case", "new", "--json-file", str(EXAMPLE))
    assert new.returncode == 0, new.stderr
    number = new.stdout.strip()
    assert number.startswith("执一案〔") and number.endswith("〕1号")

    early = as_admin("case", "step", number, "decision", "--date", "2026-06-10")
    assert early.returncode == 1
    assert "不能记录“决定”环节：前一环节“立案”尚未记录" in early.stderr

    for step, day in (("filing", "04"), ("调查取证", "05")):
        done = as_admin("case", "step", number, step, "--date", f"2026-06-{day}")
        assert done.returncode == 0, done.stderr
    (digest,) = footage(1)
    linked = as_admin("case", "link", number, "--sha256", digest)
    assert linked.returncode == 0, linked.stderr

    listing = as_admin("doc", "list")
    assert "penalty_decision\t行政处罚决定书" in listing.stdout.splitlines()
    assert len(listing.stdout.splitlines()) == 13   # ten standard ones, three of legal review

    too_early = as_admin("doc", "render", "行政处罚决定书", "--case", number,
                         "--out", str(tmp_path / "d.pdf"))
    assert too_early.returncode == 1 and "须在“告知”环节记录之后出具" in too_early.stderr
    assert not (tmp_path / "d.pdf").exists()

    out = tmp_path / "清单.pdf"
    rendered = as_admin("doc", "render", "evidence_list", "--case", number, "--out", str(out),
                        "--json")
    assert rendered.returncode == 0, rendered.stderr
    info = json.loads(rendered.stdout)
    text = pdf_text(out.read_bytes())
    assert info["number"] in text and number in text and digest in text

    shown = as_admin("case", "show", number, "--json")
    data = json.loads(shown.stdout)
    assert [s["done_on"] for s in data["steps"][:2]] == ["2026-06-04", "2026-06-05"]
    assert data["evidence"][0]["sha256"] == digest
    assert data["documents"][0]["number"] == info["number"]
    assert data["next_steps"] == ["notice"]


@pytest.mark.slow
def test_render_lists_the_missing_fields_and_takes_them_from_a_file(bureau, as_admin,
                                                                    tmp_path, pdf_text):
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    del data["fields"]
    case_file = tmp_path / "case.json"
    case_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    number = as_admin("case", "new", "--json-file", str(case_file)).stdout.strip()
    out = tmp_path / "通知.pdf"

    missing = as_admin("doc", "render", "rectification_notice", "--case", number,
                       "--out", str(out))
    assert missing.returncode == 1
    assert missing.stderr.strip() == (
        "lawdesk: 《责令（限期）改正通知书》缺少必填项，未生成文书："
        "违反的规定（violated_provision）、"
        "改正要求（rectify_requirement）、改正期限（rectify_deadline）、行政复议机关（review_body）、"
        "人民法院（court）")
    assert not out.exists()

    fields = tmp_path / "fields.json"
    fields.write_text(json.dumps({
        "violated_provision": "《中华人民共和国食品安全法》第三十四条第（十）项",
        "rectify_requirement": "立即停止销售超过保质期的食品",
        "rectify_deadline": "2026-06-20", "review_body": "农安县人民政府",
        "court": "农安县人民法院"}, ensure_ascii=False), encoding="utf-8")
    # Dated before its deadline (the command reads the real clock: today may be later).
    done = as_admin("doc", "render", "责令（限期）改正通知书", "--case", number,
                    "--out", str(out), "--fields", str(fields), "--date", "2026-06-15")
    assert done.returncode == 0, done.stderr
    text = pdf_text(out.read_bytes())
    assert "于2026年6月20日前改正" in text and "农安县鑫源商贸有限公司" in text

    typo = fields.with_name("typo.json")
    typo.write_text('{"courts": "某法院"}', encoding="utf-8")
    refused = as_admin("doc", "render", "rectification_notice", "--case", number,
                       "--out", str(out), "--fields", str(typo))
    assert refused.returncode == 1 and "没有字段：courts" in refused.stderr


@pytest.mark.slow
def test_a_bad_case_file_and_a_bad_id_number_exit_1(bureau, as_admin, tmp_path):
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["parties"][0]["id_number"] = "91220122MA14CK3D0K"
    case_file = tmp_path / "case.json"
    case_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    bad = as_admin("case", "new", "--json-file", str(case_file))
    assert bad.returncode == 1
    assert "统一社会信用代码“91220122MA14CK3D0K”无效：校验码应为 J，实为 K" in bad.stderr
    missing = as_admin("case", "new", "--json-file", str(tmp_path / "none.json"))
    assert missing.returncode == 1 and "无法读取文件" in missing.stderr
    listing = as_admin("case", "list", "--json")
    assert json.loads(listing.stdout) == []
