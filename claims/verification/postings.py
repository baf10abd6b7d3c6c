"""Postings: for each key (a word, a word-pair key), the ascending numbers of the sources holding it.

Built source by source, in ascending source order, with no Python loop step per posting. Most
keys of real text occur in one source only: such a key maps to a plain ``int`` (added at C speed
with ``dict.fromkeys``) until a second source holds it; then it moves to an ``array`` of 4-byte
numbers, appended to at C speed (``map`` of ``array.append``, drained by a zero-length ``deque``).
Adding a source probes the held arrays once for each of its keys (a set iterates in the same
order twice while unchanged, so the probes line up with the keys). Postings built apart (by a
worker process, for a later run of sources) are packed into a few flat arrays to travel and
merged in with set operations, a Python step only for each key both sides hold.
"""

from __future__ import annotations

import operator
from array import array
from collections import deque
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain, compress, repeat
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Packed(Generic[K]):
    """:class:`Postings` as flat sequences: the keys held once with their one number each, and
    the keys held more often with their numbers' counts and all their numbers end to end."""

    single_keys: Sequence[K]
    single_numbers: array[int]
    multi_keys: Sequence[K]
    multi_counts: array[int]
    multi_numbers: array[int]


class Postings(Generic[K]):
    """Key -> ascending source numbers, compact (see the module docstring)."""

    __slots__ = ("_multi", "_single")

    def __init__(self) -> None:
        self._single: dict[K, int] = {}
        self._multi: dict[K, array[int]] = {}

    def add(self, number: int, keys: set[K]) -> None:
        """Record that source ``number`` (greater than every number added so far) holds ``keys``."""
        single, multi = self._single, self._multi
        # one dict probe a key: the held arrays get the number appended; the rest are the keys
        # that are not yet held by two sources
        found = list(map(multi.get, keys))
        deque(map(array.append, filter(None, found), repeat(number)), maxlen=0)
        if None not in found:
            return
        rest = set(compress(keys, map(operator.not_, found)))
        new = rest.difference(single)
        for key in rest.difference(new):  # a key's second source: once in its lifetime
            multi[key] = array("I", (single.pop(key), number))
        single.update(dict.fromkeys(new, number))

    def pack(self) -> Packed[K]:
        """The postings as flat arrays (see :class:`Packed`), to send to another process."""
        numbers: array[int] = array("I")
        deque(map(numbers.extend, self._multi.values()), maxlen=0)
        return Packed(
            single_keys=list(self._single),
            single_numbers=array("I", self._single.values()),
            multi_keys=list(self._multi),
            multi_counts=array("I", map(len, self._multi.values())),
            multi_numbers=numbers,
        )

    @classmethod
    def unpack(cls, packed: Packed[K]) -> Postings[K]:
        """The postings :meth:`pack` packed."""
        postings: Postings[K] = cls()
        postings._single = dict(zip(packed.single_keys, packed.single_numbers, strict=True))
        ends = list(accumulate(packed.multi_counts))
        starts = [0, *ends[:-1]]
        runs = map(packed.multi_numbers.__getitem__, map(slice, starts, ends))
        postings._multi = dict(zip(packed.multi_keys, runs, strict=True))
        return postings

    def merge(self, later: Postings[K]) -> None:
        """Add ``later``'s postings (every number in them greater than every number here); ``later`` is used up."""
        single, multi = self._single, self._multi
        later_single, later_multi = later._single, later._multi
        # the keys both sides hold, found by set operations; every other key is moved over as is
        single_single = later_single.keys() & single.keys()
        single_multi = later_single.keys() & multi.keys()
        multi_single = later_multi.keys() & single.keys()
        multi_multi = later_multi.keys() & multi.keys()
        for key in single_single:
            multi[key] = array("I", (single.pop(key), later_single.pop(key)))
        # appended at C speed (a set iterates in the same order twice while unchanged)
        deque(map(array.append, map(multi.__getitem__, single_multi), map(later_single.pop, single_multi)), 0)
        for key in multi_single:
            held = array("I", (single.pop(key),))
            held.extend(later_multi.pop(key))
            multi[key] = held
        deque(map(array.extend, map(multi.__getitem__, multi_multi), map(later_multi.pop, multi_multi)), 0)
        single.update(later_single)
        multi.update(later_multi)
        later_single.clear()
        later_multi.clear()

    def get(self, key: K) -> Sequence[int]:
        """The ascending numbers of the sources holding ``key`` (empty if none)."""
        found = self._multi.get(key)
        if found is not None:
            return found
        first = self._single.get(key)
        return () if first is None else (first,)

    def __len__(self) -> int:
        return len(self._single) + len(self._multi)

    def keys(self) -> Iterator[K]:
        """Every key held, those held by one source first."""
        return chain(self._single, self._multi)

    def sizes(self) -> tuple[int, int]:
        """(keys, postings): how many keys, and how many (key, source) pairs in all."""
        return len(self), len(self._single) + sum(map(len, self._multi.values()))
