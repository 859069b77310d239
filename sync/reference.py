"""Reference data down: HQ's units, officers, certificates, device types, standards and case
types, applied on the workstation.

Everything HQ sent is applied in one write transaction, as actor "sync" with action
REFERENCE_ACTION, so it lands in this workstation's ledger (and goes up again as HQ's
"mirror") and the ownership hook lets it through. Rows are matched by primary key.

A local row with another id that holds the same natural key (a unit's name, a
certificate's number, the global standard of a device type seeded at set-up with a random
id) is the same thing, made locally before the workstation enrolled: it becomes HQ's row.
When nothing refers to it, it is simply replaced. When local records refer to it (devices
of a unit set up locally, custody of a locally entered officer), they are moved over to
HQ's row first, then the local row goes: nothing is lost and every step is in the ledger.
An officer has no natural key of their own: their certificate number says who they are, so
a local officer whose certificate HQ sends under another officer id is merged the same way.
What cannot be merged (HQ's own rows swapping a unique value) is reported and HQ's row, and
whatever depends on it, waits.

Local rows HQ no longer sends are removed unless other records still refer to them: those
are kept and reported. The digest of what was applied is kept only after a clean apply, so
a pass that had to leave something out asks again next time."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.canonical import to_jsonable
from db.models.sync import SINGLE_ROW
from db.models import Base, SyncProgress
from sync.client import HqClient
from sync.protocol import REFERENCE_ACTION, REFERENCE_TABLES
from sync.rows import columns, from_wire, model_for, natural_keys, primary_key

if TYPE_CHECKING:
    from lawdesk.workspace import Workspace

ACTOR = "sync"


@dataclass
class ReferenceOutcome:
    changed: int = 0
    unchanged: bool = False
    # HQ rows that could not be applied: the pass is not clean.
    errors: list[tuple[str, str]] = field(default_factory=list)
    # Local rows kept although HQ no longer sends them (still referenced).
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.errors and not self.warnings


def _label(table: str, values: dict[str, Any]) -> str:
    for key in ("name", "number", "code", "year"):
        if values.get(key):
            return str(values[key])
    if table == "ratio_standard":
        return f"{values.get('unit_id') or '*'}/{values.get('device_type')}"
    return str(values.get("id"))


# One record of each table, as the messages below name it.
RECORD = {"unit": ("科室", "unit"), "officer": ("执法人员", "officer"),
          "certificate": ("执法证件", "certificate"), "device_type": ("设备类型", "device type"),
          "ratio_standard": ("配备标准", "ratio standard"), "case_type": ("案件类型", "case type"),
          "workday_calendar_year": ("工作日历", "working-day calendar"),
          "disclosure_rule": ("公示规则", "disclosure rule"),
          "benchmark_version": ("裁量基准版本", "benchmark version"),
          "benchmark_circumstance": ("裁量情形", "benchmark circumstance"),
          "benchmark_offence": ("裁量基准违法行为", "benchmark offence"),
          "benchmark_tier": ("裁量阶次", "benchmark tier"),
          "review_rule": ("重大执法决定目录规则", "catalogue rule"),
          "public_list_version": ("公示清单版本", "public list version"),
          "public_list_row": ("公示清单条目", "public list row"),
          "recording_item_version": ("音像记录事项清单版本", "audio-video item list version"),
          "recording_item": ("音像记录事项", "audio-video item list row")}


def _what(table: str) -> tuple[str, str]:
    return RECORD.get(table, (table, table))


def _referencing(table: str) -> list[Any]:
    """Every column, in any table, with a foreign key to ``table``."""
    return [fk.parent for other in Base.metadata.tables.values() for fk in other.foreign_keys
            if fk.column.table.name == table and other.name != table]


def _referenced(session: Session, table: str, obj: object) -> bool:
    key = _key_of(obj)
    return any(session.execute(select(exists().where(column == key))).scalar()
               for column in _referencing(table))


def _values_of(obj: object) -> dict[str, Any]:
    return {column.name: to_jsonable(getattr(obj, key)) for key, column in columns(type(obj))}


def _differs(local: object, row: dict[str, Any]) -> bool:
    held = _values_of(local)
    return any(held[name] != value for name, value in row.items() if name in held)


class _Unmergeable(Exception):
    """A local row that cannot become HQ's: why, in both languages."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


def _key_of(obj: object) -> Any:  # noqa: ANN401
    return getattr(obj, _attribute(type(obj), primary_key(type(obj))[0]))


def _attribute(model: type, column_name: str) -> str:
    return next(key for key, column in columns(model) if column.name == column_name)


