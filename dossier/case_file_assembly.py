"""Putting the parts of a case file into one PDF (pypdf): each part starting on a right-hand
(odd) page, a blank left-hand page marked "本页空白" put in before it where needed, every
page after the cover numbered in its outer top corner, and a bookmark for every part.

Printed double-sided, the parts then begin on a front side and the numbers sit where an
archive's numbering stamp puts them (GB/T 9705: a front page's number at the top right, a
back page's at the top left). The number is the page's place in the PDF, so the page a
reader's viewer shows is the page the contents name. Blank pages carry a number too, so the
numbering has no gap a reader might take for a page taken out.

The issued documents go in page for page: their pages are copied with their own content
streams, fonts and resources untouched; the number is drawn by a content stream of its own
added after theirs, which draws a form made once per page (its resources are its own, so
no name on their pages can clash with it).
"""
from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from typing import Sequence

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, IndirectObject,
                           NameObject, PdfObject, TextStringObject)
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from reports import FontChoice, GlyphsMissing
from reports.fonts import missing_glyphs

BLANK_TEXT = "本页空白"
NUMBER_SIZE = 14.0              # 四号, as GB/T 9704 numbers pages
NUMBER_FROM_EDGE = 15 * mm      # the outer edge of the sheet to the number
NUMBER_FROM_TOP = 15 * mm       # the top edge to the number's baseline, above the text block
BLANK_SIZE = 16.0
STAMP_NAME = NameObject("/LawDeskPageNumber")


@dataclass(frozen=True)
class Part:
    """One part of the case file: a PDF, its bookmark, and the bookmark it sits under."""

    pdf: bytes
    bookmark: str
    group: str | None = None


@dataclass(frozen=True)
class Layout:
    starts: tuple[int, ...]     # each part's first page, counted from 1
    blanks: tuple[int, ...]     # the pages put in blank
    total: int


def lay_out(page_counts: Sequence[int]) -> Layout:
    """Where each part starts when each starts on an odd page."""
    starts, blanks, page = [], [], 1
    for count in page_counts:
        if page % 2 == 0:
            blanks.append(page)
            page += 1
        starts.append(page)
        page += count
    return Layout(tuple(starts), tuple(blanks), page - 1)


def page_count(pdf: bytes) -> int:
    return len(PdfReader(BytesIO(pdf)).pages)


def assemble(parts: Sequence[Part], font: FontChoice, *, title: str, author: str,
             subject: str) -> bytes:
    """The case file: ``parts`` in order, the first (the cover) left unnumbered."""
    readers = [PdfReader(BytesIO(part.pdf)) for part in parts]
    layout = lay_out([len(reader.pages) for reader in readers])
    sizes = _page_sizes(readers, layout)
    stamps = PdfReader(BytesIO(_stamps(sizes, layout.blanks, font)))
    writer = PdfWriter()
    wrap = (_stream(writer, b"q\n"),
            _stream(writer, b"\nQ\nq " + STAMP_NAME.encode() + b" Do Q\n"))
    groups: dict[str, object] = {}
    for part, reader, start in zip(parts, readers, layout.starts):
        while len(writer.pages) + 1 < start:
            writer.add_page(stamps.pages[len(writer.pages)])   # a blank page, numbered
        for page in reader.pages:
            added = writer.add_page(page)
            number = len(writer.pages)
            if number > 1:
                _stamp(writer, added, stamps.pages[number - 1], wrap)
        parent = None
        if part.group:
            if part.group not in groups:
                groups[part.group] = writer.add_outline_item(title=part.group,
                                                             page_number=start - 1)
            parent = groups[part.group]
        writer.add_outline_item(title=part.bookmark, page_number=start - 1, parent=parent)
    writer.add_metadata({"/Title": title, "/Author": author, "/Subject": subject,
                         "/Creator": "LawDesk"})
    writer.root_object[NameObject("/Lang")] = TextStringObject("zh-CN")
    writer.page_mode = "/UseOutlines"
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _page_sizes(readers: Sequence[PdfReader], layout: Layout) -> list[tuple[float, float]]:
    """Every page's size in order, blank pages the size of the page before them."""
    sizes: list[tuple[float, float]] = []
    for reader, start in zip(readers, layout.starts):
        while len(sizes) + 1 < start:
            sizes.append(sizes[-1] if sizes else A4)
        sizes += [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    return sizes


def _stamps(sizes: Sequence[tuple[float, float]], blanks: Sequence[int],
            font: FontChoice) -> bytes:
    """One page per page of the case file, holding only its number (none on the cover) and,
    on a blank page, "本页空白"."""
    lacking = missing_glyphs(font.name, BLANK_TEXT + "0123456789")
    if lacking:
        raise GlyphsMissing(font=font.family_name, chars=lacking)
    buffer = BytesIO()
    canvas = Canvas(buffer, initialFontName=font.name, initialFontSize=NUMBER_SIZE)
    blank = set(blanks)
    for number, (width, height) in enumerate(sizes, start=1):
        canvas.setPageSize((width, height))
        if number > 1:
            label = str(number)
            canvas.setFont(font.name, NUMBER_SIZE)
            y = height - NUMBER_FROM_TOP
            if number % 2:
                canvas.drawRightString(width - NUMBER_FROM_EDGE, y, label)
            else:
                canvas.drawString(NUMBER_FROM_EDGE, y, label)
        if number in blank:
            canvas.setFont(font.name, BLANK_SIZE)
            canvas.drawCentredString(width / 2, height / 2, BLANK_TEXT)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _stamp(writer: PdfWriter, page: PdfObject, stamp: PdfObject,
           wrap: tuple[IndirectObject, IndirectObject]) -> None:
    """Draw ``stamp`` (a page of ``_stamps``) over ``page``, leaving its content as it was:
    ``wrap`` is the pair of streams around it ("q", then "Q" and the stamp's drawing), so
    whatever state its content leaves behind does not move the number."""
    form = DecodedStreamObject()
    form.set_data(stamp.get_contents().get_data())
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject(stamp.mediabox),
        NameObject("/Resources"): stamp["/Resources"].get_object().clone(writer),
    })
    # pypdf's own way to make a new indirect object; a content stream must be one.
    form_ref = writer._add_object(form)
    resources = DictionaryObject(page.get("/Resources", DictionaryObject()).get_object())
    # A copy: pages of one document may share their resource dictionaries.
    xobjects = DictionaryObject(resources.get("/XObject", DictionaryObject()).get_object())
    xobjects[STAMP_NAME] = form_ref
    resources[NameObject("/XObject")] = xobjects
    page[NameObject("/Resources")] = resources
    contents = page.get("/Contents")
    resolved = contents.get_object() if contents is not None else None
    before = (list(resolved) if isinstance(resolved, ArrayObject)
              else [] if contents is None else [contents])
    page[NameObject("/Contents")] = ArrayObject([wrap[0], *before, wrap[1]])


def _stream(writer: PdfWriter, data: bytes) -> IndirectObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return writer._add_object(stream)
