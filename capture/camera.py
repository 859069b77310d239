"""The camera (document camera 高拍仪 or webcam) through opencv: opening a source, stills and
clips, each written into the store's capture area and then stored by capture.storing.

A source is what cv2.VideoCapture takes: a device index ("0"), a device node
("/dev/video2"), a video file (tests, and a kiosk replaying a recording) or, on Linux, the
device's name as the kernel reports it ("USB Document Camera"). A live device is asked for
its largest frame size (MJPG first, as document cameras give their full sensor only so), and
a still is the untouched full-resolution frame, encoded once: JPEG (quality 95) or PNG
(lossless). A clip is MP4 (MPEG-4 Part 2, "mp4v": what the opencv wheels' FFmpeg writes;
they carry no H.264 encoder), written by a thread of its own so that the camera's reader
never waits for the encoder.
"""
from __future__ import annotations

import queue
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

import cv2
import numpy as np

from core.errors import DomainError, InvalidInput
from core.files import atomic_write
from core.priority import lower_this_thread

STILL_FORMATS = {"jpeg": ".jpg", "png": ".png"}
JPEG_QUALITY = 95
CLIP_FOURCC = "mp4v"
CLIP_SUFFIX = ".mp4"
DEFAULT_FPS = 25.0          # when a device or file does not say its rate
ASK_SIZE = 10_000           # asked of a live device: the driver answers with its largest
WARMUP_FRAMES = 5           # a live device's first frames come before exposure settles
CLIP_QUEUE_FRAMES = 32      # at 1080p about 200 MB; a writer that far behind drops frames
MAX_REPEAT_S = 5.0          # a gap in the camera's frames longer than this is not filled
SYSFS_VIDEO = Path("/sys/class/video4linux")


class CameraNotFound(DomainError):
    code = "camera_not_found"
    zh = "找不到摄像头或高拍仪“{source}”；可用设备：{choices}"
    en = "No camera or document camera '{source}'; available: {choices}"


class CameraNotOpened(DomainError):
    code = "camera_not_opened"
    zh = "无法打开摄像头或视频源“{source}”（设备被占用、已拔出，或文件不是视频）"
    en = ("Cannot open the camera or video source '{source}' (in use by another program, "
          "unplugged, or the file is not a video)")


class CameraReadFailed(DomainError):
    code = "camera_read_failed"
    zh = "摄像头“{source}”没有送来画面：{detail}"
    en = "The camera '{source}' gave no picture: {detail}"


class ClipNotWritten(DomainError):
    code = "clip_not_written"
    zh = "无法写入录像文件 {path}：{detail}"
    en = "Cannot write the video clip {path}: {detail}"


# ------------------------------------------------------------------- sources
@dataclass(frozen=True)
class CameraSource:
    """A source as chosen: ``kind`` index | node | file, ``value`` what opencv opens and
    ``label`` what the capture record names as its input device."""

    kind: str
    value: int | str
    label: str

    @property
    def is_file(self) -> bool:
        return self.kind == "file"


@dataclass(frozen=True)
class CameraInfo:
    index: int
    node: str | None
    name: str

    def label(self) -> str:
        return f"{self.index}: {self.name}" if self.name else str(self.index)


def list_cameras() -> list[CameraInfo]:
    """The video capture devices the system lists (Linux: /sys/class/video4linux; a
    document camera often shows two nodes, the second for metadata, which opencv cannot
    open). Elsewhere opencv has no listing: an empty list, and sources are chosen by index."""
    if not SYSFS_VIDEO.is_dir():
        return []
    found = []
    for entry in sorted(SYSFS_VIDEO.glob("video*"),
                        key=lambda p: int(p.name[5:]) if p.name[5:].isdigit() else 0):
        if not entry.name[5:].isdigit():
            continue
        try:
            name = (entry / "name").read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            name = ""
        found.append(CameraInfo(int(entry.name[5:]), f"/dev/{entry.name}", name))
    return found


