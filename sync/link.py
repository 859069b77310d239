"""This workstation's enrollment at HQ: making it, reading it, and the client it implies."""
from __future__ import annotations

import platform
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sqlalchemy import func, select

from core.context import Context
from core.errors import AlreadyExists, DomainError, InvalidInput
from core.permissions import Permission, require
from db.database import Database
from db.models import LedgerEntry, SyncLink, SyncProgress
from db.models.sync import SINGLE_ROW
from sync.client import Credentials, HqClient
from sync.clock import clock_recorder

if TYPE_CHECKING:
    from lawdesk.workspace import Workspace



class NotEnrolled(DomainError):
    code = "not_enrolled"
    zh = "本工作站尚未注册到总部：请先运行 lawdesk sync enroll --server 地址 --code 注册码"
    en = "This workstation is not enrolled at HQ: run lawdesk sync enroll --server URL --code CODE"


class WrongServer(DomainError):
    code = "wrong_server"
    zh = "{url} 上的服务与注册时的总部（{expected}）不是同一个"
    en = "The server at {url} is not the HQ this workstation enrolled with ({expected})"


def check_server_url(url: str) -> str:
    try:
        parts = urlsplit(url.strip())
        usable = parts.scheme in ("http", "https") and bool(parts.hostname)
        parts.port  # noqa: B018 - raises for a port out of range or not a number
    except ValueError:  # an unclosed "[" of an IPv6 address, a port of "x" …
        usable = False
    if not usable:
        raise InvalidInput(f"服务器地址“{url}”无效，应如 https://hq.example:8765",
                           f"'{url}' is not a server address (like https://hq.example:8765)")
    return url.strip().rstrip("/")


@dataclass(frozen=True)
class Link:
    server_url: str
    unit_id: str
    server_id: str
    enrolled_at: datetime
    enrolled_at_seq: int
    ca_file: str | None


def get_link(db: Database) -> Link | None:
    with db.read() as session:
        row = session.get(SyncLink, SINGLE_ROW)
        if row is None:
            return None
        return Link(row.server_url, row.unit_id, row.server_id, row.enrolled_at,
                    row.enrolled_at_seq, row.ca_file)


def require_link(db: Database) -> Link:
    link = get_link(db)
    if link is None:
        raise NotEnrolled()
    return link


def client_for(workspace: "Workspace", link: Link) -> HqClient:
    credentials = Credentials(workspace.workstation_id, workspace.audit.signer,
                              workspace.clock.now, on_clock=clock_recorder(workspace.db))
    return HqClient(link.server_url, credentials=credentials, ca_file=link.ca_file)


def enroll(ctx: Context, workspace: "Workspace", *, server_url: str, code: str,
           ca_file: Path | None = None, name: str | None = None) -> Link:
    """Register this workstation and its public key at HQ with a one-time code."""
    require(ctx.actor, Permission.MANAGE_SYNC)
    url = check_server_url(server_url)
    existing = get_link(ctx.db)
    if existing is not None:
        raise AlreadyExists("总部注册", "enrollment at HQ", existing.server_url)
    if ca_file is not None and not Path(ca_file).is_file():
        raise InvalidInput(f"找不到证书文件 {ca_file}", f"no such CA file: {ca_file}")
    ca = str(Path(ca_file).resolve()) if ca_file else None
    with HqClient(url, ca_file=ca) as client:
        answer = client.post_json("enroll", {
            "code": code, "workstation_id": workspace.workstation_id,
            "public_key": workspace.audit.signer.public_hex,
            "name": (name or platform.node() or None)}, authenticated=False)
    now = ctx.clock.now()
    with ctx.write("sync.enroll") as session:
        head = session.execute(select(func.max(LedgerEntry.seq))).scalar() or 0
        session.add(SyncLink(id=SINGLE_ROW, server_url=url, unit_id=answer["unit"]["id"],
                             server_id=answer["server_id"], enrolled_at=now,
                             enrolled_by=ctx.actor.username, enrolled_at_seq=head,
                             ca_file=ca))
        if session.get(SyncProgress, SINGLE_ROW) is None:
            session.add(SyncProgress(id=SINGLE_ROW, ledger_sent_seq=0))
    return require_link(ctx.db)
