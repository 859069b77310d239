"""The camera half of the Capture area: choose a document camera, webcam or video file, see
it live, take stills (the button, or Space on the picture: a foot pedal types one) and
record clips. Opening the camera, storing and closing a clip run through the session's
operation runner; the picture comes from the grabber's thread (preview_widget)."""
from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QFileDialog, QGridLayout, QGroupBox, QHBoxLayout,
                               QLabel, QPushButton, QVBoxLayout, QWidget)

from capture.camera import CameraSource, list_cameras, open_camera
from desktop.formatting import duration, human_bytes
from desktop.palette import WARN_STYLE
from desktop.session import UiSession
from desktop.views.capture.preview_widget import PreviewFeed, PreviewWidget, stop_camera
from desktop.views.capture.target_picker import TargetPicker
from desktop.widgets.enabled import set_enabled
from desktop.widgets.feedback import Feedback

TICK_MS = 250


class CameraPanel(QGroupBox):
    stored = Signal(object)              # the CaptureRecord of a still or clip

    def __init__(self, session: UiSession, target: TargetPicker,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Camera and document camera"), parent)
        self.session, self.target = session, target
        self.feed: PreviewFeed | None = None
        self.clip = None                 # capture.camera_capture.Clip while recording
        self.cameras_listed = False

        self.source_box = QComboBox()
        self.source_box.setObjectName("cameraSource")
        self.source_box.setEditable(True)
        self.source_box.setMinimumContentsLength(22)
        self.source_box.lineEdit().setPlaceholderText(self.tr("index, device or video file"))
        self.rescan_button = QPushButton(self.tr("Look again"))
        self.rescan_button.setToolTip(self.tr("List the cameras again (one plugged in since)"))
        self.file_button = QPushButton(self.tr("Video file…"))
        self.open_button = QPushButton(self.tr("Open camera"))
        self.open_button.setObjectName("cameraOpen")
        self.format_box = QComboBox()
        self.format_box.setObjectName("stillFormat")
        self.format_box.addItem("JPEG", "jpeg")
        self.format_box.addItem(self.tr("PNG (lossless)"), "png")
        self.preview = PreviewWidget()
        self.preview.set_placeholder(self.tr("No camera open. Choose one above and press "
                                             "“Open camera”."))
        self.still_button = QPushButton(self.tr("Take still (Space)"))
        self.still_button.setObjectName("cameraStill")
        self.record_button = QPushButton(self.tr("Record clip"))
        self.record_button.setObjectName("cameraRecord")
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setObjectName("cameraPause")
        self.stop_button = QPushButton(self.tr("Stop and store"))
        self.stop_button.setObjectName("cameraStop")
        self.elapsed_label = QLabel()
        self.elapsed_label.setObjectName("cameraElapsed")
        self.space_label = QLabel()
        self.space_label.setObjectName("cameraSpace")
        self.feedback = Feedback()
        self.feedback.setObjectName("cameraFeedback")

        source_row = QHBoxLayout()
        source_row.addWidget(QLabel(self.tr("Source:")))
        source_row.addWidget(self.source_box, 1)
        source_row.addWidget(self.rescan_button)
        source_row.addWidget(self.file_button)
        source_row.addWidget(self.open_button)
        source_row.addWidget(QLabel(self.tr("Still format:")))
        source_row.addWidget(self.format_box)
        buttons = QGridLayout()
        for column, button in enumerate((self.still_button, self.record_button,
                                         self.pause_button, self.stop_button)):
            buttons.addWidget(button, 0, column)
        status = QHBoxLayout()
        status.addWidget(self.elapsed_label)
        status.addStretch(1)
        status.addWidget(self.space_label)
        layout = QVBoxLayout(self)
        layout.addLayout(source_row)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)
        layout.addLayout(status)
        layout.addWidget(self.feedback)

        self.file_button.clicked.connect(self._choose_file)
        self.rescan_button.clicked.connect(self._list_cameras)
        self.open_button.clicked.connect(self._open_or_close)
        self.still_button.clicked.connect(self.take_still)
        self.preview.still_requested.connect(self.take_still)
        self.record_button.clicked.connect(self.start_clip)
        self.pause_button.clicked.connect(self._pause_or_resume)
        self.stop_button.clicked.connect(self.stop_clip)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self._list_cameras()
        self._update_buttons()
        self._tick()

    # ------------------------------------------------------------- sources
    def _list_cameras(self) -> None:
        self.session.run(self, list_cameras, busy=self.rescan_button, on_done=self._listed)

    def _listed(self, cameras) -> None:  # noqa: ANN001 - list[CameraInfo]
        typed = self.source_box.currentText()
        self.source_box.clear()
        for camera in cameras:
            self.source_box.addItem(camera.label(), str(camera.index))
        if typed:
            self.source_box.setEditText(typed)
        self.cameras_listed = True
        if not cameras:
            self.preview.set_placeholder(self.tr(
                "No camera or document camera is connected to this workstation. Connect one, "
                "or choose a video file, then press “Open camera”. Audio recording and the "
                "rest of LawDesk work without one."))

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("A video file as the camera"), str(Path.home()),
            self.tr("Videos (*.mp4 *.avi *.mkv *.mov);;All files (*)"))
        if name:
            self.source_box.setEditText(name)

    def chosen_source(self) -> str:
        index = self.source_box.currentIndex()
        text = self.source_box.currentText().strip()
        if index >= 0 and text == self.source_box.itemText(index):
            return self.source_box.itemData(index)
        return text

    def _open_or_close(self) -> None:
        if self.feed is not None:
            self.close_camera()
        else:
            self.open_camera()

    def open_camera(self) -> None:
        if self.feed is not None:
            return
        wanted = self.chosen_source() or "0"
        self.feedback.clear()
        self.session.run(self, lambda: open_camera(wanted, loop=True, background=True),
                         where=self.feedback, busy=[self.open_button, self.source_box],
                         on_done=self._opened)

    def _opened(self, camera) -> None:  # noqa: ANN001 - capture.camera.Camera
        self.feed = PreviewFeed(camera, self)
        self.feed.failed.connect(self._camera_failed)
        self.preview.attach(self.feed)
        self.feed.start()
        self.preview.setFocus()
        self.feedback.ok(self.tr("Camera open: %1 (%2 × %3)").replace(
            "%1", camera.source.label).replace("%2", str(camera.width)).replace(
            "%3", str(camera.height)))
        self._update_buttons()

    def close_camera(self, *, wait: bool = False) -> None:
        """Release the camera: off the UI thread, or here and now (``wait``: the window
        is closing and the runner stops after it)."""
        if self.clip is not None:
            return                      # stop the clip first (the button says so)
        feed, self.feed = self.feed, None
        self.preview.attach(None)
        if feed is not None:
            grabber, camera = feed.detach()
            feed.deleteLater()
            if wait:
                stop_camera(grabber, camera)
            else:
                self.session.run(self, lambda: stop_camera(grabber, camera))
        self._update_buttons()

    def _camera_failed(self, error: Exception) -> None:
        self.feedback.error(self.session.message(error))
        if self.clip is not None:
            self.stop_clip()
        self.close_camera()

    @property
    def source(self) -> CameraSource | None:
        return self.feed.camera.source if self.feed is not None else None

    # --------------------------------------------------------------- stills
    def take_still(self) -> None:
        if self.feed is None:
            self.feedback.error(self.tr("Open a camera first."))
            return
        frame = self.feed.grabber.latest()
        if frame is None:
            return
        from capture.camera_capture import store_still
        target, fmt, source = self.target.target(), self.format_box.currentData(), self.source
        workspace, ctx = self.session.workspace, self.session.ctx
        self.session.run(self, lambda: store_still(workspace, ctx, frame.image, source,
                                                   case=target.case, step=target.step,
                                                   fmt=fmt),
                         writes=True, where=self.feedback, on_done=self._still_stored)

    def _still_stored(self, taken) -> None:  # noqa: ANN001 - StillTaken
        record = taken.record
        self.feedback.ok(self.tr("Still stored: %1 × %2, %3, SHA-256 %4…").replace(
            "%1", str(taken.width)).replace("%2", str(taken.height)).replace(
            "%3", human_bytes(record.size)).replace("%4", record.sha256[:12]))
        self.stored.emit(record)

    # ---------------------------------------------------------------- clips
    @property
    def recording(self) -> bool:
        return self.clip is not None

    def start_clip(self) -> None:
        if self.feed is None or self.clip is not None:
            return
        from capture.camera_capture import Clip
        camera, target = self.feed.camera, self.target.target()
        workspace, ctx = self.session.workspace, self.session.ctx
        self.session.run(self, lambda: Clip(workspace, ctx, camera.source, fps=camera.fps,
                                            width=camera.width, height=camera.height,
                                            case=target.case, step=target.step),
                         writes=False, where=self.feedback, busy=self.record_button,
                         on_done=self._clip_started)

    def _clip_started(self, clip) -> None:  # noqa: ANN001 - Clip
        if self.feed is None:            # the camera went while the clip was opened
            clip.discard()
            return
        self.clip = clip
        self.feed.grabber.add_sink(clip.recorder.feed)
        self.feedback.clear()
        self._update_buttons()

    def _pause_or_resume(self) -> None:
        if self.clip is None:
            return
        recorder = self.clip.recorder
        recorder.resume() if recorder.paused else recorder.pause()
        self._update_buttons()

    def stop_clip(self) -> None:
        clip, self.clip = self.clip, None
        if clip is None:
            return
        if self.feed is not None:
            self.feed.grabber.remove_sink(clip.recorder.feed)
        self.session.run_job(self, lambda progress, cancel: clip.stop_and_store(progress, cancel),
                             writes=True, where=self.feedback, busy=self.stop_button,
                             on_done=self._clip_stored)
        self._update_buttons()

    def _clip_stored(self, record) -> None:  # noqa: ANN001 - CaptureRecord
        self.feedback.ok(self.tr("Clip stored: %1, %2, SHA-256 %3…").replace(
            "%1", duration(record.duration_seconds)).replace(
            "%2", human_bytes(record.size)).replace("%3", record.sha256[:12]))
        self.stored.emit(record)

    def leave_for_recovery(self) -> None:
        """The window closes during a clip: close the file and leave it for recovery."""
        clip, self.clip = self.clip, None
        if clip is not None:
            if self.feed is not None:
                self.feed.grabber.remove_sink(clip.recorder.feed)
            clip.leave_for_recovery()

    def shutdown(self) -> None:
        self.leave_for_recovery()
        self.close_camera(wait=True)
        self.timer.stop()

    # --------------------------------------------------------------- status
    def _update_buttons(self) -> None:
        live = self.feed is not None
        self.open_button.setText(self.tr("Close camera") if live else self.tr("Open camera"))
        set_enabled(self.open_button, self.clip is None)
        set_enabled(self.source_box, not live)
        set_enabled(self.file_button, not live)
        set_enabled(self.rescan_button, not live)
        set_enabled(self.still_button, live)
        set_enabled(self.record_button, live and self.clip is None)
        set_enabled(self.pause_button, self.clip is not None)
        set_enabled(self.stop_button, self.clip is not None)
        paused = self.clip is not None and self.clip.recorder.paused
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))

    def _tick(self) -> None:
        if self.clip is not None:
            recorder = self.clip.recorder
            state = self.tr("paused") if recorder.paused else self.tr("recording")
            self.elapsed_label.setStyleSheet("" if recorder.paused else WARN_STYLE)
            self.elapsed_label.setText(self.tr("Clip %1 (%2)").replace(
                "%1", duration(recorder.elapsed_s)).replace("%2", state))
        else:
            self.elapsed_label.setStyleSheet("")
            self.elapsed_label.setText(self.tr("Not recording"))
        self.space_label.setText(self._space_text())

    def _space_text(self) -> str:
        try:
            free = shutil.disk_usage(self.session.workspace.store_dir).free
        except OSError:
            return ""
        text = self.tr("Space left: %1").replace("%1", human_bytes(free))
        clip = self.clip
        if clip is not None and clip.recorder.elapsed_s >= 2:
            try:
                written = clip.recorder.path.stat().st_size
            except OSError:
                return text
            rate = written / clip.recorder.elapsed_s
            if rate > 0:
                # Storing copies the clip once more: it needs its own size free again.
                left = max(0.0, (free - written) / rate / 2)
                text += self.tr(" (about %1 of video)").replace("%1", duration(left))
        return text
