"""A progress bar on standard error, for long work run from the command line."""
from __future__ import annotations

import sys
import time

from core.control_text import escape_controls  # a note may name a file from a volume


class TerminalProgress:
    def __init__(self, label: str, *, enabled: bool = True, stream=None) -> None:  # noqa: ANN001
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = enabled and self.stream.isatty()
        self._last = 0.0
        self._shown = False

    def __call__(self, done: int, total: int, note: str = "") -> None:
        now = time.monotonic()
        if not self.enabled or (now - self._last < 0.1 and done < total):
            return
        self._last = now
        width = 30
        filled = int(width * done / total) if total else width
        percent = f"{100 * done / total:5.1f}%" if total else ""
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] "
                          f"{percent} {done}/{total} {escape_controls(note)[:30]:<30}")
        self.stream.flush()
        self._shown = True

    def finish(self) -> None:
        if self._shown:
            self.stream.write("\n")
            self.stream.flush()
