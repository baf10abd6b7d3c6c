"""Releases as a contract: deterministic, atomic, never overwritten, checksummed, and diffed for breakage."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner
from hypothesis import given

import claims
from claims.canonical import canonical_release
from claims.cli import main
from claims.errors import InputError
from claims.jsonio import atomic_write
from claims.layout import layout_bytes, layout_of
from claims.records import SCHEMA_VERSION, Release
from claims.releasing import (
    build_release,
    check_sums,
    check_versions,
    cut_release,
    diff_releases,
    existing_versions,
    newest_changelog_version,
    parse_sums,
    parse_version,
    read_sums,
)
from claims.releasing.cut import ReleaseOutcome
from claims.releasing.versions import CHANGELOG, PACKAGE, REQUESTED
from tests.release_support import (
    FIRST_CLAIM,
    PEOPLE,
    SECOND_CLAIM,
    claim,
    copy_real_dataset,
    records_only,
    set_claims,
    synthetic_dataset,
    write_changelog,
)
from tests.strategies import examples, releases
from tests.synthetic import write_json

RELEASE_KEYS = {
    "name",
    "version",
    "schema_version",
    "people",
    "subjects",
    "sources",
    "segments",
    "events",
    "claims",
}


def cut(root: Path, version: str, **kwargs: Any) -> ReleaseOutcome:
    """Cut ``version`` of ``root/dataset`` with a CHANGELOG and package version that agree with it."""
    return cut_release(
        version,
        dataset=root / "dataset",
        changelog=write_changelog(root / "CHANGELOG.md", version),
        package_version=version,
        validator=kwargs.pop("validator", records_only),
        **kwargs,
    )


def codes(outcome: ReleaseOutcome) -> set[str]:
    return {problem.code for problem in outcome.problems}


def retracted(base: dict[str, Any], version: str, replaced_by: str | None) -> dict[str, Any]:
    return {
        **base,
        "retracted": {"reason": "quote corrected", "replaced_by": replaced_by, "version": version},
    }


# --- deterministic bytes ---------------------------------------------------------------------------


def test_building_twice_gives_identical_bytes(tmp_path: Path) -> None:
    dataset = copy_real_dataset(tmp_path)
    _, first = build_release(dataset, "1.0.0")
    _, second = build_release(dataset, "1.0.0")
    assert first == second
    # Record order and formatting of the inputs do not leak into the release.
    for name in ("people.json", "events.json", "subjects.json", "sources.json"):
        records = orjson.loads((dataset / name).read_bytes())
        (dataset / name).write_bytes(orjson.dumps(list(reversed(records))))
    _, shuffled = build_release(dataset, "1.0.0")
    assert shuffled == first


def test_release_is_the_design_envelope_and_loads(tmp_path: Path) -> None:
    dataset = copy_real_dataset(tmp_path)
    loaded, data = build_release(dataset, "3.2.1")
    raw = orjson.loads(data)
    assert set(raw) == RELEASE_KEYS
    assert (raw["name"], raw["version"], raw["schema_version"]) == ("claimtrack", "3.2.1", SCHEMA_VERSION)
    assert all(isinstance(source["text"], str) for source in raw["sources"])
    path = tmp_path / "r.json"
    path.write_bytes(data)
    assert claims.load(path) == canonical_release(loaded.release)


def test_cut_writes_the_built_bytes_and_loads_back(tmp_path: Path) -> None:
    dataset = synthetic_dataset(tmp_path)
    outcome = cut(tmp_path, "0.1.0")
    assert outcome.written and not outcome.problems, outcome.problems
    path = dataset / "releases" / "claimtrack-0.1.0.json"
    assert path.read_bytes() == build_release(dataset, "0.1.0")[1]
    assert outcome.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    release = claims.load(path)
    assert release.version == "0.1.0"
    assert [c.id for c in release.claims] == ["001-c0001", "001-c0002"]
    assert path.stat().st_mode & 0o777 == 0o644


# --- atomic writes ---------------------------------------------------------------------------------

STALLED_WRITER = """
import os, sys, time
from pathlib import Path
from claims.jsonio import atomic_write
from claims.layout import layout_bytes, layout_of

def stall(fd):
    # The data is in the temporary file; the rename has not happened: the worst moment to die.
    print("stalled", flush=True)
    time.sleep(120)

