"""Control characters in data shown to a person: made visible, never obeyed.

Records come from places we do not control (a workstation's pushed ledger, a recorder's
file names, an imported spreadsheet). Printed raw, an ESC or a C1 CSI starts a terminal
escape sequence (colours, cursor moves, window titles, on some terminals pasted input),
and a Unicode bidi control reorders what a reader sees ("exe.mp4" shown as "4pm.exe").
Every command-line table line and every cell of the window's tables shows such a character
as a visible escape instead: ``\\x1b``, ``\\x9b``, ``\\u202e`` (and ``\\t``, ``\\n``, ``\\r``).
Everything else, Chinese text and punctuation included, is left as it is.

JSON output needs less: ``json.dumps`` already writes C0 as ``\\u001b`` but, with
``ensure_ascii=False``, writes DEL, C1 and the bidi controls raw; ``escape_json`` turns
those into ``\\u`` escapes too, which any JSON reader decodes back to the same value.
"""
from __future__ import annotations

import re

# C0 (U+0000-U+001F), DEL (U+007F), C1 (U+0080-U+009F), and Unicode's Bidi_Control
# characters: ALM, LRM, RLM, the embeddings and overrides U+202A-U+202E and the isolates
# U+2066-U+2069.
CONTROL_CHARACTERS = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")
# What json.dumps leaves raw: all of the above but C0, which it escapes itself.
_JSON_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str, keep: str = "") -> str:
    """``text`` with every control character written as a visible escape, except those in
    ``keep`` (e.g. the tabs a command put between columns itself)."""
    if not _CONTROL.search(text):
        return text  # the common case, without building a new string
    if not keep:
        return _CONTROL.sub(_visible, text)
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else _visible(m), text)


def has_controls(text: str) -> bool:
    return _CONTROL.search(text) is not None


def escape_json(dumped: str) -> str:
    """JSON text from ``json.dumps(..., ensure_ascii=False)`` with DEL, C1 and bidi controls
    as ``\\uXXXX`` escapes. Safe to apply to the whole document: outside strings JSON is
    plain ASCII, so these characters can only be inside strings."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def unpaired_surrogate(text: str) -> int | None:
    """The index of the first lone UTF-16 surrogate in ``text`` (a JSON "\\ud800" escape, or
    undecodable bytes kept by Python's surrogateescape), else None. Such text cannot be
    stored, sent or printed as UTF-8."""
    match = _SURROGATE.search(text)
    return None if match is None else match.start()
