"""The window's colours, in one place: what each means, as a QColor for item models and as
a style sheet fragment for labels. Chosen to read on white and in grey-scale print-outs
(a warning is dark red, not pure red)."""
from __future__ import annotations

from PySide6.QtGui import QColor

WARN_HEX = "#b00020"      # refused, invalid, not certified, overdue
OK_HEX = "#1b5e20"        # done, certified, in order
NEXT_HEX = "#0d47a1"      # the next thing to do
QUIET_HEX = "#6b6b6b"     # closed, inactive, no longer relevant
EXPIRING_HEX = "#8a5a00"  # due soon (amber that still reads on white)
INK_HEX = "#0d1b4c"       # a signature's ink
RULE_HEX = "#9e9e9e"      # guide lines
REQUIRED_HEX = "#90a4ae"  # a standard to reach (charts)
IN_SERVICE_HEX = "#1565c0"  # what there is (charts)
MISSING_BACKGROUND_HEX = "#fff3f3"

WARN, OK, NEXT, QUIET, EXPIRING = (QColor(WARN_HEX), QColor(OK_HEX), QColor(NEXT_HEX),
                                   QColor(QUIET_HEX), QColor(EXPIRING_HEX))
INK, RULE, REQUIRED, IN_SERVICE = (QColor(INK_HEX), QColor(RULE_HEX), QColor(REQUIRED_HEX),
                                   QColor(IN_SERVICE_HEX))

WARN_STYLE = f"color: {WARN_HEX};"
OK_STYLE = f"color: {OK_HEX};"
EXPIRING_STYLE = f"color: {EXPIRING_HEX};"
HINT_STYLE = "color: palette(mid);"   # follows the system theme
MISSING_STYLE = f"border: 1px solid {WARN_HEX}; background: {MISSING_BACKGROUND_HEX};"
