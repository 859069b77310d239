"""Does the window stay responsive while a recorder offloads?

Starts a real offload from the Offload view (offscreen Qt) of a generated card and, on the UI
thread, a 5 ms timer that records how late each tick arrives. The longest gap is how long
the UI thread was blocked. Meanwhile the user keeps saving (``--saves-per-second``: a
setting changed through the window's operations, as a settings page does), each save
queued behind the offload's commits on SQLite's one write lock; the library refreshes
itself as the offload's footage lands. Target: the UI thread never blocked more than
50 ms during a 4 GB offload, however long the saves wait.

    .venv/bin/python benchmarks/ui_responsiveness.py --total-mb 4096 [--busy 2] [--stacks] [--where]

--busy 2 runs two other programs that want a CPU all the time (at normal priority) beside it,
as on a workstation whose antivirus or browser is busy: what tells whether the window
waits on work that is kept off the CPU (see core.priority).

--stacks tells a block spent in a Python slot (its stack is printed) from one spent in Qt's
own code or waiting for the interpreter lock (the stack is the event loop's); --events 30
names the events (a paint, a timer, a worker's result) that took over 30 ms, and the widget.
"""
from __future__ import annotations

import argparse
import contextlib
import gc
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEvent, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from shiboken6 import isValid  # noqa: E402

from desktop.app import settle_heap  # noqa: E402
from desktop.fonts import choose_ui_font  # noqa: E402
from desktop.i18n import Translations  # noqa: E402
from desktop.jobs import JobRunner  # noqa: E402
from desktop.main_window import MainWindow  # noqa: E402
from desktop.session import UiSession  # noqa: E402
from lawdesk.warm_start import uncompiled_note  # noqa: E402
from lawdesk.workspace import Workspace  # noqa: E402


def _make_card():  # noqa: ANN202
    """benchmarks/ingest.py's card generator (loaded by path: benchmarks/ is no package,
    and its devices.py would shadow the devices package on sys.path)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "ingest_benchmark", Path(__file__).resolve().parent / "ingest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_card


def _thread_running() -> tuple[int, None, None]:
    """The UI thread's time on a CPU (ns), read without letting go of the interpreter lock
    (see _thread_usage)."""
    return time.thread_time_ns(), None, None


def _thread_usage() -> tuple[int, int, int] | None:
    """The UI thread's time on a CPU and waiting for one (ns), and its major page faults:
    Linux's schedstat and stat. None elsewhere.

    Only under --where: reading them opens and reads two files, and each of those calls lets
    go of the interpreter lock, which the tick then waits to have back, up to the switch
    interval (5 ms) each time a worker thread of the window is running Python. Read on
    every tick, that added tens of milliseconds to the very gaps being measured while the
    window's lanes were busy."""
    try:
        on_cpu, waiting, _ = Path("/proc/thread-self/schedstat").read_text().split()
        fields = Path("/proc/thread-self/stat").read_text().rsplit(")", 1)[1].split()
        return int(on_cpu), int(waiting), int(fields[9])  # majflt is the stat's 12th field
    except (OSError, ValueError, IndexError):
        return None


def _usage_between(before, after, gap: float) -> str:  # noqa: ANN001
    """Where a late tick's time went: running, waiting for a CPU, or asleep (page faults
    from disk, a lock, the interpreter lock), which tells a slow paint from contention."""
    if before is None or after is None:
        return ""
    if before[1] is None:  # only the time on a CPU (_thread_running)
        running = (after[0] - before[0]) / 1e6
        return f": running {running:.0f} ms, not running {max(gap * 1000 - running, 0):.0f} ms"
    running, queued = (after[0] - before[0]) / 1e6, (after[1] - before[1]) / 1e6
    asleep = max(gap * 1000 - running - queued, 0.0)
    return (f": running {running:.0f} ms, waiting for a CPU {queued:.0f} ms, "
            f"asleep {asleep:.0f} ms, {after[2] - before[2]} major page faults")


