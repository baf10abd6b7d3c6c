"""Cutting a release's claims into pieces: the pieces that pass their checks hold exactly the file's claims,
and ``claims validate`` gives the one-process report whichever path its workers take."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from claims.jsonio import dumps, read_json
from claims.validation import parallel, validate
from claims.validation.pieces import CLAIM_KEYS, SEGMENT_KEYS, Cut, Plan, plan_pieces
from tests.strategies import examples
from tests.validate_support import RELEASE, one_process, tampered_release


def passing_pieces(data: bytes, plan: Plan) -> list[dict[str, Any]] | None:
    """Each piece's parse, when every piece passes the checks a worker makes; else ``None``."""
    parsed = []
    for index in range(plan.count):
        raw = plan.parse(data, index)
        if raw is None:
            return None
        for cut in plan.cuts:
            files = [item.get("source_file") if isinstance(item, dict) else None for item in raw[cut.key]]
            if not plan.owns_all(index, files):  # type: ignore[arg-type]
                return None
        parsed.append(raw)
    return parsed


def joined(parsed: list[dict[str, Any]], plan: Plan) -> dict[str, Any]:
    """The release the pieces stand for: the rest of the file, with every piece's records in order."""
    return {**parsed[0], **{cut.key: [item for raw in parsed for item in raw[cut.key]] for cut in plan.cuts}}


@pytest.mark.parametrize("jobs", [2, 3, 8])
def test_the_real_release_is_cut_between_sources_into_pieces_holding_all_its_claims(jobs: int) -> None:
    data = RELEASE.read_bytes()
    plan = plan_pieces(data, jobs)
    assert plan is not None and 2 <= plan.count <= jobs
    assert [cut.key for cut in plan.cuts] == ["claims", "segments"]
    parsed = passing_pieces(data, plan)
    assert parsed is not None
    assert joined(parsed, plan) == orjson.loads(data)
    for index, raw in enumerate(parsed):
        assert {plan.owner(claim["source_file"]) for claim in raw["claims"]} == {index}
        assert {plan.owner(segment["source_file"]) for segment in raw["segments"]} == {index}


def test_files_not_laid_out_as_claims_release_writes_them_are_not_cut() -> None:
    raw = read_json(RELEASE)
    assert plan_pieces(orjson.dumps(raw), 2) is None  # compact JSON
    assert plan_pieces(dumps({"version": "1", **raw}), 1) is None  # one job
    assert plan_pieces(dumps({**raw, "claims": raw["claims"][:1]}), 2) is None  # one source: nothing to cut


def record(keys: frozenset[str], source: int, number: int) -> dict[str, Any]:
    """A record with every key of a claim or segment (the cut reads keys and source files only)."""
    item: dict[str, Any] = dict.fromkeys(keys, "x")
    item.update(id=f"{source:03d}-{number:04d}", source_file=f"{source:03d}_x.txt", span={"start": 0})
    return item


SNIPPETS = [
    b"\n    },\n    {",
    b"\n    {",
    b"\n    }",
    b"\n  ]",
    b",",
    b'"',
    b"{",
    b"}",
    b"[",
    b'\n  "claims": [',
    b'"claims": [],',
    b"\\",
    b" ",
]
"""Bytes that could fool a cut found from the layout, were the workers' checks not there."""


@st.composite
def release_bytes(draw: st.DrawFn) -> bytes:
    """Indented, key-sorted JSON as ``claims release`` writes it, often with an edit that breaks the layout."""
    collections: dict[str, list[dict[str, Any]]] = {}
    for key, keys in (("claims", CLAIM_KEYS), ("segments", SEGMENT_KEYS)):
        counts = draw(st.lists(st.integers(0, 4), min_size=1, max_size=6))
        items = [
            record(keys, source, number) for source, count in enumerate(counts) for number in range(count)
        ]
        collections[key] = draw(st.permutations(items)) if draw(st.booleans()) else items
    middle = {"events": [{"id": "e", "span": {"start": 1}}], "people": []}
    data = dumps({**collections, **middle, "version": "1"})
    edit = draw(st.sampled_from(["none", "insert", "delete", "repeat-key"]))
    if edit == "insert":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from(SNIPPETS)) + data[at:]
    elif edit == "delete":
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + data[at + draw(st.integers(1, 8)) :]
    elif edit == "repeat-key":  # a later top-level key wins in a parse of the whole file
        key = draw(st.sampled_from([b"claims", b"segments"]))
        later = draw(st.sampled_from([b"[]", b'[{"id": "other"}]']))
        data = data.rstrip().removesuffix(b"}") + b',\n  "' + key + b'": ' + later + b"\n}\n"
    event(f"edit: {edit}")
    return data


