"""The wheel as a downstream project meets it: built, installed in a fresh venv, used outside the repository.

One wheel build and one virtual environment for the whole module. The repository is copied to a
temporary folder first; when no release of the package version is cut yet, one is generated
there (never in the repository).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest

import claims
from claims.jsonio import atomic_write
from claims.releasing import build_release, release_path
from claims.releasing.sums import add_sum, sha256_hex

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
VERSION = claims.__version__
RELEASE_NAME = f"claimtrack-{VERSION}.json"


@dataclass(frozen=True)
class Installed:
    """A wheel installed into a fresh venv, and a working directory far from any checkout."""

    wheel: Path
    sdist: Path
    python: Path
    script: Path
    release: Path
    generated: bool
    """True when the release was built from the dataset here (its version is not cut yet)."""
    outside: Path

    def run(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """Run a program of the venv from the outside directory, with no repository on the path."""
        env = {key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "VIRTUAL_ENV"}}
        return subprocess.run(
            list(args),
            cwd=self.outside,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def python_code(self, code: str) -> subprocess.CompletedProcess[str]:
        """Run Python code in the venv."""
        return self.run(str(self.python), "-c", code)


def _checked(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, f"{result.args}\n{result.stdout}\n{result.stderr}"
    return result


def _ensure_release(checkout: Path) -> Path:
    """The release of the package version in the checkout copy, generated there when not cut yet."""
    releases = checkout / "dataset" / "releases"
    target = release_path(releases, VERSION)
    if not target.is_file():
        _, data = build_release(checkout / "dataset", VERSION)
        atomic_write(target, data, overwrite=False)
        add_sum(releases, target.name, sha256_hex(data))
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("wheel")
    checkout = root / "checkout"
    checkout.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".*.tmp")
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, checkout / name, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, checkout / name)
    generated = not release_path(checkout / "dataset" / "releases", VERSION).is_file()
    release = _ensure_release(checkout)

    dist = root / "dist"
    # Both artefacts, the wheel built from the unpacked sdist: proves the sdist holds what the hook needs.
    build = [sys.executable, "-m", "build", "--outdir", str(dist), str(checkout)]
    if importlib.util.find_spec("hatchling") is not None:
        build.insert(3, "--no-isolation")
    _checked(subprocess.run(build, capture_output=True, text=True, timeout=600, check=False))
    [wheel] = dist.glob("claimtrack-*.whl")
    [sdist] = dist.glob("claimtrack-*.tar.gz")

    venv = root / "venv"
    _checked(
        subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True, timeout=300)
    )
    python = venv / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)]
    _checked(subprocess.run(pip, capture_output=True, text=True, timeout=600, check=False))
    outside = root / "elsewhere"
    outside.mkdir()
    return Installed(
        wheel=wheel,
        sdist=sdist,
        python=python,
        script=venv / "bin" / "claims",
        release=release,
        generated=generated,
        outside=outside,
    )


def _installed_data_dir(installed: Installed) -> Path:
    code = "import importlib.resources as r; print(r.files('claims').joinpath('_data'))"
    return Path(_checked(installed.python_code(code)).stdout.strip())


def _has_command(installed: Installed, name: str) -> bool:
    return installed.run(str(installed.script), name, "--help").returncode == 0


def test_the_wheel_carries_exactly_the_release_its_version_names(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = wheel.namelist()
        data = sorted(name for name in names if name.startswith("claims/_data/"))
        assert data == sorted([f"claims/_data/{RELEASE_NAME}", "claims/_data/SHA256SUMS"])
        bundled = wheel.read(f"claims/_data/{RELEASE_NAME}")
        sums = wheel.read("claims/_data/SHA256SUMS").decode()
    assert bundled == installed.release.read_bytes()
    assert sums == f"{sha256_hex(bundled)}  {RELEASE_NAME}\n"
    assert not [name for name in names if name.startswith(("dataset/", "tests/"))]


def test_the_sdist_carries_the_sources_the_release_and_its_checksum(installed: Installed) -> None:
    with tarfile.open(installed.sdist) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    expected = {
        f"dataset/releases/{RELEASE_NAME}",
        "dataset/releases/SHA256SUMS",
        "hatch_build.py",
        "pyproject.toml",
        "claims/__init__.py",
        *(f"dataset/sources/{p.name}" for p in (REPO / "dataset" / "sources").iterdir()),
    }
    assert expected <= names


def test_load_from_the_installed_wheel_returns_its_release_records(installed: Installed) -> None:
    """The installed package loads exactly the release file its version names (not ``dataset/``,
    which moves ahead of the last release between releases: ``docs/releases.md``)."""
    code = (
        "import sys, orjson, claims; r = claims.load(); "
        "sys.stdout.write(orjson.dumps({'file': claims.__file__, 'version': claims.__version__, "
        "'release': r.model_dump(mode='json')}).decode())"
    )
    out = orjson.loads(_checked(installed.python_code(code)).stdout)
    assert not Path(out["file"]).is_relative_to(REPO)
    assert out["version"] == VERSION == out["release"]["version"]
    expected = claims.load(installed.release).model_dump(mode="json")
    for collection in ("people", "subjects", "sources", "segments", "events", "claims"):
        got: list[dict[str, Any]] = out["release"][collection]
        assert [r["id"] for r in got] == [r["id"] for r in expected[collection]], collection
        assert got == expected[collection], collection
    assert out["release"] == expected


def test_the_installed_loader_refuses_other_versions_and_altered_data(installed: Installed) -> None:
    code = (
        "import claims\n"
        "try:\n    claims.load(version='9.9.9')\n"
        "except claims.InputError as exc:\n    print(type(exc).__name__, exc)\n"
    )
    out = _checked(installed.python_code(code)).stdout
    assert out.startswith("InputError") and "9.9.9" in out and VERSION in out

    bundled = _installed_data_dir(installed) / RELEASE_NAME
    original = bundled.read_bytes()
    try:
        bundled.write_bytes(original.replace(b'"claimtrack"', b'"claimtrack" ', 1))
        code = "import claims\ntry:\n    claims.load()\nexcept claims.ClaimsError as exc:\n    print(type(exc).__name__)\n"
        assert _checked(installed.python_code(code)).stdout.strip() == "IntegrityError"
    finally:
        bundled.write_bytes(original)


def test_console_validate_checks_the_bundled_release(installed: Installed) -> None:
    if not _has_command(installed, "validate"):
        pytest.skip("`claims validate` is not part of the package yet")
    result = installed.run(str(installed.script), "validate", "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    from claims.validation import validate  # type: ignore[attr-defined,unused-ignore]

    in_repo = validate(installed.release)
    assert report["valid"] == in_repo.valid
    assert [p["code"] for p in report["errors"]] == [p.code for p in in_repo.errors]
    assert result.returncode == (0 if in_repo.valid else 1)


def test_console_verify_proves_one_citation(installed: Installed) -> None:
    if not _has_command(installed, "verify"):
        pytest.skip("`claims verify` is not part of the package yet")
    release = claims.load(installed.release)
    people = {person.id: person for person in release.people}
    candidates = [c for c in release.claims if c.retracted is None and not people[c.speaker_id].anonymous]
    if not candidates:
        pytest.skip("the release holds no claims of a named speaker yet")
    claim = candidates[0]
    result = installed.run(
        str(installed.script),
        "verify",
        claim.quote,
        "--speaker",
        people[claim.speaker_id].name,
        "--date",
        claim.date.isoformat(),
        "--format",
        "json",
    )
    verdict = json.loads(result.stdout)
    assert (result.returncode, verdict["verdict"], verdict["source_file"]) == (
        0,
        "verified",
        claim.source_file,
    )
    assert claim.id in verdict["claim_ids"]


def test_a_wheel_without_its_release_is_not_built(tmp_path: Path) -> None:
    """The build hook refuses a wheel whose version has no cut release, or whose checksum is not listed."""
    if importlib.util.find_spec("hatchling") is None:
        pytest.skip("hatchling is not installed here; an isolated build would download it")
    checkout = tmp_path / "checkout"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "releases")
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, checkout / name, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, checkout / name)
    build = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path / "dist")]
    missing = subprocess.run(
        [*build, str(checkout)], capture_output=True, text=True, timeout=600, check=False
    )
    assert missing.returncode != 0
    assert f"dataset/releases/{RELEASE_NAME} does not exist" in missing.stdout + missing.stderr

    releases = checkout / "dataset" / "releases"
    _ensure_release(checkout)
    (releases / "SHA256SUMS").write_text(f"{'0' * 64}  {RELEASE_NAME}\n")
    unlisted = subprocess.run(
        [*build, str(checkout)], capture_output=True, text=True, timeout=600, check=False
    )
    assert unlisted.returncode != 0
    assert "SHA256SUMS does not list" in unlisted.stdout + unlisted.stderr
    assert not list((tmp_path / "dist").glob("*.whl"))


def test_tables_without_the_extra_say_which_extra_to_install(installed: Installed) -> None:
    code = (
        "import claims\n"
        "ds = claims.load()\n"
        "print(ds.claims['000-c0001'].id, ds.speaker('000-c0001').id)\n"
        "try:\n    ds.to_arrow('claims')\n"
        "except claims.InputError as exc:\n    print(type(exc).__name__, exc)\n"
    )
    result = _checked(installed.python_code(code))
    if "InputError" not in result.stdout:
        pytest.skip("pyarrow is importable in the wheel's venv")
    first, second = result.stdout.splitlines()[:2]
    release = claims.load(installed.release)
    assert first == f"000-c0001 {release.claim('000-c0001').speaker_id}"
    assert "claimtrack[tables]" in second