class _StackWatch:
    """Samples every thread's Python stack every 10 ms from another thread, keeping the
    samples taken while the UI timer was late. A sample needs the interpreter lock, so a
    block spent waiting for it shows as the stack the UI thread waits in, and the other
    threads' stacks show who had the lock meanwhile."""

    def __init__(self, last_tick: list[float]) -> None:
        import threading
        self.ui = threading.get_ident()
        self.last_tick = last_tick
        self.samples: list[tuple[float, str]] = []
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        import threading
        import traceback
        while self.running:
            time.sleep(0.01)
            now = time.perf_counter()
            if now - self.last_tick[0] < 0.03:
                continue
            frames = sys._current_frames()
            names = {t.ident: t.name for t in threading.enumerate()}
            for ident, frame in frames.items():
                if ident == threading.get_ident():
                    continue
                inner = traceback.extract_stack(frame)[-9:]
                who = "the UI thread" if ident == self.ui else names.get(ident, str(ident))
                self.samples.append((now, f"{who} was in: " + " < ".join(
                    f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(inner))))

    def stop(self) -> None:
        self.running = False
        self.thread.join()

    def seen_during(self, start: float, gap: float) -> list[str]:
        seen: list[str] = []
        for at, stack in self.samples:
            if start <= at <= start + gap + 0.01 and stack not in seen:
                seen.append(stack)
        return seen


_SAMPLER = """
import sys, time
out = open(sys.argv[1], "w")
while True:
    with open("/proc/stat") as stat:
        fields = stat.readline().split()[1:9]
    out.write(f"{time.perf_counter()} {' '.join(fields)}\\n")
    out.flush()
    time.sleep(0.005)
"""


