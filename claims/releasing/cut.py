"""``claims release``: check everything a release promises, then write it once, atomically, for ever."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from claims._version import __version__
from claims.canonical import canonical_release, release_bytes
from claims.codes import make_problem
from claims.errors import InputError, ReleaseError
from claims.jsonio import atomic_write, read_bytes
from claims.layout import ReleaseLayout, layout_bytes, layout_name, layout_of
from claims.problem import Problem, plural
from claims.reading import Loaded, read_dataset, read_release_file
from claims.records import Release
from claims.releasing.diff import ReleaseDiff, diff_releases, unexplained_corrections
from claims.releasing.semver import Version, is_version, parse_version
from claims.releasing.sums import SUMS_NAME, add_sums, check_sums, read_sums, sha256_hex
from claims.releasing.versions import check_versions
from claims.tables.files import folder_name, release_files, write_folder

Validator = Callable[[Path, Loaded], tuple[list[Problem], str]]
"""Given the dataset path and the records read: the errors that block a release, and the checker's name."""

RELEASES_DIR = "releases"
PUBLIC_MODE = 0o644
"""Release files are public data: readable by everyone, like any file of a checkout."""


class ReleaseOutcome(BaseModel):
    """What ``claims release`` did, or why it refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str = Field(description="The version asked for.")
    path: str = Field(description="The release file written (or that would have been).")
    written: bool = Field(
        description="True when the release file, its tables folder and SHA256SUMS were written."
    )
    tables: str | None = Field(
        default=None, description="The folder of its tables and descriptions (claimtrack-<version>/)."
    )
    sha256: str | None = Field(default=None, description="SHA-256 of the release bytes, when built.")
    previous_version: str | None = Field(default=None, description="The newest earlier release, if any.")
    diff: ReleaseDiff | None = Field(default=None, description="Changes since the previous release.")
    checked_by: str = Field(
        description="What validated the dataset: 'claims.validation', or the name of an injected validator."
    )
    problems: list[Problem] = Field(default_factory=list, description="Why the release was refused.")


def release_path(releases: Path, version: str) -> Path:
    """``releases/claimtrack-<version>.json``."""
    return releases / f"claimtrack-{version}.json"


def existing_versions(releases: Path) -> dict[Version, Path]:
    """Every cut release in ``releases`` by version (temporary and other files are ignored)."""
    found: dict[Version, Path] = {}
    if not releases.is_dir():
        return found
    for path in releases.glob("claimtrack-*.json"):
        text = path.name[len("claimtrack-") : -len(".json")]
        if path.is_file() and is_version(text):
            found[parse_version(text)] = path
    return dict(sorted(found.items()))


def release_layout(data: bytes, name: str) -> ReleaseLayout:
    """The layout manifest of canonical release bytes (``claims.layout``); their writer's own layout."""
    layout = layout_of(data, name)
    if layout is None:
        raise ReleaseError(f"{name}: the canonical bytes do not lay out as claims.canonical writes them")
    return layout


def add_layout(release: Path) -> Path:
    """Write the layout manifest of a cut release that has none, and list it in ``SHA256SUMS``.

    The release must be listed there with its true sha256; its bytes and every existing line of
    ``SHA256SUMS`` are left as they are (one line is added). An existing manifest is never replaced.
    """
    releases = release.parent
    data = read_bytes(release, what="release file")
    listed = read_sums(releases).get(release.name)
    if listed is None or listed != sha256_hex(data):
        raise ReleaseError(
            f"{release}: not listed in {SUMS_NAME} with its sha256; no layout is written for it"
        )
    content = layout_bytes(release_layout(data, release.name))
    target = releases / layout_name(release.name)
    try:
        atomic_write(target, content, overwrite=False)
    except InputError as exc:
        raise ReleaseError(str(exc)) from exc
    target.chmod(PUBLIC_MODE)
    add_sums(releases, {target.name: sha256_hex(content)})
    (releases / SUMS_NAME).chmod(PUBLIC_MODE)
    return target


def build_release(dataset: Path, version: str) -> tuple[Loaded, bytes]:
    """Assemble ``dataset`` as release ``version``: the records read and their canonical bytes."""
    parse_version(version)
    loaded = read_dataset(dataset)
    loaded.release = loaded.release.model_copy(update={"version": version})
    return loaded, release_bytes(loaded.release)


def _problem(code: str, message: str, ids: list[str] | None = None, file: str | None = None) -> Problem:
    return make_problem(code, message, ids or [], file=file)


def validation_problems(dataset: Path, loaded: Loaded) -> tuple[list[Problem], str]:
    """Errors of ``claims validate`` on exactly the records being released."""
    from claims.validation import validate_loaded

    report = validate_loaded(loaded)
    errors = list(report.errors)
    if not report.valid and not errors:
        errors.append(
            _problem("validation-failed", f"{dataset}: claims validate reports the dataset invalid")
        )
    return errors, "claims.validation"


def retraction_problems(release: Release, previous: Release | None) -> list[Problem]:
    """Retractions name a replacement that exists; a new retraction names the version being cut."""
    ids = {claim.id for claim in release.claims}
    before = {claim.id: claim for claim in previous.claims} if previous is not None else {}
    problems: list[Problem] = []
    for claim in release.claims:
        retraction = claim.retracted
        if retraction is None:
            continue
        if retraction.replaced_by is not None and retraction.replaced_by not in ids:
            problems.append(
                _problem(
                    "retraction-replacement-missing",
                    f"claim {claim.id}: retracted with replaced_by {retraction.replaced_by!r}, "
                    "expected a claim of that id in the release, found none",
                    [claim.id, retraction.replaced_by],
                )
            )
        old = before.get(claim.id)
        newly = old is None or old.retracted is None
        if newly and retraction.version != release.version:
            problems.append(
                _problem(
                    "retraction-version-mismatch",
                    f"claim {claim.id}: newly retracted in release {release.version}, "
                    f"but its retracted.version is {retraction.version!r}",
                    [claim.id],
                )
            )
    return problems


