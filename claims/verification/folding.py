"""Folding what a reader cannot see or type, with a map back to the original offsets.

A fact-checker types straight quotes where the source prints curly ones, ``--`` for an em dash,
``...`` for ``…``; sources carry zero-width and bidirectional marks nobody sees. Both the source
text and the quote are folded the same way, matched in folded form, and every match is mapped back
through :class:`OffsetMap` so the offsets reported are always offsets into the original text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\u00b4"
"""Curly apostrophes and single quotation marks, primes, and the acute accent used as an apostrophe."""

DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb"
"""Curly double quotation marks, double primes and guillemets."""

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
"""Hyphen-minus and the dash family; a run of them (``--``) folds to one ``-``."""

INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Soft hyphen, zero-width characters and bidirectional marks: dropped."""

_TRANSLATE = {ord(c): "'" for c in SINGLE_QUOTES} | {ord(c): '"' for c in DOUBLE_QUOTES}

_INV = f"[{INVISIBLE}]"
_WS_INV = rf"[\s{INVISIBLE}]"
_DASH = f"[{re.escape(DASHES)}]"

_SPECIAL = re.compile(
    "|".join(
        [
            rf"(?P<dash>{_WS_INV}*{_DASH}(?:{_INV}*{_DASH})*{_WS_INV}*)",
            r"(?P<ellipsis>\u2026|\.\s?\.\s?\.)",
            rf"(?P<space>(?:{_INV}*\s){{2,}}{_INV}*|{_INV}*[^\S ]{_WS_INV}*|{_INV}+\s{_WS_INV}*|\s{_INV}+{_WS_INV}*)",
            rf"(?P<invisible>{_INV}+)",
            r"(?P<other>.?[\u0300-\u036f]+|[^\x00-\x7f])",
        ]
    ),
    re.DOTALL,
)
"""Stretches whose folded form differs from the plain lower-cased text."""


@dataclass(frozen=True)
class OffsetMap:
    """Maps a folded offset to the original offset: piecewise constant shifts at breakpoints.

    ``folded_points[k]`` is the first folded offset at which ``shifts[k]`` applies; the original
    offset of folded offset ``i`` is ``i + shift``. Text without special characters has one
    breakpoint, so the map stays small for large sources.
    """

    folded_points: tuple[int, ...]
    shifts: tuple[int, ...]
    folded_length: int
    original_length: int
    original_points: tuple[int, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        points = tuple(f + s for f, s in zip(self.folded_points, self.shifts, strict=True))
        object.__setattr__(self, "original_points", points)

    def to_folded(self, original: int) -> int:
        """The folded offset of the first folded character at or after original offset ``original``."""
        if original >= self.original_length:
            return self.folded_length
        k = bisect_right(self.original_points, original) - 1
        while k > 0 and original - self.shifts[k - 1] < self.folded_points[k]:
            k -= 1
        folded = original - self.shifts[k]
        if k + 1 < len(self.folded_points):
            folded = min(folded, self.folded_points[k + 1])
        return min(folded, self.folded_length)

    def start(self, folded: int) -> int:
        """Original offset where the folded character at ``folded`` begins."""
        if folded >= self.folded_length:
            return self.original_length
        k = bisect_right(self.folded_points, folded) - 1
        return folded + self.shifts[k]

    def span(self, folded_start: int, folded_end: int) -> tuple[int, int]:
        """Original ``[start, end)`` of the folded range ``[folded_start, folded_end)``."""
        start = self.start(folded_start)
        end = self.start(folded_end) if folded_end > folded_start else start
        if folded_end > folded_start:
            end = max(end, self.start(folded_end - 1) + 1)
        return start, end


@dataclass(frozen=True)
class Folded:
    """A text in folded form: ``text`` is lower-cased, ``cased`` keeps case; both align char by char."""

    text: str
    cased: str
    offsets: OffsetMap

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the folded range ``[start, end)``."""
        return self.offsets.span(start, end)


def _fold_special(kind: str, chunk: str) -> str:
    """The folded form of one special stretch matched by ``_SPECIAL``."""
    if kind == "dash":
        return "-"
    if kind == "ellipsis":
        return "..."
    if kind == "space":
        return " "
    if kind == "invisible":
        return ""
    folded = unicodedata.normalize("NFKC", chunk.translate(_TRANSLATE)).translate(_TRANSLATE)
    if any(c in DASHES for c in folded):
        folded = re.sub(rf"[{re.escape(DASHES)}]+", "-", folded)
    if "\u2026" in folded:
        folded = folded.replace("\u2026", "...")
    if folded.isspace():
        return " "
    return "".join(c for c in folded if c not in INVISIBLE)


def _lower_aligned(cased: str) -> str:
    """Lower-case ``cased`` character by character, keeping its length (İ and a few others stay)."""
    lowered = cased.lower()
    if len(lowered) == len(cased):
        return lowered
    return "".join(low if len(low := c.lower()) == 1 else c for c in cased)


def fold(original: str) -> Folded:
    """Fold ``original`` (see module docstring) and keep the map back to its offsets."""
    pieces: list[str] = []
    points: list[int] = [0]
    shifts: list[int] = [0]
    folded_pos = 0
    original_pos = 0

    def set_shift(folded_at: int, original_at: int) -> None:
        shift = original_at - folded_at
        if shift == shifts[-1]:
            return
        if points[-1] == folded_at:
            shifts[-1] = shift
            if len(shifts) > 1 and shifts[-2] == shift:
                points.pop()
                shifts.pop()
        else:
            points.append(folded_at)
            shifts.append(shift)

    for match in _SPECIAL.finditer(original):
        start, end = match.span()
        chunk = match.group()
        replacement = _fold_special(match.lastgroup or "other", chunk)
        if replacement == chunk:
            continue
        if start > original_pos:
            pieces.append(original[original_pos:start])
            folded_pos += start - original_pos
        for index in range(len(replacement)):
            set_shift(folded_pos + index, start + min(index, end - start - 1))
        pieces.append(replacement)
        folded_pos += len(replacement)
        original_pos = end
        set_shift(folded_pos, original_pos)
    pieces.append(original[original_pos:])
    cased = "".join(pieces)
    offsets = OffsetMap(tuple(points), tuple(shifts), len(cased), len(original))
    return Folded(text=_lower_aligned(cased), cased=cased, offsets=offsets)