def parse_source(text: str | int | None) -> CameraSource:
    """``text`` as opencv's VideoCapture takes it (index, device node, file) or a device
    name; refused with the choices when it names nothing."""
    if text is None or (isinstance(text, str) and not text.strip()):
        text = 0
    if isinstance(text, int) or text.strip().isdigit():
        index = int(text)
        names = {c.index: c.name for c in list_cameras()}
        return CameraSource("index", index, f"{index}: {names[index]}" if names.get(index)
                            else f"camera {index}")
    text = text.strip()
    path = Path(text)
    if path.exists():
        if path.is_dir():
            raise InvalidInput(f"“{text}”是文件夹，不是摄像头或视频文件",
                               f"'{text}' is a folder, not a camera or a video file")
        kind = "file" if path.is_file() else "node"
        return CameraSource(kind, str(path), str(path))
    cameras = list_cameras()
    wanted = text.casefold()
    named = [c for c in cameras if c.name.casefold() == wanted] or [
        c for c in cameras if wanted in c.name.casefold()]
    if named and ("/" not in text and "\\" not in text):
        return CameraSource("index", named[0].index, named[0].label())
    raise CameraNotFound(source=text, choices="、".join(c.label() for c in cameras) or "—")


# -------------------------------------------------------------------- camera
class Camera:
    """An open source. ``read`` gives the next frame (BGR, full size); a file source plays
    in a loop when ``loop`` is set (a preview), else its end is an error."""

    def __init__(self, source: CameraSource, *, loop: bool = False) -> None:
        self.source = source
        self.loop = loop
        api = cv2.CAP_FFMPEG if source.is_file else _device_api()
        self._capture = cv2.VideoCapture(source.value, api)
        if not self._capture.isOpened():
            self._capture.release()
            raise CameraNotOpened(source=source.label)
        if not source.is_file:
            _ask_full_resolution(self._capture)
        fps = self._capture.get(cv2.CAP_PROP_FPS)
        self.fps = float(fps) if fps and 1.0 <= fps <= 240.0 else DEFAULT_FPS
        self.frames_read = 0
        self._first = self._read_one()   # proves a picture comes; gives the size
        self.height, self.width = self._first.shape[:2]

    @property
    def is_file(self) -> bool:
        return self.source.is_file

    def _read_one(self) -> np.ndarray:
        ok, frame = self._capture.read()
        if not ok or frame is None:
            if self.loop and self.is_file and self.frames_read:
                self._capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
                ok, frame = self._capture.read()
            if not ok or frame is None:
                detail = ("视频文件已播完或无法解码" if self.is_file else "设备无响应")
                raise CameraReadFailed(source=self.source.label, detail=detail)
        self.frames_read += 1
        return frame

    def read(self) -> np.ndarray:
        if self._first is not None:
            frame, self._first = self._first, None
            return frame
        return self._read_one()

    def warm_up(self) -> None:
        """Let a live device settle its exposure (a file's first frame is its first)."""
        if not self.is_file:
            for _ in range(WARMUP_FRAMES):
                self.read()

    def release(self) -> None:
        self._capture.release()

    def __enter__(self) -> "Camera":
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def open_camera(source: str | int | CameraSource | None, *, loop: bool = False,
                background: bool = False) -> Camera:
    """Open ``source``. ``background``: open it from a thread of low priority, so that the
    decoder's own threads (FFmpeg makes them when the source opens) have it too: the
    window's preview, which must never take the CPU from the window itself."""
    chosen = source if isinstance(source, CameraSource) else parse_source(source)
    if not background:
        return Camera(chosen, loop=loop)
    return in_background(lambda: Camera(chosen, loop=loop))


def background_priority() -> None:
    """Lower the calling thread's priority (the threads it starts inherit it). On a busy
    two-core workstation this keeps the window's thread first in line; with CPU to spare it
    costs nothing. Only for threads that live in native reading, decoding and encoding,
    which let go of the interpreter lock (see core.priority)."""
    lower_this_thread()


def in_background(work: Callable[[], object]):  # noqa: ANN201 - what ``work`` returns
    """``work()`` run on a new thread of background priority; its result or its error."""
    outcome: dict = {}

    def run() -> None:
        background_priority()
        try:
            outcome["value"] = work()
        except BaseException as error:  # noqa: BLE001 - handed back to the caller
            outcome["error"] = error

    thread = threading.Thread(target=run, name="camera-open", daemon=True)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _device_api() -> int:
    if sys.platform.startswith("linux"):
        return cv2.CAP_V4L2
    if sys.platform == "win32":
        return cv2.CAP_MSMF
    return cv2.CAP_ANY


def _ask_full_resolution(capture: cv2.VideoCapture) -> None:
    capture.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter_fourcc(*"MJPG"))
    capture.set(cv2.CAP_PROP_FRAME_WIDTH, ASK_SIZE)
    capture.set(cv2.CAP_PROP_FRAME_HEIGHT, ASK_SIZE)


