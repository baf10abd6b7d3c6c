"""Consistency across documents: claims' assertions computed against the timeline and each other.

Meeting counts are counted from the events of the timeline, ordinals from a series' date order,
relative dates resolved by ``relative_dates``, and quantities of one measure compared across
claims and events. A speaker the record contradicts is a *finding* (see ``codes.py``); a timeline
that contradicts itself is an error of the data.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from claims.codes import make_problem
from claims.records import (
    MEETING_KINDS,
    Claim,
    DateReference,
    Event,
    MeetingCount,
    MeetingOrdinal,
    Quantity,
    Segment,
    Source,
)
from claims.report import Problem
from claims.validation.context import Shared, by_date
from claims.validation.relative_dates import agrees, resolve

ABOUT_TOLERANCE = 0.1
"""'about N' is read as N ± 10%."""


def check_source(
    source: Source, claims: list[Claim], segments: list[Segment], shared: Shared
) -> Iterator[Problem]:
    """Meeting counts, ordinals and date references of one source's claims."""
    corrections = {e.text: e.intended for e in source.errata if e.intended is not None}
    for claim in claims:
        for assertion in claim.assertions:
            if isinstance(assertion, MeetingCount):
                yield from check_meeting_count(claim, assertion, shared)
            elif isinstance(assertion, MeetingOrdinal):
                yield from check_meeting_ordinal(claim, assertion, shared)
            elif isinstance(assertion, DateReference):
                yield from check_date_reference(claim, assertion, shared, corrections=corrections)


def meetings_in_window(
    participants: Iterable[str],
    start: dt.date,
    end: dt.date,
    shared: Shared,
    kinds: Iterable[str] = (),
) -> list[Event]:
    """Meetings (events of MEETING_KINDS) of all the participants overlapping a window, in date order.

    Only the meetings of the participant with the fewest are scanned, so the cost follows one
    person's meetings, not the size of the timeline. With ``kinds`` (a count of 'discussions':
    phone calls), events of those kinds are counted instead, from the whole timeline.
    """
    wanted = set(participants)
    counted = frozenset(kinds)
    if counted:
        candidates = sorted((event for event in shared.events.values() if event.kind in counted), key=by_date)
    elif wanted:
        candidates = min((shared.meetings_of.get(person, []) for person in wanted), key=len)
    else:
        candidates = sorted(
            (event for event in shared.events.values() if event.kind in MEETING_KINDS),
            key=by_date,
        )
    return [
        event
        for event in candidates
        if event.date <= end and event.last_day >= start and wanted <= set(event.participants)
    ]


def check_meeting_count(claim: Claim, count: MeetingCount, shared: Shared) -> Iterator[Problem]:
    """More meetings documented than counted, or the named one out of place: a finding; fewer: a warning.

    The events counted are in-person meetings (MEETING_KINDS), or the count's ``event_kinds``.
    """
    window = count.window
    meetings = meetings_in_window(count.participants, window.start, window.end, shared, count.event_kinds)
    documented = ", ".join(f"{e.id} ({e.date})" for e in meetings) or "none"
    said = f"claim {claim.id!r} says {count.expression!r} ({count.count} between {window.start} and {window.end})"
    file = shared.claim_file(claim)
    ids = [claim.id, *(e.id for e in meetings)]
    if len(meetings) > count.count:
        yield make_problem(
            "meeting-count-exceeded",
            f"{said}: expected at most {count.count} meetings of {', '.join(count.participants)}, "
            f"the timeline holds {len(meetings)}: {documented}",
            ids,
            file=file,
        )
    named = shared.events.get(count.event_id) if count.event_id else None
    meeting_ids = [event.id for event in meetings]
    if named is not None and named.id not in meeting_ids:
        yield make_problem(
            "meeting-count-event-outside",
            f"{said}: expected {named.id!r} ({named.kind}, {named.date}) to be a meeting of "
            f"{', '.join(count.participants)} inside the window; it is not",
            [claim.id, named.id],
            file=file,
        )
        return
    if named is not None:
        position = meeting_ids.index(named.id) + 1
        if position != count.count and (len(meetings) >= count.count or position < len(meetings)):
            yield make_problem(
                "meeting-count-order",
                f"{said}: expected {named.id!r} to be meeting number {count.count} in date order, "
                f"it is number {position} of {len(meetings)}: {documented}",
                ids,
                file=file,
            )
            return
    if len(meetings) < count.count:
        yield make_problem(
            "meeting-count-fewer",
            f"{said}: the timeline documents {len(meetings)} such meetings: {documented}",
            ids,
            file=file,
        )


