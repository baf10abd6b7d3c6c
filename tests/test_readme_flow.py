"""The README's two commands, in order, on a fresh copy of the checkout: the venv they leave works anywhere.

The first installs the package (a wheel, with its bundled release) and runs `claims validate`
and `claims stats`; the second makes the same venv an editable install with the test tools
(its `pytest` is left out here: this is that suite). Afterwards `import claims; claims.load()`
and `claims stats` must work from a folder outside the checkout: an editable install has no
`claims/_data`, and reads the checkout's `dataset/releases/claimtrack-<version>.json`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import claims

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
COPIED = (
    "claims",
    "dataset",
    "schema",
    "pyproject.toml",
    "hatch_build.py",
    "README.md",
    "CHANGELOG.md",
    "LICENSE",
    "CITATION.cff",
)


def _readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", text, flags=re.DOTALL)
    assert block is not None
    return [line for line in block.group(1).splitlines() if line.strip()][:2]


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}


def _run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert result.returncode == 0, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def test_the_readme_commands_in_order_leave_a_venv_that_loads_the_release_anywhere(tmp_path: Path) -> None:
    release = REPO / "dataset" / "releases" / f"claimtrack-{claims.__version__}.json"
    if not release.is_file():
        pytest.skip(f"release {claims.__version__} is not cut yet: the first command cannot build its wheel")
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".*.tmp")
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, checkout / name, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, checkout / name)
    first, second = _readme_commands()
    assert "pip install ." in first and "pip install -e" in second
    _run(first, checkout)
    _run(second.split(" && .venv/bin/pytest")[0], checkout)

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    python = checkout / ".venv" / "bin" / "python"
    code = "import claims; r = claims.load(); print(claims.__file__); print(r.version, len(r.claims))"
    loaded = subprocess.run(
        [str(python), "-c", code],
        cwd=outside,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert loaded.returncode == 0, loaded.stderr
    file, counts = loaded.stdout.split("\n")[:2]
    assert Path(file).is_relative_to(checkout / "claims")  # the editable install, not a wheel
    assert counts == f"{claims.__version__} {len(claims.load(release).claims)}"
    stats = subprocess.run(
        [str(checkout / ".venv" / "bin" / "claims"), "stats"],
        cwd=outside,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert stats.returncode == 0, stats.stderr
    assert f"claimtrack {claims.__version__}" in stats.stdout
