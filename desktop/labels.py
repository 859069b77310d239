"""Translated names for the domain's codes (roles, statuses), kept in one place.

Written out as QCoreApplication.translate calls so Qt's lupdate finds every text."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

ROLES = ("admin", "clerk", "custodian", "officer", "reviewer")
CERTIFICATE_STATUSES = ("active", "suspended", "revoked")


def role_label(role: str) -> str:
    labels = {
        "admin": QCoreApplication.translate("Labels", "Administrator"),
        "clerk": QCoreApplication.translate("Labels", "Clerk"),
        "custodian": QCoreApplication.translate("Labels", "Device custodian"),
        "officer": QCoreApplication.translate("Labels", "Enforcement officer"),
        "reviewer": QCoreApplication.translate("Labels", "Legal reviewer"),
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
