"""Postings: for each key (a word, a word-pair key), the ascending numbers of the sources holding it.

Built source by source, in ascending source order, with no Python loop step per posting. Most
keys of real text occur in one source only: such a key maps to a plain ``int`` (added at C speed
with ``dict.fromkeys``) until a second source holds it; then it moves to an ``array`` of 4-byte
numbers, appended to at C speed (``map`` of ``array.append``, drained by a zero-length ``deque``).
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Hashable, Sequence
from itertools import repeat
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
        # set.difference has a fast path for an exact dict: one C pass over ``keys`` each
        not_multi = keys.difference(multi)
        held = keys.difference(not_multi)
        deque(map(array.append, map(multi.__getitem__, held), repeat(number)), maxlen=0)
        new = not_multi.difference(single)
        for key in not_multi.difference(new):  # a key's second source: once in its lifetime
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
