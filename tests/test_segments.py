"""The curated segments: they partition every source, and differ from the extractor only where noted."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from claims.extract import propose
from claims.jsonio import read_json
from claims.records import Person, Segment

REPO = Path(__file__).resolve().parent.parent
DATASET = REPO / "dataset"
SOURCES = sorted((DATASET / "sources").glob("*.txt"))
CURATED_PREFIX = "curated: "

EXPECTED_CORRECTIONS = {
    "000_12660d4f23740d3d": 0,
    "001_8145726628f308d2": 0,
    "002_e17495d741eb2305": 1,
    "003_6c981e18e2ba38b3": 1,
    "004_24a026e5a6510116": 4,
}
"""Segments a curator corrected by hand, per source; a new correction must be noted and counted here."""


def _people() -> list[Person]:
    return [Person.model_validate(item) for item in read_json(DATASET / "people.json")]


def _curated(stem: str) -> list[Segment]:
    return [Segment.model_validate(item) for item in read_json(DATASET / "segments" / f"{stem}.json")]


def _comparable(segment: Segment) -> dict[str, Any]:
    return segment.model_dump(mode="json", exclude={"id", "note"})


def test_every_source_has_curated_segments() -> None:
    assert {path.stem for path in SOURCES} == set(EXPECTED_CORRECTIONS)
    assert {path.stem for path in (DATASET / "segments").glob("*.json")} == set(EXPECTED_CORRECTIONS)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_segments_partition_the_source_exactly(source: Path) -> None:
    text = source.read_bytes().decode("utf-8")
    segments = _curated(source.stem)
    prefix = source.name[:3]
    assert [s.id for s in segments] == [f"{prefix}-s{i:04d}" for i in range(1, len(segments) + 1)]
    assert all(s.source_file == source.name for s in segments)
    assert segments[0].span.start == 0
    assert segments[-1].span.end == len(text)
    for before, after in itertools.pairwise(segments):
        assert before.span.end == after.span.start, (before.id, after.id)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_extractor_reproduces_curated_segments_except_noted_corrections(source: Path) -> None:
    text = source.read_bytes().decode("utf-8")
    curated = _curated(source.stem)
    proposed = propose(text, source.name, _people()).segments
    by_span = {(s.span.start, s.span.end): s for s in proposed}
    corrected = [s for s in curated if s.note is not None and s.note.startswith(CURATED_PREFIX)]
    assert len(corrected) == EXPECTED_CORRECTIONS[source.stem]
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


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_segment_speakers_exist_and_anonymous_ones_belong_to_the_source(source: Path) -> None:
    people = {person.id: person for person in _people()}
    for segment in _curated(source.stem):
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
        for segment in _curated(source.stem):
            assert segment.note is None or segment.note.startswith(CURATED_PREFIX), segment.id
