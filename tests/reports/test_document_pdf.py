"""Documents rendered to real PDFs and read back as a reader would: page, margins, fonts,
text, line breaking, page breaks and page numbers."""
from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from reports import Document, GlyphsMissing, capital_amount
from reports.linebreak import CLOSING, OPENING
from tests.reports.conftest import A4_POINTS, needs_poppler, pdf_lines, poppler_words

LEFT, RIGHT = 28 * mm, (28 + 156) * mm
TOP, BOTTOM = 37 * mm, (37 + 225) * mm          # from the top edge, as poppler measures
PITCH = 156 * mm / 28                            # one body character on the grid
TOLERANCE = 0.05                                 # points

FACTS = ("经查，当事人于2026年3月至5月期间，在其经营场所销售不符合食品安全标准的食品"
         "（详见《检验报告》），货值金额10005.20元，违法所得3000元。上述事实有现场检查笔录、"
         "询问笔录、检验报告、照片等证据证实，当事人对违法事实无异议。")
HEADER = ["序号", "文件名", "SHA-256", "大小", "录制时间"]
DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"


def decision(font, paragraphs: int = 6, rows: int = 12) -> Document:
    doc = Document("某县市场监督管理局\n行政处罚决定书", font, author="某县市场监督管理局")
    doc.paragraph("某市监罚决〔2026〕1号", align="right", indent=False)
    address = "某省某市某县某某镇某某路1号某某大厦十二层某某室（某某工业园区内，原某某厂旧址东侧）"
    doc.meta_lines([("当事人：", "某某食品有限公司"), ("住所：", address)])
    doc.heading("一、违法事实和证据")
    for _ in range(paragraphs):
        doc.paragraph(FACTS)
    doc.table(HEADER, [[str(i), f"DSCN{i:04d}.MP4", DIGEST, "1.2 GB", "2026-06-15 10:00"]
                       for i in range(1, rows + 1)])
    doc.paragraph(f"罚款人民币10005.20元（大写：{capital_amount('10005.20')}）。")
    return doc.signature_block("某县市场监督管理局", "2026年6月15日")


@pytest.fixture
def sample(font, tmp_path: Path) -> Path:
    return decision(font).write(tmp_path / "决定书.pdf")


def test_pages_are_a4(sample: Path):
    pages = PdfReader(sample).pages
    assert len(pages) >= 2
    for page in pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4_POINTS)


def test_every_font_is_embedded(sample: Path):
    reader = PdfReader(sample)
    fonts = {}
    for page in reader.pages:
        for name, ref in page["/Resources"]["/Font"].items():
            fonts[name] = ref.get_object()
    assert fonts
    for name, font in fonts.items():
        if font["/Subtype"] == "/Type0":
            font = font["/DescendantFonts"][0].get_object()
        assert "/FontDescriptor" in font, f"{name} ({font.get('/BaseFont')}) is not embedded"
        assert "/FontFile2" in font["/FontDescriptor"], f"{name} has no TrueType font file"


def test_title_and_chinese_text_can_be_extracted(sample: Path):
    reader = PdfReader(sample)
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    assert "某县市场监督管理局行政处罚决定书" in text
    assert FACTS in text
    assert "壹万零伍元贰角整" in text
    assert "DSCN0012.MP4" in text
    assert reader.metadata.title == "某县市场监督管理局行政处罚决定书"


@needs_poppler
def test_text_stays_inside_the_text_block_and_fills_its_width(sample: Path):
    words = [w for w in poppler_words(sample) if not is_page_number(w)]
    assert min(w.x_min for w in words) == pytest.approx(LEFT, abs=TOLERANCE)
    assert max(w.x_max for w in words) == pytest.approx(RIGHT, abs=TOLERANCE)
    assert all(w.x_min >= LEFT - TOLERANCE and w.x_max <= RIGHT + TOLERANCE for w in words)
    assert all(w.y_min >= TOP - TOLERANCE and w.y_max <= BOTTOM + TOLERANCE for w in words)
    # Justified body lines end exactly at the right edge of the block.
    full = [w for w in words if len(w.text) >= 20 and w.x_max > RIGHT - 1]
    assert len(full) > 10
    assert all(w.x_max == pytest.approx(RIGHT, abs=TOLERANCE) for w in full)


def test_body_text_keeps_the_grid_of_22_lines_of_28_characters(font, tmp_path: Path):
    text = "".join(random.Random(1).choice("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你说")
                   for _ in range(28 * 60))
    doc = Document("", font, show_title=False)
    doc.paragraph(text, indent=False)
    pages = pdf_lines(doc.write(tmp_path / "grid.pdf"))
    assert [len(lines) for lines in pages[:2]] == [22, 22]
    assert {len(line) for page in pages for line in page[:-1]} == {28}
    assert "".join(line for page in pages for line in page) == text


