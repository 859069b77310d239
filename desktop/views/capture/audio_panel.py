"""The audio half of the Capture area: the input (with its host API, channels and default
rate), the level meter, record / pause / marker / stop, the time recorded and the space
left. The recorder (capture.audio.AudioRecorder) runs on PortAudio's and its own threads:
starting and stopping (storing) go through the operation runner, the meter and the clock
are read by a timer, and its events come back to the UI thread through a signal. Without
PortAudio or an input device the panel says so and stays out of the way."""
from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QProgressBar, QPushButton, QVBoxLayout, QWidget)

from desktop.formatting import duration, human_bytes
from desktop.palette import WARN_STYLE
from desktop.session import UiSession
from desktop.views.capture.target_picker import TargetPicker
from desktop.widgets.enabled import set_enabled
from desktop.widgets.feedback import Feedback

METER_FLOOR_DB = -60
TICK_MS = 100


class AudioPanel(QGroupBox):
    stored = Signal(object)                 # the CaptureRecord
    _event = Signal(str, str)               # from the recorder's threads

    def __init__(self, session: UiSession, target: TargetPicker,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Interview audio"), parent)
        self.session, self.target = session, target
        self.recorder = None                # capture.audio.AudioRecorder
        self.inputs = None                  # capture.devices.Inputs, once listed
        self.device_box = QComboBox()
        self.device_box.setObjectName("audioDevice")
        self.device_box.setMinimumContentsLength(24)
        self.rescan_button = QPushButton(self.tr("Look again"))
        self.notice = QLabel()
        self.notice.setObjectName("audioNotice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self.meter = QProgressBar()
        self.meter.setObjectName("audioMeter")
        self.meter.setRange(METER_FLOOR_DB, 0)
        self.meter.setFormat(self.tr("%v dBFS"))
        self.meter.setValue(METER_FLOOR_DB)
        self.record_button = QPushButton(self.tr("Record"))
        self.record_button.setObjectName("audioRecord")
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setObjectName("audioPause")
        self.mark_label = QLineEdit()
        self.mark_label.setPlaceholderText(self.tr("marker note (optional)"))
        self.mark_button = QPushButton(self.tr("Marker"))
        self.mark_button.setObjectName("audioMark")
        self.stop_button = QPushButton(self.tr("Stop and store"))
        self.stop_button.setObjectName("audioStop")
        self.elapsed_label = QLabel()
        self.elapsed_label.setObjectName("audioElapsed")
        self.space_label = QLabel()
        self.space_label.setObjectName("audioSpace")
        self.feedback = Feedback()
        self.feedback.setObjectName("audioFeedback")

        device_row = QHBoxLayout()
        device_row.addWidget(QLabel(self.tr("Input:")))
        device_row.addWidget(self.device_box, 1)
        device_row.addWidget(self.rescan_button)
        buttons = QHBoxLayout()
        for button in (self.record_button, self.pause_button, self.stop_button):
            buttons.addWidget(button)
        marks = QHBoxLayout()
        marks.addWidget(self.mark_label, 1)
        marks.addWidget(self.mark_button)
        layout = QVBoxLayout(self)
        layout.addLayout(device_row)
        layout.addWidget(self.notice)
        layout.addWidget(self.meter)
        layout.addLayout(buttons)
        layout.addLayout(marks)
        layout.addWidget(self.elapsed_label)
        layout.addWidget(self.space_label)
        layout.addWidget(self.feedback)
        layout.addStretch(1)

        self.rescan_button.clicked.connect(lambda: self.list_inputs(rescan=True))
        self.record_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self._pause_or_resume)
        self.mark_button.clicked.connect(self._mark)
        self.mark_label.returnPressed.connect(self._mark)
        self.stop_button.clicked.connect(self.stop)
        self._event.connect(self._on_event)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.list_inputs()
        self._update_buttons()
        self._tick()

    # --------------------------------------------------------------- inputs
    def list_inputs(self, rescan: bool = False) -> None:
        from capture.devices import list_inputs, remembered
        ctx = self.session.ctx
        self.session.run(self, lambda: (list_inputs(rescan=rescan), remembered(ctx)),
                         busy=self.rescan_button, on_done=lambda found: self._listed(*found))

    def _listed(self, inputs, remembered: str) -> None:  # noqa: ANN001 - Inputs
        self.inputs = inputs
        self.device_box.clear()
        for device in inputs.devices:
            text = self.tr("%1 — %2, %3 ch, %4 Hz").replace("%1", device.name).replace(
                "%2", device.host_api).replace("%3", str(device.channels)).replace(
                "%4", f"{device.default_samplerate:.0f}")
            self.device_box.addItem(text, device.name)
        chosen = self.device_box.findData(remembered) if remembered else -1
        if chosen < 0:
            chosen = next((i for i, d in enumerate(inputs.devices) if d.is_default), 0)
        if inputs.devices:
            self.device_box.setCurrentIndex(chosen)
        self.notice.setVisible(not inputs.devices)
        self.meter.setVisible(bool(inputs.devices))
        if not inputs.devices:
            self.notice.setText(self.tr(
                "No audio input device is available on this workstation. Interviews cannot "
                "be recorded here until a microphone is connected; press “Look again” after "
                "connecting one. Everything else in LawDesk works as usual."))
            # PortAudio's own words (in English) for whoever looks into it.
            self.notice.setToolTip(inputs.reason or "")
        self._update_buttons()

    @property
    def available(self) -> bool:
        return bool(self.inputs and self.inputs.devices)

    # -------------------------------------------------------------- driving
    @property
    def recording(self) -> bool:
        return self.recorder is not None and self.recorder.state in ("recording", "paused")

    def start(self) -> None:
        if self.recorder is not None or not self.available:
            return
        from capture.audio import AudioRecorder
        target = self.target.target()
        recorder = AudioRecorder(self.session.workspace, device=self.device_box.currentData(),
                                 case_id=target.case, step=target.step, user=self.session.ctx,
                                 on_event=lambda name, detail: self._event.emit(name, detail))
        self.recorder = recorder
        self.feedback.clear()
        self.session.run(self, recorder.start, writes=True, where=self.feedback,
                         busy=self.record_button, on_done=lambda _r: self._update_buttons(),
                         on_refused=lambda _e: self._forget(recorder),
                         on_failed=lambda _e: self._forget(recorder))
        self._update_buttons()

    def _forget(self, recorder) -> None:  # noqa: ANN001
        if self.recorder is recorder:
            self.recorder = None
        self._update_buttons()

    def _pause_or_resume(self) -> None:
        recorder = self.recorder
        if recorder is None:
            return
        action = recorder.resume if recorder.state == "paused" else recorder.pause
        self.session.run(self, action, where=self.feedback,
                         on_done=lambda _r: self._update_buttons())

    def _mark(self) -> None:
        recorder = self.recorder
        if recorder is None or not self.recording:
            return
        label = self.mark_label.text()
        self.session.run(self, lambda: recorder.mark(label), where=self.feedback,
                         on_done=self._marked)

    def _marked(self, at_s: float) -> None:
        self.mark_label.clear()
        self.feedback.ok(self.tr("Marker at %1").replace("%1", duration(at_s)))

    def stop(self) -> None:
        recorder = self.recorder
        if recorder is None:
            return
        self.session.run_job(self, lambda progress, cancel: recorder.stop(progress, cancel),
                             writes=True, where=self.feedback, busy=self.stop_button,
                             on_done=self._stored,
                             on_refused=lambda _e: self._forget(recorder),
                             on_failed=lambda _e: self._forget(recorder))

    def _stored(self, record) -> None:  # noqa: ANN001 - CaptureRecord
        self.recorder = None
        self.feedback.ok(self.tr("Recording stored: %1, %2, SHA-256 %3…").replace(
            "%1", duration(record.duration_seconds)).replace(
            "%2", human_bytes(record.size)).replace("%3", record.sha256[:12]))
        self._update_buttons()
        self.stored.emit(record)

    def _on_event(self, name: str, detail: str) -> None:
        from capture import audio
        texts = {
            audio.SPACE_LOW: self.tr("Disk space is running out: about %1 s of recording "
                                     "left. Stop soon or free space."),
            audio.DISK_FULL_STOPPED: self.tr("The disk is nearly full: the recording was "
                                             "stopped (%1 s kept). Press “Stop and store”."),
            audio.DEVICE_LOST: self.tr("The audio input %1 stopped (unplugged?). Press "
                                       "“Stop and store” to keep what was recorded."),
            audio.WRITE_FAILED: self.tr("The recording could not be written (%1). Press "
                                        "“Stop and store” to keep what was recorded."),
        }
        text = texts.get(name)
        if text is not None:
            self.feedback.error(text.replace("%1", detail))
        self._update_buttons()

    def leave_for_recovery(self) -> None:
        """The window closes during a recording (or logs out: the process may go on): the
        stream is stopped and the WAV closed with its journal, the lock let go, and the
        files left for `capture recover`, which the next window runs when it opens."""
        recorder, self.recorder = self.recorder, None
        if recorder is not None and recorder.state in ("recording", "paused"):
            recorder.leave("window_closed")

    def shutdown(self) -> None:
        self.timer.stop()

    # --------------------------------------------------------------- status
    def _update_buttons(self) -> None:
        busy = self.recorder is not None
        live = self.recording
        set_enabled(self.device_box, self.available and not busy)
        set_enabled(self.record_button, self.available and not busy)
        set_enabled(self.pause_button, live)
        set_enabled(self.mark_button, live)
        set_enabled(self.stop_button, busy and self.recorder.state != "idle")
        paused = busy and self.recorder.state == "paused"
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))

    def _tick(self) -> None:
        recorder = self.recorder
        if recorder is None or recorder.state == "idle":
            self.meter.setValue(METER_FLOOR_DB)
            self.elapsed_label.setStyleSheet("")
            self.elapsed_label.setText(self.tr("Not recording"))
            self.space_label.setText("")
            return
        level = max(METER_FLOOR_DB, min(0, round(recorder.level_dbfs)))
        self.meter.setValue(level)
        states = {"recording": self.tr("recording"), "paused": self.tr("paused"),
                  "stopped": self.tr("stopped"), "failed": self.tr("failed")}
        self.elapsed_label.setStyleSheet(WARN_STYLE if recorder.state == "recording" else "")
        self.elapsed_label.setText(self.tr("Recorded %1 (%2)").replace(
            "%1", duration(recorder.elapsed_s)).replace(
            "%2", states.get(recorder.state, recorder.state)))
        left = recorder.space_left_s
        self.space_label.setText(
            self.tr("Space left: about %1 of recording").replace("%1", duration(left))
            if left is not None else "")
        if self.stop_button.isEnabled() != (recorder.state != "idle"):
            self._update_buttons()
