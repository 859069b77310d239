"""Per-chunk checksums of tus uploads (the Upload-Checksum header).

A chunk's checksum is there to catch a chunk damaged on its way, so that chunk alone is
sent again. It is not the proof of the file: HQ hashes every byte of the whole file with
SHA-256 itself and keeps the file only when that matches. A second SHA-256 of every byte
on both ends would prove nothing more and cost a core-second per GiB on each side, so
workstations send CRC-32 (detects every burst of up to 32 damaged bits; zlib computes it at
several GB/s with the GIL released). HQ also takes sha256, sha1 and md5, as other tus
clients send them."""
from __future__ import annotations

import hashlib
import zlib
from typing import Protocol

# What workstations send.
CHUNK_CHECKSUM = "crc32"
# What HQ takes (its Tus-Checksum-Algorithm header, in this order).
ALGORITHMS = ("crc32", "sha256", "sha1", "md5")


class Checksum(Protocol):
    name: str
    digest_size: int

    def update(self, data: bytes | memoryview, /) -> None: ...

    def digest(self) -> bytes: ...


class Crc32:
    """CRC-32 (IEEE, as zlib and tusd compute it) behind hashlib's interface; the digest is
    the value's four bytes, most significant first."""

    name = "crc32"
    digest_size = 4

    def __init__(self, data: bytes | memoryview = b"") -> None:
        self._value = zlib.crc32(data)

    def update(self, data: bytes | memoryview, /) -> None:
        self._value = zlib.crc32(data, self._value)

    def digest(self) -> bytes:
        return self._value.to_bytes(4, "big")


def new(algorithm: str) -> Checksum:
    """A fresh checksum of ``algorithm``, one of ALGORITHMS."""
    if algorithm == Crc32.name:
        return Crc32()
    if algorithm not in ALGORITHMS:
        raise ValueError(f"unsupported chunk checksum {algorithm!r}")
    return hashlib.new(algorithm)


def digest_of(algorithm: str, data: bytes | memoryview) -> bytes:
    checksum = new(algorithm)
    checksum.update(data)
    return checksum.digest()
