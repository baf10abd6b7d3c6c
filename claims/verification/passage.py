"""Where a quote's pieces are in one source (:class:`Match`): original spans, segments, similarity and word diff."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from claims.records import Segment
from claims.verification.diff import diff_pieces
from claims.verification.index import SourceText
from claims.verification.quote import Quote
from claims.verification.result import DiffEntry

MISQUOTE_THRESHOLD = 70.0
"""Least word similarity (0-100) of quote and passage for a misquote verdict.

Word similarity is difflib's ratio over the folded words, punctuation at their edges ignored:
2 x (words in common, in order) / (words in quote + words in passage). One word changed in
four scores 75; one in five 80; an added or dropped word in ten about 95. Measured on 348
generated misquotes (one change per four words) and 128 sentences held out of the real sources:
70 keeps every misquote and admits none of the held-out sentences.
"""

SPELLING_THRESHOLD = 85.0
"""Least character similarity (``fuzz.ratio`` of the folded texts, 0-100) that also makes a
misquote, for quotes whose words are misspelt rather than changed."""

CANDIDATE_FLOOR = 50.0
"""Least word similarity for a passage to be listed as a candidate when nothing is close."""


@dataclass(frozen=True)
class Match:
    """Where a quote's pieces are in one source: original spans, segments, similarity and diff.

    ``aligned`` is the quote a fuzzy match was aligned to (None for an exact match); its word
    diff is worked out when first read, since a verdict reports only the chosen passage's.
    """

    text: SourceText
    pieces: tuple[tuple[int, int], ...]
    segments: tuple[Segment, ...]
    score: float
    case_differs: bool = False
    char_score: float = 100.0
    aligned: Quote | None = None
    contractions_differ: bool = False
    quote_marks_differ: bool = False

    @cached_property
    def diff(self) -> tuple[DiffEntry, ...]:
        """Word diff from the passage to the quote (empty for an exact match); punctuation shown
        only when the words agree."""
        if self.aligned is None:
            return ()
        spans = list(self.pieces)
        diff = diff_pieces(self.text, spans, self.aligned, punctuation=False)
        if all(d.op == "equal" for d in diff):
            diff = diff_pieces(self.text, spans, self.aligned, punctuation=True)
        return tuple(diff)

    @property
    def close(self) -> bool:
        """True when the passage is close enough for a misquote verdict (see the thresholds)."""
        return self.score >= MISQUOTE_THRESHOLD or self.char_score >= SPELLING_THRESHOLD

    @property
    def start(self) -> int:
        """Original offset of the first piece."""
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        """Original offset one past the last piece."""
        return self.pieces[-1][1]

    @property
    def exact(self) -> bool:
        """True for an exact (folded) match."""
        return self.aligned is None

    @property
    def said_by(self) -> list[str | None]:
        """Speaker ids of the matched segments in text order, each once (None for boilerplate).

        A source without segments has no known speaker: ``[None]``.
        """
        seen: list[str | None] = [] if self.segments else [None]
        for segment in self.segments:
            if segment.speaker_id not in seen:
                seen.append(segment.speaker_id)
        return seen


def trim(text: SourceText, start: int, end: int) -> tuple[int, int]:
    """Shrink an original span so it neither starts nor ends with white space."""
    chunk = text.original[start:end]
    return start + (len(chunk) - len(chunk.lstrip())), end - (len(chunk) - len(chunk.rstrip()))


def segments_of(text: SourceText, pieces: list[tuple[int, int]]) -> tuple[Segment, ...]:
    found: list[Segment] = []
    for start, end in pieces:
        for segment in text.segments_overlapping(start, end):
            if segment not in found:
                found.append(segment)
    return tuple(found)