# -------------------------------------------------------------------- stills
def still_format(name: str | None) -> str:
    value = (name or "jpeg").strip().lower()
    value = {"jpg": "jpeg"}.get(value, value)
    if value not in STILL_FORMATS:
        raise InvalidInput("照片格式须为 jpeg 或 png", "the still format is jpeg or png")
    return value


def encode_still(frame: np.ndarray, fmt: str) -> bytes:
    fmt = still_format(fmt)
    params = [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY] if fmt == "jpeg" else [
        cv2.IMWRITE_PNG_COMPRESSION, 3]
    ok, data = cv2.imencode(STILL_FORMATS[fmt], frame, params)
    if not ok:
        raise InvalidInput("画面无法编码为照片", "the picture could not be encoded")
    return data.tobytes()


def capture_path(area: Path, kind: str, suffix: str, at: datetime) -> Path:
    """A new file name in the capture area: the kind, the UTC start and a random part."""
    area.mkdir(parents=True, exist_ok=True)
    stamp = at.strftime("%Y%m%dT%H%M%SZ")
    return area / f"{kind}-{stamp}-{uuid.uuid4().hex[:8]}{suffix}"


def stage_still(frame: np.ndarray, area: Path, fmt: str, at: datetime) -> Path:
    """The still written to the capture area under a temporary name, fsynced, then renamed:
    only a whole picture ever carries a still's name."""
    final = capture_path(area, "photo", STILL_FORMATS[still_format(fmt)], at)
    atomic_write(final, encode_still(frame, fmt))
    return final


def still_extra(frame: np.ndarray, fmt: str, source: CameraSource) -> dict:
    height, width = frame.shape[:2]
    return {"width": int(width), "height": int(height), "format": still_format(fmt),
            "source_kind": source.kind}


# --------------------------------------------------------------------- clips
@dataclass
class ClipResult:
    path: Path
    frames: int
    fps: float
    width: int
    height: int
    dropped: int
    pauses: list[dict] = field(default_factory=list)
    repeated: int = 0
    skipped: int = 0
    write_error: str | None = None

    @property
    def duration_s(self) -> float:
        return self.frames / self.fps if self.fps else 0.0

    def extra(self, source: CameraSource) -> dict:
        return {"width": self.width, "height": self.height, "fps": round(self.fps, 3),
                "codec": CLIP_FOURCC, "frames": self.frames, "dropped_frames": self.dropped,
                "repeated_frames": self.repeated, "skipped_frames": self.skipped,
                "source_kind": source.kind,
                **({"write_error": self.write_error} if self.write_error else {})}


