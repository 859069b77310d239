"""Finding a Chinese font reportlab can embed, and refusing clearly when there is none."""
from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

from reports.fonts import (
    FAMILY_KINDS,
    FontSearch,
    FontUnusable,
    NoCJKFont,
    find_font,
    inspect_font_file,
)

UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
ZENHEI = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
NOTO_CFF = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def needs(*paths: Path):
    missing = [str(p) for p in paths if not p.exists()]
    return pytest.mark.skipif(bool(missing), reason=f"not installed here: {missing}")


def test_this_machine_has_a_font_and_it_is_registered_once(font):
    assert font.path.is_file()
    assert font.family_kind in FAMILY_KINDS
    assert pdfmetrics.getFont(font.name)  # registered with reportlab under its name
    assert find_font() is font            # the second search costs nothing and agrees
    assert font.missing("行政处罚决定书，壹万零伍元贰角整") == ""
    assert str(font.path) in font.describe()


def test_no_font_anywhere_is_refused_naming_where_it_looked(tmp_path: Path):
    empty = tmp_path / "fonts"
    empty.mkdir()
    search = FontSearch(named_files=(tmp_path / "simfang.ttf",), scan_dirs=(empty,))
    with pytest.raises(NoCJKFont) as refused:
        find_font(search=search)
    zh, en = refused.value.message("zh_CN"), refused.value.message("en")
    assert "找不到" in zh and str(empty) in zh and "simfang.ttf" in zh
    assert "documents.font_file" in zh
    assert "No Chinese TrueType font" in en and str(empty) in en


@needs(DEJAVU)
def test_fonts_without_chinese_characters_do_not_count(tmp_path: Path):
    (tmp_path / "DejaVuSans.ttf").symlink_to(DEJAVU)
    with pytest.raises(NoCJKFont):
        find_font(search=FontSearch(scan_dirs=(tmp_path,)))
    with pytest.raises(FontUnusable) as refused:
        inspect_font_file(DEJAVU)
    assert "缺少" in refused.value.message("zh_CN")
    assert "lacks" in refused.value.message("en")


@needs(NOTO_CFF)
def test_postscript_outlined_cjk_fonts_are_refused_with_the_reason():
    with pytest.raises(FontUnusable) as refused:
        inspect_font_file(NOTO_CFF)
    assert "CFF" in refused.value.message("zh_CN")
    assert "PostScript" in refused.value.message("en")


def test_a_font_file_that_is_not_a_font_is_refused(tmp_path: Path):
    bogus = tmp_path / "simfang.ttf"
    bogus.write_bytes(b"not a font at all" * 100)
    with pytest.raises(FontUnusable) as refused:
        find_font(bogus)
    assert str(bogus) in refused.value.message("zh_CN")
    with pytest.raises(FontUnusable) as refused:
        find_font(tmp_path / "gone.ttf")
    assert "不存在" in refused.value.message("zh_CN")
    assert "does not exist" in refused.value.message("en")


@needs(UMING)
def test_the_font_file_from_the_settings_comes_first(tmp_path: Path):
    chosen = find_font(UMING, search=None)
    assert chosen.path == UMING
    assert chosen.family_kind == "Song"
    assert chosen.family_name == "AR PL UMing CN"  # the mainland face of the collection


@needs(UMING, ZENHEI)
def test_a_song_style_beats_a_hei_style_whatever_the_order(tmp_path: Path):
    (tmp_path / "a-zenhei.ttc").symlink_to(ZENHEI)
    (tmp_path / "z-uming.ttc").symlink_to(UMING)
    chosen = find_font(search=FontSearch(scan_dirs=(tmp_path,)))
    assert chosen.family_kind == "Song"
    assert chosen.path.name == "z-uming.ttc"


@needs(ZENHEI)
def test_a_fangsong_named_file_is_tried_before_the_known_paths(tmp_path: Path):
    # A 仿宋 copied into the user's fonts must win over the distribution's fonts; the file
    # here is really Zen Hei under a 仿宋 file name, which is enough to test the order.
    (tmp_path / "simfang.ttf").symlink_to(ZENHEI)
    chosen = find_font(search=FontSearch(named_files=(UMING,), scan_dirs=(tmp_path,)))
    assert chosen.path == tmp_path / "simfang.ttf"


@pytest.mark.parametrize(("kind", "said"), [("FangSong", None), ("Song", "以宋体"),
                                            ("Hei", "替代字体"), ("Other", "替代字体")])
def test_anything_but_a_fangsong_is_named_a_fallback(kind, said):
    """GB/T 9704 7.1: body text in 仿宋. A 宋体 is the usual stand-in, said as such; the
    window and self-check show the note."""
    from dataclasses import replace

    from reports.fonts import fallback_note
    choice = replace(find_font(), family_kind=kind, family_name="某字体")
    note = fallback_note(choice)
    if said is None:
        assert note is None
    else:
        assert said in note[0] and "某字体" in note[0] and "documents.font_file" in note[1]


@needs(UMING)
def test_titles_take_a_xiaobiaosong_when_installed_else_a_song_for_a_fangsong_body(
        tmp_path: Path):
    """GB/T 9704 7.2: titles in 小标宋. The same outlines under a 方正小标宋 file name stand in
    for one here (only the name tells a face's style)."""
    from dataclasses import replace

    from reports import Document
    from reports.fonts import find_title_font, is_title_face
    body = find_font()
    # Found fonts are cached per search (as find_font's): a folder for each step.
    none, songs, titles = (tmp_path / name for name in ("none", "songs", "titles"))
    for folder in (none, songs, titles):
        folder.mkdir()
    assert find_title_font(body, search=FontSearch(scan_dirs=(none,))) == body
    (songs / "uming.ttc").symlink_to(UMING)
    fangsong_body = replace(body, family_kind="FangSong")
    song = find_title_font(fangsong_body, search=FontSearch(scan_dirs=(songs,)))
    assert song.family_kind == "Song" and not is_title_face(song)
    (titles / "FZXBSJW.ttc").symlink_to(UMING)
    title = find_title_font(body, search=FontSearch(scan_dirs=(titles,)))
    assert is_title_face(title) and title.path.name == "FZXBSJW.ttc"
    # A 小标宋 is set as it is; the body's face, for want of one, gets a heavier stroke
    # (text render mode 2: fill and stroke).
    from io import BytesIO

    from pypdf import PdfReader

    def stroked(title_font) -> bool:  # noqa: ANN001
        pdf = Document("行政处罚决定书", body, title_font=title_font).paragraph("正文。").render()
        return b" 2 Tr" in PdfReader(BytesIO(pdf)).pages[0].get_contents().get_data()
    assert not stroked(title) and stroked(None)
