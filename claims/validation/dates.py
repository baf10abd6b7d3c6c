"""Dates and roles: claims agree with their event's and source's dates; titles were held on the day used;
anonymous people stay in the one source they are scoped to."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache, partial

from claims.codes import make_problem
from claims.records import Claim, Event, Person, Role, RoleReference, Segment, Source
from claims.report import Problem
from claims.validation.context import Shared


@lru_cache(maxsize=4096)
def normalize_title(title: str) -> str:
    """Fold case, accents, punctuation and a leading article, so 'SEC.' and 'Sec', 'Minister of
    Défense' and 'minister of defense', 'the defense secretary' and 'Defense Secretary' compare equal."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().casefold()
    words = re.sub(r"[^a-z0-9]+", " ", folded).split()
    if len(words) > 1 and words[0] in {"the", "a", "an"}:
        words = words[1:]
    return " ".join(words)


def _event_range(event: Event) -> str:
    return f"{event.date}" if event.end_date is None else f"{event.date} to {event.end_date}"


def check_source(
    source: Source, claims: list[Claim], segments: list[Segment], shared: Shared
) -> Iterator[Problem]:
    """Date, role and scope problems of one source, its claims and its segments."""
    yield from _check_source_event(source, shared)
    for claim in claims:
        yield from _check_claim_dates(claim, source, shared)
        for assertion in claim.assertions:
            if isinstance(assertion, RoleReference):
                yield from check_role_reference(claim, assertion, shared)
    elsewhere = _scoped_elsewhere(source, [*claims, *segments], shared)
    if not elsewhere:
        return
    for claim in claims:
        for field, person_id in (("speaker_id", claim.speaker_id), ("reported_by", claim.reported_by)):
            if person_id in elsewhere:
                yield from _check_scope(
                    person_id,
                    source,
                    shared,
                    f"claim {claim.id!r} {field}",
                    claim.id,
                    partial(shared.claim_file, claim),
                )
    for segment in segments:
        for field, person_id in (("speaker_id", segment.speaker_id), ("reported_by", segment.reported_by)):
            if person_id in elsewhere:
                yield from _check_scope(
                    person_id,
                    source,
                    shared,
                    f"segment {segment.id!r} {field}",
                    segment.id,
                    partial(shared.segment_file, segment),
                )


def _scoped_elsewhere(source: Source, records: list[Claim | Segment], shared: Shared) -> set[str]:
    """The anonymous people these records name (as speaker or reporter) who are scoped to another source."""
    named = {record.speaker_id for record in records} | {record.reported_by for record in records}
    scoped = shared.scoped_anonymous
    return {person_id for person_id in scoped.keys() & named if scoped[person_id] != source.file}


def _check_source_event(source: Source, shared: Shared) -> Iterator[Problem]:
    """A source's date falls within the event it records (a transcript) or after its start (a report)."""
    event = shared.events.get(source.event_id) if source.event_id else None
    if event is None:
        return
    file = shared.file_of("sources", source.id, "sources.json")
    inside = event.date <= source.date <= event.last_day
    if not inside and (source.kind == "transcript" or source.date < event.date):
        expected = _event_range(event) if source.kind == "transcript" else f"on or after {event.date}"
        yield make_problem(
            "source-date-event-mismatch",
            f"source {source.id!r} ({source.kind}) dated {source.date}: expected {expected}, "
            f"the date of its event {event.id!r}",
            [source.id, event.id],
            file=file,
        )
    if source.place and event.place and not _places_agree(source.place, event.place):
        yield make_problem(
            "source-place-event-mismatch",
            f"source {source.id!r} place {source.place!r}: expected the place of its event {event.id!r}, "
            f"{event.place!r}",
            [source.id, event.id],
            file=file,
        )


def _places_agree(one: str, other: str) -> bool:
    """Two places agree when the first part (the city or site) of one is named in the other."""
    a, b = normalize_title(one), normalize_title(other)
    first_a = normalize_title(one.split(",")[0])
    first_b = normalize_title(other.split(",")[0])
    return bool(first_a and first_a in b) or bool(first_b and first_b in a)


