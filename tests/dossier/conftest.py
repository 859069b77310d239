"""A case ready to hand to a court: the bureau of tests/casework (units, certified officers,
the example case), a body camera checked out to 张伟 on the morning of 3 June and back in
the evening, four recordings of that day offloaded through the real pipeline (SM3 on), all
four linked to the case (the fourth shows a bystander: the partial package leaves it out),
and two documents issued.

Building it (offload, documents, export) takes a few seconds, so the tests share one built
once per test session (``built``): each tamper test changes its own copy of the package.
The tests that need a fresh data folder use the lighter ``linked``.

``clean_python``: a Python with nothing but the standard library and `cryptography`, as a
court's computer would have after `pip install cryptography` (see its docstring).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import venv
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from core.actor import Actor
from core.clock import fixed_clock
from core.context import Context
from tests.casework.conftest import (  # noqa: F401 - fixtures used by this folder's tests
    BUREAU, EXAMPLE, admin_ctx, archive, bureau, case_input, clerk, example_data,
    example_input, footage, pdf_text, penalty_case, set_up_bureau,
)
from tests.conftest import NOW

BEIJING = ZoneInfo("Asia/Shanghai")
SERIAL = "J001234"
# The recordings of 3 June (Beijing time), by 张伟 (22010001); the last one is a bystander's.
RECORDINGS = ("J001234_22010001_20260603093000_0001.MP4",
              "J001234_22010001_20260603094500_0002.MP4",
              "J001234_22010001_20260603101500_0003.WAV",
              "J001234_22010001_20260603110000_0004.MP4")
BYSTANDER = 3
REASON = "第三人隐私：画面为无关路人 / a bystander's privacy"


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """An instant of June 2026, Beijing time."""
    return datetime(2026, 6, day, hour, minute, tzinfo=BEIJING)


def context_at(workspace, instant: datetime, role: str, username: str) -> Context:  # noqa: ANN001
    return Context(db=workspace.db, actor=Actor(username, frozenset({role})),
                   clock=fixed_clock(instant))


@dataclass
class CaseWithFiles:
    workspace: object
    clerk: Context
    number: str
    footage: list[str]            # SHA-256 of each recording, in RECORDINGS order
    documents: list[str]          # SHA-256 of the issued documents
    sizes: dict[str, int]


def build_case(workspace, card: Path) -> CaseWithFiles:  # noqa: ANN001
    """The case of this folder's docstring, through the real services."""
    from casework.cases import create_case
    from casework.documents import DocumentArchive, issue_document
    from casework.evidence_links import link_evidence
    from casework.inputs import read_case_file
    from config.settings import set_setting
    from devices.custody import PreUseCheck, checkin, checkout
    from devices.offload.pipeline import offload
    from devices.registry import add_device
    admin = workspace.context(Actor("admin", frozenset({"admin"})))
    set_up_bureau(admin)
    set_setting(admin, "footage.sm3", True)
    add_device(admin, SERIAL, "body_camera", "执一", model="DSJ-V9")
    checkout(context_at(workspace, at(3, 8), "custodian", "custodian"), SERIAL, "22010001",
             checks=PreUseCheck(), signature_png=None, due_at=at(3, 20))
    checkin(context_at(workspace, at(3, 18), "custodian", "custodian"), SERIAL,
            signature_png=None)
    (card / "RECORD").mkdir(parents=True)
    digests, sizes = [], {}
    for i, name in enumerate(RECORDINGS):
        data = hashlib.shake_256(name.encode()).digest(24_000 + 1_000 * i)
        (card / "RECORD" / name).write_bytes(data)
        digests.append(hashlib.sha256(data).hexdigest())
        sizes[digests[-1]] = len(data)
    offload(admin, workspace.store, card, device_serial=SERIAL)
    clerk = workspace.context(Actor("clerk", frozenset({"clerk"})))
    case = create_case(clerk, read_case_file(EXAMPLE))
    for i, digest in enumerate(digests):
        link_evidence(clerk, case.number, digest, note="路人" if i == BYSTANDER else None)
    archive = DocumentArchive(workspace.documents_dir)
    # Dated the day the notice was served, within its rectification deadline (06-10): the
    # case records no step to take the date from, and today is past the deadline.
    documents = [issue_document(clerk, archive, case.number, kind,
                                date=datetime(2026, 6, 8).date()).sha256
                 for kind in ("filing_approval", "rectification_notice")]
    return CaseWithFiles(workspace, clerk, case.number, digests, documents, sizes)


@pytest.fixture
def linked(workspace, penalty_case, footage, clerk) -> CaseWithFiles:
    """The example case with two recordings of the casework fixtures linked, no documents:
    the lighter case, for the tests that need a fresh data folder."""
    from casework.evidence_links import link_evidence
    digests = footage(2)
    for digest in digests:
        link_evidence(clerk, penalty_case.number, digest)
    sizes = {d: (workspace.store.path_for(d)).stat().st_size for d in digests}
    return CaseWithFiles(workspace, clerk, penalty_case.number, digests, [], sizes)


@dataclass
class Built:
    case: CaseWithFiles
    data_dir: Path
    other_case_id: str            # a second case of the same folder, never in the packages
    full: Path                    # the whole package
    partial: Path                 # the bystander's recording left out
    fingerprint: str


