"""The audio-video item list (音像记录事项清单): which steps of which case types must be
recorded, how, and what the recording must show.

The shipped file resources/recording/items.toml is version 0, in force until an admin
imports a version (a whole new list, numbered, with the day it takes effect, as the public
lists do: public_lists.versions). Old versions stay: a step is checked against the version
in force on the step's day, so a later stricter list does not turn old cases into findings.
"""
from __future__ import annotations

import functools
import hashlib
import json
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from audit.recorder import hold_ledger
from casework.procedures import procedures
from compliance.errors import BadItemList
from core.canonical import canonical_json
from core.context import Context
from core.errors import InvalidInput
from core.permissions import Permission, require
from db.models import CaseType, RecordingItem, RecordingItemVersion
from resources import resource_path

FULL, REQUIRED, AS_NEEDED = "full", "required", "as_needed"
MODES = {FULL: ("全程不间断记录", "recorded in full, unbroken"),
         REQUIRED: ("必须记录", "must be recorded"),
         AS_NEEDED: ("根据实际情况记录", "recorded as circumstances require")}
STRICTNESS = {AS_NEEDED: 0, REQUIRED: 1, FULL: 2}
CHECKED = (FULL, REQUIRED)   # the modes the per-case check holds a step to
ANY_TYPE = "*"
FIELDS = ("case_type", "step", "activity_zh", "activity_en", "mode", "capture", "source")


@dataclass(frozen=True)
class Item:
    case_type: str
    step: str
    activity_zh: str
    activity_en: str
    mode: str
    capture: tuple[str, ...]
    source: str

    def activity(self, language: str = "zh_CN") -> str:
        return self.activity_en if language.startswith("en") else self.activity_zh

    def mode_label(self, language: str = "zh_CN") -> str:
        zh, en = MODES[self.mode]
        return en if language.startswith("en") else zh

    def as_json(self) -> dict[str, Any]:
        return {"case_type": self.case_type, "step": self.step, "activity_zh": self.activity_zh,
                "activity_en": self.activity_en, "mode": self.mode,
                "capture": list(self.capture), "source": self.source}


@dataclass(frozen=True)
class ItemList:
    """One version: number 0 is the shipped file (no effective day)."""

    number: int
    effective_from: date | None
    items: tuple[Item, ...]
    approved_by: str | None = None
    source: str = "resources/recording/items.toml"

    def requirement(self, case_type: str, step: str) -> Item | None:
        """The strictest row for the case type's step (its own rows and the "*" rows)."""
        rows = [i for i in self.items if i.step == step and i.case_type in (case_type, ANY_TYPE)]
        return max(rows, key=lambda i: STRICTNESS[i.mode], default=None)

    def as_json(self) -> dict[str, Any]:
        return {"number": self.number,
                "effective_from": self.effective_from.isoformat() if self.effective_from
                else None, "approved_by": self.approved_by, "source": self.source,
                "items": [i.as_json() for i in self.items]}


# ----------------------------------------------------------------------------- parsing
def parse_items(data: Any, source: str, case_types: Iterable[str] | None = None
                ) -> tuple[Item, ...]:
    """The rows of a TOML document's ``[[item]]`` tables, each checked; BadItemList names
    the first wrong row and what is wrong with it."""
    def bad(zh: str, en: str) -> BadItemList:
        return BadItemList(source=source, problem_zh=zh, problem_en=en)

    rows = data.get("item") if isinstance(data, dict) else None
    if not isinstance(rows, list) or not rows:
        raise bad("没有任何 [[item]] 条目", "it has no [[item]] rows")
    steps = {s.code for p in procedures().values() for s in p.steps}
    types = None if case_types is None else set(case_types) | {ANY_TYPE}
    items = []
    for n, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise bad(f"第 {n} 条不是表", f"row {n} is not a table")
        missing = [k for k in FIELDS if k not in row]
        if missing:
            raise bad(f"第 {n} 条缺少 {', '.join(missing)}", f"row {n} lacks {', '.join(missing)}")
        extra = sorted(set(row) - set(FIELDS))
        if extra:
            raise bad(f"第 {n} 条有未知字段 {', '.join(extra)}",
                      f"row {n} has unknown fields {', '.join(extra)}")
        texts = [k for k in FIELDS if k != "capture" and
                 (not isinstance(row[k], str) or not row[k].strip())]
        if texts:
            raise bad(f"第 {n} 条的 {', '.join(texts)} 须为非空文字",
                      f"row {n}: {', '.join(texts)} must be non-empty text")
        if row["mode"] not in MODES:
            raise bad(f"第 {n} 条的记录方式“{row['mode']}”未知，可选：{', '.join(MODES)}",
                      f"row {n}: unknown mode '{row['mode']}'; choose from {', '.join(MODES)}")
        if row["step"] not in steps:
            raise bad(f"第 {n} 条的环节“{row['step']}”不存在，可选：{', '.join(sorted(steps))}",
                      f"row {n}: no step '{row['step']}'; choose from {', '.join(sorted(steps))}")
        if types is not None and row["case_type"] not in types:
            raise bad(f"第 {n} 条的案件类型“{row['case_type']}”不存在",
                      f"row {n}: no case type '{row['case_type']}'")
        capture = row["capture"]
        if not isinstance(capture, list) or not all(isinstance(c, str) and c.strip()
                                                    for c in capture):
            raise bad(f"第 {n} 条的 capture 须为文字列表", f"row {n}: capture must be a list of text")
        if len(row["activity_zh"]) > 100 or len(row["activity_en"]) > 100 \
                or len(row["source"]) > 300:
            raise bad(f"第 {n} 条的文字过长（事项 100 字、依据 300 字以内）",
                      f"row {n}: text too long (activity 100, source 300 characters)")
        items.append(Item(row["case_type"].strip(), row["step"], row["activity_zh"].strip(),
                          row["activity_en"].strip(), row["mode"],
                          tuple(c.strip() for c in capture), row["source"].strip()))
    keys = [(i.case_type, i.step) for i in items]
    twice = next((k for k in keys if keys.count(k) > 1), None)
    if twice:
        raise bad(f"案件类型 {twice[0]} 的环节 {twice[1]} 出现两次",
                  f"the case type {twice[0]} lists the step {twice[1]} twice")
    return tuple(items)


