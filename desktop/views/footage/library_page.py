"""The footage library: every verified file with its thumbnail, filters, its hashes, where
it was seen and what the ledger says of it; open or play it from the read-only store."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QPixmap
from PySide6.QtWidgets import (QHBoxLayout, QPushButton, QSplitter, QTextBrowser, QVBoxLayout,
                               QWidget)

from audit.labels import action_name
from audit.people import person_names
from core.clock import parse_iso_utc
from desktop.formatting import duration, human_bytes
from desktop.models.columns import Column
from desktop.models.sources import FootageSource
from desktop.palette import WARN, WARN_HEX
from desktop.session import UiSession
from desktop.widgets.footage_filter import FootageFilterBar
from desktop.widgets.search_table import SearchableTable
from evidence.library import FootageDetail, FootageRow, footage_detail

THUMB = QSize(64, 48)
MARKS_COLUMN = 7
# What the library shows: stored files, their sightings, the offloads that found them.
SHOWN = {"footage", "footage_sighting", "offload_session"}


class LibraryPage(SearchableTable):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        local = session.ctx.clock.local
        when = lambda t: f"{local(t):%Y-%m-%d %H:%M:%S}" if t else ""  # noqa: E731
        # Made before the table (whose source reads it), adopted by the tool row below.
        filter_bar = FootageFilterBar(session.ctx.clock.today(), marks=True, name="footage")
        super().__init__(session, lambda _text: FootageSource(session.ctx, filter_bar.value()), [
            Column(lambda: self.tr("File"), lambda f: f.original_name, "name",
                   decoration=self._thumbnail, tooltip=lambda f: f.original_name,
                   foreground=lambda f: None if f.readable else WARN),
            Column(lambda: self.tr("Recorded"), lambda f: when(f.recorded_at), "recorded_at"),
            Column(lambda: self.tr("Length"), lambda f: duration(f.duration_s)),
            Column(lambda: self.tr("Officer"), lambda f: f.officer_name, "officer"),
            Column(lambda: self.tr("Device"), lambda f: f.device_serial, "device"),
            Column(lambda: self.tr("Picture"),
                   lambda f: f"{f.width}×{f.height} {f.fps or 0:.0f}fps {f.codec or ''}"
                   if f.width else ""),
            Column(lambda: self.tr("Size"), lambda f: human_bytes(f.size), "size"),
            Column(lambda: self.tr("Marks"), lambda f: self._marks(f),
                   foreground=lambda f: None if f.readable else WARN),
        ], sort="recorded_at", descending=True,
            count_text=QCoreApplication.translate("LibraryPage", "Files: %1"),
            name="footage", searchable=False, parent=parent)
        self.store = session.workspace.store
        self._thumbs: dict[str, QPixmap] = {}
        self.filter_bar = filter_bar
        # Kept for the tests and for people reading the code: the filters' widgets.
        self.search = self.filter_bar.search
        self.important, self.unreadable = self.filter_bar.important, self.filter_bar.unreadable
        self.tools.addWidget(self.filter_bar, 1)
        self.add_count()
        self.add_export(session, self.model, self.tr("Footage"))
        self.set_empty_state(self.tr("No footage to show. Connect a body-worn camera and "
                                     "offload it on the “Offload” tab; if filters are set, "
                                     "loosen them."), self.loaded)
        self.table.setIconSize(THUMB)
        self.table.verticalHeader().setDefaultSectionSize(THUMB.height() + 6)
        for column, width in enumerate((240, 140, 60, 70, 90, 150, 70, 110)):
            self.table.setColumnWidth(column, width)
        # The marks (important, unreadable) right after the file's name, so they are on
        # screen at 1280 px beside the detail pane (the model's column stays the last).
        self.table.horizontalHeader().moveSection(MARKS_COLUMN, 1)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
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
        self._detail_for: str | None = None
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_detail())
        self.model.modelReset.connect(self.show_detail)
        self.filter_bar.changed.connect(self.refresh)
        self._stale = False
        session.subscribe(self, SHOWN, lambda _changes: self._footage_changed())
        self.refresh()

    def _footage_changed(self) -> None:
        # An offload stores a file every second or so: while the library is out of sight
        # (the officer watches the offload) it only notes that it is out of date, and
        # reloads once when shown, not a count and a page a second behind the progress.
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()

    @property
    def loading(self) -> bool:
        return super().loading or self.filter_bar.pending

    # ------------------------------------------------------------- cells
    def _thumbnail(self, row: FootageRow) -> QPixmap | None:
        if not row.thumbnail_sha256:
            return None
        pixmap = self._thumbs.get(row.thumbnail_sha256)
        if pixmap is None:
            # A few KiB from the local store, once per thumbnail: not worth a round trip.
            pixmap = QPixmap(str(self.store.path_for(row.thumbnail_sha256)))
            pixmap = pixmap.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
            self._thumbs[row.thumbnail_sha256] = pixmap
        return pixmap

    def _marks(self, row: FootageRow) -> str:
        marks = []
        if row.important:
            marks.append(self.tr("important"))
        if not row.readable:
            marks.append(self.tr("unreadable"))
        return "、".join(marks)

    # ------------------------------------------------------------ detail
    def show_detail(self) -> None:
        row = self.selected()
        if row is None:
            self._detail_for = None
            self.detail.setHtml("")
            return
        self._detail_for = row.id
        ctx, language = self.session.ctx, self.session.language

        def read() -> tuple[FootageDetail, dict[str, str]]:
            detail = footage_detail(ctx, row.id)
            logins = {s.offloaded_by for s in detail.sightings} | {
                e.actor for e in detail.history}
            return detail, person_names(ctx, logins, language)

        self.session.run(self, read, on_done=lambda answer: self._show(row.id, *answer))

    def _show(self, footage_id: str, detail: FootageDetail, names: dict[str, str]) -> None:
        if footage_id != self._detail_for:
            return   # the user has moved on to another file
        row, local = detail.row, self.session.ctx.clock.local
        lines = [f"<h3>{escape(row.original_name)}</h3>"]
        if not row.readable:   # first, where the eye lands: a clerk must not miss it
            lines.append(f"<p style='color:{WARN_HEX}'><b>" + escape(self.tr(
                "The decoder could not read this file. It is stored and verified as it came "
                "off the device; play it with the recorder maker's player.")) + "</b></p>")
        lines.append(f"<p><b>SHA-256</b><br><code>{row.sha256}</code></p>")
        if row.sm3:
            lines.append(f"<p><b>SM3</b><br><code>{row.sm3}</code></p>")
        lines.append("<p>" + escape(self.tr("Stored at %1, read-only.").replace(
            "%1", str(self.store.path_for(row.sha256)))) + "</p>")
        seen_title, history_title = self.tr("Seen on devices"), self.tr("History")
        lines.append(f"<p><b>{escape(seen_title)}</b></p><ul>")
        for sighting in detail.sightings:
            lines.append(f"<li>{local(sighting.at):%Y-%m-%d %H:%M} · "
                         f"{escape(sighting.device_serial or '')} · "
                         f"{escape(sighting.source_path)} · "
                         f"{escape(names.get(sighting.offloaded_by, sighting.offloaded_by))}"
                         "</li>")
        lines.append(f"</ul><p><b>{escape(history_title)}</b></p><ul>")
        for entry in detail.history:
            at = local(parse_iso_utc(entry.at))
            actor = names.get(entry.actor, entry.actor)
            lines.append(f"<li>#{entry.seq} {at:%Y-%m-%d %H:%M:%S} · {escape(actor)} · "
                         f"{escape(action_name(entry.action, self.session.language))}</li>")
        lines.append("</ul>")
        self.detail.setHtml("".join(lines))

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.store.path_for(row.sha256))))

    def copy_hash(self) -> None:
        row = self.selected()
        if row is not None:
            QGuiApplication.clipboard().setText(row.sha256)
