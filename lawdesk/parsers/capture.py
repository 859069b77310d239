"""Parsers for `lawdesk capture …` (工作站录音录像, issue 18)."""
from __future__ import annotations

from lawdesk.arg_types import bounded_int

MAX_SECONDS = 24 * 3600


def add(commands, command, json_flag) -> None:  # noqa: ANN001
    """Add this area's commands to ``commands`` (see lawdesk.parsers)."""
    capture = commands.add_parser(
        "capture", help="record at the workstation (工作站录音录像)").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    devices = command("devices", "capture:devices",
                      "the audio inputs PortAudio lists (host API, channels, default rate), "
                      "and the one remembered at this workstation", capture)
    json_flag(devices)
    audio = command("audio", "capture:audio",
                    "record an interview (询问笔录 etc.) for S seconds or until Ctrl-C, then "
                    "store it in the evidence store for the case and step; prints the "
                    "stored record", capture)
    audio.add_argument("--case", metavar="N", help="the case number (案件编号)")
    audio.add_argument("--step", metavar="STEP",
                       help="the case's step, code or name (default: 调查取证)")
    audio.add_argument("--device", metavar="NAME",
                       help="input device name (or part of it) or index; default: the one "
                            "remembered here, else the system default")
    audio.add_argument("--seconds", type=bounded_int("--seconds", 1, MAX_SECONDS),
                       metavar="S", help="stop after S seconds of audio (default: Ctrl-C)")
    audio.add_argument("--rate", type=bounded_int("--rate", 8000, 192000), metavar="HZ",
                       help="sample rate (default: the device's)")
    audio.add_argument("--channels", type=bounded_int("--channels", 1, 2), default=1,
                       metavar="N", help="1 (mono, the default) or 2")
    json_flag(audio)
    still = command("still", "capture:still",
                    "take a still (a document, a seized item) from the document camera or "
                    "webcam at its full resolution and store it for the case and step; "
                    "prints the stored record with width and height", capture)
    clip = command("clip", "capture:clip",
                   "record S seconds of video (MP4) from the camera and store it for the "
                   "case and step; prints the stored record", capture)
    for camera in (still, clip):
        camera.add_argument("--case", metavar="N", help="the case number (案件编号)")
        camera.add_argument("--step", metavar="STEP",
                            help="the case's step, code or name (default: 调查取证)")
        camera.add_argument("--camera", metavar="INDEX|PATH", default="0",
                            help="a device index (default 0), a device node (/dev/video2), "
                                 "a video file, or (Linux) the device's name")
        json_flag(camera)
    still.add_argument("--format", choices=("jpeg", "png"), default="jpeg",
                       help="JPEG (quality 95, the default) or PNG (lossless)")
    clip.add_argument("--seconds", type=bounded_int("--seconds", 1, 4 * 3600), required=True,
                      metavar="S", help="how long to record (a video file: at most its length)")
    recover = command("recover", "capture:recover",
                      "repair and store recordings a crash cut off (the window does this "
                      "when it starts)", capture)
    json_flag(recover)
