"""The lists at the command line, acting as --user: import, versions, show, diff and export;
the personnel list exported but never imported; the public lookup by certificate number.
Refusals are one line on standard error with exit 1."""
from __future__ import annotations

import json

from lawdesk.parsers.lists import KIND_HELP
from public_lists.kinds import KINDS
from tests.public_lists.conftest import example, example_text


def test_import_versions_show_diff_and_export(bureau, cli_here, tmp_path):
    result = cli_here("list", "import", "items", str(example("items")), "--effective",
                      "2026-01-01", "--approved-by", "局长办公会", user="admin")
    assert result.returncode == 0, result.stderr
    assert "已导入第 1 版（6 行），2026-01-01 起施行，批准：局长办公会" in result.stdout
    changed = tmp_path / "items-2.csv"
    changed.write_text(example_text("items").replace("按年度检查计划", "按双随机抽查计划"),
                       "utf-8")
    result = cli_here("list", "import", "items", str(changed), "--json", user="admin")
    assert json.loads(result.stdout)["number"] == 2

    listed = json.loads(cli_here("list", "versions", "items", "--json", user="admin").stdout)
    assert [(v["number"], v["in_force"], v["approved_by"]) for v in listed] == [
        (2, True, "admin"), (1, False, "局长办公会")]
    shown = json.loads(cli_here("list", "show", "items", "--version", "1", "--json",
                                user="admin").stdout)
    assert shown["version"]["number"] == 1 and shown["rows"][4]["time_limit"] == "按年度检查计划"
    assert shown["columns"][0] == {"key": "code", "zh": "事项编码", "en": "Code"}
    assert shown["benchmarks"]["PRICE-42"] == "经营者违反明码标价规定"
    assert cli_here("list", "diff", "items", "1", "2", user="admin").stdout == (
        "~\tJC-SP-001\t办理时限\n")

    out = tmp_path / "items.xlsx"
    result = cli_here("list", "export", "items", "--out", str(out), "--version", "1",
                      user="admin")
    assert result.returncode == 0 and out.is_file()
    assert "已导出第 1 版（6 行）" in result.stdout


def test_personnel_is_exported_never_imported(bureau, cli_here, tmp_path):
    out = tmp_path / "personnel.csv"
    result = cli_here("list", "export", "personnel", "--out", str(out), user="admin")
    assert result.returncode == 0, result.stderr
    lines = out.read_text("utf-8-sig").splitlines()
    assert lines[0] == "姓名,所属单位,执法证号,执法类别,执法区域,有效期起,有效期至"
    assert lines[1].startswith("张伟,综合执法一科,22010001,")
    assert "22010003" not in out.read_text("utf-8-sig")   # 赵强's certificate has expired

    result = cli_here("list", "import", "personnel", str(out), user="admin")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "人员资格清单由执法人员和执法证件记录生成，不能导入" in result.stderr


def test_a_bad_file_is_refused_naming_rows_and_nothing_changes(bureau, cli_here, tmp_path):
    bad = tmp_path / "subjects.csv"
    bad.write_bytes("主体名称,机构性质,主体类别,执法职权\n某县市场监督管理局,,法定行政机关,行政处罚\n"
                    .encode("gbk"))
    result = cli_here("list", "import", "subjects", str(bad), user="admin")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == ("lawdesk: 导入失败，未导入任何内容。"
                                     "第 2 行“机构性质”列：不能为空")
    for args, expected in (
            (("list", "import", "subjects", str(tmp_path / "none.csv")), "无法读取文件"),
            (("list", "show", "stuff"), "没有“stuff”这种清单"),
            (("list", "import", "items", str(example("items")), "--effective", "2026-13-01"),
             "--effective 的日期“2026-13-01”无效")):
        result = cli_here(*args, user="admin")
        assert result.returncode == 1 and expected in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


def test_a_clerk_may_not_import(bureau, cli_here, admin_ctx):
    from accounts.users import add_user
    add_user(admin_ctx, "clerk", "clerk-pass-1", ["clerk"])
    result = cli_here("list", "import", "items", str(example("items")), user="clerk",
                      password="clerk-pass-1")
    assert result.returncode == 1
    assert "用户 clerk 无权修改事前公示清单" in result.stderr


def test_officer_lookup_shows_only_public_fields(bureau, cli_here, admin_ctx):
    from datetime import date

    from organisation.officers import CertificateInput, add_officer
    add_officer(admin_ctx, "钱程", "执一", CertificateInput("22010021", date(2028, 12, 31),
                                                          category="市场监管", area="农安县"),
                phone="13904319999")
    result = cli_here("officer", "lookup", "22010021", "--json", user="admin")
    found = json.loads(result.stdout)
    assert (found["name"], found["unit"], found["category"], found["area"],
            found["valid_until"], found["certified"]) == (
        "钱程", "综合执法一科", "市场监管", "农安县", "2028-12-31", True)
    assert "13904319999" not in result.stdout and "phone" not in found
    result = cli_here("officer", "lookup", "22019999", "--json", user="admin")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == "lawdesk: 未找到执法证号：22019999"


def test_the_help_names_every_kind():
    assert all(kind in KIND_HELP for kind in KINDS)
