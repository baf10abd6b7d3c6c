"""``claims.load()``: the bundled release, a release file or a dataset directory, as typed records."""

from __future__ import annotations

import hashlib
import re
from importlib import resources
from pathlib import Path

from claims._version import __version__
from claims.dataset import Loaded, read_dataset, read_release_file, release_from_bytes
from claims.errors import InputError, IntegrityError
from claims.integrity import verify_claim_quotes
from claims.records import Release

BUNDLE_DIR = "_data"


def bundled_name(version: str = __version__) -> str:
    """File name of the release a wheel of ``version`` carries."""
    return f"claimtrack-{version}.json"


def read_bundled() -> Loaded:
    """Read the release shipped inside the installed package, checking it against its checksum."""
    folder = resources.files("claims").joinpath(BUNDLE_DIR)
    release_file = folder.joinpath(bundled_name())
    sums_file = folder.joinpath("SHA256SUMS")
    if not release_file.is_file():
        raise InputError(
            f"no bundled release {bundled_name()} in this installation of claimtrack {__version__} "
            "(a source checkout has none): pass a path, e.g. claims.load('dataset')"
        )
    data = release_file.read_bytes()
    expected = _expected_sha256(sums_file.read_text(encoding="utf-8"), bundled_name())
    found = hashlib.sha256(data).hexdigest()
    if expected != found:
        raise IntegrityError(
            f"bundled {bundled_name()}: sha256 expected {expected} (from SHA256SUMS), found {found}; "
            "the installed release was altered: reinstall claimtrack"
        )
    return release_from_bytes(data, origin=f"claims/{BUNDLE_DIR}/{bundled_name()}")


def _expected_sha256(sums: str, name: str) -> str:
    for line in sums.splitlines():
        match = re.fullmatch(r"([0-9a-f]{64})\s+\*?(.+)", line.strip())
        if match and match.group(2) == name:
            return match.group(1)
    raise IntegrityError(f"SHA256SUMS lists no checksum for {name}")


def read_any(path: str | Path | None) -> Loaded:
    """Read the bundled release (``None``), a release file or a dataset directory, leniently."""
    if path is None:
        return read_bundled()
    target = Path(path)
    if target.is_dir():
        return read_dataset(target)
    if not target.exists():
        raise InputError(f"{target}: no such file or directory")
    return read_release_file(target)


def verify_source_hashes(release: Release) -> None:
    """Raise naming the first source whose text does not hash to its recorded sha256."""
    for source in release.sources:
        if source.text is None:
            raise IntegrityError(f"source {source.file}: text missing, cannot check sha256")
        found = hashlib.sha256(source.text.encode("utf-8")).hexdigest()
        if found != source.sha256:
            raise IntegrityError(
                f"source {source.file}: sha256 expected {source.sha256}, found {found}; the text was altered"
            )


def load(path: str | Path | None = None, *, version: str | None = None) -> Release:
    """Return a release as typed records.

    With no ``path``, the release bundled in this installed package (version
    ``claims.__version__``); otherwise a release file or a dataset directory. Every source's
    sha256 is verified; a record that does not fit the schema is an error, not a skip.
    """
    if version is not None and version != __version__:
        raise InputError(
            f"claimtrack {__version__} bundles only release {__version__}, not {version}: "
            f"install claimtrack=={version}, or pass the path of that release file"
        )
    loaded = read_any(path)
    if loaded.problems:
        first = loaded.problems[0]
        more = f" (and {len(loaded.problems) - 1} more problems)" if len(loaded.problems) > 1 else ""
        raise InputError(f"{first.message}{more}; run `claims validate` for the full report")
    verify_source_hashes(loaded.release)
    verify_claim_quotes(loaded.release)
    return loaded.release


def default_target() -> Path | None:
    """What commands read when given no path: ``./dataset`` in a checkout, else the bundled release."""
    candidate = Path("dataset")
    return candidate if (candidate / "sources.json").is_file() else None
