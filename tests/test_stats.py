"""``claims stats`` counts what the dataset holds."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import orjson
from click.testing import CliRunner

from claims.cli import main
from claims.jsonio import read_json
from claims.loading import load
from claims.stats import compute_stats
from tests.verify_support import NEWS, TRANSCRIPT, synthetic_release

DATASET = Path(__file__).resolve().parents[1] / "dataset"


def test_stats_count_a_known_release_exactly_and_in_order() -> None:
    stats = compute_stats(synthetic_release())
    assert stats.version == "0.1.0"
    assert stats.records == {
        "people": 5,
        "subjects": 1,
        "sources": 2,
        "segments": 9,
        "events": 0,
        "claims": 3,
    }
    assert list(stats.by_speaker.items()) == [("anna-alpha", 2), ("gina-gamma", 1)]
    assert list(stats.by_source.items()) == [(TRANSCRIPT, 2), (NEWS, 1)]
    assert stats.by_subject == {"talks": 3}
    assert list(stats.by_attribution.items()) == [("direct", 2), ("quoted", 1)]
    assert stats.by_assertion == {}
    assert stats.reviewed == {"misleading": 1}


def test_stats_order_ties_by_name() -> None:
    release = synthetic_release()
    claims = [
        c.model_copy(update={"speaker_id": "gina-gamma"}) if c.id == "100-c0002" else c
        for c in release.claims
    ]
    stats = compute_stats(release.model_copy(update={"claims": claims}))
    assert list(stats.by_speaker.items()) == [("gina-gamma", 2), ("anna-alpha", 1)]
    claims = [
        c.model_copy(update={"attribution": "quoted"}) if c.id == "100-c0002" else c for c in release.claims
    ]
    stats = compute_stats(release.model_copy(update={"claims": claims}))
    assert list(stats.by_attribution.items()) == [("quoted", 2), ("direct", 1)]
    one_each = [
        c.model_copy(update={"speaker_id": "bob-beta"}) if c.id == "100-c0002" else c for c in release.claims
    ]
    stats = compute_stats(release.model_copy(update={"claims": one_each}))
    assert list(stats.by_speaker) == ["anna-alpha", "bob-beta", "gina-gamma"]


def test_stats_of_the_dataset_are_the_counts_of_its_files() -> None:
    """Counted again from the raw JSON files, without the loader or the records."""
    raw = [claim for path in sorted((DATASET / "claims").glob("*.json")) for claim in read_json(path)]
    stats = compute_stats(load(DATASET))
    assert stats.records == {
        "people": len(read_json(DATASET / "people.json")),
        "subjects": len(read_json(DATASET / "subjects.json")),
        "sources": len(read_json(DATASET / "sources.json")),
        "segments": sum(len(read_json(p)) for p in (DATASET / "segments").glob("*.json")),
        "events": len(read_json(DATASET / "events.json")),
        "claims": len(raw),
    }
    assert stats.by_speaker == Counter(c["speaker_id"] for c in raw)
    assert stats.by_source == Counter(c["source_file"] for c in raw)
    assert stats.by_subject == Counter(s for c in raw for s in c["subjects"])
    assert stats.by_attribution == Counter(c["attribution"] for c in raw)
    assert stats.by_assertion == Counter(a["kind"] for c in raw for a in c.get("assertions", []))
    assert stats.reviewed == Counter(c["review"]["rating"] for c in raw if c.get("review"))
    counts = list(stats.by_speaker.values())
    assert counts == sorted(counts, reverse=True)


def test_stats_json_is_the_api_output() -> None:
    result = CliRunner().invoke(main, ["stats", str(DATASET), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert orjson.loads(result.output) == compute_stats(load(DATASET)).model_dump(mode="json")


def test_stats_on_missing_path_exits_2() -> None:
    result = CliRunner().invoke(main, ["stats", "no/such/path"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
