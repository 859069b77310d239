"""`lawdesk self-check`: is this machine and this data folder ready for work?

What an IT person runs after installing (and what CI runs on the installed package): the
fonts PDFs embed, Qt's platform plugin, the database and its schema, the footage store,
PortAudio, the camera backends and, once enrolled, HQ. Each check answers ok, warning
(works, but not as well as it should: a fallback font, no audio device), failed (work
would fail) or skipped (nothing to check), with a line saying what it found.

The checks only look: the database is opened read-only in effect (no migration: a folder
whose schema is behind is reported, not upgraded), the store gets one temporary file in a
staging folder of its own, removed again. Qt is probed in a child process (desktop.qt_probe)
because a platform plugin that cannot load aborts the process that tries it.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable

OK, WARNING, FAILED, SKIPPED = "ok", "warning", "failed", "skipped"

# GET {API}/hello at HQ: a reachable HQ answers in milliseconds; a firewall that drops
# packets would otherwise hold the check for the client's usual 30 s.
HQ_HELLO_TIMEOUT_S = 5.0
# The Qt probe imports Qt and starts an application: about a second, several on a loaded
# machine; a child that hangs (a display that never answers) is given up on after this.
QT_PROBE_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class Check:
    name: str
    status: str
    zh: str
    en: str

    def detail(self, language: str) -> str:
        return self.en if language.startswith("en") else self.zh

    def as_json(self, language: str) -> dict[str, str]:
        return {**asdict(self), "detail": self.detail(language)}


@dataclass
class Folder:
    """The data folder as the checks see it: where things are, and the database once it
    is known to be at the schema head (else None: checks that read it are skipped)."""

    data_dir: Path
    db_url: str | None = None
    store_dir: Path | None = None
    database: Any = None  # db.database.Database
    set_up: bool = True   # False: no database there yet (nothing to check in the folder)

    def close(self) -> None:
        if self.database is not None:
            self.database.dispose()


def _failure_text(error: BaseException) -> tuple[str, str]:
    from core.errors import DomainError
    if isinstance(error, DomainError):
        return error.message("zh_CN"), error.message("en")
    text = f"{type(error).__name__}: {error}"
    return text, text


# ------------------------------------------------------------------------- database
def check_database(folder: Folder, *, db_url: str | None, store_dir: str | None) -> Check:
    """The folder's database opens and is at this program's schema head."""
    from db.database import Database, DatabaseUnavailable, display_url
    from db.schema_head import SCHEMA_HEAD
    from lawdesk.location import DB_NAME, LOCATION_NAME, resolve
    try:
        location = resolve(folder.data_dir, db_url=db_url, store_dir=store_dir)
    except Exception as error:  # noqa: BLE001 - unreadable location.json, a mismatch
        return Check("database", FAILED, *_failure_text(error))
    folder.db_url, folder.store_dir = location.db_url, location.store_dir
    shown = display_url(location.db_url)
    if not ((folder.data_dir / LOCATION_NAME).exists() or (folder.data_dir / DB_NAME).exists()):
        # Right after installing: the window's first start (or `lawdesk init`) sets it up.
        folder.set_up = False
        return Check("database", WARNING,
                     f"数据文件夹 {folder.data_dir} 尚未建立：首次打开窗口时设置，或运行 "
                     f"lawdesk init --admin 用户名",
                     f"The data folder {folder.data_dir} is not set up yet: the window sets "
                     f"it up when first opened, or run lawdesk init --admin NAME")
    from sqlalchemy import make_url
    parsed = make_url(location.db_url)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database).is_file():
        return Check("database", FAILED, f"数据库文件不存在：{parsed.database}",
                     f"The database file does not exist: {parsed.database}")
    database = Database(location.db_url)
    try:
        database.check_connection()
        revision = read_revision(database)
    except DatabaseUnavailable as error:
        database.dispose()
        return Check("database", FAILED, *_failure_text(error))
    except Exception as error:  # noqa: BLE001 - e.g. a file that is not SQLite at all
        database.dispose()
        return Check("database", FAILED, f"无法读取数据库 {shown}：{error}",
                     f"Cannot read the database {shown}: {error}")
    if revision == SCHEMA_HEAD:
        folder.database = database
        return Check("database", OK, f"{shown}，架构版本 {revision}（最新）",
                     f"{shown}, schema {revision} (current)")
    database.dispose()
    if revision is None:
        return Check("database", FAILED, f"{shown} 不是 LawDesk 数据库（没有架构版本）",
                     f"{shown} is not a LawDesk database (no schema revision)")
    from db.migrate import known_revisions
    if revision in known_revisions():
        return Check("database", FAILED,
                     f"{shown} 的架构版本为 {revision}，当前程序为 {SCHEMA_HEAD}：运行任一 "
                     f"lawdesk 命令或打开窗口即会升级（升级前自动备份）",
                     f"{shown} is at schema {revision}, this program at {SCHEMA_HEAD}: any "
                     f"lawdesk command or the window upgrades it (after a backup)")
    return Check("database", FAILED,
                 f"{shown} 由更新版本的 LawDesk 创建（架构版本 {revision}），当前程序只支持到 "
                 f"{SCHEMA_HEAD}", f"{shown} was made by a newer LawDesk (schema {revision}); "
                 f"this program knows up to {SCHEMA_HEAD}")


def read_revision(database: Any) -> str | None:
    """The schema revision a database is at, without Alembic; None: none recorded."""
    from sqlalchemy import inspect, text
    with database.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


# ---------------------------------------------------------------------------- store
def check_store(folder: Folder) -> Check:
    """One file written, fsynced and removed in a staging folder of the footage store."""
    store_dir = folder.store_dir or folder.data_dir / "store"
    if not folder.set_up:
        return Check("store", SKIPPED, f"数据文件夹尚未建立，{store_dir} 待建立",
                     f"No data folder yet: {store_dir} is made with it")
    if not store_dir.is_dir():
        return Check("store", FAILED, f"录像存储目录不存在：{store_dir}",
                     f"The footage store does not exist: {store_dir}")
    from evidence.store import FootageStore
    try:
        with FootageStore(store_dir).begin_run() as run:
            probe = run.new_path(".self-check")
            with open(probe, "wb") as handle:
                handle.write(os.urandom(4096))
                handle.flush()
                os.fsync(handle.fileno())
            probe.unlink()
    except (OSError, RuntimeError) as error:
        return Check("store", FAILED, f"录像存储目录 {store_dir} 不可写：{error}",
                     f"The footage store {store_dir} is not writable: {error}")
    free = _free_gib(store_dir)
    return Check("store", OK, f"{store_dir} 可写（写入、同步、删除），剩余 {free:.1f} GiB",
                 f"{store_dir} is writable (write, fsync, remove); {free:.1f} GiB free")


def _free_gib(path: Path) -> float:
    import shutil
    return shutil.disk_usage(path).free / 2**30


# ---------------------------------------------------------------------------- fonts
def check_pdf_font(folder: Folder) -> Check:
    """The Chinese TrueType font PDF documents embed (reports.fonts)."""
    font_file = ""
    if folder.database is not None:
        from config.settings import get_setting
        font_file = get_setting(folder.database, "documents.font_file") or ""
    from reports.fonts import fallback_note, find_font
    try:
        choice = find_font(font_file or None)
    except Exception as error:  # noqa: BLE001 - NoCJKFont, FontUnusable
        return Check("pdf_font", FAILED, *_failure_text(error))
    note = fallback_note(choice)  # a 仿宋 is what GB/T 9704 asks for; anything else is warned
    if note is None:
        return Check("pdf_font", OK, choice.describe(), choice.describe())
    return Check("pdf_font", WARNING, f"{note[0]}（{choice.describe()}）",
                 f"{note[1]} ({choice.describe()})")


# ------------------------------------------------------------------------------- Qt
def probe_command() -> list[str]:
    """The command line of this program's Qt probe (desktop.qt_probe) in a child."""
    if getattr(sys, "frozen", False):  # the PyInstaller build: the executable is lawdesk
        # On Windows the console lawdesk.exe, never the windowed lawdeskw.exe beside it,
        # which has no standard output to answer on.
        console = Path(sys.executable).with_name("lawdesk.exe")
        program = str(console) if sys.platform == "win32" and console.exists() \
            else sys.executable
        return [program, "self-check", "--qt-probe"]
    return [sys.executable, "-m", "lawdesk", "self-check", "--qt-probe"]


