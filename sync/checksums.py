"""Per-chunk checksums of tus uploads (the Upload-Checksum header).

A chunk's checksum is there to catch a chunk damaged on its way, so that chunk alone is
sent again. It is not the proof of the file: HQ hashes every byte of the whole file with
SHA-256 itself and keeps the file only when that matches. A second SHA-256 of every byte
on both ends would prove nothing more and cost a core-second per GiB on each side, where
the upload is bound by the CPU (measured: client and server on two cores). So workstations
send CRC-32 (detects every burst of up to 32 damaged bits; zlib computes it at about 4 GB/s
over any buffer, the GIL released).

Which algorithm is agreed by tus's Tus-Checksum-Algorithm: HQ lists what it takes, the
workstation sends the first of its preferences in that list (``choose``). HQ also takes
sha256, sha1 and md5, as other tus clients send them."""
from __future__ import annotations

import hashlib
import zlib
from typing import Iterable, Protocol

# What HQ takes (its Tus-Checksum-Algorithm header, in this order).
ALGORITHMS = ("crc32", "sha256", "sha1", "md5")
# What a workstation sends, best first, among those HQ takes.
PREFERRED = ("crc32", "sha256")


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

    def __init__(self) -> None:
        self._value = 0

    def update(self, data: bytes | memoryview, /) -> None:
        self._value = zlib.crc32(data, self._value)

    def digest(self) -> bytes:
        return self._value.to_bytes(4, "big")


def new(algorithm: str) -> Checksum:
    """A fresh checksum of ``algorithm``, one of ALGORITHMS."""
    if algorithm not in ALGORITHMS:
        raise ValueError(f"unsupported chunk checksum {algorithm!r}")
    if algorithm == Crc32.name:
        return Crc32()
    return hashlib.new(algorithm)


def digest_of(algorithm: str, data: bytes | memoryview) -> bytes:
    checksum = new(algorithm)
    checksum.update(data)
    return checksum.digest()


def choose(offered: Iterable[str]) -> str:
    """The algorithm to send to a server that takes ``offered`` (its Tus-Checksum-Algorithm
    header, split): the first of PREFERRED it takes and this workstation can compute."""
    available = {name.strip().lower() for name in offered} & set(ALGORITHMS)
    for name in PREFERRED:
        if name in available:
            return name
    # tus requires every server with the checksum extension to take sha1.
    return "sha1"
