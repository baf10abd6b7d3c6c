"""The curated segments: they partition every source, and differ from the extractor only where noted."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from claims.extract import propose
from claims.jsonio import read_json
from claims.records import Person, Segment, Source, source_stem

REPO = Path(__file__).resolve().parent.parent
DATASET = REPO / "dataset"
LISTED = {
    record.file: record
    for record in (Source.model_validate(item) for item in read_json(DATASET / "sources.json"))
}
SOURCES = sorted(DATASET / "sources" / name for name in LISTED)
CURATED_PREFIX = "curated: "

EXPECTED_CORRECTIONS = {
    "000_12660d4f23740d3d": 0,
    "001_8145726628f308d2": 0,
    "002_e17495d741eb2305": 1,
    "003_6c981e18e2ba38b3": 1,
    "004_24a026e5a6510116": 4,
    "2021-01-24-readout-of-president-joseph-r-biden-jr-call-with-president-emmanuel-macron-of-france": 0,
    "2021-02-15-readout-of-vice-president-kamala-harris-call-with-president-emmanuel-macron-of-france": 0,
    "2021-03-16-statement-by-nsc-spokesperson-emily-horne-on-national-security-advisor-jake-sullivans-call-with-counterparts-from-france-germany-and-the-united-kingdom": 0,
    "2021-06-03-statement-by-nsc-spokesperson-emily-horne-on-national-security-advisor-jake-sullivans-bilateral-meeting-with-french-national-security-advisor-emmanuel-bonne": 0,
    "2021-06-12-readout-of-president-bidens-meeting-with-president-emmanuel-macron-of-france": 0,
    "2021-06-12-remarks-by-president-biden-and-president-macron-of-the-french-republic-before-bilateral-meeting": 0,
    "2021-07-14-statement-by-nsc-spokesperson-emily-horne-on-national-security-advisor-jake-sullivans-meeting-with-foreign-minister-jean-yves-le-drian-of-france": 0,
    "2021-08-19-readout-of-president-joe-biden-call-with-president-emmanuel-macron-of-france": 0,
    "2021-09-15-background-press-call-on-aukus": 0,
    "2021-09-15-joint-leaders-statement-on-aukus": 0,
    "2021-09-15-remarks-by-president-biden-prime-minister-morrison-of-australia-and-prime-minister-johnson-of-the-united-kingdom-announcing-the-creation-of-aukus": 0,
    "2021-09-16-press-briefing-by-press-secretary-jen-psaki-september-16-2021": 0,
    "2021-09-20-press-briefing-by-press-secretary-jen-psaki-september-20-2021": 0,
    "2021-09-21-press-gaggle-by-press-secretary-jen-psaki-en-route-washington-d-c": 0,
    "2021-09-22-joint-statement-on-the-phone-call-between-president-biden-and-president-macron": 0,
    "2021-09-22-press-briefing-by-press-secretary-jen-psaki-september-22-2021": 0,
    "2021-09-30-statement-by-nsc-spokesperson-emily-horne-on-national-security-advisor-jake-sullivans-meeting-with-french-ambassador": 0,
    "2021-10-06-press-briefing-by-press-secretary-jen-psaki-october-6-2021": 0,
    "2021-10-22-readout-of-president-joseph-r-biden-jr-s-call-with-president-emmanuel-macron-of-france": 0,
    "2021-10-22-statement-by-senior-advisor-and-chief-spokesperson-symone-sanders-on-the-vice-presidents-travel-to-paris-france": 0,
    "2021-10-28-press-gaggle-by-principal-deputy-press-secretary-karine-jean-pierre-and-national-security-advisor-jake-sullivan-en-route-rome-italy": 0,
    "2021-10-29-remarks-by-president-biden-and-president-macron-of-the-french-republic-before-bilateral-meeting-2": 0,
    "2021-10-29-united-states-france-joint-statement": 0,
    "2021-10-30-joint-statement-by-the-president-of-france-emmanuel-macron-chancellor-of-germany-angela-merkel-prime-minister-of-the-united-kingdom-and-northern-ireland-boris-johnson-and-president-of-the-united-st": 0,
    "2021-11-08-statement-by-vice-president-kamala-harris-on-her-trip-to-france": 0,
    "2021-11-10-statement-by-senior-advisor-and-chief-spokesperson-symone-sanders-on-vice-president-kamala-harriss-meeting-with-president-emmanuel-macron-of-france": 0,
    "2021-11-11-remarks-by-vice-president-harris-at-the-paris-peace-forum": 0,
    "2021-12-17-readout-of-aukus-joint-steering-group-meetings": 0,
}
"""Segments a curator corrected by hand, per source; a new correction must be noted and counted here."""


def _people() -> list[Person]:
    return [Person.model_validate(item) for item in read_json(DATASET / "people.json")]


def _propose(source: Path) -> list[Segment]:
    """The extractor's proposal for a listed source, given what sources.json says of it."""
    listed = LISTED[source.name]
    text = source.read_bytes().decode("utf-8")
    return propose(
        text,
        source.name,
        _people(),
        listed.kind,
        id_prefix=listed.id_prefix,
        date=listed.date,
        title=listed.title,
        publisher=listed.publisher,
    ).segments


