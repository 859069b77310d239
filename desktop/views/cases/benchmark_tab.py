"""The case's discretion benchmark (裁量基准): pick the offence and the circumstances, see the
tier and the suggested range the bureau's published benchmark gives, and record the choice
for the case. A fine outside the range needs a written reason, and makes the case need
legal review (the benchmark service refuses without one, and says so here).

The benchmark in force, the case's recorded choice and each suggestion are read off the
UI thread; they are read again when HQ or an import brings a new benchmark version or the
choice changes."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
                               QPushButton, QVBoxLayout, QWidget)

from casework.cases import CaseDetail
from desktop.latest_read import LatestRead
from desktop.palette import OK_STYLE, WARN_STYLE
from desktop.session import UiSession
from desktop.views.cases.case_tab import CaseTab
from desktop.widgets.feedback import Feedback
from desktop.formatting import shown_text
from review.benchmarks import (BenchmarkSet, Choice, OffenceSpec, Suggestion, choose_for_case,
                               get_benchmarks, get_choice, suggest, tier_name, yuan_text)

SHOWN = frozenset({"benchmark_version", "benchmark_offence", "benchmark_tier",
                   "benchmark_circumstance", "case_benchmark_choice"})


def read_benchmark(ctx, number: str, language: str  # noqa: ANN001
                   ) -> tuple[BenchmarkSet, Choice | None]:
    """The benchmark in force and the case's choice (worker thread)."""
    _version, bset = get_benchmarks(ctx)
    return bset, get_choice(ctx, number, language)


