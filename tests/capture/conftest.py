"""The audio rig: real input devices for PortAudio without a sound card.

ALSA's "file" PCM plugin reads what a capture stream records from ``infile`` instead of
its slave (the "null" PCM, which has no clock: it gives frames as fast as they are asked
for). Two devices, both recording Chinese speech made by espeak-ng and converted by sox to
raw 16-bit mono PCM at 44.1 kHz:

- "lawdesk_exact" reads a regular file: every byte arrives exactly, faster than real time
  (what content checks need: the recording must correlate with the speech);
- "lawdesk_interview" reads a named pipe fed at exactly the rate the speech plays (a
  thread, afresh each time a reader opens it), so the stream runs at a real microphone's
  pace (what pause, marker, kill and disk-space checks need). The plugin does not wait
  for a short read from the pipe, so its audio is the speech with stretches repeated or
  skipped: it is used for timing, never for content.
 The ALSA configuration is this session's
own (ALSA_CONFIG_PATH = the system's alsa.conf plus ours), so nothing outside the tests
changes; PortAudio then lists "lawdesk_interview" as an input of its ALSA host API.

Skips (with the reason) only when espeak-ng, sox or libportaudio2 are missing: scripts/
setup.sh installs them (the "test" packages).
"""
from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from tests.casework.conftest import (  # noqa: F401 - fixtures shared with casework tests
    admin_ctx, bureau, case_input, clerk, example_data, example_input, pdf_text,
    penalty_case,
)

RATE = 44100
DEVICE = "lawdesk_interview"     # real-time pace
EXACT = "lawdesk_exact"          # exact content, faster than real time
SPEECH = "询问笔录。现在开始录音，请说明你的姓名、身份证号码和工作单位。"
CHUNK = 4096                    # bytes per write: a pipe writes this much atomically
SYSTEM_ALSA = Path("/usr/share/alsa/alsa.conf")


class Feeder:
    """Writes the speech (then silence) into the pipe at real-time pace, from the start
    each time a reader opens it."""

    def __init__(self, fifo: Path, pcm: bytes) -> None:
        self.fifo, self.pcm = fifo, pcm
        self.stop = False
        self.opened = 0
        self.thread = threading.Thread(target=self._run, name="alsa-rig-feeder", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop:
            fd = os.open(self.fifo, os.O_WRONLY)  # waits for a reader
            self.opened += 1
            started, sent = time.monotonic(), 0
            try:
                while not self.stop:
                    chunk = self.pcm[sent:sent + CHUNK]
                    chunk = chunk + bytes(CHUNK - len(chunk))
                    os.write(fd, chunk)
                    sent += CHUNK
                    ahead = started + sent / (2 * RATE) - time.monotonic() - 0.05
                    if ahead > 0:
                        time.sleep(ahead)
            except OSError as error:
                if error.errno not in (errno.EPIPE,):
                    raise
            finally:
                os.close(fd)

    def close(self) -> None:
        self.stop = True
        try:  # release a writer waiting in open()
            fd = os.open(self.fifo, os.O_RDONLY | os.O_NONBLOCK)
            time.sleep(0.05)
            os.close(fd)
        except OSError:
            pass
        self.thread.join(2)


class AudioRig:
    def __init__(self, folder: Path, pcm: bytes) -> None:
        self.folder, self.pcm = folder, pcm
        self.reference = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
        self.fifo = folder / "mic.fifo"
        os.mkfifo(self.fifo)
        self.conf = folder / "asoundrc"
        self.exact = folder / "speech-long.raw"
        self.exact.write_bytes(pcm * 8)  # never runs dry in a test
        self.conf.write_text("".join(
            f'pcm.{name} {{\n  type file\n  slave.pcm "null"\n  file "/dev/null"\n'
            f'  infile "{infile}"\n  format "raw"\n}}\n'
            for name, infile in ((DEVICE, self.fifo), (EXACT, self.exact))), "utf-8")
        self.env = {"ALSA_CONFIG_PATH": f"{SYSTEM_ALSA}:{self.conf}"}
        self.feeder = Feeder(self.fifo, pcm)

    def correlation(self, samples: np.ndarray) -> float:
        """The best normalised correlation of ``samples`` with any stretch of the speech."""
        x = samples.astype(np.float64)
        first = int(np.argmax(np.abs(x) > 64))     # where the speech begins
        x = x[first:first + RATE // 2]             # half a second of it, before any pause
        ref = self.reference
        if len(x) < 1000:
            return 0.0
        n = 1 << int(np.ceil(np.log2(len(ref) + len(x))))
        corr = np.fft.irfft(np.fft.rfft(ref, n) * np.conj(np.fft.rfft(x, n)), n)
        lag = int(np.argmax(corr[:len(ref)]))
        window = ref[lag:lag + len(x)]
        if len(window) < len(x):
            return 0.0
        return float(np.corrcoef(window, x)[0, 1])


def _missing() -> str | None:
    for tool in ("espeak-ng", "sox"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (scripts/setup.sh installs it for tests)"
    if not SYSTEM_ALSA.exists():
        return "ALSA's alsa.conf is missing (libasound2)"
    try:
        import sounddevice  # noqa: F401
    except OSError:
        return "PortAudio (libportaudio2) is not installed"
    return None


@pytest.fixture(scope="session")
def audio_rig(tmp_path_factory):
    reason = _missing()
    if reason:
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("alsa-rig")
    wav = folder / "speech.wav"
    subprocess.run(["espeak-ng", "-v", "cmn", "-s", "150", "-w", str(wav), SPEECH],
                   check=True, capture_output=True)
    raw = folder / "speech.raw"
    subprocess.run(["sox", str(wav), "-r", str(RATE), "-c", "1", "-b", "16",
                    "-e", "signed-integer", "-t", "raw", str(raw)], check=True,
                   capture_output=True)
    rig = AudioRig(folder, raw.read_bytes())
    before = os.environ.get("ALSA_CONFIG_PATH")
    os.environ.update(rig.env)
    import sounddevice as sd
    sd._terminate()  # noqa: SLF001 - PortAudio re-reads ALSA's configuration
    sd._initialize()  # noqa: SLF001
    yield rig
    rig.feeder.close()
    if before is None:
        os.environ.pop("ALSA_CONFIG_PATH", None)
    else:
        os.environ["ALSA_CONFIG_PATH"] = before
    sd._terminate()  # noqa: SLF001
    sd._initialize()  # noqa: SLF001
    assert stat.S_ISFIFO(rig.fifo.stat().st_mode)


def read_wav(path: Path) -> tuple[int, int, np.ndarray]:
    """(rate, channels, samples) of a stored WAV, read with the standard library."""
    import wave
    with wave.open(str(path), "rb") as wav:
        rate, channels = wav.getframerate(), wav.getnchannels()
        data = wav.readframes(wav.getnframes())
    return rate, channels, np.frombuffer(data, dtype="<i2")
