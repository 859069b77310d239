"""Refusals of the compliance services, each with a Chinese and an English message."""
from __future__ import annotations

from core.errors import DomainError


class BadItemList(DomainError):
    """An audio-video item list file that cannot be used; nothing of it was recorded."""

    code = "bad_item_list"
    zh = "音像记录事项清单 {source} 有误：{problem_zh}"
    en = "The audio-video item list {source} is wrong: {problem_en}"


class NothingToAcknowledge(DomainError):
    code = "nothing_to_acknowledge"
    zh = "案件 {case} 没有未处理的音像记录问题，无需确认"
    en = "Case {case} has no open recording findings to accept"


class ReasonAlreadyApproved(DomainError):
    code = "reason_already_approved"
    zh = "案件 {case} 的“{step_zh}”环节已于 {at} 由 {by} 批准缺失理由：{reason}"
    en = "Case {case}: a reason for the step '{step_en}' was already approved by {by} at {at}: " \
         "{reason}"


class NoRecordingRequired(DomainError):
    code = "no_recording_required"
    zh = "按音像记录事项清单，案件 {case} 的“{step_zh}”环节不要求音像记录，无需批准缺失理由"
    en = "The audio-video item list does not require a recording of the step '{step_en}' of " \
         "case {case}; no reason is needed"
