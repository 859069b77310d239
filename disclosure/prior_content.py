"""What the portal publishes before enforcement (事前公示, measures 2, 4-8, 10), gathered in
the export's read session: the public lists in force, the personnel lookup, the procedure
flowcharts and the double-random draws.

Everything here is already public by its owner's rule: the lists as public_lists keeps
them (the personnel list generated from officers and certificates), the lookup's fields
limited to public_lists.personnel.PUBLIC_FIELDS, the draws as inspections.publication
publishes them. The flowcharts are drawn now, before anything is written, so a missing
Graphviz refuses the export instead of leaving a folder without them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.clock import Clock
from db.models import Certificate

PERSONNEL = "personnel"


@dataclass(frozen=True)
class PublishedList:
    kind: str
    title_zh: str
    title_en: str
    columns: tuple[tuple[str, str, str], ...]      # (key, zh, en)
    rows: list[dict[str, str]]
    version: dict | None          # {number, effective_from, approved_by, sha256}; None: none
    generated: bool = False       # made from records (personnel), not a published version


@dataclass(frozen=True)
class Flowchart:
    code: str
    name_zh: str
    name_en: str
    svg: bytes
    png: bytes
    procedures_sha256: str


@dataclass(frozen=True)
class PriorContent:
    as_of: date
    lists: list[PublishedList]
    lookup: dict[str, dict]       # certificate number -> public fields
    flowcharts: list[Flowchart]
    draws: list[dict] = field(default_factory=list)


def _lists(session: Session, on: date) -> list[PublishedList]:
    from public_lists.kinds import KINDS, columns, title
    from public_lists.personnel import personnel_rows
    from public_lists.versions import current
    result = []
    for kind in KINDS:
        cols = tuple((c.key, c.zh, c.en) for c in columns(kind))
        zh, en = title(kind)
        if kind == PERSONNEL:
            result.append(PublishedList(kind, zh, en, cols, personnel_rows(session, on), None,
                                        generated=True))
            continue
        version, rows = current(session, kind, on)
        info = None if version is None else {
            "number": version.number, "effective_from": version.effective_from.isoformat(),
            "approved_by": version.approved_by, "sha256": version.sha256}
        result.append(PublishedList(kind, zh, en, cols, rows, info))
    return result


def _lookup(session: Session, on: date) -> dict[str, dict]:
    """Every certificate ever issued, as the public lookup answers for it (an expired or
    revoked card too: that is what someone holding one wants to know)."""
    from public_lists.personnel import PUBLIC_FIELDS, lookup
    found = {}
    for number in session.execute(select(Certificate.number).order_by(Certificate.number)
                                  ).scalars():
        answer = lookup(session, number, on)
        if answer is not None:
            found[number] = {key: answer[key] for key in PUBLIC_FIELDS if key in answer}
    return found


def _flowcharts(session: Session, on: date) -> list[Flowchart]:
    from flowcharts.charts import chart_graph, chart_list
    from flowcharts.inputs import chart_inputs, review_in
    from flowcharts.render import render
    inputs = chart_inputs(review_in(session, on))
    charts = []
    for info in chart_list(inputs):
        graph = chart_graph(inputs, info.code)
        charts.append(Flowchart(info.code, info.name_zh, info.name_en, render(graph, "svg"),
                                render(graph, "png"), inputs.procedures_sha256))
    return charts


def prior_content(session: Session, clock: Clock) -> PriorContent:
    from inspections.publication import published_draws
    on = clock.today()
    return PriorContent(on, _lists(session, on), _lookup(session, on),
                        _flowcharts(session, on), published_draws(session, clock))