os.fsync = stall
atomic_write(Path(sys.argv[1]), b'{"claims": [' + b'"x", ' * 2_000_000 + b'"x"]}\\n', overwrite=sys.argv[2] == "1")
"""


@pytest.mark.parametrize("overwrite", [True, False], ids=["replace-existing", "new-version"])
def test_killed_mid_write_leaves_old_file_and_no_release(tmp_path: Path, overwrite: bool) -> None:
    releases = tmp_path / "releases"
    releases.mkdir()
    old = releases / "claimtrack-1.0.0.json"
    old.write_bytes(b'{"old": true}\n')
    (releases / "SHA256SUMS").write_text(f"{hashlib.sha256(old.read_bytes()).hexdigest()}  {old.name}\n")
    target = old if overwrite else releases / "claimtrack-1.1.0.json"
    writer = subprocess.Popen(
        [sys.executable, "-c", STALLED_WRITER, str(target), "1" if overwrite else "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "stalled"
        os.kill(writer.pid, signal.SIGKILL)
    finally:
        writer.wait(timeout=60)
    assert writer.returncode == -signal.SIGKILL
    assert old.read_bytes() == b'{"old": true}\n'
    assert not (releases / "claimtrack-1.1.0.json").exists()
    leftovers = [p.name for p in releases.iterdir() if p.name not in {old.name, "SHA256SUMS"}]
    assert leftovers, "the kill should have left the temporary file behind"
    assert all(name.startswith(".") and name.endswith(".tmp") for name in leftovers)
    assert list(existing_versions(releases)) == [parse_version("1.0.0")]
    assert check_sums(releases) == []


def test_atomic_write_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "claimtrack-1.0.0.json"
    atomic_write(path, b"first\n", overwrite=False)
    with pytest.raises(InputError):
        atomic_write(path, b"second\n", overwrite=False)
    assert path.read_bytes() == b"first\n"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_cut_refuses_an_existing_version(tmp_path: Path) -> None:
    dataset = synthetic_dataset(tmp_path)
    assert cut(tmp_path, "0.1.0").written
    before = (dataset / "releases" / "claimtrack-0.1.0.json").read_bytes()
    set_claims(dataset, [FIRST_CLAIM, SECOND_CLAIM, claim("001-c0003", "We will meet again in December.")])
    again = cut(tmp_path, "0.1.0")
    assert not again.written
    assert "release-exists" in codes(again)
    assert (dataset / "releases" / "claimtrack-0.1.0.json").read_bytes() == before


def test_cut_refuses_a_version_older_than_the_newest(tmp_path: Path) -> None:
    synthetic_dataset(tmp_path)
    assert cut(tmp_path, "1.0.0").written
    assert "version-not-newer" in codes(cut(tmp_path, "0.9.0"))
    with pytest.raises(InputError):
        cut(tmp_path, "1.0")


# --- SHA256SUMS ------------------------------------------------------------------------------------


def test_sha256sums_lists_every_release_sorted(tmp_path: Path) -> None:
    dataset = synthetic_dataset(tmp_path)
    releases = dataset / "releases"
    assert cut(tmp_path, "0.9.0").written
    set_claims(dataset, [FIRST_CLAIM, SECOND_CLAIM, claim("001-c0003", "We will meet again in December.")])
    assert cut(tmp_path, "0.10.0").written
    text = (releases / "SHA256SUMS").read_text()
    tables = [str(p.relative_to(releases)) for p in releases.glob("claimtrack-*/*")]
    assert len(tables) == 2 * 15  # per release: 6 Parquet, 6 JSON Lines, croissant, datapackage, card
    layouts = ["claimtrack-0.10.0.layout.json", "claimtrack-0.9.0.layout.json"]
    names = sorted(["claimtrack-0.10.0.json", "claimtrack-0.9.0.json", *layouts, *tables])
    assert text == "".join(f"{hashlib.sha256((releases / n).read_bytes()).hexdigest()}  {n}\n" for n in names)
    assert parse_sums(text) == read_sums(releases)
    for version in ("0.9.0", "0.10.0"):  # each release's layout manifest is its bytes' own layout
        data = (releases / f"claimtrack-{version}.json").read_bytes()
        found = layout_of(data, f"claimtrack-{version}.json")
        assert found is not None and found.frames(data)
        assert (releases / f"claimtrack-{version}.layout.json").read_bytes() == layout_bytes(found)
    assert check_sums(releases) == []
    if shutil.which("sha256sum"):
        check = subprocess.run(
            ["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=releases, capture_output=True
        )
        assert check.returncode == 0, check.stdout + check.stderr


def test_an_edited_release_blocks_the_next_cut(tmp_path: Path) -> None:
    dataset = synthetic_dataset(tmp_path)
    assert cut(tmp_path, "1.0.0").written
    path = dataset / "releases" / "claimtrack-1.0.0.json"
    path.write_bytes(path.read_bytes().replace(b"great ally", b"good ally"))
    assert [p.code for p in check_sums(dataset / "releases")] == ["release-checksum-mismatch"]
    outcome = cut(tmp_path, "1.1.0")
    assert not outcome.written
    assert "release-checksum-mismatch" in codes(outcome)
    (dataset / "releases" / "SHA256SUMS").unlink()
    unlisted = [(p.code, p.ids) for p in check_sums(dataset / "releases")]
    assert unlisted == [
        ("release-not-listed", ["claimtrack-1.0.0.json"]),
        ("release-not-listed", ["claimtrack-1.0.0.layout.json"]),
    ]
    path.unlink()
    (dataset / "releases" / "claimtrack-1.0.0.layout.json").unlink()
    (dataset / "releases" / "SHA256SUMS").write_text(f"{'0' * 64}  claimtrack-1.0.0.json\n")
    assert [p.code for p in check_sums(dataset / "releases")] == ["listed-release-missing"]


@pytest.mark.parametrize("text", ["nonsense\n", f"{'0' * 64}  a.json\n{'1' * 64}  a.json\n"])
def test_malformed_sums_are_input_errors(text: str) -> None:
    with pytest.raises(InputError):
        parse_sums(text)


# --- versions agree --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("requested", "package", "changelog", "disagreeing"),
    [
        ("1.0.0", "1.0.0", "1.0.0", []),
        ("1.1.0", "1.0.0", "1.0.0", [REQUESTED]),
        ("1.0.0", "0.9.0", "1.0.0", [PACKAGE]),
        ("1.0.0", "1.0.0", "0.9.0", [CHANGELOG]),
        ("1.0.0", "1.0.0", None, [CHANGELOG]),
        ("1.0.0", "2.0.0", "3.0.0", [REQUESTED, PACKAGE, CHANGELOG]),
    ],
)
def test_version_disagreement_names_which(
    tmp_path: Path, requested: str, package: str, changelog: str | None, disagreeing: list[str]
) -> None:
    path = tmp_path / "CHANGELOG.md"
    path.write_text(
        "# Changelog\n\n## [Unreleased]\n" + (f"\n## [{changelog}] - 2026-11-22\n" if changelog else "")
    )
    check = check_versions(requested, package, path)
    assert check.disagreeing == disagreeing
    assert check.agree == (not disagreeing)
    for name in disagreeing:
        assert name in check.message()


def test_cut_refuses_when_versions_disagree(tmp_path: Path) -> None:
    dataset = synthetic_dataset(tmp_path)
    outcome = cut_release(
        "1.0.0",
        dataset=dataset,
        changelog=write_changelog(tmp_path / "CHANGELOG.md", "1.0.0"),
        package_version="0.9.0",
        validator=records_only,
    )
    assert not outcome.written
    [problem] = outcome.problems
    assert (problem.code, problem.ids) == ("version-disagreement", [PACKAGE])
    assert not (dataset / "releases").exists()


@pytest.mark.parametrize(
    ("text", "newest"),
    [
        ("## [Unreleased]\n\n## [1.2.3] - 2026-01-02\n## [1.2.2] - 2025-01-01\n", "1.2.3"),
        ("## [1.2.3] - 2026-01-02\n", "1.2.3"),
        ("## [Unreleased]\n", None),
        ("## [1.2.3]\n", None),
        ("## [1.2.3] - soon\n", None),
        ("### [9.9.9] - 2026-01-01\n## [1.0.0] - 2025-01-01\n", "1.0.0"),
    ],
)
def test_newest_changelog_heading(text: str, newest: str | None) -> None:
    assert newest_changelog_version(text) == newest


def test_the_repository_changelog_has_an_unreleased_section() -> None:
    text = (Path(__file__).resolve().parent.parent / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in text


# --- validation gates the release ------------------------------------------------------------------


def test_cut_refuses_invalid_records(tmp_path: Path) -> None:
    """A record that does not read blocks the release, with claims validate or without it."""
    dataset = synthetic_dataset(tmp_path)
    set_claims(dataset, [{**FIRST_CLAIM, "subjects": []}])
    for validator in (records_only, None):
        outcome = cut(tmp_path, "0.1.0", validator=validator)
        assert not outcome.written
        assert "record-invalid" in codes(outcome)
    assert not (dataset / "releases").exists()


def test_cut_refuses_what_claims_validate_refuses(tmp_path: Path) -> None:
    """Records that read but do not validate (a quote that is not the source's text) block it."""
    pytest.importorskip("claims.validation")
    dataset = copy_real_dataset(tmp_path)
    path = next(p for p in sorted((dataset / "claims").glob("*.json")) if orjson.loads(p.read_bytes()))
    records = orjson.loads(path.read_bytes())
    records[0]["quote"] = records[0]["quote"] + " (sic)"
    write_json(path, records)
    outcome = cut(tmp_path, claims.__version__, validator=None)
    assert outcome.checked_by == "claims.validation"
    assert not outcome.written
    assert {p.code for p in outcome.problems if records[0]["id"] in p.ids}


def test_cut_uses_claims_validation_when_installed(tmp_path: Path) -> None:
    validation = pytest.importorskip("claims.validation")
    if not hasattr(validation, "validate"):
        pytest.skip("claims.validation.validate does not exist yet")
    synthetic_dataset(tmp_path)
    outcome = cut(tmp_path, "0.1.0", validator=None)
    assert outcome.checked_by == "claims.validation"


# --- diff and breaking changes ---------------------------------------------------------------------


def _release(
    tmp_path: Path, name: str, claims_: list[dict[str, Any]], people: list[dict[str, Any]] = PEOPLE
) -> Any:
    dataset = synthetic_dataset(tmp_path / name, claims_)
    write_json(dataset / "people.json", people)
    return build_release(dataset, "0.1.0" if name == "old" else "0.2.0")[0].release


def test_diff_reports_added_removed_changed(tmp_path: Path) -> None:
    reviewed = {
        **SECOND_CLAIM,
        "review": {"rating": "accurate", "explanation": "So it is.", "evidence": {"event_ids": []}},
    }
    old = _release(tmp_path, "old", [FIRST_CLAIM, SECOND_CLAIM])
    people = [
        *PEOPLE[:2],
        {"id": "reporter-001-1", "name": "A reporter", "anonymous": True, "scope": "x.txt"},
    ]
    people[0] = {**people[0], "aliases": ["Carter"]}
    new = _release(
        tmp_path,
        "new",
        [
            {**FIRST_CLAIM, "note": "checked"},
            reviewed,
            claim("001-c0003", "We will meet again in December.", speaker="jean-yves-le-drian"),
        ],
        people,
    )
    diff = diff_releases(old, new)
    assert (diff.old_version, diff.new_version) == ("0.1.0", "0.2.0")
    assert diff.collections["claims"].added == ["001-c0003"]
    assert [(c.id, c.fields) for c in diff.collections["claims"].changed] == [
        ("001-c0001", ["note"]),
        ("001-c0002", ["review"]),
    ]
    assert diff.collections["reviews"].added == ["001-c0002"]
    assert diff.collections["people"].added == ["reporter-001-1"]
    assert diff.collections["people"].removed == ["moderator-001"]
    assert [(c.id, c.fields) for c in diff.collections["people"].changed] == [("ashton-carter", ["aliases"])]
    assert diff.collections["events"].empty
    assert diff.breaking == []
    assert diff_releases(old, old).breaking == [] and all(
        d.empty for d in diff_releases(old, old).collections.values()
    )


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"quote": "This is our fifth meeting in five months."}, ["quote"]),
        ({"speaker_id": "jean-yves-le-drian"}, ["speaker_id"]),
        ({"source_file": "002_0123456789abcdef.txt"}, ["source_file"]),
    ],
)
def test_diff_flags_a_claim_whose_meaning_changed(
    tmp_path: Path, change: dict[str, Any], fields: list[str]
) -> None:
    old = _release(tmp_path, "old", [FIRST_CLAIM])
    new = _release(tmp_path, "new", [{**FIRST_CLAIM, **change}])
    [breaking] = diff_releases(old, new).breaking
    assert (breaking.code, breaking.id, breaking.fields) == ("claim-meaning-changed", "001-c0001", fields)