def _check_claim_dates(claim: Claim, source: Source, shared: Shared) -> Iterator[Problem]:
    file = partial(shared.claim_file, claim)
    event = shared.events.get(claim.event_id) if claim.event_id else None
    if event is not None and not event.date <= claim.date <= event.last_day:
        yield make_problem(
            "claim-date-event-mismatch",
            f"claim {claim.id!r} dated {claim.date}: expected {_event_range(event)}, the date of the event "
            f"{event.id!r} at which it was said",
            [claim.id, event.id],
            file=file(),
        )
    if source.kind == "transcript" and claim.date != source.date:
        yield make_problem(
            "claim-date-source-mismatch",
            f"claim {claim.id!r} dated {claim.date}: expected {source.date}, the date of its transcript {source.id!r}",
            [claim.id, source.id],
            file=file(),
        )
    elif claim.date > source.date:
        yield make_problem(
            "claim-date-source-mismatch",
            f"claim {claim.id!r} dated {claim.date}: expected on or before {source.date}, when its source "
            f"{source.id!r} was published",
            [claim.id, source.id],
            file=file(),
        )


def check_role_reference(claim: Claim, reference: RoleReference, shared: Shared) -> Iterator[Problem]:
    """The title as printed is a title (or title form) of an office the person may hold on the date."""
    person = shared.people.get(reference.person_id)
    if person is None:
        return  # unknown-person, from integrity
    wanted = normalize_title(reference.title)
    matching = [
        role
        for role in person.roles
        if wanted in {normalize_title(t) for t in [role.title, *role.title_forms]}
    ]
    file = shared.claim_file(claim)
    if not matching:
        yield make_problem(
            "role-title-unknown",
            f"claim {claim.id!r}: title {reference.title!r} for {person.id!r} matches none of their offices "
            f"({_offices(person)})",
            [claim.id, person.id],
            file=file,
        )
        return
    if not any(role.may_hold_on(reference.date) for role in matching):
        held = person.roles_on(reference.date)
        yield make_problem(
            "role-not-held",
            f"claim {claim.id!r}: {person.id!r} is called {reference.title!r} on {reference.date}, but held "
            + (f"{', '.join(repr(r.title) for r in held)} then" if held else "no recorded office then")
            + f"; {reference.title!r} is {_offices_of(matching)}",
            [claim.id, person.id],
            file=file,
        )


TITLE_HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "m", "mme", "madam", "madame", "monsieur", "sir"}
)
"""Forms of address that name no office ('MR PRICE' is a label, not the title 'MR')."""


def check_title_forms(shared: Shared) -> Iterator[Problem]:
    """A role's title and title forms name an office: an honorific alone ('MR', 'Mme') is not one."""
    for person in shared.people.values():
        for role in person.roles:
            for form in [role.title, *role.title_forms]:
                if normalize_title(form) in TITLE_HONORIFICS:
                    yield make_problem(
                        "title-form-honorific",
                        f"person {person.id!r}, office {role.title!r}: title form {form!r} is an honorific, "
                        "not a title; expected it among the person's aliases (as part of a label) if anywhere",
                        [person.id],
                        file=shared.file_of("people", person.id, "people.json"),
                    )


def _offices_of(roles: list[Role]) -> str:
    return "; ".join(f"{role.title} {role.start}..{role.end or ''}" for role in roles)


def _offices(person: Person) -> str:
    return _offices_of(list(person.roles)) or "none recorded"


def _check_scope(
    person_id: str | None, source: Source, shared: Shared, owner: str, record_id: str, file: Callable[[], str]
) -> Iterator[Problem]:
    person = shared.people.get(person_id) if person_id else None
    if person is not None and person.anonymous and person.scope is not None and person.scope != source.file:
        yield make_problem(
            "anonymous-out-of-scope",
            f"{owner}: anonymous {person.id!r} is scoped to {person.scope}, found in {source.file}",
            [record_id, person.id],
            file=file(),
        )
