"""Procedure flowcharts (程序流程图, measure 6): drawn by Graphviz from the procedure file the
cases run and the legal review's states and settings; `lawdesk flowchart` writes SVG or
PNG by the file's suffix, and names the missing `dot` with how to install it."""
from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ElementTree

from casework.procedures import procedures
from flowcharts.charts import chart_list, draw
from flowcharts.inputs import PROCEDURES_FILE, chart_inputs, read_procedures
from review.states import NAMES, NONE

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def svg_text(data: bytes) -> str:
    """Every text the SVG shows, joined (labels are split into <text> elements by line)."""
    root = ElementTree.fromstring(data)  # also proves the SVG is well-formed XML
    return "\n".join("".join(node.itertext()) for node in root.iter()
                     if node.tag.endswith("}text"))


def test_the_chart_loader_reads_what_the_cases_run():
    charted, _digest = read_procedures()
    run = procedures()
    assert list(charted) == list(run)
    for code, proc in run.items():
        mine = charted[code]
        assert (mine.name_zh, mine.name_en, mine.min_officers) == \
            (proc.name_zh, proc.name_en, proc.min_officers)
        assert [(s.code, s.name_zh, s.name_en, s.optional, s.enforcement) for s in mine.steps] \
            == [(s.code, s.name_zh, s.name_en, s.optional, s.enforcement) for s in proc.steps]


def test_each_procedure_and_the_review_has_a_chart_with_every_step():
    inputs = chart_inputs()
    codes = [chart.code for chart in chart_list(inputs)]
    assert codes == [*procedures(), "review"]
    for code, proc in procedures().items():
        text = svg_text(draw(inputs, code, "svg"))
        assert f"{proc.name_zh}流程图" in text
        assert f"sha256:{inputs.procedures_sha256[:16]}" in text   # matched to its data
        for number, step in enumerate(proc.steps, 1):
            assert f"{number}. {step.name_zh}" in text, step.code
        # The branches: the hearing only when the party asks, review when major.
        if any(s.code == "hearing" for s in proc.steps):
            assert "当事人要求听证？" in text
        assert "属重大执法决定？" in text and "法制审核" in text
    review = svg_text(draw(inputs, "review", "svg"))
    for state, (zh, _en) in NAMES.items():
        if state != NONE:
            assert zh in review, state
    assert "自提交之日起 7 个工作日" in review and "可延长一次 3 个工作日" in review
    assert "送审报告" in review and "听证笔录及听证报告（经听证的）" in review


def test_a_png_chart_is_a_real_png():
    data = draw(chart_inputs(), "ordinary", "png")
    assert data[:8] == PNG_SIGNATURE
    width, height = struct.unpack(">II", data[16:24])   # the IHDR chunk
    assert width > 400 and height > 800


def test_the_cli_writes_svg_or_png_by_suffix_and_lists_the_charts(cli_here, tmp_path):
    listed = cli_here("flowchart", "--list", "--json", password=None)
    assert listed.returncode == 0, listed.stderr
    assert '"code": "ordinary"' in listed.stdout and '"code": "review"' in listed.stdout
    svg, png = tmp_path / "ordinary.svg", tmp_path / "review.png"
    for out, procedure in ((svg, "ordinary"), (png, "法制审核")):
        done = cli_here("flowchart", "--procedure", procedure, "--out", str(out),
                        password=None)
        assert done.returncode == 0, done.stderr
    assert "普通程序流程图" in svg_text(svg.read_bytes())
    assert png.read_bytes()[:8] == PNG_SIGNATURE


