"""What can go wrong with one file of an offload, or with the offload as a whole.

Per-file errors end that file only (the offload goes on with the next), except a full disk,
which ends the copying: every later file would fail the same way.
"""
from __future__ import annotations

import errno

from core.errors import DomainError


class SourceNotFound(DomainError):
    code = "source_not_found"
    zh = "找不到要导入的文件夹：{path}"
    en = "The folder to offload does not exist: {path}"


class FileReadError(DomainError):
    code = "read_error"
    zh = "读取 {path} 时出错（设备可能已拔出或损坏）：{detail}"
    en = "Reading {path} failed (the device may have been unplugged or be damaged): {detail}"


class DeviceGone(DomainError):
    code = "device_gone"
    zh = "设备已断开，{path} 未能读取；请重新插入后再次导入"
    en = "The device was unplugged; {path} could not be read. Plug it in and offload again"


class FilePermissionDenied(DomainError):
    code = "permission_denied"
    zh = "没有读取 {path} 的权限"
    en = "No permission to read {path}"


class StoreFull(DomainError):
    code = "disk_full"
    zh = "证据库所在磁盘已满，{path} 未能保存"
    en = "The disk holding the store is full; {path} was not stored"


class StoreWriteError(DomainError):
    code = "store_write_error"
    zh = "写入证据库时出错，{path} 未能保存：{detail}"
    en = "Writing to the store failed; {path} was not stored: {detail}"


class FileChanged(DomainError):
    """The file was written to, cut short, replaced or removed while it was being read."""

    code = "file_changed"
    zh = "{path} 在读取过程中{how_zh}，未保存；请待设备停止录制后重新导入"
    en = ("{path} {how_en} while it was being read and was not stored; offload again once "
          "the device has stopped recording")

    HOW = {
        "grew": ("变大了", "grew"),
        "shrank": ("变小了", "shrank"),
        "modified": ("被修改了", "was modified"),
        "vanished": ("消失了", "vanished"),
        "replaced": ("被替换了", "was replaced"),
    }

    def __init__(self, path: str, how: str) -> None:
        zh, en = self.HOW[how]
        super().__init__(path=path, how=how, how_zh=zh, how_en=en)

    @property
    def how(self) -> str:
        return self.params["how"]  # a parameter, so it crosses to another process too


class NotARegularFile(DomainError):
    code = "not_a_file"
    zh = "{path} 不是普通文件（可能是符号链接），已跳过"
    en = "{path} is not a regular file (perhaps a symbolic link); skipped"


class Interrupted(DomainError):
    code = "cancelled"
    zh = "导入已取消，{path} 未保存"
    en = "The offload was cancelled; {path} was not stored"


class NotAttempted(DomainError):
    code = "not_attempted"
    zh = "磁盘已满，{path} 未导入"
    en = "The disk is full; {path} was not offloaded"


class UnknownProfile(DomainError):
    code = "unknown_profile"
    zh = "未知的记录仪配置：{name}"
    en = "Unknown recorder profile: {name}"


def read_error(path: str, error: OSError) -> DomainError:
    """The error a user sees for an OSError met while opening or reading the source."""
    if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EPERM):
        return FilePermissionDenied(path=path)
    if isinstance(error, FileNotFoundError):
        return FileChanged(path, "vanished")
    if error.errno == getattr(errno, "ELOOP", None):
        return NotARegularFile(path=path)
    return FileReadError(path=path, detail=error.strerror or str(error))


def write_error(path: str, error: OSError) -> DomainError:
    """The error a user sees for an OSError met while writing into the store."""
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return StoreFull(path=path)
    return StoreWriteError(path=path, detail=error.strerror or str(error))