def test_diff_flags_removed_and_unretracted_claims(tmp_path: Path) -> None:
    old = _release(tmp_path, "old", [FIRST_CLAIM, retracted(SECOND_CLAIM, "0.1.0", None)])
    new = _release(tmp_path, "new", [SECOND_CLAIM])
    assert [(b.code, b.id) for b in diff_releases(old, new).breaking] == [
        ("claim-removed", "001-c0001"),
        ("claim-unretracted", "001-c0002"),
    ]


def test_release_refuses_a_breaking_change_unless_the_old_claim_is_retracted(tmp_path: Path) -> None:
    dataset = synthetic_dataset(tmp_path, [FIRST_CLAIM, SECOND_CLAIM])
    assert cut(tmp_path, "1.0.0").written
    corrected = {**FIRST_CLAIM, "quote": "This is our fourth meeting in five months. France"}
    corrected["span"] = {"start": FIRST_CLAIM["span"]["start"], "end": FIRST_CLAIM["span"]["start"] + 49}

    set_claims(dataset, [corrected, SECOND_CLAIM])
    refused = cut(tmp_path, "1.1.0")
    assert not refused.written and codes(refused) == {"breaking-claim-meaning-changed"}

    set_claims(dataset, [SECOND_CLAIM])
    refused = cut(tmp_path, "1.1.0")
    assert not refused.written and codes(refused) == {"breaking-claim-removed"}
    assert not (dataset / "releases" / "claimtrack-1.1.0.json").exists()

    replacement = {**corrected, "id": "001-c0003"}
    set_claims(dataset, [retracted(FIRST_CLAIM, "1.1.0", "001-c0003"), SECOND_CLAIM, replacement])
    accepted = cut(tmp_path, "1.1.0")
    assert accepted.written, accepted.problems
    assert accepted.diff is not None
    assert [(c.id, c.fields) for c in accepted.diff.collections["claims"].changed] == [
        ("001-c0001", ["retracted"])
    ]

    # The retracted claim must stay in every later release.
    set_claims(dataset, [SECOND_CLAIM, replacement])
    assert codes(cut(tmp_path, "1.2.0")) == {"breaking-claim-removed"}


