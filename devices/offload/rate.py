"""How fast a recorder is giving its bytes, as the officer waiting at the station sees it.

The rate is measured over a moving window (the last few seconds), not averaged since the
start: a recorder whose cable starts failing halfway, or a start-up spent scanning, would
otherwise show a rate it no longer has and a time left that keeps growing. The time left is
the bytes still to read at that rate.

A recorder is *slow* once it has given less than :data:`SLOW_BYTES_PER_S` for
:data:`SLOW_FOR_S` seconds on end while bytes were still to read (a worn cable, a USB 1.1
port or hub, a card that retries every read), and *failing* once :data:`READ_ERRORS_WARN`
of its files could not be read. Either way the window names the recorder and suggests
another cable or port; both are settings of this module, and the view reads them from here.

Pure: time is passed in (``now``, seconds from any fixed start), so the rules are tested
without waiting and without a window.
"""
from __future__ import annotations

from collections import deque

WINDOW_S = 5.0                 # the moving window the shown rate is measured over
MIN_SPAN_S = 1.0               # no rate (nor time left) before this much of it is seen
SLOW_BYTES_PER_S = 5_000_000   # below this (5 MB/s) ...
SLOW_FOR_S = 10.0              # ... for this long, with bytes still to read: slow
READ_ERRORS_WARN = 2           # files the device failed to give: failing from this many


class DeviceRate:
    """Samples of (time, bytes read so far) from one offload's progress reports."""

    def __init__(self, *, window_s: float = WINDOW_S, slow_bytes_per_s: float = SLOW_BYTES_PER_S,
                 slow_for_s: float = SLOW_FOR_S, read_errors_warn: int = READ_ERRORS_WARN) -> None:
        self.window_s, self.slow_for_s = window_s, slow_for_s
        self.slow_bytes_per_s, self.read_errors_warn = slow_bytes_per_s, read_errors_warn
        self.done = self.total = 0
        self.read_errors = 0
        self._samples: deque[tuple[float, int]] = deque()

    def update(self, now: float, done: int, total: int) -> None:
        """A progress report (or a tick with the same ``done``: a stalled device reports
        nothing, and its stall must still count)."""
        self.done, self.total = done, total
        if self._samples and now < self._samples[-1][0]:
            now = self._samples[-1][0]  # never backwards
        self._samples.append((now, done))
        # Keep one sample at or before the longest look back, so it always spans it whole.
        horizon = now - max(self.window_s, self.slow_for_s)
        while len(self._samples) > 1 and self._samples[1][0] <= horizon:
            self._samples.popleft()

    def skipped(self, now: float, done: int, total: int) -> None:
        """Bytes counted done without reading them (files an earlier offload verified): the
        rate starts again from here rather than show them as the device's speed."""
        self._samples.clear()
        self.update(now, done, total)

    def read_failed(self) -> None:
        self.read_errors += 1

    # ------------------------------------------------------------------ figures
    def rate(self) -> float | None:
        """Bytes per second over the moving window; None until MIN_SPAN_S of it is seen."""
        return self._rate_over(self.window_s, MIN_SPAN_S)

    def seconds_left(self) -> float | None:
        """The bytes still to read at the window's rate; None while there is no rate, or
        the device gives nothing (no honest figure to show)."""
        rate = self.rate()
        if rate is None or rate <= 0:
            return None
        return max(0, self.total - self.done) / rate

    @property
    def reading(self) -> bool:
        return self.done < self.total

    def recent_rate(self) -> float | None:
        """Bytes per second over the last SLOW_FOR_S seconds; None before that long."""
        return self._rate_over(self.slow_for_s, self.slow_for_s)

    def slow(self) -> bool:
        """Below SLOW_BYTES_PER_S over the last SLOW_FOR_S seconds, with bytes still to read."""
        if not self.reading:
            return False
        rate = self.recent_rate()
        return rate is not None and rate < self.slow_bytes_per_s

    def failing(self) -> bool:
        return self.read_errors >= self.read_errors_warn

    def _rate_over(self, seconds: float, at_least: float) -> float | None:
        """The rate from the newest sample back to the newest one at least ``seconds``
        older (or the oldest kept, if it spans ``at_least``); None when no sample does."""
        if len(self._samples) < 2:
            return None
        now, done = self._samples[-1]
        start = None
        for when, then in reversed(self._samples):
            if now - when >= seconds:
                start = (when, then)
                break
        if start is None:
            when, then = self._samples[0]
            if now - when < at_least:
                return None
            start = (when, then)
        when, then = start
        return (done - then) / (now - when)
