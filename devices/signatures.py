"""Signature images from the signature pad, kept by their SHA-256.

Identical drawings are stored once. The ledger holds only each image's digest (the png
column is marked ``audit: digest``), which is enough to prove the stored bytes later.
"""
from __future__ import annotations

import hashlib

from sqlalchemy.orm import Session

from core.errors import NotFound
from db.models import SignatureImage
from devices.errors import InvalidSignature

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_BYTES = 2 * 1024 * 1024  # a pad drawing is tens of kilobytes; refuse photographs
WHICH = {"checkout": ("领用", "checkout"), "checkin": ("归还", "check-in")}


def check_png(data: bytes, which: str) -> None:
    """Refuse anything that is not plausibly a PNG image (signature and header chunk)."""
    which_zh, which_en = WHICH[which]
    if not isinstance(data, (bytes, bytearray)) or not data:
        raise InvalidSignature(which_zh=which_zh, which_en=which_en,
                               detail_zh="图像为空", detail_en="the image is empty")
    if len(data) > MAX_BYTES:
        raise InvalidSignature(which_zh=which_zh, which_en=which_en,
                               detail_zh="图像超过 2 MB", detail_en="the image exceeds 2 MB")
    if not bytes(data[:8]) == PNG_MAGIC or bytes(data[12:16]) != b"IHDR":
        raise InvalidSignature(which_zh=which_zh, which_en=which_en,
                               detail_zh="不是 PNG 文件", detail_en="it is not a PNG file")


def store_signature(session: Session, data: bytes) -> str:
    """Keep the image (once) and return its SHA-256, which the custody row refers to."""
    digest = hashlib.sha256(bytes(data)).hexdigest()
    if session.get(SignatureImage, digest) is None:
        session.add(SignatureImage(sha256=digest, png=bytes(data)))
        session.flush()  # before the custody row that refers to it
    return digest


def signature_png(ctx_or_db, sha256: str) -> bytes:  # noqa: ANN001
    """The stored image, for showing it beside a custody record or printing it."""
    db = getattr(ctx_or_db, "db", ctx_or_db)
    with db.read() as session:
        image = session.get(SignatureImage, sha256)
        if image is None:
            raise NotFound("签名图像", "signature image", sha256)
        return bytes(image.png)
