"""Measuring and laying out text: what is kept between calls gives what a fresh
computation gives, stays bounded, and cannot be changed by a caller."""
from __future__ import annotations

import random

import pytest
from reportlab.pdfbase import pdfmetrics

import reports.text
from reports.fonts import missing_glyphs
from reports.layout import BLOCK_WIDTH, BODY_PITCH, body_style
from reports.text import Measure, TextStyle, lay_out

SAMPLE = "经查，当事人于2026年3月销售《检验报告》所列食品（SHA-256：9f86d0…），罚款10005.20元。 \u3000é"


def fresh_advance(font_name: str, style: TextStyle, text: str) -> float:
    face = pdfmetrics.getFont(font_name).face
    glyphs = sum(face.charWidths.get(ord(c), face.defaultWidth) for c in text)
    return glyphs * (style.size / 1000.0) + len(text) * style.char_space


@pytest.mark.parametrize("style_args", [(16.0, 29.0, -0.2), (12.0, 18.0, 0.0), (10.5, 15.75, 1.0)])
def test_advances_are_exactly_those_computed_afresh(font, style_args):
    style = TextStyle(font.name, *style_args)
    chooser = random.Random(3)
    texts = [SAMPLE, ""] + ["".join(chooser.sample(SAMPLE, k)) for k in range(1, 30)]
    measure = Measure(style)
    for text in texts * 2:  # the second time from what was kept
        assert measure.advance(text) == fresh_advance(font.name, style, text)
        assert Measure(style).advance(text) == measure.advance(text)


def test_what_is_kept_of_advances_is_bounded(font, monkeypatch):
    monkeypatch.setattr(reports.text, "ADVANCES_KEPT", 50)
    monkeypatch.setattr(reports.text, "_ADVANCES", {})
    style = TextStyle(font.name, 16.0, 29.0)
    measure = Measure(style)
    for n in range(500):
        assert measure.advance(f"编号{n}") == fresh_advance(font.name, style, f"编号{n}")
        assert len(reports.text._ADVANCES[(font.name, "", 16.0, 0.0)]) <= 50


def test_a_laid_out_paragraph_cannot_be_changed_by_its_caller(font):
    style = body_style(font.name, first_indent=32.0)
    first = lay_out(SAMPLE * 4, style, BLOCK_WIDTH)
    expected = list(first)
    first.clear()
    assert lay_out(SAMPLE * 4, style, BLOCK_WIDTH) == expected
    assert len(expected) > 2


def test_lay_out_depends_on_style_and_width(font):
    text = "一" * 100
    wide = lay_out(text, body_style(font.name), BLOCK_WIDTH)
    narrow = lay_out(text, body_style(font.name), BLOCK_WIDTH / 2)
    indented = lay_out(text, body_style(font.name, first_indent=2 * BODY_PITCH), BLOCK_WIDTH)
    assert [len(line.text) for line in wide] == [28, 28, 28, 16]
    assert [len(line.text) for line in narrow][:2] == [14, 14]
    assert [len(line.text) for line in indented] == [26, 28, 28, 18]


def test_missing_glyphs_lists_each_character_once_in_order_of_first_use(font):
    emoji, rare = "\U0001F600", "\U0001F680"
    text = f"王{emoji} 行政{rare}\n处罚{emoji}\u3000{rare}"
    assert missing_glyphs(font.name, text) == emoji + rare
    assert missing_glyphs(font.name, "行政处罚 \t\n") == ""
