"""The dataset's files hold together: checksums, references to people, the seeds, and the loader's refusals."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

import claims
from claims.errors import InputError, IntegrityError
from claims.reading import read_dataset
from claims.records import SCHEMA_VERSION, Release
from claims.releasing import build_release
from tests.release_support import SOURCE_NAME, copy_real_dataset, synthetic_dataset

REPO = Path(__file__).resolve().parent.parent
DATASET = REPO / "dataset"
SEEDS = REPO.parent / "shared" / "seeds"
WHITEHOUSE_2021 = REPO.parent / "shared" / "sources" / "whitehouse-2021"
RECEIPT_NOTES = {"README.md", "PROVENANCE.tsv"}
"""Files that came beside the 2021 documents to describe them; not sources."""


def _sources() -> list[dict[str, Any]]:
    records = orjson.loads((DATASET / "sources.json").read_bytes())
    assert isinstance(records, list)
    return records


@pytest.mark.parametrize("source", _sources(), ids=lambda s: str(s.get("file")))
def test_source_sha256_matches_its_file(source: dict[str, Any]) -> None:
    data = (DATASET / "sources" / source["file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == source["sha256"]
    assert source["id"] == source["file"]


def test_every_source_file_has_one_record() -> None:
    listed = [source["file"] for source in _sources()]
    assert len(listed) == len(set(listed))
    assert sorted(listed) == sorted(p.name for p in (DATASET / "sources").iterdir() if p.is_file())


def test_sources_are_byte_identical_to_the_seeds_and_the_2021_documents() -> None:
    received = [SEEDS, WHITEHOUSE_2021]
    if not all(folder.is_dir() for folder in received):
        pytest.skip(f"{' or '.join(str(f) for f in received)} is not here")
    originals = {
        p.name: p
        for folder in received
        for p in folder.iterdir()
        if p.is_file() and p.name not in RECEIPT_NOTES
    }
    assert sorted(originals) == sorted(p.name for p in (DATASET / "sources").iterdir() if p.is_file())
    for name, original in originals.items():
        assert (DATASET / "sources" / name).read_bytes() == original.read_bytes(), name


def test_the_dataset_reads_without_record_problems() -> None:
    loaded = read_dataset(DATASET)
    assert [(p.code, p.file, p.path) for p in loaded.problems] == []


def person_references(release: Release) -> Iterator[tuple[str, str]]:
    """(where, person id) for every person id any record refers to."""
    for claim in release.claims:
        yield f"claim {claim.id} speaker_id", claim.speaker_id
        if claim.reported_by is not None:
            yield f"claim {claim.id} reported_by", claim.reported_by
        for index, assertion in enumerate(claim.assertions):
            if assertion.kind == "meeting-count":
                for person in assertion.participants:
                    yield f"claim {claim.id} assertions[{index}].participants", person
            elif assertion.kind == "role-reference":
                yield f"claim {claim.id} assertions[{index}].person_id", assertion.person_id
    for segment in release.segments:
        if segment.speaker_id is not None:
            yield f"segment {segment.id} speaker_id", segment.speaker_id
        if segment.reported_by is not None:
            yield f"segment {segment.id} reported_by", segment.reported_by
    for event in release.events:
        for person in event.participants:
            yield f"event {event.id} participants", person


def test_every_person_reference_resolves() -> None:
    release = read_dataset(DATASET).release
    people = {person.id for person in release.people}
    dangling = [(where, person) for where, person in person_references(release) if person not in people]
    assert dangling == []


def test_person_references_are_all_collected() -> None:
    """The reference walk itself must see every kind of reference (so the test above can fail)."""
    release = Release.model_validate(
        {
            "name": "claimtrack",
            "version": "1.0.0",
            "schema_version": 1,
            "people": [],
            "subjects": [],
            "sources": [],
            "segments": [
                {
                    "id": "s",
                    "source_file": "a.txt",
                    "span": {"start": 0, "end": 1},
                    "kind": "quotation",
                    "speaker_id": "p1",
                    "reported_by": "p2",
                    "turn": 0,
                }
            ],
            "events": [
                {
                    "id": "e",
                    "kind": "attack",
                    "name": "n",
                    "date": "2015-11-13",
                    "participants": ["p3"],
                    "evidence": [{"url": "https://example.org"}],
                }
            ],
            "claims": [
                {
                    "id": "c",
                    "speaker_id": "p4",
                    "date": "2016-01-01",
                    "subjects": ["s"],
                    "quote": "q",
                    "source_file": "a.txt",
                    "span": {"start": 0, "end": 1},
                    "prefix": "",
                    "suffix": "",
                    "attribution": "quoted",
                    "reported_by": "p5",
                    "assertions": [
                        {
                            "kind": "meeting-count",
                            "expression": "x",
                            "participants": ["p6", "p7"],
                            "count": 2,
                            "window": {"start": "2016-01-01", "end": "2016-02-01"},
                        },
                        {
                            "kind": "role-reference",
                            "expression": "x",
                            "person_id": "p8",
                            "title": "t",
                            "date": "2016-01-01",
                        },
                    ],
                }
            ],
        }
    )
    assert {person for _, person in person_references(release)} == {f"p{n}" for n in range(1, 9)}


def test_anonymous_people_are_scoped_to_an_existing_source() -> None:
    release = read_dataset(DATASET).release
    files = {source.file for source in release.sources}
    assert [p.id for p in release.people if p.scope is not None and p.scope not in files] == []


# --- the loader refuses what it cannot vouch for -----------------------------------------------------


def _tamper(path: Path) -> None:
    """Change one ASCII letter of a file (the result is still valid UTF-8)."""
    data = bytearray(path.read_bytes())
    index = next(i for i, byte in enumerate(data) if chr(byte).isalpha() and byte < 128)
    data[index] = ord("x") if data[index] != ord("x") else ord("y")
    path.write_bytes(bytes(data))


def test_a_tampered_source_in_a_dataset_copy_is_an_integrity_error(tmp_path: Path) -> None:
    dataset = copy_real_dataset(tmp_path)
    name = _sources()[0]["file"]
    claims.load(dataset)
    _tamper(dataset / "sources" / name)
    with pytest.raises(IntegrityError, match=name):
        claims.load(dataset)


def test_a_tampered_source_text_in_a_release_is_an_integrity_error(tmp_path: Path) -> None:
    dataset = synthetic_dataset(tmp_path)
    raw = orjson.loads(build_release(dataset, "1.0.0")[1])
    raw["sources"][0]["text"] = raw["sources"][0]["text"].replace("great", "grand")
    path = tmp_path / "tampered.json"
    path.write_bytes(orjson.dumps(raw))
    with pytest.raises(IntegrityError, match=SOURCE_NAME):
        claims.load(path)


def test_a_release_with_a_newer_schema_version_is_refused(tmp_path: Path) -> None:
    dataset = synthetic_dataset(tmp_path)
    raw = orjson.loads(build_release(dataset, "1.0.0")[1])
    path = tmp_path / "future.json"
    path.write_bytes(orjson.dumps(raw))
    assert claims.load(path).schema_version == SCHEMA_VERSION
    raw["schema_version"] = SCHEMA_VERSION + 1
    path.write_bytes(orjson.dumps(raw))
    with pytest.raises(InputError, match=r"future\.json") as info:
        claims.load(path)
    assert not isinstance(info.value, IntegrityError)
    assert str(SCHEMA_VERSION + 1) in str(info.value)


def test_asking_for_another_version_explains_only_the_bundled_one_is_inside(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        claims.load(version="9.9.9")
    assert "9.9.9" in str(info.value) and claims.__version__ in str(info.value)
    dataset = synthetic_dataset(tmp_path)
    assert claims.load(dataset, version=claims.__version__).version == claims.__version__


def test_a_missing_source_file_is_an_input_error_naming_it(tmp_path: Path) -> None:
    dataset = synthetic_dataset(tmp_path)
    (dataset / "sources" / SOURCE_NAME).unlink()
    assert [p.code for p in read_dataset(dataset).problems] == ["source-file-missing"]
    with pytest.raises(InputError, match=SOURCE_NAME):
        claims.load(dataset)


def test_a_source_copy_outside_the_dataset_is_not_read(tmp_path: Path) -> None:
    dataset = synthetic_dataset(tmp_path / "inner")
    shutil.copy(dataset / "sources" / SOURCE_NAME, tmp_path / "outside.txt")
    sources = orjson.loads((dataset / "sources.json").read_bytes())
    sources[0]["file"] = sources[0]["id"] = "../../outside.txt"
    (dataset / "sources.json").write_bytes(orjson.dumps(sources))
    assert "unsafe-path" in {p.code for p in read_dataset(dataset).problems}