def _run_probe(platform: str | None) -> tuple[dict | None, str]:
    env = dict(os.environ)
    if platform:
        env["QT_QPA_PLATFORM"] = platform
    try:
        done = subprocess.run(probe_command(), env=env, capture_output=True, text=True,
                              timeout=QT_PROBE_TIMEOUT_S, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None, f"no answer within {QT_PROBE_TIMEOUT_S:.0f} s"
    lines = done.stdout.strip().splitlines()
    if done.returncode == 0 and lines:
        try:
            return json.loads(lines[-1]), ""
        except ValueError:
            pass
    errors = [line for line in done.stderr.strip().splitlines() if line.strip()]
    reason = errors[-1] if errors else f"exit {done.returncode}"
    for line in errors:  # Qt names the plugin it could not load on one of its lines
        if "platform plugin" in line:
            reason = line.strip()
            break
    return None, reason


def check_qt() -> list[Check]:
    """Qt's platform plugin starts an application (offscreen when there is no display),
    the PDF and charts modules load, and a font for Chinese text on screen is there."""
    explicit = os.environ.get("QT_QPA_PLATFORM")
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                    or sys.platform in ("win32", "darwin"))
    platform = "offscreen" if (headless and not explicit) else None
    answer, reason = _run_probe(platform)
    if answer is None:
        return [Check("qt", FAILED, f"Qt 平台插件无法加载：{reason}",
                      f"Qt's platform plugin did not load: {reason}")]
    missing = [name for name, loaded in answer["modules"].items() if not loaded]
    where_zh = "（本会话无显示器）" if platform else ""
    where_en = " (no display in this session)" if platform else ""
    formats = ", ".join(answer["image_formats"])
    if missing:
        qt = Check("qt", FAILED, f"平台 {answer['platform']}{where_zh}；缺少模块：{', '.join(missing)}",
                   f"platform {answer['platform']}{where_en}; missing modules: "
                   f"{', '.join(missing)}")
    else:
        qt = Check("qt", OK, f"Qt {answer['qt']}，平台 {answer['platform']}{where_zh}，"
                   f"图片格式 {formats}", f"Qt {answer['qt']}, platform {answer['platform']}"
                   f"{where_en}, image formats {formats}")
    font = answer.get("ui_font")
    if font:
        ui = Check("screen_font", OK, f"界面中文字体：{font}", f"Chinese on screen: {font}")
    else:
        ui = Check("screen_font", WARNING,
                   "没有可显示中文的字体，界面文字会显示为方框：请安装 fonts-noto-cjk",
                   "No font with Chinese characters: the window would show boxes; install "
                   "one (e.g. fonts-noto-cjk)")
    return [qt, ui]


