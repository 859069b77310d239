"""What an offload returns: one outcome per file and the session's totals."""
from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from core.error_wire import error_from_wire, error_to_wire
from core.errors import DomainError

STORED, DUPLICATE, RESUMED, FAILED = "stored", "duplicate", "resumed", "failed"


@dataclass(frozen=True)
class FileOutcome:
    source: str                   # relative to the offloaded folder, "/" separators
    size: int
    status: str                   # stored | duplicate | resumed | failed
    sha256: str | None = None
    sm3: str | None = None
    store_path: Path | None = None
    footage_id: str | None = None
    error: DomainError | None = None
    mtime_ns: int | None = None
    erased: bool = False          # erased from the device (admin setting), after verifying

    @property
    def failed(self) -> bool:
        return self.status == FAILED

    @property
    def cli_status(self) -> str:
        """The three statuses of `lawdesk ingest --json`: a file skipped because an earlier
        offload verified it is a duplicate of what the store holds."""
        return DUPLICATE if self.status == RESUMED else self.status

    def error_text(self, language: str = "zh_CN") -> str | None:
        return None if self.error is None else self.error.message(language)

    def as_json(self, language: str = "zh_CN") -> dict:
        return {"source": self.source, "sha256": self.sha256, "size": self.size,
                "status": self.cli_status, "error": self.error_text(language),
                "store_path": str(self.store_path) if self.store_path else None}

    def to_wire(self) -> dict[str, Any]:
        """Every field, as JSON (see from_wire): for an offload run in another process."""
        wire = {f.name: getattr(self, f.name) for f in fields(self)}
        wire["store_path"] = str(self.store_path) if self.store_path else None
        wire["error"] = error_to_wire(self.error) if self.error else None
        return wire

    @classmethod
    def from_wire(cls, wire: dict[str, Any]) -> "FileOutcome":
        values = dict(wire)
        values["store_path"] = Path(wire["store_path"]) if wire.get("store_path") else None
        values["error"] = error_from_wire(wire["error"]) if wire.get("error") else None
        return cls(**values)


@dataclass(frozen=True)
class OffloadResult:
    session_id: str
    source_root: Path
    profile: str
    recognised: bool
    device_serial: str | None
    files: tuple[FileOutcome, ...]
    bytes_copied: int             # bytes of new content stored
    bytes_read: int               # bytes read from the device (duplicates too)
    seconds: float
    cancelled: bool
    links_skipped: tuple[str, ...]   # symbolic links on the volume, never followed
    manifest_path: Path | None = None
    manifest_json_path: Path | None = None
    # The recorder's clock as judged from its file times (clock_check.ClockVerdict.as_json).
    clock: dict | None = None

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def failed(self) -> int:
        return self.count(FAILED)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.cancelled

    def as_json(self, language: str = "zh_CN") -> dict:
        """The object `lawdesk ingest --json` prints."""
        return {"session": self.session_id,
                "files": [f.as_json(language) for f in self.files],
                "bytes_copied": self.bytes_copied, "seconds": round(self.seconds, 3),
                "clock": self.clock}

    def to_wire(self) -> dict[str, Any]:
        wire = {f.name: getattr(self, f.name) for f in fields(self)}
        wire["files"] = [f.to_wire() for f in self.files]
        wire["links_skipped"] = list(self.links_skipped)
        for key in ("source_root", "manifest_path", "manifest_json_path"):
            value = getattr(self, key)
            wire[key] = str(value) if value is not None else None
        return wire

    @classmethod
    def from_wire(cls, wire: dict[str, Any]) -> "OffloadResult":
        values = dict(wire)
        values["files"] = tuple(FileOutcome.from_wire(f) for f in wire["files"])
        values["links_skipped"] = tuple(wire["links_skipped"])
        for key in ("source_root", "manifest_path", "manifest_json_path"):
            values[key] = Path(wire[key]) if wire.get(key) is not None else None
        return cls(**values)
