"""办案期限: by when a case must reach its decision, and whether it is overdue.

The limits are data (resources/casework/case_types.toml, ``[[time_limit]]``), each with its
legal source, e.g. 《中华人民共和国行政处罚法》第六十条: an ordinary-procedure penalty case is
decided within 90 days of its filing; 《市场监督管理行政处罚程序规定》第六十四条: the head
may approve 30 more days, once (``max_extensions``; casework.extensions records each approved
extension, and the days it added count here).

The count starts the day after filing (《中华人民共和国民法典》第二百零一条：按照日计算期间
的，开始的当日不计入，自下一日开始计算): filed on 1 January, due on 1 April (90 days). The
filing date is the 立案 step's date; a case whose filing is not recorded counts from the day
it was opened in LawDesk. The clock stops at the decision (决定) step or when the case
closes. Not modelled (yet): a last day falling on a public holiday moving to the next
working day (第二百零三条), and periods suspended by law (e.g. hearings, expert opinions).
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Mapping

from resources import resource_path

DUE_SOON_DAYS = 10   # a case this close to its limit is pointed out before it is late


@dataclass(frozen=True)
class TimeLimit:
    type_code: str
    procedure: str
    days: int
    extension: int          # the most days one approved extension adds
    source: str
    max_extensions: int = 0     # how many extensions the source allows


@dataclass(frozen=True)
class ExtensionInfo:
    """One approved extension (延期) of a case's limit (db.models.CaseDeadlineExtension)."""

    seq: int
    days: int
    reason: str
    approved_by: str            # the head's login
    approved_on: date
    new_due_on: date

    def as_json(self) -> dict:
        return {"seq": self.seq, "days": self.days, "reason": self.reason,
                "approved_by": self.approved_by, "approved_on": self.approved_on.isoformat(),
                "due_on": self.new_due_on.isoformat()}


@dataclass(frozen=True)
class CaseDeadline:
    """A case's limit on a given day."""

    started_on: date        # filing (立案)
    due_on: date            # the last day a decision may be made
    limit: TimeLimit
    decided: bool           # the decision step is recorded, or the case is closed
    days_left: int          # negative: days overdue
    extended_days: int = 0  # added by approved extensions (counted in due_on)

    @property
    def overdue(self) -> bool:
        return not self.decided and self.days_left < 0

    @property
    def due_soon(self) -> bool:
        return not self.decided and 0 <= self.days_left <= DUE_SOON_DAYS

    def as_json(self) -> dict:
        return {"started_on": self.started_on.isoformat(), "due_on": self.due_on.isoformat(),
                "days": self.limit.days, "decided": self.decided,
                "days_left": self.days_left, "overdue": self.overdue,
                "extended_days": self.extended_days, "source": self.limit.source}


@lru_cache(maxsize=1)
def time_limits() -> Mapping[tuple[str, str], TimeLimit]:
    with resource_path("casework", "case_types.toml").open("rb") as handle:
        return parse_time_limits(tomllib.load(handle))


def parse_time_limits(data: Mapping) -> dict[tuple[str, str], TimeLimit]:
    """The ``[[time_limit]]`` entries of case_types.toml; ValueError naming a bad one."""
    limits: dict[tuple[str, str], TimeLimit] = {}
    for entry in data.get("time_limit", []):
        limit = TimeLimit(entry["type"], entry["procedure"], int(entry["days"]),
                          int(entry.get("extension", 0)), entry["source"],
                          int(entry.get("max_extensions", 0)))
        if (limit.days <= 0 or limit.extension < 0 or limit.max_extensions < 0
                or (limit.max_extensions > 0) != (limit.extension > 0)
                or not limit.source.strip()):
            raise ValueError(f"case_types.toml: bad time limit for {limit.type_code} "
                             f"({limit.procedure})")
        limits[(limit.type_code, limit.procedure)] = limit
    return limits


def time_limit(type_code: str, procedure: str) -> TimeLimit | None:
    return time_limits().get((type_code, procedure))


def case_deadline(type_code: str, procedure: str, started_on: date, today: date, *,
                  decided: bool = False, extended_days: int = 0) -> CaseDeadline | None:
    """The case's deadline on ``today``; None when its type and procedure have no limit.
    ``extended_days``: the days its approved extensions added, together."""
    limit = time_limit(type_code, procedure)
    if limit is None:
        return None
    due_on = started_on + timedelta(days=limit.days + extended_days)
    return CaseDeadline(started_on, due_on, limit, decided, (due_on - today).days,
                        extended_days)
