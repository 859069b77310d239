"""`lawdesk capture …`: record at the workstation (issue 18)."""
from __future__ import annotations

import argparse
import signal
import sys
import threading

from lawdesk.commands.common import login, open_workspace, print_json, say, warn

EVENTS = {
    "space_low": ("证据库磁盘剩余空间仅够录制约 {} 秒，请尽快结束或清理磁盘",
                  "the store's disk has room for only about {} s more recording"),
    "disk_full_stopped": ("磁盘将满，录音已在 {} 秒处停止并保存",
                          "the disk is nearly full: recording stopped at {} s and is stored"),
    "device_lost": ("录音设备“{}”已断开，已录部分将保存", "the input '{}' was lost; "
                    "what was recorded is stored"),
    "write_failed": ("写入失败（{}），录音已停止，已录部分将保存",
                     "a write failed ({}): recording stopped; what was recorded is stored"),
    "compress_failed": ("压缩副本未能保存（{}）；原始录音已入库",
                        "the compressed copy failed ({}); the original recording is stored"),
    "size_limit": ("录音文件已达 WAV 的 4 GB 上限，已在 {} 秒处停止并保存",
                   "the WAV reached its 4 GB limit: recording stopped at {} s and is stored"),
}


def devices(args: argparse.Namespace) -> int:
    from capture.devices import SETTING, list_inputs
    from config.settings import get_setting
    workspace = open_workspace(args)
    inputs = list_inputs()
    remembered = get_setting(workspace.db, SETTING)
    if args.json:
        print_json(inputs.as_json(remembered))
        return 0
    if not inputs.devices:
        print(say(f"没有可用的录音输入设备：{inputs.reason}",
                  f"no audio input device: {inputs.reason}", workspace))
        return 0
    for device in inputs.devices:
        mark = "*" if device.name == remembered else ("d" if device.is_default else " ")
        print(f"{mark} {device.index:3d}  {device.name}  [{device.host_api}, "
              f"{device.channels} ch, {device.default_samplerate:.0f} Hz]")
    return 0


def audio(args: argparse.Namespace) -> int:
    from capture.audio import AudioRecorder
    workspace = open_workspace(args)
    ctx = login(args, workspace)

    def on_event(name: str, detail: str) -> None:
        zh, en = EVENTS.get(name, ("{}", "{}"))
        if name != "time_up":
            warn(say(zh.format(detail), en.format(detail), workspace))

    recorder = AudioRecorder(workspace, device=args.device, case_id=args.case, step=args.step,
                             user=ctx, samplerate=args.rate, channels=args.channels,
                             max_seconds=args.seconds, on_event=on_event)
    stop = threading.Event()
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        recorder.start()
        if not args.json:
            print(say(f"正在录音（{recorder.input_name}），按 Ctrl-C 结束",
                      f"Recording from {recorder.input_name}; Ctrl-C ends it", workspace),
                  file=sys.stderr)
        while not stop.is_set() and not recorder.wait_ended(0.25):
            if not args.json and sys.stderr.isatty():
                sys.stderr.write(f"\r{recorder.elapsed_s:8.1f} s  {recorder.level_dbfs:6.1f} dBFS")
        record = recorder.stop()
    except BaseException:
        if recorder.state in ("recording", "paused"):
            recorder.stop()  # what was recorded is evidence: stored, not dropped
        raise
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    seconds = record.duration_seconds or 0
    return _print_stored(args, workspace, record, record.as_json(), f"{seconds:.1f} 秒",
                         f"{seconds:.1f} s")


def still(args: argparse.Namespace) -> int:
    from capture.camera_capture import take_still
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    taken = take_still(workspace, ctx, args.camera, case=args.case, step=args.step,
                       fmt=args.format)
    size = f"{taken.width}×{taken.height}"
    return _print_stored(args, workspace, taken.record, taken.as_json(), size, size)


def clip(args: argparse.Namespace) -> int:
    from capture.camera_capture import record_clip
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    record = record_clip(workspace, ctx, args.camera, seconds=args.seconds, case=args.case,
                         step=args.step)
    seconds = record.duration_seconds
    return _print_stored(args, workspace, record, record.as_json(), f"{seconds:.1f} 秒",
                         f"{seconds:.1f} s")


def _print_stored(args: argparse.Namespace, workspace, record, as_json: dict,  # noqa: ANN001
                  measure_zh: str, measure_en: str) -> int:
    """A capture's answer: its JSON, or one line and the stored file."""
    if args.json:
        print_json(as_json)
    else:
        print(say(f"已入库：{record.sha256}  {record.size} 字节  {measure_zh}\n{record.path}",
                  f"Stored: {record.sha256}  {record.size} bytes  {measure_en}\n{record.path}",
                  workspace))
    return 0


def recover(args: argparse.Namespace) -> int:
    from capture.camera_capture import recover_all as recover_captures  # audio and clips
    workspace = open_workspace(args)
    ctx = login(args, workspace)
    found = recover_captures(workspace, ctx)
    if args.json:
        print_json([item.as_json() for item in found])
        return 0 if all(item.error is None or item.data_bytes == 0 for item in found) else 1
    if not found:
        print(say("没有需要恢复的录制", "Nothing to recover", workspace))
    for item in found:
        if item.record is not None:
            print(say(f"已恢复并入库：{item.record.sha256}  {item.record.duration_seconds:.1f} 秒",
                      f"Recovered and stored: {item.record.sha256}  "
                      f"{item.record.duration_seconds:.1f} s", workspace))
        else:
            warn(say(f"录制 {item.capture_id} 未能恢复：{item.error}",
                     f"recording {item.capture_id} not recovered: {item.error}", workspace))
    return 0 if all(item.error is None or item.data_bytes == 0 for item in found) else 1
