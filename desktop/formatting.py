"""How numbers and data read in the window: sizes and lengths, the same in every area, and
text from records with its control characters visible."""
from __future__ import annotations

from core.control_text import escape_controls

_UNITS = ("B", "KB", "MB", "GB", "TB")


def human_bytes(size: float) -> str:
    """1536 → "1.5 KB": binary multiples, as file managers on both systems show them."""
    for unit in _UNITS:
        if size < 1024 or unit == _UNITS[-1]:
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    raise AssertionError("unreachable")


def duration(seconds: float | None) -> str:
    """75.4 → "1:15", 3725 → "1:02:05"; None (not known) → ""."""
    if seconds is None:
        return ""
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def shown_text(value: object) -> str:
    """A record's value as a table cell shows it: None is empty, and control characters
    (escape sequences, bidi overrides that would show "exe.mp4" as "4pm.exe") appear as
    visible escapes such as \\u202e. Line breaks and tabs stay: a cell lays them out."""
    return "" if value is None else escape_controls(str(value), keep="\n\t")
