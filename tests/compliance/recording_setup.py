"""Shared set-up of the recording compliance and retention tests (not collected).

Footage comes two ways: through the real offload pipeline from a card of files whose names
carry the recording time (``offload_names``: real files in the real store), or, where a test
needs exact lengths and offload times that a body camera's random bytes cannot give, as
library rows written the way the pipeline writes them (``add_media``). The casework fixtures
(a bureau, officers, the example case, the clerk) are the casework tests' own."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from core.clock import fixed_clock
from db.models import Footage, OffloadSession

BEIJING = ZoneInfo("Asia/Shanghai")
# A bureau's stricter item list: every investigation must be recorded.
STRICT_LIST = """
[[item]]
case_type = "*"
step = "investigation"
activity_zh = "现场检查、调查取证"
activity_en = "on-site inspection and evidence collection"
mode = "required"
capture = ["出示执法证件", "现场情况"]
source = "本局音像记录事项清单（2026 年修订）第 1 项"
"""


def beijing(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=BEIJING).astimezone(timezone.utc)


def at_day(ctx, day: date, hour: int = 10):  # noqa: ANN001, ANN201
    """The same actor with the clock stopped on ``day`` (Beijing time)."""
    return replace(ctx, clock=fixed_clock(beijing(day.year, day.month, day.day, hour)))


def offload_names(admin_ctx, workspace, card: Path, names: list[str]) -> list[str]:  # noqa: ANN001
    """Offload GA/T 947 files named ``names`` (a name may start with a folder, e.g.
    IMPORTANT/...); returns their SHA-256 in the order given."""
    from devices.offload.pipeline import offload
    digests = []
    for name in names:
        path = card / (name if "/" in name else f"RECORD/{name}")
        path.parent.mkdir(parents=True, exist_ok=True)
        data = hashlib.shake_256(name.encode()).digest(10_000 + len(digests))
        path.write_bytes(data)
        digests.append(hashlib.sha256(data).hexdigest())
    result = offload(admin_ctx, workspace.store, card, device_serial="J001234")
    assert set(digests) <= {f.sha256 for f in result.files if f.sha256}
    return digests


@dataclass(frozen=True)
class Media:
    start: datetime
    seconds: float | None = 600.0
    device: str | None = "J001234"
    kind: str = "video"
    offloaded: datetime | None = None     # default: an hour after the recording ended


def add_media(workspace, *media: Media) -> list[str]:  # noqa: ANN001
    """Library rows for ``media`` as an offload records them; returns their SHA-256."""
    digests = []
    with workspace.db.write(actor="admin", action="offload.file") as session:
        run = OffloadSession(username="admin", profile="gat947", source_root="/media/card",
                             status="finished", started_at=media[0].start)
        session.add(run)
        session.flush()
        for n, item in enumerate(media):
            digest = hashlib.sha256(f"{item}-{n}".encode()).hexdigest()
            end = item.start + timedelta(seconds=item.seconds or 0)
            session.add(Footage(
                sha256=digest, size=1000 + n, kind=item.kind, original_name=f"M{n:04d}.MP4",
                device_serial=item.device, recorded_at=item.start, recorded_at_source="file_name",
                duration_s=item.seconds, session_id=run.id,
                verified_at=item.offloaded or end + timedelta(hours=1)))
            digests.append(digest)
    return digests
