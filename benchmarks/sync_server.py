"""The HQ server as `lawdesk hq serve` runs it, plus one plain PUT endpoint for the sync
benchmark's yardstick: `curl -T FILE URL/bench/put/NAME` streams the body to a file on the
same server, with no protocol, no hashing and no database, so the comparison shows what the
tus upload's checks cost.

    python benchmarks/sync_server.py --data-dir DIR [--db URL] [--port 0]

Prints the server's address as its first line, like `lawdesk hq serve`.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from fastapi import Request
from starlette.concurrency import run_in_threadpool

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def add_plain_put(app, folder: Path) -> None:  # noqa: ANN001
    folder.mkdir(parents=True, exist_ok=True)

    @app.put("/bench/put/{name}", include_in_schema=False)
    async def put(name: str, request: Request) -> dict:
        path = folder / Path(name).name
        handle = open(path, "wb")  # noqa: SIM115 - closed below, after the stream ends
        size = 0
        try:
            async for chunk in request.stream():
                size += len(chunk)
                await run_in_threadpool(handle.write, chunk)
            await run_in_threadpool(os.fsync, handle.fileno())
        finally:
            handle.close()
        return {"bytes": size}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True, type=Path)
    parser.add_argument("--db")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    from hq.server import serve
    from lawdesk.workspace import Workspace
    options = {"db_url": args.db} if args.db else {}
    workspace = Workspace.open(args.data_dir, create=True, **options)
    workspace.create_identity()
    serve(workspace, host="127.0.0.1", port=args.port,
          announce=lambda url: print(url, flush=True),
          customise=lambda app: add_plain_put(app, args.data_dir / "bench-put"))


if __name__ == "__main__":
    main()
