"""Running every check over a loaded dataset or release, source by source, into one report."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from claims.dataset import Loaded
from claims.errors import InputError
from claims.records import Claim, Segment
from claims.report import Problem
from claims.validation import attribution, citation, consistency, dates, integrity
from claims.validation.codes import CODES
from claims.validation.context import Shared
from claims.validation.report import Report, build_report

PER_SOURCE_CHECKS = (
    integrity.check_source,
    citation.check_source,
    attribution.check_source,
    dates.check_source,
    consistency.check_source,
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
    unreadable = frozenset(
        record_id
        for problem in loaded.problems
        if problem.code in READ_TEXT_CODES
        for record_id in problem.ids
    )
    shared = Shared.of(release, loaded.origin, unreadable)
    yield from loaded.problems
    yield from integrity.check_collections(release, shared)
    yield from consistency.check_series(shared)
    claims_by_source: dict[str, list[Claim]] = defaultdict(list)
    segments_by_source: dict[str, list[Segment]] = defaultdict(list)
    for claim in release.claims:
        claims_by_source[claim.source_file].append(claim)
    for segment in release.segments:
        segments_by_source[segment.source_file].append(segment)
    statements = consistency.timeline_statements(shared)
    for file_name, source in shared.sources.items():
        if not integrity.is_plain_file_name(file_name):
            continue  # reported by check_collections; its claims and segments are orphans
        claims = claims_by_source.pop(file_name, [])
        segments = segments_by_source.pop(file_name, [])
        for check in PER_SOURCE_CHECKS:
            yield from check(source, claims, segments, shared)
        statements.extend(consistency.quantity_statements(claims, shared))
    orphan_claims = [claim for claims in claims_by_source.values() for claim in claims]
    orphan_segments = [segment for segments in segments_by_source.values() for segment in segments]
    yield from integrity.check_orphans(orphan_claims, orphan_segments, shared)
    yield from consistency.check_quantities(statements)


def validate_loaded(
    loaded: Loaded, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> Report:
    """Run every check over records already read; ``select``/``ignore`` take codes or family names."""
    selected = resolve_codes(select, "--select")
    ignored = resolve_codes(ignore, "--ignore") or frozenset()
    claims = {claim.id: claim for claim in reversed(loaded.release.claims)}
    return build_report(all_problems(loaded), claims, select=selected, ignore=ignored)


def validate(
    path: str | Path | None = None, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> Report:
    """Validate a dataset directory or a release file.

    With no ``path``: ``./dataset`` when the current directory has one, else the release
    bundled with the installed package. Unusable input (missing, not JSON, wrong shape) raises
    InputError; everything wrong inside the records is in the report.
    """
    from claims.collector import collector_paused
    from claims.loading import default_target, read_any

    if path is None:
        path = default_target()
    resolve_codes(select, "--select")
    resolve_codes(ignore, "--ignore")
    with collector_paused():  # the records and findings hold no cycles: nothing for it to find
        return validate_loaded(read_any(path), select=select, ignore=ignore)
