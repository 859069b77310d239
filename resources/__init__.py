"""Data shipped with LawDesk (rules as data, templates, translations): not code.

Files are found beside this package, so the same call works from a source tree, an
installed wheel (package-data) and a PyInstaller bundle that keeps the package layout.
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """The path of a shipped resource, e.g. ``resource_path("devices", "device_types.toml")``."""
    return ROOT.joinpath(*parts)
