"""Embedding TrueType subsets quickly: reportlab's subsetter, made cheap to call per document.

reportlab embeds each run of 256 characters a document uses as a small TrueType font of its
own (a subset) and rebuilds it for every document. Its ``makeSubset`` copies the whole glyph
table out of the font file for each subset (17 MB for AR PL UMing, some 4 ms a subset) and
the PDF writer then deflates the result (another 4 ms). For a two-page decision that was
more than half of the rendering time.

:class:`SubsettingFace` takes the place of reportlab's face class on the one font LawDesk
registers (see ``reports.fonts``). It builds the same subset byte for byte from tables read
once per font and from single glyphs sliced out of the file, and it keeps the deflated font
programs of recent subsets, so a batch of documents that use the same characters in the
same order (a batch of one kind of document, most of whose text is the template's)
deflates each subset once. Nothing in the PDF changes: the same subset, the same deflate
(zlib's default level, as reportlab uses), the same dictionary.
"""
from __future__ import annotations

import threading
import zlib
from collections import OrderedDict
from struct import Struct, pack

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import (
    FF_NONSYMBOLIC,
    FF_SYMBOLIC,
    GF_ARG_1_AND_2_ARE_WORDS,
    GF_MORE_COMPONENTS,
    GF_WE_HAVE_A_SCALE,
    GF_WE_HAVE_A_TWO_BY_TWO,
    GF_WE_HAVE_AN_X_AND_Y_SCALE,
    TTFontFace,
    TTFontMaker,
    _set_ushort,
)

__all__ = ["SUBSETS_KEPT", "SubsettingFace"]

SUBSETS_KEPT = 64  # deflated subsets kept per font: about 40 KB each for a CJK font
_COPIED_TABLES = ("name", "OS/2", "cvt ", "fpgm", "prep")
_SHORT = Struct(">h")
_USHORT2 = Struct(">HH")


class _Tables:
    """What every subset of one face copies from the font, read once."""

    def __init__(self, face: TTFontFace) -> None:
        self.copied = []
        for tag in _COPIED_TABLES:
            try:
                self.copied.append((tag, face.get_table(tag)))
            except KeyError:  # cvt, fpgm and prep are optional, as reportlab allows
                pass
        self.post = b"\x00\x03\x00\x00" + face.get_table("post")[4:16] + b"\x00" * 16
        self.hhea = face.get_table("hhea")
        self.maxp = face.get_table("maxp")
        self.head = face.get_table("head")
        self.glyf_start, self.glyf_length = face.get_table_pos("glyf")
        self.components: dict[int, tuple[int, ...]] = {}


