"""One rule per test, each on a tampered copy of the real dataset: the code expected and the ids it names."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from claims.canonical import release_bytes
from claims.reading import read_dataset
from claims.validation import validate, validate_loaded
from tests.validate_support import (
    codes_naming,
    copy_dataset,
    edit_claim,
    edit_file,
    errors_naming,
    find_claim,
    has_assertion,
    load,
    save,
)

PARIS_2016 = "counter-isil-defence-ministers-2016-10-25-paris"
SERIES = "counter-isil-coalition-defence-ministers"


def test_prefix_and_suffix_must_be_the_text_around_the_quote(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)

    def change(claim: dict[str, Any]) -> None:
        claim["prefix"] = "§" + claim["prefix"]
        claim["suffix"] = claim["suffix"] + "§"

    claim = edit_claim(root, lambda c: True, "at all", change)
    report = validate(root)
    assert errors_naming(report, "prefix-mismatch", claim["id"])
    assert errors_naming(report, "suffix-mismatch", claim["id"])


def test_via_interpreter_must_agree_with_the_segments(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)

    def change(claim: dict[str, Any]) -> None:
        claim["via_interpreter"] = not claim["via_interpreter"]

    claim = edit_claim(root, lambda c: c.get("review") is None, "without review", change)
    assert errors_naming(validate(root), "interpreter-mismatch", claim["id"])


def test_attribution_kind_must_fit_the_segment(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    people = [p["id"] for p in load(root / "people.json")]

    def change(claim: dict[str, Any]) -> None:
        claim["attribution"] = "quoted"
        claim["reported_by"] = next(p for p in people if p != claim["speaker_id"])

    claim = edit_claim(
        root,
        lambda c: c["attribution"] == "direct" and c["source_file"].startswith("00"),
        "said directly",
        change,
    )
    assert errors_naming(validate(root), "attribution-kind-mismatch", claim["id"])


def test_reported_by_must_agree_with_the_segment(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    people = [p["id"] for p in load(root / "people.json") if not p.get("anonymous")]

    def change(claim: dict[str, Any]) -> None:
        claim["reported_by"] = next(p for p in people if p not in {claim["reported_by"], claim["speaker_id"]})

    claim = edit_claim(root, lambda c: c["attribution"] == "quoted", "quoted by a writer", change)
    assert errors_naming(validate(root), "reported-by-mismatch", claim["id"])


def test_an_anonymous_speaker_stays_in_their_source(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    anonymous = next((p for p in load(root / "people.json") if p.get("anonymous")), None)
    if anonymous is None:
        pytest.skip("no anonymous person in people.json")

    def change(claim: dict[str, Any]) -> None:
        claim["speaker_id"] = anonymous["id"]

    claim = edit_claim(root, lambda c: c["source_file"] != anonymous["scope"], "outside the scope", change)
    report = validate(root)
    assert errors_naming(report, "anonymous-out-of-scope", claim["id"])
    assert anonymous["id"] in errors_naming(report, "anonymous-out-of-scope", claim["id"])[0].ids


def test_a_transcript_claim_is_dated_on_its_transcript_day(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    transcripts = {s["file"] for s in load(root / "sources.json") if s["kind"] == "transcript"}

    def change(claim: dict[str, Any]) -> None:
        claim["date"] = "2001-01-01"

    claim = edit_claim(root, lambda c: c["source_file"] in transcripts, "in a transcript", change)
    report = validate(root)
    assert errors_naming(report, "claim-date-source-mismatch", claim["id"])


def test_a_source_and_its_event_agree_on_date_and_place(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    sources = load(root / "sources.json")
    index = next(i for i, s in enumerate(sources) if s.get("event_id") and s["kind"] == "transcript")
    sources[index]["date"] = "2001-01-01"
    sources[index]["place"] = "Ouagadougou, Burkina Faso"
    save(root / "sources.json", sources)
    report = validate(root)
    assert errors_naming(report, "source-date-event-mismatch", sources[index]["id"])
    assert errors_naming(report, "source-place-event-mismatch", sources[index]["id"])


def test_a_title_matching_no_office_is_caught(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)

    def change(claim: dict[str, Any]) -> None:
        for assertion in claim["assertions"]:
            if assertion["kind"] == "role-reference":
                assertion["title"] = "Grand Vizier"

    claim = edit_claim(
        root,
        lambda c: has_assertion("role-reference")(c) and c.get("review") is None,
        "naming a title",
        change,
    )
    assert errors_naming(validate(root), "role-title-unknown", claim["id"])


def test_the_fifth_meeting_must_be_fifth(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)

    def change(claim: dict[str, Any]) -> None:
        for assertion in claim["assertions"]:
            if assertion["kind"] == "meeting-ordinal" and assertion["ordinal"] == 5:
                assertion["ordinal"] = 4

    claim = edit_claim(
        root, has_assertion("meeting-ordinal", ordinal=5), "saying 'the fifth meeting'", change
    )
    report = validate(root)
    assert errors_naming(report, "meeting-ordinal-mismatch", claim["id"])


def test_a_series_whose_ordinals_disagree_with_dates_is_a_data_error(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)

    def swap(events: list[dict[str, Any]]) -> None:
        numbered = sorted((e for e in events if e.get("series") == SERIES), key=lambda e: e["date"])
        if len(numbered) < 2:
            pytest.skip(f"series {SERIES} has fewer than two events")
        numbered[0]["ordinal"], numbered[1]["ordinal"] = numbered[1]["ordinal"], numbered[0]["ordinal"]

    edit_file(root / "events.json", swap)
    report = validate(root)
    assert [p for p in report.errors if p.code == "series-order"]


def test_a_meeting_ordinal_naming_an_event_of_another_series(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)

    def change(claim: dict[str, Any]) -> None:
        for assertion in claim["assertions"]:
            if assertion["kind"] == "meeting-ordinal" and assertion["ordinal"] == 5:
                assertion["event_id"] = "carter-le-drian-bilateral-2016-11-28"

    claim = edit_claim(
        root, has_assertion("meeting-ordinal", ordinal=5), "saying 'the fifth meeting'", change
    )
    assert errors_naming(validate(root), "meeting-ordinal-series-mismatch", claim["id"])


def test_a_count_that_shrinks_later_is_a_finding(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)

    def change(claim: dict[str, Any]) -> None:
        for assertion in claim["assertions"]:
            if assertion["kind"] == "quantity" and assertion["measure"] == "paris-attacks-2015-deaths":
                assertion["value"] = 500
                assertion["qualifier"] = "at-least"

    claim = edit_claim(
        root,
        lambda c: (
            has_assertion("quantity", measure="paris-attacks-2015-deaths")(c) and c.get("review") is None
        ),
        "giving the Paris attacks' toll",
        change,
    )
    report = validate(root)
    conflicts = errors_naming(report, "quantity-conflict", claim["id"])
    assert conflicts and "paris-attacks-2015-11-13" in conflicts[0].ids


def test_conflicting_quantities_on_one_day(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    path, index, claim = find_claim(
        root, has_assertion("quantity", measure="paris-attacks-2015-deaths"), "giving the Paris attacks' toll"
    )
    records = load(path)
    toll = next(a for a in records[index]["assertions"] if a["kind"] == "quantity")
    toll.update(value=12, qualifier="exactly", as_of="2015-11-14")
    save(path, records)
    report = validate(root)
    as_errors = errors_naming(report, "quantity-conflict", claim["id"])
    as_findings = [f for f in report.findings if f.claim_id == claim["id"] and f.code == "quantity-conflict"]
    assert as_errors or as_findings


def test_timeline_facts_that_conflict_are_a_data_error(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)

    def change(events: list[dict[str, Any]]) -> None:
        event = next((e for e in events if e.get("quantities")), None)
        if event is None:
            pytest.skip("no event holds quantities")
        fact = dict(event["quantities"][0])
        fact.update(value=1, qualifier="exactly")
        event["quantities"].append(fact)

    edit_file(root / "events.json", change)
    assert [p for p in validate(root).errors if p.code == "quantity-facts-conflict"]


def test_segment_label_must_be_printed_at_its_label_span(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    for path in sorted((root / "segments").glob("*.json")):
        segments = load(path)
        index = next((i for i, s in enumerate(segments) if s.get("label")), None)
        if index is not None:
            segments[index]["label"] = "SOMEONE ELSE"
            save(path, segments)
            assert errors_naming(validate(root), "label-mismatch", segments[index]["id"])
            return
    pytest.skip("no labelled segment yet")


def test_overlapping_segments(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    path = sorted((root / "segments").glob("*.json"))[0]
    segments = sorted(load(path), key=lambda s: s["span"]["start"])
    if len(segments) < 2:
        pytest.skip("too few segments")
    segments[0]["span"]["end"] += 1
    save(path, segments)
    report = validate(root)
    assert [p for p in report.errors if p.code == "segment-overlap" and segments[0]["id"] in p.ids]


def test_a_subject_cycle(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)

    def change(subjects: list[dict[str, Any]]) -> None:
        subjects[0]["broader"] = subjects[1]["id"]
        subjects[1]["broader"] = subjects[0]["id"]

    edit_file(root / "subjects.json", change)
    first = load(root / "subjects.json")[0]["id"]
    assert errors_naming(validate(root), "subject-cycle", first)


def test_dangling_review_evidence(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)

    def change(claim: dict[str, Any]) -> None:
        claim["review"]["evidence"]["claim_ids"] = ["999-c9999"]
        claim["review"]["evidence"]["event_ids"] = ["no-such-event"]

    claim = edit_claim(root, lambda c: c.get("review") is not None, "with a review", change)
    report = validate(root)
    assert errors_naming(report, "unknown-claim", claim["id"])
    assert errors_naming(report, "unknown-event", claim["id"])


def test_an_invalid_record_is_reported_not_raised(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)

    def change(claim: dict[str, Any]) -> None:
        claim["span"] = {"start": 10, "end": 5}

    claim = edit_claim(root, lambda c: True, "at all", change)
    report = validate(root)
    assert errors_naming(report, "record-invalid", claim["id"])


def test_a_missing_source_file(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    source = load(root / "sources.json")[0]
    (root / "sources" / source["file"]).unlink()
    report = validate(root)
    assert errors_naming(report, "source-file-missing", source["id"])
    assert not errors_naming(report, "source-text-missing", source["id"])


def test_a_release_source_without_text(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    release = read_dataset(root).release
    first = release.sources[0]
    stripped = release.model_copy(
        update={"sources": [first.model_copy(update={"text": None}), *release.sources[1:]]}
    )
    path = tmp_path / "release.json"
    path.write_bytes(release_bytes(stripped))
    assert errors_naming(validate(path), "source-text-missing", first.id)


def test_select_and_ignore_through_the_api(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)

    def change(claim: dict[str, Any]) -> None:
        claim["speaker_id"] = "no-such-person"

    claim = edit_claim(root, lambda c: True, "at all", change)
    assert codes_naming(validate(root, select=["unknown-person"]), claim["id"]) == {"unknown-person"}
    assert "unknown-person" not in codes_naming(validate(root, ignore=["integrity"]), claim["id"])


def test_validate_loaded_takes_records_already_read(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    assert validate_loaded(read_dataset(root)) == validate(root)


def test_validation_is_deterministic(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    assert validate(root).model_dump() == validate(root).model_dump()
    assert "claims.validation" in sys.modules
