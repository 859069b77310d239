"""The workstation's audio inputs, as PortAudio (through sounddevice) sees them, and the
input remembered for this workstation (the setting ``capture.audio_device``).

sounddevice is imported only here and in capture.audio, and only when asked: without
PortAudio (libportaudio2) installed, or with no input device, :func:`list_inputs` says why
and the rest of LawDesk works.
"""
from __future__ import annotations

from dataclasses import dataclass

from config.settings import get_setting, set_setting
from core.context import Context
from capture.errors import NoAudioSupport, NoInputDevice

SETTING = "capture.audio_device"


@dataclass(frozen=True)
class InputDevice:
    index: int
    name: str
    host_api: str
    channels: int
    default_samplerate: float
    is_default: bool

    def as_json(self) -> dict:
        return {"index": self.index, "name": self.name, "host_api": self.host_api,
                "channels": self.channels, "default_samplerate": self.default_samplerate,
                "default": self.is_default}


@dataclass(frozen=True)
class Inputs:
    devices: tuple[InputDevice, ...]
    reason: str | None      # why there are none (no PortAudio, no device), else None

    def as_json(self, remembered: str | None = None) -> dict:
        return {"devices": [d.as_json() for d in self.devices], "reason": self.reason,
                "remembered": remembered or None}


def sounddevice():  # noqa: ANN201 - the module, or NoAudioSupport
    """Import sounddevice, or say why it cannot be used."""
    try:
        import sounddevice as sd
    except OSError as error:  # the module is there, the PortAudio library is not
        raise NoAudioSupport(reason=f"PortAudio (libportaudio2) missing: {error}") from None
    except ImportError as error:
        raise NoAudioSupport(reason=f"sounddevice not installed: {error}") from None
    return sd


def list_inputs(*, rescan: bool = False) -> Inputs:
    """Every device with input channels; ``rescan``: ask PortAudio again (a microphone
    plugged in since)."""
    try:
        sd = sounddevice()
    except NoAudioSupport as error:
        return Inputs((), error.message("en"))
    if rescan:
        sd._terminate()  # noqa: SLF001 - the documented way to refresh the device list
        sd._initialize()  # noqa: SLF001
    try:
        devices = sd.query_devices()
        apis = sd.query_hostapis()
        default_in = sd.default.device[0]
    except Exception as error:  # noqa: BLE001 - PortAudio's own error type
        return Inputs((), f"PortAudio: {error}")
    found = tuple(
        InputDevice(d["index"], d["name"], apis[d["hostapi"]]["name"],
                    int(d["max_input_channels"]), float(d["default_samplerate"]),
                    d["index"] == default_in)
        for d in devices if d["max_input_channels"] > 0)
    return Inputs(found, None if found else "no audio input device found")


def resolve(inputs: Inputs, wanted: str | int | None) -> InputDevice:
    """The device named (exactly, else the only one whose name contains it), numbered, or
    the default (else the first); NoInputDevice names the choices."""
    if not inputs.devices:
        raise NoAudioSupport(reason=inputs.reason or "no audio input device found")
    choices = "、".join(d.name for d in inputs.devices)
    if wanted is None or wanted == "":
        return next((d for d in inputs.devices if d.is_default), inputs.devices[0])
    if isinstance(wanted, int) or str(wanted).isdigit():
        for device in inputs.devices:
            if device.index == int(wanted):
                return device
        raise NoInputDevice(name=wanted, choices=choices)
    exact = [d for d in inputs.devices if d.name == wanted]
    near = [d for d in inputs.devices if str(wanted).lower() in d.name.lower()]
    if exact or len(near) == 1:
        return (exact or near)[0]
    raise NoInputDevice(name=wanted, choices=choices)


def remembered(ctx: Context) -> str:
    return get_setting(ctx.db, SETTING) or ""


def remember(ctx: Context, name: str) -> None:
    """Keep this workstation's choice (a setting: audited like every other)."""
    if remembered(ctx) != name:
        set_setting(ctx, SETTING, name)
