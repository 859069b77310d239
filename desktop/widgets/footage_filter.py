"""The footage filters the library and the evidence picker share: file name or hash,
officer's certificate, device serial, recording days, and (in the library) the marks."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QWidget

from evidence.library import FootageFilter

DEBOUNCE_MS = 300


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class FootageFilterBar(QWidget):
    """``changed`` fires once typing pauses, or at once for a box or a date."""

    changed = Signal()

    def __init__(self, today: date, *, marks: bool, name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName(f"{name}Search")
        self.search.setPlaceholderText(self.tr("File name or SHA-256"))
        self.search.setClearButtonEnabled(True)
        self.officer = QLineEdit()
        self.officer.setObjectName(f"{name}Officer")
        self.officer.setPlaceholderText(self.tr("Officer's certificate"))
        self.device = QLineEdit()
        self.device.setObjectName(f"{name}Device")
        self.device.setPlaceholderText(self.tr("Device serial"))
        self.use_dates = QCheckBox(self.tr("Recorded"))
        self.use_dates.setObjectName(f"{name}UseDates")
        # The workstation's clock (injected), not the machine's: tests and a wrong system
        # date agree with the rest of LawDesk.
        self.since = QDateEdit(qdate(today).addMonths(-1))
        self.until = QDateEdit(qdate(today))
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        layout.addWidget(self.officer, 1)
        layout.addWidget(self.device, 1)
        layout.addWidget(self.use_dates)
        layout.addWidget(self.since)
        layout.addWidget(QLabel("—"))
        layout.addWidget(self.until)
        self.important = self.unreadable = None
        if marks:
            self.important = QCheckBox(self.tr("Important"))
            self.important.setObjectName(f"{name}Important")
            self.unreadable = QCheckBox(self.tr("Unreadable"))
            self.unreadable.setObjectName(f"{name}Unreadable")
            layout.addWidget(self.important)
            layout.addWidget(self.unreadable)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.changed)
        for edit in (self.search, self.officer, self.device):
            edit.textChanged.connect(lambda _: self._debounce.start())
        self.use_dates.toggled.connect(lambda _: self._now())
        for edit in (self.since, self.until):
            edit.dateChanged.connect(lambda _: self.use_dates.isChecked() and self._now())
        for box in (self.important, self.unreadable):
            if box is not None:
                box.toggled.connect(lambda _: self._now())

    def _now(self) -> None:
        self._debounce.stop()
        self.changed.emit()

    @property
    def pending(self) -> bool:
        """Typed text is waiting for the pause before it applies."""
        return self._debounce.isActive()

    def value(self) -> FootageFilter:
        dated = self.use_dates.isChecked()
        return FootageFilter(
            officer_certificate=self.officer.text().strip() or None,
            device_serial=self.device.text().strip() or None,
            recorded_from=self.since.date().toPython() if dated else None,
            recorded_until=self.until.date().toPython() if dated else None,
            important=True if self.important is not None and self.important.isChecked()
            else None,
            unreadable=True if self.unreadable is not None and self.unreadable.isChecked()
            else None,
            text=self.search.text().strip())
