"""From plug-in to verified copy: recorder profiles, volume watching, the offload pipeline
and media probing (issue 3).

The public surface, for the command line and the desktop::

    offload(ctx, store, source_dir, *, device_serial=None, officer_certificate=None,
            progress=no_progress, cancel=None) -> OffloadResult        (pipeline)
    OffloadResult, FileOutcome                                         (results)
    parse_note(note) -> FileProgress | None                            (progress)
    recognise(root) -> Recognition; load_profiles()                    (profiles)
    VolumeWatcher, Volume, should_start_on_its_own                     (volumes)

Names are imported on first use, so importing one small module of this package does not
load the pipeline's dependencies.
"""
from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "offload": "devices.offload.pipeline",
    "OffloadResult": "devices.offload.results",
    "FileOutcome": "devices.offload.results",
    "FileProgress": "devices.offload.progress",
    "parse_note": "devices.offload.progress",
    "recognise": "devices.offload.profiles",
    "load_profiles": "devices.offload.profiles",
    "Recognition": "devices.offload.profiles",
    "RecorderProfile": "devices.offload.profiles",
    "VolumeWatcher": "devices.offload.volumes",
    "Volume": "devices.offload.volumes",
    "should_start_on_its_own": "devices.offload.volumes",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'devices.offload' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
