"""Integrity checks: texts hash to their sha256, ids are unique, every reference resolves, paths stay inside.

Nothing here reads a file: the sources' texts were read (confined to ``sources/``) by
``claims.reading``; a file name that is not a plain name inside ``sources/`` is reported, not opened.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from itertools import chain
from operator import attrgetter
from typing import Any, Protocol

from claims.checksums import altered_message, hash_mismatch
from claims.codes import make_problem
from claims.problem import Problem
from claims.records import Claim, Release, Segment, Source, Span, source_stem
from claims.validation.context import Shared, segment_problem

UNSAFE_CHARACTERS = ("/", "\\", "\x00", ":")


class RecordWithId(Protocol):
    """Any record with an id."""

    @property
    def id(self) -> str:
        """The record's id."""


def is_plain_file_name(name: str) -> bool:
    """True for a bare file name (no folder, no ``..``, no drive): the only form a source_file may take."""
    return bool(name) and name not in {".", ".."} and not any(c in name for c in UNSAFE_CHARACTERS)


def check_file_reference(
    name: str, shared: Shared, *, owner: str, field: str, file: str, ids: list[str]
) -> Iterator[Problem]:
    """A ``source_file``-like field must be a plain file name of a source in sources.json."""
    if not is_plain_file_name(name):
        yield make_problem(
            "unsafe-path",
            f"{owner} {field}: expected a plain file name inside sources/, found {name!r}; it was not read",
            ids,
            file=file,
        )
    elif name not in shared.sources:
        yield make_problem(
            "unknown-source",
            f"{owner} {field}: expected a source of sources.json, found {name!r}",
            ids,
            file=file,
        )


def _duplicates(
    kind: str, records: Sequence[RecordWithId], file_of: Callable[[Any], str]
) -> Iterator[Problem]:
    """Ids held by more than one record of a collection, with every file that holds them."""
    counts = Counter(record.id for record in records)
    for record_id, count in counts.items():
        if count > 1:
            files = sorted({file_of(record) for record in records if record.id == record_id})
            yield make_problem(
                "duplicate-id",
                f"{kind} id {record_id!r}: expected unique, found {count} records with it (in {', '.join(files)})",
                [record_id],
                file=files[0],
            )


def check_collections(release: Release, shared: Shared) -> Iterator[Problem]:
    """Checks of the shared records: unique ids, and references from people, subjects, events, sources."""
    yield from _duplicates("people", release.people, lambda r: shared.file_of("people", r.id, "people.json"))
    yield from _duplicates(
        "subjects", release.subjects, lambda r: shared.file_of("subjects", r.id, "subjects.json")
    )
    yield from _duplicates("events", release.events, lambda r: shared.file_of("events", r.id, "events.json"))
    yield from _duplicates(
        "sources", release.sources, lambda r: shared.file_of("sources", r.id, "sources.json")
    )
    yield from _duplicates("segments", release.segments, shared.segment_file)
    yield from _duplicates("claims", release.claims, shared.claim_file)
    yield from _check_people(shared)
    yield from _check_subjects(shared)
    yield from _check_events(shared)
    yield from _check_sources(release.sources, shared)


def _check_people(shared: Shared) -> Iterator[Problem]:
    for person in shared.people.values():
        if person.scope is not None:
            yield from check_file_reference(
                person.scope,
                shared,
                owner=f"person {person.id!r}",
                field="scope",
                file=shared.file_of("people", person.id, "people.json"),
                ids=[person.id],
            )


def _check_subjects(shared: Shared) -> Iterator[Problem]:
    for subject in shared.subjects.values():
        file = shared.file_of("subjects", subject.id, "subjects.json")
        if subject.broader is not None and subject.broader not in shared.subjects:
            yield make_problem(
                "unknown-subject",
                f"subject {subject.id!r} broader: expected a subject id, found {subject.broader!r}",
                [subject.id, subject.broader],
                file=file,
            )
        chain = [subject.id]
        current = subject.broader
        while current is not None and current in shared.subjects:
            if current == subject.id:
                yield make_problem(
                    "subject-cycle",
                    f"subject {subject.id!r}: broader links loop back to it ({' -> '.join([*chain, current])})",
                    chain,
                    file=file,
                )
                break
            if current in chain:
                break  # a loop not through this subject: reported from one of its members
            chain.append(current)
            current = shared.subjects[current].broader


