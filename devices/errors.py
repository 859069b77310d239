"""Refusals the device services raise, each with a Chinese and an English message."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from core.errors import DomainError


class DeviceUnavailable(DomainError):
    """Checkout of a device that is not in store."""

    code = "device_unavailable"
    zh = "设备 {serial} {state_zh}，现在不能领用"
    en = "Device {serial} {state_en}; it cannot be checked out now"


class DeviceNotCheckedOut(DomainError):
    code = "device_not_checked_out"
    zh = "设备 {serial} 未被领用（当前：{status_zh}），无法办理归还"
    en = "Device {serial} is not checked out (it is {status_en}); there is nothing to check in"


class PreUseCheckFailed(DomainError):
    code = "pre_use_check_failed"
    zh = "设备 {serial} 使用前检查未通过：{items_zh}，不能领用"
    en = "Device {serial} failed its pre-use check ({items_en}); it cannot be checked out"


class CustodyLimitReached(DomainError):
    code = "custody_limit"
    zh = "{name} 已领用 {held} 台{type_zh}，达到每人同类设备上限 {limit} 台，请先归还"
    en = ("{name} already holds {held} {type_en} device(s); the limit for one type is "
          "{limit} per officer, so one must be checked in first")


class StatusChangeRefused(DomainError):
    code = "status_change_refused"
    zh = "设备 {serial} 当前{status_zh}，不能{action_zh}{hint_zh}"
    en = "Device {serial} is {status_en}; it cannot be {action_en}{hint_en}"


class DeviceTypeInactive(DomainError):
    code = "device_type_inactive"
    zh = "设备类型“{name_zh}”已停用，不能再登记此类设备"
    en = "The device type '{name_en}' is no longer in use; no new device of it can be registered"


class InvalidSignature(DomainError):
    code = "invalid_signature"
    zh = "{which_zh}签名不是有效的 PNG 图像：{detail_zh}"
    en = "The {which_en} signature is not a valid PNG image: {detail_en}"


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one row of an import file. ``row`` counts as a spreadsheet does:
    the header is row 1, the first device row 2."""

    row: int
    zh: str
    en: str

    def message(self, language: str = "zh_CN") -> str:
        if language.startswith("en"):
            return f"row {self.row}: {self.en}"
        return f"第 {self.row} 行：{self.zh}"


class DeviceImportError(DomainError):
    """Every bad row of an import at once; nothing of the file was imported."""

    code = "device_import"
    zh = "导入失败，未导入任何设备。{lines_zh}"
    en = "Import refused; no device was imported. {lines_en}"

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        self.problems = tuple(problems)
        # One line, so the command line can print it as its one-line reason.
        super().__init__(lines_zh="；".join(p.message("zh_CN") for p in self.problems),
                         lines_en="; ".join(p.message("en") for p in self.problems))
