"""The rate, time left and slow or failing recorder the officer is shown (devices.offload.rate),
with time passed in: at, below and above 5 MB/s, before and at 10 seconds."""
from __future__ import annotations

import pytest

from devices.offload.rate import (
    MIN_SPAN_S, READ_ERRORS_WARN, SLOW_BYTES_PER_S, SLOW_FOR_S, WINDOW_S, DeviceRate,
)

MB = 1_000_000
TOTAL = 16_000 * MB  # a 16 GB card


def _steady(rate: DeviceRate, bytes_per_s: float, seconds: float, *, start: float = 0.0,
            done: int = 0, step: float = 0.5) -> tuple[float, int]:
    """Reports every ``step`` seconds of a device giving ``bytes_per_s``."""
    now = start
    rate.update(now, done, TOTAL)
    ticks = round(seconds / step)
    for _ in range(ticks):
        now += step
        done += int(bytes_per_s * step)
        rate.update(now, done, TOTAL)
    return now, done


def test_the_rate_is_the_moving_windows_not_the_average_since_the_start():
    rate = DeviceRate()
    now, done = _steady(rate, 120 * MB, 30)           # USB 3 for half a minute ...
    _steady(rate, 10 * MB, WINDOW_S, start=now, done=done)  # ... then a failing cable
    assert rate.rate() == pytest.approx(10 * MB)
    assert rate.seconds_left() == pytest.approx((TOTAL - rate.done) / (10 * MB))


def test_no_rate_nor_time_left_before_a_second_is_seen():
    rate = DeviceRate()
    rate.update(0.0, 0, TOTAL)
    rate.update(MIN_SPAN_S - 0.01, 50 * MB, TOTAL)
    assert rate.rate() is None and rate.seconds_left() is None
    rate.update(MIN_SPAN_S, 60 * MB, TOTAL)
    assert rate.rate() == pytest.approx(60 * MB / MIN_SPAN_S)


def test_a_stalled_device_has_no_time_left_rather_than_an_endless_one():
    rate = DeviceRate()
    now, done = _steady(rate, 0, WINDOW_S + 1)
    assert rate.rate() == 0
    assert rate.seconds_left() is None


@pytest.mark.parametrize(("bytes_per_s", "slow"), [
    (SLOW_BYTES_PER_S - 1 * MB, True),     # below
    (SLOW_BYTES_PER_S, False),             # at: not below
    (SLOW_BYTES_PER_S + 1 * MB, False),    # above
])
def test_slow_is_below_5_mb_per_s_for_10_seconds(bytes_per_s, slow):
    rate = DeviceRate()
    _steady(rate, bytes_per_s, SLOW_FOR_S)
    assert rate.slow() is slow


def test_not_slow_before_10_seconds_even_when_nothing_comes():
    rate = DeviceRate()
    _steady(rate, 0, SLOW_FOR_S - 0.5)
    assert not rate.slow()
    rate.update(SLOW_FOR_S, 0, TOTAL)  # exactly ten seconds
    assert rate.slow()


def test_a_slow_stretch_ends_the_warning_once_the_device_speeds_up_again():
    rate = DeviceRate()
    now, done = _steady(rate, 1 * MB, SLOW_FOR_S + 2)
    assert rate.slow()
    _steady(rate, 40 * MB, 3, start=now, done=done)
    assert not rate.slow()  # 3 s at 40 MB/s lift the last 10 s above 5 MB/s


def test_the_tail_after_the_last_byte_is_not_a_slow_device():
    rate = DeviceRate()
    rate.update(0.0, 0, 100 * MB)
    rate.update(1.0, 100 * MB, 100 * MB)   # all read: the read-back and records follow
    rate.update(30.0, 100 * MB, 100 * MB)
    assert not rate.slow()


def test_repeated_read_errors_make_a_failing_device():
    rate = DeviceRate()
    for _ in range(READ_ERRORS_WARN - 1):
        rate.read_failed()
    assert not rate.failing()
    rate.read_failed()
    assert rate.failing()


def test_time_never_runs_backwards():
    rate = DeviceRate()
    rate.update(5.0, 0, TOTAL)
    rate.update(4.0, 10 * MB, TOTAL)   # a clock stepped back: taken as the same moment
    rate.update(7.0, 30 * MB, TOTAL)
    assert rate.rate() == pytest.approx(15 * MB)


def test_files_verified_earlier_are_not_the_devices_speed():
    rate = DeviceRate()
    rate.update(0.0, 0, TOTAL)
    rate.skipped(0.2, 8_000 * MB, TOTAL)  # half the card was verified by an earlier offload
    assert rate.rate() is None
    _steady(rate, 40 * MB, WINDOW_S, start=0.2, done=8_000 * MB)
    assert rate.rate() == pytest.approx(40 * MB)
