"""Running the HQ application under uvicorn.

The listening socket is bound before uvicorn starts, so ``--port 0`` works (the kernel picks
a free port) and the address printed is the one really listened on: scripts and tests read
it from the first line of output. The limits (hq.limits: body sizes, header and idle
timeouts, connections) are read from HQ's settings when the server starts."""
from __future__ import annotations

import importlib.util
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from core.errors import InvalidInput

if TYPE_CHECKING:
    from lawdesk.workspace import Workspace


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise InvalidInput(f"无法在 {host}:{port} 上监听：{error.strerror}",
                           f"cannot listen on {host}:{port}: {error.strerror}") from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _room_for_connections(connections: int) -> None:
    """Raise the open-file limit (soft, up to the hard one) so hq.max_connections sockets
    fit beside the database and part files; Linux's usual soft limit is 1024."""
    try:
        import resource
    except ImportError:  # Windows: no such limit on sockets
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = connections + 256
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE,
                           (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard), hard))


def _event_loop() -> str:
    """uvloop where it is installed (a pip install at HQ has it: pyproject.toml), for its
    lower per-request overhead. The frozen workstation build leaves it out
    (installers/lawdesk.spec), and Windows has none: asyncio's loop serves there."""
    if sys.platform == "win32" or importlib.util.find_spec("uvloop") is None:
        return "asyncio"
    return "uvloop"


def serve(workspace: "Workspace", *, host: str, port: int, tls_cert: Path | None = None,
          tls_key: Path | None = None, announce: Callable[[str], None] | None = None,
          customise: Callable[[Any], None] | None = None) -> None:
    """Serve until stopped. ``customise(app)`` may add routes (the sync benchmark adds a
    plain PUT endpoint to compare uploads with curl on the very same server)."""
    import uvicorn

    from hq.app import create_app
    from hq.http_protocol import limited_protocol
    from hq.limits import Limits

    if (tls_cert is None) != (tls_key is None):
        raise InvalidInput("--tls-cert 与 --tls-key 须同时给出",
                           "--tls-cert and --tls-key go together")
    for path in (tls_cert, tls_key):
        if path is not None and not Path(path).is_file():
            raise InvalidInput(f"找不到文件 {path}", f"no such file: {path}")
    sock = bind(host, port)
    scheme = "https" if tls_cert else "http"
    bound_host, bound_port = sock.getsockname()[:2]
    shown_host = f"[{bound_host}]" if ":" in bound_host else bound_host
    url = f"{scheme}://{shown_host}:{bound_port}"
    limits = Limits.from_settings(workspace.db)
    app = create_app(workspace, limits=limits)
    if customise is not None:
        customise(app)
    _room_for_connections(limits.max_connections)
    config = uvicorn.Config(
        app, log_level="warning", access_log=False,
        loop=_event_loop(),
        http=limited_protocol(header_timeout=limits.header_timeout_s,
                              max_connections=limits.max_connections),
        timeout_keep_alive=limits.keep_alive_s,
        server_header=False,  # the software and its version are nobody's business
        ssl_certfile=str(tls_cert) if tls_cert else None,
        ssl_keyfile=str(tls_key) if tls_key else None,
    )
    server = uvicorn.Server(config)
    (announce or print)(url)
    server.run(sockets=[sock])
