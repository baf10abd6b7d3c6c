"""The verify index built on two cores: a worker process folds and indexes the later sources.

The sources, in index order, are cut by text length into an earlier run, indexed by the building
process, and a later run, indexed meanwhile by a worker forked at the start of the build (Linux;
``claims.executors.ForkedPool``). Word numbers go in order of first sight, so the later run's
numbers depend on the earlier run's words: the worker numbers its words among themselves while it
folds and splits; the building process sends its numbering, on a pipe the worker inherited, once
it has numbered its own run; the worker then renumbers (a table lookup a word, in C), keys its
word pairs, fills its postings and sends them back packed into flat arrays, with its folded texts
and the words it numbered. Merged, the index is the one a single process builds, number for
number. If the worker fails, the building process indexes the later run itself.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from itertools import count
from multiprocessing.connection import Connection

from claims.executors import ForkedPool, Started, can_fork, cores
from claims.verification.folding import Folded, fold
from claims.verification.postings import Packed, Postings
from claims.verification.wordpairs import WordNumbers, pairs, words_of

MIN_TEXT_PER_PROCESS = 2_000_000
"""Characters of source text each process must have for a worker to be worth forking."""

EARLIER_SHARE = 0.5
"""The share of the text the building process indexes itself (it also merges the worker's run)."""


def worth_forking(total_text: int) -> bool:
    """True where forking is safe, a second core is free to this process and the text is large."""
    return can_fork() and cores() > 1 and total_text >= 2 * MIN_TEXT_PER_PROCESS


def split_point(texts: Sequence[str], jobs: int | None = None) -> int:
    """How many of ``texts`` (in index order) the building process indexes; the rest go to a worker.

    ``jobs`` 1 keeps every text in this process; 2 splits wherever forking is safe (given two
    texts); ``None`` splits when :func:`worth_forking`.
    """
    total = sum(map(len, texts))
    if jobs is None:
        jobs = 2 if worth_forking(total) else 1
    if jobs < 2 or len(texts) < 2 or not can_fork():
        return len(texts)
    done = 0
    for number, text in enumerate(texts):
        if done + len(text) / 2 > total * EARLIER_SHARE:
            return min(max(number, 1), len(texts) - 1)
        done += len(text)
    return len(texts) - 1


@dataclass
class LaterRun:
    """What the worker sends back: each source's folded text, the words new to the building
    process's numbering (in the order they are numbered), and the run's postings, packed."""

    folded: list[Folded]
    new_words: list[str]
    shingles: Packed[int]
    vocabulary: Packed[str]


def index_later_run(texts: Sequence[str], first: int, numbering: Connection) -> LaterRun:
    """Fold and index ``texts``, the sources numbered from ``first``; the earlier run's word
    numbers are read from ``numbering`` once the texts are split into words."""
    local: dict[str, int] = {}  # word -> rank of first sight in this run (sorted within a text)
    ranked: list[str] = []
    folded: list[Folded] = []
    local_numbers: list[array[int]] = []
    vocabulary: Postings[str] = Postings()
    for offset, text in enumerate(texts):
        folded.append(fold(text, keep_case=False))
        words = words_of(folded[-1].text)
        distinct = set(words)
        new = distinct.difference(local)
        if new:
            ordered = sorted(new)
            local.update(zip(ordered, count(len(ranked)), strict=False))
            ranked += ordered
        local_numbers.append(array("I", map(local.__getitem__, words)))
        vocabulary.add(first + offset, distinct)
    word_numbers = WordNumbers.following(numbering.recv())
    # a word's first sight in this run, in order, is where a single process would number it
    known = word_numbers.numbers()
    new_words = [word for word in ranked if word not in known]
    word_numbers.extend(new_words)
    table = list(map(word_numbers.numbers().__getitem__, ranked))
    shingles: Postings[int] = Postings()
    for offset, numbers in enumerate(local_numbers):
        shingles.add(first + offset, pairs(array("I", map(table.__getitem__, numbers))))
    packed = shingles.pack()
    compact = Packed(  # 8 bytes a key, not a pickled int each
        array("Q", packed.single_keys),
        packed.single_numbers,
        array("Q", packed.multi_keys),
        packed.multi_counts,
        packed.multi_numbers,
    )
    return LaterRun(folded, new_words, compact, vocabulary.pack())


class LaterRunWorker:
    """A forked worker indexing ``texts`` (numbered from ``first``); none when ``texts`` is empty.

    The worker is a one-process ``ForkedPool``: the texts and the numbering pipe are inherited with
    the fork, the run comes back as the task's result. Leaving the ``with`` block early closes the
    pipe (a worker waiting for the numbers stops) and drops the run.
    """

    def __init__(self, texts: Sequence[str], first: int) -> None:
        self.texts = texts
        self.first = first
        self.started: Started[LaterRun] | None = None
        self.connection: Connection | None = None
        self.stack = contextlib.ExitStack()

    def __enter__(self) -> LaterRunWorker:
        if self.texts:
            theirs, mine = multiprocessing.get_context("fork").Pipe(duplex=False)
            self.connection = self.stack.enter_context(mine)
            work = partial(_index_share, self.texts, self.first, theirs, mine)
            self.started = self.stack.enter_context(ForkedPool().start(work, 1))
            theirs.close()  # the worker holds the only reading end: a send to a dead worker fails
        return self

    def send_numbers(self, numbers: dict[str, int]) -> None:
        """Send the earlier run's word numbers (the worker waits for them to number its words)."""
        if self.connection is None:
            return
        with contextlib.suppress(OSError):  # the worker is gone: result() says so
            self.connection.send(numbers)

    def result(self) -> LaterRun | None:
        """The worker's run; ``None`` when there is no worker or it failed (killed, out of memory, a bug)."""
        if self.started is None:
            return None
        results = self.started.results()
        return results[0] if results else None

    def __exit__(self, *exc_info: object) -> None:
        self.stack.close()


def _index_share(
    texts: Sequence[str], first: int, numbering: Connection, sending: Connection, _index: int
) -> LaterRun:
    """The worker's task: index the run, reading the earlier run's numbers from ``numbering``.

    The worker first closes its copy of the building process's end (``sending``), so that the
    building process closing its own, when it leaves early, ends the wait with ``EOFError``.
    """
    sending.close()
    try:
        return index_later_run(texts, first, numbering)
    finally:
        numbering.close()
