"""Fuzzy search aligns only the places that share enough with the quote, and diffs only on demand;
the search's fast paths (occurrences, best sources, overlapping claims) equal their plain definitions."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.records import Claim
from claims.verification import fuzzy
from claims.verification.exact import find_word
from claims.verification.fuzzy import find_fuzzy
from claims.verification.index import _best
from claims.verification.quote import Quote
from tests.strategies import examples
from tests.verify_support import index_of

QUOTE = "the minister said the frigates will sail from toulon in march"
TEXTS = [
    "first the minister said the frigates would sail from toulon in march and no sooner",
    "in other news, a band from toulon played all night",
]


def _found(quote: str) -> list[tuple[int, float]]:
    index = index_of(TEXTS)
    return [(m.text.number, m.score) for m in find_fuzzy(index, Quote.parse(quote), list(index.sources))]


def test_a_place_with_few_of_the_best_places_votes_is_not_aligned() -> None:
    assert [number for number, _ in _found(QUOTE)] == [0]


def test_every_voted_place_is_aligned_without_the_vote_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fuzzy, "PLACE_VOTES", 0.0)
    assert sorted({number for number, _ in _found(QUOTE)}) == [0, 1]


def test_a_fuzzy_match_diffs_its_passage_when_read() -> None:
    index = index_of(TEXTS)
    best = find_fuzzy(index, Quote.parse(QUOTE), list(index.sources))[0]
    assert not best.exact
    assert "diff" not in vars(best)  # not worked out by the search
    assert [(d.op, d.quote, d.source) for d in best.diff if d.op != "equal"] == [("changed", "will", "would")]


_HAYSTACKS = st.lists(
    st.sampled_from(["we", "were", "w", "e", "_we", "we_", "1we", " ", " ", ".", "é"]), max_size=30
)


@examples(300)
@given(_HAYSTACKS.map("".join), st.sampled_from(["we", "w", "e", "we_", "1we"]), st.integers(0, 6))
def test_occurrences_are_the_word_bounded_finds(haystack: str, word: str, limit: int) -> None:
    found = fuzzy._occurrences(haystack, word, limit)
    if haystack.count(word) > limit:
        assert found is None
        return
    expected = []
    at = find_word(haystack, word, 0)
    while at != -1:
        expected.append(at)
        at = find_word(haystack, word, at + 1)
    assert found == expected


@examples(200)
@given(st.dictionaries(st.integers(0, 40), st.floats(0, 5, allow_nan=False), max_size=40), st.integers(1, 10))
def test_best_sources_are_the_highest_counts_lowest_number_first(
    counts: dict[int, float], limit: int
) -> None:
    assert _best(counts, limit) == sorted(counts, key=lambda n: (-counts[n], n))[:limit]


@examples(200)
@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30), st.booleans()), max_size=12),
    st.integers(0, 80),
    st.integers(0, 30),
)
def test_claims_overlapping_are_those_the_plain_scan_finds(
    spans: list[tuple[int, int, bool]], start: int, length: int
) -> None:
    text = index_of(["x" * 100]).sources[0]
    claims = [
        SimpleNamespace(id=f"c{k}", span=SimpleNamespace(start=a, end=a + n), retracted="gone" if r else None)
        for k, (a, n, r) in enumerate(spans)
    ]
    text.unordered_claims = cast(list[Claim], claims)
    end = start + length
    expected = [c for c in text.claims if c.retracted is None and c.span.start < end and start < c.span.end]
    assert text.claims_overlapping(start, end) == expected
