"""Which source words can hold a quote's edge words, so exact search may require those words too.

An exact match is word-bounded (:func:`claims.verification.exact._word_bounded`): it neither
starts nor ends between two letters or digits. A piece's inner words are therefore whole words of
the source, and so, almost always, are its first and last: only ``_``, a word character that is
not a letter or digit, lets a bounded match start or end inside a longer source word (the piece
``bar baz`` is found in ``foo_bar baz``). Those longer words are few and are looked up here,
so the index can require a piece's edge words (and the pairs they form) like its inner words.
That is what narrows an exact search for a quote made of common words to the sources that can
hold it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

JOINER = "_"
"""The one word character a bounded match may start or end beside (it is not ``isalnum``)."""

MAX_JOINERS = 8
"""A word with more joiners than this can hold any edge word (its inner stretches are not listed)."""


def _cuts(word: str) -> list[int]:
    """Offsets inside ``word`` where a bounded match may start or end: beside a joiner."""
    return [i for i in range(1, len(word)) if word[i - 1] == JOINER or word[i] == JOINER]


class WordEdges:
    """For each stretch of a joined source word (one with ``_``), the source words holding it.

    ``ending(w)`` lists the source words a piece's first word ``w`` may be the end of, ``starting(w)``
    those its last word may begin, ``within(w)`` those a one-word piece may lie inside; each
    includes ``w`` itself. Words with more than :data:`MAX_JOINERS` joiners are listed for every
    word (they are rare, and listing their every stretch would cost their length squared).
    """

    __slots__ = ("_ends", "_insides", "_starts", "_wild")

    def __init__(self, words: Iterable[str]) -> None:
        self._ends: dict[str, list[str]] = defaultdict(list)
        self._starts: dict[str, list[str]] = defaultdict(list)
        self._insides: dict[str, list[str]] = defaultdict(list)
        self._wild: list[str] = []
        for word in words:
            if JOINER not in word:
                continue
            if word.count(JOINER) > MAX_JOINERS:
                self._wild.append(word)
                continue
            cuts = _cuts(word)
            for cut in cuts:
                self._ends[word[cut:]].append(word)
                self._starts[word[:cut]].append(word)
            bounds = [0, *cuts, len(word)]
            for i, start in enumerate(bounds):
                for end in bounds[i + 1 :]:
                    if (start, end) != (0, len(word)):
                        self._insides[word[start:end]].append(word)

    def _with(self, word: str, found: dict[str, list[str]]) -> list[str]:
        return [word, *found.get(word, ()), *self._wild]

    def ending(self, word: str) -> list[str]:
        """Source words a piece's first word ``word`` may be found at the end of (``word`` first)."""
        return self._with(word, self._ends)

    def starting(self, word: str) -> list[str]:
        """Source words a piece's last word ``word`` may be found at the start of (``word`` first)."""
        return self._with(word, self._starts)

    def within(self, word: str) -> list[str]:
        """Source words a one-word piece ``word`` may be found in (``word`` first)."""
        return self._with(word, self._insides)
