"""The devices area: register and custody, overdue devices, the ratio standard.

Each page loads its own rows and refreshes when the records it shows change (whoever
changed them: this window, the command line, another workstation's sync), never on a tab
switch."""
from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop.session import UiSession
from desktop.views.devices.overdue import OverduePage
from desktop.views.devices.ratio_page import RatioPage
from desktop.views.devices.register import RegisterPage


class DevicesArea(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("deviceTabs")
        self.register = RegisterPage(session)
        self.overdue = OverduePage(session)
        self.ratio = RatioPage(session)
        self.tabs.addTab(self.register, self.tr("Register and custody"))
        self.tabs.addTab(self.overdue, self.tr("Overdue"))
        self.tabs.addTab(self.ratio, self.tr("Ratio standard"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
