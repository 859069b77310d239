"""One offload on screen: overall and per-file progress, the device's measured rate and the
time left at that rate, a warning naming a slow or failing recorder, cancel, and each file's
outcome when it ends. Several can run side by side, one per recorder."""
from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QSizePolicy, QTableView, QVBoxLayout, QWidget)

from desktop.formatting import human_bytes, shown_text
from desktop.models.columns import Column
from desktop.models.listed import ListTableModel
from desktop.palette import OK, OK_STYLE, WARN, WARN_STYLE
from desktop.session import UiSession
from desktop.widgets.enabled import set_enabled
from desktop.widgets.progress_bar import ProgressBar
from devices.offload.progress import UNREADABLE, parse_note
from devices.offload.rate import DeviceRate
from devices.offload.clock_check import AHEAD, BEHIND, ClockVerdict
from devices.offload.results import RESUMED, FileOutcome, OffloadResult
from lawdesk.offload_process import offload_apart

FIT_ROWS = 50  # rows measured to fit the outcome table's columns (see __init__)
# Progress is drawn at most this often, with the newest figures. An offload reports up to
# ~70 times a second (every file's end); drawing each cost the UI thread ~6% of its time in
# bursts of up to 30 ms.
DRAW_EVERY_MS = 100
# A device that stalls sends no reports at all: the rate, the time left and the slow-device
# warning are looked at again this often anyway.
TICK_MS = 1000
MIB = 1024 * 1024


