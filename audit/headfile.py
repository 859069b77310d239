"""The signed ledger head kept beside the database (see AuditSettings.head_file)."""
from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from core.files import atomic_write


# Threads of one program commit in turn too; the lock makes read-compare-write one step.
_LOCK = threading.Lock()


def write_head_file(path: Path, signed: dict[str, Any]) -> None:
    with _LOCK:
        current = read_head_file(path)
        # Two processes commit in turn; never let a slower one move the head backwards.
        if current is not None and current.get("seq", 0) > signed["seq"]:
            return
        atomic_write(path, json.dumps(signed, ensure_ascii=False, indent=1).encode("utf-8"))


def read_head_file(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (ValueError, UnicodeDecodeError):
        return {"corrupt": True}
