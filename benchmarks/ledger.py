"""The audit ledger: how fast records are written through the services (each with its
entry and signed checkpoint), and how fast `verify` re-checks a long ledger."""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.actor import Actor  # noqa: E402
from db.models import Unit  # noqa: E402
from audit.verify import verify_ledger  # noqa: E402
from lawdesk.workspace import Workspace  # noqa: E402
from organisation.units import add_unit  # noqa: E402

SINGLE = 500
BATCHES, PER_BATCH = 200, 500


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        workspace = Workspace.open(Path(scratch) / "data", create=True)
        workspace.initialise("admin", "bench-pass-1")
        ctx = workspace.context(Actor("admin", frozenset({"admin"})))
        start = time.perf_counter()
        for i in range(SINGLE):
            add_unit(ctx, f"科室{i:05d}", f"K{i:05d}")
        seconds = time.perf_counter() - start
        print(f"one change per transaction (service call, entry, signed checkpoint, fsync): "
              f"{SINGLE / seconds:.0f} per second")
        start = time.perf_counter()
        for batch in range(BATCHES):
            with ctx.write("bench.bulk") as session:
                session.add_all(Unit(name=f"批{batch:04d}-{i:04d}", short_name=f"B{batch:04d}{i:04d}")
                                for i in range(PER_BATCH))
        seconds = time.perf_counter() - start
        total = BATCHES * PER_BATCH
        print(f"{PER_BATCH} changes per transaction: {total / seconds:.0f} entries per second")
        start = time.perf_counter()
        report = verify_ledger(workspace.db, head_file=workspace.head_file)
        seconds = time.perf_counter() - start
        print(f"verify {report.entries} entries and {report.checkpoints} checkpoints: "
              f"{seconds:.2f} s ({report.entries / seconds:.0f} entries per second), "
              f"intact={report.intact}")
        workspace.close()


if __name__ == "__main__":
    main()
