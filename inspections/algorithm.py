"""The double-random draw itself: a pure function of its public inputs, nothing else.

docs/double-random-draw.md specifies it for someone re-implementing it elsewhere; in short:

1. ``seed = SHA-256(canonical JSON of the inputs)`` (core.canonical: keys sorted, no
   spaces, UTF-8, non-ASCII as is). Any change of any input changes the seed.
2. A byte stream: block i (i = 0, 1, ...) is SHA-256(seed bytes || i as 8 bytes,
   big-endian); the stream is block 0, block 1, ...
3. A uniform integer below n: the next 4 stream bytes as a big-endian unsigned x; if
   x < 2^32 - (2^32 mod n) the answer is x mod n, else x is discarded and the next 4 bytes
   tried (rejection sampling, so no remainder is favoured).
4. Targets: the pool sorted by USCC; k = the count, or ceil(N x ratio) in exact decimal
   arithmetic; for i = 0 .. k-1: j = i + below(N - i), swap positions i and j. The first k
   positions, in that order, are the drawn targets.
5. Inspectors: the pool sorted by certificate number. For each drawn target in draw order,
   ``inspectors_per_target`` times: the candidates are the pool's officers not recused for
   this target and not already chosen for it, narrowed to those with the fewest
   assignments so far (balance); the chosen one is candidates[below(len(candidates))].

Python's ``random`` is never used: its generator is not specified across versions.
"""
from __future__ import annotations

import hashlib
import math
from decimal import Decimal, InvalidOperation
from typing import Any

from core.canonical import canonical_bytes
from core.errors import InvalidInput

ALGORITHM = "lawdesk-double-random/1"
INSPECTORS_PER_TARGET = 2
_SPAN = 2 ** 32


def seed_of(inputs: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_bytes(inputs)).hexdigest()


def result_sha256(result: list[dict[str, Any]]) -> str:
    return hashlib.sha256(canonical_bytes(result)).hexdigest()


class Stream:
    """The counter-mode SHA-256 byte stream of a seed, read as uniform integers."""

    def __init__(self, seed_hex: str) -> None:
        self._key = bytes.fromhex(seed_hex)
        self._counter = 0
        self._buffer = b""

    def _take(self, size: int) -> bytes:
        while len(self._buffer) < size:
            self._buffer += hashlib.sha256(
                self._key + self._counter.to_bytes(8, "big")).digest()
            self._counter += 1
        taken, self._buffer = self._buffer[:size], self._buffer[size:]
        return taken

    def below(self, n: int) -> int:
        if n < 1:
            raise ValueError("below() needs n >= 1")
        limit = _SPAN - (_SPAN % n)
        while True:
            x = int.from_bytes(self._take(4), "big")
            if x < limit:
                return x % n


def parse_ratio(text: str) -> Decimal:
    """A ratio as typed: a decimal fraction ("0.05") or a percentage ("5%"), 0 < r <= 1."""
    cleaned = text.strip().replace("％", "%")
    try:
        value = Decimal(cleaned[:-1]) / 100 if cleaned.endswith("%") else Decimal(cleaned)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or not (0 < value <= 1):
        raise InvalidInput(f"抽查比例“{text}”无效：应为 0 到 1 之间的小数（如 0.05）"
                           "或百分比（如 5%）",
                           f"the ratio '{text}' is not valid: give a fraction between 0 and 1 "
                           "(e.g. 0.05) or a percentage (e.g. 5%)")
    return value


def how_many(selection: dict[str, Any], pool_size: int) -> int:
    """k: the count, or ceil(N x ratio) computed exactly (the ratio is decimal text)."""
    if "count" in selection:
        return int(selection["count"])
    return min(pool_size, math.ceil(Decimal(selection["ratio"]) * pool_size))


def eligible(pool: list[str], recused: set[tuple[str, str]], uscc: str) -> list[str]:
    return [cert for cert in pool if (cert, uscc) not in recused]


def run_draw(inputs: dict[str, Any], seed: str | None = None) -> list[dict[str, Any]]:
    """The drawn targets in draw order, each {"uscc", "inspectors": [certificate, ...]}.

    ``inputs`` as inspections.inputs builds them; the caller has checked that every target
    keeps enough eligible inspectors (inspections.inputs.check_inspectors)."""
    stream = Stream(seed or seed_of(inputs))
    targets = sorted(t["uscc"] for t in inputs["targets"])
    k = how_many(inputs["selection"], len(targets))
    for i in range(k):
        j = i + stream.below(len(targets) - i)
        targets[i], targets[j] = targets[j], targets[i]
    pool = sorted(o["certificate"] for o in inputs["inspectors"])
    recused = {(r["certificate"], r["uscc"]) for r in inputs["recusals"]}
    load = {cert: 0 for cert in pool}
    result = []
    for uscc in targets[:k]:
        chosen: list[str] = []
        for _ in range(inputs["inspectors_per_target"]):
            candidates = [c for c in eligible(pool, recused, uscc) if c not in chosen]
            fewest = min(load[c] for c in candidates)
            candidates = [c for c in candidates if load[c] == fewest]
            pick = candidates[stream.below(len(candidates))]
            chosen.append(pick)
            load[pick] += 1
        result.append({"uscc": uscc, "inspectors": chosen})
    return result
