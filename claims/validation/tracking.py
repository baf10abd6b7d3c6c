"""Claims tracked across documents: events named in words, announcements against what happened,
counts over a series, one document quoting another, and outside facts' evidence.

- An *event reference* ('at the G7', 'just did') names an event: the event's dates must agree
  with ``relation`` against the claim's date (past: it began on or before that day; ongoing: it
  spans that day; future: it ends on or after it) and fall in ``within`` when given.
- An *expectation* ('They will meet in Europe at the end of October') names kinds of event,
  participants and a window. With ``fulfilled_by`` the event must be of one of those kinds,
  include the participants and overlap the window (else the data is wrong). Without it the
  timeline is searched: a matching event is a warning asking for the link; none is the finding
  ``expectation-unfulfilled``. The ``place`` is not compared: the words name regions ('Europe').
- A *quantity over a series*: a quantity whose ``measure`` is the id of a series of the timeline
  counts the events of that series begun by its ``as_of`` day ('deployed three times').
- A *source quotation* is matched against the quoted source's text by the verify engine
  (``claims.verification.matching``): exact is consistent, a close match is a finding with its
  word diff, nothing close is an error. Every source's text is a shared record (each parallel
  worker holds them all), so the check runs with the quoting claim's source, and the report is
  the same for any number of workers.
- An *outside fact*: an event no source of the dataset records (no source's ``event_id``) is
  established by outside records, so its evidence needs a url (REFERENCE.md's rule).

A speaker the record contradicts is a finding (error until the claim has a review).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from claims.codes import make_problem
from claims.records import (
    Claim,
    DateInterval,
    Event,
    EventReference,
    Expectation,
    Quantity,
    Release,
    Segment,
    Source,
    SourceQuotation,
)
from claims.report import Problem
from claims.validation.consistency import bounds
from claims.validation.context import Shared, by_date

if TYPE_CHECKING:
    from claims.verification.index import CorpusIndex

QUOTED_INDEX_CACHE = 8
"""How many quoted sources' verify indexes a process keeps (a few statements are quoted often)."""


def check_source(
    source: Source, claims: list[Claim], segments: list[Segment], shared: Shared
) -> Iterator[Problem]:
    """Event references, expectations, series quantities and source quotations of one source's claims."""
    for claim in claims:
        for assertion in claim.assertions:
            if isinstance(assertion, EventReference):
                yield from check_event_reference(claim, assertion, shared)
            elif isinstance(assertion, Expectation):
                yield from check_expectation(claim, assertion, shared)
            elif isinstance(assertion, Quantity) and assertion.measure in shared.series:
                yield from check_series_quantity(claim, assertion, shared)
            elif isinstance(assertion, SourceQuotation):
                yield from check_source_quotation(claim, assertion, shared)


def _dates(event: Event) -> str:
    return f"{event.date}" if event.end_date is None else f"{event.date} to {event.end_date}"


def _overlaps(event: Event, window: DateInterval) -> bool:
    return event.date <= window.end and event.last_day >= window.start


RELATIONS: dict[str, tuple[str, Callable[[Event, dt.date], bool]]] = {
    "past": ("began on or before", lambda event, day: event.date <= day),
    "ongoing": ("spans", lambda event, day: event.date <= day <= event.last_day),
    "future": ("ends on or after", lambda event, day: event.last_day >= day),
}
"""How each relation places the event against the claim's date: words, and the test."""


def check_event_reference(claim: Claim, reference: EventReference, shared: Shared) -> Iterator[Problem]:
    """The named event's dates agree with the relation to the claim's date, and with ``within``."""
    event = shared.events.get(reference.event_id)
    if event is None:
        return  # unknown-event, from integrity
    file = shared.claim_file(claim)
    said = f"claim {claim.id!r} ({claim.date}) says {reference.expression!r}"
    words, holds = RELATIONS[reference.relation]
    if not holds(event, claim.date):
        yield make_problem(
            "event-reference-relation",
            f"{said} ({reference.relation}): expected {event.id!r} to be an event that {words} "
            f"{claim.date}; it is dated {_dates(event)}",
            [claim.id, event.id],
            file=file,
        )
    within = reference.within
    if within is not None and not _overlaps(event, within):
        yield make_problem(
            "event-reference-window",
            f"{said}: expected {event.id!r} within [{within.start}, {within.end}]; it is dated {_dates(event)}",
            [claim.id, event.id],
            file=file,
        )


def _fits(event: Event, expectation: Expectation) -> list[str]:
    """How an event fails to be the one announced (empty when it is)."""
    faults = []
    if event.kind not in expectation.event_kinds:
        faults.append(f"its kind is {event.kind}, not {' or '.join(expectation.event_kinds)}")
    missing = [p for p in expectation.participants if p not in event.participants]
    if missing:
        faults.append(f"{', '.join(missing)} not among its participants")
    window = expectation.window
    if not _overlaps(event, window):
        faults.append(f"it is dated {_dates(event)}, outside [{window.start}, {window.end}]")
    return faults