def test_retractions_name_an_existing_replacement_and_the_current_version(tmp_path: Path) -> None:
    dataset = synthetic_dataset(tmp_path, [FIRST_CLAIM])
    assert cut(tmp_path, "1.0.0").written
    set_claims(dataset, [retracted(FIRST_CLAIM, "1.0.0", "001-c0009")])
    assert codes(cut(tmp_path, "1.1.0")) == {"retraction-replacement-missing", "retraction-version-mismatch"}


def test_a_correction_to_a_released_claim_needs_its_reason(tmp_path: Path) -> None:
    dataset = synthetic_dataset(tmp_path, [FIRST_CLAIM, SECOND_CLAIM])
    assert cut(tmp_path, "1.0.0").written
    changed = {**FIRST_CLAIM, "note": "the window counts the day of the meeting"}
    set_claims(dataset, [changed, SECOND_CLAIM])
    refused = cut(tmp_path, "1.1.0")
    assert not refused.written
    assert [(p.code, p.ids) for p in refused.problems] == [("correction-unexplained", ["001-c0001"])]

    stale = {**changed, "corrections": [{"fields": ["note"], "reason": "an older fix", "version": "1.0.0"}]}
    set_claims(dataset, [stale, SECOND_CLAIM])
    assert codes(cut(tmp_path, "1.1.0")) == {"correction-unexplained"}

    reason = "the curator's note said the window excluded the meeting"
    explained = {**changed, "corrections": [{"fields": ["note"], "reason": reason, "version": "1.1.0"}]}
    set_claims(dataset, [explained, SECOND_CLAIM])
    accepted = cut(tmp_path, "1.1.0")
    assert accepted.written, accepted.problems
    assert accepted.diff is not None
    assert [(c.id, c.fields, c.reasons) for c in accepted.diff.collections["claims"].changed] == [
        ("001-c0001", ["corrections", "note"], [reason])
    ]
    assert f"      because: {reason}" in accepted.diff.text_lines()


