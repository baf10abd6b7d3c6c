"""Postings: for each key (a word, a word-pair key), the ascending numbers of the sources holding it.

Built source by source, in ascending source order, with no Python loop step per posting. Most
keys of real text occur in one source only: such a key maps to a plain ``int`` (added at C speed
with ``dict.fromkeys``) until a second source holds it; then it moves to an ``array`` of 4-byte
numbers, appended to at C speed (``map`` of ``array.append``, drained by a zero-length ``deque``).
Adding a source probes the held arrays once for each of its keys (a set iterates in the same
order twice while unchanged, so the probes line up with the keys).
"""

from __future__ import annotations

import operator
from array import array
from collections import deque
from collections.abc import Hashable, Sequence
from itertools import compress, repeat
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


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

    def get(self, key: K) -> Sequence[int]:
        """The ascending numbers of the sources holding ``key`` (empty if none)."""
        found = self._multi.get(key)
        if found is not None:
            return found
        first = self._single.get(key)
        return () if first is None else (first,)

    def __len__(self) -> int:
        return len(self._single) + len(self._multi)

    def sizes(self) -> tuple[int, int]:
        """(keys, postings): how many keys, and how many (key, source) pairs in all."""
        return len(self), len(self._single) + sum(map(len, self._multi.values()))