def test_a_changed_procedure_file_changes_the_chart(cli_here, tmp_path):
    changed = tmp_path / "procedures.toml"
    text = PROCEDURES_FILE.read_text(encoding="utf-8")
    before_closing = '[[ordinary.step]]\ncode = "closing"'
    assert text.count(before_closing) == 1
    text = text.replace(before_closing, '[[ordinary.step]]\ncode = "archive_check"\n'
                        'name_zh = "归档<审查>&复核"\nname_en = "archive check"\n'
                        'time_limit_zh = "结案后 15 日内"\n\n' + before_closing)
    text += ('\n[quick]\nname_zh = "快速办理程序"\nname_en = "quick procedure"\n'
             'min_officers = 2\n\n[[quick.step]]\ncode = "decision"\nname_zh = "决定"\n'
             'name_en = "decision"\n')
    changed.write_text(text, encoding="utf-8")
    out = tmp_path / "ordinary.svg"
    done = cli_here("flowchart", "--procedure", "ordinary", "--out", str(out),
                    "--procedure-file", str(changed), password=None)
    assert done.returncode == 0, done.stderr
    shown = svg_text(out.read_bytes())
    # The new step, numbered in its place, with its time limit; the text is escaped in the
    # SVG (it parsed as XML) and reads as typed.
    assert "8. 归档<审查>&复核" in shown and "时限：结案后 15 日内" in shown
    assert "9. 结案" in shown
    digest = read_procedures(changed)[1]
    assert f"sha256:{digest[:16]}" in shown
    assert f"sha256:{read_procedures()[1][:16]}" not in shown
    listed = cli_here("flowchart", "--list", "--procedure-file", str(changed), password=None)
    assert "quick\t快速办理程序流程图" in listed.stdout


def test_the_review_chart_shows_the_data_folders_time_limits(cli_here, workspace, tmp_path):
    assert cli_here("settings", "set", "review.time_limit_days", "10",
                    user="admin").returncode == 0
    out = tmp_path / "review.svg"
    done = cli_here("flowchart", "--procedure", "review", "--out", str(out), password=None)
    assert done.returncode == 0, done.stderr
    shown = svg_text(out.read_bytes())
    assert "自提交之日起 10 个工作日" in shown and "本工作站设置" in shown


def test_without_dot_the_chart_is_refused_naming_the_program(cli_here, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))   # a PATH with no dot on it
    out = tmp_path / "ordinary.svg"
    done = cli_here("flowchart", "--procedure", "ordinary", "--out", str(out), password=None)
    assert done.returncode == 1
    assert "找不到 Graphviz 的 dot 程序" in done.stderr
    assert "apt-get install graphviz" in done.stderr
    assert "Traceback" not in done.stderr and not out.exists()
    english = cli_here("flowchart", "--procedure", "ordinary", "--out", str(out),
                       password=None, env={"LAWDESK_LANG": "en"})
    assert "Graphviz's dot program was not found" in english.stderr


def test_bad_requests_are_refused_in_one_line(cli_here, tmp_path):
    for args, message in (
            (("--procedure", "summary", "--out", str(tmp_path / "x.svg")),
             "没有“summary”流程图，可选：simplified, ordinary, review"),
            (("--procedure", "ordinary", "--out", str(tmp_path / "x.gif")),
             "流程图文件须以 .svg 或 .png 结尾"),
            (("--procedure", "ordinary", "--out", str(tmp_path / "x.svg"),
              "--procedure-file", str(tmp_path / "missing.toml")), "办案程序文件"),
            (("--out", str(tmp_path / "x.svg")), "须给出 --procedure 与 --out")):
        done = cli_here("flowchart", *args, password=None)
        assert done.returncode == 1, args
        assert message in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
    broken = tmp_path / "broken.toml"
    broken.write_text("[ordinary]\nname_zh = \"普通程序\"\n", encoding="utf-8")
    done = cli_here("flowchart", "--procedure", "ordinary", "--out", str(tmp_path / "x.svg"),
                    "--procedure-file", str(broken), password=None)
    assert done.returncode == 1 and re.search(r"办案程序文件 .*broken\.toml 无法读取",
                                              done.stderr)


def test_a_chinese_font_the_charts_name_is_installed():
    """The PNG shows characters, not boxes, only when fontconfig has one of the families
    the charts name (fonts-noto-cjk, fonts-wqy-zenhei: scripts/setup.sh)."""
    import shutil
    import subprocess

    from flowcharts.style import FONT
    assert shutil.which("fc-list"), "fontconfig's fc-list is missing"
    installed = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True,
                               text=True, check=True, timeout=30).stdout
    families = {name.strip() for line in installed.splitlines() for name in line.split(",")}
    assert families & set(FONT.split(",")), (FONT, sorted(families)[:10])