def check_meeting_ordinal(claim: Claim, ordinal: MeetingOrdinal, shared: Shared) -> Iterator[Problem]:
    """The named event's place in its series, by date and by its own ``ordinal``, is the one claimed."""
    file = shared.claim_file(claim)
    series = shared.series.get(ordinal.series)
    if not series:
        yield make_problem(
            "series-unknown",
            f"claim {claim.id!r} counts series {ordinal.series!r}: expected events of that series, found none",
            [claim.id],
            file=file,
        )
        return
    named = shared.events.get(ordinal.event_id)
    if named is None:
        return  # unknown-event, from integrity
    if named.series != ordinal.series:
        yield make_problem(
            "meeting-ordinal-series-mismatch",
            f"claim {claim.id!r}: expected event {named.id!r} in series {ordinal.series!r}, "
            f"found series {named.series!r}",
            [claim.id, named.id],
            file=file,
        )
        return
    position = [event.id for event in series].index(named.id) + 1
    place = named.ordinal if named.ordinal is not None else position
    if place != ordinal.ordinal:
        order = ", ".join(f"{e.id} ({e.date}, ordinal {e.ordinal})" for e in series)
        how = (
            f"its ordinal is {named.ordinal}"
            if named.ordinal is not None
            else f"it is number {position} by date"
        )
        yield make_problem(
            "meeting-ordinal-mismatch",
            f"claim {claim.id!r} says {ordinal.expression!r} (number {ordinal.ordinal}): in {ordinal.series!r} "
            f"{named.id!r} is number {place} ({how}); the series: {order}",
            [claim.id, named.id],
            file=file,
        )


def check_series(shared: Shared) -> Iterator[Problem]:
    """A series' ordinals rise with its events' dates, and no event has more predecessors than its
    ordinal allows (a fault of the timeline if not)."""
    for name, events in shared.series.items():
        previous: Event | None = None
        for position, event in enumerate(events, start=1):
            if event.ordinal is None:
                continue
            if previous is not None and previous.ordinal is not None and event.ordinal <= previous.ordinal:
                problem = (
                    f"{event.id!r} ({event.date}) has ordinal {event.ordinal}, not above "
                    f"{previous.id!r} ({previous.date}, ordinal {previous.ordinal})"
                )
            elif event.ordinal < position:
                problem = (
                    f"{event.id!r} ({event.date}) has ordinal {event.ordinal}, "
                    f"but {position - 1} events of the series come before it"
                )
            else:
                previous = event
                continue
            yield make_problem(
                "series-order",
                f"series {name!r}: expected ordinals rising with the dates; {problem}",
                [event.id] if previous is None else [previous.id, event.id],
                file=shared.file_of("events", event.id, "events.json"),
            )
            previous = event


def check_date_reference(
    claim: Claim, reference: DateReference, shared: Shared, corrections: Mapping[str, str] | None = None
) -> Iterator[Problem]:
    """The stored interval is one the resolver reads; the named event falls inside it.

    ``corrections`` maps a source's known misprints (errata) to what was meant, so that
    'Novemer 15, 2015' is read as 'November 15, 2015'.
    """
    file = shared.claim_file(claim)
    stored = reference.resolves_to
    expression = reference.expression
    for printed, intended in (corrections or {}).items():
        expression = expression.replace(printed, intended)
    candidates = resolve(expression, claim.date)
    shown = f"[{stored.start}, {stored.end}]"
    if not candidates:
        yield make_problem(
            "date-reference-unresolved",
            f"claim {claim.id!r}: the resolver cannot read {reference.expression!r}; resolves_to {shown} is unchecked",
            [claim.id],
            file=file,
        )
    elif not agrees(candidates, stored.start, stored.end):
        readings = "; ".join(f"[{c.start}, {c.end}]" for c in candidates)
        yield make_problem(
            "date-reference-resolution",
            f"claim {claim.id!r}: {reference.expression!r} said on {claim.date} resolves to {readings}; "
            f"found resolves_to {shown}",
            [claim.id],
            file=file,
        )
    event = shared.events.get(reference.event_id) if reference.event_id else None
    if event is not None and not (event.date <= stored.end and event.last_day >= stored.start):
        yield make_problem(
            "date-reference-event",
            f"claim {claim.id!r}: {reference.expression!r} resolves to {shown}, but the event it names, "
            f"{event.id!r}, is dated {event.date}" + (f" to {event.end_date}" if event.end_date else ""),
            [claim.id, event.id],
            file=file,
        )


