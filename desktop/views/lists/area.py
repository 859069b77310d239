"""The public lists area (公示清单): one tab per list (desktop.views.lists.list_page; the
personnel list is generated, desktop.views.lists.personnel_page). The tabs are the plain
list ``pages`` of (title, page) below: another part of the area is one more entry."""
from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop.session import UiSession
from desktop.views.lists.list_page import ListPage
from desktop.views.lists.draws import DrawsPage
from desktop.views.lists.personnel_page import PersonnelPage


class ListsArea(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.pages: list[tuple[str, QWidget]] = [
            (self.tr("Enforcement items"), ListPage(session, "items")),
            (self.tr("Enforcement subjects"), ListPage(session, "subjects")),
            (self.tr("Enforcement personnel"), PersonnelPage(session)),
            (self.tr("Window staff"), ListPage(session, "window_staff")),
            (self.tr("Random inspection items"), ListPage(session, "inspection_items")),
            (self.tr("Service guides"), ListPage(session, "service_guides")),
            (self.tr("Random inspection draws"), DrawsPage(session)),
        ]
        self.tabs = QTabWidget()
        self.tabs.setObjectName("listsTabs")
        for title, page in self.pages:
            self.tabs.addTab(page, title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def page(self, kind: str) -> QWidget:
        """The tab of list ``kind`` (public_lists.kinds.KINDS)."""
        return next(p for _title, p in self.pages if getattr(p, "kind", None) == kind)

    @property
    def loading(self) -> bool:
        return any(getattr(page, "loading", False) for _title, page in self.pages)
