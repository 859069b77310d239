"""Picking evidence from the footage library: verified files found by name or hash,
officer, device and recording day, linked to a step of the case by their SHA-256."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QDialog,
                               QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QTableView, QVBoxLayout, QWidget)

from casework.cases import CaseDetail
from core.errors import DomainError
from desktop.models.columns import Column
from desktop.models.paged import PagedTableModel
from desktop.session import UiSession
from desktop.views.cases.feedback import Feedback
from desktop.views.cases.header_form import qdate
from desktop.views.footage.library_page import FootageSource
from desktop.views.footage.offload_job import human_bytes
from evidence.library import FootageFilter, FootageRow
from organisation.officers import officer_by_certificate


class FootagePickerDialog(QDialog):
    """``link(sha256, step, note)`` is called for each chosen file on OK."""

    def __init__(self, session: UiSession, detail: CaseDetail,
                 link: Callable[[str, str, str | None], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self._link = session, link
        self.setWindowTitle(self.tr("Link evidence from the footage library"))
        local = session.ctx.clock.local
        lang = session.language
        self.search = QLineEdit()
        self.search.setObjectName("pickSearch")
        self.search.setPlaceholderText(self.tr("File name or SHA-256"))
        self.search.setClearButtonEnabled(True)
        self.officer = QLineEdit()
        self.officer.setObjectName("pickOfficer")
        self.officer.setPlaceholderText(self.tr("Officer's certificate"))
        self.device = QLineEdit()
        self.device.setObjectName("pickDevice")
        self.device.setPlaceholderText(self.tr("Device serial"))
        self.use_dates = QCheckBox(self.tr("Recorded"))
        self.use_dates.setObjectName("pickUseDates")
        today = qdate(session.ctx.clock.today())
        self.since = QDateEdit(today.addMonths(-1))
        self.until = QDateEdit(today)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.officer, 1)
        filters.addWidget(self.device, 1)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.since)
        filters.addWidget(QLabel("—"))
        filters.addWidget(self.until)
        when = lambda t: f"{local(t):%Y-%m-%d %H:%M:%S}" if t else ""  # noqa: E731
        names = {s.code: s.name(lang) for s in detail.steps}
        linked: dict[str, list[str]] = {}
        for link in detail.evidence:
            linked.setdefault(link.sha256, []).append(names.get(link.step, link.step))
        self.model: PagedTableModel[FootageRow] = PagedTableModel(self._source(), [
            Column(lambda: self.tr("File"), lambda f: f.original_name, "name"),
            Column(lambda: self.tr("Recorded"), lambda f: when(f.recorded_at), "recorded_at"),
            Column(lambda: self.tr("Officer"), lambda f: f.officer_name or f.officer_number
                   or "", "officer"),
            Column(lambda: self.tr("Device"), lambda f: f.device_serial or "", "device"),
            Column(lambda: self.tr("Size"), lambda f: human_bytes(f.size), "size"),
            Column(lambda: self.tr("In this case"), lambda f: "、".join(linked.get(f.sha256, []))),
            Column(lambda: self.tr("SHA-256"), lambda f: f.sha256),
        ], sort="recorded_at", parent=self)
        self.model._descending = True
        self.table = QTableView()
        self.table.setObjectName("pickTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
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
        default = "investigation" if self.step.findData("investigation") >= 0 \
            else detail.steps[0].code
        self.step.setCurrentIndex(self.step.findData(default))
        self.note = QLineEdit()
        self.note.setObjectName("pickNote")
        self.note.setPlaceholderText(self.tr("optional, e.g. what the recording shows"))
        self.count = QLabel()
        self.feedback = Feedback()
        self.feedback.setObjectName("pickFeedback")
        form = QFormLayout()
        form.addRow(self.tr("SHA-256"), self.hash)
        form.addRow(self.tr("For the step"), self.step)
        form.addRow(self.tr("Note"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Link"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addLayout(form)
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_hash())
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.refresh)
        for edit in (self.search, self.officer, self.device):
            edit.textChanged.connect(lambda _: self._debounce.start())
        self.use_dates.toggled.connect(lambda _: self.refresh())
        for edit in (self.since, self.until):
            edit.dateChanged.connect(lambda _: self.use_dates.isChecked() and self.refresh())
        self._update_count()
        self.resize(980, 560)

    def _filter(self) -> FootageFilter:
        officer_id = None
        if self.officer.text().strip():
            try:
                officer_id = officer_by_certificate(self.session.ctx, self.officer.text()).id
            except DomainError:
                officer_id = "-"  # an unknown number matches nothing
        dated = self.use_dates.isChecked()
        return FootageFilter(officer_id=officer_id,
                             device_serial=self.device.text().strip() or None,
                             recorded_from=self.since.date().toPython() if dated else None,
                             recorded_until=self.until.date().toPython() if dated else None,
                             text=self.search.text().strip())

    def _source(self) -> FootageSource:
        ready = hasattr(self, "until")
        return FootageSource(self.session.ctx, self._filter() if ready else FootageFilter())

    def refresh(self) -> None:
        self.model.set_source(self._source())
        self._update_count()
        self._show_hash()

    def _update_count(self) -> None:
        self.count.setText(self.tr("Files: %1").replace("%1", str(self.model.rowCount())))

    def chosen(self) -> list[FootageRow]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [row for row in (self.model.row(r) for r in rows) if row is not None]

    def _show_hash(self) -> None:
        self.hash.setText("\n".join(f.sha256 for f in self.chosen()[:4]))

    def submit(self) -> None:
        files = self.chosen()
        if not files:
            self.feedback.error(self.tr("Choose one or more files first."))
            return
        step, note = self.step.currentData(), self.note.text().strip() or None
        for file in files:
            try:
                self._link(file.sha256, step, note)
            except DomainError as error:
                self.feedback.error(self.session.message(error))
                return
        self.accept()