class ClipRecorder:
    """Writes the frames it is given into an MP4 on a thread of its own.

    ``feed`` is called by whoever reads the camera (the preview's grabber, or the CLI's
    loop) and never waits: a writer more than CLIP_QUEUE_FRAMES behind drops the frame and
    counts it (said in the record). ``pause``/``resume`` leave frames out and note when.

    A clip's frame rate is fixed, a camera's is not quite: given the moment each frame was
    read (``at``, time.monotonic()), the recorder keeps the clip's timeline on the clock,
    writing a frame again where the camera gave none in time (``repeated``) and leaving
    one out where it gave more than the rate (``skipped``), so that a minute recorded
    plays for a minute."""

    def __init__(self, path: Path, *, fps: float, width: int, height: int,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.path, self.fps, self.width, self.height = path, fps, width, height
        self._clock = clock
        path.parent.mkdir(parents=True, exist_ok=True)
        self._queue: queue.Queue[tuple[np.ndarray, int] | None] = queue.Queue(
            CLIP_QUEUE_FRAMES)
        self.frames = self.dropped = self.repeated = self.skipped = 0
        self.paused = False
        self.pauses: list[dict] = []
        self.error: Exception | None = None
        self._stopped = False
        self._fed = 0                      # frames queued, repeats counted
        self._first_at: float | None = None
        self._paused_s = 0.0
        self._paused_at: float | None = None
        self._writer: cv2.VideoWriter | None = None
        opened = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(opened,), name="clip-writer",
                                        daemon=True)
        self._thread.start()
        opened.wait()
        if self._writer is None:
            self._thread.join()
            path.unlink(missing_ok=True)
            raise ClipNotWritten(path=path, detail="opencv cannot open an MP4 writer")

    @property
    def elapsed_s(self) -> float:
        return self.frames / self.fps

    @property
    def timeline_frames(self) -> int:
        """Frames handed to the writer so far, repeats counted (the clip's length then)."""
        return self._fed

    def feed(self, frame: np.ndarray, at: float | None = None) -> None:
        if self.paused or self._stopped:
            return
        copies = self._copies(at)
        if copies == 0:
            self.skipped += 1
            return
        if frame.shape[1] != self.width or frame.shape[0] != self.height:
            frame = cv2.resize(frame, (self.width, self.height))
        try:
            self._queue.put_nowait((frame, copies))
        except queue.Full:
            self.dropped += 1
            return
        self._fed += copies
        self.repeated += copies - 1

    def _copies(self, at: float | None) -> int:
        """How many times to write the frame read at ``at`` for the clip to keep time."""
        if at is None:
            return 1
        if self._first_at is None:
            self._first_at = at
        due = int((at - self._first_at - self._paused_s) * self.fps + 0.5) + 1
        return max(0, min(due - self._fed, int(MAX_REPEAT_S * self.fps)))

    def wait_for_room(self) -> None:
        while self._queue.full() and self._thread.is_alive():
            time.sleep(0.002)

    def pause(self) -> None:
        if not self.paused:
            self.paused = True
            self._paused_at = time.monotonic()
            self.pauses.append({"at_s": round(self._fed / self.fps, 3), "at": self._now()})

    def resume(self) -> None:
        if self.paused:
            self._paused_s += time.monotonic() - self._paused_at
            self.paused = False
            self.pauses[-1]["resumed_at"] = self._now()

    def _now(self) -> str | None:
        return self._clock().isoformat() if self._clock else None

    def _run(self, opened: threading.Event) -> None:
        background_priority()            # the encoder's threads, made here, inherit it
        writer = cv2.VideoWriter(str(self.path), cv2.VideoWriter_fourcc(*CLIP_FOURCC),
                                 self.fps, (self.width, self.height))
        if not writer.isOpened():
            writer.release()
            opened.set()
            return
        self._writer = writer
        opened.set()
        try:
            while True:
                item = self._queue.get()
                if item is None:
                    return
                frame, copies = item
                for _ in range(copies):
                    writer.write(frame)
                    self.frames += 1
        except cv2.error as exc:   # a full disk shows here
            self.error = exc
        finally:
            writer.release()       # the MP4's index goes in here: the file is whole

    def _end_queue(self, timeout: float | None = None) -> None:
        """Tell the writer to finish what is queued, and wait for it (at most ``timeout``)."""
        self._stopped = True
        while self._thread.is_alive():
            try:
                self._queue.put(None, timeout=0.1)
                break
            except queue.Full:
                continue
        self._thread.join(timeout)

    def stop(self) -> ClipResult:
        """Write what is queued, close the file (its index goes in last) and say what it
        holds; a write that failed (a full disk) ends it there, and what was written before
        is the clip (``write_error``). ClipNotWritten when not one frame was written."""
        self._end_queue()
        if self.frames == 0:
            detail = str(self.error) if self.error else "no frame was recorded"
            self.path.unlink(missing_ok=True)
            raise ClipNotWritten(path=self.path, detail=detail)
        return ClipResult(self.path, self.frames, self.fps, self.width, self.height,
                          self.dropped, list(self.pauses), self.repeated, self.skipped,
                          str(self.error) if self.error else None)

    def abort(self) -> None:
        """Stop and leave the file for `capture recover` (the window closed by force)."""
        self._end_queue(timeout=5)


def record_frames(camera: Camera, recorder: ClipRecorder, seconds: float,
                  cancel: Callable[[], bool] | None = None,
                  progress: Callable[[int, int], None] | None = None) -> None:
    """Feed ``seconds`` of the camera's frames to ``recorder``: a file's frames one by one
    (it ends early at its end), a live device's on the clock (its own pace; the recorder
    keeps the timeline)."""
    wanted = max(1, round(seconds * camera.fps))
    while recorder.timeline_frames < wanted:
        if cancel is not None and cancel():
            return
        try:
            frame = camera.read()
        except CameraReadFailed:
            if camera.is_file and recorder.timeline_frames:
                return
            raise
        if camera.is_file:
            recorder.feed(frame)
            recorder.wait_for_room()   # a file decodes faster than it is encoded: no drops
        else:
            recorder.feed(frame, time.monotonic())
        if progress is not None:
            progress(min(recorder.timeline_frames, wanted), wanted)
