"""Records survive JSON unchanged, and invalid records are refused with errors naming the field."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from claims.records import Claim, Event, Person, Release, Segment, Source, Span
from tests.strategies import RECORD_STRATEGIES, examples

FAST = examples(40)


@pytest.mark.parametrize("name", sorted(RECORD_STRATEGIES))
@FAST
@given(data=st.data())
def test_round_trip_through_orjson(name: str, data: st.DataObject) -> None:
    """Any valid record -> orjson bytes -> the same record (with and without null fields)."""
    record: BaseModel = data.draw(RECORD_STRATEGIES[name], label=name)
    cls = type(record)
    full = orjson.dumps(record.model_dump(mode="json"))
    assert cls.model_validate(orjson.loads(full)) == record
    compact = orjson.dumps(record.model_dump(mode="json", exclude_none=True))
    assert cls.model_validate(orjson.loads(compact)) == record
    assert cls.model_validate_json(full) == record


def test_every_release_collection_has_a_strategy() -> None:
    """A model added to the release without a strategy would escape the round trip."""
    collections = {"people", "subjects", "sources", "segments", "events", "claims"}
    assert collections <= set(Release.model_fields)
    assert {"person", "subject", "segment", "event", "claim", "release"} <= set(RECORD_STRATEGIES)


# --- invalid records -------------------------------------------------------------------------------

CLAIM: dict[str, Any] = {
    "id": "002-c0001",
    "speaker_id": "jean-yves-le-drian",
    "date": "2016-10-25",
    "subjects": ["counter-isil-campaign"],
    "quote": "Today is the fifth meeting",
    "source_file": "002_e17495d741eb2305.txt",
    "span": {"start": 10, "end": 36},
    "prefix": "",
    "suffix": "",
    "attribution": "direct",
}
PERSON: dict[str, Any] = {
    "id": "ashton-carter",
    "name": "Ashton Carter",
    "roles": [
        {"title": "Secretary of Defense", "organization": "DoD", "country": "US", "start": "2015-02-17"}
    ],
}
SOURCE: dict[str, Any] = {
    "id": "x.txt",
    "file": "x.txt",
    "sha256": "0" * 64,
    "title": "t",
    "publisher": "p",
    "url": "https://example.org/x",
    "kind": "news",
    "date": "2015-11-15",
    "date_basis": {"method": "metadata", "url": "https://example.org/x"},
}
EVENT: dict[str, Any] = {
    "id": "paris-attacks-2015-11-13",
    "kind": "attack",
    "name": "Paris attacks",
    "date": "2015-11-13",
    "evidence": [{"url": "https://example.org/attacks"}],
}
SEGMENT: dict[str, Any] = {
    "id": "002-s0001",
    "source_file": "002_e17495d741eb2305.txt",
    "span": {"start": 0, "end": 10},
    "kind": "speech",
    "speaker_id": "ashton-carter",
    "turn": 0,
}


def _errors(cls: type[BaseModel], data: dict[str, Any]) -> list[tuple[tuple[int | str, ...], str]]:
    with pytest.raises(ValidationError) as info:
        cls.model_validate(data)
    return [(tuple(err["loc"]), err["type"]) for err in info.value.errors()]


def _with(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**base, **changes}


def _role(**changes: Any) -> dict[str, Any]:
    return _with(PERSON, roles=[{**PERSON["roles"][0], **changes}])


def test_the_valid_bases_are_valid() -> None:
    """The invalid cases below differ from these in one field only."""
    Claim.model_validate(CLAIM)
    Person.model_validate(PERSON)
    Source.model_validate(SOURCE)
    Event.model_validate(EVENT)
    Segment.model_validate(SEGMENT)


@pytest.mark.parametrize(
    ("cls", "data", "expected"),
    [
        pytest.param(
            Claim, _with(CLAIM, confidence="high"), (("confidence",), "extra_forbidden"), id="extra-field"
        ),
        pytest.param(
            Claim,
            _with(CLAIM, span={"start": 1, "end": 2, "length": 1}),
            (("span", "length"), "extra_forbidden"),
            id="extra-nested-field",
        ),
        pytest.param(Claim, _with(CLAIM, date="2016-13-45"), (("date",), "value_error"), id="bad-date"),
        pytest.param(
            Claim,
            _with(CLAIM, date="2015-02-30"),
            (("date",), "value_error"),
            id="no-such-day",
        ),
        pytest.param(
            Claim, _with(CLAIM, span={"start": 36, "end": 10}), (("span",), "value_error"), id="reversed-span"
        ),
        pytest.param(
            Claim, _with(CLAIM, span={"start": 5, "end": 5}), (("span",), "value_error"), id="empty-span"
        ),
        pytest.param(
            Claim,
            _with(CLAIM, attribution="hearsay"),
            (("attribution",), "literal_error"),
            id="unknown-attribution",
        ),
        pytest.param(
            Claim,
            _with(CLAIM, assertions=[{"kind": "rumour", "expression": "x"}]),
            (("assertions", 0), "union_tag_invalid"),
            id="unknown-assertion-kind",
        ),
        pytest.param(
            Claim,
            _with(
                CLAIM,
                assertions=[
                    {
                        "kind": "meeting-ordinal",
                        "expression": "x",
                        "series": "s",
                        "ordinal": 0,
                        "event_id": "e",
                    }
                ],
            ),
            (("assertions", 0, "meeting-ordinal", "ordinal"), "greater_than_equal"),
            id="assertion-field",
        ),
        pytest.param(Claim, _with(CLAIM, subjects=[]), (("subjects",), "too_short"), id="empty-subjects"),
        pytest.param(
            Claim, _with(CLAIM, id="002_C0001"), (("id",), "string_pattern_mismatch"), id="bad-slug"
        ),
        pytest.param(
            Claim,
            _with(CLAIM, speaker_id="Le Drian"),
            (("speaker_id",), "string_pattern_mismatch"),
            id="bad-slug-ref",
        ),
        pytest.param(Claim, _with(CLAIM, quote=""), (("quote",), "string_too_short"), id="empty-quote"),
        pytest.param(
            Claim, _with(CLAIM, attribution="quoted"), ((), "value_error"), id="quoted-without-reporter"
        ),
        pytest.param(
            Claim, _with(CLAIM, reported_by="writer-004"), ((), "value_error"), id="direct-with-reporter"
        ),
        pytest.param(
            Person,
            _role(start="2016-05", end="2016-04-30"),
            (("roles", 0), "value_error"),
            id="role-ends-before-start",
        ),
        pytest.param(
            Person, _role(start="2016-02-30"), (("roles", 0, "start"), "value_error"), id="role-unreal-date"
        ),
        pytest.param(
            Person,
            _role(start="2016/02/01"),
            (("roles", 0, "start"), "string_pattern_mismatch"),
            id="role-bad-date",
        ),
        pytest.param(
            Person, _with(PERSON, anonymous=True), ((), "value_error"), id="anonymous-without-scope"
        ),
        pytest.param(
            Person, _with(PERSON, id="-carter"), (("id",), "string_pattern_mismatch"), id="slug-leading-dash"
        ),
        pytest.param(
            Source,
            _with(SOURCE, date_basis={"method": "guessed"}),
            (("date_basis",), "union_tag_invalid"),
            id="unknown-date-basis",
        ),
        pytest.param(
            Source, _with(SOURCE, sha256="ABC"), (("sha256",), "string_pattern_mismatch"), id="bad-sha256"
        ),
        pytest.param(
            Event, _with(EVENT, end_date="2015-11-12"), ((), "value_error"), id="event-ends-before-it-starts"
        ),
        pytest.param(Event, _with(EVENT, ordinal=3), ((), "value_error"), id="ordinal-without-series"),
        pytest.param(
            Event, _with(EVENT, evidence=[{"note": "x"}]), (("evidence", 0), "value_error"), id="no-origin"
        ),
        pytest.param(
            Segment, _with(SEGMENT, kind="boilerplate"), ((), "value_error"), id="boilerplate-with-speaker"
        ),
        pytest.param(
            Segment,
            _with(SEGMENT, label_span={"start": 5, "end": 20}),
            ((), "value_error"),
            id="label-outside-span",
        ),
    ],
)
def test_invalid_records_are_refused_naming_the_field(
    cls: type[BaseModel], data: dict[str, Any], expected: tuple[tuple[int | str, ...], str]
) -> None:
    assert expected in _errors(cls, data)


def test_release_rejects_a_bad_version_and_name() -> None:
    base = {
        "name": "claimtrack",
        "version": "1.0.0",
        "schema_version": 1,
        "people": [],
        "subjects": [],
        "sources": [],
        "segments": [],
        "events": [],
        "claims": [],
    }
    Release.model_validate(base)
    assert (("version",), "string_pattern_mismatch") in _errors(Release, _with(base, version="1.0"))
    assert (("name",), "literal_error") in _errors(Release, _with(base, name="other"))
    assert (("schema_version",), "greater_than_equal") in _errors(Release, _with(base, schema_version=0))
    assert (("claims", 0, "subjects"), "too_short") in _errors(
        Release, _with(base, claims=[_with(CLAIM, subjects=[])])
    )


def test_span_is_half_open() -> None:
    assert len(Span(start=3, end=7)) == 4
    assert Span(start=0, end=10).contains(Span(start=3, end=10))
    assert not Span(start=0, end=10).contains(Span(start=3, end=11))
