"""A status change the custodian records by hand with its reason (送修, 报失, 报废)."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from desktop.session import UiSession
from desktop.widgets.form_dialog import FormDialog
from devices.registry import DeviceRow, set_device_status
from devices.status import TRANSITIONS


def transition_label(action: str, language: str) -> str:
    transition = TRANSITIONS[action]
    return transition.en.capitalize() if language.startswith("en") else transition.zh


class StatusDialog(FormDialog):
    """Stays open when the change is refused (a checked-out device cannot be sent for
    repair), with the reason still typed."""

    def __init__(self, session: UiSession, device: DeviceRow, action: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.device, self.action = device, action
        self.setWindowTitle(self.tr("Device status"))
        self.reason = QLineEdit()
        self.reason.setObjectName("statusReason")
        form = QFormLayout(self)
        form.addRow(self.tr("Device"), QLabel(device.serial))
        form.addRow(self.tr("Change"), QLabel(transition_label(action, session.language)))
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.feedback)
        form.addRow(self.buttons)
        self.setMinimumWidth(380)

    def save_call(self) -> Callable[[], DeviceRow]:
        ctx, serial, action = self.session.ctx, self.device.serial, self.action
        reason = self.reason.text().strip() or None
        return lambda: set_device_status(ctx, serial, action, reason)