# ---------------------------------------------------------------------- audio, camera
def check_audio() -> Check:
    """PortAudio, through sounddevice, and its input devices. Absent is a warning: many
    workstations record nothing themselves (footage comes from body cameras)."""
    try:
        import sounddevice
    except ImportError:
        return Check("audio", WARNING, "未安装 sounddevice：不能在本机录音",
                     "sounddevice is not installed: no recording at this machine")
    except OSError as error:  # the module is there, the PortAudio library is not
        return Check("audio", WARNING, f"找不到 PortAudio 库：{error}",
                     f"The PortAudio library was not found: {error}")
    try:
        devices = sounddevice.query_devices()
    except Exception as error:  # noqa: BLE001 - PortAudioError: no audio system at all
        return Check("audio", WARNING, f"PortAudio 无法列出设备：{error}",
                     f"PortAudio could not list devices: {error}")
    inputs = [d["name"] for d in devices if d.get("max_input_channels", 0) > 0]
    version = sounddevice.get_portaudio_version()[1]
    if not inputs:
        return Check("audio", WARNING, f"{version}：没有录音设备",
                     f"{version}: no input device")
    return Check("audio", OK, f"{version}：{len(inputs)} 个录音设备（{inputs[0]} …）",
                 f"{version}: {len(inputs)} input device(s) ({inputs[0]} …)")


