"""Refusals of tus uploads and of the file check, each with the HTTP status HQ answers."""
from __future__ import annotations

from hq.errors import HqError


class UploadRefused(HqError):
    """A tus request HQ cannot take as sent; ``reason`` says why."""

    status = 400
    code = "upload_refused"
    zh = "上传请求有误：{reason_zh}"
    en = "The upload request is not valid: {reason_en}"


class TusVersionUnsupported(HqError):
    status = 412
    code = "tus_version"
    zh = "总部只支持 tus 协议 1.0.0 版"
    en = "HQ speaks tus 1.0.0 only"


class WrongContentType(HqError):
    status = 415
    code = "wrong_content_type"
    zh = "上传块的类型须为 application/offset+octet-stream"
    en = "A chunk must be sent as application/offset+octet-stream"


class UploadNotFound(HqError):
    status = 404
    code = "upload_not_found"
    zh = "没有这个上传（可能已完成、已过期或已取消）：{upload_id}"
    en = "No such upload (it may be finished, expired or terminated): {upload_id}"


class OffsetMismatch(HqError):
    status = 409
    code = "offset_mismatch"
    zh = "上传位置不符：总部已收到 {offset} 字节，请求却从第 {given} 字节开始"
    en = "Wrong upload offset: HQ holds {offset} bytes, the request starts at {given}"


class ChecksumMismatch(HqError):
    status = 460
    code = "checksum_mismatch"
    zh = "上传块的校验值不符（{algorithm}），该块已丢弃，请重传"
    en = "The chunk's checksum ({algorithm}) does not match; the chunk was dropped, send it again"


class HashMismatch(HqError):
    status = 422
    code = "hash_mismatch"
    zh = "总部对收到的文件计算的 SHA-256（{found}）与声明的（{declared}）不符，上传已作废"
    en = ("HQ's SHA-256 of the file received ({found}) does not match the one declared "
          "({declared}); the upload was discarded")


class UploadTooLarge(HqError):
    status = 413
    code = "upload_too_large"
    zh = "上传超出声明的长度或总部的上限（{limit} 字节）"
    en = "The upload goes past its declared length or HQ's limit ({limit} bytes)"


class UploadBusy(HqError):
    status = 423
    code = "upload_busy"
    zh = "该上传正在接收另一个请求，请稍后再试"
    en = "The upload is receiving another request; try again shortly"


class HqDiskFull(HqError):
    status = 507
    code = "hq_disk_full"
    zh = "总部磁盘空间不足，无法接收 {length} 字节的文件"
    en = "HQ's disk has no room for a file of {length} bytes"


def refused(zh: str, en: str) -> UploadRefused:
    return UploadRefused(reason_zh=zh, reason_en=en)
