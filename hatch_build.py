"""Hatch build hook: put exactly the release the package version names inside the wheel."""

from __future__ import annotations

import hashlib
import re
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.config import BuilderConfig
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class ReleaseBundleHook(BuildHookInterface[BuilderConfig]):
    """Bundle ``dataset/releases/claimtrack-<version>.json`` and its checksum as package data."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        text = (root / "claims" / "_version.py").read_text(encoding="utf-8")
        match = re.search(r'__version__\s*=\s*"([^"]+)"', text)
        if match is None:
            raise RuntimeError("claims/_version.py: no __version__ found")
        package_version = match.group(1)
        name = f"claimtrack-{package_version}.json"
        release = root / "dataset" / "releases" / name
        if not release.is_file():
            raise RuntimeError(
                f"dataset/releases/{name} does not exist: cut it with `claims release {package_version}` "
                "before building a wheel of that version"
            )
        digest = hashlib.sha256(release.read_bytes()).hexdigest()
        sums = (root / "dataset" / "releases" / "SHA256SUMS").read_text(encoding="utf-8")
        if f"{digest}  {name}" not in sums.splitlines():
            raise RuntimeError(f"dataset/releases/SHA256SUMS does not list {name} with sha256 {digest}")
        self._sums_dir = tempfile.TemporaryDirectory()
        sums_file = Path(self._sums_dir.name) / "SHA256SUMS"
        sums_file.write_text(f"{digest}  {name}\n", encoding="utf-8")
        build_data["force_include"][str(release)] = f"claims/_data/{name}"
        build_data["force_include"][str(sums_file)] = "claims/_data/SHA256SUMS"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        sums_dir = getattr(self, "_sums_dir", None)
        if sums_dir is not None:
            sums_dir.cleanup()
