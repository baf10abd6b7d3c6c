"""Fuzzing in the CI budget: valid releases and batch files mutated at random (bytes and structure)
must give a documented exit code, a message, no traceback and no written file; past crashes replay.

``CLAIMS_FUZZ_EXAMPLES`` raises the number of examples for a longer run (see docs/fuzzing.md).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile_support import World, invoke, no_traceback, refused

pytestmark = pytest.mark.timeout(300)  # a hang fails the test instead of stalling CI

EXAMPLES = int(os.environ.get("CLAIMS_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
REGRESSIONS = Path(__file__).parent / "regressions"

JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.text(max_size=20),
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder mutated inputs are written to; nothing else may appear in it."""
    return tmp_path_factory.mktemp("fuzz-inbox")


# --- mutations -------------------------------------------------------------------------------------


@st.composite
def byte_mutations(draw: st.DrawFn, data: bytes) -> bytes:
    """Flip, truncate, insert or delete bytes of ``data``, one to three times."""
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        at = draw(st.integers(min_value=0, max_value=max(0, len(data) - 1)))
        how = draw(st.sampled_from(["flip", "truncate", "insert", "delete"]))
        if how == "flip" and data:
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
        elif how == "truncate":
            data = data[:at]
        elif how == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
        else:
            data = data[:at] + data[at + draw(st.integers(1, 64)) :]
    return data


def _containers(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of every list and object inside ``value`` (the root included)."""
    found: list[tuple[Any, ...]] = []
    if isinstance(value, dict):
        found.append(path)
        for key, item in value.items():
            found.extend(_containers(item, (*path, key)))
    elif isinstance(value, list):
        found.append(path)
        for index, item in enumerate(value):
            found.extend(_containers(item, (*path, index)))
    return found


@st.composite
def structural_mutations(draw: st.DrawFn, raw: Any) -> bytes:
    """Replace, delete or add one member somewhere in the parsed JSON, then serialize it again."""
    value = orjson.loads(orjson.dumps(raw))
    path = draw(st.sampled_from(_containers(value)))
    node = value
    for part in path:
        node = node[part]
    keys = list(node.keys()) if isinstance(node, dict) else list(range(len(node)))
    how = draw(st.sampled_from(["replace", "delete", "add"] if keys else ["add"]))
    if how == "add":
        if isinstance(node, dict):
            node[draw(st.text(max_size=8))] = draw(JSON_VALUES)
        else:
            node.append(draw(JSON_VALUES))
    else:
        key = draw(st.sampled_from(keys))
        if how == "delete":
            del node[key]
        else:
            node[key] = draw(JSON_VALUES)
    return json.dumps(value).encode("utf-8")


# --- checks ----------------------------------------------------------------------------------------


def answered(result: Result) -> None:
    """A documented exit, no traceback, and something said: one error line on 2, output otherwise."""
    no_traceback(result)
    if result.exit_code == 2:
        refused(result)
    else:
        assert result.stdout.strip() or result.stderr.strip()


def running(prefix: list[str]) -> Callable[[Path], Result]:
    """A runner of ``claims PREFIX PATH``."""
    return lambda path: invoke([*prefix, str(path)])


def without_writes(inbox: Path, name: str, data: bytes, run: Callable[[Path], Result]) -> Result:
    """Write ``data`` as ``inbox/name``, run, and check the folder holds exactly that file afterwards."""
    for stale in inbox.iterdir():
        stale.unlink()
    path = inbox / name
    path.write_bytes(data)
    result = run(path)
    assert sorted(p.name for p in inbox.iterdir()) == [name]
    assert path.read_bytes() == data
    return result


# --- releases --------------------------------------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_mutated_release_bytes_are_answered(world: World, inbox: Path, data: st.DataObject) -> None:
    mutated = data.draw(byte_mutations(world.release.read_bytes()))
    for command in ("validate", "stats"):
        answered(without_writes(inbox, "release.json", mutated, running([command])))


@FUZZ
@given(data=st.data())
def test_structurally_mutated_releases_are_answered(world: World, inbox: Path, data: st.DataObject) -> None:
    mutated = data.draw(structural_mutations(orjson.loads(world.release.read_bytes())))
    for args in (["validate"], ["stats"], ["export", "--format", "annotation", "--dataset"]):
        answered(without_writes(inbox, "release.json", mutated, running(args)))


# --- batch files -----------------------------------------------------------------------------------

VALID_JSONL = (
    b'{"quote": "France is a great ally.", "speaker": "Carter", "date": "2016-11-28"}\n'
    b'{"quote": "We will meet again in December.", "source": "001"}\n'
)
VALID_CSV = b'quote,speaker,date,source\n"France is a great ally.",Carter,2016-11-28,001\nWe will meet,,,\n'


@FUZZ
@given(data=st.data(), kind=st.sampled_from(["jsonl", "csv"]))
def test_mutated_batches_are_answered(world: World, inbox: Path, data: st.DataObject, kind: str) -> None:
    mutated = data.draw(byte_mutations(VALID_JSONL if kind == "jsonl" else VALID_CSV))
    answered(
        without_writes(
            inbox,
            f"batch.{kind}",
            mutated,
            lambda p: invoke(
                ["verify", "--batch", str(p), "--dataset", str(world.release), "--format", "json"]
            ),
        )
    )


@FUZZ
@given(line=JSON_VALUES)
def test_any_json_line_in_a_batch_is_answered(world: World, inbox: Path, line: Any) -> None:
    answered(
        without_writes(
            inbox,
            "batch.jsonl",
            json.dumps(line).encode("utf-8") + b"\n",
            lambda p: invoke(["verify", "--batch", str(p), "--dataset", str(world.release)]),
        )
    )


# --- inputs that once crashed or gave an unclear answer ---------------------------------------------

REPLAYS: dict[str, Callable[[Path, World], list[str]]] = {
    "release": lambda p, w: ["validate", str(p)],
    "batch": lambda p, w: ["verify", "--batch", str(p), "--dataset", str(w.release)],
    "source": lambda p, w: ["extract", str(p), "--dataset", str(w.dataset)],
}
CASES = sorted(
    (kind, path.name) for kind in REPLAYS for path in (REGRESSIONS / kind).iterdir() if path.is_file()
)


@pytest.mark.parametrize(("kind", "name"), CASES)
def test_regression_inputs_are_refused_with_one_message(world: World, kind: str, name: str) -> None:
    path = REGRESSIONS / kind / name
    refused(invoke(REPLAYS[kind](path, world)), str(path))


def test_there_are_regression_inputs_for_every_kind() -> None:
    assert {kind for kind, _ in CASES} == set(REPLAYS)
