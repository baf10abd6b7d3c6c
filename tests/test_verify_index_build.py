"""The verify index's build: word-pair keys, grouping by source, postings, and the fuzzy search's places.

Each fast path is compared with the plain definition it replaces.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from claims.records import Source
from claims.verification.fuzzy import _fuzzy_in_range, _windows
from claims.verification.index import SourceText, by_source_file
from claims.verification.postings import Postings
from claims.verification.quote import Quote
from claims.verification.wordpairs import WordNumbers, pair_key, pairs
from tests.strategies import examples
from tests.verify_support import synthetic_release

_WORDS = st.lists(
    st.sampled_from(["the", "talks", "have", "not", "failed", "we", "will", "meet"]), max_size=30
)


@examples(200)
@given(st.lists(st.integers(min_value=0, max_value=2**32 - 1), max_size=40))
def test_pairs_are_the_keys_of_adjacent_numbers(numbers: list[int]) -> None:
    from array import array

    assert pairs(array("I", numbers)) == {pair_key(a, b) for a, b in pairwise(numbers)}


@examples(200)
@given(_WORDS, _WORDS)
def test_a_querys_pairs_are_the_sources_pairs(source_words: list[str], query_words: list[str]) -> None:
    numbers = WordNumbers()
    numbered = numbers.add(source_words, set(source_words))
    held = pairs(numbered)
    # the query's pairs found in the source are exactly the word pairs they have in common
    common = set(pairwise(source_words)) & set(pairwise(query_words))
    assert numbers.pairs_of(query_words) & held == {
        pair_key(numbered[source_words.index(a)], numbered[source_words.index(b)]) for a, b in common
    }


def test_a_pair_with_an_unseen_word_is_left_out_not_bridged() -> None:
    numbers = WordNumbers()
    words = ["we", "will", "meet"]
    numbered = numbers.add(words, set(words))
    assert numbers.pairs_of(["we", "never", "will", "meet"]) == {pair_key(numbered[1], numbered[2])}
    assert numbers.pairs_of(["we", "will"]) == {pair_key(numbered[0], numbered[1])}
    assert len(numbers) == 3


def test_numbers_are_distinct_and_stable_for_known_words() -> None:
    numbers = WordNumbers()
    first = numbers.add(["b", "a", "b"], {"a", "b"})
    second = numbers.add(["a", "c"], {"a", "c"})
    assert first[0] == first[2] != first[1]
    assert second[0] == first[1]
    assert len({first[0], first[1], second[1]}) == 3


@examples(200)
@given(st.lists(st.sets(st.integers(min_value=0, max_value=12)), max_size=12))
def test_postings_list_the_sources_of_every_key(sources: list[set[int]]) -> None:
    postings: Postings[int] = Postings()
    expected: dict[int, list[int]] = defaultdict(list)
    for number, keys in enumerate(sources):
        postings.add(number, keys)
        for key in keys:
            expected[key].append(number)
    for key in range(14):
        assert list(postings.get(key)) == expected.get(key, [])
    assert postings.sizes() == (len(expected), sum(map(len, expected.values())))


def test_records_are_grouped_by_source_in_their_order() -> None:
    release = synthetic_release()
    segments = list(reversed(release.segments))
    grouped = by_source_file(segments)
    assert set(grouped) == {s.source_file for s in segments}
    for file, group in grouped.items():
        assert group == [s for s in segments if s.source_file == file]


def _text(original: str) -> SourceText:
    source = synthetic_release().sources[0]
    return SourceText.build(Source.model_construct(**{**dict(source), "text": original}), 0, [], [])


def test_the_passage_keeps_the_quotes_first_word_when_a_common_word_precedes_it() -> None:
    original = "PM: So the voters and the bridge, there is a full agenda today."
    text = _text(original)
    match = _fuzzy_in_range(text, Quote.parse("voters the decisive, there is a full"), 0, len(original))
    assert match is not None
    assert original[match.start : match.end] == "voters and the bridge, there is a full"


def test_two_agreeing_words_outvote_one_rarer_changed_word() -> None:
    # the quote changed "health" to "companies", which occurs once elsewhere; "why" (twice in the
    # source) and "monitor" (three times) agree on the passage; "the" and "and" are too common to vote
    common = "the talks and the plans and more. " * 35
    original = (
        f"A: Our companies met. {common}Ask why. {common}A monitor. {common}One monitor. {common}"
        "B: That is why the health and the monitor must act."
    )
    text = _text(original)
    best = max(_windows(text, "why the companies and the monitor"), key=lambda place: place[0])
    assert best[2] <= text.folded.text.find("why the health") < best[3]
