"""Claims tracked across documents, on small hand-made records and on the real dataset: event
references, expectations, counts of other kinds of event, quantities over a series, one source
quoting another, outside facts' urls and honorifics taken for titles."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest

from claims.codes import CODES
from claims.jsonio import dumps, read_json
from claims.reading import read_release_file
from claims.records import (
    Claim,
    DateInterval,
    Event,
    EventReference,
    Evidence,
    Expectation,
    MeetingCount,
    Person,
    Quantity,
    Release,
    Role,
    Source,
    SourceQuotation,
    Span,
)
from claims.records.source import StatedDate
from claims.validation import validate
from claims.validation.consistency import check_meeting_count
from claims.validation.context import Shared
from claims.validation.dates import check_title_forms
from claims.validation.pipeline import validate_loaded
from claims.validation.report import build_report
from claims.validation.tracking import (
    check_event_reference,
    check_expectation,
    check_outside_facts,
    check_series_quantity,
    check_source_quotation,
)
from tests.validate_support import copy_dataset, edit_claim, edit_file, errors_naming, has_assertion

D = dt.date.fromisoformat
A, B = "person-a", "person-b"
REPO = Path(__file__).resolve().parent.parent
RELEASE = REPO / "dataset" / "releases" / "claimtrack-1.0.0.json"

STATEMENT = "statement_2021.txt"
STATEMENT_TEXT = (
    "The two leaders agreed that the situation would have benefitted from open consultations "
    "among allies on matters of strategic interest to France and our European partners.\n"
)


def event(event_id: str, day: str, kind: str = "bilateral-meeting", **extra: Any) -> Event:
    fields: dict[str, Any] = {
        "id": event_id,
        "kind": kind,
        "name": event_id,
        "date": D(day),
        "participants": [A, B],
        "evidence": [Evidence(url="https://example.org")],
        **extra,
    }
    return Event(**fields)


def source(file: str, text: str, **extra: Any) -> Source:
    return Source(
        id=file,
        file=file,
        date=D("2021-09-22"),
        date_basis=StatedDate(method="stated", span=Span(start=0, end=1)),
        kind="statement",
        publisher="The White House",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        title=file,
        url="https://example.org/statement",
        **extra,
    )


def shared_of(events: list[Event] = (), sources: list[Source] = (), people: list[Person] = ()) -> Shared:  # type: ignore[assignment]
    release = Release(
        name="claimtrack",
        version="2.0.0",
        schema_version=2,
        people=list(people) or [Person(id=A, name="A"), Person(id=B, name="B")],
        subjects=[],
        sources=list(sources),
        segments=[],
        events=list(events),
        claims=[],
    )
    return Shared.of(release)


def claim_with(*assertions: Any, day: str = "2021-09-22", quote: str = "q") -> Claim:
    return Claim(
        id="005-c0001",
        speaker_id=A,
        date=D(day),
        subjects=["s"],
        quote=quote,
        source_file="005_x.txt",
        span=Span(start=0, end=len(quote)),
        prefix="",
        suffix="",
        attribution="direct",
        assertions=list(assertions),
    )


def codes(problems: Any) -> list[str]:
    return [p.code for p in problems]


def interval(start: str, end: str) -> DateInterval:
    return DateInterval(start=D(start), end=D(end))


# ---- event references


def reference(relation: str, within: DateInterval | None = None) -> EventReference:
    return EventReference(
        kind="event-reference", event_id="g7", expression="at the G7", relation=relation, within=within
    )  # type: ignore[arg-type]


G7 = [event("g7", "2021-06-11", "summit", end_date=D("2021-06-13"))]


@pytest.mark.parametrize(
    ("relation", "day", "expected"),
    [
        ("past", "2021-06-25", []),
        ("past", "2021-06-12", []),
        ("past", "2021-06-10", ["event-reference-relation"]),
        ("ongoing", "2021-06-12", []),
        ("ongoing", "2021-06-25", ["event-reference-relation"]),
        ("future", "2021-06-01", []),
        ("future", "2021-06-13", []),
        ("future", "2021-06-25", ["event-reference-relation"]),
    ],
)
def test_event_reference_relation(relation: str, day: str, expected: list[str]) -> None:
    claim = claim_with(reference(relation), day=day)
    assert codes(check_event_reference(claim, reference(relation), shared_of(G7))) == expected


def test_event_reference_within() -> None:
    inside = reference("past", interval("2021-06-11", "2021-06-24"))
    outside = reference("past", interval("2021-06-14", "2021-06-24"))
    shared = shared_of(G7)
    assert codes(check_event_reference(claim_with(inside, day="2021-06-25"), inside, shared)) == []
    problems = list(check_event_reference(claim_with(outside, day="2021-06-25"), outside, shared))
    assert codes(problems) == ["event-reference-window"]
    assert problems[0].ids == ["005-c0001", "g7"]


def test_event_reference_to_an_unknown_event_is_left_to_integrity() -> None:
    assert codes(check_event_reference(claim_with(reference("past")), reference("past"), shared_of())) == []


def test_a_contradicted_event_reference_is_a_finding_once_reviewed() -> None:
    assert CODES["event-reference-relation"].finding and CODES["event-reference-window"].finding
    claim = claim_with(reference("future"), day="2021-06-25")
    problems = list(check_event_reference(claim, reference("future"), shared_of(G7)))
    assert not build_report(problems, {claim.id: claim}).valid
    review = {"rating": "inaccurate", "explanation": "x", "evidence": {"event_ids": ["g7"]}}
    reviewed = Claim.model_validate({**claim.model_dump(), "review": review})
    report = build_report(problems, {claim.id: reviewed})
    assert report.valid and [f.code for f in report.findings] == ["event-reference-relation"]


# ---- expectations


def expectation(
    fulfilled_by: str | None = None, kinds: tuple[str, ...] = ("bilateral-meeting",)
) -> Expectation:
    return Expectation(
        kind="expectation",
        event_kinds=list(kinds),  # type: ignore[arg-type]
        expression="They will meet in Europe at the end of October",
        participants=[A, B],
        place="Europe",
        window=interval("2021-10-20", "2021-10-31"),
        fulfilled_by=fulfilled_by,
    )


def test_expectation_fulfilled_by_the_announced_event() -> None:
    shared = shared_of([event("rome", "2021-10-29")])
    assert codes(check_expectation(claim_with(expectation("rome")), expectation("rome"), shared)) == []


@pytest.mark.parametrize(
    "fulfilling",
    [
        event("rome", "2021-10-29", "phone-call"),
        event("rome", "2021-11-10"),
        event("rome", "2021-10-29", participants=[A]),
    ],
    ids=["other-kind", "outside-window", "participant-missing"],
)
def test_expectation_fulfilled_by_another_event_is_an_error_of_the_data(fulfilling: Event) -> None:
    problems = list(
        check_expectation(claim_with(expectation("rome")), expectation("rome"), shared_of([fulfilling]))
    )
    assert codes(problems) == ["expectation-mismatch"]
    assert not CODES["expectation-mismatch"].finding


def test_expectation_without_link_asks_for_the_matching_event() -> None:
    shared = shared_of([event("rome", "2021-10-29"), event("early", "2021-10-01")])
    problems = list(check_expectation(claim_with(expectation()), expectation(), shared))
    assert codes(problems) == ["expectation-unlinked"]
    assert problems[0].ids == ["005-c0001", "rome"]
    assert problems[0].severity == "warning"


def test_expectation_the_record_shows_unfulfilled_is_a_finding() -> None:
    shared = shared_of([event("call", "2021-10-22", "phone-call"), event("late", "2021-11-10")])
    problems = list(check_expectation(claim_with(expectation()), expectation(), shared))
    assert codes(problems) == ["expectation-unfulfilled"]
    assert CODES["expectation-unfulfilled"].finding and problems[0].severity == "error"


def test_expectation_of_several_kinds_is_met_by_any_of_them() -> None:
    shared = shared_of([event("call", "2021-10-22", "phone-call")])
    both = expectation(kinds=("bilateral-meeting", "phone-call"))
    assert codes(check_expectation(claim_with(both), both, shared)) == ["expectation-unlinked"]


# ---- meeting counts of other kinds of event


def discussions(count: int) -> MeetingCount:
    return MeetingCount(
        kind="meeting-count",
        expression="the two discussions in September and in October",
        participants=[A, B],
        count=count,
        event_kinds=["phone-call"],
        window=interval("2021-09-01", "2021-10-31"),
    )


CALLS = [
    event("call-1", "2021-09-22", "phone-call"),
    event("call-2", "2021-10-22", "phone-call"),
    event("rome", "2021-10-29"),
]


def test_meeting_count_of_phone_calls_counts_calls_not_meetings() -> None:
    shared = shared_of(CALLS)
    assert codes(check_meeting_count(claim_with(discussions(2)), discussions(2), shared)) == []
    assert codes(check_meeting_count(claim_with(discussions(1)), discussions(1), shared)) == [
        "meeting-count-exceeded"
    ]
    assert codes(check_meeting_count(claim_with(discussions(3)), discussions(3), shared)) == [
        "meeting-count-fewer"
    ]


def test_meeting_count_without_kinds_still_counts_in_person_meetings() -> None:
    count = discussions(1).model_copy(update={"event_kinds": []})
    assert codes(check_meeting_count(claim_with(count), count, shared_of(CALLS))) == []


# ---- quantities over a series


def deployments(value: float, as_of: str, qualifier: str = "exactly") -> Quantity:
    return Quantity(
        kind="quantity",
        expression="deployed three times",
        measure="carrier-deployments",
        qualifier=qualifier,  # type: ignore[arg-type]
        value=value,
        as_of=D(as_of),
    )


SERIES = [
    event(f"deployment-{n}", day, "military-operation", series="carrier-deployments", participants=[])
    for n, day in enumerate(["2015-02-23", "2015-11-21", "2016-10-03"], start=1)
]


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [
        (deployments(3, "2016-11-28"), []),
        (deployments(3, "2016-10-25"), []),
        (deployments(2, "2016-11-28"), ["series-count-mismatch"]),
        (deployments(3, "2016-01-01"), ["series-count-mismatch"]),
        (deployments(2, "2016-11-28", "at-least"), []),
    ],
)
def test_quantity_over_a_series_counts_its_events(quantity: Quantity, expected: list[str]) -> None:
    assert codes(check_series_quantity(claim_with(quantity), quantity, shared_of(SERIES))) == expected


# ---- source quotations


def quotation(expression: str, file: str = STATEMENT) -> SourceQuotation:
    return SourceQuotation(kind="source-quotation", expression=expression, source_file=file)


def quoting(expression: str, file: str = STATEMENT) -> tuple[Claim, SourceQuotation]:
    words = quotation(expression, file)
    return claim_with(words, quote=f"The statement said, \u201c{expression}\u201d. Why?"), words


QUOTED = shared_of(sources=[source(STATEMENT, STATEMENT_TEXT)])


def test_exact_quotation_is_consistent() -> None:
    claim, words = quoting("the situation would have benefitted from open consultations among allies")
    assert codes(check_source_quotation(claim, words, QUOTED)) == []


def test_quotation_folds_case_and_typography() -> None:
    claim, words = quoting("The situation would have benefitted from open consultations among allies")
    assert codes(check_source_quotation(claim, words, QUOTED)) == []


def test_close_quotation_is_a_finding_with_its_word_diff() -> None:
    claim, words = quoting("the situation would have benefited from open consultation among allies")
    problems = list(check_source_quotation(claim, words, QUOTED))
    assert codes(problems) == ["quotation-differs"]
    assert CODES["quotation-differs"].finding
    assert "'consultations' -> 'consultation'" in problems[0].message
    assert problems[0].ids == [claim.id, STATEMENT]


def test_absent_quotation_is_an_error() -> None:
    claim, words = quoting("nothing of the sort was ever said by anyone here")
    problems = list(check_source_quotation(claim, words, QUOTED))
    assert codes(problems) == ["quotation-not-found"]
    assert not CODES["quotation-not-found"].finding


def test_quotation_must_be_in_the_claims_quote() -> None:
    claim = claim_with(quote="Something else entirely.")
    words = quotation("open consultations among allies")
    assert codes(check_source_quotation(claim, words, QUOTED)) == ["quotation-not-in-quote"]


def test_quoted_source_must_be_in_the_dataset() -> None:
    claim, words = quoting("open consultations among allies", file="missing.txt")
    assert codes(check_source_quotation(claim, words, QUOTED)) == ["unknown-source"]


# ---- outside facts and honorifics


def test_an_event_no_source_records_needs_a_url() -> None:
    recorded = event("recorded", "2016-11-28", evidence=[Evidence(source_file="000_x.txt")])
    bare = event("bare", "2015-01-07", evidence=[Evidence(source_file="000_x.txt")])
    with_url = event("with-url", "2015-01-07")
    shared = shared_of([recorded, bare, with_url], sources=[source("000_x.txt", "x", event_id="recorded")])
    problems = list(check_outside_facts(shared))
    assert codes(problems) == ["event-url-missing"] and problems[0].ids == ["bare"]


def test_an_honorific_is_no_title_form() -> None:
    def person(forms: list[str]) -> Person:
        role = Role(
            title="Spokesperson", organization="State", country="US", start="2021-01-20", title_forms=forms
        )
        return Person(id=A, name="A", roles=[role])

    assert codes(check_title_forms(shared_of(people=[person(["Mr. Spokesperson", "spokesperson"])]))) == []
    assert codes(check_title_forms(shared_of(people=[person(["MR"])]))) == ["title-form-honorific"]
    assert codes(check_title_forms(shared_of(people=[person(["Mme."])]))) == ["title-form-honorific"]


# ---- the real dataset


def test_dataset_is_valid_with_no_warning_the_data_could_resolve() -> None:
    report = validate(REPO / "dataset")
    assert report.valid, [p.message for p in report.errors]
    resolvable = {
        "date-reference-unresolved",
        "event-url-missing",
        "expectation-unlinked",
        "meeting-count-fewer",
    }
    assert [p.message for p in report.warnings if p.code in resolvable] == []


def test_charles_de_gaulle_deployments_are_counted_against_the_series(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)

    def two(claim: dict[str, Any]) -> None:
        for assertion in claim["assertions"]:
            if assertion.get("measure") == "charles-de-gaulle-deployments-against-isil":
                assertion["value"] = 2

    claim = edit_claim(
        root,
        has_assertion("quantity", measure="charles-de-gaulle-deployments-against-isil"),
        "counting deployments",
        two,
    )
    assert errors_naming(validate(root), "series-count-mismatch", claim["id"])


def test_the_event_references_of_003_are_checked_against_the_timeline(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)

    def later(events: list[dict[str, Any]]) -> None:
        for record in events:
            if record["id"] == "biden-putin-summit-2021-06-16-geneva":
                record["date"] = "2021-07-16"

    edit_file(root / "events.json", later)
    report = validate(root)
    assert any(p.code == "event-reference-relation" and "003-c0072" in p.ids for p in report.errors)


def test_a_source_quotation_is_judged_alike_by_any_number_of_workers(tmp_path: Path) -> None:
    raw = read_json(RELEASE)
    for claim in raw["claims"]:
        if claim["source_file"].startswith("000_"):
            claim["assertions"] = [
                {
                    "kind": "source-quotation",
                    "expression": claim["quote"][:40],
                    "source_file": "002_e17495d741eb2305.txt",
                }
            ]
    path = tmp_path / "release.json"
    path.write_bytes(dumps(raw))
    one = validate_loaded(read_release_file(path))
    assert {p.code for p in one.errors} & {"quotation-not-found", "quotation-differs"}
    for jobs in (1, 2, 3):
        assert validate(path, jobs=jobs) == one


def test_a_retracted_claim_is_not_held_to_the_segments_and_its_replacement_is() -> None:
    from claims.records import Segment
    from claims.validation import attribution

    segment = Segment(
        id="005-s0001",
        kind="narration",
        source_file="005_x.txt",
        span=Span(start=0, end=1),
        speaker_id=B,
        reported_by=A,
        turn=0,
    )
    released = claim_with()
    retracted = Claim.model_validate(
        {
            **released.model_dump(),
            "retracted": {"reason": "wrong speaker", "replaced_by": "005-c0002", "version": "2.0.0"},
        }
    )
    source_005 = source("005_x.txt", "q")
    assert codes(attribution.check_source(source_005, [released], [segment], shared_of())) == [
        "speaker-mismatch"
    ]
    assert codes(attribution.check_source(source_005, [retracted], [segment], shared_of())) == []


JOINT_STATEMENT = (
    "2021-09-22-joint-statement-on-the-phone-call-between-president-biden-and-president-macron.md"
)


def real_statement() -> str:
    """The 22 September 2021 joint statement as received (in dataset/sources/ once added, else the shared copy)."""
    for folder in (
        REPO / "dataset" / "sources",
        REPO.parent.parent / "shared" / "sources" / "whitehouse-2021",
    ):
        if (folder / JOINT_STATEMENT).is_file():
            return (folder / JOINT_STATEMENT).read_bytes().decode("utf-8")
    pytest.skip(f"{JOINT_STATEMENT} is not here")


def test_the_reporters_reading_of_the_real_joint_statement_differs_by_one_word() -> None:
    shared = shared_of(sources=[source(JOINT_STATEMENT, real_statement())])
    read_out = "the situation would have benefited from open consultation"
    claim = claim_with(quotation(read_out, JOINT_STATEMENT), quote=f"said, \u201c{read_out}.\u201d  So,")
    problems = list(check_source_quotation(claim, quotation(read_out, JOINT_STATEMENT), shared))
    assert codes(problems) == ["quotation-differs"]
    assert "changed 'consultations' -> 'consultation'" in problems[0].message
    exact = "the situation would have benefited from open consultations among allies"
    claim = claim_with(quotation(exact, JOINT_STATEMENT), quote=exact)
    assert codes(check_source_quotation(claim, quotation(exact, JOINT_STATEMENT), shared)) == []
