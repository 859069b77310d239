"""The reviews as a list (法制审核): a reviewer's queue, every review, the overdue ones, or
those awaiting the bureau head's coordination, the soonest due first, overdue in red.

Which lists there are follows the actor's roles. A case with no review yet (nothing handed
in) is opened by its number."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from core.permissions import Permission
from desktop.models.columns import Column
from desktop.models.loaded_list import LoadedListModel
from desktop.palette import EXPIRING, WARN
from desktop.session import UiSession
from desktop.widgets.feedback import Feedback
from desktop.widgets.table_page import TablePage
from review.queries import ReviewRow, disputes, list_reviews, review_queue
from review.states import IN_REVIEW, SUBMITTED

# What the list shows: the reviews, and the cases they name (number, cause).
SHOWN = frozenset({"case_review", "review_step", "enforcement_case"})
SOON_DAYS = 2   # due within this many calendar days: amber


class ReviewListPage(TablePage):
    case_chosen = Signal(str)    # a case number

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        lang = session.language
        self.today = session.ctx.clock.today()
        self.which = QComboBox()
        self.which.setObjectName("reviewListChoice")
        for key, text in self._lists():
            self.which.addItem(text, key)
        self.tools.addWidget(self.which)
        self.summary = QLabel()
        self.summary.setObjectName("reviewListSummary")
        self.tools.addWidget(self.summary, 1)
        self.number = QLineEdit()
        self.number.setObjectName("reviewCaseNumber")
        self.number.setPlaceholderText(self.tr("Case number"))
        self.number.setClearButtonEnabled(True)
        self.number.returnPressed.connect(self._open_number)
        self.tools.addWidget(self.number)
        self.open_button = self.add_button(self.tr("Open"), "openReviewCase", self._open_number)
        self.feedback = Feedback()
        self.feedback.setObjectName("reviewListFeedback")
        self.layout().insertWidget(1, self.feedback)
        self.chosen: str = self.which.currentData()   # the list shown (read off the UI thread)
        self.model: LoadedListModel[ReviewRow] = LoadedListModel(
            session, self, self._read, [
                Column(lambda: self.tr("Case"), lambda r: r.case_number),
                Column(lambda: self.tr("Cause"), lambda r: r.cause, tooltip=lambda r: r.cause),
                Column(lambda: self.tr("State"), lambda r: r.state_name(lang)),
                Column(lambda: self.tr("Due on"), lambda r: self._due(r),
                       foreground=self._due_colour, tooltip=lambda r: r.warning(lang) or ""),
                Column(lambda: self.tr("Reviewer"), lambda r: r.reviewer or ""),
                Column(lambda: self.tr("Round"), lambda r: r.round or ""),
            ], where=self.feedback)
        self.table.setObjectName("reviewTable")
        self.table.setModel(self.model)
        for column, width in enumerate((150, 220, 110, 130, 90)):
            self.table.setColumnWidth(column, width)
        self.model.loaded.connect(self._loaded)
        self.which.currentIndexChanged.connect(self._list_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.table.doubleClicked.connect(lambda _: self._selected())
        session.subscribe(self, SHOWN, lambda _changes: self.model.reload())
        self.model.reload()

    @property
    def loading(self) -> bool:
        return self.model.loading

    # ------------------------------------------------------------ the lists
    def _lists(self) -> list[tuple[str, str]]:
        lists = []
        if self.session.can(Permission.REVIEW_CASES):
            lists.append(("queue", self.tr("My queue: submitted and in review")))
        if self.session.can(Permission.DECIDE_REVIEW_DISPUTE):
            lists.append(("disputes", self.tr("Awaiting coordination")))
        lists += [("all", self.tr("All reviews")), ("overdue", self.tr("Overdue reviews"))]
        return lists

    def _read(self) -> list[ReviewRow]:
        """On a worker thread: the list chosen when the reload was asked for."""
        ctx, chosen = self.session.ctx, self.chosen
        if chosen == "queue":
            return review_queue(ctx)
        if chosen == "disputes":
            return disputes(ctx)
        return list_reviews(ctx, overdue=chosen == "overdue")

    def _list_changed(self) -> None:
        self.chosen = self.which.currentData()
        self.model.reload()

    def _loaded(self, count: int) -> None:
        rows = (self.model.row(i) for i in range(count))
        late = sum(1 for r in rows if r is not None and r.overdue)
        text = self.tr("Reviews: %1").replace("%1", str(count))
        if late:
            text += self.tr(" · overdue: %1").replace("%1", str(late))
        self.summary.setText(text)

    # ------------------------------------------------------------ due dates
    def _due(self, row: ReviewRow) -> str:
        if row.due_on is None:
            return ""
        text = f"{row.due_on:%Y-%m-%d}"
        if row.overdue:
            text += self.tr(" (overdue)")
        elif row.extended:
            text += self.tr(" (extended)")
        return text + (" ⚠" if row.fallback_years else "")

    def _due_colour(self, row: ReviewRow):  # noqa: ANN202 - a QColor or None
        if row.overdue:
            return WARN
        if row.due_on is not None and (row.due_on - self.today).days <= SOON_DAYS \
                and row.state in (SUBMITTED, IN_REVIEW):
            return EXPIRING
        return None

    # ------------------------------------------------------------ choosing
    def _selected(self) -> None:
        row = self.selected_row()
        review = self.model.row(row) if row is not None else None
        if review is not None:
            self.case_chosen.emit(review.case_number)

    def _open_number(self) -> None:
        number = self.number.text().strip()
        if number:
            self.case_chosen.emit(number)

    def select_case(self, number: str) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.row(row).case_number == number:
                self.table.selectRow(row)
                return True
        return False
