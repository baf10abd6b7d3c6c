"""``claims stats`` counts what the dataset holds."""

from __future__ import annotations

from pathlib import Path

import orjson
from click.testing import CliRunner

from claims.cli import main
from claims.loading import load
from claims.stats import compute_stats

DATASET = Path(__file__).resolve().parents[1] / "dataset"


def test_stats_totals_match_the_release() -> None:
    release = load(DATASET)
    stats = compute_stats(release)
    assert stats.records["claims"] == len(release.claims)
    assert sum(stats.by_source.values()) == len(release.claims)
    assert sum(stats.by_attribution.values()) == len(release.claims)
    assert sum(stats.by_speaker.values()) == len(release.claims)
    assert set(stats.by_speaker) <= {person.id for person in release.people}


def test_stats_json_is_the_api_output() -> None:
    result = CliRunner().invoke(main, ["stats", str(DATASET), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert orjson.loads(result.output) == compute_stats(load(DATASET)).model_dump(mode="json")


def test_stats_on_missing_path_exits_2() -> None:
    result = CliRunner().invoke(main, ["stats", "no/such/path"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
