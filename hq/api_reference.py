"""HTTP: reference data down (sync.protocol, "Reference data down")."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from hq.reference import reference_for
from hq.service import Caller, HqService, caller, hq
from sync.protocol import API

router = APIRouter(prefix=API, tags=["reference data"])


@router.get("/reference")
def get_reference(digest: str | None = Query(default=None, max_length=64),
                  service: HqService = Depends(hq),
                  who: Caller = Depends(caller)) -> dict[str, Any]:
    data = reference_for(service, who)
    if digest == data.digest:
        return {"digest": data.digest, "unchanged": True}
    return {"digest": data.digest, "unchanged": False, "tables": data.tables}
