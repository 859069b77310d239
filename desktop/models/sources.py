"""Row sources the paged tables share (desktop.models.paged.RowSource): each a service's
count and page with the filter the view built. They run on a worker thread."""
from __future__ import annotations

from dataclasses import dataclass

from core.context import Context
from evidence.library import FootageFilter, FootageRow, count_footage, footage_page


@dataclass(frozen=True)
class FootageSource:
    ctx: Context
    flt: FootageFilter

    def count(self) -> int:
        return count_footage(self.ctx, self.flt)

    def page(self, offset: int, limit: int, sort: str, descending: bool) -> list[FootageRow]:
        return footage_page(self.ctx, self.flt, sort=sort, descending=descending,
                            offset=offset, limit=limit)
