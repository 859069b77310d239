"""Font subsets made by reports.embedding: the same bytes as reportlab's own subsetter, and
the same PDF as reportlab's own face would write, however often a subset is asked for."""
from __future__ import annotations

import random
import zlib

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFontFace, TTFontFile

from reports import Document, capital_amount
from reports.embedding import SUBSETS_KEPT, SubsettingFace

FACTS = ("经查，当事人于2026年3月至5月期间，在其经营场所销售不符合食品安全标准的食品"
         "（详见《检验报告》），货值金额10005.20元，违法所得3000元。")


@pytest.fixture(scope="module")
def face(font) -> SubsettingFace:
    return pdfmetrics.getFont(font.name).face


def decision(font, party: str = "某某食品有限公司") -> Document:
    doc = Document("某县市场监督管理局\n行政处罚决定书", font, reproducible=True)
    doc.paragraph("某市监罚决〔2026〕1号", align="right", indent=False)
    doc.meta_lines([("当事人：", party), ("住所：", "某省某市某县某某镇某某路1号")])
    for _ in range(8):
        doc.paragraph(FACTS)
    doc.table(["序号", "名称", "金额（元）"], [["1", "罚款", "10005.20"]])
    doc.paragraph(f"罚款人民币10005.20元（大写：{capital_amount('10005.20')}）。")
    return doc.signature_block("某县市场监督管理局", "2026年6月15日")


def test_the_registered_font_uses_the_fast_face(face):
    assert isinstance(face, SubsettingFace)


def test_subsets_are_byte_for_byte_those_of_reportlab(face):
    codes = sorted(face.charToGlyph)
    composite = [c for c in range(0x20, 0x250) if c in face.charToGlyph]  # accented Latin
    chooser = random.Random(7)
    subsets = [
        [0] * 32 + list(range(32, 128)) + chooser.sample(codes, 128),  # as reportlab's first
        chooser.sample(codes, 256),
        composite,                       # glyphs built from other glyphs (é from e and ´)
        [0, 0x4E00, 0x10FFFF, 0xE000],   # codes the font lacks map to glyph 0
        [0],
    ]
    for subset in subsets:
        assert face.makeSubset(subset) == TTFontFile.makeSubset(face, subset)


def test_a_subset_is_deflated_once_and_then_kept(face, monkeypatch):
    subset = [0] + sorted(face.charToGlyph)[1000:1100]
    length, deflated = face.deflated_subset(subset)
    assert zlib.decompress(deflated) == face.makeSubset(subset) and length == len(
        face.makeSubset(subset))
    monkeypatch.setattr(SubsettingFace, "makeSubset", lambda *_: pytest.fail("made again"))
    assert face.deflated_subset(list(subset)) == (length, deflated)


def test_the_kept_subsets_are_bounded(face):
    codes = sorted(face.charToGlyph)
    for start in range(0, (SUBSETS_KEPT + 5) * 10, 10):
        face.deflated_subset([0] + codes[start:start + 10])
    assert len(face._lawdesk_deflated) == SUBSETS_KEPT


def test_the_pdf_is_the_one_reportlab_writes_with_its_own_face(font, face, monkeypatch):
    # Cold (a party whose characters make new subsets), warm (the same again), and cold.
    parties = ("鑫源商贸有限公司", "鑫源商贸有限公司", "龙腾餐饮服务部")
    ours = [decision(font, party).render() for party in parties]
    monkeypatch.setattr(face, "__class__", TTFontFace)  # reportlab's face, as registered
    assert [decision(font, party).render() for party in parties] == ours


def test_a_document_is_the_same_whether_its_subsets_were_kept_or_not(font, face):
    first = decision(font, "恒达超市").render()
    face._lawdesk_deflated.clear()
    assert decision(font, "恒达超市").render() == first