def _check_events(shared: Shared) -> Iterator[Problem]:
    for event in shared.events.values():
        file = shared.file_of("events", event.id, "events.json")
        for person_id in event.participants:
            if person_id not in shared.people:
                yield make_problem(
                    "unknown-person",
                    f"event {event.id!r} participants: expected a person id, found {person_id!r}",
                    [event.id, person_id],
                    file=file,
                )
        evidence = [*event.evidence, *(e for fact in event.quantities for e in fact.evidence)]
        for item in evidence:
            if item.source_file is not None:
                yield from check_file_reference(
                    item.source_file,
                    shared,
                    owner=f"event {event.id!r}",
                    field="evidence source_file",
                    file=file,
                    ids=[event.id],
                )


def _check_sources(sources: Sequence[Source], shared: Shared) -> Iterator[Problem]:
    for source in sources:
        file = shared.file_of("sources", source.id, "sources.json")
        if source.id != source.file:
            yield make_problem(
                "source-id-mismatch",
                f"source {source.id!r}: expected its id to equal its file name, found file {source.file!r}",
                [source.id],
                file=file,
            )
        if not is_plain_file_name(source.file):
            yield make_problem(
                "unsafe-path",
                f"source {source.id!r} file: expected a plain file name inside sources/, found {source.file!r}",
                [source.id],
                file=file,
            )
        if source.event_id is not None and source.event_id not in shared.events:
            yield make_problem(
                "unknown-event",
                f"source {source.id!r} event_id: expected an event id, found {source.event_id!r}",
                [source.id, source.event_id],
                file=file,
            )


def check_orphans(claims: list[Claim], segments: list[Segment], shared: Shared) -> Iterator[Problem]:
    """Claims and segments whose source_file names no source: unsafe or unknown, never read."""
    records: list[tuple[str, Claim | Segment, str]] = [("claim", c, shared.claim_file(c)) for c in claims]
    records += [("segment", s, shared.segment_file(s)) for s in segments]
    for kind, record, file in records:
        yield from check_file_reference(
            record.source_file,
            shared,
            owner=f"{kind} {record.id!r}",
            field="source_file",
            file=file,
            ids=[record.id],
        )


def _span_in_range(span: Span, text: str, owner: str, ids: list[str], file: str) -> Iterator[Problem]:
    if span.end > len(text):
        yield make_problem(
            "span-out-of-range",
            f"{owner} span [{span.start}, {span.end}): expected within the source's {len(text)} characters",
            ids,
            file=file,
            start=span.start,
            end=span.end,
        )


def check_source(
    source: Source, claims: list[Claim], segments: list[Segment], shared: Shared
) -> Iterator[Problem]:
    """Integrity of one source: its text and sha256, errata, segment partition, and every reference."""
    source_file = shared.file_of("sources", source.id, "sources.json")
    if source.text is None and source.id not in shared.unreadable:
        yield make_problem(
            "source-text-missing",
            f"source {source.id!r}: expected its text, found none; its citations cannot be checked",
            [source.id],
            file=source_file,
        )
    elif source.text is not None:
        yield from _check_text(source, source.text, segments, shared, source_file)
    yield from _check_record_references("segment", segments, source, shared)
    yield from _check_record_references("claim", claims, source, shared)


def _check_text(
    source: Source, text: str, segments: list[Segment], shared: Shared, source_file: str
) -> Iterator[Problem]:
    found = hash_mismatch(text.encode("utf-8"), source.sha256)
    if found is not None:
        yield make_problem(
            "sha256-mismatch",
            altered_message(
                f"sources/{source.file}", source.sha256, found, listed_in="sources.json", what="text"
            ),
            [source.id],
            file=f"sources/{source.file}",
        )
    basis = source.date_basis
    if basis.method == "stated":
        yield from _span_in_range(
            basis.span, text, f"source {source.id!r} date_basis", [source.id], source_file
        )
    for index, erratum in enumerate(source.errata):
        owner = f"source {source.id!r} errata[{index}]"
        if erratum.span.end > len(text):
            yield from _span_in_range(erratum.span, text, owner, [source.id], source_file)
        elif text[erratum.span.start : erratum.span.end] != erratum.text:
            yield make_problem(
                "erratum-text-mismatch",
                f"{owner}: expected text {erratum.text!r} at [{erratum.span.start}, {erratum.span.end}), "
                f"found {text[erratum.span.start : erratum.span.end]!r}",
                [source.id],
                file=source_file,
                path=f"errata[{index}]",
                start=erratum.span.start,
                end=erratum.span.end,
            )
    yield from _check_partition(source, text, segments, shared)
    yield from _check_labels(text, segments, shared)


