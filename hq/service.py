"""What every HQ request handler shares: the data folder, the clock, token keys, the store.

One HqService per server process, made by hq.app.create_app and reached by handlers through
the ``hq`` dependency. Handlers stay thin: the rules live in the hq modules they call."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import Header, Request

from core.clock import Clock
from db.database import Database
from db.models import HqWorkstation
from hq.enroll_throttle import EnrollThrottle
from hq.errors import Forbidden, NotAuthenticated
from hq.tokens import TokenClaims, TokenKeys

if TYPE_CHECKING:
    from hq.files import Uploads
    from lawdesk.workspace import Workspace

# How long a "this workstation is not revoked" answer is trusted before asking the database
# again: a revocation takes effect within this many seconds without a read per request.
REVOCATION_CHECK_S = 5.0


@dataclass(frozen=True)
class Caller:
    """The enrolled workstation a request comes from, as its token says."""

    workstation_id: str
    unit_id: str

    @property
    def actor(self) -> str:
        return f"ws:{self.workstation_id}"


@dataclass
class HqService:
    workspace: "Workspace"
    keys: TokenKeys
    # unit id -> (reference version, hq.reference.ReferenceData): see hq.reference.
    reference_cache: dict[str, tuple[int, Any]] = field(default_factory=dict)
    # Failed enrollments per source address and in all (hq.enroll_throttle).
    enroll_throttle: EnrollThrottle = field(default_factory=EnrollThrottle)
    # The background sweep of expired uploads and old nonces, while the server runs.
    sweeper: Any = None
    _uploads: Any = None
    _checked: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def uploads(self) -> "Uploads":
        """The process's one hq.files.Uploads (its uploads under way), made on first use:
        the HTTP handlers and the sweep must share it."""
        if self._uploads is None:
            from hq.files import Uploads
            with self._lock:
                if self._uploads is None:
                    self._uploads = Uploads(self)
        return self._uploads

    @property
    def db(self) -> Database:
        return self.workspace.db

    @property
    def clock(self) -> Clock:
        return self.workspace.clock

    @property
    def server_id(self) -> str:
        return self.workspace.workstation_id

    @property
    def store_dir(self) -> Path:
        return self.workspace.store_dir

    def _claims(self, authorization: str | None) -> TokenClaims | None:
        """The token's claims (refused when forged or expired); None when there is none."""
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None
        return self.keys.check(token.strip(), int(self.clock.now().timestamp()))

    def authenticate(self, authorization: str | None) -> Caller:
        claims = self._claims(authorization)
        if claims is None:
            raise NotAuthenticated(reason_zh="缺少令牌", reason_en="no bearer token was given")
        self._check_not_revoked(claims)
        return Caller(claims.workstation_id, claims.unit_id)

    def authenticate_cached(self, authorization: str | None) -> Caller | None:
        """``authenticate`` when it needs no database read (the revocation check is still
        fresh), else None: safe to call on the event loop."""
        claims = self._claims(authorization)
        if claims is None:
            return None
        with self._lock:
            checked = self._checked.get(claims.workstation_id)
        if checked is None or time.monotonic() - checked >= REVOCATION_CHECK_S:
            return None
        return Caller(claims.workstation_id, claims.unit_id)

    def _check_not_revoked(self, claims: TokenClaims) -> None:
        now = time.monotonic()
        with self._lock:
            checked = self._checked.get(claims.workstation_id)
        if checked is not None and now - checked < REVOCATION_CHECK_S:
            return
        with self.db.read() as session:
            workstation = session.get(HqWorkstation, claims.workstation_id)
        if workstation is None or workstation.revoked_at is not None:
            raise Forbidden(reason_zh="该工作站已被注销", reason_en="this workstation was revoked")
        if workstation.unit_id != claims.unit_id:
            raise NotAuthenticated(reason_zh="令牌与工作站所属科室不符",
                                   reason_en="the token does not match the workstation's unit")
        with self._lock:
            self._checked[claims.workstation_id] = now


def hq(request: Request) -> HqService:
    return request.app.state.hq


def caller(request: Request, authorization: str | None = Header(default=None)) -> Caller:
    """FastAPI dependency: the authenticated workstation, or 401/403."""
    return hq(request).authenticate(authorization)


async def caller_async(request: Request,
                       authorization: str | None = Header(default=None)) -> Caller:
    """``caller`` for async handlers: no trip to a worker thread unless the database must be
    asked (every chunk of an upload goes through here)."""
    from starlette.concurrency import run_in_threadpool
    service = hq(request)
    return (service.authenticate_cached(authorization)
            or await run_in_threadpool(service.authenticate, authorization))
