"""One registry of problem codes: reading, validation and releases report only its codes, with its severities."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import claims
from claims.codes import CODES, make_problem
from claims.errors import ProblemsError
from claims.problem import Problem
from claims.reading import read_dataset
from claims.releasing.cut import cut_release, existing_versions
from claims.releasing.sums import check_sums
from tests.release_support import (
    FIRST_CLAIM,
    REPO,
    SECOND_CLAIM,
    records_only,
    synthetic_dataset,
    write_changelog,
)


def _registered(problems: list[Problem]) -> list[tuple[str, str, str]]:
    """Each problem's code with its severity and the registry's (equal when the factory built it)."""
    return [(p.code, p.severity, CODES[p.code].severity) for p in problems]


def test_the_factory_takes_the_severity_from_the_registry_and_refuses_an_unknown_code() -> None:
    assert make_problem("expectation-unlinked", "m", ["x"]).severity == CODES["expectation-unlinked"].severity
    assert make_problem("release-exists", "m", ["x"]).severity == "error"
    with pytest.raises(KeyError):
        make_problem("no-such-code", "m", [])


def test_reading_problems_are_registered_and_carried_by_the_loading_exception(tmp_path: Path) -> None:
    bad = {**FIRST_CLAIM, "span": {"start": "759", "end": 800}}
    dataset = synthetic_dataset(tmp_path, [bad, SECOND_CLAIM])
    found = read_dataset(dataset).problems
    assert {p.code for p in found} == {"record-invalid"}
    assert all(severity == registered for _, severity, registered in _registered(found))
    with pytest.raises(ProblemsError) as caught:
        claims.load(dataset)
    assert caught.value.problems == found
    assert caught.value.code == "record-invalid"
    assert [p.path for p in caught.value.problems] == ["$[0].span.start"]


def test_release_refusals_are_registered_codes_with_their_severities(tmp_path: Path) -> None:
    dataset = synthetic_dataset(tmp_path, [FIRST_CLAIM, SECOND_CLAIM])
    changelog = write_changelog(tmp_path / "CHANGELOG.md", "1.0.0")
    first = cut_release(
        "1.0.0", dataset=dataset, changelog=changelog, package_version="1.0.0", validator=records_only
    )
    assert first.written, first.problems
    again = cut_release(
        "1.0.0", dataset=dataset, changelog=changelog, package_version="2.0.0", validator=records_only
    )
    codes = [code for code, _, _ in _registered(again.problems)]
    assert sorted(set(codes)) == ["release-exists", "version-disagreement"]
    assert all(severity == registered for _, severity, registered in _registered(again.problems))


def test_checksum_problems_are_registered_codes(tmp_path: Path) -> None:
    releases = tmp_path / "releases"
    shutil.copytree(REPO / "dataset" / "releases", releases)
    newest = max(existing_versions(releases).items())[1]
    (releases / "claimtrack-9.9.9.json").write_bytes(newest.read_bytes())
    (releases / newest.name.removesuffix(".json") / "claims.jsonl").write_bytes(b"{}\n")
    found = check_sums(releases)
    assert sorted(code for code, _, _ in _registered(found)) == [
        "release-checksum-mismatch",
        "release-not-listed",
    ]
    assert all(severity == registered for _, severity, registered in _registered(found))


def test_every_family_of_the_registry_is_documented() -> None:
    """docs/codes.md, generated from the registry, lists the release family's codes too."""
    table = (REPO / "docs" / "codes.md").read_text(encoding="utf-8")
    families = {info.family for info in CODES.values()}
    assert {"reading", "release"} <= families
    for code in CODES:
        assert f"| `{code}` |" in table, code
