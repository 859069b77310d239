"""The input widgets of the custody desk: signature pad and barcode scan field."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from desktop.widgets.scan_field import ScanField
from desktop.widgets.signature_pad import SignaturePad

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_a_signature_drawn_with_the_mouse_becomes_a_png_with_ink(qtbot):
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.show()
    assert pad.is_empty()
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(40, 60))
    for x in range(40, 200, 10):
        qtbot.mouseMove(pad, QPoint(x, 60 + (x % 30)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(200, 70))
    assert not pad.is_empty()
    data = pad.png_bytes()
    assert data.startswith(PNG_MAGIC)
    image = QImage.fromData(data)
    inked_columns = {x for x in range(image.width()) for y in range(image.height())
                     if image.pixelColor(x, y).lightness() < 128}
    # the whole stroke is in the picture, from where the pen went down to where it lifted
    assert min(inked_columns) <= 42 and max(inked_columns) >= 190
    pad.clear()
    assert pad.is_empty()


def test_a_scanned_code_arrives_on_enter_without_closing_the_dialog(qtbot):
    field = ScanField()
    qtbot.addWidget(field)
    with qtbot.waitSignal(field.scanned) as blocker:
        qtbot.keyClicks(field, "  BC-0001 ")
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert blocker.args == ["BC-0001"]