def check_expectation(claim: Claim, expectation: Expectation, shared: Shared) -> Iterator[Problem]:
    """The event that fulfilled an announcement is the one announced; without one, the timeline holds none."""
    file = shared.claim_file(claim)
    window = expectation.window
    said = (
        f"claim {claim.id!r} ({claim.date}) announces {expectation.expression!r} "
        f"({' or '.join(expectation.event_kinds)} of {', '.join(expectation.participants)} "
        f"in [{window.start}, {window.end}])"
    )
    if expectation.fulfilled_by is not None:
        event = shared.events.get(expectation.fulfilled_by)
        if event is None:
            return  # unknown-event, from integrity
        faults = _fits(event, expectation)
        if faults:
            yield make_problem(
                "expectation-mismatch",
                f"{said}: expected its fulfilled_by {event.id!r} to be that event; " + "; ".join(faults),
                [claim.id, event.id],
                file=file,
            )
        return
    matching = sorted(
        (event for event in shared.events.values() if not _fits(event, expectation)), key=by_date
    )
    if matching:
        yield make_problem(
            "expectation-unlinked",
            f"{said}: the timeline holds {', '.join(f'{e.id} ({_dates(e)})' for e in matching)}; "
            "expected fulfilled_by to name it",
            [claim.id, *(e.id for e in matching)],
            file=file,
        )
    else:
        yield make_problem(
            "expectation-unfulfilled",
            f"{said}: the timeline holds no such event in that window",
            [claim.id],
            file=file,
        )


def check_series_quantity(claim: Claim, quantity: Quantity, shared: Shared) -> Iterator[Problem]:
    """A number stated about a series counts the series' events begun by its ``as_of`` day."""
    events = [event for event in shared.series.get(quantity.measure, []) if event.date <= quantity.as_of]
    low, high = bounds(quantity.value, quantity.qualifier)
    if not low <= len(events) <= high:
        listed = ", ".join(f"{e.id} ({e.date})" for e in events) or "none"
        yield make_problem(
            "series-count-mismatch",
            f"claim {claim.id!r} says {quantity.expression!r} ({quantity.qualifier} {quantity.value:g}) "
            f"as of {quantity.as_of}: the series {quantity.measure!r} holds {len(events)} events by then: {listed}",
            [claim.id, *(e.id for e in events)],
            file=shared.claim_file(claim),
        )


_indexes: dict[tuple[str, str], CorpusIndex] = {}


def _quoted_index(source: Source) -> CorpusIndex:
    """A verify index over one source's text alone (built once per process, a few kept)."""
    from claims.records import SCHEMA_VERSION
    from claims.verification.index import CorpusIndex

    key = (source.file, source.sha256)
    index = _indexes.get(key)
    if index is None:
        release = Release(
            name="claimtrack",
            version="0.0.0",
            schema_version=SCHEMA_VERSION,
            people=[],
            subjects=[],
            sources=[source],
            segments=[],
            events=[],
            claims=[],
        )
        index = CorpusIndex.build(release, jobs=1)  # never forks: this may run in a validate worker
        if len(_indexes) >= QUOTED_INDEX_CACHE:
            _indexes.pop(next(iter(_indexes)))
        _indexes[key] = index
    return index


def check_source_quotation(claim: Claim, quotation: SourceQuotation, shared: Shared) -> Iterator[Problem]:
    """The quoted words are in the claim's quote, and in the quoted source: exact, close (a finding
    with the word diff) or absent (an error)."""
    from claims.verification.matching import Quote, find_exact, find_fuzzy

    file = shared.claim_file(claim)
    said = f"claim {claim.id!r} quotes {quotation.source_file} as {quotation.expression!r}"
    if quotation.expression not in claim.quote:
        yield make_problem(
            "quotation-not-in-quote",
            f"{said}: expected those words in the claim's quote, found {claim.quote!r}",
            [claim.id],
            file=file,
        )
        return
    source = shared.sources.get(quotation.source_file)
    if source is None:
        yield make_problem(
            "unknown-source",
            f"{said}: expected a source of sources.json, found none named {quotation.source_file!r}",
            [claim.id, quotation.source_file],
            file=file,
        )
        return
    if source.text is None:
        return  # source-text-missing (or a read problem), reported with that source
    index = _quoted_index(source)
    quote = Quote.parse(quotation.expression, unwrap=True)
    if find_exact(index, quote):
        return
    close = [match for match in find_fuzzy(index, quote, limit=1) if match.close]
    if not close:
        yield make_problem(
            "quotation-not-found",
            f"{said}: expected those words (or words close to them) in the source; found none",
            [claim.id, source.id],
            file=file,
        )
        return
    match = close[0]
    diff = "; ".join(
        f"{entry.op} {entry.source!r} -> {entry.quote!r}" for entry in match.diff if entry.op != "equal"
    )
    printed = source.text[match.start : match.end]
    yield make_problem(
        "quotation-differs",
        f"{said}: the source prints {printed!r} at [{match.start}, {match.end}) "
        f"(word similarity {match.score:g}); {diff or 'punctuation differs'}",
        [claim.id, source.id],
        file=file,
    )


def check_outside_facts(shared: Shared) -> Iterator[Problem]:
    """An event no source records is an outside fact: its evidence needs a url."""
    recorded = {source.event_id for source in shared.sources.values() if source.event_id is not None}
    for event in sorted(shared.events.values(), key=by_date):
        if event.id in recorded or any(evidence.url for evidence in event.evidence):
            continue
        yield make_problem(
            "event-url-missing",
            f"event {event.id!r}: no source of the dataset records it, so it is an outside fact; "
            f"expected an evidence url, found only {', '.join(e.source_file or '?' for e in event.evidence)}",
            [event.id],
            file=shared.file_of("events", event.id, "events.json"),
        )
