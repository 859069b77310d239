"""Canonical JSON: one byte string for one value, so hashes and signatures are reproducible."""
from __future__ import annotations

import base64
import enum
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from core.clock import iso_utc


def to_jsonable(value: Any) -> Any:
    """Turn record values into plain JSON values, losslessly enough to audit them."""
    if value is None or isinstance(value, (str, int, bool)):
        return value
    if isinstance(value, float):
        return repr(value)  # floats are not canonical across platforms; keep their exact text
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value)
    if isinstance(value, datetime):
        return iso_utc(value) if value.tzinfo else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"base64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [to_jsonable(v) for v in value]
        return sorted(items, key=canonical_json) if isinstance(value, (set, frozenset)) else items
    raise TypeError(f"cannot put a {type(value).__name__} into canonical JSON")


def canonical_json(value: Any) -> str:
    return json.dumps(
        to_jsonable(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def canonical_bytes(value: Any) -> bytes:
    return canonical_json(value).encode("utf-8")
