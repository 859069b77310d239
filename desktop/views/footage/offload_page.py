"""Offloading recorders: plugged-in volumes are noticed and offered (or, when the admin
allows it, started for a recognised recorder); any folder can be offloaded by hand."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPushButton,
                               QScrollArea, QVBoxLayout, QWidget)

from core.permissions import Permission
from desktop.palette import HINT_STYLE
from desktop.session import UiSession
from desktop.views.footage.offload_job import OffloadJobView
from desktop.formatting import shown_text
from desktop.widgets.enabled import set_enabled
from devices.offload.profiles import Recognition, recognise
from devices.offload.volumes import Volume, VolumeWatcher, should_start_on_its_own

POLL_MS = 1500
VOLUME_ROLE = Qt.ItemDataRole.UserRole
RECOGNISED_ROLE = Qt.ItemDataRole.UserRole + 1


class _Relay(QObject):
    """Carries the watcher's callbacks onto the UI thread."""

    mounted = Signal(object)
    unmounted = Signal(object)


class OffloadPage(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None, *,
                 watcher_source=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.session = session
        allowed = session.can(Permission.INGEST_FOOTAGE)
        self.volumes = QListWidget()
        self.volumes.setObjectName("volumes")
        self.volumes.setMaximumHeight(110)
        self.offload_volume = QPushButton(self.tr("Offload the selected device"))
        self.offload_volume.setObjectName("offloadVolume")
        set_enabled(self.offload_volume, allowed)
        self.offload_volume.clicked.connect(self._offload_selected_volume)
        detected = QGroupBox(self.tr("Plugged-in devices"))
        detected_layout = QVBoxLayout(detected)
        # The empty state says what to do, in the list's place.
        self.no_device = QLabel(self.tr("No device detected: connect the body-worn camera "
                                        "with its USB cable and switch it on."))
        self.no_device.setObjectName("noDevice")
        self.no_device.setWordWrap(True)
        self.no_device.setStyleSheet(HINT_STYLE)
        detected_layout.addWidget(self.no_device)
        detected_layout.addWidget(self.volumes)
        detected_layout.addWidget(self.offload_volume)

        self.folder = QLineEdit()
        self.folder.setObjectName("sourceFolder")
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        self.serial = QLineEdit()
        self.serial.setObjectName("deviceSerial")
        self.serial.setPlaceholderText(self.tr("when the file names do not carry it"))
        self.officer = QLineEdit()
        self.officer.setObjectName("officerCertificate")
        self.officer.setPlaceholderText(self.tr("when neither file names nor custody tell"))
        self.start_button = QPushButton(self.tr("Start offload"))
        self.start_button.setObjectName("startOffload")
        set_enabled(self.start_button, allowed)
        self.start_button.clicked.connect(self._offload_folder)
        manual = QGroupBox(self.tr("Offload a folder"))
        form = QFormLayout(manual)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Folder"), row)
        form.addRow(self.tr("Device serial"), self.serial)
        form.addRow(self.tr("Officer's certificate"), self.officer)
        form.addRow("", self.start_button)

        self.jobs = QVBoxLayout()
        self.jobs.addStretch(1)
        holder = QWidget()
        holder.setLayout(self.jobs)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        self.hint = QLabel(self.tr("Offloads in progress and finished appear here."))
        self.hint.setStyleSheet(HINT_STYLE)
        top = QHBoxLayout()
        top.addWidget(detected, 1)
        top.addWidget(manual, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(scroll, 1)
        self.job_views: list[OffloadJobView] = []

        self._relay = _Relay(self)
        self._relay.mounted.connect(self._volume_mounted)
        self._relay.unmounted.connect(self._volume_unmounted)
        self._show_empty()
        self.watcher = VolumeWatcher(self._relay.mounted.emit, self._relay.unmounted.emit,
                                     source=watcher_source)
        # Polling the mount table is a few microseconds; it runs on a timer here rather
        # than a thread of its own, and recognising a volume (which reads it) runs as a job.
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self.watcher.poll)
        self._timer.start()
        QTimer.singleShot(0, self.watcher.poll)

    # -------------------------------------------------------------- volumes
    def _show_empty(self) -> None:
        empty = self.volumes.count() == 0
        self.no_device.setVisible(empty)
        self.volumes.setVisible(not empty)

    def _volume_mounted(self, volume: Volume) -> None:
        item = QListWidgetItem(self.tr("%1 — checking…").replace("%1", shown_text(volume.label)))
        item.setData(VOLUME_ROLE, volume)
        self.volumes.addItem(item)
        self._show_empty()
        database = self.session.workspace.db
        may_ingest = self.session.can(Permission.INGEST_FOOTAGE)

        def look() -> tuple[Recognition, bool]:
            found = recognise(volume.root)
            # The admin's setting decides, read here rather than on the UI thread.
            auto = found.recognised and may_ingest and should_start_on_its_own(database, True)
            return found, auto

        def unreadable(error: Exception) -> None:
            item.setText(f"{shown_text(volume.label)} — {self.session.message(error)}")

        self.session.run(self, look, on_done=lambda answer: self._recognised(volume, item, *answer),
                         on_refused=unreadable, on_failed=unreadable)

    def _recognised(self, volume: Volume, item: QListWidgetItem, found: Recognition,
                    auto: bool) -> None:
        if found.recognised:
            text = self.tr("%1 — recorder %2 (%3)").replace("%1", shown_text(volume.label)) \
                .replace("%2", found.device_serial or "?") \
                .replace("%3", found.profile.label(self.session.language))
        else:
            text = self.tr("%1 — not a known recorder; offload it only if you mean to") \
                .replace("%1", shown_text(volume.label))
        item.setText(text)
        item.setData(RECOGNISED_ROLE, found.recognised)
        if auto:
            self.start(volume.root)

    def _volume_unmounted(self, volume: Volume) -> None:
        for row in range(self.volumes.count()):
            if self.volumes.item(row).data(VOLUME_ROLE) == volume:
                self.volumes.takeItem(row)
                self._show_empty()
                return

    def _offload_selected_volume(self) -> None:
        item = self.volumes.currentItem()
        if item is not None:
            self.start(item.data(VOLUME_ROLE).root)

    # --------------------------------------------------------------- folders
    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder to offload"))
        if folder:
            self.folder.setText(folder)

    def _offload_folder(self) -> None:
        if self.folder.text().strip():
            self.start(Path(self.folder.text().strip()),
                       device_serial=self.serial.text().strip() or None,
                       officer_certificate=self.officer.text().strip() or None)

    def start(self, source: Path, *, device_serial: str | None = None,
              officer_certificate: str | None = None) -> OffloadJobView:
        view = OffloadJobView(self.session, source, device_serial=device_serial,
                              officer_certificate=officer_certificate)
        self.jobs.insertWidget(0, view)
        self.job_views.append(view)
        self.hint.setVisible(False)
        return view

    def shutdown(self) -> None:
        self._timer.stop()
        for view in self.job_views:
            view.cancel()
