"""A one-page sample document, to judge on screen the face LawDesk's PDFs will be set in.

The first-run wizard shows it (desktop/first_run): a bureau setting a workstation up sees
whether the machine has a proper FangSong/Song face or only a fallback before the first
notice is printed, and can install a font or choose one (documents.font_file) then."""
from __future__ import annotations

from dataclasses import dataclass

from reports.document import Document
from reports.fonts import FontChoice, fallback_note, find_font

SAMPLE_TEXT = ("当事人：某某商贸有限公司，统一社会信用代码 91220122MA0X1234Y5。"
               "经查，当事人于2026年6月3日销售过期食品，违反了《中华人民共和国食品安全法》"
               "第三十四条第（十）项的规定。依据该法第一百二十四条第一款，决定罚款人民币"
               "50,000.00元。")


@dataclass(frozen=True)
class FontSample:
    font: FontChoice
    pdf: bytes

    @property
    def preferred(self) -> bool:
        """A 仿宋 (FangSong): GB/T 9704-2012 7.1 sets body text in it."""
        return fallback_note(self.font) is None

    def note(self, language: str = "zh_CN") -> str | None:
        """What to tell the user about a fallback face (the same words as self-check)."""
        note = fallback_note(self.font)
        return None if note is None else note[1 if language.startswith("en") else 0]


def font_sample(font_file: str | None = None) -> FontSample:
    """The font documents would use (the ``documents.font_file`` setting, else the best
    installed) and a sample page set in it. Raises reports.fonts' errors when none is usable."""
    font = find_font(font_file or None)
    document = Document("字体样张", font, subject="LawDesk")
    latin = document.latin_font
    document.meta_lines([("字体：", font.family_name), ("文件：", str(font.path)),
                         ("数字与字母：", latin.family_name if latin else "同正文字体")])
    document.paragraph(SAMPLE_TEXT)
    document.paragraph("数字与字母：0123456789 ABCDEFG abcdefg（）《》〔〕：；")
    document.signature_block("某县市场监督管理局", "二〇二六年六月十五日", seal=True)
    return FontSample(font, document.render())