def _check_labels(text: str, segments: list[Segment], shared: Shared) -> Iterator[Problem]:
    """A label is the text printed at its label_span; a segment continuing a turn (after an
    interpreter marker) may carry the turn's label without a label_span."""
    printed_in_turn: dict[int, str] = {}
    for segment in segments:
        if segment.label is None or segment.label_span is None or segment.label_span.end > len(text):
            continue
        printed = text[segment.label_span.start : segment.label_span.end].rstrip().removesuffix(":").rstrip()
        printed_in_turn.setdefault(segment.turn, printed)
        if printed != segment.label:
            yield segment_problem(
                "label-mismatch",
                f"segment {segment.id!r}: expected label {segment.label!r} at label_span, found {printed!r}",
                segment,
                shared,
                at=segment.label_span,
            )
    for segment in segments:
        if segment.label is not None and segment.label_span is None:
            printed_label = printed_in_turn.get(segment.turn)
            if printed_label != segment.label:
                found = (
                    f"turn {segment.turn} is labelled {printed_label!r}" if printed_label else "no label_span"
                )
                yield segment_problem(
                    "label-mismatch",
                    f"segment {segment.id!r}: label {segment.label!r} has no label_span, and {found}",
                    segment,
                    shared,
                )


def _check_partition(source: Source, text: str, segments: list[Segment], shared: Shared) -> Iterator[Problem]:
    """Every character of the text belongs to exactly one segment."""
    if not segments:
        if text:
            yield make_problem(
                "segments-missing",
                f"source {source.id!r}: expected segments covering its {len(text)} characters, found none",
                [source.id],
                file=f"segments/{source_stem(source.file)}.json",
            )
        return
    position = 0
    previous: Segment | None = None
    for segment in sorted(segments, key=lambda s: (s.span.start, s.span.end)):
        if segment.span.end > len(text):
            owner = f"segment {segment.id!r}"
            yield from _span_in_range(segment.span, text, owner, [segment.id], shared.segment_file(segment))
        if segment.span.start > position:
            yield make_problem(
                "segment-gap",
                f"source {source.id!r}: characters [{position}, {segment.span.start}) belong to no segment "
                f"(before {segment.id!r}): {text[position : segment.span.start][:60]!r}",
                [source.id, segment.id],
                file=shared.segment_file(segment),
                start=position,
                end=segment.span.start,
            )
        elif segment.span.start < position and previous is not None:
            yield make_problem(
                "segment-overlap",
                f"source {source.id!r}: segments {previous.id!r} and {segment.id!r} both cover "
                f"[{segment.span.start}, {min(position, segment.span.end)})",
                [previous.id, segment.id],
                file=shared.segment_file(segment),
                start=segment.span.start,
                end=min(position, segment.span.end),
            )
        if segment.span.end > position:
            position = segment.span.end
            previous = segment
    if position < len(text):
        yield make_problem(
            "segment-gap",
            f"source {source.id!r}: characters [{position}, {len(text)}) at the end belong to no segment",
            [source.id],
            file=shared.segment_file(previous) if previous else None,
            start=position,
            end=len(text),
        )


REFERENCE_CODES = {
    "person": "unknown-person",
    "event": "unknown-event",
    "subject": "unknown-subject",
    "claim": "unknown-claim",
}
"""The problem of a reference to each kind of record that does not exist."""


def resolved_claim_reference(problem: Problem, claim_ids: AbstractSet[str]) -> bool:
    """True for a reference to an unknown claim whose id is in ``claim_ids`` after all (a worker
    that holds only some claims reports the others' as unknown)."""
    return problem.code == REFERENCE_CODES["claim"] and problem.ids[-1] in claim_ids


Reference = tuple[str, str, str]
"""``(field, kind, id)``: one id a record refers to, the field holding it and the kind it names."""

FieldReference = tuple[str, str, bool]
"""``(field, kind, many)``: a field holding the id (``many``: a list of ids) of a kind of record."""

SEGMENT_FIELDS: tuple[FieldReference, ...] = (
    ("speaker_id", "person", False),
    ("reported_by", "person", False),
)
"""The fields by which a segment refers to other records."""

CLAIM_FIELDS: tuple[FieldReference, ...] = (
    ("speaker_id", "person", False),
    ("reported_by", "person", False),
    ("event_id", "event", False),
    ("subjects", "subject", True),
)
"""The top-level fields by which a claim refers to other records."""

ASSERTION_FIELDS: dict[str, tuple[FieldReference, ...]] = {
    "meeting-count": (("event_id", "event", False), ("participants", "person", True)),
    "meeting-ordinal": (("event_id", "event", False),),
    "date-reference": (("event_id", "event", False),),
    "quantity": (("event_id", "event", False),),
    "role-reference": (("person_id", "person", False),),
    "event-reference": (("event_id", "event", False),),
    "expectation": (("fulfilled_by", "event", False), ("participants", "person", True)),
    "source-quotation": (),  # its source_file is checked by the quotation rule, against the sources
}
"""The fields by which each kind of assertion refers to other records."""

