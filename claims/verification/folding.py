"""Folding what a reader cannot see or type, with a map back to the original offsets.

A fact-checker types straight quotes where the source prints curly ones, ``--`` for an em dash,
``...`` for ``…``; sources carry zero-width and bidirectional marks nobody sees. Both the source
text and the quote are folded the same way, matched in folded form, and every match is mapped back
through :class:`OffsetMap` so the offsets reported are always offsets into the original text.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
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

_ONE_TO_ONE: dict[str, str] = (
    dict.fromkeys(SINGLE_QUOTES, "'")
    | dict.fromkeys(DOUBLE_QUOTES, '"')
    | {c: "-" for c in DASHES if c != "-"}
    | {chr(cp): " " for cp in range(0x3001) if chr(cp).isspace() and cp != 0x20}
)
"""Characters replaced one for one (offsets unchanged) before the rest of folding: quotes, dashes, spaces."""

_ASCII_ONE_TO_ONE = {c: r for c, r in _ONE_TO_ONE.items() if c.isascii()}
"""The part of :data:`_ONE_TO_ONE` an ASCII text can hold (white space other than the space)."""

_INV = f"[{INVISIBLE}]"
_SP_INV = f"[ {INVISIBLE}]"

_SPECIAL = re.compile(
    "|".join(
        [
            rf"(?P<dash>{_SP_INV}*-(?:{_INV}*-)*{_SP_INV}*)",
            r"(?P<ellipsis>\u2026|\. ?\. ?\.)",
            rf"(?P<space>(?:{_INV}* ){{2,}}{_INV}*|{_INV}+ {_SP_INV}*| {_INV}+{_SP_INV}*)",
            rf"(?P<invisible>{_INV}+)",
            r"(?P<other>.?[\u0300-\u036f]+|[^\x00-\x7f])",
        ]
    ),
    re.DOTALL,
)
"""Stretches whose folded form differs from the plain lower-cased text."""

_TRIGGER = re.compile(r"[\u2026\u0080-\U0010ffff]|  |\. ?\.|-(?:(?<= -)|(?=[- \u0080-\U0010ffff]))")
"""Where a special stretch can be: a cheap scan (every alternative starts with a definite
character), so long ASCII texts are folded at C speed; :func:`_special_at` then finds the stretch.
A lone ``-`` between two other characters (``well-known``, or an em dash already replaced by one)
folds to itself, so only a ``-`` next to a space, another dash or a non-ASCII character triggers."""

_LEADING = " " + INVISIBLE
"""Characters a dash run or a white-space run may start with before its trigger character."""


def _special_at(text: str, trigger: int, done: int) -> re.Match[str] | None:
    """The special stretch holding the trigger at ``trigger``, starting no earlier than ``done``."""
    if trigger < done:
        return None
    start = trigger
    while start > done and text[start - 1] in _LEADING:
        start -= 1
    if start == trigger and trigger > done and unicodedata.combining(text[trigger]):
        start = trigger - 1
    for at in (start, trigger) if start != trigger else (trigger,):
        match = _SPECIAL.match(text, at)
        if match is not None and match.end() > trigger:
            return match
    return None


@dataclass(frozen=True)
class OffsetMap:
    """Maps a folded offset to the original offset: piecewise constant shifts at breakpoints.

    ``folded_points[k]`` is the first folded offset at which ``shifts[k]`` applies; the original
    offset of folded offset ``i`` is ``i + shift``. Text without special characters has one
    breakpoint, so the map stays small for large sources.
    """

    folded_points: Sequence[int]
    shifts: Sequence[int]
    folded_length: int
    original_length: int
    original_points: Sequence[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # compact arrays (8 bytes an entry, not 40): a source has a breakpoint per folded stretch
        folded = array("q", self.folded_points)
        shifts = array("q", self.shifts)
        object.__setattr__(self, "folded_points", folded)
        object.__setattr__(self, "shifts", shifts)
        object.__setattr__(self, "original_points", array("q", map(operator.add, folded, shifts)))

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
    """A text in folded form: ``text`` is lower-cased, ``cased`` keeps case; both align char by char.

    ``cased`` is empty when folded with ``keep_case=False`` (sources: it would double their memory).
    """

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
    # letters whose case folding has more than one character (ß → ss) fold fully here, so that
    # the cased and lower-cased forms keep one length
    return "".join(c.casefold() if len(c.casefold()) > 1 else c for c in folded if c not in INVISIBLE)


def _lower_aligned(cased: str) -> str:
    """Lower-case ``cased`` character by character, keeping its length (İ and a few others stay)."""
    lowered = cased.lower()
    if len(lowered) == len(cased):
        return lowered
    return "".join(low if len(low := c.lower()) == 1 else c for c in cased)


def _replace_one_to_one(text: str) -> str:
    """Apply :data:`_ONE_TO_ONE` with ``str.replace`` (fast: most characters are absent from most texts)."""
    table = _ASCII_ONE_TO_ONE if text.isascii() else _ONE_TO_ONE
    for char, replacement in table.items():
        if char in text:
            text = text.replace(char, replacement)
    return text


def _plain(text: str) -> bool:
    """True when :func:`_plain_stretches` finds exactly the stretches :func:`_stretches` would.

    A plain text holds only ASCII and ``…``, and no dots that :func:`_stretches` reads in its own
    order (spaced dots, runs of four or more): then only dash runs, ``…`` and space runs fold.
    """
    if "...." in text or ". ." in text:
        return False
    return text.isascii() or text.replace("\u2026", "").isascii()


def _plain_stretches(text: str) -> list[tuple[int, int, str]]:
    """The stretches of a plain ``text`` that fold to something else: (start, end, replacement).

    Found in text order with ``str.find`` for ``-``, ``…`` and two spaces (a fast scan; a regular
    expression reads the text a character at a time, several times slower on a long source). A
    dash run takes the spaces around it, as ``_SPECIAL`` does; a space run folds to one space.
    """
    size = len(text)
    find = text.find
    absent = size + 1

    def next_of(needle: str, start: int) -> int:
        at = find(needle, start)
        return absent if at == -1 else at

    dash, dots, spaces = next_of("-", 0), next_of("\u2026", 0), next_of("  ", 0)
    stretches: list[tuple[int, int, str]] = []
    done = 0
    while True:
        if dash < done:
            dash = next_of("-", done)
        if dots < done:
            dots = next_of("\u2026", done)
        if spaces < done:
            spaces = next_of("  ", done)
        at = min(dash, dots, spaces)
        if at == absent:
            return stretches
        if at == dots:
            stretches.append((at, at + 1, "..."))
            done = at + 1
            continue
        start = at
        if at == spaces:
            at += 2
            while at < size and text[at] == " ":
                at += 1
            if at == size or text[at] != "-":
                stretches.append((start, at, " "))
                done = at
                continue
        # a dash run at ``at``, with the spaces before it (back to ``done``) and after it
        while start > done and text[start - 1] == " ":
            start -= 1
        end = at + 1
        while end < size and text[end] == "-":
            end += 1
        while end < size and text[end] == " ":
            end += 1
        if end - start > 1:  # a lone ``-`` folds to itself
            stretches.append((start, end, "-"))
        done = end


def _fold_plain(text: str) -> tuple[str, list[int], list[int]]:
    """:func:`fold`'s loop for a plain text (see :func:`_plain`), with its breakpoints written directly.

    Each stretch shifts the offsets once (a run folded to one character) or twice (``…`` to
    ``...``, one step per added character). A stretch's first breakpoint lies past the last one of
    the stretch before it (stretches never touch in folded text, and each changes the shift), so
    none merge as ``set_shift`` in :func:`_fold_general` may.
    """
    pieces: list[str] = []
    points = [0]
    shifts = [0]
    shift = 0  # original offset - folded offset, after the last stretch
    position = 0
    for start, end, replacement in _plain_stretches(text):
        pieces += (text[position:start], replacement)
        folded = start - shift  # folded offset of the stretch
        if replacement == "...":
            points += (folded + 1, folded + 2)
            shifts += (shift - 1, shift - 2)
            shift -= 2
        else:
            shift += end - start - 1
            points.append(folded + 1)
            shifts.append(shift)
        position = end
    pieces.append(text[position:])
    return "".join(pieces), points, shifts


def _stretches(text: str) -> Iterator[tuple[int, int, str]]:
    """The stretches of ``text`` (quotes, dashes and spaces already replaced) that fold to something else."""
    done = 0
    for trigger in _TRIGGER.finditer(text):
        match = _special_at(text, trigger.start(), done)
        if match is None:
            continue
        chunk = match.group()
        replacement = _fold_special(match.lastgroup or "other", chunk)
        if replacement == chunk:
            continue
        yield match.start(), match.end(), replacement
        done = match.end()


def _fold_general(text: str) -> tuple[str, list[int], list[int]]:
    """Fold ``text`` (quotes, dashes and spaces already replaced): the folded text and its breakpoints."""
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

    for start, end, replacement in _stretches(text):
        if start > original_pos:
            pieces.append(text[original_pos:start])
            folded_pos += start - original_pos
        for index in range(len(replacement)):
            set_shift(folded_pos + index, start + min(index, end - start - 1))
        pieces.append(replacement)
        folded_pos += len(replacement)
        original_pos = end
        set_shift(folded_pos, original_pos)
    pieces.append(text[original_pos:])
    return "".join(pieces), points, shifts


def fold(original: str, *, keep_case: bool = True) -> Folded:
    """Fold ``original`` (see module docstring) and keep the map back to its offsets."""
    text = _replace_one_to_one(original)  # one for one: offsets into ``text`` are offsets into ``original``
    cased, points, shifts = _fold_plain(text) if _plain(text) else _fold_general(text)
    offsets = OffsetMap(points, shifts, len(cased), len(original))
    return Folded(text=_lower_aligned(cased), cased=cased if keep_case else "", offsets=offsets)
