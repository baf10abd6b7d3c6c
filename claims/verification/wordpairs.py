"""Word numbers and word-pair keys: the index's shingles as integers, computed without a Python step a word.

Each word of the sources gets a 32-bit number when first seen; a pair of adjacent words is the
64-bit integer whose halves are the two numbers. A source's pairs are read off its array of word
numbers through two 8-byte views (pairs starting at even and at odd positions), so building the
keys of a long text runs at C speed. Numbers are spread over 32 bits (a multiplicative hash of
the order of first sight) so that a pair key's low bits, which pick its slot in a dict, vary.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Iterable
from itertools import count

WORD = re.compile(r"\w+")
"""A word of folded text, for shingles."""


_ASCII_NON_WORD = bytes(c if chr(c).isalnum() or c == ord("_") else ord(" ") for c in range(256))
"""Bytes table: every ASCII character that ``\\w`` does not match becomes a space."""


def words_of(folded_text: str) -> list[str]:
    """The words of a folded (lower-cased) text: the matches of :data:`WORD`.

    An ASCII text is cut at C speed instead (non-word characters to spaces, then split): the
    same words, several times faster than the regular expression on a long source.
    """
    if folded_text.isascii():
        return folded_text.encode("ascii").translate(_ASCII_NON_WORD).decode("ascii").split()
    return WORD.findall(folded_text)


_SPREAD = 0x9E3779B1
"""An odd multiplier: ``k * _SPREAD mod 2**32`` numbers words one to one, their bits well mixed."""

_MASK = 0xFFFFFFFF


def pair_key(first: int, second: int) -> int:
    """The key of the word pair numbered (``first``, ``second``), as :func:`WordNumbers.pairs` reads it."""
    if sys.byteorder == "little":
        return first | second << 32
    return first << 32 | second  # pragma: no cover - big-endian machines


class WordNumbers:
    """Word -> 32-bit number, assigned in order of first sight (sorted within one text)."""

    __slots__ = ("_numbers",)

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._numbers)

    def add(self, words: list[str], distinct: set[str]) -> array[int]:
        """Number ``words`` (whose set is ``distinct``), giving new words new numbers; in text order."""
        numbers = self._numbers
        new = distinct.difference(numbers)
        if new:
            self.extend(sorted(new))
        return array("I", map(numbers.__getitem__, words))

    def extend(self, new: list[str]) -> None:
        """Number ``new`` words (none numbered yet), in their order, as :meth:`add` numbers a text's new words."""
        first = len(self._numbers) + 1
        self._numbers.update(zip(new, (k * _SPREAD & _MASK for k in count(first)), strict=False))

    def numbers(self) -> dict[str, int]:
        """Word -> number, for every word numbered so far (the map itself: not to be changed)."""
        return self._numbers

    @classmethod
    def following(cls, numbers: dict[str, int]) -> WordNumbers:
        """Word numbers that go on from ``numbers`` (another process's :meth:`numbers`)."""
        followed = cls()
        followed._numbers = dict(numbers)
        return followed

    def pairs_of(self, words: Iterable[str]) -> set[int]:
        """Keys of the adjacent pairs of ``words`` (a query's): pairs with a word never seen are left out."""
        get = self._numbers.get
        keys: set[int] = set()
        previous: int | None = None
        for word in words:
            number = get(word)
            if previous is not None and number is not None:
                keys.add(pair_key(previous, number))
            previous = number
        return keys

    def keys_of(self, firsts: Iterable[str], seconds: Iterable[str]) -> list[int]:
        """Keys of every pair of a word of ``firsts`` and a word of ``seconds`` (never-seen words left out)."""
        get = self._numbers.get
        right = [n for n in map(get, seconds) if n is not None]
        return [pair_key(a, b) for a in map(get, firsts) if a is not None for b in right]


def pairs(numbers: array[int]) -> set[int]:
    """Keys of the adjacent pairs of a text's word numbers (see the module docstring)."""
    size = len(numbers)
    if size < 2:
        return set()
    view = memoryview(numbers).cast("B")
    keys = set(view[: size // 2 * 8].cast("Q"))
    keys.update(view[4 : 4 + (size - 1) // 2 * 8].cast("Q"))
    return keys
