"""Finding a Chinese font that reportlab can embed in a PDF.

reportlab embeds TrueType outlines only (a subset of each font, as /FontFile2). The CJK
fonts most Linux machines carry, Noto CJK and Source Han, have PostScript (CFF) outlines
and cannot be used, so a font is accepted only after reportlab has loaded it and its
character map holds the characters every document needs.

Where to look, in order: the font file named in the settings (``documents.font_file``);
on Windows the bureau's own 仿宋 and 宋体 in the Fonts folder; then known Linux paths and a
scan of the font folders. Among the fonts found, a FangSong (仿宋, what GB/T 9704 asks for
body text) beats a Song (宋体), which beats Kai and Hei, so a 仿宋 someone copied into
``~/.local/share/fonts`` wins over a distribution's Ming font.
"""
from __future__ import annotations

import functools
import hashlib
import os
import re
import struct
import sys
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from core.errors import DomainError
from reports.embedding import SubsettingFace

# Characters a font must have to be usable for a document: a typical title, the
# punctuation every sentence uses and the capital numerals of amounts.
REQUIRED_CHARACTERS = "行政执法决定书，。、；：（）《》“”壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整"

# Preference, best first. "Other" is a CJK font whose style we cannot tell from its name.
FAMILY_KINDS = ("FangSong", "Song", "Kai", "Hei", "Other")

# Name fragments (lower case) that tell a font's style; FangSong is tested before Song
# because "fangsong" contains "song".
_KIND_HINTS = (
    ("FangSong", ("fangsong", "fang song", "simfang", "仿宋", "fs_gb2312", "fsgb2312")),
    ("Song", ("song", "simsun", "nsimsun", "ming", "宋", "明")),
    ("Kai", ("kai", "楷")),
    ("Hei", ("hei", "yahei", "gothic", "sans", "黑")),
)

WINDOWS_FONT_FILES = ("simfang.ttf", "simsun.ttc", "simkai.ttf", "simhei.ttf", "msyh.ttc")
LINUX_FONT_FILES = (
    "/usr/share/fonts/truetype/arphic/uming.ttc",               # Debian fonts-arphic-uming
    "/usr/share/fonts/cjkuni-uming/uming.ttc",                  # Fedora
    "/usr/share/fonts/truetype/arphic/ukai.ttc",                # Debian fonts-arphic-ukai
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",             # Debian fonts-wqy-zenhei
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",               # Fedora
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",           # Debian fonts-wqy-microhei
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)
_FONT_SUFFIXES = (".ttf", ".ttc")


class NoCJKFont(DomainError):
    code = "no_cjk_font"
    zh = ("找不到可嵌入 PDF 的中文 TrueType 字体（仿宋、宋体等）。已查找：{searched}。"
          "请安装中文字体（Debian/Ubuntu：fonts-arphic-uming），"
          "或在设置 documents.font_file 中指定 .ttf/.ttc 字体文件。")
    en = ("No Chinese TrueType font that can be embedded in a PDF was found (FangSong, Song "
          "or similar). Searched: {searched}. Install one (Debian/Ubuntu: fonts-arphic-uming) "
          "or name a .ttf/.ttc font file in the setting documents.font_file.")

    def __init__(self, searched: list[str]) -> None:
        super().__init__(searched="; ".join(searched) or "-")


class FontUnusable(DomainError):
    code = "font_unusable"
    zh = "字体文件 {path} 不能用于 PDF 文书：{reason_zh}"
    en = "The font file {path} cannot be used for PDF documents: {reason_en}"

    def __init__(self, path: Path, reason_zh: str, reason_en: str) -> None:
        super().__init__(path=str(path), reason_zh=reason_zh, reason_en=reason_en)


@dataclass(frozen=True)
class FontChoice:
    """A font registered with reportlab under ``name``; pass ``name`` to drawing calls."""

    name: str
    path: Path
    subfont_index: int
    family_kind: str   # one of FAMILY_KINDS
    family_name: str   # as the font calls itself, e.g. "AR PL UMing CN"

    def describe(self) -> str:
        """What to tell the user about the font in use, e.g. in a document's footer note."""
        index = f"#{self.subfont_index}" if self.path.suffix.lower() == ".ttc" else ""
        return f"{self.family_name} ({self.family_kind}), {self.path}{index}"

    def missing(self, text: str) -> str:
        """The characters of ``text`` this font cannot draw, each once, in order of first use."""
        return missing_glyphs(self.name, text)


