"""The validation pipeline, its phases defined once: shared records, the map step, the reduce step, the report.

Reading comes first and depends on the input (a dataset directory or a release file, read whole
here; a release file in shares by ``parallel``). Then each share of the sources goes through
:func:`map_step` (the first share also checks the shared records and the timeline), run by an
``claims.executors.Executor``; :func:`reduce_step` checks across sources (orphans, quantities)
and builds the report. The checks never see how the map step ran.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from claims.codes import CODES
from claims.errors import InputError
from claims.problem import Problem
from claims.reading import Loaded
from claims.records import Claim, Segment
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


RecordsOf = Callable[[str], tuple[list[Claim], list[Segment]]]
"""A source file name -> its claims and segments."""


@dataclass
class Outcome:
    """What the map step found in one share of the sources."""

    problems: list[Problem] = field(default_factory=list)
    statements: list[consistency.Statement] = field(default_factory=list)
    """The numbers stated (by the timeline, in the first share, and by the share's claims)."""
    reviewed: dict[str, Claim] = field(default_factory=dict)
    """Claims with a review, by id (to turn their problems into findings)."""
    ids: dict[str, list[str]] = field(default_factory=dict)
    """``claims`` and ``segments``: the ids of a piece's records (none for a share of the whole file).
    A piece holds only its own records, so ids repeated across pieces and references to other
    pieces' claims are judged once every piece is back."""


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


def map_step(
    loaded: Loaded, shared: Shared, run: Sequence[str], records_of: RecordsOf, *, first: bool
) -> Outcome:
    """One share: the shared records' checks and the timeline's numbers (``first`` share only), then
    every per-source check over the sources of ``run``, in order, with the numbers their claims state.

    ``records_of`` may raise (a raw record that does not fit its model): the share is then lost.
    """
    outcome = Outcome()
    if first:
        outcome.problems.extend(head_problems(loaded, shared))
        outcome.statements.extend(consistency.timeline_statements(shared))
    for file_name in run:
        source = shared.sources[file_name]
        claims, segments = records_of(file_name)
        outcome.reviewed.update((claim.id, claim) for claim in claims if claim.review is not None)
        for check in PER_SOURCE_CHECKS:
            outcome.problems.extend(check(source, claims, segments, shared))
        outcome.statements.extend(consistency.quantity_statements(claims, shared))
    return outcome


def reduce_step(
    outcomes: Iterable[Outcome],
    *,
    before: Iterable[Problem] = (),
    orphans: Iterable[Problem] = (),
    select: frozenset[str] | None = None,
    ignore: frozenset[str] = frozenset(),
) -> Report:
    """Checks across sources, then the report: every share's problems, the records no share holds
    (``orphans``, from ``integrity.check_orphans``), the quantities every share stated, compared.

    ``before``: problems of the reading the shares did not see (a release file's checksum).
    """
    problems: list[Problem] = list(before)
    statements: list[consistency.Statement] = []
    reviewed: dict[str, Claim] = {}
    for outcome in outcomes:
        problems.extend(outcome.problems)
        statements.extend(outcome.statements)
        reviewed.update(outcome.reviewed)
    problems.extend(orphans)
    problems.extend(consistency.check_quantities(statements))
    return build_report(problems, reviewed, select=select, ignore=ignore)


def validate_loaded(
    loaded: Loaded, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> Report:
    """Run every check over records already read, in this process; ``select``/``ignore`` take codes or
    family names. A dataset directory, and any release file the workers cannot judge, come here."""
    selected = resolve_codes(select, "--select")
    ignored = resolve_codes(ignore, "--ignore") or frozenset()
    release = loaded.release
    shared = shared_of(loaded)
    claims_by_source: dict[str, list[Claim]] = defaultdict(list)
    segments_by_source: dict[str, list[Segment]] = defaultdict(list)
    for claim in release.claims:
        claims_by_source[claim.source_file].append(claim)
    for segment in release.segments:
        segments_by_source[segment.source_file].append(segment)

    def records_of(name: str) -> tuple[list[Claim], list[Segment]]:
        return claims_by_source.pop(name, []), segments_by_source.pop(name, [])

    outcome = map_step(loaded, shared, checked_files(shared), records_of, first=True)
    first_of_id = {claim.id: claim for claim in reversed(release.claims)}  # orphans' reviews count too
    outcome.reviewed = {
        claim_id: claim for claim_id, claim in first_of_id.items() if claim.review is not None
    }
    orphans = integrity.check_orphans(
        [claim for claims in claims_by_source.values() for claim in claims],
        [segment for segments in segments_by_source.values() for segment in segments],
        shared,
    )
    return reduce_step([outcome], orphans=orphans, select=selected, ignore=ignored)
