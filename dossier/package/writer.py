"""Writing the package: a ZIP64 file streamed to disk, files stored unchanged (no
compression: footage does not compress, and a stored file is byte for byte the recording).

Each file is read once in 4 MiB chunks (evidence.hashing's Pump and reused buffers):
one lane hashes it (SHA-256, compared with what the store says it is: a file damaged in
the store stops the export rather than reach a court), the other writes it into the ZIP
(zipfile computes its CRC-32 as it writes). Reading, hashing and writing overlap and
memory stays at a few chunks whatever the size. Every entry is ZIP64, so a 50 GB
recording needs nothing special.

The ZIP is written under a temporary name beside the target and only given its name once
complete and fsynced; a cancel or a failure removes it.
"""
from __future__ import annotations

import hashlib
import os
import uuid
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Callable

from core.errors import DomainError
from core.files import fsync_dir, remove_file
from core.jobs import CancelToken
from evidence.hashing import CHUNK, ChunkBuffers, Pump, open_read

FILE_MODE = 0o644 << 16   # what unzip gives the files: readable by everyone


class StoredFileDamaged(DomainError):
    code = "stored_file_damaged"
    zh = ("{path} 的内容与记录的哈希不符（应为 {expected}，实为 {found}），证据包未制作。"
          "请运行 lawdesk footage verify 并报告系统管理员。")
    en = ("{path} does not match its recorded hash (expected {expected}, found {found}); no "
          "package was made. Run the store's verify and tell the administrator.")


class StoredFileMissing(DomainError):
    code = "stored_file_missing"
    zh = "找不到 {what} 的存档文件 {path}，证据包未制作"
    en = "The stored file of {what} is missing ({path}); no package was made"


class PackageWriter:
    def __init__(self, target: Path, when: datetime) -> None:
        self.target = Path(target)
        self.temp = self.target.with_name(f".{self.target.name}.{uuid.uuid4().hex[:12]}.partial")
        self.date_time = when.timetuple()[:6]
        self._handle = open(self.temp, "xb")
        self.zip = zipfile.ZipFile(self._handle, "w", zipfile.ZIP_STORED, allowZip64=True)
        self._pump = Pump(2, name="lawdesk-package")
        self._buffers = ChunkBuffers(CHUNK)
        self.closed = False

    def _info(self, name: str, size: int) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, self.date_time)
        info.compress_type = zipfile.ZIP_STORED
        info.external_attr = FILE_MODE
        info.file_size = size
        return info

    def add_bytes(self, name: str, data: bytes) -> None:
        self.zip.writestr(self._info(name, len(data)), data)

    def add_file(self, name: str, source: Path, sha256: str, size: int, *,
                 cancel: CancelToken | None = None,
                 on_chunk: Callable[[int], None] | None = None) -> None:
        """Stream ``source`` into entry ``name``; its SHA-256 must be ``sha256``."""
        try:
            fd = open_read(source)
        except FileNotFoundError:
            raise StoredFileMissing(what=name, path=source) from None
        digest = hashlib.sha256()
        try:
            with self.zip.open(self._info(name, size), "w", force_zip64=True) as entry:
                self._pump.run(lambda n: self._buffers.read(fd, n), [digest.update, entry.write],
                               cancel=cancel, on_chunk=on_chunk,
                               release=self._buffers.release)
        finally:
            os.close(fd)
        if digest.hexdigest() != sha256:
            raise StoredFileDamaged(path=source, expected=sha256, found=digest.hexdigest())

    def complete(self) -> int:
        """Close the ZIP and fsync it; returns its size. It keeps its temporary name until
        :meth:`install`."""
        self.zip.close()
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        self._pump.close()
        self.closed = True
        return self.temp.stat().st_size

    def install(self) -> None:
        """Give the complete ZIP its name, never over an existing file."""
        try:
            os.link(self.temp, self.target)
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links (FAT, exFAT on a USB drive)
            if self.target.exists():
                raise FileExistsError(self.target) from None
            os.rename(self.temp, self.target)
        remove_file(self.temp)
        fsync_dir(self.target.parent)

    def abort(self) -> None:
        """Drop the partial ZIP (after a cancel or a failure)."""
        if not self.closed:
            self.closed = True
            try:
                self.zip.close()
            except (OSError, ValueError, RuntimeError):
                pass  # the entry being written was cut off; the file goes anyway
            self._handle.close()
            self._pump.close()
        remove_file(self.temp)
