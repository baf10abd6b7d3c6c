"""The benchmark harness runs end to end at a tiny size and writes figures of the promised shape.

No timing is asserted: only that every workload is reported, with positive figures where measured.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.bench_support import run_harness

WORKLOAD_NAMES = {
    "load",
    "load-every-record",
    "load-unvouched",
    "validate",
    "verify-index-build",
    "release",
    "import",
    "cli-help",
    "load-peak-memory",
    "load-every-record-peak-memory",
    "web-verify-api-p50",
}
ENTRY_KEYS = {"name", "claims", "median_s", "floor_s", "ratio", "target"}


@pytest.fixture(scope="module")
def figures(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One tiny run of every workload, read back from its JSON."""
    tmp_path = tmp_path_factory.mktemp("bench")
    out = tmp_path / "figures.json"
    completed = run_harness(
        request.config.rootpath,
        tmp_path,
        *("--claims", "300", "--sources", "3", "--repeat", "1", "--queries", "30", "--json", str(out)),
    )
    assert completed.returncode == 0, completed.stderr
    data: dict[str, Any] = orjson.loads(out.read_bytes())
    data["_cache"] = tmp_path / "cache"
    return data


@pytest.mark.slow
def test_machine_is_described(figures: dict[str, Any]) -> None:
    machine = figures["machine"]
    assert {"python", "platform", "cpu_count", "memory_bytes"} <= machine.keys()
    assert machine["cpu_count"] >= 1


@pytest.mark.slow
def test_every_workload_is_reported_with_the_promised_keys(figures: dict[str, Any]) -> None:
    entries = figures["workloads"]
    assert {entry["name"] for entry in entries} >= WORKLOAD_NAMES
    for entry in entries:
        assert entry.keys() >= ENTRY_KEYS, entry["name"]


@pytest.mark.slow
def test_measured_figures_are_positive(figures: dict[str, Any]) -> None:
    for entry in figures["workloads"]:
        if "skipped" in entry:
            continue
        if entry["unit"] == "s":
            assert entry["median_s"] > 0, entry["name"]
        if entry["floor_s"] is not None:
            assert entry["floor_s"] > 0, entry["name"]
            assert entry["ratio"] > 0, entry["name"]
    load = next(e for e in figures["workloads"] if e["name"] == "load")
    assert load["claims"] == 300
    release = next(e for e in figures["workloads"] if e["name"] == "release")
    assert release["identical"] is True


@pytest.mark.slow
def test_corpus_is_cached_outside_the_repository_and_loads(figures: dict[str, Any]) -> None:
    import claims

    folder = figures["_cache"] / "0-300-3"
    assert (folder / "meta.json").is_file()
    release = claims.load(folder / "release.json")
    assert len(release.claims) == 300
    assert len(release.sources) == 3
    kinds = {assertion.kind for claim in release.claims for assertion in claim.assertions}
    assert kinds == {"meeting-count", "meeting-ordinal", "date-reference", "quantity", "role-reference"}


GENERATE = """
import hashlib, sys
from pathlib import Path
from benchmarks.corpus import CorpusSpec, ensure_corpus
corpus = ensure_corpus(CorpusSpec(claims=120, sources=2, seed=int(sys.argv[2])), Path(sys.argv[1]))
print(hashlib.sha256(corpus.release_path.read_bytes() + corpus.queries_path.read_bytes()).hexdigest())
"""


def test_same_seed_same_bytes(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    def digest(folder: str, seed: int, hash_seed: str) -> str:
        completed = subprocess.run(
            [sys.executable, "-c", GENERATE, str(tmp_path / folder), str(seed)],
            cwd=request.config.rootpath,
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": hash_seed, "PATH": ""},
        )
        return completed.stdout.strip()

    first = digest("a", 3, "1")
    assert digest("b", 3, "2") == first
    assert digest("c", 4, "1") != first


def test_bad_arguments_exit_2_without_traceback(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    completed = run_harness(request.config.rootpath, tmp_path, "--claims", "0")
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr
    completed = run_harness(request.config.rootpath, tmp_path, "--workloads", "nope")
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr


def test_a_misquote_held_verbatim_by_any_source_is_recognised() -> None:
    from benchmarks.queries import verbatim_somewhere

    texts = ["We said \u201cno\u201d \u2014 and  we   meant it.", "Another source, with other words."]
    quotes = [
        'we said "no" -- and we meant it',
        "we said no and we meant it",
        "with other words",
        "other with",
    ]
    assert verbatim_somewhere(quotes, texts) == {'we said "no" -- and we meant it', "with other words"}


def test_misquoted_queries_are_misquotes_of_their_passage_only(tmp_path: Path) -> None:
    from benchmarks.corpus import CorpusSpec, ensure_corpus
    from benchmarks.queries import as_typed, verbatim_somewhere, word_similarity
    from claims.verification.passage import MISQUOTE_THRESHOLD

    corpus = ensure_corpus(CorpusSpec(claims=400, sources=4, seed=1), tmp_path)
    texts = {s["file"]: s["text"] for s in orjson.loads(corpus.release_path.read_bytes())["sources"]}
    misquoted = [q for q in corpus.queries() if q["kind"] == "misquoted"]
    assert len(misquoted) > 50
    assert not verbatim_somewhere([q["quote"] for q in misquoted], texts.values())
    for query in misquoted:
        start, end = query["span"]
        made_from = as_typed(texts[query["source_file"]][start:end])
        assert word_similarity(query["quote"], made_from) >= MISQUOTE_THRESHOLD, query["quote"]
