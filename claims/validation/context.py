"""What every check shares: the (small) timeline, people, subjects and sources, indexed by id.

Checks are functions of one source, its claims and segments, plus this shared context, so that
validation can later be partitioned by source.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from claims.codes import make_problem
from claims.problem import Problem
from claims.records import (
    MEETING_KINDS,
    Claim,
    Event,
    Person,
    Release,
    Segment,
    Source,
    Span,
    Subject,
    source_stem,
)

RecordT = TypeVar("RecordT", Person, Subject, Event)


@dataclass(frozen=True)
class Shared:
    """The records every per-source check may consult, indexed for lookup."""

    people: dict[str, Person]
    subjects: dict[str, Subject]
    events: dict[str, Event]
    sources: dict[str, Source]
    claim_ids: frozenset[str]
    series: dict[str, list[Event]]
    meetings_of: dict[str, list[Event]] = field(default_factory=dict)
    """Each participant's meetings (events of ``MEETING_KINDS``), in date order."""
    scoped_anonymous: dict[str, str] = field(default_factory=dict)
    """Anonymous people scoped to one source: person id -> that source's file."""
    origin: Callable[[str, str], str | None] = field(default=lambda collection, record_id: None)
    unreadable: frozenset[str] = frozenset()
    """Ids of sources whose text could not be read (already reported while reading)."""

    @classmethod
    def of(
        cls,
        release: Release,
        origin: Callable[[str, str], str | None] | None = None,
        unreadable: frozenset[str] = frozenset(),
        claim_ids: frozenset[str] | None = None,
    ) -> Shared:
        """Index a release (first record wins where ids repeat; duplicates are reported elsewhere).

        ``claim_ids`` stands in for the ids of ``release.claims`` when the claims are checked
        elsewhere (in parallel workers, which each hold only their sources' claims).
        """
        series: dict[str, list[Event]] = defaultdict(list)
        meetings_of: dict[str, list[Event]] = defaultdict(list)
        for event in release.events:
            if event.series is not None:
                series[event.series].append(event)
        events = _first_by_id(release.events)
        for event in events.values():
            if event.kind in MEETING_KINDS:
                for person_id in dict.fromkeys(event.participants):
                    meetings_of[person_id].append(event)
        people = _first_by_id(release.people)
        return cls(
            people=people,
            subjects=_first_by_id(release.subjects),
            events=events,
            sources={source.file: source for source in reversed(release.sources)},
            claim_ids=frozenset(claim.id for claim in release.claims) if claim_ids is None else claim_ids,
            series={name: sorted(events, key=by_date) for name, events in series.items()},
            meetings_of={person: sorted(events, key=by_date) for person, events in meetings_of.items()},
            scoped_anonymous={
                person.id: person.scope
                for person in people.values()
                if person.anonymous and person.scope is not None
            },
            origin=origin or (lambda collection, record_id: None),
            unreadable=unreadable,
        )

    def claim_file(self, claim: Claim) -> str:
        """The file a claim was read from (or would be written to)."""
        return self.origin("claims", claim.id) or f"claims/{source_stem(claim.source_file)}.json"

    def segment_file(self, segment: Segment) -> str:
        """The file a segment was read from (or would be written to)."""
        return self.origin("segments", segment.id) or f"segments/{source_stem(segment.source_file)}.json"

    def file_of(self, collection: str, record_id: str, default: str) -> str:
        """The file a record of a top-level collection was read from."""
        return self.origin(collection, record_id) or default


def by_date(event: Event) -> tuple[dt.date, str]:
    """Sort key of events in date order (id breaking ties)."""
    return (event.date, event.id)


def _first_by_id(records: Sequence[RecordT]) -> dict[str, RecordT]:
    index: dict[str, RecordT] = {}
    for record in records:
        index.setdefault(record.id, record)
    return index


def claim_problem(
    code: str, message: str, claim: Claim, shared: Shared, *, also: Iterable[str] = (), at: Span | None = None
) -> Problem:
    """A problem located at a claim: its id (then ``also``), its claims file and its span (or ``at``)."""
    span = claim.span if at is None else at
    return make_problem(
        code, message, [claim.id, *also], file=shared.claim_file(claim), start=span.start, end=span.end
    )


def segment_problem(
    code: str, message: str, segment: Segment, shared: Shared, *, at: Span | None = None
) -> Problem:
    """A problem located at a segment: its id, its segments file and its span (or ``at``)."""
    span = segment.span if at is None else at
    return make_problem(
        code, message, [segment.id], file=shared.segment_file(segment), start=span.start, end=span.end
    )