@dataclass(frozen=True)
class FontSearch:
    """Where to look. ``for_this_machine`` gives the real places; tests point it elsewhere."""

    font_file: Path | None = None
    named_files: tuple[Path, ...] = ()
    scan_dirs: tuple[Path, ...] = ()

    @classmethod
    def for_this_machine(cls, font_file: str | Path | None = None) -> FontSearch:
        named: list[Path] = []
        scan: list[Path] = []
        if sys.platform == "win32":
            windir = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
            named += [windir / name for name in WINDOWS_FONT_FILES]
            scan.append(windir)
            local = os.environ.get("LOCALAPPDATA")
            if local:  # fonts installed "for this user only" since Windows 10 1809
                scan.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        else:
            named += [Path(p) for p in LINUX_FONT_FILES]
            home = Path.home()
            scan += [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
                     home / ".local" / "share" / "fonts", home / ".fonts"]
            if sys.platform == "darwin":
                scan += [Path("/Library/Fonts"), home / "Library" / "Fonts"]
        return cls(Path(font_file) if font_file else None, tuple(named), tuple(scan))


_lock = threading.Lock()
_registered: dict[tuple[str, int], FontChoice] = {}


def find_font(font_file: str | Path | None = None, *,
              search: FontSearch | None = None) -> FontChoice:
    """The best usable CJK font, registered with reportlab (once per process).

    ``font_file`` is the ``documents.font_file`` setting ("" or None when unset). A font file
    that is set but unusable is refused rather than silently replaced, so an admin who
    chose a font learns it is broken instead of getting documents in another face.
    """
    if search is None:
        search = FontSearch.for_this_machine(font_file or None)
    elif font_file:
        search = replace(search, font_file=Path(font_file))
    return _find(search)


@functools.lru_cache(maxsize=8)
def _find(search: FontSearch) -> FontChoice:
    # Cached per search: discovery reads font files (tens of milliseconds each), and the
    # answer does not change while the process runs. Failures raise and are not cached.
    if search.font_file is not None:
        return inspect_font_file(search.font_file)
    searched: list[str] = []
    for path in _candidates(search, searched):
        try:
            return inspect_font_file(path)
        except FontUnusable:
            continue
    raise NoCJKFont(searched)


# GB/T 9704-2012 7.2: the title in 2号小标宋体字. Name fragments of such a face (方正小标宋).
_TITLE_HINTS = ("xiaobiaosong", "xiao biao song", "xbs", "小标宋")


def is_title_face(choice: FontChoice) -> bool:
    """Whether the face is a 小标宋 (by its file or family name)."""
    names = f"{choice.path.name} {choice.family_name}".lower()
    return any(hint in names for hint in _TITLE_HINTS)


def find_title_font(body: FontChoice, *, search: FontSearch | None = None) -> FontChoice:
    """The face for titles: a 小标宋 when one is installed, else a Song face when the body is
    set in FangSong (a FangSong title reads too light), else the body's own face."""
    if search is None:
        search = FontSearch.for_this_machine()
    return _find_title(body, replace(search, font_file=None))


@functools.lru_cache(maxsize=8)
def _find_title(body: FontChoice, search: FontSearch) -> FontChoice:
    song = None
    for path in _candidates(search, []):
        lowered = path.name.lower()
        title = any(hint in lowered for hint in _TITLE_HINTS)
        if not title and (song is not None or body.family_kind != "FangSong"
                          or _kind_of(path.name) != "Song"):
            continue
        try:
            choice = inspect_font_file(path)
        except FontUnusable:
            continue
        if title:
            return choice
        if choice.family_kind == "Song":
            song = choice
    return song or body


def _candidates(search: FontSearch, searched: list[str]) -> list[Path]:
    """Font files to try, best style first; the named files before scanned ones of a style."""
    found: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve() if path.exists() else path
        if key not in seen and path.suffix.lower() in _FONT_SUFFIXES and path.is_file():
            seen.add(key)
            found.append(path)

    for path in search.named_files:
        searched.append(str(path))
        add(path)
    for folder in search.scan_dirs:
        searched.append(f"{folder}{os.sep}**")
        for path in _scanned((folder,)):
            add(path)
    order = {path: i for i, path in enumerate(found)}
    return sorted(found, key=lambda p: (FAMILY_KINDS.index(_kind_of(p.name)), order[p]))