def read_file(path: Path, case_types: Iterable[str] | None = None) -> tuple[Item, ...]:
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise BadItemList(source=str(path), problem_zh="文件不存在",
                          problem_en="no such file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise BadItemList(source=str(path), problem_zh=f"不是有效的 TOML：{error}",
                          problem_en=f"not valid TOML: {error}") from None
    return parse_items(data, path.name, case_types)


@functools.cache
def shipped() -> ItemList:
    return ItemList(0, None, read_file(resource_path("recording", "items.toml")))


# ----------------------------------------------------------------------------- versions
def _to_item(row: RecordingItem) -> Item:
    return Item(row.case_type, row.step, row.activity_zh, row.activity_en, row.mode,
                tuple(json.loads(row.capture)), row.source)


def all_versions(session: Session) -> list[ItemList]:
    """Every imported version, newest first, then the shipped one."""
    versions = session.execute(select(RecordingItemVersion).order_by(
        RecordingItemVersion.number.desc(), RecordingItemVersion.created_at.desc())).scalars().all()
    rows: dict[str, list[Item]] = {}
    if versions:
        for row in session.execute(select(RecordingItem).order_by(
                RecordingItem.version_id, RecordingItem.seq)).scalars():
            rows.setdefault(row.version_id, []).append(_to_item(row))
    return [ItemList(v.number, v.effective_from, tuple(rows.get(v.id, ())), v.approved_by,
                     v.source) for v in versions] + [shipped()]


def in_force(versions: Sequence[ItemList], on: date) -> ItemList:
    """The version in force on ``on`` among ``all_versions``: the shipped one before any."""
    for version in versions:
        if version.effective_from is None or version.effective_from <= on:
            return version
    return versions[-1]


def list_items(ctx: Context, on: date | None = None) -> ItemList:
    require(ctx.actor, Permission.VIEW_CASES)
    with ctx.read() as session:
        return in_force(all_versions(session), on or ctx.clock.today())


def import_items(ctx: Context, path: Path | str, *, effective_from: date | None = None,
                 approved_by: str | None = None, note: str | None = None) -> ItemList:
    """Record a file as the list's next version, in force from ``effective_from`` (default
    today); all rows or none."""
    require(ctx.actor, Permission.MANAGE_RETENTION)
    path = Path(path)
    day = effective_from or ctx.clock.today()
    if day < ctx.clock.today():
        raise InvalidInput(f"施行日期 {day} 早于今天：已办环节按当时的清单检查",
                           f"the day {day} is in the past: steps already done are checked "
                           "against the list in force then")
    approver = (approved_by or ctx.actor.username).strip()[:100]
    with ctx.write("compliance.items_import") as session:
        hold_ledger(session)
        types = session.execute(select(CaseType.code)).scalars().all()
        items = read_file(path, types)
        number = (session.execute(select(func.max(RecordingItemVersion.number))).scalar() or 0) + 1
        body = canonical_json([i.as_json() for i in items])
        version = RecordingItemVersion(
            number=number, effective_from=day, approved_by=approver, created_at=ctx.clock.now(),
            created_by=ctx.actor.username, source=path.name[:300],
            sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(), item_count=len(items),
            note=(note or "").strip() or None)
        session.add(version)
        session.flush()
        for seq, item in enumerate(items, 1):
            session.add(RecordingItem(
                version_id=version.id, seq=seq, case_type=item.case_type, step=item.step,
                activity_zh=item.activity_zh, activity_en=item.activity_en, mode=item.mode,
                capture=json.dumps(list(item.capture), ensure_ascii=False), source=item.source))
        return ItemList(number, day, items, approver, version.source)
