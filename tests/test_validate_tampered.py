"""Each test tampers with a copy of the real dataset and expects the specific code and the ids it names.

Target records are found by content (a claim with a meeting-count assertion, say), so the tests
follow the curation; a test skips, saying why, only while the data it needs is absent.
"""

from __future__ import annotations

import builtins
import io
import os
from pathlib import Path
from typing import Any

import pytest

from claims.validation import validate
from tests.validate_support import (
    assertion_of,
    baseline,
    codes_naming,
    copy_dataset,
    edit_claim,
    edit_file,
    errors_naming,
    find_claim,
    has_assertion,
    load,
    problems,
    save,
)

PARIS_2016 = "counter-isil-defence-ministers-2016-10-25-paris"
LE_DRIAN = "jean-yves-le-drian"


def _multiword(claim: dict[str, Any]) -> bool:
    return len(claim["quote"].split()) >= 4 and claim.get("review") is None


def test_quote_changed_by_one_word(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)

    def change(claim: dict[str, Any]) -> None:
        words = claim["quote"].split(" ")
        words[1] = "zebra"
        claim["quote"] = " ".join(words)

    claim = edit_claim(root, _multiword, "of four words or more", change)
    report = validate(root)
    assert errors_naming(report, "quote-mismatch", claim["id"])
    assert "{+zebra+}" in errors_naming(report, "quote-mismatch", claim["id"])[0].message