class BenchmarkTab(CaseTab):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(session, "benchmarkFeedback", parent)
        self.benchmarks: BenchmarkSet | None = None
        self.choice: Choice | None = None
        self.suggestion: Suggestion | None = None
        self._fresh = True
        self.offence = QComboBox()
        self.offence.setObjectName("benchmarkOffence")
        self.offence.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.offence.setMinimumContentsLength(30)
        self.circumstances = QListWidget()
        self.circumstances.setObjectName("benchmarkCircumstances")
        self.base_label = QLabel()
        self.base_amount = QLineEdit()
        self.base_amount.setObjectName("benchmarkBaseAmount")
        self.base_amount.setPlaceholderText(self.tr("in yuan"))
        self.tier = QLabel()
        self.tier.setObjectName("benchmarkTier")
        font = self.tier.font()
        font.setBold(True)
        self.tier.setFont(font)
        self.range = QLabel()
        self.range.setObjectName("benchmarkRange")
        self.fine = QLabel()
        self.fine.setObjectName("benchmarkFine")
        self.fine.setWordWrap(True)
        self.basis = QLabel()
        self.basis.setObjectName("benchmarkBasis")
        self.basis.setWordWrap(True)
        self.basis.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.recorded = QLabel()
        self.recorded.setObjectName("benchmarkRecorded")
        self.recorded.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("benchmarkReason")
        self.reason.setPlaceholderText(self.tr("Required when the fine is outside the "
                                               "suggested range: why this fine"))
        self.reason.setMaximumHeight(70)
        self.record_button = QPushButton(self.tr("Record for the case"))
        self.record_button.setObjectName("recordBenchmark")
        self.record_button.clicked.connect(self.record)
        choose = QGroupBox(self.tr("Offence and circumstances"))
        form = QFormLayout(choose)
        form.addRow(self.tr("Offence"), self.offence)
        form.addRow(self.tr("Circumstances"), self.circumstances)
        form.addRow(self.base_label, self.base_amount)
        found = QGroupBox(self.tr("Suggestion"))
        shown = QFormLayout()
        outer = QVBoxLayout(found)
        outer.addLayout(shown)
        outer.addStretch(1)   # the rows stay together at the top
        shown.addRow(self.tr("Tier"), self.tier)
        shown.addRow(self.tr("Suggested range"), self.range)
        shown.addRow(self.tr("The case's fine"), self.fine)
        shown.addRow(self.tr("Basis"), self.basis)
        shown.addRow(self.tr("Recorded"), self.recorded)
        shown.addRow(self.tr("Reason"), self.reason)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addStretch(1)
        shown.addRow(buttons)
        shown.addRow(self.feedback)
        layout = QHBoxLayout(self)
        layout.addWidget(choose, 1)
        layout.addWidget(found, 1)
        self._set_base_visible(False)
        # Reading has a line of its own: a read that succeeds clears its line, and the
        # recording's message must stay while the choice is read again after it.
        self.problem = Feedback()
        self.problem.setObjectName("benchmarkProblem")
        shown.addRow(self.problem)
        self._reading = LatestRead(session, self, where=self.problem)
        self._suggesting = LatestRead(session, self, where=self.problem)
        self.offence.currentIndexChanged.connect(self._offence_changed)
        self.circumstances.itemChanged.connect(lambda _item: self._ask())
        self.base_amount.editingFinished.connect(self._ask)
        session.subscribe(self, SHOWN, lambda _changes: self._read())

    @property
    def loading(self) -> bool:
        return self._reading.loading or self._suggesting.loading

    # ------------------------------------------------------------ showing
    def fill(self, detail: CaseDetail, other: bool) -> None:
        if other:
            self.reason.clear()
            self.base_amount.clear()
            self.choice = None
            self._fresh = True    # show this case's recorded choice when it is read
        self._read()
        self._show_fine()

    def _read(self) -> None:
        if self.detail is None:
            return
        ctx, number, lang = self.session.ctx, self.detail.number, self.session.language
        self._reading.start(lambda: read_benchmark(ctx, number, lang),
                            lambda read: self._arrived(*read))

    def _arrived(self, bset: BenchmarkSet, choice: Choice | None) -> None:
        # Another case, or its choice recorded anew: show what is recorded; else keep what
        # the user is choosing (a new benchmark version came meanwhile).
        first = self._fresh or choice != self.choice
        self._fresh = False
        self.benchmarks, self.choice = bset, choice
        if first:
            wanted = choice.offence_code if choice else None
        else:
            wanted = self.offence.currentData()
        self.offence.blockSignals(True)
        self.offence.clear()
        self.offence.addItem(self.tr("— choose the offence —"), None)
        for offence in bset.offences:
            self.offence.addItem(f"{offence.code}  {offence.name}", offence.code)
            self.offence.setItemData(self.offence.count() - 1, offence.name,
                                     Qt.ItemDataRole.ToolTipRole)
        self.offence.setCurrentIndex(max(0, self.offence.findData(wanted)))
        self.offence.blockSignals(False)
        if first and choice is not None:
            if choice.base_amount is not None:
                self.base_amount.setText(str(choice.base_amount))
            if choice.reason:
                self.reason.setPlainText(choice.reason)
        self._fill_circumstances((choice.circumstances if choice else ()) if first else None)
        self._show_recorded()
        self._ask()

    def _current_offence(self) -> OffenceSpec | None:
        code = self.offence.currentData()
        if self.benchmarks is None or code is None:
            return None
        return next((o for o in self.benchmarks.offences if o.code == code), None)

    def _offence_changed(self) -> None:
        self._fill_circumstances(None)
        self._ask()

    def _fill_circumstances(self, checked: tuple[str, ...] | None) -> None:
        """The circumstances the chosen offence's tiers name, each with its tier."""
        offence = self._current_offence()
        kept = set(checked) if checked is not None else set(self.checked())
        lang = self.session.language
        self.circumstances.blockSignals(True)
        self.circumstances.clear()
        for tier in offence.tiers if offence else ():
            for code in tier.conditions:
                text = self.benchmarks.circumstances.get(code, code)
                item = QListWidgetItem(shown_text(f"［{tier_name(tier.tier, lang)}］{text}"))
                item.setData(Qt.ItemDataRole.UserRole, code)
                item.setToolTip(code)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if code in kept
                                   else Qt.CheckState.Unchecked)
                self.circumstances.addItem(item)
        self.circumstances.blockSignals(False)
        multiple = offence is not None and offence.measure == "multiple"
        self._set_base_visible(multiple)
        if multiple:
            self.base_label.setText(self.tr("%1 (yuan)").replace("%1", offence.base or ""))
        self.update_controls()

    def _set_base_visible(self, visible: bool) -> None:
        self.base_label.setVisible(visible)
        self.base_amount.setVisible(visible)

    def checked(self) -> list[str]:
        return [self.circumstances.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.circumstances.count())
                if self.circumstances.item(i).checkState() == Qt.CheckState.Checked]

    def check(self, code: str, on: bool = True) -> None:
        """Tick a circumstance by its code, as a click on it would."""
        for i in range(self.circumstances.count()):
            item = self.circumstances.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == code:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def choose_offence(self, code: str) -> None:
        self.offence.setCurrentIndex(max(0, self.offence.findData(code)))

    def _base(self) -> Decimal | None:
        text = self.base_amount.text().strip().replace(",", "")
        if not text or not self.base_amount.isVisible():
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            return None

    # ------------------------------------------------------------ the suggestion
    def _ask(self) -> None:
        offence = self._current_offence()
        if offence is None:
            self._suggesting.forget()
            self._show_suggestion(None)
            return
        ctx, code, circumstances, base = (self.session.ctx, offence.code, self.checked(),
                                          self._base())
        self._suggesting.start(lambda: suggest(ctx, code, circumstances, base_amount=base),
                               self._show_suggestion)

    def _show_suggestion(self, suggestion: Suggestion | None) -> None:
        self.suggestion = suggestion
        lang = self.session.language
        if suggestion is None:
            self.tier.setText("—")
            self.range.setText("")
            self.basis.setText("")
        else:
            self.tier.setText(suggestion.tier_name(lang))
            self.range.setText(suggestion.range_text(lang))
            self.basis.setText(suggestion.basis)
        self._show_fine()
        self.update_controls()

    def _show_fine(self) -> None:
        amount = self.detail.penalty_amount if self.detail else None
        if amount is None:
            self.fine.setText(self.tr("no fine recorded on the case"))
            self.fine.setStyleSheet("")
            return
        text = yuan_text(amount)
        amounts = self.suggestion.yuan() if self.suggestion else None
        if amounts is None:
            self.fine.setText(text)
            self.fine.setStyleSheet("")
        elif amounts[0] <= amount <= amounts[1]:
            self.fine.setText(self.tr("%1: inside the suggested range").replace("%1", text))
            self.fine.setStyleSheet(OK_STYLE)
        else:
            self.fine.setText(self.tr("%1: outside the suggested range. A written reason is "
                                      "needed, and the case needs legal review.")
                              .replace("%1", text))
            self.fine.setStyleSheet(WARN_STYLE)

    def _show_recorded(self) -> None:
        choice = self.choice
        if choice is None:
            self.recorded.setText(self.tr("nothing recorded for this case yet"))
            self.recorded.setStyleSheet("")
            return
        local = self.session.ctx.clock.local(choice.chosen_at)
        text = (f"{choice.offence_code} · {choice.range_text(self.session.language)} · "
                + self.tr("by %1 on %2").replace("%1", choice.chosen_by)
                .replace("%2", f"{local:%Y-%m-%d}"))
        if choice.outside:
            text += "\n" + choice.outside
        self.recorded.setText(text)
        self.recorded.setStyleSheet(WARN_STYLE if choice.outside else "")

    # ------------------------------------------------------------ recording
    def editing_controls(self) -> tuple[QWidget, ...]:
        return (self.offence, self.circumstances, self.base_amount, self.reason)

    def update_controls(self) -> None:
        super().update_controls()
        self.permit((self.record_button,), ready=self._current_offence() is not None)

    def record(self) -> None:
        offence = self._current_offence()
        if self.detail is None or offence is None:
            return
        ctx, number, code = self.session.ctx, self.detail.number, offence.code
        circumstances, base = self.checked(), self._base()
        reason = self.reason.toPlainText()
        lang = self.session.language
        self.session.run(self, lambda: choose_for_case(ctx, number, code, circumstances,
                                                       reason, base_amount=base,
                                                       language=lang),
                         writes=True, where=self.feedback, busy=self.record_button,
                         on_done=self._recorded)

    def _recorded(self, choice: Choice) -> None:
        text = self.tr("Recorded: %1.").replace("%1", choice.range_text(self.session.language))
        if choice.outside:
            text += " " + self.tr("The case now needs legal review.")
        self.feedback.ok(text)
