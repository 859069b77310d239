"""The audit log's words that only the domain packages know: the coded values of their
records (a device's status, a review's state, a penalty kind) and the fields and kinds of
the case documents, as their templates name them.

audit.labels names actions, record kinds and fields as data; the packages that write the
ledger import audit, so audit cannot read their tables of names. The window, which sits
above every domain package, puts the two together here. No Qt."""
from __future__ import annotations

from functools import cache

from audit.labels import VALUE_NAMES, pick
from audit.labels import field_name as _audit_field_name


def field_name(field: str, language: str = "zh_CN", object_type: str | None = None) -> str:
    """audit.labels.field_name, and the fields of the case documents by their labels."""
    named = _audit_field_name(field, language, object_type)
    if named != field:
        return named
    names = _document_fields().get(field)
    return field if names is None else pick(names, language)


@cache
def _document_fields() -> dict[str, tuple[str, str]]:
    """The fields of the case documents (a case's and an issued document's "fields"), as
    their templates label them (in Chinese only: the English is the key in words)."""
    from casework.documents.templates import all_templates
    return {spec.key: (spec.label, spec.key.replace("_", " "))
            for template in all_templates() for spec in template.fields}


@cache
def _document_kinds() -> dict[str, tuple[str, str]]:
    from casework.documents.templates import all_templates
    return {t.id: (t.title, t.id.replace("_", " ")) for t in all_templates()}


# Coded values by record and field: (object_type, field) → {value: (zh, en)}. The domain
# packages name most of their codes themselves; they are read from there when first asked.
_OFFLOAD_STATES = {"running": ("进行中", "running"), "finished": ("已完成", "finished"),
                   "interrupted": ("已中断", "interrupted"), "cancelled": ("已取消", "cancelled"),
                   "failed": ("失败", "failed")}
_SIGHTINGS = {"stored": ("已存储", "stored"), "duplicate": ("重复", "duplicate"),
              "resumed": ("续传", "resumed"), "failed": ("失败", "failed")}
_CASE_STATES = {"open": ("办理中", "open"), "closed": ("已结案", "closed")}
_PURGE_STATES = {"pending": ("待批准", "pending"), "done": ("已完成", "done"),
                 "cancelled": ("已取消", "cancelled")}
_FINDING_STATES = {"open": ("未处理", "open"), "excused": ("已说明原因", "excused"),
                   "acknowledged": ("已确认", "accepted"), "resolved": ("已解决", "resolved")}
_PARTY_KINDS = {"person": ("自然人", "natural person"),
                "organisation": ("法人或其他组织", "organisation")}
_FINDING_KINDS = {"missing_recording": ("缺少音像记录", "missing recording"),
                  "segment_gap": ("录像中断", "gap between segments"),
                  "late_offload": ("未及时导入", "offloaded late")}


@cache
def _coded_values() -> dict[tuple[str, str], dict[str, tuple[str, str]]]:
    from casework.cases import ID_LABELS
    from casework.evidence_links import KIND_LABELS
    from casework.procedures import procedures
    from devices.custody import CONDITION_LABELS
    from devices.status import EVENT_LABELS
    from devices.status import STATUS_LABELS as DEVICE_STATES
    from disclosure.records import STATUS_LABELS as DISCLOSURE_STATES
    from review.benchmarks import TIER_NAMES
    from review.penalty_kinds import penalty_kinds
    from review.states import NAMES as REVIEW_STATES
    named_procedures = {p.code: (p.name_zh, p.name_en) for p in procedures().values()}
    kinds = {k.code: (k.name_zh, k.name_en) for k in penalty_kinds()}
    return {
        ("", "procedure"): named_procedures, ("", "procedures"): named_procedures,
        ("", "penalty_kinds"): kinds, ("", "only_penalty_kinds"): kinds,
        ("device", "status"): DEVICE_STATES, ("device_event", "status"): DEVICE_STATES,
        ("device_event", "kind"): EVENT_LABELS,
        ("custody", "checkin_condition"): CONDITION_LABELS,
        ("offload_session", "status"): _OFFLOAD_STATES,
        ("footage_sighting", "status"): _SIGHTINGS,
        ("enforcement_case", "status"): _CASE_STATES,
        ("case_party", "id_type"): ID_LABELS, ("evidence_link", "kind"): KIND_LABELS,
        ("disclosure_record", "status"): DISCLOSURE_STATES,
        ("case_review", "state"): REVIEW_STATES, ("case_review", "outcome"): REVIEW_STATES,
        ("review_step", "state"): REVIEW_STATES, ("review_step", "outcome"): REVIEW_STATES,
        ("case_benchmark_choice", "tier"): TIER_NAMES, ("benchmark_tier", "tier"): TIER_NAMES,
        ("purge_run", "status"): _PURGE_STATES,
        ("recording_finding", "status"): _FINDING_STATES,
        ("recording_finding", "kind"): _FINDING_KINDS,
        ("case_party", "kind"): _PARTY_KINDS,
        ("document_counter", "kind"): _document_kinds(),
        ("issued_document", "kind"): _document_kinds(),
    }


def value_name(field: str, value: str, language: str = "zh_CN",
               object_type: str | None = None) -> str | None:
    """The value in words, or None when the tables do not know it."""
    coded = _coded_values()
    names = (coded.get((object_type or "", field), {}).get(value)
             or coded.get(("", field), {}).get(value) or VALUE_NAMES.get((field, value)))
    return None if names is None else pick(names, language)
