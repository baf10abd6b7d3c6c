"""Running the benchmark harness from the tests (``tests/test_benchmarks_*.py``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run_harness(root: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m benchmarks`` from the repository root, with the cache under ``tmp_path``."""
    return subprocess.run(
        [sys.executable, "-m", "benchmarks", "--cache-dir", str(tmp_path / "cache"), *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
