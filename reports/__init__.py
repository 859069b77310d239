"""Official Chinese documents and tables as PDF (reportlab), laid out after GB/T 9704.

A plain library: it knows pages, fonts, lines and tables, never devices or cases. Callers
build a :class:`Document` and write it; see ``reports.document`` for the builder.
"""
from __future__ import annotations

from reports.document import Cell, Document, GlyphsMissing
from reports.fonts import FontChoice, FontSearch, FontUnusable, NoCJKFont, find_font
from reports.numerals import amount_in_figures, capital_amount, chinese_date

__all__ = [
    "Cell", "Document", "FontChoice", "FontSearch", "FontUnusable", "GlyphsMissing",
    "NoCJKFont", "amount_in_figures", "capital_amount", "chinese_date", "find_font",
]
