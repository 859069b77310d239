"""Every folder inside one folder counts as a volume: macOS's /Volumes, or a folder a
kiosk's own tooling mounts recorders into."""
from __future__ import annotations

import os
from pathlib import Path

from devices.offload.volumes import Volume


class FolderVolumes:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def volumes(self) -> frozenset[Volume]:
        try:
            entries = list(os.scandir(self.root))
        except FileNotFoundError:
            return frozenset()
        return frozenset(Volume(Path(e.path), e.name) for e in entries
                         if e.is_dir(follow_symlinks=False) and not e.name.startswith("."))
