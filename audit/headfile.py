"""The signed ledger head kept beside the database (see AuditSettings.head_file)."""
from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from core.files import atomic_write


# Threads of one program commit in turn too; the lock makes read-compare-write one step.
_LOCK = threading.Lock()
# The newest head of each file that a committer has not written yet. Committers that queue
# behind a write share the next one: whoever gets the lock writes the newest head waiting,
# the others find theirs superseded and return. Under many committers (HQ) that is one
# write and two fsyncs per queue, not per commit.
_WAITING: dict[Path, dict[str, Any]] = {}
_WAITING_LOCK = threading.Lock()


def write_head_file(path: Path, signed: dict[str, Any]) -> None:
    with _WAITING_LOCK:
        waiting = _WAITING.get(path)
        if waiting is None or waiting["seq"] < signed["seq"]:
            _WAITING[path] = signed
    with _LOCK:
        with _WAITING_LOCK:
            newest = _WAITING.pop(path, None)
        if newest is None:
            return  # a committer before us wrote this head or a newer one, and is done
        current = read_head_file(path)
        # Two processes commit in turn; never let a slower one move the head backwards.
        if current is not None and current.get("seq", 0) > newest["seq"]:
            return
        atomic_write(path, json.dumps(newest, ensure_ascii=False, indent=1).encode("utf-8"))


def read_head_file(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (ValueError, UnicodeDecodeError):
        return {"corrupt": True}