def test_span_shifted_by_one_character(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    original: dict[str, Any] = {}

    def change(claim: dict[str, Any]) -> None:
        original.update(claim["span"])
        claim["span"] = {"start": claim["span"]["start"] + 1, "end": claim["span"]["end"] + 1}

    claim = edit_claim(root, _multiword, "of four words or more", change)
    report = validate(root)
    shifted = errors_naming(report, "span-shifted", claim["id"])
    assert shifted, codes_naming(report, claim["id"])
    assert (shifted[0].start, shifted[0].end) == (original["start"], original["end"])


def test_source_file_altered_by_one_byte(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    source = load(root / "sources.json")[0]
    path = root / "sources" / source["file"]
    data = bytearray(path.read_bytes())
    position = data.index(b"e")
    data[position] = ord("E")
    path.write_bytes(bytes(data))
    report = validate(root)
    assert errors_naming(report, "sha256-mismatch", source["id"])
    assert "sha256-mismatch" not in {p.code for p in baseline(copy_dataset(tmp_path / "b")).errors}


def test_claim_moved_to_another_speaker(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    people = {p["id"] for p in load(root / "people.json") if not p.get("anonymous")}

    def change(claim: dict[str, Any]) -> None:
        claim["speaker_id"] = sorted(people - {claim["speaker_id"]})[0]

    claim = edit_claim(
        root, lambda c: c["attribution"] == "direct" and c["speaker_id"] in people, "said directly", change
    )
    report = validate(root)
    assert errors_naming(report, "speaker-mismatch", claim["id"])


def test_duplicate_claim_id(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    path, _, first = find_claim(root, lambda c: True, "at all")
    records = load(path)
    assert len(records) >= 2, "needs two claims in one file"
    records[1]["id"] = first["id"]
    save(path, records)
    report = validate(root)
    assert errors_naming(report, "duplicate-id", first["id"])


def test_duplicate_event_id(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    edit_file(root / "events.json", lambda events: events.append(dict(events[0])))
    first = load(root / "events.json")[0]["id"]
    assert errors_naming(validate(root), "duplicate-id", first)


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("speaker_id", "no-such-person", "unknown-person"),
        ("event_id", "no-such-event", "unknown-event"),
        ("subjects", ["no-such-subject"], "unknown-subject"),
        ("source_file", "999_nosuchsource.txt", "unknown-source"),
    ],
)
def test_dangling_references(tmp_path: Path, field: str, value: Any, code: str) -> None:
    root = copy_dataset(tmp_path)

    def change(claim: dict[str, Any]) -> None:
        claim[field] = value

    claim = edit_claim(root, lambda c: True, "at all", change)
    report = validate(root)
    assert errors_naming(report, code, claim["id"]), codes_naming(report, claim["id"])


def test_dangling_segment_speaker_and_event_participant(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    segment_files = sorted((root / "segments").glob("*.json"))
    if not segment_files:
        pytest.skip("dataset/segments/ holds no segments yet")
    segments = load(segment_files[0])
    index = next(i for i, s in enumerate(segments) if s.get("speaker_id"))
    segments[index]["speaker_id"] = "nobody-at-all"
    save(segment_files[0], segments)
    edit_file(root / "events.json", lambda events: events[0]["participants"].append("ghost-person"))
    report = validate(root)
    assert errors_naming(report, "unknown-person", segments[index]["id"])
    assert errors_naming(report, "unknown-person", load(root / "events.json")[0]["id"])


def test_paris_meeting_moved_to_december(tmp_path: Path) -> None:
    """Count: fewer documented -> a warning with the count; 'in October' misses; 'fifth meeting' misdated."""
    root = copy_dataset(tmp_path)
    _, _, counting = find_claim(root, has_assertion("meeting-count", count=4), "counting four meetings")
    _, _, october = find_claim(
        root,
        has_assertion("date-reference", event_id=PARIS_2016),
        "with a date reference to the Paris meeting",
    )
    _, _, fifth = find_claim(
        root, has_assertion("meeting-ordinal", ordinal=5, event_id=PARIS_2016), "saying 'the fifth meeting'"
    )
    before = validate(root)
    assert not problems(before, "meeting-count-fewer")

    def move(events: list[dict[str, Any]]) -> None:
        event = next(e for e in events if e["id"] == PARIS_2016)
        event["date"] = "2016-12-01"

    edit_file(root / "events.json", move)
    report = validate(root)

    fewer = [p for p in report.warnings if p.code == "meeting-count-fewer" and counting["id"] in p.ids]
    assert fewer, codes_naming(report, counting["id"])
    documented = [i for i in fewer[0].ids if i != counting["id"]]
    assert len(documented) == 3 and PARIS_2016 not in documented
    assert not [p for p in report.errors if p.code.startswith("meeting-count") and counting["id"] in p.ids]

    assert errors_naming(report, "date-reference-event", october["id"])
    assert PARIS_2016 in errors_naming(report, "date-reference-event", october["id"])[0].ids

    assert errors_naming(report, "claim-date-event-mismatch", fifth["id"])
    assert not report.valid


def test_meeting_count_exceeded_when_a_meeting_is_added(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    _, _, counting = find_claim(root, has_assertion("meeting-count", count=4), "counting four meetings")
    window = assertion_of(counting, "meeting-count", count=4)["window"]

    def add(events: list[dict[str, Any]]) -> None:
        extra = dict(next(e for e in events if e["id"] == PARIS_2016))
        extra.update(id="extra-meeting", date=window["start"], series=None, ordinal=None)
        extra = {k: v for k, v in extra.items() if v is not None}
        events.append(extra)

    edit_file(root / "events.json", add)
    assert errors_naming(validate(root), "meeting-count-exceeded", counting["id"])


def test_le_drian_2021_claim_with_his_2016_title(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)

    def is_2021(claim: dict[str, Any]) -> bool:
        return claim["date"].startswith("2021") and claim.get("review") is None

    def change(claim: dict[str, Any]) -> None:
        claim.setdefault("assertions", []).append(
            {
                "kind": "role-reference",
                "expression": "Minister of Defence Jean-Yves Le Drian",
                "person_id": LE_DRIAN,
                "title": "Minister of Defence",
                "date": claim["date"],
            }
        )

    claim = edit_claim(root, is_2021, "dated 2021", change)
    report = validate(root)
    assert errors_naming(report, "role-not-held", claim["id"])


def test_role_reference_title_changed_to_the_2016_office(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)

    def change(claim: dict[str, Any]) -> None:
        for assertion in claim["assertions"]:
            if assertion["kind"] == "role-reference" and assertion["person_id"] == LE_DRIAN:
                assertion["title"] = "Minister of Defence"
                assertion["date"] = "2021-06-25"

    claim = edit_claim(
        root,
        lambda c: c["date"].startswith("2021") and has_assertion("role-reference", person_id=LE_DRIAN)(c),
        "of 2021 naming Le Drian with a title",
        change,
    )
    assert errors_naming(validate(root), "role-not-held", claim["id"])


def test_relative_date_resolved_to_the_wrong_event(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    events = {e["id"]: e for e in load(root / "events.json")}

    def resolvable(claim: dict[str, Any]) -> bool:
        return claim.get("review") is None and any(
            a["kind"] == "date-reference" and a.get("event_id") in events for a in claim.get("assertions", [])
        )

    def change(claim: dict[str, Any]) -> None:
        reference = next(
            a for a in claim["assertions"] if a["kind"] == "date-reference" and a.get("event_id")
        )
        named = events[reference["event_id"]]
        reference["event_id"] = max(
            (e for e in events.values() if e["date"] != named["date"]),
            key=lambda e: abs(int(e["date"][:4]) - int(named["date"][:4])),
        )["id"]

    claim = edit_claim(root, resolvable, "with a date reference to an event", change)
    assert errors_naming(validate(root), "date-reference-event", claim["id"])


def test_relative_date_with_a_wrong_stored_interval(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)

    def change(claim: dict[str, Any]) -> None:
        reference = next(
            a for a in claim["assertions"] if a["kind"] == "date-reference" and a["expression"] == "tomorrow"
        )
        reference["resolves_to"] = {"start": "2016-10-24", "end": "2016-10-24"}

    claim = edit_claim(
        root, has_assertion("date-reference", expression="tomorrow"), "with a 'tomorrow' reference", change
    )
    assert errors_naming(validate(root), "date-reference-resolution", claim["id"])


def test_source_file_escaping_the_dataset_is_an_error_and_never_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_dataset(tmp_path)

    def change(claim: dict[str, Any]) -> None:
        claim["source_file"] = "../../etc/passwd"

    claim = edit_claim(root, lambda c: True, "at all", change)
    edit_file(
        root / "sources.json",
        lambda sources: sources.append({**sources[0], "id": "../../etc/passwd", "file": "../../etc/passwd"}),
    )
    opened: list[str] = []
    real_open, real_io_open, real_os_open = builtins.open, io.open, os.open

    def spy(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(os.fspath(file) if isinstance(file, (str, Path)) else str(file))
        return real_open(file, *args, **kwargs)

    def spy_os(path: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(os.fspath(path))
        return real_os_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    monkeypatch.setattr(io, "open", spy)
    monkeypatch.setattr(os, "open", spy_os)
    report = validate(root)
    monkeypatch.setattr(builtins, "open", real_open)
    monkeypatch.setattr(io, "open", real_io_open)

    assert errors_naming(report, "unsafe-path", claim["id"])
    assert errors_naming(report, "unsafe-path", "../../etc/passwd")
    assert any(name.endswith("people.json") for name in opened), "the spy saw no file opened"
    assert not [name for name in opened if "passwd" in name]
    outside = [name for name in opened if not Path(name).resolve().is_relative_to(root.resolve())]
    assert not [name for name in outside if name.endswith((".txt", ".json"))], outside


def test_reviewed_finding_is_not_an_error_until_the_review_goes(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    report = validate(root)
    found = {f.claim_id for f in report.findings}
    _, _, reviewed = find_claim(
        root,
        lambda c: c.get("review") is not None and c["id"] in found,
        "with a review accounting for a finding",
    )
    findings = [f for f in report.findings if f.claim_id == reviewed["id"]]
    assert findings[0].rating == reviewed["review"]["rating"]
    assert not [p for p in report.errors if reviewed["id"] in p.ids]

    edit_claim(root, lambda c: c["id"] == reviewed["id"], "reviewed", lambda c: c.pop("review"))
    after = validate(root)
    assert errors_naming(after, findings[0].code, reviewed["id"])
    assert not [f for f in after.findings if f.claim_id == reviewed["id"]]


def test_errata_text_must_match(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    sources = load(root / "sources.json")
    index = next((i for i, s in enumerate(sources) if s.get("errata")), None)
    if index is None:
        pytest.skip("no source records errata yet")
    sources[index]["errata"][0]["text"] = "not the text"
    save(root / "sources.json", sources)
    assert errors_naming(validate(root), "erratum-text-mismatch", sources[index]["id"])


def test_segment_gap(tmp_path: Path) -> None:
    root = copy_dataset(tmp_path)
    segment_files = sorted((root / "segments").glob("*.json"))
    if not segment_files:
        pytest.skip("dataset/segments/ holds no segments yet")
    segments = load(segment_files[0])
    segments.pop(len(segments) // 2)
    save(segment_files[0], segments)
    assert problems(validate(root), "segment-gap")


def test_current_dataset_validates_clean() -> None:
    """The repository's dataset has no errors (warnings and reviewed findings allowed)."""
    report = validate(Path(__file__).resolve().parent.parent / "dataset")
    assert [(p.code, p.ids) for p in report.errors] == []
    assert report.valid


def test_the_six_weeks_claim_is_a_reviewed_finding_of_the_current_dataset() -> None:
    root = Path(__file__).resolve().parent.parent / "dataset"
    _, _, claim = find_claim(
        root,
        lambda c: any(
            a["kind"] == "date-reference" and "six weeks" in a["expression"] for a in c.get("assertions", [])
        ),
        "with the 'six weeks' date reference",
    )
    findings = [f for f in validate(root).findings if f.claim_id == claim["id"]]
    assert [f.code for f in findings] == ["date-reference-event"]
    assert findings[0].rating == claim["review"]["rating"]


def test_validate_is_part_of_the_public_api() -> None:
    import claims
    import claims.validation

    assert "validate" in claims.__all__
    assert claims.validate is claims.validation.validate
