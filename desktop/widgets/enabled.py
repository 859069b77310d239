"""Enabling a control that an operation may be holding busy.

An operation (desktop.operations) disables its ``busy`` widgets while it runs and gives
them back their state when it ends. A view that decides a control's state in the meantime
(a refresh that saw the operation's own change, say "nothing left to decide") must not be
undone by that hand-back: ``set_enabled`` writes the state the control is to have once it
is free, and only touches the control itself when no operation holds it. Views set their
controls' state through it, never with ``setEnabled`` directly.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

__all__ = ["hold", "release", "set_enabled"]

_HOLDS = "lawdeskBusy"         # how many operations hold the widget
_WANTED = "lawdeskWasEnabled"  # the state it takes when the last one lets go


def set_enabled(widget: QWidget, enabled: bool) -> None:
    if widget.property(_HOLDS):
        widget.setProperty(_WANTED, bool(enabled))
    else:
        widget.setEnabled(enabled)


def hold(widget: QWidget) -> None:
    holds = widget.property(_HOLDS) or 0
    if holds == 0:
        widget.setProperty(_WANTED, widget.isEnabled())
        widget.setEnabled(False)
        widget.setCursor(Qt.CursorShape.BusyCursor)
    widget.setProperty(_HOLDS, holds + 1)


def release(widget: QWidget) -> None:
    holds = max((widget.property(_HOLDS) or 1) - 1, 0)
    widget.setProperty(_HOLDS, holds)
    if holds == 0:
        widget.setEnabled(bool(widget.property(_WANTED)))
        widget.unsetCursor()