# --- the command line ------------------------------------------------------------------------------


def test_cli_release_and_diff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("claims.releasing.cut.validation_problems", records_only)
    dataset = synthetic_dataset(tmp_path, [FIRST_CLAIM])
    write_changelog(tmp_path / "CHANGELOG.md", claims.__version__)
    runner = CliRunner()

    first = runner.invoke(main, ["release", claims.__version__])
    assert first.exit_code == 0, first.output
    assert (dataset / "releases" / f"claimtrack-{claims.__version__}.json").is_file()
    again = runner.invoke(main, ["release", claims.__version__, "--format", "json"])
    assert again.exit_code == 1
    exists = [p for p in orjson.loads(again.stdout)["problems"] if p["code"] == "release-exists"]
    assert len(exists) == 3  # the JSON file, its layout manifest and the tables folder
    refused_text = runner.invoke(main, ["release", claims.__version__])
    assert refused_text.exit_code == 1
    assert "no changes" not in refused_text.stdout  # no empty diff printed before the refusal
    assert "refused: 3 problems\n" in refused_text.stderr  # the JSON file, its manifest, the tables folder
    assert runner.invoke(main, ["release", "1.0"]).exit_code == 2
    assert runner.invoke(main, ["release", "9.0.0"]).exit_code == 1  # the package version disagrees

    old = dataset / "releases" / f"claimtrack-{claims.__version__}.json"
    set_claims(dataset, [{**FIRST_CLAIM, "speaker_id": "jean-yves-le-drian"}, SECOND_CLAIM])
    result = runner.invoke(main, ["diff", claims.__version__, "dataset", "--format", "json"])
    assert result.exit_code == 1, result.output
    reported = orjson.loads(result.stdout)
    loaded_new = claims.load(dataset)
    assert reported == diff_releases(claims.load(old), loaded_new).model_dump(mode="json")
    assert [b["code"] for b in reported["breaking"]] == ["claim-meaning-changed"]
    text = runner.invoke(main, ["diff", str(old), str(old)])
    assert text.exit_code == 0 and "no changes" in text.stdout
    assert runner.invoke(main, ["diff", "7.7.7", "dataset"]).exit_code == 2
    assert runner.invoke(main, ["diff", "missing.json", "dataset"]).exit_code == 2