@pytest.fixture(scope="session")
def built(tmp_path_factory, initialised_template) -> Built:
    """The case, and its packages, made once per test session."""
    from dossier.package.export import export_package
    from lawdesk.workspace import Workspace
    root = tmp_path_factory.mktemp("dossier")
    shutil.copytree(initialised_template, root / "data")
    workspace = Workspace.open(root / "data", clock=fixed_clock(NOW))
    try:
        made = build_case(workspace, root / "card")
        other = _other_case(workspace, made)
        full = export_package(made.clerk, workspace, made.number, root / "full.zip")
        partial = export_package(made.clerk, workspace, made.number, root / "partial.zip",
                                 exclude=[(made.footage[BYSTANDER], REASON)])
    finally:
        workspace.close()
    assert full.fingerprint == partial.fingerprint
    return Built(made, root / "data", other, full.out, partial.out, full.fingerprint)


def _other_case(workspace, made: CaseWithFiles) -> str:  # noqa: ANN001
    """Another case of the same bureau, with a recording and a step of its own."""
    from casework.cases import create_case, record_step
    from casework.evidence_links import link_evidence
    from casework.inputs import read_case_file
    from devices.offload.pipeline import offload
    other = create_case(made.clerk, read_case_file(EXAMPLE))
    card = Path(workspace.data_dir).parent / "other-card"
    (card / "RECORD").mkdir(parents=True)
    name = "J009999_22010002_20260605140000_0001.MP4"
    data = hashlib.shake_256(name.encode()).digest(21_000)
    (card / "RECORD" / name).write_bytes(data)
    offload(workspace.context(Actor("admin", frozenset({"admin"}))), workspace.store, card,
            device_serial="J009999")
    link_evidence(made.clerk, other.number, hashlib.sha256(data).hexdigest())
    record_step(made.clerk, other.number, "filing")
    return other.id


@pytest.fixture
def package(built, tmp_path) -> Path:
    """A copy of the whole package, to change."""
    return Path(shutil.copy(built.full, tmp_path / "证据包.zip"))


def _distributions(name: str, found: dict[str, metadata.Distribution]) -> None:
    """``name`` and what it needs at run time on this machine, by their metadata."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
    key = canonicalize_name(name)
    if key in found:
        return
    dist = metadata.distribution(name)
    found[key] = dist
    for text in dist.requires or ():
        requirement = Requirement(text)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            _distributions(requirement.name, found)


@pytest.fixture(scope="session")
def clean_python(tmp_path_factory) -> Path:
    """A Python as on a court's computer after `pip install cryptography`: a fresh venv
    (no system site-packages) that sees the standard library, `cryptography` and what
    `cryptography` itself needs (cffi, pycparser), and nothing else of ours.

    Made with ``--without-pip`` plus one .pth file naming a folder of links to exactly
    those distributions as this machine installed them (found from their metadata, not a
    list written here), rather than `pip install cryptography` from the registry: the
    same wheels, but offline, in a tenth of a second, and never a different version from
    the one the rest of the suite tested. Isolation is proven where it is used: LawDesk's
    packages (and SQLAlchemy) must fail to import in it."""
    root = tmp_path_factory.mktemp("court-python")
    venv.EnvBuilder(with_pip=False, system_site_packages=False, clear=True).create(root / "venv")
    python = root / "venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    found: dict[str, metadata.Distribution] = {}
    _distributions("cryptography", found)
    only = root / "only-cryptography"
    only.mkdir()
    for dist in found.values():
        base = Path(dist.locate_file(""))
        tops = {Path(str(f)).parts[0] for f in dist.files or () if not str(f).startswith("..")}
        for top in tops:
            source = base / top
            if source.exists() and not (only / top).exists():
                (only / top).symlink_to(source, target_is_directory=source.is_dir())
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                           "['purelib'])"], capture_output=True, text=True, check=True,
                          env=court_env()).stdout.strip()
    Path(site, "only-cryptography.pth").write_text(str(only) + "\n", encoding="utf-8")
    return python


def court_env() -> dict[str, str]:
    """The environment of a stranger's shell: no PYTHONPATH, no LawDesk variables."""
    keep = ("PATH", "HOME", "SYSTEMROOT", "TMPDIR", "TEMP", "TMP", "LANG", "LC_ALL")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def run_verifier(python: Path, package: Path, *args: str, cwd: Path | None = None,
                 ) -> subprocess.CompletedProcess:
    """The package's own verify_package.py, copied out of it into a folder of its own (as
    a reader does), run on the package by ``python`` as a separate process."""
    import zipfile
    folder = cwd or package.parent / "court"
    folder.mkdir(exist_ok=True)
    script = folder / "verify_package.py"
    if package.is_dir():
        shutil.copy(package / "verify_package.py", script)
    else:
        with zipfile.ZipFile(package) as archive:
            script.write_bytes(archive.read("verify_package.py"))
    return subprocess.run([str(python), str(script), str(package), *args], cwd=folder,
                          capture_output=True, text=True, encoding="utf-8", env=court_env(),
                          timeout=60)


def problems(result: subprocess.CompletedProcess) -> list[dict]:
    """The problems a --json run named."""
    return json.loads(result.stdout)["problems"]


@pytest.fixture
def lawdesk_python() -> str:
    return sys.executable
