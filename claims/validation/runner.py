"""Running every check over a loaded dataset or release, source by source, into one report."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from claims.codes import CODES
from claims.dataset import Loaded
from claims.errors import InputError
from claims.records import Claim, Segment
from claims.report import Problem
from claims.validation import attribution, citation, consistency, dates, integrity, tracking
from claims.validation.context import Shared
from claims.validation.report import Report, build_report

PER_SOURCE_CHECKS = (
    integrity.check_source,
    citation.check_source,
    attribution.check_source,
    dates.check_source,
    consistency.check_source,
    tracking.check_source,
)
"""Checks that are functions of one source, its claims and segments, and the shared records."""


READ_TEXT_CODES = frozenset({"source-file-missing", "source-not-utf8", "unsafe-path"})
"""Read-time problems after which a source has no text (so its text is not reported missing twice)."""


def resolve_codes(names: Iterable[str] | None, option: str) -> frozenset[str] | None:
    """Expand codes and family names (``citation``) to codes; an unknown name is an input error."""
    if names is None:
        return None
    families = {info.family for info in CODES.values()}
    codes: set[str] = set()
    for raw in names:
        for name in (part.strip() for part in raw.split(",")):
            if not name:
                continue
            if name in CODES:
                codes.add(name)
            elif name in families:
                codes.update(code for code, info in CODES.items() if info.family == name)
            else:
                raise InputError(
                    f"{option}: unknown code or family {name!r}; expected one of the codes in docs/codes.md "
                    f"or a family ({', '.join(sorted(families))})"
                )
    return frozenset(codes)


def all_problems(loaded: Loaded) -> Iterator[Problem]:
    """Every problem: read-time ones, shared-record checks, then each source's checks, then quantities."""
    release = loaded.release
    shared = shared_of(loaded)
    yield from head_problems(loaded, shared)
    claims_by_source: dict[str, list[Claim]] = defaultdict(list)
    segments_by_source: dict[str, list[Segment]] = defaultdict(list)
    for claim in release.claims:
        claims_by_source[claim.source_file].append(claim)
    for segment in release.segments:
        segments_by_source[segment.source_file].append(segment)
    files = checked_files(shared)
    problems, statements = check_sources(
        files,
        lambda name: (claims_by_source.pop(name, []), segments_by_source.pop(name, [])),
        shared,
    )
    yield from problems
    orphan_claims = [claim for claims in claims_by_source.values() for claim in claims]
    orphan_segments = [segment for segments in segments_by_source.values() for segment in segments]
    yield from integrity.check_orphans(orphan_claims, orphan_segments, shared)
    yield from consistency.check_quantities([*consistency.timeline_statements(shared), *statements])


def shared_of(loaded: Loaded, claim_ids: frozenset[str] | None = None) -> Shared:
    """The shared context of a read release (sources whose text could not be read left out of checks)."""
    unreadable = frozenset(
        record_id
        for problem in loaded.problems
        if problem.code in READ_TEXT_CODES
        for record_id in problem.ids
    )
    return Shared.of(loaded.release, loaded.origin, unreadable, claim_ids=claim_ids)


def head_problems(loaded: Loaded, shared: Shared) -> Iterator[Problem]:
    """Problems met while reading, then those of the shared records and the timeline's series."""
    yield from loaded.problems
    yield from integrity.check_collections(loaded.release, shared)
    yield from consistency.check_series(shared)
    yield from tracking.check_outside_facts(shared)
    yield from dates.check_title_forms(shared)


def checked_files(shared: Shared) -> list[str]:
    """The sources whose claims and segments the per-source checks take, in the order they take them.

    A source whose file name is not a plain name is reported by ``check_collections``; its
    claims and segments are orphans.
    """
    return [name for name in shared.sources if integrity.is_plain_file_name(name)]


RecordsOf = Callable[[str], tuple[list[Claim], list[Segment]]]
"""A source file name -> its claims and segments."""


def check_sources(
    files: Iterable[str], records_of: RecordsOf, shared: Shared
) -> tuple[list[Problem], list[consistency.Statement]]:
    """Every per-source check over these sources, in order, and the numbers their claims state."""
    problems: list[Problem] = []
    statements: list[consistency.Statement] = []
    for file_name in files:
        source = shared.sources[file_name]
        claims, segments = records_of(file_name)
        for check in PER_SOURCE_CHECKS:
            problems.extend(check(source, claims, segments, shared))
        statements.extend(consistency.quantity_statements(claims, shared))
    return problems, statements


def validate_loaded(
    loaded: Loaded, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> Report:
    """Run every check over records already read; ``select``/``ignore`` take codes or family names."""
    selected = resolve_codes(select, "--select")
    ignored = resolve_codes(ignore, "--ignore") or frozenset()
    claims = {claim.id: claim for claim in reversed(loaded.release.claims)}
    return build_report(all_problems(loaded), claims, select=selected, ignore=ignored)


def validate(
    path: str | Path | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    *,
    jobs: int | None = None,
) -> Report:
    """Validate a dataset directory or a release file.

    With no ``path``: ``./dataset`` when the current directory has one, else the release
    bundled with the installed package. Unusable input (missing, not JSON, wrong shape) raises
    InputError; everything wrong inside the records is in the report. A release file is checked
    by up to ``jobs`` processes (default: one per core, for releases large enough to gain;
    ``claims.validation.parallel``); the report does not depend on ``jobs``.
    """
    from claims.collector import collector_paused
    from claims.loading import default_target, read_any

    if jobs is not None and jobs < 1:
        raise InputError(f"jobs: expected at least 1, found {jobs}")
    if path is None:
        path = default_target()
    selected = resolve_codes(select, "--select")
    ignored = resolve_codes(ignore, "--ignore") or frozenset()
    with collector_paused():  # the records and findings hold no cycles: nothing for it to find
        if path is not None and Path(path).is_file():
            from claims.validation.parallel import validate_release_file

            return validate_release_file(Path(path), jobs=jobs, select=selected, ignore=ignored)
        return validate_loaded(read_any(path), select=select, ignore=ignore)