EVIDENCE_FIELDS: tuple[FieldReference, ...] = (("event_ids", "event", True), ("claim_ids", "claim", True))
"""The fields by which a review's evidence refers to other records."""

RETRACTION_FIELDS: tuple[FieldReference, ...] = (("replaced_by", "claim", False),)
"""The field by which a retraction names the claim replacing the retracted one."""

Known = dict[str, AbstractSet[str]]
"""The ids of each kind of record that exists."""


def field_references(record: Any, fields: tuple[FieldReference, ...], label: str = "") -> list[Reference]:
    """The ids a record's reference fields hold, each field named after ``label``."""
    references: list[Reference] = []
    for field_name, kind, many in fields:
        value = getattr(record, field_name)
        if many:
            references.extend((f"{label}{field_name}", kind, target) for target in value)
        elif value is not None:
            references.append((f"{label}{field_name}", kind, value))
    return references


def segment_references(segment: Segment) -> list[Reference]:
    """Every id a segment refers to."""
    return field_references(segment, SEGMENT_FIELDS)


def claim_references(claim: Claim) -> list[Reference]:
    """Every id a claim refers to: people, event, subjects, assertions' records, review evidence, replacement."""
    references = field_references(claim, CLAIM_FIELDS)
    for index, assertion in enumerate(claim.assertions):
        label = f"assertions[{index}] ({assertion.kind}) "
        references.extend(field_references(assertion, ASSERTION_FIELDS[assertion.kind], label))
    if claim.review is not None:
        evidence = field_references(claim.review.evidence, EVIDENCE_FIELDS)
        references.extend(("review evidence", kind, target) for _, kind, target in evidence)
    if claim.retracted is not None:
        references.extend(field_references(claim.retracted, RETRACTION_FIELDS, "retracted."))
    return references


def _all_known(records: Sequence[Any], fields: tuple[FieldReference, ...], known: Known) -> bool:
    """True when every id the records' reference fields hold exists (one set test a field)."""
    for field_name, kind, many in fields:
        values = list(map(attrgetter(field_name), records))
        held: set[str | None] = set(chain.from_iterable(values)) if many else set(values)
        held.discard(None)
        if not known[kind] >= held:
            return False
    return True


def _claims_all_known(claims: Sequence[Claim], known: Known) -> bool:
    """True when every id the claims refer to exists, tested field by field over all of them at once."""
    assertions: dict[str, list[Any]] = defaultdict(list)
    for claim in claims:
        for assertion in claim.assertions:
            assertions[assertion.kind].append(assertion)
    evidence = [claim.review.evidence for claim in claims if claim.review is not None]
    retractions = [claim.retracted for claim in claims if claim.retracted is not None]
    return (
        _all_known(claims, CLAIM_FIELDS, known)
        and all(_all_known(group, ASSERTION_FIELDS[kind], known) for kind, group in assertions.items())
        and _all_known(evidence, EVIDENCE_FIELDS, known)
        and _all_known(retractions, RETRACTION_FIELDS, known)
    )


def _check_record_references(
    owner: str, records: Sequence[Claim] | Sequence[Segment], source: Source, shared: Shared
) -> Iterator[Problem]:
    """Each claim's or segment's id starts with its source's prefix, and every id it refers to exists.

    The records are walked one by one only when a bulk test (each reference field over all the
    records at once) finds an id that does not exist or an id without its source's prefix.
    """
    known: Known = {
        "person": shared.people.keys(),
        "event": shared.events.keys(),
        "subject": shared.subjects.keys(),
        "claim": shared.claim_ids,
    }
    expected = source.record_prefix
    prefix = f"{expected}-" if expected is not None else ""
    if owner == "claim":
        fine = _claims_all_known(records, known)  # type: ignore[arg-type]
    else:
        fine = _all_known(records, SEGMENT_FIELDS, known)
    if fine and all(record.id.startswith(prefix) for record in records):
        return
    for record in records:
        file = shared.claim_file(record) if isinstance(record, Claim) else shared.segment_file(record)
        if not record.id.startswith(prefix):
            yield make_problem(
                "id-source-mismatch",
                f"{owner} {record.id!r}: expected an id starting {prefix!r} (its source {source.file}), "
                f"found {record.id!r}",
                [record.id],
                file=file,
            )
        references = claim_references(record) if isinstance(record, Claim) else segment_references(record)
        for field_name, kind, target in references:
            if target not in known[kind]:
                yield make_problem(
                    REFERENCE_CODES[kind],
                    f"{owner} {record.id!r} {field_name}: expected {kind} id, found {target!r}",
                    [record.id, target],
                    file=file,
                )