@dataclass(frozen=True)
class Statement:
    """One number stated about a measure: by a claim (claim_id set) or by the timeline (event_id)."""

    measure: str
    low: float
    high: float
    as_of: dt.date
    words: str
    claim_id: str | None
    event_id: str | None
    file: str

    @property
    def owner(self) -> str:
        """The record that states the number."""
        return self.claim_id or self.event_id or "?"


def bounds(value: float, qualifier: str) -> tuple[float, float]:
    """The range of true values a qualified number allows."""
    tolerance = abs(value) * ABOUT_TOLERANCE
    return {
        "exactly": (value, value),
        "at-least": (value, math.inf),
        "more-than": (math.nextafter(value, math.inf), math.inf),
        "at-most": (-math.inf, value),
        "fewer-than": (-math.inf, math.nextafter(value, -math.inf)),
        "about": (value - tolerance, value + tolerance),
    }[qualifier]


def quantity_statements(claims: list[Claim], shared: Shared) -> list[Statement]:
    """The numbers one source's claims state (the map step of the quantity check)."""
    statements: list[Statement] = []
    for claim in claims:
        for assertion in claim.assertions:
            if isinstance(assertion, Quantity):
                low, high = bounds(assertion.value, assertion.qualifier)
                words = f"{assertion.expression!r} ({assertion.qualifier} {assertion.value:g})"
                statements.append(
                    Statement(
                        assertion.measure,
                        low,
                        high,
                        assertion.as_of,
                        words,
                        claim.id,
                        None,
                        shared.claim_file(claim),
                    )
                )
    return statements


def timeline_statements(shared: Shared) -> list[Statement]:
    """The numbers the timeline's events hold."""
    return [
        Statement(
            fact.measure,
            *bounds(fact.value, fact.qualifier),
            fact.as_of,
            f"{fact.qualifier} {fact.value:g}",
            None,
            event.id,
            "events.json",
        )
        for event in shared.events.values()
        for fact in event.quantities
    ]


def check_quantities(statements: list[Statement]) -> Iterator[Problem]:
    """Statements of one measure conflict when, on one day, their ranges are disjoint, or when a later
    count's upper bound is below an earlier one's lower bound (a count never shrinks)."""
    by_measure: dict[str, list[Statement]] = defaultdict(list)
    for statement in statements:
        by_measure[statement.measure].append(statement)
    for measure, group in by_measure.items():
        group.sort(key=lambda s: (s.as_of, s.owner))
        for index, first in enumerate(group):
            for second in group[index + 1 :]:
                same_day = first.as_of == second.as_of
                disjoint = first.high < second.low or second.high < first.low
                shrinks = second.as_of > first.as_of and second.high < first.low
                if (same_day and disjoint) or shrinks:
                    yield from _quantity_conflict(
                        measure, first, second, "shrinks" if shrinks else "same day"
                    )


def _quantity_conflict(measure: str, first: Statement, second: Statement, how: str) -> Iterator[Problem]:
    detail = (
        f"measure {measure!r}: {first.owner} states {first.words} as of {first.as_of}, "
        f"{second.owner} states {second.words} as of {second.as_of}"
        + ("; a count cannot fall" if how == "shrinks" else "; the ranges do not meet")
    )
    claims = [s for s in (first, second) if s.claim_id is not None]
    if not claims:
        yield make_problem(
            "quantity-facts-conflict",
            f"events.json {detail}",
            [first.owner, second.owner],
            file="events.json",
        )
    for statement in claims:
        other = second if statement is first else first
        yield make_problem(
            "quantity-conflict",
            f"claim {statement.owner!r}: {detail}",
            [statement.owner, other.owner],
            file=statement.file,
        )
