"""Recorder volumes made of real files: small real videos (opencv, MJPG in AVI), photos, and
files of random bytes that no player can read."""
from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path

import pytest

OFFICER_CERT = "22010001"


def write_video(path: Path, *, seed: int = 0, frames: int = 30,
                size: tuple[int, int] = (64, 48)) -> bytes:
    """A real 1-second 30 fps MJPG video; ``seed`` makes its bytes differ."""
    import cv2
    import numpy as np
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.stem + ".tmp.avi")  # opencv picks the container by suffix
    writer = cv2.VideoWriter(str(temp), cv2.VideoWriter_fourcc(*"MJPG"), 30, size)
    assert writer.isOpened()
    rng = np.random.default_rng(seed)
    for i in range(frames):
        frame = np.full((size[1], size[0], 3), (i * 8) % 256, np.uint8)
        frame[: size[1] // 2] = rng.integers(0, 255, (size[1] // 2, size[0], 3), np.uint8)
        writer.write(frame)
    writer.release()
    os.replace(temp, path)
    return path.read_bytes()


def write_noise(path: Path, size: int, *, seed: int = 0) -> bytes:
    """Random bytes: as unreadable to opencv as a damaged recording."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = hashlib.shake_256(f"{seed}:{path.name}".encode()).digest(size)
    path.write_bytes(data)
    return data


def gat947_name(serial: str, officer: str, start: str, seq: int, important: bool = False,
                ext: str = "AVI") -> str:
    return f"{serial}_{officer}_{start}_{seq:04d}{'_IMP' if important else ''}.{ext}"


@pytest.fixture
def store(workspace):
    return workspace.store


@pytest.fixture
def officer_id(workspace, as_role) -> str:
    """One certified officer, 张伟, certificate 22010001, in unit 执一."""
    from organisation.officers import CertificateInput, add_officer
    from organisation.units import add_unit
    admin = as_role("admin", username="admin")
    add_unit(admin, "综合执法一科", "执一")
    return add_officer(admin, "张伟", "执一",
                       CertificateInput(OFFICER_CERT, date(2030, 12, 31),
                                        valid_from=date(2020, 1, 1))).id


@pytest.fixture
def gat947_card(tmp_path: Path) -> Path:
    """A GA/T 947 body camera: an id file, two named videos (one marked important) and a
    damaged .mp4 of random bytes."""
    root = tmp_path / "cam-gat947"
    (root / "RECORD").mkdir(parents=True)
    (root / "DEVICE.TXT").write_text("Model=BC-9\nSN=J001234\n")
    write_video(root / "RECORD" / gat947_name("J001234", OFFICER_CERT, "20260615101500", 1,
                                              important=True), seed=1)
    write_video(root / "RECORD" / gat947_name("J001234", OFFICER_CERT, "20260615103000", 2),
                seed=2)
    write_noise(root / "RECORD" / gat947_name("J001234", OFFICER_CERT, "20260615110000", 3,
                                              ext="MP4"), 50_000, seed=3)
    return root


def store_files(store) -> list[Path]:  # noqa: ANN001
    """Every regular file under the store's content folder."""
    return sorted(p for p in store.objects_dir.rglob("*") if p.is_file())


def staging_leftovers(store) -> list[Path]:  # noqa: ANN001
    return sorted(p for p in store.staging_dir.rglob("*") if p.is_file()) \
        if store.staging_dir.exists() else []


class Media:
    """The helpers above, for tests to reach through the ``media`` fixture (a conftest is
    not a module tests import by name)."""

    write_video = staticmethod(write_video)
    write_noise = staticmethod(write_noise)
    gat947_name = staticmethod(gat947_name)
    store_files = staticmethod(store_files)
    staging_leftovers = staticmethod(staging_leftovers)
    OFFICER_CERT = OFFICER_CERT


@pytest.fixture
def media() -> type[Media]:
    return Media


@pytest.fixture
def admin(as_role):
    """The admin's context without a real login: Argon2 costs a fifth of a second a test,
    and the offload checks only the actor's roles (tests/lawdesk logs in for real)."""
    return as_role("admin", username="admin")
