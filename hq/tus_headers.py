"""Reading the tus request headers HQ takes: Upload-Metadata, Upload-Checksum and the
lengths and offsets (Upload-Length, Upload-Offset). Anything malformed is UploadRefused."""
from __future__ import annotations

import base64
import binascii
import re

from hq.limits import SIZE_MAX
from hq.upload_errors import refused
from sync import checksums
from sync.protocol import TUS_CHECKSUMS

# At most 19 digits: a longer number is past SIZE_MAX, and int() of thousands of digits
# is slow (and refused past 4,300).
_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_metadata(header: str | None) -> dict[str, str]:
    """tus Upload-Metadata: ``key base64value`` pairs separated by commas; values UTF-8."""
    metadata: dict[str, str] = {}
    for item in (header or "").split(","):
        item = item.strip()
        if not item:
            continue
        key, _, value = item.partition(" ")
        if not key or key in metadata or not key.isascii():
            raise refused("Upload-Metadata 格式有误", "Upload-Metadata is malformed")
        try:
            metadata[key] = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            raise refused(f"Upload-Metadata 中 {key} 的值不是 base64 编码的 UTF-8",
                          f"the Upload-Metadata value of {key} is not base64 UTF-8") from None
    return metadata


def parse_checksum(header: str | None) -> tuple[str, bytes]:
    """tus Upload-Checksum: ``<algorithm> <base64 digest>``."""
    algorithm, _, value = (header or "").strip().partition(" ")
    if not algorithm:
        raise refused("每个上传块须带 Upload-Checksum 校验值",
                      "every chunk must carry an Upload-Checksum")
    if algorithm not in TUS_CHECKSUMS:
        raise refused(f"不支持的校验算法 {algorithm}",
                      f"the checksum algorithm {algorithm} is not supported")
    try:
        digest = base64.b64decode(value.strip(), validate=True)
    except binascii.Error:
        digest = b""
    if len(digest) != checksums.new(algorithm).digest_size:
        raise refused("Upload-Checksum 的值无效", "the Upload-Checksum value is not valid")
    return algorithm, digest


def parse_length(header: str | None, name: str) -> int:
    """A length or offset: ASCII digits only (str.isdigit() also takes '²', which int()
    refuses), and no more than a BIGINT column holds."""
    text = (header or "").strip()
    if not _DIGITS.fullmatch(text) or int(text) > SIZE_MAX:
        raise refused(f"缺少或无效的 {name}（须为 0 至 {SIZE_MAX} 的整数）",
                      f"{name} is missing or not a whole number from 0 to {SIZE_MAX}")
    return int(text)
