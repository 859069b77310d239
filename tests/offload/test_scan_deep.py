"""The volume scan walks with its own stack: a card nested 1,500 folders deep (deeper than
Python's recursion limit) is offloaded, not answered with a RecursionError; symbolic links,
loops included, are listed and never followed, and the order is as before."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

from devices.offload.profiles import GENERIC, load_profiles, profile_named
from devices.offload.scan import scan_volume
from tests.offload.conftest import OFFICER_CERT, write_noise, write_video

DEPTH = 1_500
pytestmark = pytest.mark.skipif(os.mkdir not in os.supports_dir_fd,
                                reason="the deep tree is made through folder descriptors")


def nest(root: Path, depth: int) -> Path:
    """``depth`` folders one inside the next. Made relative to an open folder, one level at
    a time: os.makedirs recurses per level, and a 3,000-character path per call would make
    the kernel walk every level again each time."""
    fd = os.open(root, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("d", dir_fd=fd)
            child = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = child
    finally:
        os.close(fd)
    return root.joinpath(*["d"] * depth)


def remove_tree(root: Path) -> None:
    """rm -r without recursion (shutil.rmtree and os.walk recurse per level on Python 3.11)
    and without long paths: down and up again through open folders, removing relative to
    them, with only the names on the way down kept."""
    fd, names = os.open(root, os.O_RDONLY), []
    try:
        while True:
            with os.scandir(fd) as entries:
                listed = [(e.name, e.is_dir(follow_symlinks=False)) for e in entries]
            for name, is_dir in listed:
                if not is_dir:
                    os.unlink(name, dir_fd=fd)
            folder = next((name for name, is_dir in listed if is_dir), None)
            if folder is not None:
                step = os.open(folder, os.O_RDONLY, dir_fd=fd)
                names.append(folder)
            elif names:
                step = os.open("..", os.O_RDONLY, dir_fd=fd)
            else:
                break
            os.close(fd)
            fd = step
            if folder is None:
                os.rmdir(names.pop(), dir_fd=fd)  # the emptied folder we came up from
    finally:
        os.close(fd)
    os.rmdir(root)


@pytest.fixture
def deep_card():
    """A card with one real video 1,500 folders down; made once (a folder costs a
    millisecond or more to make and to remove on a busy disk), outside pytest's temporary
    folders: pytest removes those with shutil.rmtree, which fails 1,000 levels down (in
    this run or a later one). Removed here without recursion."""
    root = Path(tempfile.mkdtemp(prefix="lawdesk-deep-"))
    try:
        write_video(nest(root, DEPTH) / "clip.avi")
        yield root
    finally:
        remove_tree(root)


@pytest.fixture(scope="module")
def generic():
    return profile_named(load_profiles(), GENERIC)


def test_links_are_listed_not_followed_and_files_come_in_name_order(tmp_path, generic):
    for relative in ("b/2.mp4", "a/z/1.mp4", "a/0.mp4", "c.mp4", ".hidden/x.mp4",
                     "System Volume Information/y.mp4", "a/._3.mp4", "a/notes.txt"):
        write_noise(tmp_path / relative, 10)
    os.symlink(tmp_path, tmp_path / "a" / "z" / "loop")           # a loop to the root
    os.symlink(tmp_path / "c.mp4", tmp_path / "b" / "link.mp4")   # a link to a file
    os.symlink(tmp_path / "gone", tmp_path / "dangling")
    scan = scan_volume(tmp_path, generic)
    assert [e.relative for e in scan.files] == ["a/0.mp4", "a/z/1.mp4", "b/2.mp4", "c.mp4"]
    assert scan.links == ("a/z/loop", "b/link.mp4", "dangling")


def test_a_card_1500_folders_deep_is_scanned_and_ingested(workspace, officer_id, deep_card,
                                                           generic, capsys, monkeypatch):
    # One test for both: the tree costs seconds to make and remove on a busy disk.
    from lawdesk.cli import main
    [found] = scan_volume(deep_card, generic).files
    relative = "/".join(["d"] * DEPTH) + "/clip.avi"
    assert found.relative == relative and found.path == deep_card / relative
    monkeypatch.setenv("LAWDESK_PASSWORD", "admin-pass-1")
    code = main(["--data-dir", str(workspace.data_dir), "--user", "admin", "ingest",
                 str(deep_card), "--officer", OFFICER_CERT, "--json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    [file] = json.loads(out.out)["files"]
    assert (file["source"], file["size"]) == (relative, found.size)
    assert file["status"] == "stored" and file["error"] is None, file
