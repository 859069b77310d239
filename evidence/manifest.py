"""What an offload session found, written into the store beside the footage.

Two forms of one list: a text manifest that ``hashdeep`` reads (so anyone can re-check a
card or a copy with a standard tool: ``hashdeep -a -vv -l -k MANIFEST FILES…`` from the volume's
root), and JSON with everything LawDesk knows (SM3, statuses, errors, the session).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Sequence

HASHDEEP_SUFFIX = ".hashdeep.txt"
JSON_SUFFIX = ".json"
JSON_FORMAT = "lawdesk-offload-manifest/1"
HASHDEEP_HEADER = b"%%%% HASHDEEP-1.0\n"


@dataclass(frozen=True)
class ManifestEntry:
    path: str                 # relative to the volume's root, "/" separators
    size: int
    mtime_ns: int | None
    sha256: str | None
    sm3: str | None
    status: str               # stored | duplicate | resumed | failed
    error: str | None = None


def hashdeep_text(entries: Sequence[ManifestEntry], *, source_root: str) -> bytes:
    """hashdeep's own file format (HASHDEEP-1.0, size and SHA-256, paths relative as with
    ``-l``). Only files whose hash is known are listed; a failed file has none."""
    lines = [
        "%%%% HASHDEEP-1.0",
        "%%%% size,sha256,filename",
        f"## Invoked from: {_one_line(source_root)}",
        "## $ hashdeep -c sha256 -l -r .",
        "##",
    ]
    for entry in entries:
        if entry.sha256 is None:
            continue
        lines.append(f"{entry.size},{entry.sha256},{_one_line(entry.path)}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def json_manifest(entries: Sequence[ManifestEntry], *, session: dict[str, Any]) -> bytes:
    document = {
        "format": JSON_FORMAT,
        "session": session,
        "files": [{"path": e.path, "size": e.size, "mtime_ns": e.mtime_ns,
                   "sha256": e.sha256, "sm3": e.sm3, "status": e.status, "error": e.error}
                  for e in entries],
    }
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def parse_hashdeep(text: str) -> list[tuple[int, str, str]]:
    """(size, sha256, path) of each file line; used by tests and by HQ's re-check."""
    rows = []
    for line in text.splitlines():
        if not line or line.startswith(("%%%%", "##")):
            continue
        size, sha256, path = line.split(",", 2)
        rows.append((int(size), sha256, path))
    return rows


def _one_line(text: str) -> str:
    # A newline in a file name would end the record early; hashdeep has no escape for it.
    return text.replace("\r", "?").replace("\n", "?")