@examples(400)
@given(data=release_bytes(), jobs=st.integers(2, 4))
def test_pieces_that_pass_their_checks_hold_exactly_what_a_parse_of_the_whole_file_holds(
    data: bytes, jobs: int
) -> None:
    plan = plan_pieces(data, jobs)
    parsed = passing_pieces(data, plan) if plan is not None else None
    event(f"pieces pass: {parsed is not None}, arrays cut: {len(plan.cuts) if plan else 0}")
    if parsed is None:
        return  # the whole-file path checks it
    assert joined(parsed, plan) == orjson.loads(data)


def test_the_cut_is_used_for_a_sorted_release_and_given_up_for_claims_out_of_source_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marks = tmp_path / "marks"
    marks.mkdir()
    original = parallel.check_share

    def spy(data: bytes, origin: str, index: int, jobs: int) -> Any:
        (marks / str(index)).touch()  # a forked worker's only way to tell this process
        return original(data, origin, index, jobs)

    monkeypatch.setattr(parallel, "check_share", spy)
    assert validate(RELEASE, jobs=2) == one_process(RELEASE)
    assert sorted(path.name for path in marks.iterdir()) == []
    shuffled = tampered_release(tmp_path, lambda raw: raw["claims"].reverse())
    assert validate(shuffled, jobs=2) == one_process(shuffled)
    assert sorted(path.name for path in marks.iterdir()) == ["0", "1"]


def cites_a_claim_of_another_piece(raw: dict[str, Any]) -> None:
    """The last claim's review cites the first claim, which is in the first piece."""
    reviewed = next(claim for claim in reversed(raw["claims"]) if claim["review"] is not None)
    reviewed["review"]["evidence"]["claim_ids"] = [raw["claims"][0]["id"], "no-such-claim"]


def claim_id_repeated_in_another_piece(raw: dict[str, Any]) -> None:
    raw["claims"][-1]["id"] = raw["claims"][0]["id"]


def segment_id_repeated_in_another_piece(raw: dict[str, Any]) -> None:
    raw["segments"][-1]["id"] = raw["segments"][0]["id"]


@pytest.mark.parametrize(
    "change",
    [
        cites_a_claim_of_another_piece,
        claim_id_repeated_in_another_piece,
        segment_id_repeated_in_another_piece,
    ],
)
def test_what_only_every_piece_together_can_judge_is_judged_as_on_one_process(
    tmp_path: Path, change: Any
) -> None:
    path = tampered_release(tmp_path, change)
    data = path.read_bytes()
    plan = plan_pieces(data, 2)
    assert plan is not None and passing_pieces(data, plan) is not None
    expected = one_process(path)
    assert not expected.valid
    assert validate(path, jobs=2) == expected


def test_an_empty_slice_between_commas_is_refused_as_it_would_leave_two_commas_side_by_side() -> None:
    data = b'{\n  "claims": [,\n    {"source_file": "b"}\n  ]\n}'
    start = data.index(b"[") + 1
    cut = Cut("claims", start, data.index(b"\n  ]"), commas=(start,), owners=(0, 1))
    plan = Plan(bounds=("b",), cuts=(cut,), token="t")
    assert plan.parse(data, 1) is not None  # the slice after the comma parses on its own
    assert plan.parse(data, 0) is None
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(data)


def test_a_cut_that_is_not_at_a_comma_is_refused() -> None:
    data = b'{\n  "claims": [\n    {"source_file": "a"}\n    {"source_file": "b"}\n  ]\n}'
    start = data.index(b"[") + 1
    between = data.index(b"}") + 1  # the line break between the two objects, where a comma is missing
    cut = Cut("claims", start, data.index(b"\n  ]"), commas=(between,), owners=(0, 1))
    plan = Plan(bounds=("b",), cuts=(cut,), token="t")
    assert [plan.parse(data, index) for index in (0, 1)] == [None, None]
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(data)
