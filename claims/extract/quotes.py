"""Quotation marks and sentence boundaries in prose, for attributing news and readouts."""

from __future__ import annotations

import bisect
import re

ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "st", "sgt", "gen", "lt", "col", "capt", "cmdr", "adm", "maj", "cpl",
        "pvt", "sen", "rep", "gov", "pres", "prof", "rev", "jr", "sr", "no", "vs", "etc", "inc", "corp",
        "co", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    }
)  # fmt: skip
"""Words that end in a full stop without ending a sentence."""

_CANDIDATE_END = re.compile(r"[.!?]+[\"”’']?\s+")
_LAST_WORD = re.compile(r"([\w.]+)$")
MAX_ABBREVIATION_CHARS = 24
"""How far back from a full stop to look for the word it ends."""


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Spans of the double-quoted passages of ``text``, marks included (“…” or "…").

    An opening mark with no closing mark in the same text quotes nothing.
    """
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(text):
        char = text[index]
        closing = "”" if char == "“" else '"' if char == '"' else None
        if closing is None:
            index += 1
            continue
        end = text.find(closing, index + 1)
        if end == -1:
            index += 1
            continue
        spans.append((index, end + 1))
        index = end + 1
    return spans


def _inside(position: int, quotes: list[tuple[int, int]]) -> bool:
    """True when ``position`` is strictly inside a quoted passage (``quotes`` sorted, disjoint)."""
    index = bisect.bisect_left(quotes, (position, -1)) - 1
    return index >= 0 and quotes[index][0] < position < quotes[index][1] - 1


def quotes_between(quotes: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The quoted passages that open within ``[start, end)`` (``quotes`` sorted, disjoint)."""
    first = bisect.bisect_left(quotes, (start, -1))
    last = bisect.bisect_left(quotes, (end, -1))
    return quotes[first:last]


def _abbreviation(text: str, period: int) -> bool:
    """True when the full stop at ``period`` ends an abbreviation or an initial (``Sgt.``, ``U.S.``, ``I.``)."""
    word = _LAST_WORD.search(text, max(0, period - MAX_ABBREVIATION_CHARS), period)
    if word is None:
        return False
    token = word.group(1)
    return "." in token or token.lower() in ABBREVIATIONS or (len(token) == 1 and token.isupper())


def sentence_starts(text: str, quotes: list[tuple[int, int]]) -> list[int]:
    """Offsets where the sentences of ``text`` begin; quoted passages are never split."""
    starts = [0]
    for match in _CANDIDATE_END.finditer(text):
        stop = match.start()
        after = match.end()
        if after >= len(text):
            continue
        nxt = text[after]
        if not (nxt.isupper() or nxt.isdigit() or nxt in '“"'):
            continue
        inner_close = text[match.start() : match.end()].rstrip()[-1] in '”"'
        if _inside(stop, quotes) and not inner_close:
            continue
        if text[stop] == "." and _abbreviation(text, stop):
            continue
        starts.append(after)
    return starts
