"""What a media file is: duration, resolution, frame rate, codec and a thumbnail (opencv).

Only ever run on the verified, read-only copy in the store (opencv opens files to read), so
the device is read once. A file opencv cannot open is still evidence: it is stored and
verified like any other and flagged unreadable.

opencv-python-headless is used rather than opencv-python: the desktop is PySide6, and the
full opencv wheel ships its own Qt plugins, which clash with PySide6's in one process.
"""
from __future__ import annotations

import os
import threading
import wave
from dataclasses import dataclass
from pathlib import Path

# FFmpeg would otherwise print its complaints about unreadable files on standard error,
# where the command line's one-line refusals go.
os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")
os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")

VIDEO = frozenset({"mp4", "mov", "avi", "mkv", "ts", "mts", "m4v", "3gp", "wmv", "asf"})
AUDIO = frozenset({"wav", "mp3", "aac", "amr", "m4a", "wma"})
PHOTO = frozenset({"jpg", "jpeg", "png"})
THUMB_WIDTH = 160
THUMB_QUALITY = 80
_CV2_LOCK = threading.Lock()  # the first import of cv2 is not thread-safe


@dataclass(frozen=True)
class Probe:
    kind: str                 # video | audio | photo | other
    readable: bool
    duration_s: float | None = None
    width: int | None = None
    height: int | None = None
    fps: float | None = None
    codec: str | None = None
    thumbnail_jpeg: bytes | None = None


def kind_of(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension in VIDEO:
        return "video"
    if extension in AUDIO:
        return "audio"
    if extension in PHOTO:
        return "photo"
    return "other"


def _cv2():  # noqa: ANN202
    with _CV2_LOCK:
        import cv2
        return cv2


def probe(path: Path, name: str | None = None) -> Probe:
    kind = kind_of(name or path.name)
    try:
        if kind == "video":
            return _video(path)
        if kind == "photo":
            return _photo(path)
        if kind == "audio":
            return _audio(path, name or path.name)
    except Exception:  # noqa: BLE001 - a file opencv chokes on is unreadable, not a crash
        return Probe(kind, readable=False)
    return Probe(kind, readable=False)


def _thumbnail(frame) -> bytes | None:  # noqa: ANN001
    cv2 = _cv2()
    height, width = frame.shape[:2]
    if not width or not height:
        return None
    scale = THUMB_WIDTH / width
    small = cv2.resize(frame, (THUMB_WIDTH, max(1, round(height * scale))),
                       interpolation=cv2.INTER_AREA)
    ok, encoded = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, THUMB_QUALITY])
    return encoded.tobytes() if ok else None


def _video(path: Path) -> Probe:
    cv2 = _cv2()
    capture = cv2.VideoCapture(str(path))
    try:
        if not capture.isOpened():
            return Probe("video", readable=False)
        fps = capture.get(cv2.CAP_PROP_FPS) or None
        frames = capture.get(cv2.CAP_PROP_FRAME_COUNT) or 0
        width = int(capture.get(cv2.CAP_PROP_FRAME_WIDTH)) or None
        height = int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT)) or None
        fourcc = int(capture.get(cv2.CAP_PROP_FOURCC))
        codec = fourcc.to_bytes(4, "little").decode("ascii", "replace").strip("\x00 ") or None
        ok, frame = capture.read()
        if not ok or frame is None:
            return Probe("video", readable=False, width=width, height=height, fps=fps,
                         codec=codec)
        duration = round(frames / fps, 3) if fps and frames > 0 else None
        return Probe("video", True, duration, width, height,
                     round(fps, 3) if fps else None, codec, _thumbnail(frame))
    finally:
        capture.release()


def _photo(path: Path) -> Probe:
    cv2 = _cv2()
    image = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if image is None:
        return Probe("photo", readable=False)
    height, width = image.shape[:2]
    return Probe("photo", True, None, width, height, None,
                 path.suffix.lstrip(".").upper() or None, _thumbnail(image))


def _audio(path: Path, name: str) -> Probe:
    """opencv reads no sound; WAV (what most voice recorders write) is read by the standard
    library for its duration, other formats are stored without a duration."""
    if not name.lower().endswith(".wav"):
        return Probe("audio", readable=True)
    with wave.open(str(path), "rb") as sound:
        rate = sound.getframerate()
        duration = round(sound.getnframes() / rate, 3) if rate else None
    return Probe("audio", True, duration, codec="PCM")
