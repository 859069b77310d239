"""Issued documents, kept write-once by their SHA-256: ``documents/ab/cd/<sha256>.pdf``.

Beside the footage store rather than inside it: the footage store's verify names every
file no footage record accounts for, and a document is not footage. The same discipline
applies: written to a temporary name, fsynced, read back and hashed, made read-only, then
given its final name (never over an existing one), and the folder fsynced.
"""
from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from core.files import fsync_dir, remove_file

READ_ONLY = 0o444


@dataclass(frozen=True)
class ArchiveProblem:
    kind: str          # missing | changed
    number: str
    path: Path

    def message(self, language: str = "zh_CN") -> str:
        if language.startswith("en"):
            return (f"document {self.number}: the archived file is {self.kind}: {self.path}")
        what = "缺失" if self.kind == "missing" else "已被改动（哈希不符）"
        return f"文书 {self.number} 的存档文件{what}：{self.path}"


@dataclass
class ArchiveReport:
    files: int = 0
    problems: list[ArchiveProblem] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


class DocumentArchive:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / f"{sha256}.pdf"

    def put(self, data: bytes) -> tuple[str, Path]:
        """Keep ``data``; returns its SHA-256 and path. Content already kept is not rewritten."""
        sha256 = hashlib.sha256(data).hexdigest()
        final = self.path_for(sha256)
        if final.is_file() and final.stat().st_size == len(data):
            return sha256, final
        final.parent.mkdir(parents=True, exist_ok=True)
        temp = final.with_name(f".{sha256}.{os.getpid()}.{threading.get_ident()}.tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0),
                     0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if hashlib.sha256(temp.read_bytes()).hexdigest() != sha256:
                raise OSError(f"the document written to {temp} read back differently")
            os.chmod(temp, READ_ONLY)
            try:
                os.link(temp, final)
            except FileExistsError:
                pass  # another process kept the same bytes a moment ago
            except OSError:  # pragma: no cover - file systems without hard links
                os.replace(temp, final)
        finally:
            remove_file(temp)
        fsync_dir(final.parent)
        return sha256, final

    def read(self, sha256: str) -> bytes | None:
        """The kept bytes, or None when the file is missing or no longer hashes to its name."""
        try:
            data = self.path_for(sha256).read_bytes()
        except OSError:
            return None
        return data if hashlib.sha256(data).hexdigest() == sha256 else None
