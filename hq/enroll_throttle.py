"""How often enrollment may fail: per source address and for the whole server.

Enrollment needs no token, so anyone on the network can try codes. A code has 100 bits, so
guessing one is hopeless; what a flood of wrong codes does do is load HQ for everyone (each
try is a database transaction and a ledger entry). Only failures count: a workstation that
enrolls with a good code is never held back by its own success.

Per address: ADDRESS_FAILURES failed tries within ADDRESS_WINDOW_S are allowed; then the
address is told to wait (429, Retry-After) BACKOFF_BASE_S, and every try while it should be
waiting doubles the wait, up to BACKOFF_MAX_S (exponential back-off: a script that ignores
Retry-After only locks itself out for longer). The lock lifts once the wait is over and the
failures have aged out of the window.

Whole server: GLOBAL_FAILURES failed tries within GLOBAL_WINDOW_S (a sliding window, from
any number of addresses) and every enrollment waits until the oldest of them ages out.

The address is the TCP peer's: HQ is reached directly on the bureau's network. Behind a
reverse proxy every request would share the proxy's address (and its limit).

State is kept in memory, per server process (HQ runs one): a restart forgets it, which
costs an attacker nothing he could not get by waiting. The table of addresses is bounded
(MAX_ADDRESSES; the sweep prunes it, and the oldest are dropped if a flood fills it)."""
from __future__ import annotations

import math
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Callable

from hq.errors import HqError

ADDRESS_FAILURES = 5
ADDRESS_WINDOW_S = 600.0
BACKOFF_BASE_S = 30.0
BACKOFF_MAX_S = 3600.0
GLOBAL_FAILURES = 30
GLOBAL_WINDOW_S = 60.0
MAX_ADDRESSES = 10_000


class EnrollThrottled(HqError):
    status = 429
    code = "enroll_throttled"
    zh = "注册尝试失败次数过多，请 {seconds} 秒后再试"
    en = "Too many failed enrollment attempts; try again in {seconds} s"

    def __init__(self, seconds: float) -> None:
        # Whole seconds, rounded up, but not for float noise ((t + 60) - t > 60).
        self.retry_after = max(1, math.ceil(seconds - 1e-6))
        super().__init__(seconds=self.retry_after)


@dataclass
class _Address:
    failures: deque[float] = field(default_factory=deque)
    blocked_until: float = 0.0
    # How many waits in a row: each doubles the next one.
    level: int = 0

    def block(self, now: float) -> float:
        wait = min(BACKOFF_BASE_S * 2 ** self.level, BACKOFF_MAX_S)
        self.level += 1
        self.blocked_until = max(self.blocked_until, now + wait)
        return self.blocked_until - now


class EnrollThrottle:
    """Thread-safe: FastAPI runs the enrollment handler in worker threads."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._addresses: dict[str, _Address] = {}
        self._global: deque[float] = deque()

    def check(self, address: str) -> None:
        """Raise EnrollThrottled if ``address``, or everyone, must wait. A try while the
        address should be waiting doubles its wait."""
        now = self._clock()
        with self._lock:
            entry = self._addresses.get(address)
            if entry is not None and now < entry.blocked_until:
                raise EnrollThrottled(entry.block(now))
            self._age(self._global, now, GLOBAL_WINDOW_S)
            if len(self._global) >= GLOBAL_FAILURES:
                raise EnrollThrottled(self._global[0] + GLOBAL_WINDOW_S - now)

    def failed(self, address: str) -> float | None:
        """Count a failed try; returns the wait it puts on the address, if any (the first
        wait of a series is worth an audit entry of its own)."""
        now = self._clock()
        with self._lock:
            self._global.append(now)
            entry = self._addresses.get(address)
            if entry is None:
                if len(self._addresses) >= MAX_ADDRESSES:
                    self._prune(now)
                    if len(self._addresses) >= MAX_ADDRESSES:
                        # Dict order is insertion order: the oldest address goes.
                        self._addresses.pop(next(iter(self._addresses)))
                entry = self._addresses[address] = _Address()
            self._age(entry.failures, now, ADDRESS_WINDOW_S)
            if len(entry.failures) < ADDRESS_FAILURES and now >= entry.blocked_until:
                entry.level = 0  # the earlier series aged out: start again from the base
            entry.failures.append(now)
            if len(entry.failures) >= ADDRESS_FAILURES:
                return entry.block(now)
            return None

    def prune(self) -> int:
        """Forget addresses with nothing left in the window and no wait pending."""
        with self._lock:
            return self._prune(self._clock())

    def _prune(self, now: float) -> int:
        stale = [address for address, entry in self._addresses.items()
                 if now >= entry.blocked_until
                 and (not entry.failures or entry.failures[-1] <= now - ADDRESS_WINDOW_S)]
        for address in stale:
            del self._addresses[address]
        self._age(self._global, now, GLOBAL_WINDOW_S)
        return len(stale)

    @staticmethod
    def _age(window: deque[float], now: float, span: float) -> None:
        while window and window[0] <= now - span:
            window.popleft()
