"""Every table of the window shows a record's control characters as visible escapes: an
escape sequence or a bidi override ("exe.mp4" shown as "4pm.exe") in pushed or imported
data cannot change what a user reads. Chinese text, line breaks and tabs stay."""
from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.formatting import shown_text
from desktop.models.columns import Column
from desktop.models.listed import ListTableModel

NAME = "clip\u202e4pm.exe"          # shows as "clipexe.mp4" when obeyed


def test_table_cells_show_control_characters_as_escapes(qapp):
    model = ListTableModel([
        Column(lambda: "Name", lambda row: row["name"], tooltip=lambda row: row["note"]),
        Column(lambda: "Size", lambda row: row["size"])])
    model.set_rows([{"name": NAME, "note": "备注\x1b[2J\n第二行", "size": 1536},
                    {"name": "执法记录仪\x9b\x00", "note": None, "size": None}])
    display, tooltip = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
    assert model.data(model.index(0, 0), display) == "clip\\u202e4pm.exe"
    assert model.data(model.index(0, 0), tooltip) == "备注\\x1b[2J\n第二行"
    assert model.data(model.index(0, 1), display) == "1536"
    assert model.data(model.index(1, 0), display) == "执法记录仪\\x9b\\x00"
    assert model.data(model.index(1, 0), tooltip) == ""
    assert model.data(model.index(1, 1), display) == ""


def test_shown_text_keeps_text_line_breaks_and_tabs():
    text = "农安县鑫源商贸有限公司（“北原”牌）\n第二行\t列"
    assert shown_text(text) == text
    assert shown_text(None) == "" and shown_text(5) == "5"
    assert shown_text("\u2066a\u2069\u200f\x7f") == "\\u2066a\\u2069\\u200f\\x7f"
