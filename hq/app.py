"""The HQ server's FastAPI application.

Each area of the API is a router module (listed in ROUTERS) over the rules in the hq
package; this module only assembles them, maps refusals to HTTP answers and publishes the
OpenAPI description at /openapi.json (browsable at /docs)."""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from core.errors import DomainError
from core.version import __version__
from hq.errors import domain_error_handler
from hq.service import HqService
from hq.tokens import TokenKeys

if TYPE_CHECKING:
    from lawdesk.workspace import Workspace

ROUTERS = ("hq.api_enroll", "hq.api_ledger", "hq.api_reference", "hq.api_files")


async def _invalid_request(_request: Request, error: RequestValidationError) -> JSONResponse:
    problems = "; ".join(
        f"{'.'.join(str(p) for p in item.get('loc', ()))}: {item.get('msg')}"
        for item in error.errors())
    return JSONResponse({"error": {"code": "invalid_request",
                                   "message": f"请求格式有误：{problems}",
                                   "message_en": f"The request is malformed: {problems}"}},
                        status_code=422)


def create_app(workspace: "Workspace") -> FastAPI:
    app = FastAPI(title="LawDesk HQ", version=__version__,
                  description="LawDesk headquarters: enrollment, ledger and reference-data "
                              "sync, resumable footage upload (tus 1.0.0).")
    app.state.hq = HqService(workspace, TokenKeys.load_or_create(workspace.keys_dir))
    app.add_exception_handler(DomainError, domain_error_handler)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    for name in ROUTERS:
        app.include_router(importlib.import_module(name).router)
    return app
