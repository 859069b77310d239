"""Recorder profiles: how to recognise a recorder's volume and read its file names.

Profiles are data (``resources/recorder_profiles/*.toml``, read with the standard library):
which files or folders identify the device, where the media lives, and regular expressions
that take the device serial, officer number, start time and "important" mark out of a name.
A volume no profile recognises gets the generic profile, and is only ever offloaded when a
person asks; a name no profile understands leaves the recording time to the file's times.
"""
from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Sequence
from zoneinfo import ZoneInfo

from core.clock import BUREAU_ZONE
from core.errors import InvalidInput
from devices.offload.errors import UnknownProfile
from evidence.hashing import open_read

GENERIC = "generic"
ID_FILE_LIMIT = 4096  # bytes of an id file worth reading


def profiles_dir() -> Path:
    from resources import resource_path
    return resource_path("recorder_profiles")


@dataclass(frozen=True)
class RecorderProfile:
    name: str
    label_zh: str
    label_en: str
    priority: int
    id_files: tuple[str, ...]
    id_serial: re.Pattern | None
    layout: tuple[str, ...]
    media_folders: tuple[str, ...]
    extensions: frozenset[str]
    important_folders: frozenset[str]
    patterns: tuple[re.Pattern, ...]
    start_format: str
    important_marks: frozenset[str]
    zone: str

    def label(self, language: str = "zh_CN") -> str:
        return self.label_en if language.startswith("en") else self.label_zh

    @property
    def detects(self) -> bool:
        return bool(self.id_files or self.layout)


@dataclass(frozen=True)
class NameInfo:
    """What a file name says, by the profile that understood it."""

    profile: str
    serial: str | None
    officer: str | None
    start: datetime | None   # aware UTC
    important: bool


@dataclass(frozen=True)
class Recognition:
    profile: RecorderProfile
    # False: no profile knows this volume; it got the generic profile and must never be
    # offloaded unless a person starts it.
    recognised: bool
    device_serial: str | None
    evidence: str            # what recognised it: "id_file:NAME", "layout", or "none"


def _fail(path: Path, zh: str, en: str) -> InvalidInput:
    return InvalidInput(f"记录仪配置 {path.name} 有误：{zh}", f"recorder profile {path.name}: {en}")


def _compile(path: Path, text: str, *, groups: set[str] | None = None) -> re.Pattern:
    try:
        pattern = re.compile(text, re.IGNORECASE)
    except re.error as error:
        raise _fail(path, f"正则表达式无效（{error}）", f"bad regular expression ({error})") from None
    if groups and not groups <= set(pattern.groupindex):
        missing = ", ".join(sorted(groups - set(pattern.groupindex)))
        raise _fail(path, f"正则表达式缺少命名分组 {missing}",
                    f"the regular expression lacks the named group(s) {missing}")
    return pattern


def parse_profile(path: Path) -> RecorderProfile:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise _fail(path, f"不是有效的 TOML（{error}）", f"not valid TOML ({error})") from None
    detect, media, naming = data.get("detect", {}), data.get("media", {}), data.get("naming", {})
    try:
        name = str(data["name"])
        id_serial = detect.get("id_serial")
        zone = str(naming.get("zone", BUREAU_ZONE))
        ZoneInfo(zone)
        return RecorderProfile(
            name=name,
            label_zh=str(data.get("label_zh", name)),
            label_en=str(data.get("label_en", name)),
            priority=int(data.get("priority", 0)),
            id_files=tuple(str(f) for f in detect.get("id_files", [])),
            id_serial=_compile(path, id_serial, groups={"serial"}) if id_serial else None,
            layout=tuple(str(f) for f in detect.get("layout", [])),
            media_folders=tuple(str(f) for f in media.get("folders", [])),
            extensions=frozenset(str(e).lower().lstrip(".") for e in media.get("extensions", [])),
            important_folders=frozenset(str(f).upper() for f in media.get("important_folders", [])),
            patterns=tuple(_compile(path, p) for p in naming.get("patterns", [])),
            start_format=str(naming.get("start_format", "%Y%m%d%H%M%S")),
            important_marks=frozenset(str(m).upper() for m in naming.get("important_marks", [])),
            zone=zone,
        )
    except KeyError as error:
        raise _fail(path, f"缺少 {error}", f"{error} is missing") from None
    except (TypeError, ValueError) as error:
        raise _fail(path, str(error), str(error)) from None