class OffloadJobView(QGroupBox):
    """Starts the offload in the job runner when created; emits ``finished`` at the end."""

    finished = Signal(object)  # the OffloadResult; None when it failed or never started

    def __init__(self, session: UiSession, source: Path, *, device_serial: str | None,
                 officer_certificate: str | None, parent: QWidget | None = None) -> None:
        super().__init__(str(source), parent)
        self.session = session
        self.setObjectName("offloadJob")
        self.overall = ProgressBar()
        self.overall.setObjectName("overallProgress")
        self.overall.setRange(0, 1000)
        # Until a lane is free (desktop.jobs.OFFLOADS_AT_ONCE): then _looking says so.
        self.numbers = QLabel(self.tr("Waiting for another offload to finish…"))
        self.numbers.setObjectName("offloadNumbers")
        self.file_label = QLabel()
        self.file_label.setObjectName("currentFile")
        # Both texts change ten times a second. A label whose width follows its text asks
        # the whole window to lay itself out again each time (tens of milliseconds on the
        # UI thread, profiled during a 4 GiB offload); these take the width they are given.
        for label in (self.numbers, self.file_label):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # Names this recorder when it reads slowly or fails (devices.offload.rate), with what
        # to try; hidden otherwise.
        self.device_warning = QLabel()
        self.device_warning.setObjectName("deviceWarning")
        self.device_warning.setStyleSheet(WARN_STYLE)
        self.device_warning.setWordWrap(True)
        self.device_warning.setVisible(False)
        self.device_name = (f"{device_serial} ({source})" if device_serial else str(source))
        self.file_bar = ProgressBar()
        self.file_bar.setObjectName("fileProgress")
        self.file_bar.setRange(0, 1000)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelOffload")
        self.cancel_button.clicked.connect(self.cancel)
        lang = session.language
        self.outcomes = ListTableModel([
            Column(lambda: self.tr("File"), lambda f: f.source),
            Column(lambda: self.tr("Size"), lambda f: human_bytes(f.size)),
            Column(lambda: self.tr("Result"), lambda f: self._status_text(f),
                   foreground=lambda f: WARN if f.failed else OK),
            Column(lambda: self.tr("SHA-256"), lambda f: f.sha256 or ""),
            Column(lambda: self.tr("Problem"), lambda f: f.error_text(lang) or ""),
        ], self)
        self.table = QTableView()
        self.table.setObjectName("offloadOutcomes")
        self.table.setModel(self.outcomes)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Fitting the columns asks every row for its text by default, on the UI thread:
        # tens of milliseconds for a card of a hundred files, seconds for thousands.
        self.table.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
        self.table.setVisible(False)
        top = QHBoxLayout()
        top.addWidget(self.overall, 1)
        top.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.numbers)
        layout.addWidget(self.device_warning)
        layout.addWidget(self.file_label)
        layout.addWidget(self.file_bar)
        layout.addWidget(self.table)
        self.result: OffloadResult | None = None
        self.clock = time.monotonic  # tests drive the rate with a clock of their own
        self.rate = DeviceRate()
        self._running = False
        self._cancelling = False
        self._newest: tuple[int, int, str] | None = None
        self._draw_timer = QTimer(self, singleShot=True, interval=DRAW_EVERY_MS)
        self._draw_timer.timeout.connect(self._draw_progress)
        self._tick_timer = QTimer(self, interval=TICK_MS)
        self._tick_timer.timeout.connect(self._tick)
        self._job = self._start(source, device_serial, officer_certificate)

    def _start(self, source: Path, serial: str | None, certificate: str | None):  # noqa: ANN202
        ctx, workspace = self.session.ctx, self.session.workspace

        def work(progress, cancel):  # noqa: ANN001, ANN202
            # In a process of its own (lawdesk.offload_process): the offload's threads would
            # otherwise hold up the window's for the interpreter lock.
            return offload_apart(workspace, ctx, source, device_serial=serial,
                                 officer_certificate=certificate, progress=progress,
                                 cancel=cancel)

        # writes: the offload's changes (footage, sightings, its session) are published when
        # it ends, so the library shows them at once.
        return self.session.run_job(self, work, writes=True, lane="offload",
                                    on_progress=self._progress, on_done=self._done,
                                    on_refused=self._failed, on_failed=self._failed,
                                    on_started=self._looking,
                                    on_cancelled=self._cancelled_waiting)

    def _looking(self) -> None:
        # The rate counts from here, not from the queue.
        self.rate = DeviceRate()
        self._running = True
        self._tick_timer.start()
        if self._job is not None and not self._job.job.token.cancelled:
            self.numbers.setText(self.tr("Looking at the device…"))

    # ----------------------------------------------------------------- progress
    def _progress(self, done: int, total: int, note: str) -> None:
        # Every report is a sample of the device's rate (a few microseconds); drawing waits.
        if note.startswith(RESUMED + " "):  # counted done without reading the device
            self.rate.skipped(self.clock(), done, total)
        else:
            self.rate.update(self.clock(), done, total)
        if note.startswith(UNREADABLE + " "):
            self.rate.read_failed()
        self._newest = (done, total, note)
        if not self._draw_timer.isActive():
            self._draw_timer.start()

    def _tick(self) -> None:
        """No report for a while: the device has given nothing since the last one."""
        if self._running and self.rate.total:
            self.rate.update(self.clock(), self.rate.done, self.rate.total)
            self._draw_numbers()

    def _draw_progress(self) -> None:
        if self._newest is None:
            return
        (done, total, note), self._newest = self._newest, None
        self.overall.setValue(int(1000 * done / total) if total else 0)
        self._draw_numbers()
        file = parse_note(note)
        if file is not None:
            self.file_label.setText(self.tr("File %1 of %2: %3").replace("%1", str(file.index))
                                    .replace("%2", str(file.count)).replace("%3", file.path))
            self.file_bar.setValue(int(1000 * file.done / file.size) if file.size else 1000)

    def _draw_numbers(self) -> None:
        """Bytes so far, the device's rate over the last seconds and the time left at it;
        the warning when the recorder reads slowly or fails."""
        rate, done, total = self.rate, self.rate.done, self.rate.total
        if not self._cancelling:  # "cancelling…" stays until the offload ends
            text = self.tr("%1 of %2").replace("%1", human_bytes(done)) \
                .replace("%2", human_bytes(total))
            speed, left = rate.rate(), rate.seconds_left()
            if speed is not None:
                text = self.tr("%1 of %2 · %3/s").replace("%1", human_bytes(done)) \
                    .replace("%2", human_bytes(total)).replace("%3", human_bytes(speed))
            if left is not None and rate.reading:
                text += " · " + self._time_left(left)
            self.numbers.setText(text)
        self._draw_warning()

    def _time_left(self, seconds: float) -> str:
        if seconds < 90:
            return self.tr("about %1 s left").replace("%1", str(int(seconds) + 1))
        return self.tr("about %1 min left").replace("%1", str(round(seconds / 60)))

    def _draw_warning(self) -> None:
        rate, name = self.rate, shown_text(self.device_name)
        if rate.failing():
            text = self.tr("Recorder %1 failed to give %2 files. Try another cable or another "
                           "USB port.").replace("%1", name).replace("%2", str(rate.read_errors))
        elif rate.slow():
            text = self.tr("Recorder %1 is reading slowly (%2/s over the last %3 s). Try "
                           "another cable or another USB port.").replace("%1", name) \
                .replace("%2", human_bytes(rate.recent_rate() or 0)) \
                .replace("%3", str(int(rate.slow_for_s)))
        else:
            self.device_warning.setVisible(False)
            return
        if self.device_warning.text() != text:
            self.device_warning.setText(text)
        self.device_warning.setVisible(True)

    def _stop_drawing(self) -> None:
        # The end's figures replace the progress: a draw still pending must not follow them.
        self._draw_timer.stop()
        self._tick_timer.stop()
        self._running = False
        self._newest = None

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._cancelling = True
            set_enabled(self.cancel_button, False)
            self.numbers.setText(self.tr("Cancelling after the file in hand…"))

    def _status_text(self, outcome: FileOutcome) -> str:
        return {"stored": self.tr("Stored and verified"),
                "duplicate": self.tr("Already in the store"),
                "resumed": self.tr("Verified earlier"),
                "failed": self.tr("Failed")}.get(outcome.status, outcome.status)

    def _done(self, result: OffloadResult) -> None:
        self._stop_drawing()
        if not self.rate.failing():  # a failing recorder stays named beside its outcomes
            self.device_warning.setVisible(False)
        self.result, self._job = result, None
        set_enabled(self.cancel_button, False)
        self.overall.setValue(1000 if not result.cancelled else self.overall.value())
        summary = self.tr("%1 stored, %2 already there, %3 failed, %4 copied in %5 s") \
            .replace("%1", str(result.count("stored"))) \
            .replace("%2", str(result.count("duplicate") + result.count("resumed"))) \
            .replace("%3", str(result.failed)).replace("%4", human_bytes(result.bytes_copied)) \
            .replace("%5", f"{result.seconds:.1f}")
        if result.cancelled:
            summary = self.tr("Cancelled.") + " " + summary
        self.numbers.setText(summary)
        self.numbers.setStyleSheet(WARN_STYLE if not result.ok else OK_STYLE)
        clock = ClockVerdict.from_json(result.clock)
        if clock is not None and clock.status in (AHEAD, BEHIND):
            self.device_warning.setText(clock.describe(self.session.language))
            self.device_warning.setVisible(True)
        self.file_label.setText("")
        self.file_bar.setVisible(False)
        self.outcomes.set_rows(result.files)
        self.table.setVisible(True)
        # Not the last column: it stretches to the table's edge, and fitting it to its
        # contents would undo that until the window is next resized.
        for column in range(self.outcomes.columnCount() - 1):
            self.table.resizeColumnToContents(column)
        self.finished.emit(result)

    def _cancelled_waiting(self) -> None:
        # Only a job cancelled in the queue ends so: once started, a cancel is a result.
        self._stop_drawing()
        self._job = None
        set_enabled(self.cancel_button, False)
        self.numbers.setText(self.tr("Cancelled before it started: nothing was copied."))
        self.file_label.setText("")
        self.file_bar.setVisible(False)
        self.finished.emit(None)

    def _failed(self, error: Exception) -> None:
        self._stop_drawing()
        self._job = None
        set_enabled(self.cancel_button, False)
        self.numbers.setText(self.session.message(error))
        self.numbers.setStyleSheet(WARN_STYLE)
        self.finished.emit(None)
