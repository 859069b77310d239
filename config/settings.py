"""Workstation settings kept in the database, so every change is in the ledger.

Each key is declared here with its default, its check and who may change it; unknown keys
are refused rather than silently stored.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable

from sqlalchemy import select

from config.number_patterns import DEFAULT_CASE_PATTERN, check_document_patterns, check_pattern
from core.context import Context
from core.errors import InvalidInput
from core.permissions import Permission, require
from db.database import Database
from db.models import Setting

LANGUAGES = ("zh_CN", "en")


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    check: Callable[[Any], None]
    permission: Permission | None  # None: any signed-in user (a personal preference)
    zh: str
    en: str


def _one_of(choices: tuple[str, ...]) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        if value not in choices:
            raise InvalidInput(f"取值须为：{', '.join(choices)}",
                               f"the value must be one of: {', '.join(choices)}")
    return check


def _text(max_length: int) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        if not isinstance(value, str) or len(value) > max_length:
            raise InvalidInput(f"取值须为不超过 {max_length} 个字符的文字",
                               f"the value must be text of at most {max_length} characters")
    return check


def _whole_number(low: int, high: int) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        # bool is an int in Python; "true" must not pass as 1.
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InvalidInput(f"取值须为 {low} 至 {high} 的整数",
                               f"the value must be a whole number from {low} to {high}")
    return check


def _yes_no(value: Any) -> None:
    if not isinstance(value, bool):
        raise InvalidInput("取值须为 true 或 false", "the value must be true or false")


def _font_file(value: Any) -> None:
    _text(1000)(value)
    if value:
        # Imported on use: reportlab takes a tenth of a second to load, which commands that
        # never print a document should not pay. Checking the font now, not at the first
        # document, tells the admin at once that a file cannot be used and why.
        from reports.fonts import inspect_font_file
        inspect_font_file(value)


SPECS = {spec.key: spec for spec in (
    SettingSpec("ui.language", "zh_CN", _one_of(LANGUAGES), None, "界面语言", "interface language"),
    SettingSpec("bureau.name", "", _text(100), Permission.CHANGE_SETTINGS,
                "执法机关名称（显示在窗口标题和文书抬头）",
                "name of the enforcement body (window title, document headings)"),
    SettingSpec("documents.font_file", "", _font_file, Permission.CHANGE_SETTINGS,
                "PDF 文书使用的中文字体文件（.ttf/.ttc，留空则自动查找仿宋、宋体等）",
                "Chinese font file for PDF documents (.ttf/.ttc; empty: find FangSong, Song "
                "or another installed font)"),
    SettingSpec("custody.max_per_type", 1, _whole_number(1, 20), Permission.MANAGE_STANDARDS,
                "每名执法人员同时可领用的同类设备数量上限",
                "most devices of one type an officer may hold at once"),
    SettingSpec("footage.sm3", False, _yes_no, Permission.CHANGE_SETTINGS,
                "导入音视频时同时计算国密 SM3 哈希（与 SHA-256 并行）",
                "also compute the SM3 hash (national standard) of offloaded footage, "
                "beside SHA-256"),
    SettingSpec("footage.readback", "disk", _one_of(("cache", "disk")),
                Permission.CHANGE_SETTINGS,
                "导入时写入证据库的副本如何读回核验：cache（同步落盘后经页缓存读回并重新计算"
                "哈希，证明文件系统所存即所算的字节）或 disk（先丢弃缓存再从磁盘读回，"
                "证明存储介质本身，但每个文件都要从磁盘再读一遍）",
                "how each copy written to the store is read back before it counts as "
                "verified: cache (after the fsync, re-hashed through the page cache: the bytes "
                "the file system holds are the bytes hashed) or disk (cached pages dropped "
                "first and every byte read again from the disk: proves the medium, at the "
                "cost of a second full read)"),
    # GA/T 947 (单警执法视音频记录系统) holds a recorder's clock to 3 s of error per day; an
    # offload allows that much per day since the custodian last checked the clock.
    SettingSpec("footage.clock_drift_s_per_day", 3, _whole_number(1, 60),
                Permission.CHANGE_SETTINGS,
                "记录仪时钟每日允许误差（秒），自上次领用核对时钟起按日累计；超出即在导入时标记",
                "seconds a recorder's clock may drift per day since its clock was last checked "
                "at checkout; an offload flags a clock off by more"),
    SettingSpec("footage.erase_after_offload", False, _yes_no, Permission.CHANGE_SETTINGS,
                "导入并核验入库后，删除记录仪上的原文件（每次删除均记入审计日志）",
                "erase offloaded files from the device once verified in the store "
                "(each erase is audited)"),
    # Issue 18: the interview microphone chosen at this workstation, remembered (its
    # PortAudio name; empty: the system's default input).
    SettingSpec("capture.audio_device", "", _text(200), None,
                "本工作站录音使用的输入设备（留空则使用系统默认输入设备）",
                "audio input device this workstation records from (empty: the system's "
                "default input)"),
    SettingSpec("capture.audio_compression", "none", _one_of(("none", "flac")),
                Permission.CHANGE_SETTINGS,
                "录音入库后另存一份压缩副本：none（不压缩）或 flac（无损，约为原文件一半大小）；"
                "原始 WAV 始终保存",
                "after a recording is stored, also store a compressed copy: none, or flac "
                "(lossless, about half the size); the original WAV is always kept"),
    SettingSpec("footage.auto_offload", False, _yes_no, Permission.CHANGE_SETTINGS,
                "插入已识别的记录仪后自动开始导入（否则询问）；不能识别的设备从不自动导入",
                "start offloading a recognised recorder as soon as it is plugged in "
                "(otherwise offer it); an unrecognised volume is never offloaded on its own"),
    # 公通字〔2016〕14号《公安机关现场执法视音频记录工作规定》: footage is offloaded the day the
    # work ends, and where that cannot be done within 24 hours; later is a finding.
    SettingSpec("compliance.late_offload_hours", 24, _whole_number(1, 720),
                Permission.CHANGE_SETTINGS,
                "录制结束后超过多少小时才导入即标记为逾期导入",
                "hours after a recording ended beyond which its offload is flagged as late"),
    SettingSpec("compliance.segment_gap_seconds", 60, _whole_number(1, 3600),
                Permission.CHANGE_SETTINGS,
                "须全程记录的环节中，同一记录仪相邻两段录像之间允许的最长间隔（秒）",
                "longest gap (seconds) allowed between consecutive segments of one recorder in "
                "a step that must be recorded in full"),
    # Same rule, 第十三条: kept at least six months; a shorter period is refused.
    SettingSpec("retention.unlinked_months", 6, _whole_number(6, 1200),
                Permission.CHANGE_SETTINGS,
                "未关联案件的音视频资料自录制之日起至少保存的月数（不少于 6 个月）",
                "months footage linked to no case is kept from the day it was recorded "
                "(at least 6)"),
    SettingSpec("sync.interval_seconds", 60, _whole_number(15, 3600), Permission.CHANGE_SETTINGS,
                "与总部自动同步的间隔（秒）；联网时后台自动同步，离线工作不受影响",
                "seconds between automatic syncs with HQ (sync runs in the background "
                "whenever HQ is reachable; offline work is never held up)"),
    SettingSpec("sync.chunk_mib", 32, _whole_number(1, 256), Permission.CHANGE_SETTINGS,
                "向总部上传音视频时每块的大小（MiB）；断线后最多重传一块",
                "size of each piece (MiB) when uploading footage to HQ; after a dropped "
                "connection at most one piece is sent again"),
    SettingSpec("cases.number_pattern", DEFAULT_CASE_PATTERN, check_pattern,
                Permission.CHANGE_SETTINGS,
                "案件编号格式（按科室、年度连续编号；占位符 {unit_short} {year} {n}）",
                "case number pattern (numbered per unit and year; placeholders "
                "{unit_short} {year} {n})"),
    SettingSpec("documents.number_patterns", {}, check_document_patterns,
                Permission.CHANGE_SETTINGS,
                "文书编号格式，按文书模板覆盖默认值，如 {\"penalty_decision\": "
                "\"{unit_short}罚决字〔{year}〕{n}号\"}",
                "document number patterns overriding the templates' own, e.g. "
                "{\"penalty_decision\": \"{unit_short}罚决字〔{year}〕{n}号\"}"),
    # Legal review (review/): measure 24 widens it; the time limits are the bureau's rule.
    SettingSpec("review.all_ordinary", False, _yes_no, Permission.MANAGE_REVIEW_RULES,
                "普通程序作出的执法决定一律须经法制审核（简易程序以外均审核）",
                "every decision under the ordinary procedure needs legal review (all but "
                "the simplified procedure)"),
    SettingSpec("review.time_limit_days", 7, _whole_number(1, 60), Permission.MANAGE_REVIEW_RULES,
                "法制审核期限（工作日，自提交之日起算）",
                "time limit of a legal review (working days from submission)"),
    SettingSpec("review.extension_days", 3, _whole_number(1, 30), Permission.MANAGE_REVIEW_RULES,
                "法制审核可延长一次的期限（工作日，须说明理由）",
                "working days a legal review may be extended by, once, with a reason"),
    # HQ's limits at the edge (hq.limits; read when `lawdesk hq serve` starts).
    SettingSpec("hq.max_body_kib", 8, _whole_number(1, 1024), Permission.MANAGE_HQ,
                "总部接受的一般请求（注册、令牌等）的最大请求体（KiB）",
                "largest body (KiB) HQ takes in an ordinary request (enrollment, tokens, ...)"),
    SettingSpec("hq.max_push_mib", 32, _whole_number(1, 1024), Permission.MANAGE_HQ,
                "总部接受的一次审计日志上传的最大请求体（MiB）",
                "largest body (MiB) of one ledger push HQ takes"),
    SettingSpec("hq.max_entry_kib", 1024, _whole_number(16, 1024 * 1024), Permission.MANAGE_HQ,
                "总部接受的单条审计日志内容（change）的最大大小（KiB）",
                "largest change (KiB) of one ledger entry HQ takes"),
    SettingSpec("hq.header_timeout_seconds", 10, _whole_number(1, 300), Permission.MANAGE_HQ,
                "总部等待一个请求的请求行和请求头的最长时间（秒），超时即断开连接",
                "seconds HQ waits for a request's line and headers before closing the "
                "connection"),
    SettingSpec("hq.body_timeout_seconds", 60, _whole_number(1, 3600), Permission.MANAGE_HQ,
                "总部等待请求内容（上传音视频块以外）的最长时间（秒），另按上限每 16 KiB 加 1 秒",
                "seconds HQ waits for a request's body (footage chunks aside), plus one per "
                "16 KiB of its limit"),
    SettingSpec("hq.keep_alive_seconds", 15, _whole_number(1, 600), Permission.MANAGE_HQ,
                "总部保留空闲连接的时间（秒）",
                "seconds HQ keeps an idle connection open"),
    SettingSpec("hq.max_connections", 1000, _whole_number(10, 100_000), Permission.MANAGE_HQ,
                "总部同时接受的最大连接数，超出的连接得到 503",
                "most connections HQ holds at once; more get 503"),
    # HQ's quota on open uploads (hq.quota; read at each new upload).
    SettingSpec("hq.upload_quota_workstation_gib", 64, _whole_number(1, 1 << 20),
                Permission.MANAGE_HQ,
                "每个工作站同时进行中的上传声明的总大小上限（GiB）",
                "most bytes (GiB) the open uploads of one workstation may declare at once"),
    SettingSpec("hq.upload_quota_unit_gib", 256, _whole_number(1, 1 << 20),
                Permission.MANAGE_HQ,
                "每个科室的各工作站同时进行中的上传声明的总大小上限（GiB）",
                "most bytes (GiB) the open uploads of one unit's workstations may declare "
                "at once"),
    SettingSpec("hq.api_docs", "off", _one_of(("off", "admin")), Permission.MANAGE_HQ,
                "总部的接口说明（/docs、/openapi.json）：off（关闭）或 admin（仅凭总部管理员"
                "账号密码访问）",
                "HQ's API description (/docs, /openapi.json): off, or admin (only with an HQ "
                "administrator's user name and password)"),
)}


def _spec(key: str) -> SettingSpec:
    if key not in SPECS:
        names = ", ".join(sorted(SPECS))
        raise InvalidInput(f"未知设置项“{key}”，可用：{names}",
                           f"unknown setting '{key}'; known: {names}")
    return SPECS[key]


def get_setting(db: Database, key: str) -> Any:
    spec = _spec(key)
    with db.read() as session:
        stored = session.get(Setting, key)
    return spec.default if stored is None else json.loads(stored.value)


def setting_in(session: Any, key: str) -> Any:  # noqa: ANN401
    """A setting read in the caller's own transaction (get_setting opens a session of its own)."""
    spec = _spec(key)
    stored = session.get(Setting, key)
    return spec.default if stored is None else json.loads(stored.value)


def all_settings(db: Database) -> dict[str, Any]:
    with db.read() as session:
        stored = {s.key: json.loads(s.value) for s in session.execute(select(Setting)).scalars()}
    return {key: stored.get(key, spec.default) for key, spec in SPECS.items()}


def set_setting(ctx: Context, key: str, value: Any) -> None:
    spec = _spec(key)
    if spec.permission is not None:
        require(ctx.actor, spec.permission)
    spec.check(value)
    encoded = json.dumps(value, ensure_ascii=False)
    with ctx.write(f"setting.{key}") as session:
        stored = session.get(Setting, key)
        if stored is None:
            session.add(Setting(key=key, value=encoded))
        elif stored.value != encoded:
            stored.value = encoded


def parse_value(key: str, text: str) -> Any:
    """A value typed on the command line: JSON where it parses, else the plain text."""
    _spec(key)
    try:
        return json.loads(text)
    except ValueError:
        return text
