"""What an installed LawDesk ships: every top-level package and the data files it reads."""
from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_every_top_level_package_is_installed():
    config = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    patterns = config["tool"]["setuptools"]["packages"]["find"]["include"]
    packages = sorted(p.parent.name for p in REPO.glob("*/__init__.py")
                      if p.parent.name not in ("tests", "benchmarks", "tools"))
    missing = [name for name in packages
               if not any(fnmatch.fnmatch(name, pattern) for pattern in patterns)]
    assert not missing, f"add these packages to [tool.setuptools.packages.find]: {missing}"
