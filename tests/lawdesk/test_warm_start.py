"""The modules a command will import, asked of the kernel before it imports them
(lawdesk.warm_start): exactly an import's files, nothing read into the process, nothing
that can make a command fail."""
from __future__ import annotations

import os
import py_compile
import sys
from pathlib import Path

import pytest

from lawdesk import warm_start

TAG = sys.implementation.cache_tag


@pytest.fixture
def packages(tmp_path, monkeypatch):
    """A package with a subpackage and a data file, and a single module, all compiled."""
    root = tmp_path / "site"
    (root / "warmpkg" / "sub").mkdir(parents=True)
    sources = [root / "warmpkg" / "__init__.py", root / "warmpkg" / "core.py",
               root / "warmpkg" / "sub" / "__init__.py", root / "warmsingle.py"]
    for source in sources:
        source.write_text("VALUE = 1\n")
    (root / "warmpkg" / "data.json").write_text("{}")
    for source in sources:
        py_compile.compile(str(source), doraise=True)
    monkeypatch.syspath_prepend(str(root))
    return root


def test_an_import_s_compiled_files_are_found_and_nothing_else(packages):
    found = warm_start.module_files(["warmpkg", "warmsingle", "no_such_package_here"])
    assert sorted(p.relative_to(packages).as_posix() for p in found) == [
        f"__pycache__/warmsingle.{TAG}.pyc",
        f"warmpkg/__pycache__/__init__.{TAG}.pyc",
        f"warmpkg/__pycache__/core.{TAG}.pyc",
        f"warmpkg/sub/__pycache__/__init__.{TAG}.pyc",
    ]
    assert "warmpkg" not in sys.modules  # found, not imported


def test_modules_compiled_and_up_to_date_are_not_called_uncompiled(packages):
    assert warm_start.uncompiled_modules(["warmpkg", "warmsingle", "no_such_package"]) == []


def test_a_module_with_no_compiled_file_or_an_older_one_is_named(packages):
    added = packages / "warmpkg" / "sub" / "added.py"      # never compiled
    added.write_text("VALUE = 2\n")
    edited = packages / "warmsingle.py"                    # changed since it was compiled
    later = edited.stat().st_mtime + 10
    os.utime(edited, (later, later))
    found = warm_start.uncompiled_modules(["warmpkg", "warmsingle"])
    assert sorted(p.relative_to(packages).as_posix() for p in found) == [
        "warmpkg/sub/added.py", "warmsingle.py"]
    py_compile.compile(str(added), doraise=True)
    assert warm_start.uncompiled_modules(["warmpkg"]) == []


def test_extension_libraries_are_asked_for_too():
    # the cryptography bindings: a compiled library beside the package's modules
    found = warm_start.module_files(["cryptography"])
    assert any(p.name.endswith(tuple(warm_start._SUFFIXES[1:])) for p in found)


@pytest.mark.skipif(warm_start.WILL_NEED is None, reason="no posix_fadvise here")
def test_every_file_is_advised_once_and_an_unreadable_one_is_skipped(packages, monkeypatch):
    dangling = packages / "warmpkg" / "__pycache__" / f"gone.{TAG}.pyc"
    dangling.symlink_to(packages / "nowhere")
    advised: list[str] = []
    real_advise = os.posix_fadvise

    def advise(fd: int, offset: int, length: int, advice: int) -> None:
        assert (offset, length, advice) == (0, 0, warm_start.WILL_NEED)
        advised.append(Path(os.readlink(f"/proc/self/fd/{fd}")).name)
        real_advise(fd, offset, length, advice)
    monkeypatch.setattr(warm_start.os, "posix_fadvise", advise)
    thread = warm_start.prefetch(["warmpkg"])
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert sorted(advised) == [f"__init__.{TAG}.pyc", f"__init__.{TAG}.pyc",
                               f"core.{TAG}.pyc"]


def test_where_the_kernel_takes_no_advice_nothing_starts(monkeypatch):
    monkeypatch.setattr(warm_start, "WILL_NEED", None)
    assert warm_start.prefetch(["sqlalchemy"]) is None