# GB/T 9704 practice sets the figures and Latin letters of a 仿宋 body in Times New Roman
# (word processors' 西文字体 beside the 中文字体). Failing that, a freely licensed serif
# drawn to its metrics (Liberation Serif: Debian fonts-liberation2, SIL OFL), then any
# TrueType serif the machine has. File names, lower case, best first; TeX Gyre Termes is
# named for completeness, Debian ships it only as OpenType (CFF), which reportlab refuses.
LATIN_FONT_FILES = ("times.ttf", "times new roman.ttf", "timesnewroman.ttf",
                    "times_new_roman.ttf", "liberationserif-regular.ttf",
                    "texgyretermes-regular.ttf", "freeserif.ttf", "dejavuserif.ttf")
LATIN_REQUIRED = "0123456789AZaz.,:-/"
LATIN_KIND = "Latin"


def find_latin_font(*, search: FontSearch | None = None) -> FontChoice | None:
    """The serif for figures and Latin letters in body text, or None (then the CJK face
    sets its own; :func:`fallback_note` says so)."""
    if search is None:
        search = FontSearch.for_this_machine()
    return _find_latin(replace(search, font_file=None))


@functools.lru_cache(maxsize=8)
def _find_latin(search: FontSearch) -> FontChoice | None:
    found: dict[str, Path] = {}
    for path in [*search.named_files, *_scanned(search.scan_dirs)]:
        name = path.name.lower()
        if name in LATIN_FONT_FILES and path.is_file():
            found.setdefault(name, path)
    for name in LATIN_FONT_FILES:
        if name in found:
            try:
                choice = inspect_font_file(found[name], required=LATIN_REQUIRED)
            except FontUnusable:
                continue
            return replace(choice, family_kind=LATIN_KIND)
    return None


def _scanned(folders: tuple[Path, ...]) -> list[Path]:
    return [Path(root) / name for folder in folders if folder.is_dir()
            for root, _dirs, files in os.walk(folder) for name in sorted(files)]


def inspect_font_file(path: str | Path, *, required: str = REQUIRED_CHARACTERS) -> FontChoice:
    """Load ``path`` with reportlab and register its best face; FontUnusable says why not.
    ``required``: the characters the face must have (a Chinese face's by default)."""
    path = Path(path)
    if not path.is_file():
        raise FontUnusable(path, "文件不存在", "the file does not exist")
    with _lock:
        known = [c for (file, _), c in _registered.items() if file == str(path.absolute())]
    if known:
        return known[0]
    faces = _face_count(path)
    reasons: list[tuple[str, str]] = []
    usable: list[tuple[int, TTFont]] = []
    for index in range(faces):
        try:
            font = TTFont(_register_name(path, index), str(path), subfontIndex=index)
        except Exception as error:  # noqa: BLE001 - a scan meets broken files; any failure
            # of reportlab's parser just means "not usable", with its message as the reason.
            reasons.append(_load_failure(str(error)))
            continue
        lacking = "".join(c for c in required if ord(c) not in font.face.charToGlyph)
        if lacking:
            reasons.append((f"缺少汉字或标点：{lacking}", f"it lacks the characters {lacking}"))
            continue
        usable.append((index, font))
        if _is_mainland(_family(font)):
            break  # each face loads the whole file again: stop at the one we would pick
    if not usable:
        zh, en = reasons[0] if reasons else ("不是字体文件", "it is not a font file")
        raise FontUnusable(path, zh, en)
    # In a collection, the mainland face (UMing CN over its TW and HK twins), else the
    # first (SimSun before NSimSun).
    index, font = min(usable, key=lambda item: (not _is_mainland(_family(item[1])), item[0]))
    return _register(path, index, font)


def _register(path: Path, index: int, font: TTFont) -> FontChoice:
    key = (str(path.absolute()), index)
    with _lock:
        choice = _registered.get(key)
        if choice is None:
            family = _family(font)
            if type(font.face) is TTFontFace:
                # The same subsets, made without copying the glyph table for each
                # document and deflated once for a batch (see reports.embedding).
                font.face.__class__ = SubsettingFace
            pdfmetrics.registerFont(font)
            choice = FontChoice(font.fontName, path, index, _kind_of(family, path.name), family)
            _registered[key] = choice
        return choice


