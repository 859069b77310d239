"""A compressed copy of a stored recording (setting ``capture.audio_compression``): FLAC,
lossless, encoded from the store's read-only WAV after the WAV itself is stored, and stored
beside it through the same pipeline (capture.storing.store_compressed), never instead of it.
soundfile (libsndfile) encodes; without it the setting is refused at use and the WAV stands.
"""
from __future__ import annotations

import os
from dataclasses import replace

from config.settings import get_setting
from core.context import Context
from capture.errors import NoAudioSupport
from capture.storing import CaptureRecord, capture_area, store_compressed

SETTING = "capture.audio_compression"
BLOCK_FRAMES = 1 << 16


def wanted(ctx: Context) -> str | None:
    """The codec the setting asks for, or None."""
    codec = get_setting(ctx.db, SETTING)
    return None if codec in (None, "", "none") else codec


def compress_capture(workspace, ctx: Context, record: CaptureRecord,  # noqa: ANN001
                     codec: str = "flac") -> CaptureRecord:
    """Encode and store the copy; the record with its ``compressed_sha256``."""
    try:
        import soundfile
    except (ImportError, OSError) as error:
        raise NoAudioSupport(reason=f"soundfile (libsndfile) for {codec}: {error}") from None
    target = capture_area(workspace.store) / f"capture-{record.capture_id}.{codec}"
    partial = target.with_name(target.name + ".part")
    with soundfile.SoundFile(record.path) as source:
        with soundfile.SoundFile(partial, "w", samplerate=source.samplerate,
                                 channels=source.channels, format=codec.upper(),
                                 subtype="PCM_16") as out:
            for block in source.blocks(BLOCK_FRAMES, dtype="int16"):
                out.write(block)
    with open(partial, "rb+") as file:
        os.fsync(file.fileno())
    os.replace(partial, target)
    sha256 = store_compressed(workspace, record, target, ctx=ctx, codec=codec)
    return replace(record, compressed_sha256=sha256)