def check_camera() -> Check:
    """OpenCV (footage probing needs it) and the camera backends it was built with.
    No camera is opened: that would switch its light on and may take seconds."""
    try:
        import cv2
    except Exception as error:  # noqa: BLE001 - ImportError, or a missing shared library
        return Check("camera", FAILED, f"OpenCV 无法加载：{error}",
                     f"OpenCV did not load: {error}")
    registry = cv2.videoio_registry
    backends = [registry.getBackendName(b) for b in registry.getCameraBackends()]
    if not backends:
        return Check("camera", WARNING, f"OpenCV {cv2.__version__}：没有摄像头后端",
                     f"OpenCV {cv2.__version__}: no camera backend")
    names = ", ".join(backends)
    return Check("camera", OK, f"OpenCV {cv2.__version__}，摄像头后端：{names}",
                 f"OpenCV {cv2.__version__}, camera backends: {names}")


# ------------------------------------------------------------------------------- HQ
def check_hq(folder: Folder) -> Check:
    """When enrolled: HQ answers GET {API}/hello, and it is the server enrolled with."""
    if not folder.set_up:
        return Check("hq", SKIPPED, "未注册到总部", "Not enrolled at HQ")
    if folder.database is None:
        return Check("hq", SKIPPED, "数据库不可用，无法判断是否已注册到总部",
                     "The database is not usable: enrollment unknown")
    from sync.link import get_link
    link = get_link(folder.database)
    if link is None:
        return Check("hq", SKIPPED, "未注册到总部", "Not enrolled at HQ")
    import httpx

    from sync.client import HqClient
    try:
        with HqClient(link.server_url, ca_file=link.ca_file,
                      timeout=httpx.Timeout(HQ_HELLO_TIMEOUT_S)) as client:
            hello = client.request("GET", "hello", authenticated=False).json()
    except Exception as error:  # noqa: BLE001 - HqUnreachable, HqRefused, not JSON
        zh, en = _failure_text(error)
        if link.server_url not in zh:
            zh, en = f"{link.server_url}：{zh}", f"{link.server_url}: {en}"
        return Check("hq", FAILED, zh, en)
    if not isinstance(hello, dict) or hello.get("server_id") != link.server_id:
        return Check("hq", FAILED,
                     f"{link.server_url} 上的服务不是注册时的总部（{link.server_id}）",
                     f"The server at {link.server_url} is not the HQ enrolled with "
                     f"({link.server_id})")
    return Check("hq", OK, f"{link.server_url} 可达（协议 {hello.get('protocol')}）",
                 f"{link.server_url} answers (protocol {hello.get('protocol')})")


# ----------------------------------------------------------------------------- all
def run_checks(data_dir: Path, *, db_url: str | None = None,
               store_dir: str | None = None) -> list[Check]:
    folder = Folder(Path(data_dir))
    try:
        steps: list[Callable[[], Check | list[Check]]] = [
            lambda: check_database(folder, db_url=db_url, store_dir=store_dir),
            lambda: check_store(folder),
            lambda: check_pdf_font(folder),
            check_qt,
            check_audio,
            check_camera,
            lambda: check_hq(folder),
        ]
        checks: list[Check] = []
        for step in steps:
            found = step()
            checks += found if isinstance(found, list) else [found]
        return checks
    finally:
        folder.close()


def folder_language(data_dir: Path) -> str | None:
    """The workstation's language setting, read without opening (migrating) the folder;
    None when it cannot be read."""
    from lawdesk.location import DB_NAME
    path = Path(data_dir) / DB_NAME
    if not path.is_file():
        return None
    import sqlite3
    try:
        connection = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True, timeout=5)
        try:
            row = connection.execute(
                "SELECT value FROM setting WHERE key = 'ui.language'").fetchone()
        finally:
            connection.close()
        return json.loads(row[0]) if row else None
    except (sqlite3.Error, ValueError):
        return None


def failed(checks: list[Check]) -> bool:
    return any(check.status == FAILED for check in checks)
