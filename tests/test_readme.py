"""The README's section "From pandas, DuckDB, Hugging Face": its snippets run, and answer as the release does."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import claims

REPO = Path(__file__).resolve().parent.parent
SECTION = "## From pandas, DuckDB, Hugging Face"


def _snippets() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)


def test_the_section_has_the_snippets_it_promises() -> None:
    code = "\n".join(_snippets())
    assert "duckdb.sql" in code and "JOIN" in code
    assert "pd.read_parquet" in code and "speaker_id" in code and "date" in code
    assert "datasets.load_dataset" in code


def test_the_snippets_run_and_agree_with_the_release(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("duckdb")
    pytest.importorskip("pandas")
    monkeypatch.chdir(REPO)
    namespace: dict[str, Any] = {}
    for snippet in _snippets():
        if "import datasets" in snippet and importlib.util.find_spec("datasets") is None:
            if os.environ.get("CI"):
                pytest.fail("datasets must be installed in CI (the descriptions extra)")
            continue
        exec(compile(snippet, "README.md", "exec"), namespace)
    release = claims.load()
    people = {p.id: p.name for p in release.people}
    counts = Counter(people[c.speaker_id] for c in release.claims)
    expected = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:3]
    assert [tuple(row) for row in namespace["most_quoted"]] == expected
    chosen = namespace["le_drian_2021"]
    assert sorted(chosen["id"]) == sorted(
        c.id for c in release.claims if c.speaker_id == "jean-yves-le-drian" and c.date >= dt.date(2021, 1, 1)
    )
    assert len(chosen) > 0
    if "hf_claims" in namespace:
        assert namespace["hf_claims"]["id"] == [c.id for c in release.claims]