@lru_cache(maxsize=8)
def _load(directory: Path, stamp: tuple) -> tuple[RecorderProfile, ...]:
    profiles = [parse_profile(p) for p in sorted(directory.glob("*.toml"))]
    return tuple(sorted(profiles, key=lambda p: (-p.priority, p.name)))


def load_profiles(directory: Path | None = None) -> tuple[RecorderProfile, ...]:
    """Every profile in ``directory`` (default: the shipped ones), most specific first."""
    directory = Path(directory or profiles_dir())
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(directory.glob("*.toml")))
    profiles = _load(directory, stamp)
    if not any(p.name == GENERIC for p in profiles):
        raise UnknownProfile(name=GENERIC)
    return profiles


def profile_named(profiles: Sequence[RecorderProfile], name: str) -> RecorderProfile:
    for profile in profiles:
        if profile.name == name:
            return profile
    raise UnknownProfile(name=name)


# ------------------------------------------------------------------- recognising volumes
def matches(directory: Path, name: str) -> list[Path]:
    """Every ``directory/name`` compared ignoring case (FAT volumes ignore it; a copy on a
    Linux disk may hold "DCIM" and "dcim" both), never through a link; ``name`` may hold
    "/" for nested folders."""
    found = [Path(directory)]
    for part in name.split("/"):
        level = []
        for current in found:
            try:
                entries = sorted(os.scandir(current), key=lambda e: e.name)
            except OSError:
                continue
            level.extend(Path(e.path) for e in entries
                         if e.name.lower() == part.lower() and not e.is_symlink())
        found = level
    return found


def child(directory: Path, name: str) -> Path | None:
    """The first of :func:`matches`, or None."""
    found = matches(directory, name)
    return found[0] if found else None


def _read_small(path: Path) -> str:
    try:
        fd = open_read(path)
    except OSError:
        return ""
    try:
        data = os.read(fd, ID_FILE_LIMIT)
    except OSError:
        return ""
    finally:
        os.close(fd)
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _id_file_serial(profile: RecorderProfile, root: Path) -> tuple[bool, str | None, str]:
    for name in profile.id_files:
        path = child(root, name)
        if path is None or not path.is_file() or path.is_symlink():
            continue
        serial = None
        if profile.id_serial is not None:
            match = profile.id_serial.search(_read_small(path))
            serial = match.group("serial") if match else None
        return True, serial, f"id_file:{path.name}"
    return False, None, ""


def recognise(root: Path, profiles: Sequence[RecorderProfile] | None = None) -> Recognition:
    """Which profile a volume is (by an id file or its folder layout), or the generic one."""
    profiles = profiles or load_profiles()
    root = Path(root)
    for profile in profiles:
        if not profile.detects:
            continue
        found, serial, evidence = _id_file_serial(profile, root)
        if found:
            return Recognition(profile, True, serial, evidence)
        if profile.layout and all(_is_dir(child(root, f)) for f in profile.layout):
            return Recognition(profile, True, None, "layout")
    return Recognition(profile_named(profiles, GENERIC), False, None, "none")


def _is_dir(path: Path | None) -> bool:
    return path is not None and path.is_dir() and not path.is_symlink()


# --------------------------------------------------------------------- reading names
def _start(profile: RecorderProfile, text: str) -> datetime | None:
    digits = re.sub(r"\D", "", text)
    try:
        local = datetime.strptime(digits, profile.start_format)
    except ValueError:
        return None
    return local.replace(tzinfo=ZoneInfo(profile.zone)).astimezone(timezone.utc)


def _group(match: re.Match, name: str) -> str | None:
    value = match.groupdict().get(name)
    return value or None


def read_name(name: str, profile: RecorderProfile,
              others: Sequence[RecorderProfile] = ()) -> NameInfo | None:
    """What ``name`` says, by ``profile`` first and then by each of ``others``; None when
    no profile understands it."""
    for candidate in (profile, *[p for p in others if p.name != profile.name]):
        for pattern in candidate.patterns:
            match = pattern.match(name)
            if match is None:
                continue
            start_text = _group(match, "start")
            mark = _group(match, "mark")
            important = mark is not None and (not candidate.important_marks
                                              or mark.upper() in candidate.important_marks)
            return NameInfo(profile=candidate.name, serial=_group(match, "serial"),
                            officer=_group(match, "officer"),
                            start=_start(candidate, start_text) if start_text else None,
                            important=important)
    return None
