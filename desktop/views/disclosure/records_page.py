"""The disclosure records (公示记录): drafts and published records with their deadlines, red
when late and amber within two working days, narrowed by status; the review, publish and
withdraw steps on the selected record, refused inline naming the rule."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QComboBox, QPushButton, QWidget

from core.context import Context
from core.permissions import Permission
from desktop.models.columns import Column
from desktop.palette import EXPIRING, WARN
from desktop.session import UiSession
from desktop.views.disclosure.record_source import DeadlineRow, DisclosureSource
from desktop.views.disclosure.withdraw_dialog import WithdrawDialog
from desktop.widgets.feedback import Feedback, deny
from desktop.widgets.search_table import SearchableTable
from disclosure.errors import WITHHELD_REASONS
from disclosure.records import (SOON_WORKDAYS, STATUSES, DisclosureDetail, DisclosureFilter,
                                status_label)
from disclosure.workflow import approve_disclosure, publish_disclosure

# The records, the rules that name their kind and deadline, the calendar the deadlines are
# counted on, and the cases and documents a record is drafted from.
SHOWN = frozenset({"disclosure_record", "disclosure_rule", "workday_calendar_year",
                   "enforcement_case", "case_party", "case_step", "issued_document"})


class RecordsPage(SearchableTable):
    current_changed = Signal(str)   # the selected record's id; "" when none

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        lang = session.language
        super().__init__(session, lambda text: self._source(text), [
            Column(lambda: self.tr("Document number"),
                   lambda r: r.record.document_number or "", "document"),
            Column(lambda: self.tr("Case"), lambda r: r.record.case_number, "case"),
            Column(lambda: self.tr("Kind"), lambda r: r.record.kind_name(lang), "kind"),
            Column(lambda: self.tr("Status"), lambda r: self._status(r), "status"),
            Column(lambda: self.tr("Decided"), lambda r: f"{r.record.decided_on:%Y-%m-%d}",
                   "decided"),
            Column(lambda: self.tr("Deadline"), lambda r: self._deadline(r), "deadline",
                   foreground=self._colour, tooltip=lambda r: r.record.calendar_warning or ""),
            Column(lambda: self.tr("Time left"), self._left, foreground=self._colour,
                   tooltip=lambda r: r.record.calendar_warning or ""),
        ], sort="deadline",
            placeholder=QCoreApplication.translate("RecordsPage", "Case or document number"),
            count_text=QCoreApplication.translate("RecordsPage", "Records: %1"),
            name="disclosure", parent=parent)
        self.kept: str | None = None
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("disclosureStatusFilter")
        self.status_filter.addItem(self.tr("All records"), "all")
        self.status_filter.addItem(self.tr("Overdue"), "overdue")
        self.status_filter.addItem(self.tr("Due within %1 working days").replace(
            "%1", str(SOON_WORKDAYS)), "soon")
        self.status_filter.addItem(self.tr("Withdrawals due"), "withdrawals")
        for status in STATUSES:
            self.status_filter.addItem(status_label(status, lang), f"status:{status}")
        self.filters.addWidget(self.status_filter, 1)
        self.watch(self.status_filter.currentIndexChanged)
        self.add_count()
        self.tools.addStretch(1)
        self._add_actions()
        self.feedback = Feedback()
        self.feedback.setObjectName("disclosureFeedback")
        self.layout().insertWidget(1, self.feedback)
        for column, width in enumerate((190, 150, 150, 100, 90, 140)):
            self.table.setColumnWidth(column, width)
        # Reading the rows again clears the selection: that is not the user choosing none
        # (the detail would flicker empty), so it waits for the rows to pick it again.
        self._restoring = False
        self.model.modelAboutToBeReset.connect(lambda: setattr(self, "_restoring", True))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection())
        self.loaded.connect(lambda _count: self._reselect())
        session.subscribe(self, SHOWN, lambda _changes: self.reload())
        self.refresh()

    def _add_actions(self) -> None:
        prepare = self.session.can(Permission.PREPARE_DISCLOSURE)
        self.approve_button = self.add_button(self.tr("Approve"), "approveDisclosure",
                                              self.approve)
        deny(self.approve_button, self.session.can(Permission.APPROVE_DISCLOSURE),
             self.tr("Your roles do not allow approving disclosures."))
        self.publish_button = self.add_button(self.tr("Publish"), "publishDisclosure",
                                              self.publish)
        self.withdraw_button = self.add_button(self.tr("Withdraw…"), "withdrawDisclosure",
                                               self.withdraw)
        for button in (self.publish_button, self.withdraw_button):
            deny(button, prepare,
                 self.tr("Your roles do not allow publishing or withdrawing disclosures."))
        self.refresh_button = self.add_button(self.tr("Refresh"), "refreshDisclosures",
                                              self.reload)
        # A deadline passes with no change at all, as the days go by: Refresh looks again.
        self.refresh_button.setToolTip(self.tr("Deadlines pass without any change to the "
                                               "records: look again."))

    # ------------------------------------------------------------- loading
    def _filter(self, text: str) -> DisclosureFilter:
        choice = self.status_filter.currentData() or "all"
        if choice.startswith("status:"):
            return DisclosureFilter(status=choice.removeprefix("status:"), text=text)
        return DisclosureFilter(overdue=choice == "overdue",
                                due_within=SOON_WORKDAYS if choice == "soon" else None,
                                withdrawals_due=choice == "withdrawals", text=text)

    def _source(self, text: str) -> DisclosureSource:
        return DisclosureSource(self.session.ctx, self._filter(text), self.session.language)

    # ----------------------------------------------------------- selection
    def _selection(self) -> None:
        if self._restoring:
            return
        row = self.selected()
        self.kept = row.id if row is not None else None
        self.current_changed.emit(self.kept or "")

    def _reselect(self) -> None:
        """The record chosen before the rows were read again stays chosen (and its detail
        is read again: it may be what changed)."""
        kept = self.kept
        found = kept is not None and self.select_where(lambda r: r.id == kept)
        self._restoring = False
        self.current_changed.emit(kept if found else "")

    def _chosen(self) -> DeadlineRow | None:
        row = self.selected()
        if row is None:
            self.feedback.error(self.tr("Select a record in the list first."))
        return row

    # --------------------------------------------------------------- actions
    def approve(self) -> None:
        self._step(approve_disclosure, self.approve_button, self.tr("Approved for release: %1"))

    def publish(self) -> None:
        self._step(publish_disclosure, self.publish_button, self.tr("Published: %1"))

    def _step(self, service: Callable[[Context, str], DisclosureDetail], button: QPushButton,
              done: str) -> None:
        """Take a step of the workflow on the selected record; a refusal names the rule."""
        row = self._chosen()
        if row is not None:
            ctx, key = self.session.ctx, row.id
            self.session.run(self, lambda: service(ctx, key), writes=True,
                             where=self.feedback, busy=button,
                             on_done=lambda detail: self._done(done, detail))

    def withdraw(self) -> None:
        row = self._chosen()
        if row is None:
            return
        dialog = WithdrawDialog(self.session, row.record, self)
        dialog.saved.connect(lambda d: self._done(self.tr("Withdrawn: %1"), d))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _done(self, text: str, detail: DisclosureDetail) -> None:
        self.feedback.ok(text.replace("%1", detail.row.document_number or detail.row.case_number))

    # --------------------------------------------------------------- cells
    def _status(self, row: DeadlineRow) -> str:
        record = row.record
        if record.withheld:
            zh, en = WITHHELD_REASONS[record.withheld][:2]
            reason = en if self.session.language.startswith("en") else zh
            return self.tr("Not to be published (%1)").replace("%1", reason)
        return record.status_label(self.session.language)

    def _deadline(self, row: DeadlineRow) -> str:
        record = row.record
        if record.status == "published" and record.withdrawal_due:
            return self.tr("withdraw by %1").replace("%1", f"{record.withdrawal_due:%Y-%m-%d}")
        text = f"{record.deadline:%Y-%m-%d}"
        return f"{text} ⚠" if record.calendar_warning else text

    def _left(self, row: DeadlineRow) -> str:
        left = row.workdays_left
        if left is None:
            return ""
        if left > 0:
            return self.tr("%1 working days left").replace("%1", str(left))
        if left == 0:
            return self.tr("due today") if not row.late else self.tr("late")
        return self.tr("late by %1 working days").replace("%1", str(-left))

    @staticmethod
    def _colour(row: DeadlineRow):  # noqa: ANN205 - a QColor or None
        if row.late:
            return WARN
        return EXPIRING if row.due_soon else None