class SubsettingFace(TTFontFace):
    """reportlab's TrueType face with a fast ``makeSubset`` and a cache of font programs.

    Installed on an already loaded face (``face.__class__ = SubsettingFace``): it adds
    methods and lazily made caches, never state its parent's ``__init__`` would set."""

    _subset_lock = threading.Lock()

    # -- the subset, as reportlab's makeSubset builds it ----------------------------------

    def _subset_tables(self) -> _Tables:
        tables = self.__dict__.get("_lawdesk_tables")
        if tables is None:
            with self._subset_lock:
                tables = self.__dict__.get("_lawdesk_tables")
                if tables is None:
                    tables = self._lawdesk_tables = _Tables(self)
        return tables

    def _components(self, tables: _Tables, glyph: int) -> tuple[int, ...]:
        """The glyphs a composite glyph is built from (none for a simple glyph)."""
        known = tables.components.get(glyph)
        if known is not None:
            return known
        data, pos = self._ttf_data, self.glyphPos
        found: list[int] = []
        if pos[glyph + 1] - pos[glyph]:
            at = tables.glyf_start + pos[glyph]
            if _SHORT.unpack_from(data, at)[0] < 0:
                at += 10  # numberOfContours and the bounding box
                flags = GF_MORE_COMPONENTS
                while flags & GF_MORE_COMPONENTS:
                    flags, component = _USHORT2.unpack_from(data, at)
                    found.append(component)
                    at += 4 + (4 if flags & GF_ARG_1_AND_2_ARE_WORDS else 2)
                    if flags & GF_WE_HAVE_A_SCALE:
                        at += 2
                    elif flags & GF_WE_HAVE_AN_X_AND_Y_SCALE:
                        at += 4
                    elif flags & GF_WE_HAVE_A_TWO_BY_TWO:
                        at += 8
        result = tuple(found)
        tables.components[glyph] = result
        return result

    def makeSubset(self, subset: list[int]) -> bytes:  # noqa: N802 - reportlab's name
        """The same bytes as ``TTFontFile.makeSubset``, without copying the glyph table."""
        tables = self._subset_tables()
        output = TTFontMaker()
        char_to_glyph, glyph_pos, data = self.charToGlyph, self.glyphPos, self._ttf_data

        glyph_map = [0]       # new glyph index -> old glyph index
        glyph_set = {0: 0}    # old glyph index -> new glyph index
        code_to_glyph = {}
        for code in subset:
            original = char_to_glyph.get(code, 0)
            if original not in glyph_set:
                glyph_set[original] = len(glyph_map)
                glyph_map.append(original)
            code_to_glyph[code] = glyph_set[original]
        n = 0
        while n < len(glyph_map):  # the parts of composite glyphs come along
            for component in self._components(tables, glyph_map[n]):
                if component not in glyph_set:
                    glyph_set[component] = len(glyph_map)
                    glyph_map.append(component)
            n += 1

        for tag, table in tables.copied:
            output.add(tag, table)
        output.add("post", tables.post)

        count = len(glyph_map)
        hmtx: list[int] = []
        hmetrics = self.hmetrics
        for original in glyph_map:
            advance, lsb = hmetrics[original]
            hmtx.append(int(advance))
            hmtx.append(int(lsb))
        n = len(hmtx) - 2
        while n and hmtx[n] == hmtx[n - 2]:
            n -= 2
        n += 2
        full_pairs = n >> 1
        hmtx = hmtx[:n] + hmtx[n + 1::2]
        output.add("hmtx", pack(f">{len(hmtx)}H", *hmtx))
        output.add("hhea", _set_ushort(tables.hhea, 34, full_pairs))
        output.add("maxp", _set_ushort(tables.maxp, 4, count))

        entries = len(subset)
        cmap = [0, 1, 1, 0, 0, 12, 6, 10 + entries * 2, 0, 0, entries]
        cmap += map(code_to_glyph.get, subset)
        output.add("cmap", pack(f">{len(cmap)}H", *cmap))

        start, end = tables.glyf_start, tables.glyf_length
        offsets = []
        glyf = []
        pos = 0
        for original in glyph_map:
            offsets.append(pos)
            begin = glyph_pos[original]
            length = glyph_pos[original + 1] - begin
            glyph = data[start + min(begin, end):start + min(begin + length, end)]
            if length > 2 and _SHORT.unpack_from(glyph)[0] < 0:
                at = 10
                flags = GF_MORE_COMPONENTS
                while flags & GF_MORE_COMPONENTS:
                    flags, component = _USHORT2.unpack_from(glyph, at)
                    glyph = _set_ushort(glyph, at + 2, glyph_set[component])
                    at += 4 + (4 if flags & GF_ARG_1_AND_2_ARE_WORDS else 2)
                    if flags & GF_WE_HAVE_A_SCALE:
                        at += 2
                    elif flags & GF_WE_HAVE_AN_X_AND_Y_SCALE:
                        at += 4
                    elif flags & GF_WE_HAVE_A_TWO_BY_TWO:
                        at += 8
            glyf.append(glyph)
            pos += length
            if pos % 4:
                glyf.append(b"\0" * (4 - pos % 4))
                pos += 4 - pos % 4
        offsets.append(pos)
        output.add("glyf", b"".join(glyf))
        if (pos + 1) >> 1 > 0xFFFF:
            long_offsets = 1
            output.add("loca", pack(f">{len(offsets)}L", *offsets))
        else:
            long_offsets = 0
            output.add("loca", pack(f">{len(offsets)}H", *(o >> 1 for o in offsets)))
        output.add("head", _set_ushort(tables.head, 50, long_offsets))
        return output.makeStream()

    # -- the font program in the PDF -------------------------------------------------------

    def deflated_subset(self, subset: list[int]) -> tuple[int, bytes]:
        """The subset's length and its deflated bytes, from the cache when seen lately."""
        key = tuple(subset)
        cache = self.__dict__.get("_lawdesk_deflated")
        if cache is None:
            with self._subset_lock:
                cache = self.__dict__.setdefault("_lawdesk_deflated", OrderedDict())
        with self._subset_lock:
            found = cache.get(key)
            if found is not None:
                cache.move_to_end(key)
                return found
        program = self.makeSubset(subset)
        found = (len(program), zlib.compress(program))  # what pdfdoc.PDFZCompress does
        with self._subset_lock:
            cache[key] = found
            while len(cache) > SUBSETS_KEPT:
                cache.popitem(last=False)
        return found

    def addSubsetObjects(self, doc, fontname: str, subset: list[int]):  # noqa: ANN001, ANN201, N802
        """reportlab's method, but the font program comes deflated from ``deflated_subset``.

        A stream whose dictionary already names its filter is written as it is (see
        ``pdfdoc.PDFStream.format``); the keys come out sorted, so the PDF is the same."""
        font_file = pdfdoc.PDFStream()
        if doc.compression:
            length, font_file.content = self.deflated_subset(subset)
            font_file.dictionary["Length1"] = length
            font_file.dictionary["Filter"] = pdfdoc.PDFArray(
                [pdfdoc.PDFName(pdfdoc.PDFZCompress.pdfname)])
        else:
            font_file.content = self.makeSubset(subset)
            font_file.dictionary["Length1"] = len(font_file.content)
        font_file_ref = doc.Reference(font_file, f"fontFile:{self.filename}({fontname})")
        flags = (self.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC
        descriptor = pdfdoc.PDFDictionary({
            "Type": "/FontDescriptor",
            "Ascent": self.ascent,
            "CapHeight": self.capHeight,
            "Descent": self.descent,
            "Flags": flags,
            "FontBBox": pdfdoc.PDFArray(self.bbox),
            "FontName": pdfdoc.PDFName(fontname),
            "ItalicAngle": self.italicAngle,
            "StemV": self.stemV,
            "FontFile2": font_file_ref,
            "MissingWidth": self.defaultWidth,
        })
        return doc.Reference(descriptor, "fontDescriptor:" + fontname)
