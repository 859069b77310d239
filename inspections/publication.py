"""What is published of the draws (一公开): for the portal export, which adds it to the site
and feed. Every draw, a superseded one too (with the reason it was redrawn): hiding a
redraw would defeat the point. Targets are market subjects, named with their USCC;
inspectors with their name and certificate number, which the personnel list publishes
anyway; never a phone number or an ID number."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.clock import Clock
from db.models import InspectionTask
from inspections.records import task_view


def published_draws(session: Session, clock: Clock | None = None) -> list[dict[str, Any]]:
    """One dict per draw, oldest task first:
    {"task", "draw", "item": {code, body, basis, target_kind, content, method, ratio,
     frequency, list_version}, "drawn_at", "drawn_on", "seed_text", "seed", "algorithm",
     "selection": {"ratio"} | {"count"}, "pool", "superseded", "redraw_reason",
     "targets": [{"uscc", "name", "inspectors": [{"name", "certificate"}],
                  "result": None | {"outcome", "text", "inspected_on", "case_number",
                                    "rectification"}}]}"""
    clock = clock or Clock()
    published = []
    for task in session.execute(select(InspectionTask).order_by(
            InspectionTask.created_at, InspectionTask.number)).scalars():
        view = task_view(session, task, clock)
        selection = {"count": view["count"]} if view["count"] is not None else \
            {"ratio": view["ratio"]}
        for draw in view["draws"]:
            published.append({
                "task": view["task"], "draw": draw["draw"], "item": view["item"],
                "drawn_at": draw["drawn_at"], "drawn_on": draw["drawn_on"],
                "seed_text": draw["seed_text"], "seed": draw["seed"],
                "algorithm": draw["algorithm"], "selection": selection, "pool": view["pool"],
                "superseded": draw["superseded"], "redraw_reason": draw["redraw_reason"],
                "targets": [{
                    "uscc": t["uscc"], "name": t["name"],
                    "inspectors": [{"name": n, "certificate": c}
                                   for c, n in zip(t["inspectors"], t["inspector_names"])],
                    "result": None if t["result"] is None else {
                        k: t["result"][k] for k in ("outcome", "text", "inspected_on",
                                                    "case_number", "rectification")}}
                    for t in draw["targets"]]})
    return published
