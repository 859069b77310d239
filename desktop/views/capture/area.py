"""The Capture area (录音录像采集): the case and step chosen first, then the camera (live
picture, stills, clips) beside the interview audio (input, meter, record). Each capture is
stored as offloaded footage is and linked to the chosen case's step.

Recordings run on their own threads, not Qt's: they go on while the window is minimised or
another area is shown. Closing the window during one asks first (MainWindow.closeEvent)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from core.permissions import Permission
from desktop.session import UiSession
from desktop.views.capture.audio_panel import AudioPanel
from desktop.views.capture.camera_panel import CameraPanel
from desktop.views.capture.target_picker import TargetPicker


class CaptureArea(QWidget):
    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        if not session.can(Permission.INGEST_FOOTAGE):
            self.target = self.camera = self.audio = None
            notice = QLabel(self.tr("Your roles do not allow recording evidence at this "
                                    "workstation."))
            notice.setObjectName("captureNotAllowed")
            notice.setWordWrap(True)
            layout.addWidget(notice)
            layout.addStretch(1)
            return
        self.target = TargetPicker(session)
        hint = QLabel(self.tr("Choose the case and step before recording: each still, clip "
                              "and recording is stored as evidence of that step."))
        hint.setWordWrap(True)
        self.camera = CameraPanel(session, self.target)
        self.audio = AudioPanel(session, self.target)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.camera)
        splitter.addWidget(self.audio)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 400])
        layout.addWidget(self.target)
        layout.addWidget(hint)
        layout.addWidget(splitter, 1)

    @property
    def loading(self) -> bool:
        return self.target is not None and self.target.loading

    @property
    def recording(self) -> bool:
        """A clip or an interview is being recorded."""
        return self.camera is not None and (self.camera.recording or self.audio.recording)

    def shutdown(self) -> None:
        """The window closes: whatever is recording is left, as it is, for `capture
        recover` at the next start; the camera is released."""
        if self.camera is None:
            return
        self.camera.shutdown()
        self.audio.leave_for_recovery()
        self.audio.shutdown()
