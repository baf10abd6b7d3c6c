"""The verify index built on two processes is the one-process index: postings packed, merged and
renumbered as one process builds them, and a failing worker's run indexed by the building process."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import defaultdict
from collections.abc import Hashable
from typing import Any, TypeVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.executors import can_fork
from claims.verification import index as index_module
from claims.verification import later_run
from claims.verification.index import CorpusIndex
from claims.verification.postings import Postings
from claims.verification.wordpairs import WordNumbers, words_of
from tests.strategies import examples
from tests.verify_support import synthetic_release, with_texts

K = TypeVar("K", bound=Hashable)

needs_fork = pytest.mark.skipif(not can_fork(), reason="the worker is forked (Linux)")

_SOURCE_KEYS = st.lists(st.sets(st.integers(min_value=0, max_value=12)), max_size=12)


def _listed(postings: Postings[K]) -> dict[K, list[int]]:
    """Every key with its numbers, read through :meth:`Postings.pack` and :meth:`Postings.get`."""
    packed = postings.pack()
    return {key: list(postings.get(key)) for key in [*packed.single_keys, *packed.multi_keys]}


def _postings(sources: list[set[int]], first: int = 0) -> Postings[int]:
    postings: Postings[int] = Postings()
    for number, keys in enumerate(sources, start=first):
        postings.add(number, keys)
    return postings


@examples(200)
@given(_SOURCE_KEYS)
def test_packed_postings_unpack_to_the_same_postings(sources: list[set[int]]) -> None:
    postings = _postings(sources)
    unpacked = Postings.unpack(postings.pack())
    assert _listed(unpacked) == _listed(postings)
    assert unpacked.sizes() == postings.sizes()


@examples(200)
@given(_SOURCE_KEYS, st.integers(min_value=0, max_value=12))
def test_merged_postings_are_the_postings_of_every_source(sources: list[set[int]], cut: int) -> None:
    cut = min(cut, len(sources))
    earlier = _postings(sources[:cut])
    earlier.merge(_postings(sources[cut:], first=cut))
    whole = _postings(sources)
    expected: dict[int, list[int]] = defaultdict(list)
    for number, keys in enumerate(sources):
        for key in keys:
            expected[key].append(number)
    assert _listed(earlier) == _listed(whole) == expected
    assert earlier.sizes() == whole.sizes()


_TEXT_WORDS = st.lists(st.sampled_from(["the", "talks", "have", "not", "failed", "we", "will", "meet"]))


@given(st.lists(_TEXT_WORDS, max_size=8), st.integers(min_value=0, max_value=8))
def test_numbers_following_another_process_are_the_one_process_numbers(
    texts: list[list[str]], cut: int
) -> None:
    whole = WordNumbers()
    for words in texts:
        whole.add(words, set(words))
    earlier = WordNumbers()
    for words in texts[:cut]:
        earlier.add(words, set(words))
    later = WordNumbers.following(earlier.numbers())
    for words in texts[cut:]:
        later.add(words, set(words))
    assert list(later.numbers().items()) == list(whole.numbers().items())
    # the earlier process learns the later run's new words in the order they were numbered
    earlier.extend([word for word in later.numbers() if word not in earlier.numbers()])
    assert list(earlier.numbers().items()) == list(whole.numbers().items())


def _assert_same_index(built: CorpusIndex, expected: CorpusIndex) -> None:
    assert _listed(built.shingles) == _listed(expected.shingles)
    assert _listed(built.vocabulary) == _listed(expected.vocabulary)
    assert list(built.word_numbers.numbers().items()) == list(expected.word_numbers.numbers().items())
    assert [(t.number, t.source, t.folded) for t in built.sources] == [
        (t.number, t.source, t.folded) for t in expected.sources
    ]
    assert [(t.unordered_segments, t.unordered_claims) for t in built.sources] == [
        (t.unordered_segments, t.unordered_claims) for t in expected.sources
    ]
    assert list(built.by_file) == list(expected.by_file)
    assert built.speakers == expected.speakers
    assert built.dates == expected.dates


@needs_fork
def test_two_processes_build_the_one_process_index() -> None:
    release = synthetic_release()
    assert later_run.split_point([s.text or "" for s in release.sources], 2) == 1
    _assert_same_index(CorpusIndex.build(release, jobs=2), CorpusIndex.build(release, jobs=1))


_PIECES = st.sampled_from(
    [
        "the",
        "Talks",
        "have",
        "not",
        "failed",
        "We’ll",
        "meet",
        "—",
        " -- ",
        "...",
        "…",
        "  ",
        "\n",
        "Ünïcode",
        "ß",
    ]
)


@needs_fork
@examples(25)
@given(st.lists(st.lists(_PIECES, max_size=40).map(" ".join), min_size=2, max_size=6))
def test_two_processes_build_the_one_process_index_of_any_texts(texts: list[str]) -> None:
    release = with_texts(synthetic_release(), texts)
    _assert_same_index(CorpusIndex.build(release, jobs=2), CorpusIndex.build(release, jobs=1))


def _failing(*_: Any) -> Any:
    raise RuntimeError("a bug in the worker")


def _dying(*_: Any) -> Any:
    os._exit(3)


@needs_fork
@pytest.mark.parametrize("worker", [_failing, _dying])
def test_a_failed_workers_run_is_indexed_by_the_building_process(
    worker: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = with_texts(
        synthetic_release(), ["We will meet.", "The talks have not failed.", "We’ll meet — again"]
    )
    expected = CorpusIndex.build(release, jobs=1)
    monkeypatch.setattr(later_run, "index_later_run", worker)
    _assert_same_index(CorpusIndex.build(release, jobs=2), expected)


@needs_fork
def test_a_build_that_fails_in_this_process_leaves_no_worker_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    release = with_texts(
        synthetic_release(), ["We will meet.", "The talks have not failed.", "We’ll meet — again"]
    )

    def broken_fold(*_: Any, **__: Any) -> Any:
        raise RuntimeError("a bug in this process's half")

    monkeypatch.setattr(index_module, "fold", broken_fold)  # the worker's half folds through later_run
    with pytest.raises(RuntimeError):
        CorpusIndex.build(release, jobs=2)
    deadline = time.monotonic() + 30
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert multiprocessing.active_children() == []  # the worker saw its pipe close and exited


def test_the_split_keeps_small_or_single_texts_in_one_process() -> None:
    assert later_run.split_point(["a b c"], 2) == 1
    assert later_run.split_point(["a b", "c d"], 1) == 2
    assert later_run.split_point(["a b", "c d"]) == 2  # far below the text worth a worker
    if can_fork():
        assert later_run.split_point(["x" * 10, "y" * 10, "z" * 10, "w" * 10], 2) == 2
        assert later_run.split_point(["x" * 1000, "y", "z"], 2) == 1  # the earlier run is never empty
        assert later_run.split_point(["x", "y", "z" * 1000], 2) == 2  # nor the later one


def test_words_of_is_the_index_words() -> None:
    from claims.verification import index

    assert index.words_of is words_of
    assert words_of("we’ll meet—again, in rome") == ["we", "ll", "meet", "again", "in", "rome"]
