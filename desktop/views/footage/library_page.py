"""The footage library: every verified file with its thumbnail, filters, its hashes, where
it was seen and what the ledger says of it; open or play it from the read-only store."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QPixmap
from PySide6.QtWidgets import (QCheckBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QSplitter, QTextBrowser, QVBoxLayout, QWidget)

from core.clock import parse_iso_utc
from core.context import Context
from desktop.labels import action_label
from desktop.models.columns import Column
from desktop.models.paged import PagedTableModel
from desktop.session import UiSession
from desktop.views.admin.table_page import TablePage
from desktop.views.footage.offload_job import human_bytes
from evidence.library import (FootageFilter, FootageRow, count_footage, footage_detail,
                              footage_page)

THUMB = QSize(64, 48)


class FootageSource:
    def __init__(self, ctx: Context, flt: FootageFilter) -> None:
        self.ctx, self.flt = ctx, flt

    def count(self) -> int:
        return count_footage(self.ctx, self.flt)

    def page(self, offset: int, limit: int, sort: str, descending: bool) -> list[FootageRow]:
        return footage_page(self.ctx, self.flt, sort=sort, descending=descending,
                            offset=offset, limit=limit)


def _tri(box: QCheckBox) -> bool | None:
    return {Qt.CheckState.Checked: True, Qt.CheckState.Unchecked: None,
            Qt.CheckState.PartiallyChecked: False}[box.checkState()]


class LibraryPage(TablePage):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.store = session.workspace.store
        self._thumbs: dict[str, QPixmap] = {}
        local = session.ctx.clock.local
        self.search = QLineEdit()
        self.search.setObjectName("footageSearch")
        self.search.setPlaceholderText(self.tr("File name or SHA-256"))
        self.officer = QLineEdit()
        self.officer.setObjectName("footageOfficer")
        self.officer.setPlaceholderText(self.tr("Officer's certificate"))
        self.device = QLineEdit()
        self.device.setObjectName("footageDevice")
        self.device.setPlaceholderText(self.tr("Device serial"))
        self.use_dates = QCheckBox(self.tr("Recorded"))
        self.since = QDateEdit(QDate.currentDate().addMonths(-1))
        self.until = QDateEdit(QDate.currentDate())
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.important = QCheckBox(self.tr("Important"))
        self.important.setObjectName("footageImportant")
        self.unreadable = QCheckBox(self.tr("Unreadable"))
        self.unreadable.setObjectName("footageUnreadable")
        self.count_label = QLabel()
        self.count_label.setObjectName("footageCount")
        for widget in (self.search, self.officer, self.device, self.use_dates, self.since,
                       self.until, self.important, self.unreadable, self.count_label):
            self.tools.addWidget(widget)
        self.tools.addStretch(1)
        when = lambda t: f"{local(t):%Y-%m-%d %H:%M:%S}" if t else ""  # noqa: E731
        self.model: PagedTableModel[FootageRow] = PagedTableModel(self._source(), [
            Column(lambda: self.tr("File"), lambda f: f.original_name, "name",
                   decoration=self._thumbnail),
            Column(lambda: self.tr("Recorded"), lambda f: when(f.recorded_at), "recorded_at"),
            Column(lambda: self.tr("Length"), lambda f: self._length(f)),
            Column(lambda: self.tr("Officer"), lambda f: f.officer_name, "officer"),
            Column(lambda: self.tr("Device"), lambda f: f.device_serial, "device"),
            Column(lambda: self.tr("Picture"),
                   lambda f: f"{f.width}×{f.height} {f.fps or 0:.0f}fps {f.codec or ''}"
                   if f.width else ""),
            Column(lambda: self.tr("Size"), lambda f: human_bytes(f.size), "size"),
            Column(lambda: self.tr("Marks"), lambda f: self._marks(f)),
        ], sort="recorded_at", parent=self)
        self.model._descending = True
        self.table.setModel(self.model)
        self.table.setIconSize(THUMB)
        self.table.verticalHeader().setDefaultSectionSize(THUMB.height() + 6)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        for column, width in enumerate((300, 150, 50, 70, 90, 150, 70)):
            self.table.setColumnWidth(column, width)
        self.detail = QTextBrowser()
        self.detail.setObjectName("footageDetail")
        open_button = QPushButton(self.tr("Open or play"))
        open_button.setObjectName("openFootage")
        open_button.clicked.connect(self.open_selected)
        copy_button = QPushButton(self.tr("Copy SHA-256"))
        copy_button.clicked.connect(self.copy_hash)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(open_button)
        buttons.addWidget(copy_button)
        side_layout.addLayout(buttons)
        side_layout.addWidget(self.detail)
        layout = self.layout()
        layout.removeWidget(self.table)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setSizes([820, 340])
        layout.addWidget(splitter, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_detail())
        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self.refresh)
        for edit in (self.search, self.officer, self.device):
            edit.textChanged.connect(lambda _: self._debounce.start())
        for box in (self.use_dates, self.important, self.unreadable):
            box.stateChanged.connect(lambda _: self.refresh())
        for edit in (self.since, self.until):
            edit.dateChanged.connect(lambda _: self.use_dates.isChecked() and self.refresh())
        self._update_count()

    # --------------------------------------------------------------- filters
    def _filter(self) -> FootageFilter:
        dated = self.use_dates.isChecked()
        since: date | None = self.since.date().toPython() if dated else None
        until: date | None = self.until.date().toPython() if dated else None
        officer_id = None
        if self.officer.text().strip():
            from organisation.officers import officer_by_certificate
            try:
                officer_id = officer_by_certificate(self.session.ctx, self.officer.text()).id
            except Exception:  # noqa: BLE001 - an unknown number simply matches nothing
                officer_id = "-"
        return FootageFilter(officer_id=officer_id,
                             device_serial=self.device.text().strip() or None,
                             recorded_from=since, recorded_until=until,
                             important=True if self.important.isChecked() else None,
                             unreadable=True if self.unreadable.isChecked() else None,
                             text=self.search.text().strip())

    def _source(self) -> FootageSource:
        return FootageSource(self.session.ctx, self._filter() if hasattr(self, "unreadable")
                             else FootageFilter())

    def refresh(self) -> None:
        self.model.set_source(self._source())
        self._update_count()
        self.show_detail()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("Files: %1").replace("%1", str(self.model.rowCount())))

    # ------------------------------------------------------------- cells
    def _thumbnail(self, row: FootageRow) -> QPixmap | None:
        if not row.thumbnail_sha256:
            return None
        pixmap = self._thumbs.get(row.thumbnail_sha256)
        if pixmap is None:
            pixmap = QPixmap(str(self.store.path_for(row.thumbnail_sha256)))
            pixmap = pixmap.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
            self._thumbs[row.thumbnail_sha256] = pixmap
        return pixmap

    def _length(self, row: FootageRow) -> str:
        if row.duration_s is None:
            return ""
        minutes, seconds = divmod(int(round(row.duration_s)), 60)
        return f"{minutes}:{seconds:02d}"

    def _marks(self, row: FootageRow) -> str:
        marks = []
        if row.important:
            marks.append(self.tr("important"))
        if not row.readable:
            marks.append(self.tr("unreadable"))
        return "、".join(marks)

    # ------------------------------------------------------------ detail
    def _selected(self) -> FootageRow | None:
        row = self.selected_row()
        return self.model.row(row) if row is not None else None

    def show_detail(self) -> None:
        row = self._selected()
        if row is None:
            self.detail.setHtml("")
            return
        detail = footage_detail(self.session.ctx, row.id)
        local = self.session.ctx.clock.local
        lines = [f"<h3>{row.original_name}</h3>",
                 f"<p><b>SHA-256</b><br><code>{row.sha256}</code></p>"]
        if row.sm3:
            lines.append(f"<p><b>SM3</b><br><code>{row.sm3}</code></p>")
        lines.append("<p>" + self.tr("Stored at %1, read-only.").replace(
            "%1", str(self.store.path_for(row.sha256))) + "</p>")
        seen_title, history_title = self.tr("Seen on devices"), self.tr("History")
        lines.append(f"<p><b>{seen_title}</b></p><ul>")
        for sighting in detail.sightings:
            lines.append(f"<li>{local(sighting.at):%Y-%m-%d %H:%M} · "
                         f"{sighting.device_serial or ''} · {sighting.source_path} · "
                         f"{sighting.offloaded_by}</li>")
        lines.append(f"</ul><p><b>{history_title}</b></p><ul>")
        for entry in detail.history:
            at = local(parse_iso_utc(entry.at))
            lines.append(f"<li>#{entry.seq} {at:%Y-%m-%d %H:%M:%S} · {entry.actor} · "
                         f"{action_label(entry.action)}</li>")
        lines.append("</ul>")
        self.detail.setHtml("".join(lines))

    def open_selected(self) -> None:
        row = self._selected()
        if row is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.store.path_for(row.sha256))))

    def copy_hash(self) -> None:
        row = self._selected()
        if row is not None:
            QGuiApplication.clipboard().setText(row.sha256)
