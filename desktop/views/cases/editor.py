"""One case at a time: its number and state above, then tabs for its fields, parties,
officers, steps, evidence and documents.

The case is read in a read operation and shown in every tab. A tab's save changes the
case; the editor hears of it from the change hub (as of a change made by another window
or the command line) and reads the case again, so every tab shows what is stored."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from casework.cases import CaseDetail, get_case
from casework.extensions import may_extend
from desktop.changes import Changes
from desktop.palette import WARN_STYLE
from desktop.session import UiSession
from desktop.views.cases.benchmark_tab import BenchmarkTab
from desktop.views.cases.case_file_bar import CaseFileBar
from desktop.views.cases.case_list import SHOWN as LISTED
from desktop.views.cases.case_list import deadline_text
from desktop.views.cases.documents_panel import DocumentsPanel
from desktop.views.cases.evidence_page import EvidencePage
from desktop.views.cases.extension_dialog import ExtensionDialog
from desktop.views.cases.header_page import HeaderPage
from desktop.views.cases.officers_page import OfficersPage
from desktop.views.cases.package_bar import PackageBar
from desktop.views.cases.parties_page import PartiesPage
from desktop.views.cases.steps_page import StepsPage
from desktop.widgets.enabled import set_enabled
from desktop.widgets.feedback import Feedback, deny

SHOWN = LISTED | {"evidence_link", "issued_document", "footage"}   # LISTED has extensions
# Records named by their own ids, not the case's: a new one cannot be told apart from
# another case's without reading it, so any change to them has the case read again. (A
# unit too: the case names its unit by name, not by id.)
OWN_IDS = frozenset({"case_party", "case_step", "evidence_link", "issued_document", "unit",
                     "case_deadline_extension"})


def concerns(detail: CaseDetail, changes: Changes) -> bool:
    """Whether ``changes`` may change what the editor shows of ``detail``."""
    if changes.everything or not changes.kinds.isdisjoint(OWN_IDS):
        return True
    if detail.id in changes.ids("enforcement_case"):
        return True
    if any(key.split("/")[0] == detail.id for key in changes.ids("case_officer")):
        return True   # named "case id/officer id"
    if detail.row.type_code in changes.ids("case_type"):
        return True
    # A linked file's record (its name, officer, marks) only matters to a case with evidence.
    return bool(detail.evidence) and "footage" in changes.kinds


class CaseEditor(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.detail: CaseDetail | None = None
        self.wanted: str | None = None     # the number of the case shown or being read
        self._asked = 0                     # reads asked for: only the last one's answer shows
        self.heading = QLabel(self.tr("Choose a case in the list, or open a new one."))
        self.heading.setObjectName("caseHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.summary = QLabel()
        self.summary.setObjectName("caseSummary")
        self.summary.setWordWrap(True)
        # The head's approval of an extension (延期) of the 办案期限; only heads see it (the
        # case service refuses anyone else anyway).
        self.extend_button = QPushButton(self.tr("Approve an extension…"))
        self.extend_button.setObjectName("extendDeadline")
        self.extend_button.clicked.connect(self.extend)
        self.extend_button.setVisible(False)
        self.may_extend = may_extend(session.ctx.actor.roles)
        self.feedback = Feedback()
        self.feedback.setObjectName("caseFeedback")
        self.case_file = CaseFileBar(session)     # the case file (案卷) export
        self.package = PackageBar(session)        # the evidence package (证据包) export
        self.header = HeaderPage(session)
        self.parties = PartiesPage(session)
        self.officers = OfficersPage(session)
        self.steps = StepsPage(session)
        self.evidence = EvidencePage(session)
        self.documents = DocumentsPanel(session)
        self.benchmark = BenchmarkTab(session)   # the discretion benchmark (裁量基准)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("caseTabs")
        self.tabs.addTab(self.header, self.tr("Case"))
        self.tabs.addTab(self.parties, self.tr("Parties"))
        self.tabs.addTab(self.officers, self.tr("Officers"))
        self.tabs.addTab(self.steps, self.tr("Steps"))
        self.tabs.addTab(self.evidence, self.tr("Evidence"))
        self.tabs.addTab(self.benchmark, self.tr("Discretion benchmark"))
        self.tabs.addTab(self.documents, self.tr("Documents"))
        set_enabled(self.tabs, False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.summary, 1)
        summary_row.addWidget(self.extend_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(summary_row)
        layout.addWidget(self.case_file)
        layout.addWidget(self.package)
        layout.addWidget(self.feedback)
        layout.addWidget(self.tabs, 1)
        session.subscribe(self, SHOWN, self._changed)

    @property
    def pages(self) -> tuple:
        return (self.header, self.parties, self.officers, self.steps, self.evidence,
                self.documents, self.benchmark)

    def load(self, number: str) -> None:
        """Read case ``number`` and show it when it is there."""
        self.wanted = number
        self._asked += 1
        asked, ctx = self._asked, self.session.ctx
        self.session.run(self, lambda: get_case(ctx, number), where=self.feedback,
                         on_done=lambda detail: self._loaded(asked, detail))

    def _loaded(self, asked: int, detail: CaseDetail) -> None:
        if asked == self._asked:   # else another case, or a newer reading, was asked for
            self.show_case(detail)

    def _changed(self, changes: Changes) -> None:
        if self.detail is not None and self.detail.number != self.wanted:
            return   # another case is being read: it will be current when it comes
        if self.detail is not None and concerns(self.detail, changes):
            self.load(self.detail.number)

    def show_case(self, detail: CaseDetail) -> None:
        if detail == self.detail:
            return   # read again after a change to something else: nothing to redraw
        self.detail = detail
        lang = self.session.language
        row = detail.row
        state = self.tr("closed, read-only") if row.status == "closed" else self.tr("open")
        self.heading.setText(f"{row.number} · {row.cause}")
        lead = next((o.name for o in detail.officers if o.seq == 1), "")
        self.summary.setText(self.tr("%1 · %2 · %3 · lead officer %4 · %5")
                             .replace("%1", row.type_name(lang))
                             .replace("%2", row.procedure_name(lang))
                             .replace("%3", row.unit_name).replace("%4", lead or "—")
                             .replace("%5", state))
        running = row.deadline is not None and not row.deadline.decided
        if running:
            self.summary.setText(self.summary.text() + self.tr(" · time limit %1").replace(
                "%1", deadline_text(row.deadline)))
        if running and detail.extensions:
            self.summary.setText(self.summary.text() + self.tr(" · extended by %1 days").replace(
                "%1", str(row.deadline.extended_days)))
        self.summary.setToolTip("\n".join(
            self.tr("Extended by %1 days on %2, approved by %3: %4")
            .replace("%1", str(e.days)).replace("%2", f"{e.approved_on:%Y-%m-%d}")
            .replace("%3", detail.person(e.approved_by)).replace("%4", e.reason)
            for e in detail.extensions))
        self._update_extend(detail, running)
        overdue = row.deadline is not None and row.deadline.overdue
        self.summary.setStyleSheet(WARN_STYLE if row.status == "closed" or overdue else "")
        set_enabled(self.tabs, True)
        self.case_file.show_case(detail)
        self.package.show_case(detail)
        for page in self.pages:
            page.show_case(detail)

    def _update_extend(self, detail: CaseDetail, running: bool) -> None:
        """Shown to heads while the case's limit runs and may be extended; disabled, with
        the reason on hover, when it may not be any more (the service says so too)."""
        deadline = detail.row.deadline
        shown = (self.may_extend and running and detail.row.status == "open"
                 and deadline.limit.max_extensions > 0)
        self.extend_button.setVisible(shown)
        if not shown:
            return
        if len(detail.extensions) >= deadline.limit.max_extensions:
            deny(self.extend_button, False, self.tr(
                "The case has had as many extensions as its rule allows."))
        elif deadline.overdue:
            deny(self.extend_button, False, self.tr(
                "The time limit has run out: an extension must be approved before it does."))
        else:
            deny(self.extend_button, True, "")
            self.extend_button.setToolTip(self.tr(
                "As the head of the bureau, extend the case's time limit before it runs out."))

    def extend(self) -> ExtensionDialog | None:
        """Open the head's extension dialog for the case shown."""
        if self.detail is None or self.detail.row.deadline is None:
            return None
        dialog = ExtensionDialog(self.session, self.detail, self)
        # What it did shows in the summary once the change hub has the case read again.
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
