"""The rules on small hand-made records: meeting counts, ordinals, quantities, diffs, paths, segment lookup."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from claims.records import (
    Claim,
    DateInterval,
    DateReference,
    Event,
    Evidence,
    MeetingCount,
    MeetingOrdinal,
    Person,
    Quantity,
    Release,
    Segment,
    Span,
)
from claims.validation.attribution import SegmentIndex, kind_fits
from claims.validation.citation import word_diff
from claims.validation.consistency import (
    bounds,
    check_date_reference,
    check_meeting_count,
    check_meeting_ordinal,
    check_quantities,
    check_series,
    quantity_statements,
    timeline_statements,
)
from claims.validation.context import Shared
from claims.validation.integrity import is_plain_file_name

D = dt.date.fromisoformat
A, B = "person-a", "person-b"


def meeting(event_id: str, day: str, **extra: Any) -> Event:
    fields: dict[str, Any] = {
        "id": event_id,
        "kind": "bilateral-meeting",
        "name": event_id,
        "date": D(day),
        "participants": [A, B],
        "evidence": [Evidence(url="https://example.org")],
        **extra,
    }
    return Event(**fields)


def shared_of(events: list[Event]) -> Shared:
    people = [Person(id=A, name="A"), Person(id=B, name="B")]
    release = Release(
        name="claimtrack",
        version="1.0.0",
        schema_version=1,
        people=people,
        subjects=[],
        sources=[],
        segments=[],
        events=events,
        claims=[],
    )
    return Shared.of(release)


def claim_with(*assertions: Any, day: str = "2016-11-28", claim_id: str = "000-c0001") -> Claim:
    return Claim(
        id=claim_id,
        speaker_id=A,
        date=D(day),
        subjects=["s"],
        quote="q",
        source_file="000_x.txt",
        span=Span(start=0, end=1),
        prefix="",
        suffix="",
        attribution="direct",
        assertions=list(assertions),
    )


def count_of(count: int, event_id: str | None = "m4") -> MeetingCount:
    return MeetingCount(
        kind="meeting-count",
        expression="fourth meeting in five months",
        participants=[A, B],
        count=count,
        window=DateInterval(start=D("2016-06-28"), end=D("2016-11-28")),
        event_id=event_id,
    )


FOUR = [
    meeting("m1", "2016-07-20"),
    meeting("m2", "2016-10-25"),
    meeting("m3", "2016-10-26"),
    meeting("m4", "2016-11-28"),
]


def codes(problems: Any) -> list[str]:
    return [p.code for p in problems]


def test_meeting_count_as_documented_passes() -> None:
    claim = claim_with(count_of(4))
    assert codes(check_meeting_count(claim, count_of(4), shared_of(FOUR))) == []


def test_meeting_count_more_documented_is_a_finding() -> None:
    events = [*FOUR, meeting("m0", "2016-07-01")]
    assert "meeting-count-exceeded" in codes(
        check_meeting_count(claim_with(), count_of(4), shared_of(events))
    )


def test_meeting_count_fewer_documented_is_a_warning_with_the_count() -> None:
    (problem,) = check_meeting_count(claim_with(), count_of(4), shared_of(FOUR[1:]))
    assert problem.code == "meeting-count-fewer" and problem.severity == "warning"
    assert problem.ids == ["000-c0001", "m2", "m3", "m4"]


def test_meeting_count_named_event_out_of_order() -> None:
    problems = codes(check_meeting_count(claim_with(), count_of(4, "m2"), shared_of(FOUR)))
    assert problems == ["meeting-count-order"]


def test_meeting_count_named_event_outside_the_window() -> None:
    events = [*FOUR[:3], meeting("m4", "2016-12-05")]
    problems = codes(check_meeting_count(claim_with(), count_of(4), shared_of(events)))
    assert "meeting-count-event-outside" in problems


def test_meetings_of_other_kinds_or_people_do_not_count() -> None:
    other = Event(
        id="call",
        kind="phone-call",
        name="call",
        date=D("2016-08-01"),
        participants=[A, B],
        evidence=[Evidence(url="https://example.org")],
    )
    alone = meeting("solo", "2016-08-02", participants=[A])
    assert codes(check_meeting_count(claim_with(), count_of(4), shared_of([*FOUR, other, alone]))) == []


def series(*days_and_ordinals: tuple[str, int | None]) -> list[Event]:
    return [
        meeting(f"e{i}", day, series="s", **({"ordinal": ordinal} if ordinal else {}))
        for i, (day, ordinal) in enumerate(days_and_ordinals, start=1)
    ]


def ordinal_of(ordinal: int, event_id: str) -> MeetingOrdinal:
    return MeetingOrdinal(
        kind="meeting-ordinal", expression="the nth meeting", series="s", ordinal=ordinal, event_id=event_id
    )


def test_meeting_ordinal_by_date_and_by_field() -> None:
    shared = shared_of(series(("2016-01-20", 1), ("2016-02-11", 2), ("2016-10-25", 3)))
    assert codes(check_meeting_ordinal(claim_with(), ordinal_of(3, "e3"), shared)) == []
    assert codes(check_meeting_ordinal(claim_with(), ordinal_of(2, "e3"), shared)) == [
        "meeting-ordinal-mismatch"
    ]


def test_meeting_ordinal_of_a_series_known_from_its_sixth_event() -> None:
    shared = shared_of(series(("2021-06-12", 6), ("2021-11-29", 7)))
    assert codes(check_meeting_ordinal(claim_with(), ordinal_of(7, "e2"), shared)) == []


def test_meeting_ordinal_without_ordinal_fields_counts_by_date() -> None:
    shared = shared_of(series(("2016-01-20", None), ("2016-02-11", None)))
    assert codes(check_meeting_ordinal(claim_with(), ordinal_of(2, "e2"), shared)) == []
    assert codes(check_meeting_ordinal(claim_with(), ordinal_of(1, "e2"), shared)) == [
        "meeting-ordinal-mismatch"
    ]


def test_unknown_series() -> None:
    problems = check_meeting_ordinal(claim_with(), ordinal_of(1, "m1"), shared_of(FOUR))
    assert codes(problems) == ["series-unknown"]


@pytest.mark.parametrize(
    ("events", "bad"),
    [
        (series(("2016-01-20", 2), ("2016-02-11", 1)), True),
        (series(("2016-01-20", 1), ("2016-02-11", 1)), True),
        (series(("2016-01-20", 1), ("2016-02-11", 1 + 1), ("2016-03-01", 2)), True),
        (series(("2016-01-20", None), ("2016-02-11", None), ("2016-03-01", 1)), True),
        (series(("2016-01-20", 1), ("2016-02-11", 3)), False),
        (series(("2016-01-20", 6), ("2016-02-11", 7)), False),
    ],
)
def test_series_order(events: list[Event], bad: bool) -> None:
    assert bool(list(check_series(shared_of(events)))) is bad


def test_date_reference_reads_the_source_errata() -> None:
    reference = DateReference(
        kind="date-reference",
        expression="Novemer 15",
        resolves_to=DateInterval(start=D("2015-11-15"), end=D("2015-11-15")),
    )
    claim = claim_with(reference, day="2015-11-15")
    shared = shared_of([])
    assert codes(check_date_reference(claim, reference, shared)) == ["date-reference-unresolved"]
    assert codes(check_date_reference(claim, reference, shared, corrections={"Novemer": "November"})) == []


def test_date_reference_wrongly_stored_and_wrong_event() -> None:
    reference = DateReference(
        kind="date-reference",
        expression="last month",
        resolves_to=DateInterval(start=D("2016-09-01"), end=D("2016-09-30")),
        event_id="m2",
    )
    problems = codes(check_date_reference(claim_with(reference), reference, shared_of(FOUR)))
    assert problems == ["date-reference-resolution", "date-reference-event"]


def quantity(value: float, qualifier: str, as_of: str) -> Quantity:
    return Quantity(
        kind="quantity",
        expression="killed",
        measure="deaths",
        value=value,
        qualifier=qualifier,
        as_of=D(as_of),
    )


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        (("at-least", 129, "2015-11-15"), ("exactly", 130, "2015-11-20"), False),
        (("at-least", 129, "2015-11-15"), ("exactly", 120, "2015-11-20"), True),
        (("exactly", 129, "2015-11-15"), ("exactly", 130, "2015-11-15"), True),
        (("about", 130, "2015-11-15"), ("exactly", 129, "2015-11-15"), False),
        (("more-than", 129, "2015-11-15"), ("at-most", 129, "2015-11-15"), True),
        (("exactly", 3, "2016-10-25"), ("exactly", 3, "2016-11-28"), False),
        (("exactly", 3, "2016-10-25"), ("exactly", 2, "2016-11-28"), True),
    ],
)
def test_quantity_conflicts(
    first: tuple[str, float, str], second: tuple[str, float, str], conflict: bool
) -> None:
    claims = [
        claim_with(quantity(first[1], first[0], first[2]), claim_id="000-c0001"),
        claim_with(quantity(second[1], second[0], second[2]), claim_id="000-c0002"),
    ]
    shared = shared_of([])
    found = list(check_quantities(quantity_statements(claims, shared)))
    assert bool(found) is conflict
    if conflict:
        assert {p.ids[0] for p in found} == {"000-c0001", "000-c0002"}


def test_quantity_facts_conflicting_with_each_other() -> None:
    from claims.records import QuantityFact

    facts = [
        QuantityFact(
            measure="deaths",
            value=v,
            qualifier="exactly",
            as_of=D("2015-11-20"),
            evidence=[Evidence(url="https://example.org")],
        )
        for v in (130, 131)
    ]
    shared = shared_of([meeting("attack", "2015-11-13", quantities=facts)])
    assert codes(check_quantities(timeline_statements(shared))) == ["quantity-facts-conflict"]


def test_bounds() -> None:
    assert bounds(10, "exactly") == (10, 10)
    assert bounds(10, "about") == (9, 11)
    assert bounds(10, "at-least")[0] == 10 and bounds(10, "at-most")[1] == 10
    assert bounds(10, "more-than")[0] > 10 and bounds(10, "fewer-than")[1] < 10


def test_word_diff() -> None:
    assert word_diff("Today is the fifth meeting.", "Today is the sixth meeting.") == (
        "... is the [-fifth-] {+sixth+} meeting."
    )
    assert word_diff("a b c d e f g h", "a b c X d e f g h") == "... b c {+X+} d e ..."
    assert word_diff("same words", "same words") == "..."


@pytest.mark.parametrize(
    ("name", "plain"),
    [
        ("002_e17495d741eb2305.txt", True),
        ("../../etc/passwd", False),
        ("/etc/passwd", False),
        ("a/b.txt", False),
        ("..", False),
        ("C:evil.txt", False),
        ("a\\b.txt", False),
        ("", False),
    ],
)
def test_plain_file_names(name: str, plain: bool) -> None:
    assert is_plain_file_name(name) is plain


def segment(segment_id: str, start: int, end: int, kind: str = "speech", **extra: Any) -> Segment:
    return Segment(
        id=segment_id,
        source_file="000_x.txt",
        span=Span(start=start, end=end),
        kind=kind,
        speaker_id=extra.pop("speaker_id", A),
        turn=0,
        **extra,
    )


def test_segment_index_finds_every_segment_a_span_touches() -> None:
    index = SegmentIndex([segment("s3", 20, 30), segment("s1", 0, 10), segment("s2", 10, 20)])
    assert [s.id for s in index.covering(5, 15)] == ["s1", "s2"]
    assert [s.id for s in index.covering(10, 20)] == ["s2"]
    assert [s.id for s in index.covering(19, 21)] == ["s2", "s3"]
    assert index.covering(30, 40) == []


def test_kinds_that_fit_each_attribution() -> None:
    narration = segment("n", 0, 1, "narration")
    reported = segment("r", 0, 1, "narration", reported_by=B)
    quotation = segment("q", 0, 1, "quotation", reported_by=B)
    assert kind_fits("direct", narration) and not kind_fits("direct", reported)
    assert kind_fits("paraphrase", reported) and kind_fits("paraphrase", quotation)
    assert kind_fits("quoted", quotation) and not kind_fits("quoted", reported)
    assert not kind_fits("paraphrase", narration)


def test_titles_compare_without_case_accents_punctuation_or_article() -> None:
    from claims.validation.dates import normalize_title

    assert normalize_title("SEC.") == normalize_title("Sec") == "sec"
    assert normalize_title("Minister of Défense") == normalize_title("minister of defense")
    assert normalize_title("the defense secretary") == normalize_title("Defense Secretary")
    assert normalize_title("The") == "the"