def test_body_paragraphs_are_indented_two_characters(font, tmp_path: Path):
    doc = Document("", font, show_title=False).paragraph(FACTS).paragraph(FACTS, indent=False)
    path = doc.write(tmp_path / "indent.pdf")
    if shutil.which("pdftotext"):
        starts = sorted({round(w.x_min, 1) for w in poppler_words(path) if not is_page_number(w)})
        assert starts == [pytest.approx(LEFT, abs=0.1), pytest.approx(LEFT + 2 * PITCH, abs=0.1)]
    lines = pdf_lines(path)[0]
    assert lines[0].startswith("经查")


def test_a_long_paragraph_breaks_across_pages_without_losing_a_character(font, tmp_path: Path):
    text = FACTS * 30
    doc = Document("长段落", font).paragraph(text)
    path = doc.write(tmp_path / "long.pdf")
    pages = pdf_lines(path)
    assert doc.page_count == len(pages) >= 3
    assert "".join("".join(page) for page in pages) == "长段落" + text
    # A full page of the paragraph's continuation: 22 lines, or up to 24 when tighter lines
    # spare a page (GB/T 9704 7.1).
    assert len(pages[1]) == doc.lines_per_page in (22, 23, 24)


@pytest.mark.parametrize("seed", range(6))
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(font, tmp_path, seed):
    chooser = random.Random(seed)
    words = ["执法", "当事人", "2026年", "检验报告", "10005.20元", "（详见附件）", "《行政处罚法》",
             "“责令改正”", "。", "，", "、", "；", "：", "？", "！", "〔2026〕", "「现场」"]
    # Each paragraph and cell starts with a word: only its first line may start as it likes.
    paragraphs = ["执法" + "".join(chooser.choice(words) for _ in range(120)) for _ in range(4)]
    doc = Document("标点避头尾", font)
    for text in paragraphs:
        doc.paragraph(text)
    doc.table(["甲", "乙"], [[paragraphs[0][:90], paragraphs[1][:60]]], col_widths=[3, 2])
    lines = [line for page in pdf_lines(doc.write(tmp_path / "rules.pdf")) for line in page]
    assert len(lines) > 30
    for line in lines[1:]:
        assert line[0] not in CLOSING, f"a line starts with closing punctuation: {line}"
    for line in lines:
        assert line[-1] not in OPENING, f"a line ends with opening punctuation: {line}"


def test_a_comma_that_would_start_a_line_pulls_the_character_before_it(font, tmp_path: Path):
    # The first line holds 26 characters after the two-character indent; the 27th is a comma.
    text = "一" * 25 + "二，" + "三" * 40
    doc = Document("", font, show_title=False).paragraph(text)
    lines = pdf_lines(doc.write(tmp_path / "push.pdf"))[0]
    assert lines[0] == "一" * 25
    assert lines[1].startswith("二，")


def test_a_long_table_breaks_across_pages_and_repeats_its_header(font, tmp_path: Path):
    doc = decision(font, paragraphs=1, rows=60)
    path = doc.write(tmp_path / "table.pdf")
    pages = pdf_lines(path)
    table_pages = [lines for lines in pages if any("DSCN" in line for line in lines)]
    assert len(table_pages) >= 3
    for lines in table_pages:
        assert "序号" in lines and "录制时间" in lines
    text = "".join(line for lines in pages for line in lines)
    assert all(f"DSCN{i:04d}.MP4" in text for i in range(1, 61))
    if shutil.which("pdftotext"):
        for number in range(2, doc.page_count):  # continuation pages start with the header
            top = min((w for w in poppler_words(path) if w.page == number), key=lambda w: w.y_min)
            assert top.text in HEADER and top.y_min < TOP + 20


def test_a_row_taller_than_a_page_continues_on_the_next(font, tmp_path: Path):
    long_cell = FACTS * 12
    doc = Document("询问笔录", font).table(["问", "答"], [["问：请陈述经过。", long_cell]],
                                         col_widths=[1, 3])
    pages = pdf_lines(doc.write(tmp_path / "tall.pdf"))
    assert len(pages) >= 2
    assert all("问" in lines and "答" in lines for lines in pages)
    text = "".join(line for lines in pages for line in lines if line not in ("问", "答"))
    assert long_cell in text


