"""The wizard's recorder test: plug a recorder in and see what LawDesk makes of it.

Nothing is copied: the page only recognises the volume (which profile, which serial), as
the Footage area does before an offload, so the IT person knows the bureau's recorders are
understood before officers come back with full cards."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QListWidget, QPushButton, QVBoxLayout, QWizardPage

from desktop.formatting import shown_text
from devices.offload.profiles import Recognition, recognise
from devices.offload.volumes import Volume, VolumeWatcher

POLL_MS = 1500


class _Relay(QObject):
    """Carries the watcher's callbacks onto the UI thread."""

    mounted = Signal(object)
    unmounted = Signal(object)


class RecorderPage(QWizardPage):
    def __init__(self, wizard, *, volume_source=None) -> None:  # noqa: ANN001
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Recorder test"))
        self.setSubTitle(self.tr("Plug a body camera or recorder in over USB to see whether "
                                 "LawDesk recognises it. Nothing is copied. You may skip this."))
        self.found = QListWidget()
        self.found.setObjectName("recorders")
        self.empty = self.tr("No device detected yet: connect a body camera (执法记录仪).")
        self.found.addItem(self.empty)
        browse = QPushButton(self.tr("Test a folder instead…"))
        browse.setObjectName("testFolder")
        browse.clicked.connect(self._browse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.found, 1)
        layout.addWidget(browse)
        self._relay = _Relay(self)
        self._relay.mounted.connect(self.look_at)
        self._relay.unmounted.connect(self._gone)
        self.watcher = VolumeWatcher(self._relay.mounted.emit, self._relay.unmounted.emit,
                                     source=volume_source)
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self.watcher.poll)
        self._items: dict[Volume, int] = {}

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        self._timer.start()
        QTimer.singleShot(0, self.watcher.poll)

    def cleanupPage(self) -> None:  # noqa: N802 - Qt's name: going back
        self._timer.stop()

    def validatePage(self) -> bool:  # noqa: N802
        self.stop_watching()
        if "recorder" not in self.wizard_.done_steps:
            self.wizard_.note("recorder", self.tr("Recorder test: skipped (the Footage area "
                                                  "shows each plugged-in recorder)."))
        return True

    def stop_watching(self) -> None:
        self._timer.stop()

    def look_at(self, volume: Volume) -> None:
        if self.found.count() == 1 and self.found.item(0).text() == self.empty:
            self.found.clear()
        self.found.addItem(self.tr("%1 — checking…").replace("%1", shown_text(volume.label)))
        row = self.found.count() - 1
        self._items[volume] = row
        self.wizard_.session.run(
            self, lambda: recognise(volume.root),
            on_done=lambda found: self._recognised(row, volume, found),
            on_refused=lambda error: self._unreadable(row, volume, error),
            on_failed=lambda error: self._unreadable(row, volume, error))

    def _recognised(self, row: int, volume: Volume, found: Recognition) -> None:
        label = shown_text(volume.label)
        if found.recognised:
            text = self.tr("%1 — recognised: %2, serial %3").replace("%1", label) \
                .replace("%2", found.profile.label(self.wizard_.language)) \
                .replace("%3", shown_text(found.device_serial or "?"))
            self.wizard_.note("recorder", self.tr("Recorder test: %1 recognised.").replace(
                "%1", found.profile.label(self.wizard_.language)))
        else:
            text = self.tr("%1 — not a known recorder: add a recorder profile for it, or "
                           "offload it by hand").replace("%1", label)
        self.found.item(row).setText(text)

    def _unreadable(self, row: int, volume: Volume, error: Exception) -> None:
        self.found.item(row).setText(f"{shown_text(volume.label)} — "
                                     f"{self.wizard_.session.message(error)}")

    def _gone(self, volume: Volume) -> None:
        row = self._items.pop(volume, None)
        if row is not None and row < self.found.count():
            item = self.found.item(row)
            item.setText(item.text() + self.tr(" (unplugged)"))

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a recorder's folder"))
        if folder:
            self.look_at(Volume(Path(folder), Path(folder).name or folder))
