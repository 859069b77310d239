"""The evidence package of a case with large recordings, against `zip -0` of the same files.

Builds a data folder with a case whose linked recordings add up to ``--total-mb``
(``--file-mb`` each, offloaded through the real pipeline), then times on the same store
files, alternating, ``--runs`` times each (best of each reported):

  1. zip -0 -q (stored, no compression) of the store's files, then `sync FILE`
     (zip does not fsync; the package does, so both end with the bytes on the disk)
  2. the package export (dossier.package.export.export_package) in a child process: every
     file read once, hashed (SHA-256, compared with the store's record) and written into
     the ZIP64 with its CRC-32, plus the manifest, sheet, history and ledger slice, fsynced,
     and the export recorded in the ledger

and prints both times, the ratio (target: the export at least 0.8x zip's speed, i.e. its
time at most 1.25x zip's) and the export's peak memory (RSS of its process, from wait4),
with its RSS just before the export started, so the growth during the export shows. Page
caches are dropped before each timed run when the machine allows it (root on Linux), so
both read from the disk; the load average is printed before and after. The package made
is checked with its own verifier afterwards (timed too).

    .venv/bin/python benchmarks/evidence_package.py --total-mb 2048 [--file-mb 512]
                                                    [--runs 2] [--workdir DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
MIB = 1 << 20
BLOCK = 4 * MIB
TARGET_SPEED = 0.8


def drop_caches() -> bool:
    subprocess.run(["sync"], check=True)
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def load() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def make_card(card: Path, total_mb: int, file_mb: int) -> None:
    """Recorder files (GA/T 947 names) of pseudo-random content, each file unique."""
    folder = card / "RECORD"
    folder.mkdir(parents=True)
    block = os.urandom(BLOCK)
    count = max(1, total_mb // file_mb)
    for index in range(count):
        when = f"20260603{9 + index // 60:02d}{index % 60:02d}00"
        name = f"J001234_22010001_{when}_{index + 1:04d}.MP4"
        with open(folder / name, "wb") as out:
            out.write(f"recording {index}".encode().ljust(4096, b"."))
            for _ in range(file_mb * MIB // BLOCK):
                out.write(block)


def build(data: Path, card: Path) -> tuple[str, list[Path]]:
    """The data folder, the case and its linked recordings; returns the case number and the
    store files."""
    from casework.cases import create_case
    from casework.evidence_links import link_evidence
    from casework.inputs import read_case_file
    from config.settings import set_setting
    from core.actor import Actor
    from datetime import date
    from devices.offload.pipeline import offload
    from lawdesk.workspace import Workspace
    from organisation.officers import CertificateInput, add_officer
    from organisation.units import add_unit
    workspace = Workspace.open(data, create=True)
    try:
        workspace.initialise("admin", "bench-pass-1")
        admin = workspace.context(Actor("admin", frozenset({"admin"})))
        add_unit(admin, "综合执法一科", "执一")
        for name, number in (("张伟", "22010001"), ("李娜", "22010002")):
            add_officer(admin, name, "执一", CertificateInput(number, date(2099, 12, 31),
                                                             valid_from=date(2020, 1, 1)))
        set_setting(admin, "bureau.name", "农安县市场监督管理局")
        result = offload(admin, workspace.store, card, device_serial="J001234")
        clerk = workspace.context(Actor("clerk", frozenset({"clerk"})))
        case = create_case(clerk, read_case_file(REPO / "resources" / "examples" / "case.json"))
        digests = [f.sha256 for f in result.files if f.sha256]
        for digest in digests:
            link_evidence(clerk, case.number, digest)
        return case.number, [workspace.store.path_for(d) for d in digests]
    finally:
        workspace.close()


def high_water_kib() -> int:
    """This process's peak resident set (Linux: VmHWM, its own since exec; elsewhere the
    rusage figure, which may include what the parent held when it started this one)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child_build(data: str, card: str) -> None:
    number, files = build(Path(data), Path(card))
    print(json.dumps({"case": number, "files": [str(f) for f in files]}))


def child_export(data: str, number: str, out: str) -> None:
    """In a process of its own: the export alone, timed, with the peak memory before and
    after it."""
    from core.actor import Actor
    from dossier.package.export import export_package
    from lawdesk.workspace import Workspace
    workspace = Workspace.open(Path(data))
    clerk = workspace.context(Actor("clerk", frozenset({"clerk"})))
    before = high_water_kib()
    start = time.perf_counter()
    result = export_package(clerk, workspace, number, Path(out))
    seconds = time.perf_counter() - start
    workspace.close()
    print(json.dumps({"seconds": seconds, "rss_before_kib": before,
                      "rss_peak_kib": high_water_kib(), "size": result.size}))