@needs_poppler
def test_page_numbers_sit_below_the_block_outside_on_odd_and_even_pages(font, tmp_path: Path):
    doc = Document("页码", font).paragraph(FACTS * 12)
    path = doc.write(tmp_path / "numbers.pdf")
    numbers: dict[int, list] = {}
    for word in poppler_words(path):
        if word.y_min > BOTTOM:
            numbers.setdefault(word.page, []).append(word)
    assert sorted(numbers) == list(range(1, doc.page_count + 1)) and doc.page_count >= 3
    for page, words in numbers.items():
        assert "".join(w.text for w in words) == f"—{page}—"
        assert min(w.y_min for w in words) > BOTTOM + 3 * mm
        if page % 2:  # one character in from the right on odd pages, from the left on even
            assert max(w.x_max for w in words) == pytest.approx(RIGHT - PITCH, abs=0.5)
        else:
            assert min(w.x_min for w in words) == pytest.approx(LEFT + PITCH, abs=0.5)


@needs_poppler
def test_meta_lines_wrap_under_their_value(font, tmp_path: Path):
    address = "某省某市某县某某镇某某路1号某某大厦十二层某某室（某某工业园区内，原某某厂旧址东侧）"
    doc = Document("", font, show_title=False).meta_lines([("住所：", address)])
    words = [w for w in poppler_words(doc.write(tmp_path / "meta.pdf")) if not is_page_number(w)]
    assert words[0].x_min == pytest.approx(LEFT, abs=0.1)
    assert words[1].x_min == pytest.approx(LEFT + 3 * PITCH, abs=0.1)  # after "住所："


@needs_poppler
def test_the_signature_is_centred_over_a_date_four_characters_from_the_right(font, tmp_path):
    doc = Document("", font, show_title=False).paragraph("特此决定。")
    doc.signature_block("某县市场监督管理局", "2026年6月15日")
    words = {w.text: w for w in poppler_words(doc.write(tmp_path / "sign.pdf"))}
    date, name = words["2026年6月15日"], words["某县市场监督管理局"]
    assert date.x_max == pytest.approx(RIGHT - 4 * PITCH, abs=0.5)
    assert (name.x_min + name.x_max) / 2 == pytest.approx((date.x_min + date.x_max) / 2, abs=0.5)
    assert name.y_max < date.y_min
    # Two blank lines above the name leave room for the seal.
    assert name.y_min - words["特此决定。"].y_max > 2 * 225 * mm / 22


@needs_poppler
def test_without_a_seal_name_and_date_end_two_characters_from_the_right(font, tmp_path):
    doc = Document("", font, show_title=False).paragraph("特此通知。")
    doc.signature_block(["某县市场监督管理局", "某县公安局"], "2026年6月15日", seal=False)
    words = {w.text: w for w in poppler_words(doc.write(tmp_path / "sign.pdf"))}
    for text in ("某县市场监督管理局", "某县公安局", "2026年6月15日"):
        assert words[text].x_max == pytest.approx(RIGHT - 2 * PITCH, abs=0.5)


def test_a_character_the_font_cannot_draw_is_refused_not_printed_as_a_box(font, tmp_path):
    doc = Document("行政处罚决定书", font).meta_lines([("当事人：", "王\U0001F600")])
    with pytest.raises(GlyphsMissing) as refused:
        doc.write(tmp_path / "box.pdf")
    assert "\U0001F600" in refused.value.message("zh_CN")
    assert "no glyphs" in refused.value.message("en")
    assert not (tmp_path / "box.pdf").exists()


def test_write_leaves_no_temporary_file_and_replaces_an_old_one(font, tmp_path: Path):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    Document("送达回证", font).paragraph("受送达人：某某").write(target)
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_reproducible_documents_are_byte_for_byte_the_same(font):
    one = Document("结案审批表", font, reproducible=True).paragraph(FACTS).render()
    two = Document("结案审批表", font, reproducible=True).paragraph(FACTS).render()
    assert one == two


def test_rendering_twice_gives_the_same_pages(font):
    doc = decision(font)
    assert len(doc.render()) > 0 and doc.page_count >= 2
    pages = doc.page_count
    doc.render()
    assert doc.page_count == pages


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_poppler_draws_every_page_without_complaint(sample: Path, tmp_path: Path):
    result = subprocess.run(["pdftoppm", "-r", "30", "-png", str(sample), str(tmp_path / "p")],
                            capture_output=True, text=True, check=True)
    assert result.stderr == ""
    assert len(list(tmp_path.glob("p-*.png"))) == len(PdfReader(sample).pages)


def is_page_number(word) -> bool:
    return word.y_min > BOTTOM
