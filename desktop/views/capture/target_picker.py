"""The case and step a capture is for, chosen before recording: the open cases (newest
first) and the chosen case's procedure steps. "No case" stores the capture unlinked."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from casework.procedures import procedure
from desktop.session import UiSession
from desktop.widgets.enabled import set_enabled

OPEN_CASES_SHOWN = 500


@dataclass(frozen=True)
class Target:
    case: str | None        # the case number
    step: str | None        # the step code

    def label(self) -> str:
        return self.case or ""


class TargetPicker(QWidget):
    changed = Signal()

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.loading = False
        self.case_box = QComboBox()
        self.case_box.setObjectName("captureCase")
        self.case_box.setMinimumContentsLength(28)
        self.case_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.step_box = QComboBox()
        self.step_box.setObjectName("captureStep")
        self.step_box.setMinimumContentsLength(8)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Case:")))
        layout.addWidget(self.case_box, 2)
        layout.addWidget(QLabel(self.tr("Step:")))
        layout.addWidget(self.step_box, 1)
        self.case_box.currentIndexChanged.connect(self._case_chosen)
        self.step_box.currentIndexChanged.connect(lambda _i: self.changed.emit())
        session.subscribe(self, {"enforcement_case", "case_step"}, lambda _changes: self.reload())
        self.reload()

    def reload(self) -> None:
        from casework.cases import CaseFilter, list_cases
        ctx = self.session.ctx
        self.loading = True
        self.session.run(self, lambda: list_cases(ctx, CaseFilter(status="open"),
                                                  limit=OPEN_CASES_SHOWN),
                         on_done=self._fill, on_refused=lambda _e: self._fill([]))

    def _fill(self, rows) -> None:  # noqa: ANN001 - list[CaseRow]
        keep = self.target().case
        self.case_box.blockSignals(True)
        self.case_box.clear()
        self.case_box.addItem(self.tr("(no case: store unlinked)"), None)
        for row in rows:
            parties = "、".join(row.party_names)
            text = f"{row.number}  {row.cause}" + (f"（{parties}）" if parties else "")
            self.case_box.addItem(text, (row.number, row.procedure))
        found = next((i for i in range(self.case_box.count())
                      if (self.case_box.itemData(i) or (None,))[0] == keep), 0)
        self.case_box.setCurrentIndex(found)
        self.case_box.blockSignals(False)
        self.loading = False
        self._case_chosen()

    def _case_chosen(self, *_args: object) -> None:
        data = self.case_box.currentData()
        self.step_box.blockSignals(True)
        self.step_box.clear()
        if data is not None:
            steps = procedure(data[1]).steps
            for step in steps:
                self.step_box.addItem(step.name(self.session.language), step.code)
            codes = [s.code for s in steps]
            self.step_box.setCurrentIndex(codes.index("investigation")
                                          if "investigation" in codes else 0)
        set_enabled(self.step_box, data is not None)
        self.step_box.blockSignals(False)
        self.changed.emit()

    def choose(self, number: str, step: str | None = None) -> None:
        for i in range(self.case_box.count()):
            data = self.case_box.itemData(i)
            if data is not None and data[0] == number:
                self.case_box.setCurrentIndex(i)
                break
        if step is not None:
            index = self.step_box.findData(step)
            if index >= 0:
                self.step_box.setCurrentIndex(index)

    def target(self) -> Target:
        data = self.case_box.currentData()
        if data is None:
            return Target(None, None)
        return Target(data[0], self.step_box.currentData())
