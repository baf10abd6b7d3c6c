"""The fast paths of reading and writing a release accept, refuse and produce exactly what the reference paths do."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import orjson
import pytest
from pydantic import BaseModel

import claims.records
from claims.canonical import reference_release_bytes, release_bytes
from claims.errors import InputError
from claims.reading import read_dataset, read_release_file, release_from_json
from claims.records import SCHEMA_VERSION, Claim, Event, Person, Release, Segment, Source, Span
from claims.releasing import build_release
from tests.release_support import synthetic_dataset

DATASET = Path(__file__).resolve().parent.parent / "dataset"


def _record_models() -> list[type[BaseModel]]:
    return [
        value
        for value in vars(claims.records).values()
        if inspect.isclass(value) and issubclass(value, BaseModel)
    ]


def test_release_bytes_equal_pydantic_serializer_bytes_on_the_real_dataset() -> None:
    release = read_dataset(DATASET).release
    assert release.claims
    assert release_bytes(release) == reference_release_bytes(release)


def test_release_bytes_equal_pydantic_serializer_bytes_after_a_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "release.json"
    path.write_bytes(release_bytes(read_dataset(DATASET).release))
    reread = read_release_file(path).release
    assert release_bytes(reread) == reference_release_bytes(reread) == path.read_bytes()


def test_no_record_declares_a_serializer_or_an_alias() -> None:
    """release_bytes writes fields as they are; a serializer or alias would make it diverge."""
    models = _record_models()
    assert Release in models
    for model in models:
        decorators = model.__pydantic_decorators__
        assert not decorators.field_serializers, model.__name__
        assert not decorators.model_serializers, model.__name__
        for name, info in model.model_fields.items():
            assert info.alias in (None, name) and info.serialization_alias in (None, name), (model, name)
        assert not model.model_computed_fields, model.__name__


def _nested_records(value: object) -> list[BaseModel]:
    """``value`` and every record inside it, depth first."""
    if isinstance(value, BaseModel):
        return [value, *(record for field in vars(value).values() for record in _nested_records(field))]
    if isinstance(value, list):
        return [record for item in value for record in _nested_records(item)]
    return []


def test_every_record_declares_its_fields_in_the_order_a_release_writes_them() -> None:
    """A record's ``__dict__`` then already has sorted keys, which orjson's key sort leaves in place."""
    for model in _record_models():
        assert list(model.model_fields) == sorted(model.model_fields), model.__name__
    release = read_dataset(DATASET).release
    records = [
        record
        for name in ("people", "subjects", "sources", "segments", "events", "claims")
        for record in _nested_records(list(getattr(release, name)))
    ]
    assert {type(record) for record in records} >= {Claim, Segment, Span, Source, Person, Event}
    for record in records:
        assert list(vars(record)) == sorted(vars(record)), type(record).__name__


def _release_raw(tmp_path: Path) -> dict[str, Any]:
    raw = orjson.loads(build_release(synthetic_dataset(tmp_path), "1.0.0")[1])
    assert isinstance(raw, dict)
    return raw


def test_a_valid_release_reads_to_the_same_records_as_the_lenient_path(tmp_path: Path) -> None:
    raw = _release_raw(tmp_path)
    path = tmp_path / "release.json"
    path.write_bytes(orjson.dumps(raw))
    fast = read_release_file(path)
    lenient = release_from_json(raw, origin=str(path))
    assert fast.problems == lenient.problems == []
    assert fast.release == lenient.release
    claim = fast.release.claims[0]
    assert fast.origin("claims", claim.id) == lenient.origin("claims", claim.id) == str(path)


@pytest.mark.parametrize("schema_version", [True, 1.0, "1", 0, SCHEMA_VERSION + 1])
def test_an_envelope_the_lenient_path_refuses_is_refused(tmp_path: Path, schema_version: Any) -> None:
    raw = _release_raw(tmp_path)
    raw["schema_version"] = schema_version
    path = tmp_path / "release.json"
    path.write_bytes(orjson.dumps(raw))
    with pytest.raises(InputError, match=r"schema"):
        read_release_file(path)


@pytest.mark.parametrize("number", [b"NaN", b"Infinity", b"-Infinity", b"1e999"])
def test_a_non_finite_number_is_refused_as_the_strict_parser_refuses_it(
    tmp_path: Path, number: bytes
) -> None:
    raw = _release_raw(tmp_path)
    quantity = {"kind": "quantity", "expression": "x", "measure": "deaths", "value": 1.5}
    raw["claims"][0]["assertions"] = [{**quantity, "qualifier": "about", "as_of": "2016-01-01"}]
    path = tmp_path / "release.json"
    path.write_bytes(orjson.dumps(raw))
    assert read_release_file(path).problems == []
    path.write_bytes(path.read_bytes().replace(b'"value":1.5', b'"value":' + number, 1))
    with pytest.raises(InputError, match="not valid JSON"):
        read_release_file(path)


def test_a_bad_record_is_still_reported_with_its_id_and_path(tmp_path: Path) -> None:
    raw = _release_raw(tmp_path)
    raw["claims"][0]["span"]["end"] = "far"
    path = tmp_path / "release.json"
    path.write_bytes(orjson.dumps(raw))
    loaded = read_release_file(path)
    found = [(p.code, p.ids, p.file, p.path) for p in loaded.problems]
    assert found == [("record-invalid", [raw["claims"][0]["id"]], str(path), "$.claims[0].span.end")]
