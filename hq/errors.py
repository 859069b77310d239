"""Refusals HQ sends over the wire, and how any DomainError becomes an HTTP answer.

The body is always ``{"error": {"code", "message", "message_en"}}`` so the workstation can
show the refusal in its user's language without knowing every error class."""
from __future__ import annotations

from typing import Any, ClassVar

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from core.errors import AlreadyExists, DomainError, InvalidInput, NotFound
from core.permissions import PermissionDenied


class HqError(DomainError):
    status: ClassVar[int] = 400


class NotAuthenticated(HqError):
    status = 401
    code = "not_authenticated"
    zh = "请求未通过身份验证：{reason_zh}"
    en = "The request is not authenticated: {reason_en}"


class Forbidden(HqError):
    status = 403
    code = "forbidden"
    zh = "无权访问：{reason_zh}"
    en = "Not allowed: {reason_en}"


class EnrollCodeRefused(HqError):
    status = 403
    code = "enroll_code_refused"
    zh = "注册码{reason_zh}，请向总部管理员索取新的注册码"
    en = "The enrollment code {reason_en}; ask the HQ administrator for a new one"


def status_of(error: DomainError) -> int:
    if isinstance(error, HqError):
        return error.status
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, AlreadyExists):
        return 409
    if isinstance(error, InvalidInput):
        return 422
    if isinstance(error, PermissionDenied):
        return 403
    return 400


def error_body(error: DomainError) -> dict:
    return {"error": {"code": error.code, "message": error.message("zh_CN"),
                      "message_en": error.message("en")}}


async def domain_error_handler(_request: Request, error: DomainError) -> JSONResponse:
    return JSONResponse(error_body(error), status_code=status_of(error))


# ------------------------------------------------------------------ limits at the edge
class RequestTooLarge(HqError):
    status = 413
    code = "request_too_large"
    zh = "请求内容过大：发往 {path} 的请求最多 {limit} 字节{note_zh}"
    en = "The request is too large: a request to {path} takes at most {limit} bytes{note_en}"


class RequestTimeout(HqError):
    status = 408
    code = "request_timeout"
    zh = "请求内容未能在 {seconds} 秒内送达，连接已关闭"
    en = "The request's body did not arrive within {seconds} seconds; the connection is closed"


class LedgerEntryTooLarge(HqError):
    status = 413
    code = "ledger_entry_too_large"
    zh = ("审计日志第 {seq} 条的内容有 {size} 字节，超过总部的上限 {limit} 字节"
          "（总部设置项 hq.max_entry_kib）")
    en = ("Ledger entry {seq} carries {size} bytes of change, over HQ's limit of {limit} "
          "bytes (HQ setting hq.max_entry_kib)")


# ------------------------------------------------------------------ the OpenAPI description
class ErrorDetail(BaseModel):
    code: str
    message: str
    message_en: str


class ErrorOut(BaseModel):
    """Every refusal's body."""

    error: ErrorDetail


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for routes that answer these refusals (in the OpenAPI description)."""
    return {status: {"model": ErrorOut, "description": _REASONS.get(status, "Refused")}
            for status in statuses}


_REASONS = {400: "Malformed request", 401: "No valid token", 403: "Not allowed",
            404: "Not found", 408: "The body came too slowly", 409: "Conflict",
            412: "Tus-Resumable missing or unsupported", 413: "Too large",
            415: "Wrong Content-Type", 422: "Invalid request", 423: "Upload busy",
            429: "Too many attempts",
            460: "Chunk checksum mismatch", 503: "Too many connections",
            507: "No room on HQ's disk"}
