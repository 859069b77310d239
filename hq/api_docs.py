"""HTTP: HQ's API description, for HQ's administrators only, from HQ itself.

The setting hq.api_docs decides: "off" (the default) answers 404 at /docs and
/openapi.json; "admin" serves them to a request carrying an HQ user's name and password
(HTTP Basic, so a browser asks for them) whose account may administer HQ. The login is the
ordinary one (accounts.users.authenticate): audited, and slowed down after failures.

/docs is a page of HQ's own, rendered here from the OpenAPI description: plain HTML with
no script and nothing fetched from elsewhere, so it works on a bureau's offline network and
cannot pull code from a CDN. /redoc is not served."""
from __future__ import annotations

import base64
import binascii
import html
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from accounts.users import authenticate
from config.settings import get_setting
from core.errors import DomainError, NotFound
from core.permissions import Permission, PermissionDenied, require
from hq.errors import NotAuthenticated, error_body, status_of
from hq.service import hq

router = APIRouter(include_in_schema=False)

REALM = 'Basic realm="LawDesk HQ", charset="UTF-8"'
# The page's own styles only: no script, no image, no font, nothing from elsewhere.
POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def _credentials(header: str | None) -> tuple[str, str] | None:
    scheme, _, value = (header or "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        username, colon, password = base64.b64decode(value.strip(), validate=True) \
            .decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return (username, password) if colon and username else None


def _admit(request: Request) -> Response | None:
    """None when the request may see the description, else the answer to give."""
    service = hq(request)
    if get_setting(service.db, "hq.api_docs") != "admin":
        error: DomainError = NotFound("接口说明", "API description", request.url.path)
        return JSONResponse(error_body(error), status_code=404)
    given = _credentials(request.headers.get("authorization"))
    if given is None:
        error = NotAuthenticated(reason_zh="须提供总部管理员的用户名和密码",
                                 reason_en="an HQ administrator's user name and password "
                                           "are needed")
        return JSONResponse(error_body(error), status_code=401,
                            headers={"WWW-Authenticate": REALM})
    try:
        actor = authenticate(service.db, service.clock, *given)
        require(actor, Permission.MANAGE_HQ)
    except PermissionDenied as refused:
        return JSONResponse(error_body(refused), status_code=status_of(refused))
    except DomainError as refused:  # wrong password, throttled, disabled: ask again
        error = NotAuthenticated(reason_zh=refused.message("zh_CN"),
                                 reason_en=refused.message("en"))
        return JSONResponse(error_body(error), status_code=401,
                            headers={"WWW-Authenticate": REALM})
    return None


@router.get("/openapi.json")
async def openapi_json(request: Request) -> Response:
    refused = await run_in_threadpool(_admit, request)
    if refused is not None:
        return refused
    return JSONResponse(request.app.openapi(), headers={"Cache-Control": "no-store"})


@router.get("/docs")
async def docs_page(request: Request) -> Response:
    refused = await run_in_threadpool(_admit, request)
    if refused is not None:
        return refused
    return HTMLResponse(render(request.app.openapi()), headers={
        "Content-Security-Policy": POLICY, "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff"})


# ------------------------------------------------------------------------------ the page
STYLE = """body{font:15px/1.5 system-ui,sans-serif;margin:2em auto;max-width:60em;padding:0 1em}
section{border-top:1px solid #ccc;padding:.5em 0}code{background:#f3f3f3;padding:0 .2em}
.m{font-weight:bold;display:inline-block;min-width:5em}table{border-collapse:collapse}
td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:top}"""


def _e(value: Any) -> str:
    return html.escape(str(value))


def _type(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            return " | ".join(_type(s) for s in schema[key])
    if schema.get("type") == "array":
        return f"[{_type(schema.get('items', {}))}]"
    return str(schema.get("type", "any"))


def _operation(method: str, path: str, op: dict[str, Any]) -> str:
    parts = [f"<section><h3><span class=m>{_e(method.upper())}</span> <code>{_e(path)}</code>"
             f"</h3>"]
    if op.get("description") or op.get("summary"):
        parts.append(f"<p>{_e(op.get('description') or op.get('summary'))}</p>")
    params = op.get("parameters", [])
    if params:
        parts.append("<table><tr><th>parameter</th><th>in</th><th>type</th></tr>")
        parts += [f"<tr><td>{_e(p['name'])}{' *' if p.get('required') else ''}</td>"
                  f"<td>{_e(p.get('in'))}</td><td>{_e(_type(p.get('schema', {})))}</td></tr>"
                  for p in params]
        parts.append("</table>")
    body = op.get("requestBody", {}).get("content", {})
    for media, content in body.items():
        parts.append(f"<p>body ({_e(media)}): <code>{_e(_type(content.get('schema', {})))}"
                     "</code></p>")
    answers = []
    for status, response in op.get("responses", {}).items():
        schemas = [_type(c.get("schema", {})) for c in response.get("content", {}).values()]
        answers.append(f"<li><b>{_e(status)}</b> {_e(response.get('description', ''))}"
                       + (f" <code>{_e(schemas[0])}</code>" if schemas else "") + "</li>")
    parts.append(f"<ul>{''.join(answers)}</ul></section>")
    return "".join(parts)


def _schema(name: str, schema: dict[str, Any]) -> str:
    required = set(schema.get("required", ()))
    rows = "".join(f"<tr><td>{_e(field)}{' *' if field in required else ''}</td>"
                   f"<td>{_e(_type(spec))}</td></tr>"
                   for field, spec in schema.get("properties", {}).items())
    return f"<section id='{_e(name)}'><h3>{_e(name)}</h3><table>{rows}</table></section>"


def render(description: dict[str, Any]) -> str:
    info = description.get("info", {})
    operations = [_operation(method, path, op)
                  for path, methods in description.get("paths", {}).items()
                  for method, op in methods.items()]
    schemas = [_schema(name, schema) for name, schema
               in description.get("components", {}).get("schemas", {}).items()]
    return (f"<!doctype html><html lang=en><head><meta charset=utf-8>"
            f"<title>{_e(info.get('title', 'API'))}</title><style>{STYLE}</style></head><body>"
            f"<h1>{_e(info.get('title', ''))} {_e(info.get('version', ''))}</h1>"
            f"<p>{_e(info.get('description', ''))}</p>"
            "<p><a href='/openapi.json'>openapi.json</a> · * required · the protocol in "
            "full: sync/protocol.py</p>"
            f"<h2>Endpoints</h2>{''.join(operations)}<h2>Schemas</h2>{''.join(schemas)}"
            "</body></html>")
