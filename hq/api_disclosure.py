"""HTTP: the bureau-wide disclosure feed (sync.protocol, "Disclosure feed")."""
from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Query

from config.settings import get_setting
from core.clock import iso_utc
from core.errors import InvalidInput
from hq.disclosure_feed import bureau_feed, feed_document, held_by
from hq.service import Caller, HqService, caller, hq
from sync.protocol import API

router = APIRouter(prefix=API, tags=["disclosure"])


def _since(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"since 须为 YYYY-MM-DD 格式的日期：{text}",
                           f"since must be a date as YYYY-MM-DD: {text}") from None


@router.get("/disclosure/feed")
def get_feed(since: str | None = Query(default=None, max_length=10,
                                       pattern=r"^\d{4}-\d{2}-\d{2}$"),
             service: HqService = Depends(hq),
             _who: Caller = Depends(caller)) -> dict[str, Any]:
    day = _since(since)
    with service.db.read() as session:
        feed = bureau_feed(session, service.clock.today())
    return feed_document(feed, enforcement_body=get_setting(service.db, "bureau.name") or "",
                         generated_at=iso_utc(service.clock.now()), since=day)


@router.get("/disclosure/held")
def get_held(service: HqService = Depends(hq),
             who: Caller = Depends(caller)) -> dict[str, Any]:
    with service.db.read() as session:
        held = held_by(session, who.workstation_id, service.clock.today())
    return {"entries": held}
