"""Loading a release its checksum vouches for: lazily built records, equal to an eager load; tampering refused."""

from __future__ import annotations

import hashlib
import itertools
import shutil
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import claims
from claims.cli import main
from claims.errors import InputError, IntegrityError
from claims.reading import release_from_bytes
from claims.records import Claim, Release
from claims.records.lazy import RecordList
from tests.strategies import examples

REPO = Path(__file__).resolve().parent.parent
RELEASE = REPO / "dataset" / "releases" / f"claimtrack-{claims.__version__}.json"
COLLECTIONS = ("people", "subjects", "sources", "segments", "events", "claims")


def _eager() -> Release:
    return release_from_bytes(RELEASE.read_bytes(), origin=str(RELEASE)).release


EAGER = _eager()


def _write(folder: Path, data: bytes, *, listed: bytes | None) -> Path:
    """Write a release and, unless ``listed`` is None, a SHA256SUMS giving the sha256 of ``listed``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / RELEASE.name
    path.write_bytes(data)
    if listed is not None:
        (folder / "SHA256SUMS").write_text(f"{hashlib.sha256(listed).hexdigest()}  {path.name}\n")
    return path


def _edited(change: Any) -> bytes:
    raw = orjson.loads(RELEASE.read_bytes())
    change(raw)
    return orjson.dumps(raw)


def test_a_vouched_release_loads_lazily_and_equals_the_eager_load(tmp_path: Path) -> None:
    data = RELEASE.read_bytes()
    release = claims.load(_write(tmp_path, data, listed=data))
    for name in COLLECTIONS:
        collection = getattr(release, name)
        assert isinstance(collection, RecordList)
        assert list(collection) == list(getattr(EAGER, name))
    assert release.version == EAGER.version
    assert release.model_dump_json() == EAGER.model_dump_json()
    assert release == EAGER


def test_record_list_reads_by_index_slice_and_negative_index(tmp_path: Path) -> None:
    data = RELEASE.read_bytes()
    lazy_claims = claims.load(_write(tmp_path, data, listed=data)).claims
    assert len(lazy_claims) == len(EAGER.claims)
    assert lazy_claims[-1] == EAGER.claims[-1]
    assert lazy_claims[3:7] == list(EAGER.claims[3:7])
    assert isinstance(lazy_claims[0], Claim)
    assert lazy_claims[0] is lazy_claims[0]  # built once, then kept
    with pytest.raises(IndexError):
        lazy_claims[len(EAGER.claims)]
    assert EAGER.claims[5] in lazy_claims


@examples(25)
@given(
    st.lists(st.integers(min_value=0, max_value=len(EAGER.claims) - 1), max_size=40),
    st.integers(min_value=0, max_value=len(EAGER.claims)),
)
def test_any_order_of_reads_gives_the_eager_records(order: list[int], iterated: int) -> None:
    """Index reads and a pass stopped part-way leave later passes to build what is still unread."""
    raw = orjson.loads(RELEASE.read_bytes())
    lazy = RecordList(Claim, raw["claims"], collection="claims", origin="test")
    for index in order:
        assert lazy[index] == EAGER.claims[index]
    assert list(itertools.islice(lazy, iterated)) == list(EAGER.claims[:iterated])
    assert list(lazy) == list(EAGER.claims)
    assert list(lazy) == list(EAGER.claims)  # a full pass has built every record: a plain list iterator


def test_a_release_that_no_longer_matches_its_checksum_is_refused_naming_the_record(tmp_path: Path) -> None:
    def alter_quote(raw: dict[str, Any]) -> None:
        raw["claims"][0]["quote"] = raw["claims"][0]["quote"].upper()

    path = _write(tmp_path, _edited(alter_quote), listed=RELEASE.read_bytes())
    with pytest.raises(IntegrityError) as caught:
        claims.load(path)
    assert EAGER.claims[0].id in str(caught.value)


def test_validate_reports_the_checksum_mismatch_as_a_problem(tmp_path: Path) -> None:
    def alter_title(raw: dict[str, Any]) -> None:
        raw["subjects"][0]["name"] += " (edited)"

    path = _write(tmp_path, _edited(alter_title), listed=RELEASE.read_bytes())
    result = CliRunner().invoke(main, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 1
    report = orjson.loads(result.stdout)
    assert [problem["code"] for problem in report["errors"]] == ["release-checksum-mismatch"]


def test_a_bad_record_in_a_vouched_release_is_an_error_when_read(tmp_path: Path) -> None:
    def break_span(raw: dict[str, Any]) -> None:
        raw["claims"][2]["span"]["start"] = "early"

    data = _edited(break_span)
    release = claims.load(_write(tmp_path, data, listed=data))
    assert release.claims[0] == EAGER.claims[0]
    with pytest.raises(InputError, match=r"\$\.claims\[2\]\.span\.start"):
        release.claims[2]
    for _ in range(2):  # a pass that failed has not built every record: the next one fails too
        with pytest.raises(InputError, match=r"\$\.claims\[2\]\.span\.start"):
            list(release.claims)


def test_an_unlisted_release_is_checked_whole_on_load(tmp_path: Path) -> None:
    def break_span(raw: dict[str, Any]) -> None:
        raw["claims"][2]["span"]["start"] = "early"

    with pytest.raises(InputError):
        claims.load(_write(tmp_path, _edited(break_span), listed=None))
    release = claims.load(_write(tmp_path / "plain", RELEASE.read_bytes(), listed=None))
    assert isinstance(release.claims, list)
    assert release == EAGER


def test_a_repeated_key_in_an_unlisted_release_is_refused(tmp_path: Path) -> None:
    data = RELEASE.read_bytes().replace(
        b'"name": "claimtrack"', b'"name": "claimtrack", "name": "claimtrack"', 1
    )
    path = _write(tmp_path, data, listed=None)
    with pytest.raises(InputError, match="duplicate key"):
        claims.load(path)
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2


def test_a_vouched_release_that_is_not_a_release_is_refused_up_front(tmp_path: Path) -> None:
    data = orjson.dumps({"name": "claimtrack", "version": "1.0.0"})
    with pytest.raises(InputError, match="not a claimtrack release"):
        claims.load(_write(tmp_path, data, listed=data))


def test_the_repository_releases_are_vouched_for(tmp_path: Path) -> None:
    copy = tmp_path / "releases"
    shutil.copytree(RELEASE.parent, copy)
    assert isinstance(claims.load(copy / RELEASE.name).claims, RecordList)