def run_timed(command: list[str]) -> tuple[float, int, str]:
    """Wall time, peak RSS (KiB, from wait4: this process stays small, so it is the
    child's) and standard output of a child."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = process.stdout.read().decode()
    err = process.stderr.read().decode()
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command[0]} failed: {err}")
    return time.perf_counter() - start, usage.ru_maxrss, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--total-mb", type=int, default=10 * 1024)
    parser.add_argument("--file-mb", type=int, default=512)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--warm", action="store_true",
                        help="keep the page cache (measures the work, not the disk)")
    parser.add_argument("--child-build", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--child-export", nargs=3, metavar=("DATA", "CASE", "OUT"),
                        help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child_build:
        child_build(*options.child_build)
        return
    if options.child_export:
        child_export(*options.child_export)
        return
    if shutil.which("zip") is None:
        raise SystemExit("zip is not installed (apt-get install zip): nothing to compare with")
    scratch = Path(tempfile.mkdtemp(prefix="lawdesk-package-", dir=options.workdir))
    try:
        print(f"load average before: {load()}")
        print(f"making {options.total_mb} MB of recordings in {scratch} …", flush=True)
        make_card(scratch / "card", options.total_mb, options.file_mb)
        # Built in a process of its own: this one stays small, so the children's peak
        # memory is theirs alone.
        built = json.loads(subprocess.run(
            [sys.executable, __file__, "--child-build", str(scratch / "data"),
             str(scratch / "card")], check=True, capture_output=True, text=True).stdout)
        number, files = built["case"], [Path(f) for f in built["files"]]
        shutil.rmtree(scratch / "card")
        total = sum(f.stat().st_size for f in files)
        print(f"case {number}: {len(files)} recordings, {total / MIB:,.0f} MiB")
        cold = not options.warm and drop_caches()

        def settle() -> None:
            if options.warm:   # both read what the page cache holds
                subprocess.run(["cat", *map(str, files)], stdout=subprocess.DEVNULL, check=True)
            else:
                drop_caches()
        zip_times, export_times, export_rss, before_rss = [], [], 0, 0
        for run in range(options.runs):
            target = scratch / f"zip{run}.zip"
            settle()
            start = time.perf_counter()
            subprocess.run(["zip", "-0", "-q", "-j", str(target), *map(str, files)], check=True)
            subprocess.run(["sync", str(target)], check=True)
            zip_times.append(time.perf_counter() - start)
            target.unlink()
            package = scratch / f"package{run}.zip"
            settle()
            _, _, out = run_timed([sys.executable, __file__, "--child-export",
                                   str(scratch / "data"), number, str(package)])
            answer = json.loads(out)
            export_times.append(answer["seconds"])
            export_rss = max(export_rss, answer["rss_peak_kib"])
            before_rss = answer["rss_before_kib"]
            if run + 1 < options.runs:
                package.unlink()
        zip_time, export_time = min(zip_times), min(export_times)
        settle()
        verify_time, verify_rss, _ = run_timed([sys.executable, str(REPO / "dossier" /
                                                                     "verify_package.py"),
                                                str(package)])
        speed = zip_time / export_time
        print("page caches: " + ("kept warm (--warm)" if options.warm else
                                 "dropped before each run" if cold else
                                 "not dropped (not root)"))
        print(f"zip -0 -q + sync:     {zip_time:7.2f} s  ({total / MIB / zip_time:6.0f} MiB/s)  "
              f"runs {', '.join(f'{t:.2f}' for t in zip_times)}")
        print(f"package export:       {export_time:7.2f} s  ({total / MIB / export_time:6.0f} "
              f"MiB/s)  runs {', '.join(f'{t:.2f}' for t in export_times)}")
        print(f"export speed / zip's: {speed:7.2f}x   (target >= {TARGET_SPEED}x: "
              f"{'met' if speed >= TARGET_SPEED else 'NOT met'})")
        print(f"export peak RSS:      {export_rss / 1024:7.1f} MiB (before the export "
              f"{before_rss / 1024:.1f} MiB; the package is {total / MIB:,.0f} MiB)")
        print(f"verify_package.py:    {verify_time:7.2f} s, peak RSS {verify_rss / 1024:.1f} MiB")
        print(f"load average after: {load()}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
