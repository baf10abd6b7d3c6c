"""``claims.load()``: the bundled release, a release file or a dataset directory, as typed records."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path
from typing import Any

from claims._version import __version__
from claims.checksums import SUMS_NAME, altered_message, decode_sums, hash_mismatch, listed_sha256, sha256_hex
from claims.dataset import Loaded, read_dataset, read_release_file, release_from_bytes, release_lazily
from claims.errors import ClaimsError, InputError, IntegrityError, ProblemsError
from claims.integrity import verify_claim_quotes
from claims.jsonio import is_stream, read_bytes
from claims.records import Release
from claims.report import plural

BUNDLE_DIR = "_data"


def bundled_name(version: str = __version__) -> str:
    """File name of the release a wheel of ``version`` carries."""
    return f"claimtrack-{version}.json"


def checkout_releases() -> Path:
    """``dataset/releases`` of the checkout this package was imported from (an editable install)."""
    return Path(__file__).resolve().parent.parent / "dataset" / "releases"


def bundled_bytes() -> tuple[bytes, str]:
    """The bytes of the release shipped inside the installed package, checked against its checksum.

    A wheel carries it in ``claims/_data``. An editable install (or the checkout itself, on the
    path) has no ``_data``: its bundled release is the checkout's
    ``dataset/releases/claimtrack-<package version>.json``, checked against the ``SHA256SUMS``
    beside it in the same way.
    """
    folder: Any = resources.files("claims").joinpath(BUNDLE_DIR)
    release_file = folder.joinpath(bundled_name())
    origin = f"claims/{BUNDLE_DIR}/{bundled_name()}"
    sums_origin = f"claims/{BUNDLE_DIR}/{SUMS_NAME}"
    if not release_file.is_file():
        checkout = checkout_releases()
        if (checkout / bundled_name()).is_file() and (checkout / SUMS_NAME).is_file():
            folder, release_file = checkout, checkout / bundled_name()
            origin, sums_origin = str(release_file), str(checkout / SUMS_NAME)
        else:
            raise InputError(
                f"no bundled release {bundled_name()} in this installation of claimtrack {__version__} "
                f"(nor in {checkout}: cut it with `claims release {__version__}`): "
                "pass a path, e.g. claims.load('dataset')"
            )
    data = release_file.read_bytes()
    sums = decode_sums(folder.joinpath(SUMS_NAME).read_bytes(), origin=sums_origin)
    expected = sums.get(bundled_name())
    if expected is None:
        raise IntegrityError(f"{SUMS_NAME} lists no checksum for {bundled_name()}")
    found = hash_mismatch(data, expected)
    if found is not None:
        message = altered_message(
            f"bundled {bundled_name()}",
            expected,
            found,
            listed_in=f"from {SUMS_NAME}",
            what="installed release",
        )
        raise IntegrityError(f"{message}: reinstall claimtrack")
    return data, origin


def read_bundled() -> Loaded:
    """Read the bundled release and check every record (for ``claims validate``)."""
    data, origin = bundled_bytes()
    return release_from_bytes(data, origin=origin, check_duplicates=False)


def read_any(path: str | Path | None) -> Loaded:
    """Read the bundled release (``None``), a release file or a dataset directory, leniently."""
    if path is None:
        return read_bundled()
    target = Path(path)
    if is_stream(target):
        return read_release_file(target)
    if target.is_dir():
        return read_dataset(target)
    if not target.exists():
        if target.is_symlink():
            raise InputError(f"{target}: cannot read: a broken link or a loop of symbolic links")
        raise InputError(f"{target}: no such file or directory")
    return read_release_file(target)


def verify_source_hashes(release: Release) -> None:
    """Raise naming the first source whose text does not hash to its recorded sha256."""
    for source in release.sources:
        if source.text is None:
            raise IntegrityError(f"source {source.file}: text missing, cannot check sha256")
        found = hash_mismatch(source.text.encode("utf-8"), source.sha256)
        if found is not None:
            raise IntegrityError(
                altered_message(
                    f"source {source.file}", source.sha256, found, listed_in="sources.json", what="text"
                )
            )


def load(path: str | Path | None = None, *, version: str | None = None) -> Release:
    """Return a release as typed records.

    With no ``path``, the release bundled in this installed package (version
    ``claims.__version__``); otherwise a release file or a dataset directory.

    The bundled release, and a release file that ``SHA256SUMS`` beside it lists (as ``claims
    release`` writes them), must match that sha256, or ``IntegrityError`` names what was altered.
    Such a vouched-for release is loaded lazily: parsed once, each record validated into its
    model when first read (``claims.records.lazy.RecordList``). Any other release file, and a
    dataset directory, is checked whole before it is returned: every record, every source's
    sha256, every claim's quote. A record that does not fit the schema is an error, never a skip.
    """
    if version is not None and version != __version__:
        raise InputError(
            f"claimtrack {__version__} bundles only release {__version__}, not {version}: "
            f"install claimtrack=={version}, or pass the path of that release file"
        )
    if path is None:
        data, origin = bundled_bytes()
        return release_lazily(data, origin=origin).release
    target = Path(path)
    if target.is_file():
        expected = listed_sha256(target)
        if expected is not None:
            return _load_vouched(target, expected)
    return checked(read_any(target))


def _load_vouched(target: Path, expected: str) -> Release:
    """Parse a release while another thread hashes it; nothing is returned unless the hash matches.

    ``hashlib`` releases the GIL while it hashes, so on two cores the check costs almost nothing
    beside the parse. Parsing first is safe: the bytes are size-limited and orjson builds only
    plain data; a parse error of altered bytes is reported as the alteration it is.
    """
    data = read_bytes(target, what="release file")
    with ThreadPoolExecutor(max_workers=1) as pool:
        digest = pool.submit(sha256_hex, data)
        try:
            loaded: Loaded | None = release_lazily(data, origin=str(target))
            failure: ClaimsError | None = None
        except ClaimsError as exc:
            loaded, failure = None, exc
        found = digest.result()
    if found != expected:
        raise IntegrityError(_altered(target, data, expected, found))
    if failure is not None:
        raise failure
    assert loaded is not None
    return loaded.release


def checked(loaded: Loaded) -> Release:
    """The release read, once it has no problems, its sources hash right and its quotes match."""
    if loaded.problems:
        first = loaded.problems[0]
        more = (
            f" (and {plural(len(loaded.problems) - 1, 'more problem')})" if len(loaded.problems) > 1 else ""
        )
        raise ProblemsError(
            f"{first.message}{more}; run `claims validate` for the full report", loaded.problems
        )
    verify_source_hashes(loaded.release)
    verify_claim_quotes(loaded.release)
    return loaded.release


def _altered(target: Path, data: bytes, expected: str, found: str) -> str:
    """Say that a release no longer matches its checksum, and which record changed, if one can tell."""
    message = altered_message(str(target), expected, found, listed_in=f"from {SUMS_NAME}", what="release")
    try:
        checked(release_from_bytes(data, origin=str(target)))
    except ClaimsError as exc:
        return f"{message}: {exc}"
    return f"{message} (every record still reads and matches its source text)"


def default_target() -> Path | None:
    """What commands read when given no path: ``./dataset`` in a checkout, else the bundled release."""
    candidate = Path("dataset")
    return candidate if (candidate / "sources.json").is_file() else None
