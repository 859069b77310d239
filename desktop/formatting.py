"""How numbers read in the window: sizes and lengths, the same in every area."""
from __future__ import annotations

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
