"""The HQ server's FastAPI application.

Each area of the API is a router module (listed in ROUTERS) over the rules in the hq
package; this module only assembles them, maps refusals to HTTP answers, declares those
refusals in the OpenAPI description and puts the body limits (hq.limits) in front. The
description itself (/openapi.json, /docs) is served by hq.api_docs, only as the setting
hq.api_docs allows."""
from __future__ import annotations

import importlib
from http import HTTPStatus
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from core.errors import DomainError
from core.version import __version__
from hq.errors import domain_error_handler, error_responses
from hq.limits import BodyLimit, Limits
from hq.service import HqService
from hq.tokens import TokenKeys

if TYPE_CHECKING:
    from lawdesk.workspace import Workspace

ROUTERS = ("hq.api_enroll", "hq.api_ledger", "hq.api_reference", "hq.api_files",
           "hq.api_disclosure")


async def _invalid_request(_request: Request, error: RequestValidationError) -> JSONResponse:
    problems = "; ".join(
        f"{'.'.join(str(p) for p in item.get('loc', ()))}: {item.get('msg')}"
        for item in error.errors())
    return JSONResponse({"error": {"code": "invalid_request",
                                   "message": f"请求格式有误：{problems}",
                                   "message_en": f"The request is malformed: {problems}"}},
                        status_code=422)


# The refusals every route may answer (the body limits, a malformed request, a token
# refused, a record not found or in conflict, too many attempts), and those only the tus
# routes add.
ERRORS = (400, 401, 403, 404, 408, 409, 413, 422, 429)
ROUTER_ERRORS = {"hq.api_files": (412, 415, 423, 460, 507)}


async def _http_error(_request: Request, error: StarletteHTTPException) -> JSONResponse:
    """Starlette's and FastAPI's own refusals (an unknown path, a method not allowed, a body
    that is not JSON at all) in HQ's error body too, not as {"detail": ...}."""
    phrase = HTTPStatus(error.status_code).phrase
    return JSONResponse({"error": {
        "code": phrase.lower().replace(" ", "_").replace("-", "_"),
        "message": f"请求未被接受（HTTP {error.status_code}）：{error.detail}",
        "message_en": f"The request was not accepted (HTTP {error.status_code}): {error.detail}",
    }}, status_code=error.status_code, headers=getattr(error, "headers", None))


def create_app(workspace: "Workspace", *, limits: Limits | None = None) -> FastAPI:
    """``limits``: hq.limits' defaults unless given (`hq serve` reads them from settings)."""
    # No CDN-hosted Swagger UI or ReDoc and no open description: hq.api_docs serves its own.
    app = FastAPI(title="LawDesk HQ", version=__version__,
                  description="LawDesk headquarters: enrollment, ledger and reference-data "
                              "sync, resumable footage upload (tus 1.0.0).",
                  docs_url=None, redoc_url=None, openapi_url=None)
    app.state.hq = HqService(workspace, TokenKeys.load_or_create(workspace.keys_dir))
    app.state.limits = limits = limits or Limits()
    app.add_exception_handler(DomainError, domain_error_handler)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    for name in ROUTERS:
        app.include_router(importlib.import_module(name).router,
                           responses=error_responses(*ERRORS, *ROUTER_ERRORS.get(name, ())))
    app.include_router(importlib.import_module("hq.api_docs").router)
    app.add_middleware(BodyLimit, limits=limits)
    importlib.import_module("hq.sweep").attach(app)  # expired uploads, old nonces
    return app
