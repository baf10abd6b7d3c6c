"""Tamper evidence for a claim's prefix and suffix, and ``verify``/``export`` reading data as strictly
as ``claims.load``: an altered or unreadable record refuses the data (exit 2, one message naming it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

import claims
from claims.errors import InputError, IntegrityError
from tests.hostile_support import World, invoke, no_traceback, refused
from tests.release_support import SOURCE_NAME

CLAIMS_FILE = f"claims/{SOURCE_NAME.replace('.txt', '.json')}"

READERS: dict[str, Callable[[Path], list[str]]] = {
    "verify": lambda p: ["verify", "France is a great ally.", "--dataset", str(p)],
    "verify-batch": lambda p: ["verify", "--batch", str(p.parent / "batch.jsonl"), "--dataset", str(p)],
    "export": lambda p: ["export", "--format", "annotation", "--dataset", str(p)],
    "stats": lambda p: ["stats", str(p)],
}


def _tampered(world: World, tmp_path: Path, edit: Callable[[dict[str, Any]], None]) -> Path:
    raw = orjson.loads(world.release.read_bytes())
    edit(raw)
    path = tmp_path / "tampered.json"
    path.write_bytes(orjson.dumps(raw))
    (tmp_path / "batch.jsonl").write_bytes(b'{"quote": "France is a great ally."}\n')
    return path


def _error_ids(path: Path) -> set[tuple[str, str]]:
    result = invoke(["validate", str(path), "--format", "json"])
    no_traceback(result)
    assert result.exit_code == 1
    return {(e["code"], i) for e in orjson.loads(result.stdout)["errors"] for i in e["ids"]}


def _alter_prefix(raw: dict[str, Any]) -> None:
    raw["claims"][1]["prefix"] = raw["claims"][1]["prefix"][:-2] + "X "


def _alter_suffix(raw: dict[str, Any]) -> None:
    raw["claims"][1]["suffix"] = "\nMIN. LE DRIAN (THROUGH INTERPRE"


def _lengthen_prefix(raw: dict[str, Any]) -> None:
    """A prefix reaching before the start of the text cannot be the text before the quote."""
    raw["claims"][0]["prefix"] = "x" * 500 + raw["claims"][0]["prefix"]


TAMPERS: dict[str, tuple[Callable[[dict[str, Any]], None], str, str]] = {
    "prefix": (_alter_prefix, "prefix-mismatch", "001-c0002"),
    "suffix": (_alter_suffix, "suffix-mismatch", "001-c0002"),
    "prefix-too-long": (_lengthen_prefix, "prefix-mismatch", "001-c0001"),
}


@pytest.mark.parametrize("case", sorted(TAMPERS))
def test_an_altered_context_is_reported_by_validate_and_refused_by_load(
    world: World, tmp_path: Path, case: str
) -> None:
    edit, code, claim_id = TAMPERS[case]
    path = _tampered(world, tmp_path, edit)
    assert (code, claim_id) in _error_ids(path)
    field = code.removesuffix("-mismatch")
    with pytest.raises(IntegrityError, match=f"'{claim_id}': {field} expected"):
        claims.load(path)


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("case", sorted(TAMPERS))
def test_an_altered_context_is_refused_by_every_reader(
    world: World, tmp_path: Path, reader: str, case: str
) -> None:
    edit, code, claim_id = TAMPERS[case]
    path = _tampered(world, tmp_path, edit)
    refused(invoke(READERS[reader](path)), claim_id, code.removesuffix("-mismatch"))


def test_the_untouched_release_loads_and_is_verified(world: World, tmp_path: Path) -> None:
    path = _tampered(world, tmp_path, lambda raw: None)
    assert [c.id for c in claims.load(path).claims] == ["001-c0001", "001-c0002"]
    for reader in sorted(READERS):
        result = invoke(READERS[reader](path))
        no_traceback(result)
        assert result.exit_code == 0, (reader, result.stderr)


def _two_unreadable_records(raw: dict[str, Any]) -> None:
    raw["claims"][0]["quote"] = 4
    raw["claims"][1]["span"] = "nowhere"


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_release_with_unreadable_records_is_refused_naming_the_first(
    world: World, tmp_path: Path, reader: str
) -> None:
    path = _tampered(world, tmp_path, _two_unreadable_records)
    with pytest.raises(InputError, match="001-c0001"):
        claims.load(path)
    result = invoke(READERS[reader](path))
    refused(result, str(path), "$.claims[0].quote", "001-c0001", "1 more")
    assert result.stdout == ""


@pytest.mark.parametrize("reader", ["verify", "export"])
def test_a_dataset_with_an_unreadable_record_is_refused_naming_file_and_path(
    world: World, tmp_path: Path, reader: str
) -> None:
    from tests.release_support import synthetic_dataset

    dataset = synthetic_dataset(tmp_path)
    path = dataset / CLAIMS_FILE
    path.write_bytes(path.read_bytes().replace(b'"speaker_id": "ashton-carter"', b'"speaker_id": 7', 1))
    result = invoke(READERS[reader](dataset))
    refused(result, CLAIMS_FILE, "$[0].speaker_id", "001-c0001")
    assert result.stdout == ""
