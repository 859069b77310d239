"""The workstation settings below the Settings page's "Workstation" group: footage offload,
sync with HQ and device custody.

The widgets only mirror config.settings: each change goes through set_setting, which checks
the permission and records the change in the ledger, exactly as `lawdesk settings set` does.
"""
from __future__ import annotations

import html
from typing import Any

from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QMessageBox, QPushButton, QSizePolicy, QSpinBox, QVBoxLayout,
                               QWidget)

from config.settings import SPECS, all_settings, set_setting
from desktop.session import UiSession
from desktop.widgets.enabled import set_enabled
from desktop.widgets.feedback import Feedback

# The specs' range checks are closures, so their bounds cannot be read back; they are
# repeated once here and tests/desktop/test_settings_page.py checks both agree.
RANGES = {"sync.interval_seconds": (15, 3600), "sync.chunk_mib": (1, 256),
          "custody.max_per_type": (1, 20)}


def _value(widget: QWidget) -> Any:
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    return widget.value()


def _show(widget: QWidget, value: Any) -> None:
    widget.blockSignals(True)   # what is stored, not an edit
    if isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(0, widget.findData(value)))
    else:
        widget.setValue(int(value))
    widget.blockSignals(False)


class WorkstationSettings(QWidget):
    """Footage, sync and custody settings, saved together by one button."""

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.stored: dict[str, Any] | None = None   # until the first read is back
        self.sm3 = QCheckBox(self.tr("Also compute it when offloading (beside SHA-256)"))
        self.readback = QComboBox()
        self.readback.addItem(self.tr("Through the page cache (faster)"), "cache")
        self.readback.addItem(self.tr("From the disk itself (slower, also checks the disk)"),
                              "disk")
        self.auto_offload = QCheckBox(self.tr("Start as soon as a recognised recorder is "
                                              "plugged in"))
        self.erase = QCheckBox(self.tr("Erase the files from the recorder once they are "
                                       "verified in the store"))
        # clicked, not toggled: only a person turning it on is asked, not load().
        self.erase.clicked.connect(self._erase_clicked)
        self.interval = self._spin("sync.interval_seconds", self.tr(" seconds"))
        self.chunk = self._spin("sync.chunk_mib", " MiB")
        self.custody = self._spin("custody.max_per_type", "")
        self.fields: dict[str, QWidget] = {
            "footage.sm3": self.sm3, "footage.readback": self.readback,
            "footage.auto_offload": self.auto_offload, "footage.erase_after_offload": self.erase,
            "sync.interval_seconds": self.interval, "sync.chunk_mib": self.chunk,
            "custody.max_per_type": self.custody}

        footage = QGroupBox(self.tr("Footage offload"))
        footage_form = QFormLayout(footage)
        footage_form.addRow(self.tr("SM3 hash"), self.sm3)
        footage_form.addRow(self.tr("Read-back check"), self.readback)
        footage_form.addRow(self.tr("Automatic offload"), self.auto_offload)
        footage_form.addRow(self.tr("Erase from the recorder"), self.erase)
        sync = QGroupBox(self.tr("Sync with HQ"))
        sync_form = QFormLayout(sync)
        sync_form.addRow(self.tr("Automatic sync every"), self.interval)
        sync_form.addRow(self.tr("Upload piece size"), self.chunk)
        custody = QGroupBox(self.tr("Device custody"))
        custody_form = QFormLayout(custody)
        custody_form.addRow(self.tr("Devices of one type per officer"), self.custody)

        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveWorkstationSettings")
        self.save_button.clicked.connect(self.save)
        # Says "Saved.", or why a save was refused, beside the button.
        self.feedback = Feedback()
        self.feedback.setObjectName("workstationSettingsFeedback")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.feedback, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for group in (footage, sync, custody):
            group.setMaximumWidth(720)
            layout.addWidget(group)
        layout.addLayout(buttons)

        chinese = session.language.startswith("zh")
        for key, widget in self.fields.items():
            spec = SPECS[key]
            # Rich text, so Qt wraps the longer descriptions instead of one wide line.
            tip = f"<p>{html.escape(spec.zh if chinese else spec.en)}</p>"
            widget.setToolTip(tip)
            widget.parentWidget().layout().labelForField(widget).setToolTip(tip)
            set_enabled(widget, session.can(spec.permission))
            signal = (widget.toggled if isinstance(widget, QCheckBox) else
                      widget.currentIndexChanged if isinstance(widget, QComboBox) else
                      widget.valueChanged)
            signal.connect(self._edited)
        self._update_button()
        # Changed meanwhile (say by `lawdesk settings set`): shown, unless the admin has
        # edits of their own not yet saved.
        session.subscribe(self, {"setting"}, lambda _changes: self._stored_changed())
        self.load()

    def _spin(self, key: str, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(*RANGES[key])
        spin.setSuffix(suffix)
        # As wide as its largest value, not the whole form: a number, not a line of text.
        spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        return spin

    def _stored_changed(self) -> None:
        if not self.changes():
            self.load()

    def load(self) -> None:
        """Show what is stored, dropping any edit not saved."""
        db, keys = self.session.workspace.db, list(self.fields)
        self.session.run(self, lambda: {k: v for k, v in all_settings(db).items() if k in keys},
                         on_done=self._show_stored)

    def _show_stored(self, stored: dict[str, Any]) -> None:
        self.stored = stored
        for key, widget in self.fields.items():
            _show(widget, stored[key])
        self._update_button()

    def changes(self) -> dict[str, Any]:
        if self.stored is None:
            return {}
        return {key: _value(widget) for key, widget in self.fields.items()
                if _value(widget) != self.stored[key]}

    def _update_button(self) -> None:
        set_enabled(self.save_button, bool(self.changes()))

    def _edited(self) -> None:
        self._update_button()
        self.feedback.clear()

    def _erase_clicked(self, checked: bool) -> None:
        if not checked or (self.stored or {}).get("footage.erase_after_offload"):
            return
        answer = QMessageBox.warning(
            self, self.tr("Erase files from recorders?"),
            self.tr("From now on, each file offloaded from a recorder is erased from the "
                    "recorder as soon as its copy is verified in the evidence store. Erased "
                    "files cannot be recovered from the recorder.\n\nTurn this on?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            self.erase.setChecked(False)

    def save(self) -> None:
        ctx, changes = self.session.ctx, self.changes()

        def save_each() -> None:
            for key, value in changes.items():
                set_setting(ctx, key, value)

        # After a refusal too, show what is stored: what was saved before it, not the rest.
        self.session.run(self, save_each, writes=True, where=self.feedback,
                         busy=self.save_button, on_done=lambda _: self._saved(changes),
                         on_refused=lambda _error: self.load())

    def _saved(self, changes: dict[str, Any]) -> None:
        self.stored.update(changes)
        self._update_button()
        self.feedback.ok(self.tr("Saved."))