def _register_name(path: Path, index: int) -> str:
    # reportlab keeps one registry per process; the name must differ for every file and face.
    digest = hashlib.sha256(str(path.absolute()).encode()).hexdigest()[:8]
    return f"LawDesk-{path.stem}-{index}-{digest}"


def _face_count(path: Path) -> int:
    """Faces in a TrueType collection (the 'ttcf' header), 1 for a single font."""
    with open(path, "rb") as handle:
        header = handle.read(12)
    if len(header) == 12 and header[:4] == b"ttcf":
        return max(1, min(struct.unpack(">I", header[8:12])[0], 64))
    return 1


def _load_failure(message: str) -> tuple[str, str]:
    if "postscript" in message.lower() or "cff" in message.lower():
        return ("字形为 PostScript（CFF）轮廓，reportlab 无法嵌入（如 Noto CJK）",
                "it has PostScript (CFF) outlines, which reportlab cannot embed (e.g. Noto CJK)")
    if "embedding" in message.lower() or "subsetting" in message.lower():
        return ("字体授权不允许嵌入", "its licence does not allow embedding")
    return (f"reportlab 无法读取：{message}", f"reportlab cannot read it: {message}")


def _family(font: TTFont) -> str:
    face = font.face
    name = getattr(face, "familyName", b"") or face.name
    return name.decode("utf-8", "replace") if isinstance(name, bytes) else str(name)


def _is_mainland(family: str) -> bool:
    return bool(re.search(r"\b(CN|SC|GB|PRC)\b|简", family))


def _kind_of(*names: str) -> str:
    for name in names:
        lowered = name.lower()
        for kind, hints in _KIND_HINTS:
            if any(hint in lowered for hint in hints):
                return kind
    return "Other"


_FIND = "find"


def fallback_note(choice: FontChoice, latin: FontChoice | None | str = _FIND,
                  ) -> tuple[str, str] | None:
    """What to tell the user when documents are set in a fallback face, in Chinese and in
    English; None for a 仿宋 with a Latin serif beside it. GB/T 9704-2012 7.1: body text
    in 3号仿宋体字; a 宋体 is the usual stand-in and anything else a plain fallback.
    ``latin``: the face of figures and Latin letters (:func:`find_latin_font`, looked up
    when not given); None when there is none and the Chinese face sets its own."""
    if latin == _FIND:
        latin = find_latin_font()
    body = _body_note(choice)
    if latin is not None:
        return body
    figures = ("文书中的数字和字母以正文字体自带的字形排版：未找到 Times New Roman 或 Liberation "
               "Serif（Debian/UOS/麒麟：fonts-liberation2），安装后即自动使用",
               "Figures and Latin letters in documents are set in the body face's own glyphs: "
               "neither Times New Roman nor Liberation Serif was found (Debian/UOS/Kylin: "
               "fonts-liberation2); install one and it is used")
    if body is None:
        return figures
    return f"{body[0]}；{figures[0]}", f"{body[1]}; {figures[1][0].lower()}{figures[1][1:]}"


def _body_note(choice: FontChoice) -> tuple[str, str] | None:
    if choice.family_kind == "FangSong":
        return None
    if choice.family_kind == "Song":
        return (f"文书正文以宋体 {choice.family_name} 代替仿宋（GB/T 9704 正文为仿宋体）："
                f"安装仿宋_GB2312 或 FangSong 后即自动使用，或在设置 documents.font_file 中指定",
                f"Documents are set in the Song face {choice.family_name} instead of FangSong "
                f"(GB/T 9704 body text): install FangSong_GB2312 or FangSong and it is used, "
                f"or name one in the setting documents.font_file")
    return (f"文书只能以替代字体 {choice.family_name} 排版；公文正文应为仿宋：请安装仿宋或宋体"
            f"（Debian/UOS/麒麟：fonts-arphic-uming），或在设置 documents.font_file 中指定",
            f"Documents can only be set in the fallback font {choice.family_name}; body text "
            f"wants FangSong: install FangSong or a Song face (Debian/UOS/Kylin: "
            f"fonts-arphic-uming), or name one in the setting documents.font_file")


def missing_glyphs(font_name: str, text: str) -> str:
    """Characters of ``text`` (whitespace aside) the registered font has no glyph for."""
    cmap = pdfmetrics.getFont(font_name).face.charToGlyph
    # Each character once, in order of first use: a document repeats most of its characters.
    return "".join(char for char in dict.fromkeys(text)
                   if not char.isspace() and ord(char) not in cmap)
