"""Picking evidence from the footage library: verified files found by name or hash,
officer, device and recording day, linked to a step of the case by their SHA-256."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from casework.cases import CaseDetail
from casework.evidence_links import link_evidence
from desktop.formatting import human_bytes
from desktop.models.columns import Column
from desktop.models.sources import FootageSource
from desktop.session import UiSession
from desktop.widgets.footage_filter import FootageFilterBar
from desktop.widgets.form_dialog import FormDialog
from desktop.widgets.search_table import SearchableTable
from evidence.library import FootageRow

# Files offloaded, re-checked or marked while the dialog is open.
SHOWN = frozenset({"footage"})


class FootagePickerDialog(FormDialog):
    """OK links each chosen file to the chosen step of the case; a refusal (a file already
    linked to that step) stays in the dialog, the files before it linked."""

    def __init__(self, session: UiSession, detail: CaseDetail,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.number = detail.number
        self.setWindowTitle(self.tr("Link evidence from the footage library"))
        local = session.ctx.clock.local
        lang = session.language
        when = lambda t: f"{local(t):%Y-%m-%d %H:%M:%S}" if t else ""  # noqa: E731
        names = {s.code: s.name(lang) for s in detail.steps}
        linked: dict[str, list[str]] = {}
        for link in detail.evidence:
            linked.setdefault(link.sha256, []).append(names.get(link.step, link.step))
        self.filter_bar = FootageFilterBar(session.ctx.clock.today(), marks=False, name="pick")
        self.files = SearchableTable(
            session, lambda _text: FootageSource(session.ctx, self.filter_bar.value()), [
                Column(lambda: self.tr("File"), lambda f: f.original_name, "name"),
                Column(lambda: self.tr("Recorded"), lambda f: when(f.recorded_at),
                       "recorded_at"),
                Column(lambda: self.tr("Officer"), lambda f: f.officer_name or f.officer_number
                       or "", "officer"),
                Column(lambda: self.tr("Device"), lambda f: f.device_serial or "", "device"),
                Column(lambda: self.tr("Size"), lambda f: human_bytes(f.size), "size"),
                Column(lambda: self.tr("In this case"),
                       lambda f: "、".join(linked.get(f.sha256, []))),
                Column(lambda: self.tr("SHA-256"), lambda f: f.sha256),
            ], sort="recorded_at", descending=True, name="pick", multi_select=True,
            searchable=False, count_text=self.tr("Files: %1"))
        self.files.layout().setContentsMargins(0, 0, 0, 0)
        self.files.tools.addWidget(self.filter_bar, 1)
        self.files.add_count()
        self.model, self.table = self.files.model, self.files.table
        for column, width in enumerate((280, 150, 70, 80, 70, 80)):
            self.table.setColumnWidth(column, width)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.hash = QLabel()
        self.hash.setObjectName("pickHash")
        self.hash.setWordWrap(True)
        self.hash.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.step = QComboBox()
        self.step.setObjectName("pickStep")
        for step in detail.steps:
            self.step.addItem(step.name(lang), step.code)
        self.step.setCurrentIndex(max(0, self.step.findData("investigation")))
        self.note = QLineEdit()
        self.note.setObjectName("pickNote")
        self.note.setPlaceholderText(self.tr("optional, e.g. what the recording shows"))
        self.feedback.setObjectName("pickFeedback")
        self.ok_button.setText(self.tr("Link"))
        form = QFormLayout()
        form.addRow(self.tr("SHA-256"), self.hash)
        form.addRow(self.tr("For the step"), self.step)
        form.addRow(self.tr("Note"), self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.files, 1)
        layout.addLayout(form)
        self.finish(layout)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_hash())
        self.model.modelReset.connect(self._show_hash)
        self.filter_bar.changed.connect(self.files.refresh)
        session.subscribe(self, SHOWN, lambda _changes: self.files.reload())
        self.files.refresh()
        self.resize(980, 560)

    @property
    def loading(self) -> bool:
        return self.files.loading or self.filter_bar.pending

    def chosen(self) -> list[FootageRow]:
        return self.files.chosen()

    def _show_hash(self) -> None:
        self.hash.setText("\n".join(f.sha256 for f in self.chosen()[:4]))

    def save_call(self) -> Callable[[], None] | None:
        files = self.chosen()
        if not files:
            self.feedback.error(self.tr("Choose one or more files first."))
            return None
        ctx, number = self.session.ctx, self.number
        hashes = [f.sha256 for f in files]
        step, note = self.step.currentData(), self.note.text().strip() or None

        def link_each() -> None:
            for sha256 in hashes:
                link_evidence(ctx, number, sha256, step, note)
        return link_each