class _Apply:
    def __init__(self, session: Session, outcome: ReferenceOutcome,
                 tables: dict[str, list[dict[str, Any]]]) -> None:
        self.session, self.outcome = session, outcome
        self.sent = {table: {row[primary_key(model_for(table))[0]] for row in rows}
                     for table, rows in tables.items()}
        self.waiting: set[tuple[str, Any]] = set()  # HQ rows left out: (table, primary key)

    def table(self, table: str, rows: list[dict[str, Any]]) -> None:
        model = model_for(table)
        pk = primary_key(model)[0]
        for row in rows:
            blocker = self._waits_for(model, row)
            if blocker:
                self._wait(table, row, f"依赖的{_what(blocker[0])[0]}“{blocker[1]}”未能同步",
                           f"it depends on {_what(blocker[0])[1]} '{blocker[1]}', "
                           "which could not be applied")
                continue
            local = self.session.get(model, row[pk])
            if local is None:
                try:
                    self._insert_in_place_of_clashes(table, model, row)
                except _Unmergeable as refused:
                    self._wait(table, row, refused.zh, refused.en)
                    continue
                self.outcome.changed += 1
            elif _differs(local, row):
                for key, value in from_wire(model, row).items():
                    setattr(local, key, value)
                self.outcome.changed += 1
        self.session.flush()

    def _waits_for(self, model: type, row: dict[str, Any]) -> tuple[str, str] | None:
        for _key, column in columns(model):
            for fk in column.foreign_keys:
                target = (fk.column.table.name, row.get(column.name))
                if target in self.waiting:
                    return target[0], str(target[1])
        return None

    def _wait(self, table: str, row: dict[str, Any], why_zh: str, why_en: str) -> None:
        pk = primary_key(model_for(table))[0]
        self.waiting.add((table, row[pk]))
        zh, en = _what(table)
        self.outcome.errors.append((f"总部的{zh}“{_label(table, row)}”暂未同步：{why_zh}",
                                    f"HQ's {en} '{_label(table, row)}' was not "
                                    f"applied: {why_en}"))

    # ------------------------------------------------------------ clashes and merging
    def _clashes(self, table: str, model: type, row: dict[str, Any]) -> list[object]:
        """Local rows holding one of HQ's row's natural keys under another id."""
        pk_column = getattr(model.__table__.c, primary_key(model)[0])
        found: dict[Any, object] = {}
        for key in natural_keys(model):
            condition = and_(*[getattr(model.__table__.c, name).is_(None)
                               if row.get(name) is None
                               else getattr(model.__table__.c, name) == row[name]
                               for name in key])
            for clash in self.session.execute(
                    select(model).where(condition, pk_column != row[primary_key(model)[0]])
            ).scalars().all():
                if _key_of(clash) in self.sent.get(table, ()):
                    raise _Unmergeable(
                        f"总部的另一条{_what(table)[0]}（标识 {_key_of(clash)}）也用着"
                        f"{'/'.join(key)}“{'/'.join(str(row[n]) for n in key)}”",
                        f"another of HQ's {_what(table)[1]} records (id {_key_of(clash)}) "
                        f"holds the same {'/'.join(key)}")
                found[_key_of(clash)] = clash
        return list(found.values())

    def _insert_in_place_of_clashes(self, table: str, model: type,
                                    row: dict[str, Any]) -> None:
        clashes = self._clashes(table, model, row)
        in_use = [c for c in clashes if _referenced(self.session, table, c)]
        for clash in clashes:
            if clash in in_use:
                self._park(model, clash)  # free its unique values for HQ's row
            else:
                self.session.delete(clash)
        self.session.flush()
        self.session.add(model(**from_wire(model, row)))
        self.session.flush()
        new_key = row[primary_key(model)[0]]
        for clash in in_use:
            self._merge(table, clash, new_key)
        if table == "certificate":
            self._merge_holders(clashes, row)

    def _park(self, model: type, obj: object) -> None:
        """Give a row that is about to be merged placeholder unique values, so HQ's row can
        be inserted beside it while local records are moved over."""
        for key in natural_keys(model):
            for name in key:
                column = model.__table__.c[name]
                if column.foreign_keys or column.type.python_type is not str:
                    raise _Unmergeable(f"本地记录（标识 {_key_of(obj)}）已被其他记录引用，"
                                       "无法自动合并",
                                       f"the local record (id {_key_of(obj)}) is referenced "
                                       "by other records and cannot be merged automatically")
                length = getattr(column.type, "length", None) or 32
                setattr(obj, _attribute(model, name), f"~{_key_of(obj)}"[:length])

    def _merge(self, table: str, old: object, new_key: Any) -> None:  # noqa: ANN401
        """Move every local reference from ``old`` to HQ's row ``new_key``, then drop
        ``old``. A reference that is part of a primary key is moved by deleting the row and
        inserting it again under its new key, so the ledger (and HQ) see a clean change."""
        old_key = _key_of(old)
        for column in _referencing(table):
            try:
                model = model_for(column.table.name)
            except KeyError:
                raise _Unmergeable("被无法更新的记录引用", "it is referenced by records that "
                                   "cannot be updated") from None
            attribute = _attribute(model, column.name)
            for obj in self.session.execute(
                    select(model).where(column == old_key)).scalars().all():
                if column.name in primary_key(model):
                    values = {key: getattr(obj, key) for key, _c in columns(model)}
                    values[attribute] = new_key
                    self.session.delete(obj)
                    self.session.flush()
                    self.session.add(model(**values))
                else:
                    setattr(obj, attribute, new_key)
            self.session.flush()
        # Its relationship collections may still list what was moved: read them afresh,
        # or deleting it would detach them again.
        self.session.expire(old)
        self.session.delete(old)
        self.session.flush()

    def _merge_holders(self, clashes: list[object], row: dict[str, Any]) -> None:
        """A local certificate that was HQ's (same number) names the local officer who is
        HQ's officer: merge that officer too, unless HQ sends them as an officer itself."""
        for clash in clashes:
            local_officer = getattr(clash, "officer_id", None)
            if (local_officer and local_officer != row["officer_id"]
                    and local_officer not in self.sent.get("officer", ())):
                officer = self.session.get(model_for("officer"), local_officer)
                if officer is not None:
                    self._merge("officer", officer, row["officer_id"])

    def remove_stale(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Local rows of ``table`` that HQ did not send: removed unless still referenced."""
        model = model_for(table)
        pk = primary_key(model)[0]
        sent = {row[pk] for row in rows}
        pk_column = getattr(model.__table__.c, pk)
        stale = self.session.execute(
            select(model).where(pk_column.not_in(sent)) if sent else select(model)).scalars()
        for obj in stale.all():
            values = _values_of(obj)
            if _referenced(self.session, table, obj):
                zh, en = _what(table)
                self.outcome.warnings.append((
                    f"本地{zh}“{_label(table, values)}”总部已不再下发，"
                    "但仍被本地记录引用，暂予保留",
                    f"local {en} '{_label(table, values)}' is no longer sent by HQ "
                    "but local records still reference it, so it is kept"))
                continue
            self.session.delete(obj)
            self.outcome.changed += 1
        self.session.flush()


def apply_reference(workspace: "Workspace", tables: dict[str, list[dict[str, Any]]]
                    ) -> ReferenceOutcome:
    """Apply HQ's reference tables in one transaction; see the module docstring."""
    outcome = ReferenceOutcome()
    try:
        with workspace.db.write(actor=ACTOR, action=REFERENCE_ACTION) as session:
            work = _Apply(session, outcome, tables)
            # A table HQ did not send at all (an older HQ) is left alone, never emptied.
            sent = [table for table in REFERENCE_TABLES if table in tables]
            for table in sent:
                work.table(table, tables[table])
            for table in reversed(sent):
                work.remove_stale(table, tables[table])
    except IntegrityError as error:
        # Two of HQ's rows swapped a unique value in one change: rare; nothing is applied.
        return ReferenceOutcome(errors=[(
            f"总部的基础数据与本地数据冲突，本次未能应用：{error.orig}",
            f"HQ's reference data clashes with local data and was not applied: {error.orig}")])
    return outcome


def pull_reference(workspace: "Workspace", client: HqClient) -> ReferenceOutcome:
    """Fetch the unit's reference data unless the digest says it is unchanged; apply it."""
    with workspace.db.read() as session:
        progress = session.get(SyncProgress, SINGLE_ROW)
        digest = progress.reference_digest if progress else None
    answer = client.get_json("reference", params={"digest": digest} if digest else None)
    if answer.get("unchanged"):
        return ReferenceOutcome(unchanged=True)
    outcome = apply_reference(workspace, answer["tables"])
    if outcome.clean:
        with workspace.db.write(actor=ACTOR, action="sync.progress") as session:
            row = session.get(SyncProgress, SINGLE_ROW)
            if row is None:
                row = SyncProgress(id=SINGLE_ROW, ledger_sent_seq=0)
                session.add(row)
            row.reference_digest = answer["digest"]
    return outcome