def _curated(stem: str) -> list[Segment]:
    return [Segment.model_validate(item) for item in read_json(DATASET / "segments" / f"{stem}.json")]


def _comparable(segment: Segment) -> dict[str, Any]:
    return segment.model_dump(mode="json", exclude={"id", "note"})


def test_every_source_has_curated_segments() -> None:
    assert sorted(path.name for path in (DATASET / "sources").iterdir()) == sorted(LISTED)
    assert {source_stem(path.name) for path in SOURCES} == set(EXPECTED_CORRECTIONS)
    assert {path.stem for path in (DATASET / "segments").glob("*.json")} == set(EXPECTED_CORRECTIONS)


def _id(source: Path) -> str:
    return LISTED[source.name].record_prefix or source.name


@pytest.mark.parametrize("source", SOURCES, ids=_id)
def test_segments_partition_the_source_exactly(source: Path) -> None:
    text = source.read_bytes().decode("utf-8")
    segments = _curated(source_stem(source.name))
    prefix = LISTED[source.name].record_prefix
    assert [s.id for s in segments] == [f"{prefix}-s{i:04d}" for i in range(1, len(segments) + 1)]
    assert all(s.source_file == source.name for s in segments)
    assert segments[0].span.start == 0
    assert segments[-1].span.end == len(text)
    for before, after in itertools.pairwise(segments):
        assert before.span.end == after.span.start, (before.id, after.id)


@pytest.mark.parametrize("source", SOURCES, ids=_id)
def test_extractor_reproduces_curated_segments_except_noted_corrections(source: Path) -> None:
    curated = _curated(source_stem(source.name))
    proposed = _propose(source)
    by_span = {(s.span.start, s.span.end): s for s in proposed}
    corrected = [s for s in curated if s.note is not None and s.note.startswith(CURATED_PREFIX)]
    assert len(corrected) == EXPECTED_CORRECTIONS[source_stem(source.name)]
    for segment in curated:
        twin = by_span.get((segment.span.start, segment.span.end))
        if segment in corrected:
            assert twin is None or _comparable(twin) != _comparable(segment), segment.id
        else:
            assert segment.note is None, segment.id
            assert twin is not None, segment.id
            assert _comparable(twin) == _comparable(segment), segment.id
    untouched = {(s.span.start, s.span.end) for s in curated if s not in corrected}
    for segment in proposed:
        key = (segment.span.start, segment.span.end)
        if key not in untouched:
            assert any(
                c.span.start < segment.span.end and segment.span.start < c.span.end for c in corrected
            ), segment.id


@pytest.mark.parametrize("source", SOURCES, ids=_id)
def test_segment_speakers_exist_and_anonymous_ones_belong_to_the_source(source: Path) -> None:
    people = {person.id: person for person in _people()}
    for segment in _curated(source_stem(source.name)):
        for person_id in (segment.speaker_id, segment.reported_by):
            if person_id is None:
                continue
            assert person_id in people, (segment.id, person_id)
            person = people[person_id]
            assert not person.anonymous or person.scope == source.name, (segment.id, person_id)


def test_le_drian_speaks_through_an_interpreter_in_every_transcript() -> None:
    for stem in ("000_12660d4f23740d3d", "002_e17495d741eb2305", "003_6c981e18e2ba38b3"):
        his = [s for s in _curated(stem) if s.speaker_id == "jean-yves-le-drian"]
        assert his
        assert all(s.via_interpreter for s in his), stem


def test_blinken_first_turn_alternates_interpreted_and_english_passages() -> None:
    segments = [s for s in _curated("003_6c981e18e2ba38b3") if s.speaker_id == "antony-blinken"]
    first_turn = [s for s in segments if s.turn == segments[0].turn]
    assert [s.via_interpreter for s in first_turn] == [True, False, True, False]
    assert first_turn[0].label_span is not None
    assert all(s.label == "SECRETARY BLINKEN" for s in first_turn)


def test_named_questioners_own_their_questions_in_003() -> None:
    questions = [s for s in _curated("003_6c981e18e2ba38b3") if s.kind == "question"]
    owners = []
    for segment in questions:
        if segment.speaker_id not in owners:
            owners.append(segment.speaker_id)
    assert owners == ["virginie-robert", "shaun-tandon", "alexandra-brangeon", "karen-deyoung"]


