"""The public inputs of a draw, as one JSON object: built from the database at the draw,
rebuilt from the recorded rows to verify it, or read from an exported file.

    {"algorithm", "task", "draw", "item", "targets", "selection", "inspectors_per_target",
     "inspectors", "recusals", "seed_text", "drawn_at"}

``targets`` sorted by USCC, ``inspectors`` by certificate number, ``recusals`` by
certificate number then USCC; every value is text or an integer (a ratio is decimal text),
so the canonical JSON, and with it the seed, is the same on every machine.
"""
from __future__ import annotations

import json
from typing import Any

from core.clock import iso_utc
from db.models import InspectionDraw, InspectionTarget, InspectionTask
from inspections.algorithm import ALGORITHM, eligible
from inspections.errors import TooFewAfterRecusal, TooFewInspectors


def selection_of(task: InspectionTask) -> dict[str, Any]:
    return {"count": task.count} if task.count is not None else {"ratio": task.ratio}


def sorted_inspectors(inspectors: list[dict[str, str]]) -> list[dict[str, str]]:
    return sorted(inspectors, key=lambda o: o["certificate"])


def sorted_recusals(recusals: list[dict[str, str]]) -> list[dict[str, str]]:
    return sorted(recusals, key=lambda r: (r["certificate"], r["uscc"], r["reason"]))


def build_inputs(task: InspectionTask, targets: list[dict[str, str]], *, draw_number: int,
                 inspectors: list[dict[str, str]], recusals: list[dict[str, str]],
                 seed_text: str, drawn_at) -> dict[str, Any]:  # noqa: ANN001
    return {
        "algorithm": ALGORITHM,
        "task": task.number,
        "draw": draw_number,
        "item": json.loads(task.item),
        "targets": sorted(targets, key=lambda t: t["uscc"]),
        "selection": selection_of(task),
        "inspectors_per_target": task.per_target,
        "inspectors": sorted_inspectors(inspectors),
        "recusals": sorted_recusals(recusals),
        "seed_text": seed_text,
        "drawn_at": iso_utc(drawn_at),
    }


def recorded_inputs(task: InspectionTask, targets: list[InspectionTarget],
                    draw: InspectionDraw) -> dict[str, Any]:
    """The inputs of a recorded draw, from its rows alone."""
    return build_inputs(
        task, [{"uscc": t.uscc, "name": t.name, "address": t.address, "category": t.category}
               for t in targets],
        draw_number=draw.number, inspectors=json.loads(draw.inspectors),
        recusals=json.loads(draw.recusals), seed_text=draw.seed_text,
        drawn_at=draw.drawn_at)


def check_inspectors(inputs: dict[str, Any], scope_zh: str = "检查人员库",
                     scope_en: str = "The inspector pool") -> None:
    """Refuse a draw some target of which could not get enough eligible inspectors. Checked
    over the whole pool, before drawing, so the refusal never depends on the seed."""
    need = inputs["inspectors_per_target"]
    pool = [o["certificate"] for o in inputs["inspectors"]]
    if len(pool) < need:
        raise TooFewInspectors(scope=scope_zh, scope_en=scope_en, have=len(pool), need=need)
    recused = {(r["certificate"], r["uscc"]) for r in inputs["recusals"]}
    for target in inputs["targets"]:
        have = len(eligible(pool, recused, target["uscc"]))
        if have < need:
            raise TooFewAfterRecusal(name=target["name"], uscc=target["uscc"], have=have,
                                     need=need)
