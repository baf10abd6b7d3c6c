"""Fuzzy search aligns only the places that share enough with the quote, and diffs only on demand."""

from __future__ import annotations

import pytest
from test_verify_exact_pool import _index

from claims.verification import matching
from claims.verification.matching import Quote, find_fuzzy

QUOTE = "the minister said the frigates will sail from toulon in march"
TEXTS = [
    "first the minister said the frigates would sail from toulon in march and no sooner",
    "in other news, a band from toulon played all night",
]


def _found(quote: str) -> list[tuple[int, float]]:
    index = _index(TEXTS)
    return [(m.text.number, m.score) for m in find_fuzzy(index, Quote.parse(quote), list(index.sources))]


def test_a_place_with_few_of_the_best_places_votes_is_not_aligned() -> None:
    assert [number for number, _ in _found(QUOTE)] == [0]


def test_every_voted_place_is_aligned_without_the_vote_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matching, "PLACE_VOTES", 0.0)
    assert sorted({number for number, _ in _found(QUOTE)}) == [0, 1]


def test_a_fuzzy_match_diffs_its_passage_when_read() -> None:
    index = _index(TEXTS)
    best = find_fuzzy(index, Quote.parse(QUOTE), list(index.sources))[0]
    assert not best.exact
    assert "diff" not in vars(best)  # not worked out by the search
    assert [(d.op, d.quote, d.source) for d in best.diff if d.op != "equal"] == [("changed", "will", "would")]
