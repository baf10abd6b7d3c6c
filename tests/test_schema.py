"""The committed JSON Schema is current, and external validators accept a release against it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from jsonschema import Draft202012Validator  # type: ignore[import-untyped,unused-ignore]

from claims.records import Release
from claims.releasing import build_release
from claims.schema import schema_files
from tests.strategies import examples, releases

REPO = Path(__file__).resolve().parent.parent
SCHEMA_DIR = REPO / "schema"
RELEASE_SCHEMA = SCHEMA_DIR / "release.schema.json"


def test_committed_schema_files_are_current() -> None:
    generated = schema_files()
    committed = {path.name: path.read_bytes() for path in SCHEMA_DIR.glob("*.schema.json")}
    stale = sorted(name for name in generated if committed.get(name) != generated[name])
    unknown = sorted(committed.keys() - generated.keys())
    assert not stale, f"stale schema files {stale}: run `claims schema`"
    assert not unknown, f"schema files no model generates {unknown}: remove them, then run `claims schema`"


@pytest.mark.parametrize("name", sorted(schema_files()))
def test_each_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    Draft202012Validator.check_schema(orjson.loads(schema_files()[name]))


@pytest.fixture(scope="module")
def release_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's dataset built into a release file (in a temporary folder)."""
    _, data = build_release(REPO / "dataset", "1.0.0")
    path = tmp_path_factory.mktemp("release") / "claimtrack-1.0.0.json"
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(orjson.loads(RELEASE_SCHEMA.read_bytes()))


def test_jsonschema_accepts_the_release(release_json: Path, validator: Draft202012Validator) -> None:
    errors = [
        (list(e.absolute_path), e.validator)
        for e in validator.iter_errors(orjson.loads(release_json.read_bytes()))
    ]
    assert errors == []


def _first_claim_or_event(raw: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    for collection in ("claims", "events", "people"):
        if raw[collection]:
            return collection, raw[collection][0]
    raise AssertionError("the release holds no claims, events or people to break")


def test_jsonschema_rejects_a_broken_release(release_json: Path, validator: Draft202012Validator) -> None:
    """The schema has teeth: an extra field and a missing one are caught where they are."""
    raw = orjson.loads(release_json.read_bytes())
    collection, record = _first_claim_or_event(raw)
    record["unexpected"] = True
    del record["id"]
    raw["schema_version"] = 0
    found = {(tuple(e.absolute_path), e.validator) for e in validator.iter_errors(raw)}
    assert ((collection, 0), "additionalProperties") in found
    assert ((collection, 0), "required") in found
    assert (("schema_version",), "minimum") in found


def test_check_jsonschema_cli_accepts_the_release(release_json: Path) -> None:
    tool = Path(sys.executable).parent / "check-jsonschema"
    if not tool.exists():
        pytest.skip("check-jsonschema is not installed (pip install -e '.[test]')")
    result = subprocess.run(
        [str(tool), "--schemafile", str(RELEASE_SCHEMA), str(release_json)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    broken = release_json.with_name("broken.json")
    raw = orjson.loads(release_json.read_bytes())
    raw["claims"] = [{"id": "not a slug"}]
    broken.write_bytes(orjson.dumps(raw))
    rejected = subprocess.run(
        [str(tool), "--schemafile", str(RELEASE_SCHEMA), str(broken)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert rejected.returncode == 1, rejected.stdout + rejected.stderr


@examples(25)
@given(release=releases())
def test_every_valid_release_satisfies_the_schema(release: Release) -> None:
    """Anything the models accept, the published schema accepts too (it is never stricter)."""
    schema = Draft202012Validator(orjson.loads(schema_files()["release.schema.json"]))
    data = orjson.loads(orjson.dumps(release.model_dump(mode="json", exclude_none=True)))
    assert [(list(e.absolute_path), e.validator) for e in schema.iter_errors(data)] == []


def test_duckdb_reads_the_claims_of_the_release(release_json: Path) -> None:
    """A tool of the data ecosystem reads the release as it is, with no claimtrack code involved."""
    duckdb = pytest.importorskip("duckdb")
    raw = orjson.loads(release_json.read_bytes())
    query = (
        "select c.id, c.speaker_id, c.quote, c.span.start from "
        "(select unnest(claims) as c from read_json(?, maximum_object_size = 1073741824, format = 'auto'))"
    )
    rows = duckdb.execute(query, [str(release_json)]).fetchall()
    expected = [(c["id"], c["speaker_id"], c["quote"], c["span"]["start"]) for c in raw["claims"]]
    assert rows == expected