def test_unnamed_speakers_in_002_are_source_scoped() -> None:
    segments = _curated("002_e17495d741eb2305")
    askers = [s.speaker_id for s in segments if s.kind == "question"]
    assert askers == [f"reporter-002-{n}" for n in range(1, 6)]
    speakers = {s.speaker_id for s in segments}
    assert {"unidentified-speaker-002-1", "staff-002"} <= speakers
    misspelt = next(s for s in segments if s.label == "LE DRAIN (THROUGH TRANSLATOR)")
    assert misspelt.speaker_id == "jean-yves-le-drian"


def test_news_segments_attribute_quotations_and_reported_speech() -> None:
    segments = _curated("001_8145726628f308d2")
    kinds = {(s.kind, s.speaker_id, s.reported_by) for s in segments}
    assert ("quotation", "peter-cook", "writer-001") in kinds
    assert ("narration", "peter-cook", "writer-001") in kinds
    assert ("narration", "writer-001", None) in kinds
    assert ("caption", "us-department-of-defense", None) in kinds
    afp = {(s.kind, s.speaker_id, s.reported_by) for s in _curated("004_24a026e5a6510116")}
    assert ("caption", "afp", None) in afp
    assert ("narration", "us-officials-004", "writer-004") in afp
    assert ("narration", "ben-rhodes", "writer-004") in afp
    assert ("quotation", "us-department-of-defense", "writer-004") in afp


def test_notes_are_curator_corrections() -> None:
    for source in SOURCES:
        for segment in _curated(source_stem(source.name)):
            assert segment.note is None or segment.note.startswith(CURATED_PREFIX), segment.id


WHITE_HOUSE = [source for source in SOURCES if LISTED[source.name].publisher == "The White House"]


def _by_prefix(prefix: str) -> tuple[str, list[Segment]]:
    source = next(s for s in WHITE_HOUSE if LISTED[s.name].id_prefix == prefix)
    return source.read_bytes().decode("utf-8"), _curated(source_stem(source.name))


def test_the_white_house_documents_are_all_listed_with_their_prefixes() -> None:
    assert len(WHITE_HOUSE) == 28
    assert sorted(LISTED[s.name].id_prefix or "" for s in WHITE_HOUSE) == [f"{n:03d}" for n in range(5, 33)]


@pytest.mark.parametrize("source", WHITE_HOUSE, ids=_id)
def test_every_white_house_question_is_its_own_unnamed_reporter(source: Path) -> None:
    people = {person.id: person for person in _people()}
    prefix = LISTED[source.name].id_prefix
    questions = [s for s in _curated(source_stem(source.name)) if s.kind == "question"]
    assert all(s.label == "Q" and s.label_span is not None for s in questions)
    askers = [s.speaker_id for s in questions]
    assert len(set(askers)) == len(askers)
    for asker in askers:
        assert asker is not None and asker.startswith(f"reporter-{prefix}-")
        assert people[asker].anonymous and people[asker].scope == source.name


def test_macron_is_interpreted_where_the_transcript_says_so_and_biden_says_clumsy() -> None:
    text, segments = _by_prefix("026")
    macron = [s for s in segments if s.speaker_id == "emmanuel-macron"]
    assert [s.via_interpreter for s in macron] == [True, False, False, False]
    assert text[macron[0].label_span.end :].lstrip(" \u00a0").startswith("(As interpreted.)")  # type: ignore[union-attr]
    clumsy = next(s for s in segments if "“clumsy.”" in text[s.span.start : s.span.end])
    assert (clumsy.speaker_id, clumsy.kind, clumsy.via_interpreter) == ("joe-biden", "speech", False)


def test_the_officials_of_the_background_call_are_one_anonymous_label_not_a_named_person() -> None:
    _, segments = _by_prefix("013")
    officials = {s.speaker_id for s in segments if s.label == "SENIOR ADMINISTRATION OFFICIAL"}
    assert officials == {"senior-administration-official-013-1"}
    person = {p.id: p for p in _people()}["senior-administration-official-013-1"]
    assert person.anonymous and person.scope is not None and person.scope.startswith("2021-09-15-background")
    assert person.note is not None and "at least two officials" in person.note


def test_white_house_statements_are_their_named_authors_and_unsigned_ones_the_white_house() -> None:
    for prefix, author in (
        ("007", "emily-horne"),
        ("021", "emily-horne"),
        ("024", "symone-sanders"),
        ("029", "kamala-harris"),
    ):
        _, segments = _by_prefix(prefix)
        assert {s.speaker_id for s in segments if s.kind == "narration"} == {author}, prefix
    for prefix in ("005", "014", "019", "027", "028", "032"):
        _, unsigned = _by_prefix(prefix)
        assert {s.speaker_id for s in unsigned if s.kind == "narration" and s.reported_by is None} == {
            "white-house"
        }, prefix
        assert {s.reported_by for s in unsigned} <= {None, "white-house"}, prefix
