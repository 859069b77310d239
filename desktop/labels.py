"""Translated names for the domain's codes (roles, statuses), kept in one place.

Written out as QCoreApplication.translate calls so Qt's lupdate finds every text."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

ROLES = ("admin", "clerk", "custodian", "officer", "reviewer", "head")
CERTIFICATE_STATUSES = ("active", "suspended", "revoked")


def role_label(role: str) -> str:
    labels = {
        "admin": QCoreApplication.translate("Labels", "Administrator"),
        "clerk": QCoreApplication.translate("Labels", "Clerk"),
        "custodian": QCoreApplication.translate("Labels", "Device custodian"),
        "officer": QCoreApplication.translate("Labels", "Enforcement officer"),
        "reviewer": QCoreApplication.translate("Labels", "Legal reviewer"),
        "head": QCoreApplication.translate("Labels", "Bureau head"),
    }
    return labels.get(role, role)


def certificate_status_label(status: str | None) -> str:
    labels = {
        "active": QCoreApplication.translate("Labels", "Active"),
        "suspended": QCoreApplication.translate("Labels", "Suspended"),
        "revoked": QCoreApplication.translate("Labels", "Revoked"),
        None: QCoreApplication.translate("Labels", "No certificate"),
    }
    return labels.get(status, status or "")


def certification_short_label(reason: str) -> str:
    """The 持证上岗 verdict in a word or two, for a table cell."""
    labels = {
        "certified": QCoreApplication.translate("Labels", "May enforce"),
        "no_certificate": QCoreApplication.translate("Labels", "No certificate"),
        "not_yet_valid": QCoreApplication.translate("Labels", "Not yet valid"),
        "expired": QCoreApplication.translate("Labels", "Expired"),
        "suspended": QCoreApplication.translate("Labels", "Suspended"),
        "revoked": QCoreApplication.translate("Labels", "Revoked"),
    }
    return labels.get(reason, reason)


def value_text(field: str, value: object) -> str:
    if value is True:
        return QCoreApplication.translate("Fields", "yes")
    if value is False:
        return QCoreApplication.translate("Fields", "no")
    if value is None:
        return "—"
    if value == "[redacted]":
        return QCoreApplication.translate("Fields", "(hidden)")
    if field == "role":
        return role_label(str(value))
    if field == "status":
        return certificate_status_label(str(value))
    return str(value)