def _cpu_counters() -> list[int] | None:
    """The machine's CPU time so far by kind (/proc/stat's first line); None off Linux."""
    try:
        return [int(c) for c in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except (OSError, ValueError):
        return None


# /proc/stat's counters, in the order _cpu_counters and the sampler keep them.
_IDLE, _IOWAIT, _STEAL = 3, 4, 7


def _moved(before: list[int], after: list[int]) -> list[int]:
    return [b - a for a, b in zip(before, after, strict=True)]


def _steal_share(before: list[int] | None, after: list[int] | None) -> str:
    if before is None or after is None:
        return ""
    moved = _moved(before, after)
    return f"; the host took {100 * moved[_STEAL] / max(sum(moved), 1):.1f} % of the CPU (steal)"


class _MachineWatch:
    """What the whole machine did during each block: a separate process (a thread here would
    contend for the very interpreter lock being measured) writes the system's CPU counters
    (/proc/stat: user nice system idle iowait irq softirq steal) every 5 ms with the
    time. "steal" is CPU time the host gave to other virtual machines while this one wanted
    it: a block spent there is the host's, not LawDesk's. The counters move in 10 ms steps."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "machine.txt"
        self.process = subprocess.Popen([sys.executable, "-c", _SAMPLER, str(self.path)])

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        self.samples = []
        for line in self.path.read_text().splitlines():
            try:
                at, *counts = line.split()
                self.samples.append((float(at), [int(c) for c in counts]))
            except ValueError:
                pass  # the last line, cut by the kill

    def during(self, start: float, gap: float) -> str:
        """Steal, idle and the rest over the samples around [start, start + gap], in ms of
        CPU time (all CPUs together)."""
        inside = [c for at, c in self.samples if start - 0.01 <= at <= start + gap + 0.01]
        if len(inside) < 2:
            return ""
        tick_ms = 1000 / os.sysconf("SC_CLK_TCK")
        moved = [ticks * tick_ms for ticks in _moved(inside[0], inside[-1])]
        steal, idle = moved[_STEAL], moved[_IDLE] + moved[_IOWAIT]
        return (f"; machine: steal {steal:.0f} ms, idle {idle:.0f} ms, "
                f"busy {sum(moved) - idle - steal:.0f} ms of {sum(moved):.0f} ms CPU time")


class EventTimingApplication(QApplication):
    """Times each event the UI thread delivers at the top level (a paint, a timer's slot, a
    queued signal from a worker) and keeps those over ``limit`` seconds: which widget, which
    event, how long, and how much of it on a CPU. Finds blocks spent in Qt's own code that
    --stacks cannot see into. Overriding notify costs a Python call per event, so its figures
    run a little slow."""

    def __init__(self, argv: list[str], limit: float) -> None:
        super().__init__(argv)
        self.limit, self.depth = limit, 0
        self.ui = threading.get_ident()
        self.slow: list[tuple[float, float, float, str]] = []  # (at, seconds, cpu, what)

    def notify(self, receiver, event) -> bool:  # noqa: ANN001, N802 - Qt's name
        if threading.get_ident() != self.ui:  # a worker's own events: not the UI thread's time
            return super().notify(receiver, event)
        # Taken before delivery: a DeferredDelete destroys the receiver inside it, and
        # describing it afterwards reads freed memory (the likeliest cause of the one
        # segmentation fault seen, in a run with --events under load).
        kind, name = event.type(), type(receiver).__name__
        self.depth += 1
        at, cpu = time.perf_counter(), time.thread_time()
        try:
            return super().notify(receiver, event)
        finally:
            self.depth -= 1
            took = time.perf_counter() - at
            if self.depth == 0 and took > self.limit:
                if kind == QEvent.Type.DeferredDelete or not isValid(receiver):
                    what = f"{kind.name} to {name} (deleted by it)"
                else:
                    parent = receiver.parent() if hasattr(receiver, "parent") else None
                    within = type(parent).__name__ if parent is not None else "nothing"
                    what = f"{kind.name} to {name}({receiver.objectName()}) in {within}"
                self.slow.append((at, took, time.thread_time() - cpu, what))


@contextlib.contextmanager
def _busy_programs(count: int):  # noqa: ANN202
    """``count`` processes spinning on a CPU each, at the priority this one was started with,
    for the duration."""
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"])
                for _ in range(count)]
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()


class Nothing:
    def volumes(self) -> frozenset:
        return frozenset()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--total-mb", type=int, default=1024)
    parser.add_argument("--saves-per-second", type=float, default=2.0)
    parser.add_argument("--where", action="store_true",
                        help="say of each block how long the UI thread waited for a CPU and "
                             "how many major page faults it took (reads /proc on every tick, "
                             "which itself lengthens blocks: see _thread_usage)")
    parser.add_argument("--stacks", action="store_true",
                        help="also print where the UI thread's Python code was during each "
                             "block (a watching thread samples it every 10 ms)")
    parser.add_argument("--events", type=float, default=None, metavar="MS",
                        help="also list each event the UI thread took longer than MS to "
                             "deliver during the offload (a paint, a timer, a worker's "
                             "result), with the widget it went to")
    parser.add_argument("--machine", action="store_true",
                        help="also say of each block how much CPU time the host took from "
                             "this machine (steal), and how much was idle or busy (a "
                             "separate process samples /proc/stat every 5 ms)")
    parser.add_argument("--busy", type=int, default=0, metavar="N",
                        help="run N other programs that each keep a CPU busy meanwhile")
    parser.add_argument("--switch-ms", type=float, default=None,
                        help="the interpreter's thread switch interval (ms; Python's default "
                             "is 5) for this run: how long the UI thread may wait for the "
                             "interpreter lock while a worker thread of the window holds it. "
                             "1 ms measured no better than 5 (8 paired runs, 2026-12-07)")
    args = parser.parse_args()
    if note := uncompiled_note():
        print(note)
    if args.switch_ms:
        sys.setswitchinterval(args.switch_ms / 1000)
    app = (EventTimingApplication([], args.events / 1000) if args.events
           else QApplication([]))
    choose_ui_font(app)
    with tempfile.TemporaryDirectory() as scratch, _busy_programs(args.busy):
        root = Path(scratch)
        _make_card()(root / "card", args.total_mb * 1024 * 1024, 1)
        workspace = Workspace.open(root / "data", create=True)
        workspace.initialise("admin", "bench-pass-1")
        Translations(app).apply("zh_CN")
        session = UiSession(workspace, workspace.login("admin", "bench-pass-1"), JobRunner(),
                            "zh_CN")
        window = MainWindow(session)
        window.footage.offload.watcher.source = Nothing()
        window.show()
        settle_heap()   # as the application does once its window is up (desktop.app)
        wait = QEventLoop()
        QTimer.singleShot(3000, wait.quit)  # let the window warm up as it does for a user
        wait.exec()
        gaps: list[float] = []
        last = [time.perf_counter()]

        late: list[tuple[float, float, str]] = []
        longest: list[tuple[float, float, str] | None] = [None]
        usage_now = _thread_usage if args.where else _thread_running
        last_usage = [usage_now()]

        def tick() -> None:
            now = time.perf_counter()
            usage = usage_now()
            gap = now - last[0]
            if gap > 0.05 or longest[0] is None or gap > longest[0][1]:
                # A running longest, not max(gaps): this runs on the thread being measured.
                where = (last[0] - started, gap, _usage_between(last_usage[0], usage, gap))
                if longest[0] is None or gap > longest[0][1]:
                    longest[0] = where
                if gap > 0.05:
                    late.append(where)
            gaps.append(gap)
            last[0], last_usage[0] = now, usage

        collections: list[tuple[float, float, int]] = []  # (at, seconds, generation)
        gc_start = [0.0]

        def on_gc(phase: str, info: dict) -> None:
            # A collection stops every thread that holds Python objects, the UI thread too.
            now = time.perf_counter()
            if phase == "start":
                gc_start[0] = now
            elif now - gc_start[0] > 0.01:
                collections.append((gc_start[0] - started, now - gc_start[0],
                                    info["generation"]))
        gc.callbacks.append(on_gc)

        machine = _MachineWatch(root) if args.machine else None
        counters_before = _cpu_counters()
        started = time.perf_counter()
        timer = QTimer(interval=5)
        timer.timeout.connect(tick)
        timer.start()
        watcher = _StackWatch(last) if args.stacks else None
        saves: list[float] = []    # seconds from the click to the save being done

        def save() -> None:
            from config.settings import set_setting
            asked, number = time.perf_counter(), len(saves)
            session.run(window, lambda: set_setting(session.ctx, "bureau.name",
                                                    f"某县市场监督管理局 {number}"),
                        writes=True, on_done=lambda _: saves.append(time.perf_counter() - asked))

        saver = QTimer(interval=max(1, round(1000 / args.saves_per_second)))
        saver.timeout.connect(save)
        loop = QEventLoop()
        job = window.footage.offload.start(root / "card")
        job.finished.connect(lambda _: loop.quit())
        if args.saves_per_second > 0:
            saver.start()
        loop.exec()
        if watcher is not None:
            watcher.stop()
        seconds = time.perf_counter() - started
        counters_after = _cpu_counters()
        if machine is not None:
            machine.stop()
        saver.stop()
        timer.stop()
        window.close()
        gaps.sort()
        print(f"offloaded {args.total_mb} MiB in {seconds:.1f} s "
              f"({args.total_mb / seconds:.0f} MiB/s) with the window open"
              + (f", {args.busy} other programs busy" if args.busy else "")
              + _steal_share(counters_before, counters_after))
        print(f"UI timer ticks: {len(gaps)}; gap median {gaps[len(gaps) // 2] * 1000:.1f} ms, "
              f"p99 {gaps[int(len(gaps) * 0.99)] * 1000:.1f} ms, "
              f"longest {gaps[-1] * 1000:.1f} ms (target: never over 50 ms); "
              f"over 20 ms: {sum(g > 0.02 for g in gaps)}, "
              f"over 50 ms: {sum(g > 0.05 for g in gaps)}")
        if saves:
            saves.sort()
            print(f"saves during the offload: {len(saves)}; done after median "
                  f"{saves[len(saves) // 2] * 1000:.0f} ms, longest {saves[-1] * 1000:.0f} ms "
                  f"(on the writer lane: the window went on meanwhile)")
        if longest[0] is not None and not late:
            late.append(longest[0])  # under the target: still say where its time went
        for at, gap, where in late:
            around = machine.during(started + at, gap) if machine is not None else ""
            print(f"  blocked {gap * 1000:.0f} ms at {at:.2f} s{where}{around}")
            if watcher is not None:
                for stack in watcher.seen_during(started + at, gap):
                    print("    " + stack)
        for at, seconds, cpu, what in getattr(app, "slow", []):
            if at >= started:
                print(f"  event {what}: {seconds * 1000:.0f} ms ({cpu * 1000:.0f} ms on a "
                      f"CPU) at {at - started:.2f} s")
        for at, seconds, generation in collections:
            print(f"  garbage collection (generation {generation}) of {seconds * 1000:.0f} ms "
                  f"at {at:.2f} s")
        workspace.close()


if __name__ == "__main__":
    main()
