"""The administration area: units, officers, accounts, audit log, settings. Each page
keeps itself current from the change hub, so switching tabs reloads nothing."""
from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from core.permissions import Permission
from desktop.session import UiSession
from desktop.views.admin.accounts import AccountsPage
from desktop.views.admin.audit_log import AuditLogPage
from desktop.views.admin.officers import OfficersPage
from desktop.views.admin.settings_page import SettingsPage
from desktop.views.admin.units import UnitsPage


class AdminArea(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("adminTabs")
        self.officers = OfficersPage(session)
        self.units = UnitsPage(session)
        self.tabs.addTab(self.officers, self.tr("Officers and certificates"))
        self.tabs.addTab(self.units, self.tr("Units"))
        self.accounts = self.audit_log = None
        if session.can(Permission.MANAGE_ACCOUNTS):
            self.accounts = AccountsPage(session)
            self.tabs.addTab(self.accounts, self.tr("User accounts"))
        if session.can(Permission.VIEW_AUDIT_LOG):
            self.audit_log = AuditLogPage(session)
            self.tabs.addTab(self.audit_log, self.tr("Audit log"))
        self.settings = SettingsPage(session)
        self.tabs.addTab(self.settings, self.tr("Settings"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
