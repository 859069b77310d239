"""Refusals the case services raise, each with a Chinese and an English message."""
from __future__ import annotations

from typing import Sequence

from core.errors import DomainError


class InvalidIdNumber(DomainError):
    """An identity number or unified social credit code that fails its check."""

    code = "invalid_id_number"
    zh = "{party}的{what_zh}“{number}”无效：{reason_zh}"
    en = "The {what_en} '{number}' of {party} is invalid: {reason_en}"


class StepOutOfOrder(DomainError):
    code = "step_out_of_order"
    zh = "案件 {case} 不能记录“{step_zh}”环节：{reason_zh}"
    en = "Case {case}: the step '{step_en}' cannot be recorded: {reason_en}"


class StepAlreadyRecorded(DomainError):
    code = "step_already_recorded"
    zh = "案件 {case} 已于 {on} 记录“{step_zh}”环节"
    en = "Case {case}: the step '{step_en}' was already recorded on {on}"


class CaseClosed(DomainError):
    code = "case_closed"
    zh = "案件 {case} 已于 {on} 结案，不能再修改"
    en = "Case {case} was closed on {on}; it can no longer be changed"


# The kinds of recording finding (db.models.compliance.RecordingFinding.kind): Chinese, English.
FINDING_KINDS = {"missing_recording": ("缺少音像记录", "missing recording"),
                 "segment_gap": ("录像中断", "gap between segments"),
                 "late_offload": ("逾期导入", "late offload")}


class OpenRecordingFindings(DomainError):
    """Closing refused: the audio-video check found problems nobody has accepted yet."""

    code = "open_recording_findings"
    zh = ("案件 {case} 有 {count} 项未处理的音像记录问题（{kinds_zh}），不能结案：请补充关联音视频、"
          "由科室负责人批准缺失理由，或由其确认接受后再结案（lawdesk compliance check {case}）")
    en = ("Case {case} has {count} open recording findings ({kinds_en}) and cannot be closed: "
          "link the footage, have a section head approve the reason, or have one accept the "
          "findings first (lawdesk compliance check {case})")


class NotEnoughOfficers(DomainError):
    code = "not_enough_officers"
    zh = "{procedure_zh}案件至少需要 {need} 名持有有效执法证的办案人员，现有 {have} 名"
    en = "A case under the {procedure_en} needs at least {need} handling officers with a valid " \
         "enforcement certificate; it has {have}"


class EvidenceNotInStore(DomainError):
    code = "evidence_not_in_store"
    zh = "音视频资料库中没有 SHA-256 为 {sha256} 的已核验文件"
    en = "No verified file with SHA-256 {sha256} is in the footage store"


class EvidenceAlreadyLinked(DomainError):
    code = "evidence_already_linked"
    zh = "文件 {sha256} 已关联到案件 {case} 的“{step_zh}”环节"
    en = "The file {sha256} is already linked to the step '{step_en}' of case {case}"


class CaseTypeInactive(DomainError):
    code = "case_type_inactive"
    zh = "案件类型“{name_zh}”已停用，不能再用于新案件"
    en = "The case type '{name_en}' is no longer in use for new cases"


class UnknownTemplate(DomainError):
    code = "unknown_template"
    zh = "没有文书模板“{kind}”；可用：{known}"
    en = "No document template '{kind}'; known: {known}"


class TemplateNotApplicable(DomainError):
    code = "template_not_applicable"
    zh = "《{title}》不适用于{procedure_zh}案件"
    en = "The document '{title}' is not used in cases under the {procedure_en}"


class DocumentTooEarly(DomainError):
    code = "document_too_early"
    zh = "《{title}》须在“{step_zh}”环节记录之后出具，案件 {case} 尚未记录该环节"
    en = "The document '{title}' is issued after the step '{step_en}', which case {case} " \
         "has not recorded yet"


class MissingFields(DomainError):
    """A document cannot be produced: these required fields have no value."""

    code = "missing_fields"
    zh = "《{title}》缺少必填项，未生成文书：{fields_zh}"
    en = "The document '{title}' was not produced; required fields are missing: {fields_en}"

    def __init__(self, title: str, missing: Sequence[tuple[str, str]]) -> None:
        # (key, label) pairs; the key is what --fields FILE.json must name.
        self.missing = tuple(missing)
        super().__init__(
            title=title,
            fields_zh="、".join(f"{label}（{key}）" for key, label in self.missing),
            fields_en=", ".join(f"{key} ({label})" for key, label in self.missing))


class DocumentFileDamaged(DomainError):
    code = "document_file_damaged"
    zh = "已出具文书 {number} 的存档文件缺失或已被改动（应为 SHA-256 {sha256}）"
    en = "The archived file of document {number} is missing or changed (SHA-256 {sha256} expected)"


class TemplateInvalid(DomainError):
    """A template file that cannot be used; shipped templates are tested never to be."""

    code = "template_invalid"
    zh = "文书模板 {path} 有误：{detail}"
    en = "The document template {path} is invalid: {detail}"
