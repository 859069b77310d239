"""Table models of the lists area: a list's rows (columns from resources/lists/columns.toml,
named in the window's language), its versions, and the rows that differ between two
versions, coloured by what happened to them (desktop.palette)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from desktop.models.columns import Column
from desktop.palette import EXPIRING, OK, WARN
from public_lists.kinds import columns, row_key
from public_lists.rows import benchmark_codes
from public_lists.versions import ListDiff, Row


def row_columns(kind: str, language: str,
                benchmarks: Callable[[], dict[str, str]] = dict) -> list[Column]:
    """The list's columns. The tooltip shows a long cell (a guide's materials, an item's
    name) in full; an item's benchmark codes with the offences they name
    (``benchmarks()``: code -> offence, of the rows shown)."""
    def tip(row: Row, key: str) -> str:
        if key != "benchmark":
            return row.get(key, "")
        names = benchmarks()
        return "\n".join(f"{code}：{names.get(code, '')}".rstrip("：")
                         for code in benchmark_codes(row.get(key, "")))
    return [Column(lambda c=c: c.name(language), lambda r, k=c.key: r.get(k, ""),
                   tooltip=lambda r, k=c.key: tip(r, k))
            for c in columns(kind)]


def version_columns(local) -> list[Column]:  # noqa: ANN001 - the clock's local()
    translate = QCoreApplication.translate
    return [
        Column(lambda: translate("ListsModels", "Version"), lambda v: v.number),
        Column(lambda: translate("ListsModels", "In force from"),
               lambda v: v.effective_from.isoformat()),
        Column(lambda: translate("ListsModels", "Approved by"), lambda v: v.approved_by),
        Column(lambda: translate("ListsModels", "Recorded by"), lambda v: v.created_by),
        Column(lambda: translate("ListsModels", "Recorded at"),
               lambda v: local(v.created_at).strftime("%Y-%m-%d %H:%M")),
        Column(lambda: translate("ListsModels", "Rows"), lambda v: v.row_count),
        Column(lambda: translate("ListsModels", "Status"),
               lambda v: translate("ListsModels", "in force") if v.in_force else "",
               foreground=lambda v: OK if v.in_force else None),
        Column(lambda: translate("ListsModels", "Source"), lambda v: v.source),
    ]


@dataclass(frozen=True)
class DiffRow:
    change: str                     # added | removed | changed
    key: str
    before: Row | None
    after: Row | None
    changed: tuple[str, ...] = ()   # the column keys that differ

    def value(self, key: str) -> str:
        if self.change == "changed" and key in self.changed:
            return f"{self.before.get(key, '')} → {self.after.get(key, '')}"
        return (self.after or self.before).get(key, "")


def diff_rows(kind: str, found: ListDiff) -> list[DiffRow]:
    return ([DiffRow("added", row_key(kind, r), None, r) for r in found.added]
            + [DiffRow("removed", row_key(kind, r), r, None) for r in found.removed]
            + [DiffRow("changed", c.key, c.before, c.after, c.columns) for c in found.changed])


_COLOURS = {"added": OK, "removed": WARN, "changed": EXPIRING}


def _change_text(row: DiffRow) -> str:
    translate = QCoreApplication.translate
    return {"added": translate("ListsModels", "added"),
            "removed": translate("ListsModels", "removed"),
            "changed": translate("ListsModels", "changed")}[row.change]


def diff_columns(kind: str, language: str) -> list[Column]:
    def colour(row: DiffRow):  # noqa: ANN202 - a QColor
        return _COLOURS[row.change]
    names = {c.key: c.name(language) for c in columns(kind)}
    return [Column(lambda: QCoreApplication.translate("ListsModels", "Change"), _change_text,
                   foreground=colour,
                   tooltip=lambda r: "、".join(names[k] for k in r.changed))] + [
        # A changed row: only the cells that changed stand out.
        Column(lambda c=c: c.name(language), lambda r, k=c.key: r.value(k),
               foreground=lambda r, k=c.key: (colour(r) if r.change != "changed"
                                              or k in r.changed else None))
        for c in columns(kind)]
