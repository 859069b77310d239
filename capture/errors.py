"""What a clerk can meet while recording at the workstation."""
from __future__ import annotations

from core.errors import DomainError


class NoAudioSupport(DomainError):
    code = "no_audio_support"
    zh = "本机无法录音：{reason}"
    en = "This workstation cannot record audio: {reason}"


class NoInputDevice(DomainError):
    code = "no_input_device"
    zh = "找不到录音输入设备“{name}”；可用设备：{choices}"
    en = "No audio input device '{name}'; available: {choices}"


class CaptureFileMissing(DomainError):
    code = "capture_file_missing"
    zh = "要保存的录制文件不存在或为空：{path}"
    en = "The recording to store does not exist or is empty: {path}"


class CaptureState(DomainError):
    code = "capture_state"
    zh = "录制处于“{state}”状态，不能{action_zh}"
    en = "The recording is {state}; cannot {action_en}"


class DiskSpaceLow(DomainError):
    code = "capture_disk_low"
    zh = "证据库所在磁盘剩余空间仅够录制约 {seconds} 秒，无法开始录制"
    en = "The disk holding the store has room for only about {seconds} s of recording"


class DeviceFailed(DomainError):
    code = "capture_device_failed"
    zh = "录音设备“{name}”出错：{detail}"
    en = "The audio device '{name}' failed: {detail}"
