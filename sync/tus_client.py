"""The requests of footage going up, as the workstation sends them: tus 1.0.0 (creation,
checksum) and HQ's two file endpoints beside it ("which of these do you hold", "do you hold
this one"). One function per request; what to send, when to retry and what to remember
between attempts is sync.upload's.

Each chunk carries its checksum in Upload-Checksum, in the algorithm agreed from the
Tus-Checksum-Algorithm HQ announces (sync.checksums says why CRC-32 and not SHA-256)."""
from __future__ import annotations

import base64
from typing import Any, Iterable

from sync.checksums import choose, digest_of
from sync.client import HqClient
from sync.protocol import TUS_VERSION

# A chunk goes out as slices of this size (see _pieces).
SEND_PIECE = 256 << 10
OCTETS = "application/offset+octet-stream"


def agree_checksum(client: HqClient) -> str:
    """The chunk checksum to send: agreed from the Tus-Checksum-Algorithm HQ announces."""
    answer = client.request("OPTIONS", "files/", authenticated=False, expect=(200, 204))
    return choose(answer.headers.get("Tus-Checksum-Algorithm", "").split(","))


def checksum_header(algorithm: str, data: bytes | memoryview) -> str:
    """The Upload-Checksum value of ``data``: the algorithm and its base64 digest."""
    return f"{algorithm} {base64.b64encode(digest_of(algorithm, data)).decode('ascii')}"


def held_by_hq(client: HqClient, hashes: Iterable[str]) -> set[str]:
    """Which of ``hashes`` HQ holds (at most sync.protocol.FILES_CHECK_MAX at once)."""
    return set(client.post_json("files/check", {"sha256": list(hashes)}).get("held", []))


def confirmation(client: HqClient, sha256: str) -> dict[str, Any] | None:
    """HQ's confirmation that it holds the file (its size and when it came), or None."""
    response = client.request("GET", f"files/{sha256}", expect=(200, 404))
    if response.status_code == 404:
        return None
    answer = response.json()
    if answer.get("sha256") != sha256:
        return None
    return answer


def create_upload(client: HqClient, *, sha256: str, size: int, kind: str,
                  name: str) -> tuple[str | None, int]:
    """A new upload: its address and HQ's offset in it (non-zero when HQ resumes one the
    workstation lost track of). No address: HQ holds the file already."""
    response = client.request("POST", "files/", expect=(200, 201), headers=_tus_headers(**{
        "Upload-Length": str(size), "Upload-Metadata": _metadata(sha256, kind, name)}))
    if response.status_code == 200:
        return None, size
    return response.headers["Location"], int(response.headers.get("Upload-Offset", "0"))


def upload_offset(client: HqClient, url: str, size: int) -> int | None:
    """HQ's offset for the upload, or None when HQ no longer has it (or has it with
    another length)."""
    response = client.request("HEAD", url, expect=(200, 404, 410), headers=_tus_headers())
    if response.status_code != 200:
        return None
    if int(response.headers.get("Upload-Length", "-1")) != size:
        return None
    return int(response.headers["Upload-Offset"])


def send_chunk(client: HqClient, url: str, offset: int, data: memoryview,
               checksum: str) -> int:
    """One chunk at ``offset`` with its Upload-Checksum value; HQ's new offset."""
    pieces = _pieces(data)
    try:
        response = client.request(
            "PATCH", url, expect=(204,), content=pieces, headers=_tus_headers(**{
                "Content-Type": OCTETS, "Content-Length": str(len(data)),
                "Upload-Offset": str(offset), "Upload-Checksum": checksum}))
    finally:
        # httpx's request and response objects hold each other in a cycle, and the
        # request holds the pieces: released here, nothing reaches the reused buffer
        # after this chunk, whenever the garbage collector gets to the cycle.
        for piece in pieces:
            try:
                piece.release()
            except BufferError:  # still exported: left to the garbage collector
                pass
    return int(response.headers["Upload-Offset"])


def _metadata(sha256: str, kind: str, name: str) -> str:
    def b64(text: str) -> str:
        return base64.b64encode(text.encode("utf-8")).decode("ascii")
    return ",".join(f"{key} {b64(value)}" for key, value in (
        ("sha256", sha256), ("kind", kind), ("filename", name[:255])))


def _tus_headers(**extra: str) -> dict[str, str]:
    return {"Tus-Resumable": TUS_VERSION, **extra}


def _pieces(data: memoryview) -> list[memoryview]:
    """The chunk as slices: httpcore re-slices what a partial send() left over, which for
    one big object copies megabytes per send (quadratic, and slower than the disk); small
    slices of a memoryview cost nothing to cut."""
    return [data[start:start + SEND_PIECE] for start in range(0, len(data), SEND_PIECE)]
