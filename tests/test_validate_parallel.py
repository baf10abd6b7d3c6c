"""Validating a release file in forked workers gives exactly the one-process report, whatever goes wrong."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from claims.canonical import release_bytes
from claims.checksums import SUMS_NAME
from claims.cli import main
from claims.errors import InputError
from claims.jsonio import dumps
from claims.reading import read_dataset
from claims.records import Release
from claims.validation import parallel, validate
from claims.validation.pipeline import validate_loaded
from tests.strategies import corrupted_datasets, examples, valid_datasets
from tests.validate_support import RELEASE, REPO, one_process, tampered_release, vouch


def write_release(release: Release, path: Path) -> Path:
    """A release file of these records."""
    path.write_bytes(dumps(release.model_dump(mode="json")))
    return path


@pytest.fixture
def no_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the one-process path is taken (the workers' report must stand on its own)."""

    def refuse(path: Path) -> Any:
        raise AssertionError(f"{path} was read again by the one-process path")

    monkeypatch.setattr(parallel, "read_release_file", refuse)


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_real_release_report_is_the_same_for_any_number_of_jobs(jobs: int, no_fallback: None) -> None:
    expected = one_process(RELEASE)
    assert validate(RELEASE, jobs=jobs) == expected
    assert expected.findings and expected.warnings  # the comparison covers findings and warnings


def set_quote(raw: dict[str, Any]) -> None:
    raw["claims"][5]["quote"] += " and more"


def unknown_speaker(raw: dict[str, Any]) -> None:
    raw["claims"][-1]["speaker_id"] = "no-such-person"


def drop_review(raw: dict[str, Any]) -> None:
    reviewed = next(claim for claim in raw["claims"] if claim["review"] is not None)
    reviewed["review"] = None


def unknown_assertion_event(raw: dict[str, Any]) -> None:
    claim = next(c for c in raw["claims"] if any(a.get("event_id") for a in c["assertions"]))
    next(a for a in claim["assertions"] if a.get("event_id"))["event_id"] = "no-such-event"


def segment_speaker_swapped(raw: dict[str, Any]) -> None:
    segment = next(s for s in raw["segments"] if s["speaker_id"] == "ashton-carter")
    segment["speaker_id"] = "jean-yves-le-drian"


def duplicate_event(raw: dict[str, Any]) -> None:
    raw["events"].append(dict(raw["events"][0]))


def event_with_unknown_participant(raw: dict[str, Any]) -> None:
    event = next(e for e in raw["events"] if e["participants"])
    event["participants"] = [*event["participants"], "no-such-person"]


def timeline_toll_contradicted(raw: dict[str, Any]) -> None:
    event = next(e for e in raw["events"] if e["quantities"])
    event["quantities"][-1]["value"] = 7.0  # the timeline's own count, shrunk below the earlier one


@pytest.mark.parametrize(
    "change",
    [
        set_quote,
        unknown_speaker,
        drop_review,
        unknown_assertion_event,
        segment_speaker_swapped,
        duplicate_event,
        event_with_unknown_participant,
        timeline_toll_contradicted,
    ],
)
@pytest.mark.parametrize("laid_out", [False, True], ids=["no-manifest", "manifest"])
def test_problems_found_by_workers_match_the_one_process_report(
    tmp_path: Path, change: Any, laid_out: bool, no_fallback: None
) -> None:
    path = tampered_release(tmp_path, change)
    if laid_out:
        vouch(path)
    expected = one_process(path)
    assert expected.errors or expected.warnings != one_process(RELEASE).warnings
    assert validate(path, jobs=2) == expected


def duplicate_claim(raw: dict[str, Any]) -> None:
    raw["claims"].append(dict(raw["claims"][0]))


def invalid_record(raw: dict[str, Any]) -> None:
    raw["claims"][3]["span"] = {"start": 9, "end": 2}


def orphan_claim(raw: dict[str, Any]) -> None:
    raw["claims"][0]["source_file"] = "999_nosuchfile.txt"


def not_a_list(raw: dict[str, Any]) -> None:
    raw["segments"] = None


