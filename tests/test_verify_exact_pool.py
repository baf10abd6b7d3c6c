"""Exact search looks only in the sources that can hold the quote: never fewer matches than in all sources.

The index requires every word of a piece and every pair of adjacent words, its first and last
words included (an exact match is word-bounded, so they are words of the source unless joined to
a longer word by ``_``). The narrowed search is compared with the search of every source.
"""

from __future__ import annotations

from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.verification import exact
from claims.verification.edge_words import WordEdges
from claims.verification.exact import find_exact
from claims.verification.index import CorpusIndex
from claims.verification.passage import Match
from claims.verification.quote import Quote
from tests.strategies import examples
from tests.verify_support import index_of

_TOKENS = st.sampled_from(
    ["foo_bar", "bar", "baz", "_baz", "bar_", "a_b_c", "b", "ba", "r", " ", " ", " ", "-", ". ", "__", "x1"]
)
_TEXTS = st.lists(st.lists(_TOKENS, min_size=1, max_size=14).map("".join), min_size=1, max_size=5)


def _spans(matches: list[Match]) -> list[tuple[int, tuple[tuple[int, int], ...]]]:
    return sorted((m.text.number, m.pieces) for m in matches)


def _found_everywhere(index: CorpusIndex, quote: Quote) -> list[Match]:
    """The exact matches in every source (the index's narrowing turned off)."""
    with patch.object(CorpusIndex, "sources_with_all", lambda self, pieces: list(self.sources)):
        return find_exact(index, quote)


@examples(300)
@given(_TEXTS, st.data())
def test_narrowed_exact_search_finds_what_searching_every_source_finds(
    texts: list[str], data: st.DataObject
) -> None:
    index = index_of(texts)
    chosen = index.sources[data.draw(st.integers(0, len(texts) - 1))].folded.text
    # pieces mostly cut beside a non-letter (where bounded matches start and end), sometimes anywhere
    cuts = [i for i in range(len(chosen) + 1) if i in (0, len(chosen)) or not chosen[i - 1 : i + 1].isalnum()]
    start = data.draw(st.sampled_from(cuts) | st.integers(0, len(chosen)))
    end = data.draw(st.sampled_from([c for c in cuts if c >= start]) | st.integers(start, len(chosen)))
    quote = Quote.parse(chosen[start:end])
    if not quote.pieces:
        return
    everywhere = _found_everywhere(index, quote)
    assert _spans(find_exact(index, quote)) == _spans(everywhere)
    holders = {m.text.number for m in everywhere}
    assert holders <= {t.number for t in index.sources_with_all(list(quote.pieces))}


def test_first_and_last_words_narrow_the_search() -> None:
    index = index_of(["we talk of the talks", "the plans and the talks", "talks the"])
    assert [t.number for t in index.sources_with_all(["the talks"])] == [0, 1]
    assert [t.number for t in index.sources_with_all(["talks the"])] == [2]
    assert index.sources_with_all(["plans the"]) == []


def test_an_edge_word_may_sit_in_a_word_joined_by_underscore() -> None:
    index = index_of(["see foo_bar baz now", "bar baz", "foobar baz"])
    assert [t.number for t in index.sources_with_all(["bar baz"])] == [0, 1]
    assert _spans(find_exact(index, Quote.parse("bar baz"))) == [(0, ((8, 15),)), (1, ((0, 7),))]
    assert [t.number for t in index.sources_with_all(["see foo"])] == [0]
    assert [t.number for t in index.sources_with_all(["bar"])] == [0, 1]


def test_word_edges_list_the_joined_words_an_edge_word_may_sit_in() -> None:
    edges = WordEdges(["foo_bar_baz", "plain", "_lead"])
    assert edges.ending("baz") == ["baz", "foo_bar_baz"]
    assert edges.ending("bar_baz") == ["bar_baz", "foo_bar_baz"]
    assert edges.ending("ar_baz") == ["ar_baz"]
    assert edges.starting("foo") == ["foo", "foo_bar_baz"]
    assert edges.starting("foo_") == ["foo_", "foo_bar_baz"]
    assert edges.within("bar") == ["bar", "foo_bar_baz"]
    assert edges.within("lead") == ["lead", "_lead"]
    assert edges.within("plain") == ["plain"]


def test_the_cap_keeps_the_preferred_sources_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    index = index_of(["we talk of the talks", "the plans and the talks"])
    monkeypatch.setattr(exact, "MAX_EXACT_MATCHES", 1)
    quote = Quote.parse("the talks")
    assert [m.text.number for m in find_exact(index, quote)] == [0]
    assert [m.text.number for m in find_exact(index, quote, preferred=[{1}])] == [1]
