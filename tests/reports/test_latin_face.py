"""Figures and Latin letters in a matching serif (Times New Roman, else Liberation Serif or
another free serif on the machine), measured in the face they are set in; and a number
never split from its measure word in a printed document (issue 14)."""
from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from reports import Document
from reports.fonts import LATIN_KIND, FontSearch, fallback_note, find_latin_font
from reports.layout import BODY_CHAR_SPACE, BODY_SIZE, body_style
from reports.text import Measure
from tests.reports.conftest import needs_poppler, pdf_lines, poppler_words
from tests.reports.test_document_pdf import BOTTOM, LEFT, RIGHT, TOLERANCE

LIBERATION = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
DEJAVU_SERIF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
TEXT = ("当事人某某商贸有限公司（统一社会信用代码91220122MA0X1234Y5）于2026年6月3日销售"
        "过期食品，案件编号执一案〔2026〕1号，决定罚款人民币50,000.00元，"
        "文件J001234_22010001_20260603093000_0001.MP4的SHA-256值已核对。") * 2


@pytest.fixture(scope="module")
def latin():
    choice = find_latin_font()
    if choice is None:
        pytest.skip("no Latin serif on this machine (scripts/setup.sh installs fonts-liberation2)")
    return choice


def runs_and_faces(pdf: bytes) -> list[tuple[str, str]]:
    """Each text run pypdf reads, with the PostScript name of the font it is set in (its
    /BaseFont less the subset tag "AAAAAA+" and reportlab's subset number "-0")."""
    found: list[tuple[str, str]] = []

    def visit(text, cm, tm, font, size) -> None:  # noqa: ANN001
        if text.strip() and font:
            base = str(font.get("/BaseFont", "")).lstrip("/").split("+", 1)[-1]
            found.append((text.strip(), re.sub(r"-\d+$", "", base)))
    for page in PdfReader(BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return found


def ps_name(font_name: str) -> str:
    name = pdfmetrics.getFont(font_name).face.name
    return name.decode() if isinstance(name, bytes) else str(name)


def test_the_machine_offers_a_latin_serif(latin):
    assert latin.family_kind == LATIN_KIND and latin.path.is_file()
    assert latin.missing("0123456789 ABCXYZ abcxyz.,:-/%") == ""


def test_figures_and_letters_are_set_in_the_latin_face_and_the_rest_in_the_chinese(font, latin):
    pdf = Document("行政处罚决定书", font, latin_font=latin).paragraph(TEXT).render()
    runs = [(text, face) for text, face in runs_and_faces(pdf) if text != "— 1 —"]
    latin_face, chinese_face = ps_name(latin.name), ps_name(font.name)
    ascii_runs = [(t, f) for t, f in runs if t.isascii()]
    assert {"2026", "91220122MA0X1234Y5", "50,000.00"} <= {t for t, _ in ascii_runs}
    assert {f for _, f in ascii_runs} == {latin_face}
    assert {f for t, f in runs if not t.isascii()} == {chinese_face}


def test_without_a_latin_face_the_chinese_face_sets_its_own_figures_and_says_so(font, latin):
    from dataclasses import replace
    pdf = Document("行政处罚决定书", font, latin_font=None).paragraph(TEXT).render()
    runs = runs_and_faces(pdf)
    assert any("2026" in t for t, _ in runs)
    assert {f for _, f in runs} == {ps_name(font.name)}
    fangsong = replace(font, family_kind="FangSong")
    assert fallback_note(fangsong, latin) is None
    zh, en = fallback_note(fangsong, None)
    assert "fonts-liberation2" in zh and "数字和字母" in zh and "Latin letters" in en
    song_zh, _ = fallback_note(replace(font, family_kind="Song"), None)
    assert "代替仿宋" in song_zh and "数字和字母" in song_zh


def test_widths_are_measured_in_the_face_each_character_is_set_in(font, latin):
    mixed = Measure(body_style(font.name, latin_font=latin.name))
    plain = Measure(body_style(font.name))
    latin_widths = pdfmetrics.getFont(latin.name).face.charWidths
    expected = sum(latin_widths[ord(c)] for c in "2026") * BODY_SIZE / 1000 + 4 * BODY_CHAR_SPACE
    assert mixed.advance("2026") == pytest.approx(expected)
    assert mixed.advance("年") == plain.advance("年")


@needs_poppler
def test_mixed_lines_fill_the_text_block_and_stay_inside_it(font, latin, tmp_path: Path):
    path = Document("行政处罚决定书", font, latin_font=latin).paragraph(TEXT).write(
        tmp_path / "mixed.pdf")
    words = [w for w in poppler_words(path) if w.y_max < BOTTOM]  # the page number aside
    assert all(LEFT - TOLERANCE <= w.x_min and w.x_max <= RIGHT + TOLERANCE for w in words)
    lines = pdf_lines(path)[0][1:-1]   # the title and the paragraph's last line aside
    ends = sorted({round(w.x_max, 1) for w in words if w.y_min > 150})
    assert len(lines) >= 5 and ends[-1] == pytest.approx(RIGHT, abs=0.5)


def test_the_latin_face_is_times_new_roman_first_then_a_free_serif(tmp_path: Path):
    if not LIBERATION.exists() or not DEJAVU_SERIF.exists():
        pytest.skip("Liberation Serif and DejaVu Serif are both needed here")
    windows, free, last, none = (tmp_path / n for n in ("windows", "free", "last", "none"))
    for folder in (windows, free, last, none):
        folder.mkdir()
    # Only file names tell the faces apart: Liberation's outlines under Windows' name.
    (windows / "times.ttf").symlink_to(LIBERATION)
    (windows / "DejaVuSerif.ttf").symlink_to(DEJAVU_SERIF)
    (free / "LiberationSerif-Regular.ttf").symlink_to(LIBERATION)
    (free / "DejaVuSerif.ttf").symlink_to(DEJAVU_SERIF)
    (last / "DejaVuSerif.ttf").symlink_to(DEJAVU_SERIF)
    (last / "DejaVuSerif-Bold.ttf").symlink_to(DEJAVU_SERIF)
    assert find_latin_font(search=FontSearch(scan_dirs=(windows,))).path.name == "times.ttf"
    assert find_latin_font(search=FontSearch(scan_dirs=(free,))).family_name == "Liberation Serif"
    assert find_latin_font(search=FontSearch(scan_dirs=(last,))).path.name == "DejaVuSerif.ttf"
    assert find_latin_font(search=FontSearch(scan_dirs=(none,))) is None


def test_a_printed_time_limit_is_never_split_from_its_unit(font, latin, tmp_path: Path):
    """The body line holds 28 characters, the first 26 after the indent: 25 characters and
    六 would fit, but 六十日内 goes to the next line whole; 22 and 六十日内 fit exactly."""
    over = "甲" * 25 + "六十日内向本机关申请行政复议。"
    exact = "甲" * 22 + "六十日内向本机关申请行政复议。"
    doc = Document("通知", font, latin_font=latin).paragraph(over).paragraph(exact)
    lines = pdf_lines(doc.write(tmp_path / "limit.pdf"))[0][1:]
    assert lines[0] == "甲" * 25 and lines[1].startswith("六十日内")
    assert lines[2] == "甲" * 22 + "六十日内"


@needs_poppler
def test_a_justified_line_widens_the_gaps_between_words_never_inside_a_latin_word(
        font, latin, tmp_path: Path):
    word = "ABC123XYZ"
    text = "甲乙" * 5 + f" {word} " + "丙丁" * 30   # the first line is justified
    path = Document("通知", font, latin_font=latin).paragraph(text).write(tmp_path / "w.pdf")
    (box,) = [w for w in poppler_words(path) if w.text == word]
    natural = Measure(body_style(font.name, latin_font=latin.name)).advance(word) \
        - BODY_CHAR_SPACE
    assert box.x_max - box.x_min == pytest.approx(natural, abs=0.05)
    first_line = [w for w in poppler_words(path) if abs(w.y_max - box.y_max) < 8]
    assert max(w.x_max for w in first_line) == pytest.approx(RIGHT, abs=0.5)  # justified
