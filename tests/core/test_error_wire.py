"""Domain errors sent to another process come back as themselves, or, when they cannot be
rebuilt there, as the texts the sender showed."""
from __future__ import annotations

import json
from pathlib import Path

from core.error_wire import ForwardedError, error_from_wire, error_to_wire
from core.errors import InvalidInput
from devices.offload.errors import SourceNotFound


def _across(error):  # noqa: ANN001, ANN202
    return error_from_wire(json.loads(json.dumps(error_to_wire(error))))


def test_an_error_comes_back_as_its_own_class_in_both_languages():
    sent = SourceNotFound(path=Path("/media/usb0/DCIM"))
    back = _across(sent)
    assert type(back) is SourceNotFound and back.code == "source_not_found"
    assert back.message("zh_CN") == "找不到要导入的文件夹：/media/usb0/DCIM"
    assert back.message("en") == sent.message("en")
    assert str(back) == str(sent)
    back = _across(InvalidInput("设备编号太长", "the device serial is too long"))
    assert type(back) is InvalidInput and back.message("en") == \
        "Invalid input: the device serial is too long"


def test_a_class_not_ours_or_not_an_error_comes_back_as_its_texts():
    for name in ("os:system", "core.errors:DEFAULT_LANGUAGE", "core.nowhere:Gone", "x"):
        wire = error_to_wire(SourceNotFound(path="/x"))
        wire["type"] = name
        back = error_from_wire(wire)
        assert type(back) is ForwardedError
        assert back.message("zh_CN") == "找不到要导入的文件夹：/x"
        assert back.message("en") == "The folder to offload does not exist: /x"


def test_parameters_that_no_longer_fit_the_class_come_back_as_its_texts():
    wire = error_to_wire(SourceNotFound(path="/x"))
    wire["params"] = {"folder": "/x"}  # another version of the program named it otherwise
    back = error_from_wire(wire)
    assert type(back) is ForwardedError
    assert back.message("en") == "The folder to offload does not exist: /x"