def _previous(releases: Path, version: Version, problems: list[Problem]) -> tuple[str | None, Release | None]:
    """The newest existing release; a problem if ``version`` is not newer than every existing one."""
    existing = existing_versions(releases)
    if version in existing:
        problems.append(
            _problem(
                "release-exists",
                f"{existing[version]}: release {version} exists; a cut release is never overwritten, "
                "choose a new version",
                [str(version)],
                file=str(existing[version]),
            )
        )
    if not existing:
        return None, None
    newest = max(existing)
    if version < newest:
        problems.append(
            _problem(
                "version-not-newer",
                f"release {version}: expected a version after the newest release {newest}",
                [str(version)],
            )
        )
    loaded = read_release_file(existing[newest])
    if loaded.problems:
        problems.append(
            _problem(
                "previous-release-unreadable",
                f"{existing[newest]}: {plural(len(loaded.problems), 'record')} do not read: {loaded.problems[0].message}",
                [str(newest)],
                file=str(existing[newest]),
            )
        )
        return str(newest), None
    return str(newest), loaded.release


def cut_release(
    version: str,
    *,
    dataset: Path,
    changelog: Path,
    package_version: str = __version__,
    validator: Validator | None = None,
) -> ReleaseOutcome:
    """Check, then write ``dataset/releases/claimtrack-<version>.json``, the folder
    ``claimtrack-<version>/`` of its tables (Parquet, JSON Lines), ``croissant.json``,
    ``datapackage.json`` and dataset card beside it, its layout manifest
    ``claimtrack-<version>.layout.json`` (``claims.layout``), and update ``SHA256SUMS`` with every file.

    Refuses (``written`` False, with problems) when the versions disagree, the version exists or
    is not newer, a cut release no longer matches SHA256SUMS, validation fails, or a claim id
    lost or changed its meaning since the previous release. Unusable input raises InputError.
    ``validator`` replaces ``claims validate`` (tests use it to isolate one refusal).
    """
    parsed = parse_version(version)
    if not dataset.is_dir():
        raise InputError(f"{dataset}: expected a dataset directory")
    releases = dataset / RELEASES_DIR
    target = release_path(releases, version)
    problems: list[Problem] = []

    versions = check_versions(version, package_version, changelog)
    if not versions.agree:
        problems.append(_problem("version-disagreement", versions.message(), versions.disagreeing))
    previous_version, previous = _previous(releases, parsed, problems)
    problems.extend(check_sums(releases))

    loaded, data = build_release(dataset, version)
    errors, checked_by = (validator or validation_problems)(dataset, loaded)
    problems.extend(errors)
    diff = diff_releases(previous, loaded.release) if previous is not None else None
    if diff is not None:
        problems.extend(
            _problem(f"breaking-{change.code}", change.message, [change.id]) for change in diff.breaking
        )
    problems.extend(retraction_problems(loaded.release, previous))
    if previous is not None:
        problems.extend(
            _problem(
                "correction-unexplained",
                f"claim {claim_id}: changed its {', '.join(fields)} since release {previous.version}; "
                f"expected a correction of version {version} naming those fields with its reason, found none",
                [claim_id],
            )
            for claim_id, fields in unexplained_corrections(previous, loaded.release)
        )

    outcome = ReleaseOutcome(
        version=version,
        path=str(target),
        written=False,
        sha256=sha256_hex(data),
        previous_version=previous_version,
        diff=diff,
        checked_by=checked_by,
        problems=problems,
    )
    tables = releases / folder_name(version)
    manifest = releases / layout_name(target.name)
    leftovers = [(manifest, "the layout manifest"), (tables, "the tables folder")]
    for path, what in leftovers:
        if path.exists():
            problems.append(
                _problem(
                    "release-exists",
                    f"{path}: {what} of release {version} exists; it is never overwritten "
                    "(one left by an interrupted release that SHA256SUMS does not list may be deleted)",
                    [str(version)],
                    file=str(path),
                )
            )
    outcome = outcome.model_copy(update={"problems": problems})
    if problems:
        return outcome
    files = release_files(canonical_release(loaded.release))  # before anything is written: needs pyarrow
    layout = layout_bytes(release_layout(data, target.name))
    try:  # the release file last: once it exists, everything beside it does
        write_folder(tables, files, mode=PUBLIC_MODE)
        atomic_write(manifest, layout, overwrite=False)
        atomic_write(target, data, overwrite=False)
    except InputError as exc:
        raise ReleaseError(str(exc)) from exc
    sums = {target.name: sha256_hex(data), manifest.name: sha256_hex(layout)}
    sums.update({f"{tables.name}/{name}": sha256_hex(content) for name, content in files.items()})
    add_sums(releases, sums)
    for written in (target, manifest, releases / SUMS_NAME):
        written.chmod(PUBLIC_MODE)  # atomic_write's temporary files are private (0600)
    return outcome.model_copy(update={"written": True, "tables": str(tables)})
