"""Background sync waits: workstations that start together drift apart."""
from __future__ import annotations

import random

from desktop.background_sync import JITTER, RETRY_DELAYS_S, jittered_ms


def test_waits_vary_by_at_most_a_tenth_and_spread_a_unit_out():
    rng = random.Random(7)
    waits = [jittered_ms(60, rng.uniform) for _ in range(100)]
    assert all(60_000 * (1 - JITTER) <= wait <= 60_000 * (1 + JITTER) for wait in waits)
    # A hundred workstations started in the same second do not sync in the same second.
    assert len({wait // 1000 for wait in waits}) >= 10
    assert max(waits) - min(waits) >= 6_000


def test_the_first_retry_still_comes_well_before_the_interval():
    shortest = jittered_ms(RETRY_DELAYS_S[0], lambda low, high: high)
    assert shortest <= 16_500 < jittered_ms(60, lambda low, high: low)
