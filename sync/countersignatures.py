"""HQ's countersignatures of this workstation's checkpoints, fetched after each ledger push
and kept for evidence packages (hq.countersign says what they prove).

Each one is checked before it is kept: signed by the server this workstation is enrolled
at, over a checkpoint this workstation signed itself with the same head hash. The server's
key is learnt from the first answer and pinned: an answer under another key is refused,
since a package would otherwise carry countersignatures a reader cannot tie to one HQ.

Kept in hq_countersignature, outside the ledger: a countersignature proves itself (HQ's
signature over the checkpoint), and recording it in the ledger would make every pass write
entries whose checkpoints need countersigning in turn.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from audit.chain import countersignature_message
from audit.keys import load_public_key, verify_signature
from core.errors import DomainError
from db.models import Checkpoint, HqCountersignature, SyncLink
from db.models.sync import SINGLE_ROW
from sync.client import HqClient

if TYPE_CHECKING:
    from lawdesk.workspace import Workspace

# Answers per pass at most (each up to hq.countersign.COUNTERSIGN_BATCH): a workstation
# years behind catches up over a few passes instead of holding one pass for minutes.
MAX_ANSWERS = 100


class CountersignatureRefused(DomainError):
    code = "countersignature_refused"
    zh = "总部对第 {seq} 条检查点的副署无效：{why_zh}。未保存，请联系总部管理员"
    en = ("HQ's countersignature of the checkpoint at entry {seq} is not valid: {why_en}. "
          "Nothing was kept; tell the HQ administrator")


@dataclass
class CountersignOutcome:
    kept: int = 0


def _newest(workspace: "Workspace") -> tuple[int, str | None]:
    with workspace.db.read() as session:
        seq = session.execute(select(func.max(HqCountersignature.seq))).scalar() or 0
        key = session.execute(select(HqCountersignature.public_key)
                              .order_by(HqCountersignature.seq.desc()).limit(1)).scalar()
        return seq, key


def _well_formed(item: Any) -> bool:  # noqa: ANN401
    return (isinstance(item, dict) and isinstance(item.get("seq"), int)
            and all(isinstance(item.get(k), str) for k in ("head_hash", "at", "signature")))


def _checked(workspace: "Workspace", answer: dict[str, Any], server_id: str,
             pinned: str | None) -> list[dict[str, Any]]:
    """The answer's countersignatures, each verified against our own checkpoints."""
    items = answer.get("countersignatures")
    if not isinstance(items, list) or not all(_well_formed(item) for item in items):
        raise CountersignatureRefused(seq="?", why_zh="总部的答复格式不正确",
                                      why_en="HQ's answer is malformed")
    first = items[0]["seq"] if items else 0

    def refuse(seq: int, zh: str, en: str) -> CountersignatureRefused:
        return CountersignatureRefused(seq=seq, why_zh=zh, why_en=en)

    if answer.get("server") != server_id:
        raise refuse(first, "签署的服务器不是本工作站注册的总部",
                     "it comes from another server than the HQ this workstation enrolled at")
    if pinned is not None and answer.get("public_key") != pinned:
        raise refuse(first, "总部的签名密钥与以前的不同",
                     "HQ's signing key differs from the one it signed with before")
    try:
        key = load_public_key(answer["public_key"])
    except (KeyError, TypeError, ValueError):
        raise refuse(first, "总部的公钥无法读取", "HQ's public key cannot be read") from None
    with workspace.db.read() as session:
        ours = dict(session.execute(
            select(Checkpoint.seq, Checkpoint.head_hash)
            .where(Checkpoint.seq.in_([item["seq"] for item in items]))).all())
    for item in items:
        seq = item["seq"]
        if ours.get(seq) != item["head_hash"]:
            raise refuse(seq, "总部签署的日志头与本工作站的不同",
                         "the head hash HQ signed differs from this workstation's own")
        message = countersignature_message(server_id, workspace.workstation_id, seq,
                                           item["head_hash"], item["at"])
        if not verify_signature(key, item["signature"], message):
            raise refuse(seq, "签名与总部公钥不符", "the signature does not match HQ's key")
    return items


def fetch_countersignatures(workspace: "Workspace", client: HqClient) -> CountersignOutcome:
    """Fetch and keep every countersignature HQ has for us beyond the newest one kept."""
    outcome = CountersignOutcome()
    with workspace.db.read() as session:
        server_id = session.get(SyncLink, SINGLE_ROW).server_id
    after, pinned = _newest(workspace)
    for _ in range(MAX_ANSWERS):
        answer = client.get_json("ledger/countersignatures", params={"after": after})
        items = _checked(workspace, answer, server_id, pinned)
        if items:
            now = workspace.clock.now()
            with workspace.db.write(actor="sync", action="sync.countersignatures") as session:
                session.add_all(HqCountersignature(
                    seq=item["seq"], head_hash=item["head_hash"], at=item["at"],
                    server_id=server_id, public_key=answer["public_key"],
                    signature=item["signature"], received_at=now) for item in items)
            outcome.kept += len(items)
            after, pinned = items[-1]["seq"], answer["public_key"]
        if not answer.get("more") or not items:
            break
    return outcome
