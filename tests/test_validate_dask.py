"""Validating a release file on a Dask cluster (``--scheduler``) gives exactly the local report, whatever
the number of workers, a lost worker or bytes a worker reads that this process did not check."""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.canonical import release_bytes
from claims.checksums import SUMS_NAME, read_sums
from claims.cli import main
from claims.errors import InputError
from claims.executors import DaskCluster
from claims.jsonio import read_bytes
from claims.layout import layout_name, trusted_layout
from claims.validation import cluster, validate
from tests.strategies import corrupted_datasets, examples, valid_datasets
from tests.validate_support import DATASET, RELEASE, one_process, tampered_release, vouch

RELEASE_2 = DATASET / "releases" / "claimtrack-2.0.0.json"


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A client of a ``LocalCluster`` of two worker processes (as CI runs it)."""
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as local,
        distributed.Client(local, set_as_default=False) as connected,
    ):
        yield connected


@pytest.fixture
def no_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the cluster's run is given up for the local path."""

    def refuse(path: Path, **keywords: Any) -> Any:
        raise AssertionError(f"{path} was checked locally instead of on the cluster")

    monkeypatch.setattr(cluster, "validate_release_file", refuse)


def copy_release(tmp_path: Path, source: Path) -> Path:
    """A copy of a repository release, its layout manifest and their SHA256SUMS lines, in a folder of its own."""
    folder = tmp_path / "releases"
    folder.mkdir()
    manifest = source.with_name(layout_name(source.name))
    sums = read_sums(source.parent)
    lines = []
    for file in (source, manifest):
        if file.exists():
            shutil.copy(file, folder / file.name)
            lines.append(f"{sums[file.name]}  {file.name}\n")
    (folder / SUMS_NAME).write_text("".join(lines))
    return folder / source.name


@pytest.mark.parametrize("jobs", [None, 1, 2, 3, 5])
def test_release_2_gives_the_local_report_for_any_number_of_shares(
    client: Any, jobs: int | None, no_fallback: None
) -> None:
    expected = one_process(RELEASE_2)
    assert cluster.validate_with(client, RELEASE_2, jobs=jobs) == expected
    assert expected.findings  # the comparison covers findings


def test_release_2_is_read_in_pieces_at_its_manifests_ranges() -> None:
    layout = trusted_layout(RELEASE_2, read_sums(RELEASE_2.parent))
    assert layout is not None
    planned = cluster._plan(read_bytes(RELEASE_2), str(RELEASE_2), layout, 2)
    assert planned is not None
    head, pieces = planned
    assert not head.claims and not head.segments  # the claims are read by the workers, not scattered
    assert [len(piece.files) > 0 for piece in pieces] == [True, True]


def test_cli_json_is_byte_identical_to_the_local_run(client: Any) -> None:
    runner = CliRunner()
    local = runner.invoke(main, ["validate", str(RELEASE_2), "--format", "json"])
    on_cluster = runner.invoke(
        main, ["validate", str(RELEASE_2), "--format", "json", "--scheduler", client.scheduler.address]
    )
    assert (local.exit_code, on_cluster.exit_code) == (0, 0)
    assert on_cluster.stdout == local.stdout


@pytest.mark.parametrize("laid_out", [False, True], ids=["no-manifest", "manifest"])
def test_problems_found_on_the_cluster_match_the_local_report(
    client: Any, tmp_path: Path, laid_out: bool, no_fallback: None
) -> None:
    def unknown_speaker(raw: dict[str, Any]) -> None:
        raw["claims"][-1]["speaker_id"] = "no-such-person"

    path = tampered_release(tmp_path, unknown_speaker)
    if laid_out:
        vouch(path)
    expected = one_process(path)
    assert not expected.valid
    assert cluster.validate_with(client, path, jobs=2) == expected


def test_what_the_shares_cannot_judge_is_checked_locally(client: Any, tmp_path: Path) -> None:
    def duplicate_claim(raw: dict[str, Any]) -> None:
        raw["claims"].append(dict(raw["claims"][0]))

    path = vouch(tampered_release(tmp_path, duplicate_claim))
    assert cluster.validate_with(client, path, jobs=2) == one_process(path)


@settings(examples(10), suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.data())
def test_generated_releases_get_the_local_report(client: Any, data: st.DataObject) -> None:
    release = data.draw(valid_datasets())
    if data.draw(st.booleans()):
        _, release = data.draw(corrupted_datasets(release))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "release.json"
        path.write_bytes(release_bytes(release))
        vouch(path, layout=data.draw(st.booleans()))
        jobs = data.draw(st.integers(1, 3))
        assert cluster.validate_with(client, path, jobs=jobs) == validate(path, jobs=1)


def test_bytes_other_than_those_checked_fail_the_share_and_the_file_is_checked_locally(
    client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    path = copy_release(tmp_path, RELEASE_2)
    checked = path.read_bytes()
    at = checked.index(b'"quote": "') + len(b'"quote": "')
    path.write_bytes(checked[:at] + b"#" + checked[at + 1 :])  # what the workers will read
    monkeypatch.setattr(cluster, "read_bytes", lambda *args, **keywords: checked)  # what this process read
    with caplog.at_level(logging.WARNING, logger=cluster.__name__):
        report = cluster.validate_with(client, path, jobs=2)
    assert report == validate(path, jobs=1)  # the file as it is now, read here: its checksum fails
    assert "release-checksum-mismatch" in [problem.code for problem in report.errors]
    assert "checked here instead" in caplog.text


def dies_once(marks: str, *args: Any, **keywords: Any) -> Any:
    """On a worker: share 1's first try kills its worker (as the kernel would, for memory)."""
    index = args[-1]
    if index == 1:
        try:
            Path(marks, "died").touch(exist_ok=False)
        except FileExistsError:
            pass
        else:
            os._exit(9)
    return cluster.check_piece_at(*args, **keywords)


def test_a_worker_killed_during_the_run_leaves_the_report_complete(
    client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_fallback: None
) -> None:
    from functools import partial

    monkeypatch.setattr(cluster, "check_piece_at", partial(dies_once, str(tmp_path)))
    path = copy_release(tmp_path, RELEASE_2)
    assert cluster.validate_with(client, path, jobs=2) == one_process(path)
    assert (tmp_path / "died").exists()  # a worker did die, and Dask ran its share again


def raises_always(index: int) -> int:
    raise RuntimeError("a bug in a check")


def test_a_share_that_keeps_failing_loses_the_run(client: Any) -> None:
    with DaskCluster(client, retries=1).start(raises_always, 2) as started:
        assert started.results() is None


def test_a_bad_scheduler_address_is_an_error_within_the_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    with pytest.raises(InputError, match=re.escape("cannot reach a Dask scheduler at tcp://127.0.0.1:1")):
        cluster.validate_on_cluster(RELEASE, "tcp://127.0.0.1:1", timeout=1)
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1.0)
    runner = CliRunner()
    for address in ("tcp://127.0.0.1:1", "127.0.0.1:1"):
        result = runner.invoke(main, ["validate", str(RELEASE), "--scheduler", address])
        assert result.exit_code == 2, result.output
        assert "--scheduler" in result.stderr and "Traceback" not in result.output


def test_without_the_extra_the_scheduler_option_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed raises ImportError
    result = CliRunner().invoke(main, ["validate", str(RELEASE), "--scheduler", "local"])
    assert result.exit_code == 2
    assert "pip install 'claimtrack[dask]'" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
