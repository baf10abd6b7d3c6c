"""The word diff of a quote against a passage (difflib over folded words, punctuation at their edges ignored)."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from typing import Any

from claims.verification.folding import fold
from claims.verification.index import SourceText
from claims.verification.quote import Quote
from claims.verification.result import DiffEntry, DiffOp

_TOKEN = re.compile(r"\S+")
_EDGE_PUNCT = re.compile(r"^\W+|\W+$")


@lru_cache(maxsize=1 << 16)
def word_key(word: str, *, punctuation: bool = False) -> str:
    """A word as compared in diffs: folded, and without punctuation at its edges unless ``punctuation``.

    Cached: the same words recur in every diff. An ASCII word without ``--`` or ``..`` folds to
    its lower case (nothing else in it can fold), so :func:`fold` runs only for the rest.
    """
    plain = word.isascii() and "--" not in word and ".." not in word
    folded = word.lower() if plain else fold(word).text
    return folded if punctuation else (_EDGE_PUNCT.sub("", folded) or folded)


def word_tokens(original: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Words of ``original[start:end]`` with their offsets and comparison keys."""
    return [(m.start(), m.end(), word_key(m.group())) for m in _TOKEN.finditer(original, start, end)]


CONTRACTIONS: dict[str, str] = {
    "i'm": "i am", "you're": "you are", "we're": "we are", "they're": "they are",
    "he's": "he is", "she's": "she is", "it's": "it is", "that's": "that is",
    "there's": "there is", "what's": "what is", "here's": "here is", "let's": "let us",
    "i've": "i have", "you've": "you have", "we've": "we have", "they've": "they have",
    "i'll": "i will", "you'll": "you will", "we'll": "we will", "they'll": "they will",
    "it'll": "it will", "he'll": "he will", "she'll": "she will",
    "i'd": "i would", "we'd": "we would", "you'd": "you would", "they'd": "they would",
    "don't": "do not", "doesn't": "does not", "didn't": "did not", "isn't": "is not",
    "aren't": "are not", "wasn't": "was not", "weren't": "were not", "won't": "will not",
    "can't": "cannot", "couldn't": "could not", "wouldn't": "would not",
    "shouldn't": "should not", "haven't": "have not", "hasn't": "has not", "hadn't": "had not",
    "mustn't": "must not",
}  # fmt: skip
"""English contractions (folded) and their expansions: either form matches the other."""


_KEY_PARTS: dict[str, tuple[str, ...]] = {
    **{short: tuple(long.split()) for short, long in CONTRACTIONS.items()},
    "can't": ("can", "not"),
    "cannot": ("can", "not"),
}
"""Diff keys that stand for several words: a contraction compares as the words it stands for."""


def key_parts(key: str) -> tuple[str, ...]:
    return _KEY_PARTS.get(key, (key,))


def expand_keys(keys: list[str]) -> tuple[list[str], list[int]]:
    """Keys with contractions expanded (``we're`` → ``we``, ``are``), and each key's word index."""
    expanded: list[str] = []
    owners: list[int] = []
    for number, key in enumerate(keys):
        for part in key_parts(key):
            expanded.append(part)
            owners.append(number)
    return expanded, owners


def _word_range(owners: list[int], lo: int, hi: int, words: int) -> tuple[int, int]:
    """The words an expanded key range ``[lo, hi)`` touches (an empty range: where it falls)."""
    if lo < hi:
        return owners[lo], owners[hi - 1] + 1
    if lo == len(owners):
        return words, words
    if lo > 0 and owners[lo - 1] == owners[lo]:  # inside a contraction
        return owners[lo], owners[lo] + 1
    return owners[lo], owners[lo]


def word_diff(
    quote_words: list[str], source_words: list[str], *, punctuation: bool = False
) -> list[DiffEntry]:
    """Word-level diff from the source's words to the quote's, on folded keys.

    Punctuation at the edges of words is ignored unless ``punctuation`` is set (used when the
    words agree and only punctuation differs). A contraction compares as the words it stands for
    (``we're`` equals ``we are``). The steps' source words, joined, are exactly ``source_words``,
    and their quote words ``quote_words``.
    """
    source_keys, source_owners = expand_keys([word_key(w, punctuation=punctuation) for w in source_words])
    quote_keys, quote_owners = expand_keys([word_key(w, punctuation=punctuation) for w in quote_words])
    matcher = difflib.SequenceMatcher(None, source_keys, quote_keys, autojunk=False)
    ops: dict[str, DiffOp] = {"equal": "equal", "insert": "added", "delete": "dropped", "replace": "changed"}
    steps: list[list[Any]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        s1, s2 = _word_range(source_owners, i1, i2, len(source_words))
        q1, q2 = _word_range(quote_owners, j1, j2, len(quote_words))
        if steps and (s1 < steps[-1][2] or q1 < steps[-1][4]):
            # the step shares a contraction with the last one: one step, changed unless both equal
            last = steps[-1]
            last[0] = "equal" if last[0] == ops[tag] == "equal" else "changed"
            last[2], last[4] = max(last[2], s2), max(last[4], q2)
            continue
        steps.append([ops[tag], s1, s2, q1, q2])
    entries = []
    for op, s1, s2, q1, q2 in steps:
        if s1 == s2 and q1 == q2:
            continue
        if op in ("added", "dropped") and s1 < s2 and q1 < q2:
            op = "changed"
        entries.append(
            DiffEntry(op=op, quote=" ".join(quote_words[q1:q2]), source=" ".join(source_words[s1:s2]))
        )
    return entries


def diff_pieces(
    text: SourceText, spans: list[tuple[int, int]], quote: Quote, *, punctuation: bool
) -> list[DiffEntry]:
    """The word diff of every piece against its passage, elisions shown as an equal ``...`` step."""
    diff: list[DiffEntry] = []
    for (start, end), original_piece in zip(spans, quote.original_pieces, strict=True):
        if diff:
            diff.append(DiffEntry(op="equal", quote="...", source="..."))
        diff.extend(
            word_diff(original_piece.split(), text.original[start:end].split(), punctuation=punctuation)
        )
    return diff
