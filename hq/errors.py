"""Refusals HQ sends over the wire, and how any DomainError becomes an HTTP answer.

The body is always ``{"error": {"code", "message", "message_en"}}`` so the workstation can
show the refusal in its user's language without knowing every error class."""
from __future__ import annotations

from typing import ClassVar

from fastapi import Request
from fastapi.responses import JSONResponse

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