@pytest.mark.parametrize("laid_out", [False, True], ids=["no-manifest", "manifest"])
@pytest.mark.parametrize("change", [duplicate_claim, invalid_record, orphan_claim])
def test_what_workers_cannot_judge_goes_to_the_one_process_path(
    tmp_path: Path, change: Any, laid_out: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tampered_release(tmp_path, change)
    if laid_out:
        vouch(path)
    expected = one_process(path)
    calls: list[Path] = []
    original = parallel.read_release_file

    def spy(target: Path) -> Any:
        calls.append(target)
        return original(target)

    monkeypatch.setattr(parallel, "read_release_file", spy)
    assert validate(path, jobs=2) == expected
    assert calls == [path]
    assert not expected.valid


def test_a_release_that_is_no_release_is_refused_as_on_one_process(tmp_path: Path) -> None:
    path = tampered_release(tmp_path, not_a_list)
    with pytest.raises(InputError) as one:
        one_process(path)
    with pytest.raises(InputError) as workers:
        validate(path, jobs=2)
    assert str(workers.value) == str(one.value)


def test_checksum_mismatch_is_reported_first_by_the_workers_path(tmp_path: Path, no_fallback: None) -> None:
    path = tampered_release(tmp_path, set_quote)
    (tmp_path / SUMS_NAME).write_text(f"{'0' * 64}  {path.name}\n")
    expected = one_process(path)
    report = validate(path, jobs=2)
    assert report == expected
    assert "release-checksum-mismatch" in [problem.code for problem in report.errors]


@pytest.mark.parametrize("failing", [["check_piece"], ["check_piece", "check_share"]])
def test_a_worker_that_dies_leaves_the_report_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: list[str]
) -> None:
    path = vouch(tampered_release(tmp_path, unknown_speaker))
    expected = one_process(path)
    for name in failing:
        original = getattr(parallel, name)

        def dies(*args: Any, original: Any = original, **keywords: Any) -> Any:
            if args[-1] == 1:  # the worker's index
                os._exit(9)  # as if killed, say for memory
            return original(*args, **keywords)

        monkeypatch.setattr(parallel, name, dies)
    assert validate(path, jobs=2) == expected


@pytest.mark.parametrize("failing", [["check_piece"], ["check_piece", "check_share"]])
def test_a_worker_that_raises_leaves_the_report_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: list[str]
) -> None:
    path = vouch(tampered_release(tmp_path, unknown_speaker))
    expected = one_process(path)

    def broken(*args: Any, **keywords: Any) -> Any:
        raise RuntimeError("a bug in a check")

    for name in failing:
        monkeypatch.setattr(parallel, name, broken)
    assert validate(path, jobs=2) == expected


def test_jobs_below_one_is_an_input_error() -> None:
    with pytest.raises(InputError):
        validate(RELEASE, jobs=0)


def test_cli_jobs_option(tmp_path: Path) -> None:
    runner = CliRunner()
    one = runner.invoke(main, ["validate", str(RELEASE), "--format", "json", "--jobs", "1"])
    two = runner.invoke(main, ["validate", str(RELEASE), "--format", "json", "--jobs", "2"])
    assert (one.exit_code, two.exit_code) == (0, 0)
    assert one.output == two.output
    assert runner.invoke(main, ["validate", str(RELEASE), "--jobs", "0"]).exit_code == 2


SETTINGS = examples(25)


@SETTINGS
@given(st.data())
def test_generated_releases_get_the_same_report_from_workers(data: st.DataObject) -> None:
    release = data.draw(valid_datasets())
    if data.draw(st.booleans()):
        _, release = data.draw(corrupted_datasets(release))
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "release.json"
        if data.draw(st.booleans()):  # as claims release writes it: workers parse only their pieces
            path.write_bytes(release_bytes(release))
            vouch(path, layout=data.draw(st.booleans()))
        else:
            write_release(release, path)
        jobs = data.draw(st.integers(1, 3))
        assert validate(path, jobs=jobs) == one_process(path)


@given(
    weights=st.lists(st.integers(0, 50), max_size=30),
    jobs=st.integers(1, 6),
)
def test_runs_keep_every_source_in_order_in_balanced_runs(weights: list[int], jobs: int) -> None:
    files = [f"{index:03d}_x.txt" for index in range(len(weights))]
    counts = Counter(dict(zip(files, weights, strict=True)))
    runs = parallel.runs_of(files, counts, jobs)
    assert len(runs) == jobs
    assert [name for run in runs for name in run] == files
    total = sum(weights)
    for run in runs:
        assert sum(counts[name] for name in run) <= total / jobs + max(weights, default=0)


def test_the_dataset_directory_is_checked_on_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "check_share", None)  # never reached for a directory
    report = validate(REPO / "dataset", jobs=2)
    assert report == validate_loaded(read_dataset(REPO / "dataset"))
