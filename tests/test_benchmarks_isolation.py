"""Each benchmark workload runs in a forked process of its own; its progress and results come back."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, cast

import orjson
import pytest

from benchmarks.corpus import Corpus
from benchmarks.isolation import can_isolate, run_in_own_process
from benchmarks.results import Result
from benchmarks.workloads import Context
from tests.bench_support import run_harness

pytestmark = pytest.mark.skipif(not can_isolate(), reason="needs fork")


def _context(messages: list[str]) -> Context:
    return Context(corpus=cast(Corpus, None), repeat=1, queries=1, progress=messages.append)


def _reporting(name: str, context: Context) -> list[Result]:
    context.progress("first")
    context.progress("second")
    return [Result(name=name, claims=7, median=1.5, extra={"pid": os.getpid()})]


def _dying(name: str, context: Context) -> list[Result]:
    context.progress("about to die")
    os._exit(3)


def test_results_and_progress_come_back_from_another_process() -> None:
    messages: list[str] = []
    [result] = run_in_own_process(_reporting, "load", _context(messages), claims=7)
    assert (result.name, result.claims, result.median, result.skipped) == ("load", 7, 1.5, None)
    assert result.extra["pid"] != os.getpid()
    assert messages == ["first", "second"]


def test_a_process_that_dies_gives_a_skipped_row_with_its_exit_code() -> None:
    messages: list[str] = []
    [result] = run_in_own_process(_dying, "release", _context(messages), claims=9)
    assert (result.name, result.claims, result.median) == ("release", 9, None)
    assert result.skipped is not None
    assert result.extra["exit_code"] == 3
    assert messages == ["about to die"]


@pytest.mark.parametrize("flag", [(), ("--shared-process",)])
def test_the_harness_reports_the_same_rows_isolated_or_in_one_process(
    request: pytest.FixtureRequest, tmp_path: Path, flag: tuple[str, ...]
) -> None:
    out = tmp_path / "figures.json"
    args = ("--claims", "200", "--sources", "2", "--repeat", "1", "--workloads", "load,release")
    completed = run_harness(request.config.rootpath, tmp_path, *args, *flag, "--json", str(out))
    assert completed.returncode == 0, completed.stderr
    rows: list[dict[str, Any]] = orjson.loads(out.read_bytes())["workloads"]
    assert [(row["name"], row["claims"]) for row in rows] == [
        ("load", 200),
        ("load-every-record", 200),
        ("load-unvouched", 200),
        ("release", 200),
    ]
    assert all(row["median_s"] > 0 and row["floor_s"] > 0 for row in rows)