def test_the_repository_dataset_can_be_cut(tmp_path: Path) -> None:
    """A dry run of the lead's `claims release`, on a copy: the curated dataset passes every gate.

    It is cut at the version it is being prepared for: the newest version its retractions and
    corrections name, when newer than the package's (the lead sets the package version when
    cutting it), else the package's.
    """
    copy_real_dataset(tmp_path)
    named = [
        change.version
        for claim in claims.load(tmp_path / "dataset").claims
        for change in [*claim.corrections, *([claim.retracted] if claim.retracted else [])]
    ]
    version = max([claims.__version__, *named], key=lambda v: tuple(map(int, v.split("."))))
    outcome = cut(tmp_path, version, validator=None)
    assert [(p.code, p.message) for p in outcome.problems] == []
    assert outcome.written
    written = tmp_path / "dataset" / "releases" / f"claimtrack-{version}.json"
    assert claims.load(written).claims == canonical_release(claims.load(tmp_path / "dataset")).claims


def test_release_bytes_do_not_depend_on_the_process(tmp_path: Path) -> None:
    """Two fresh interpreters with different hash seeds write the bytes this process builds."""
    dataset = copy_real_dataset(tmp_path)
    _, expected = build_release(dataset, claims.__version__)
    for seed in ("1", "2"):
        out = tmp_path / f"build-{seed}.json"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-m", "claims", "build", str(dataset), "-o", str(out)],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert out.read_bytes() == expected


@examples(30)
@given(old=releases(), new=releases())
def test_diff_ids_are_the_set_differences(old: Release, new: Release) -> None:
    diff = diff_releases(old, new)
    for name in ("claims", "people", "events", "subjects", "sources", "segments"):
        before = {r.id for r in getattr(old, name)}
        after = {r.id for r in getattr(new, name)}
        assert diff.collections[name].added == sorted(after - before)
        assert diff.collections[name].removed == sorted(before - after)
    assert {b.id for b in diff.breaking if b.code == "claim-removed"} == {c.id for c in old.claims} - {
        c.id for c in new.claims
    }
    same = diff_releases(old, old)
    assert same.breaking == [] and all(d.empty for d in same.collections.values())
