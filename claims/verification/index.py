"""An index over every source's folded text, so a quote is looked up, not scanned for.

Each source is folded once (:mod:`claims.verification.folding`) and cut into speaker turns from
its segments. A word-bigram map names the sources that contain a quote's inner words, so exact
search (``str.find`` on folded text) and fuzzy search (rapidfuzz) run only on those sources and,
for fuzzy search, only on their turns that share words with the quote.
"""

from __future__ import annotations

import datetime as dt
import re
from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from claims.names import NameIndex
from claims.records import Claim, Person, Release, Segment, Source
from claims.verification.folding import Folded, fold

WORD = re.compile(r"\w+")
"""A word of folded text, for shingles."""


def words_of(folded_text: str) -> list[str]:
    """The words of a folded (lower-cased) text."""
    return WORD.findall(folded_text)


def bigrams(words: list[str]) -> set[int]:
    """Adjacent word pairs, the shingles of the index, as hashes (smaller than the strings, built in C)."""
    return set(map(hash, pairwise(words)))


@dataclass(frozen=True)
class Turn:
    """A stretch of consecutive segments sharing one turn number, in original and folded offsets."""

    key: int
    start: int
    end: int
    folded_start: int
    folded_end: int
    segments: tuple[Segment, ...]


@dataclass
class SourceText:
    """One source, folded, with its segments, turns and curated claims in text order."""

    source: Source
    number: int
    original: str
    folded: Folded
    segments: list[Segment]
    claims: list[Claim]
    turns: list[Turn] = field(default_factory=list)
    _segment_starts: list[int] = field(default_factory=list, repr=False)
    _turn_starts: list[int] = field(default_factory=list, repr=False)

    @classmethod
    def build(
        cls, source: Source, number: int, segments: Iterable[Segment], claims: Iterable[Claim]
    ) -> SourceText:
        """Fold the source's text and order its segments and claims."""
        original = source.text or ""
        folded = fold(original, keep_case=False)
        ordered = sorted(segments, key=lambda s: (s.span.start, s.span.end))
        text = cls(
            source=source,
            number=number,
            original=original,
            folded=folded,
            segments=ordered,
            claims=sorted(claims, key=lambda c: (c.span.start, c.id)),
        )
        text._segment_starts = [s.span.start for s in ordered]
        text.turns = text._group_turns()
        text._turn_starts = [t.start for t in text.turns]
        return text

    def _group_turns(self) -> list[Turn]:
        if not self.segments:
            return [Turn(-1, 0, len(self.original), 0, len(self.folded.text), ())]
        groups: list[list[Segment]] = []
        for segment in self.segments:
            if groups and groups[-1][-1].turn == segment.turn:
                groups[-1].append(segment)
            else:
                groups.append([segment])
        turns = []
        for group in groups:
            start, end = group[0].span.start, group[-1].span.end
            folded_start = self.folded.offsets.to_folded(start)
            folded_end = self.folded.offsets.to_folded(end)
            turns.append(Turn(group[0].turn, start, end, folded_start, folded_end, tuple(group)))
        return turns

    def segments_overlapping(self, start: int, end: int) -> list[Segment]:
        """Segments sharing at least one non-space character with ``[start, end)``, in text order."""
        first = max(0, bisect_right(self._segment_starts, start) - 1)
        found = []
        for segment in self.segments[first:]:
            if segment.span.start >= end:
                break
            lo, hi = max(start, segment.span.start), min(end, segment.span.end)
            if lo < hi and self.original[lo:hi].strip():
                found.append(segment)
        return found

    def turn_at(self, offset: int) -> Turn | None:
        """The turn holding original offset ``offset``."""
        k = bisect_right(self._turn_starts, offset) - 1
        if k >= 0 and self.turns[k].start <= offset < self.turns[k].end:
            return self.turns[k]
        return None

    def turns_in(self, start: int, end: int) -> list[Turn]:
        """Turns overlapping ``[start, end)``."""
        first = max(0, bisect_right(self._turn_starts, start) - 1)
        last = bisect_left(self._turn_starts, end)
        return [t for t in self.turns[first:last] if t.start < end and start < t.end]

    def claims_overlapping(self, start: int, end: int) -> list[Claim]:
        """Curated, unretracted claims whose span overlaps ``[start, end)``."""
        return [c for c in self.claims if c.retracted is None and c.span.start < end and start < c.span.end]


@dataclass
class CorpusIndex:
    """Every source of a release, folded, with a word-bigram → source numbers map and a name index."""

    sources: list[SourceText]
    by_file: dict[str, SourceText]
    shingles: dict[int, array[int]]
    vocabulary: dict[str, array[int]]
    speakers: dict[str, set[int]]
    names: NameIndex
    people: dict[str, Person]

    @classmethod
    def build(cls, release: Release) -> CorpusIndex:
        """Fold every source and index its bigrams; segments and claims are grouped per source."""
        segments: dict[str, list[Segment]] = defaultdict(list)
        for segment in release.segments:
            segments[segment.source_file].append(segment)
        claims: dict[str, list[Claim]] = defaultdict(list)
        for claim in release.claims:
            claims[claim.source_file].append(claim)
        texts: list[SourceText] = []
        speakers: dict[str, set[int]] = defaultdict(set)
        # postings are compact arrays of source numbers, in ascending order (sources are read in
        # order); bigrams are keyed by their hash (see bigrams)
        shingles: dict[int, array[int]] = defaultdict(lambda: array("I"))
        vocabulary: dict[str, array[int]] = defaultdict(lambda: array("I"))
        for number, source in enumerate(sorted(release.sources, key=lambda s: s.file)):
            text = SourceText.build(source, number, segments[source.file], claims[source.file])
            texts.append(text)
            for segment in text.segments:
                if segment.speaker_id is not None:
                    speakers[segment.speaker_id].add(number)
            words = words_of(text.folded.text)
            for shingle in bigrams(words):
                shingles[shingle].append(number)
            for word in set(words):
                vocabulary[word].append(number)
        return cls(
            sources=texts,
            by_file={t.source.file: t for t in texts},
            shingles=dict(shingles),
            vocabulary=dict(vocabulary),
            speakers=speakers,
            names=NameIndex.build(release.people),
            people={p.id: p for p in release.people},
        )

    def sources_with_all(self, folded_pieces: list[str]) -> list[SourceText]:
        """Sources that hold every inner word bigram of every piece (all sources when a piece has none).

        A piece's first and last words may be cut mid-word by the quoter, so only its inner
        bigrams are required.
        """
        allowed: set[int] | None = None
        for piece in folded_pieces:
            inner = words_of(piece)[1:-1]
            for shingle in bigrams(inner):
                found = set(self.shingles.get(shingle, ()))
                allowed = set(found) if allowed is None else allowed & found
                if not allowed:
                    return []
        if allowed is None:
            return list(self.sources)
        return [self.sources[n] for n in sorted(allowed)]

    def sources_sharing(
        self, folded_quote: str, limit: int, among: set[int] | None = None
    ) -> list[SourceText]:
        """The ``limit`` sources (of ``among``, if given) that share the most with the quote, best first.

        Each shared word bigram counts 1; each shared word counts 1 / (number of sources holding
        it), so a source holding the quote's rare words ranks even when every other word changed.
        """
        words = words_of(folded_quote)
        counts: dict[int, float] = defaultdict(float)
        for shingle in bigrams(words):
            for number in self.shingles.get(shingle, ()):
                counts[number] += 1
        for word in set(words):
            holders = self.vocabulary.get(word, array("I"))
            for number in holders:
                counts[number] += 1 / len(holders)
        if among is not None:
            counts = {n: c for n, c in counts.items() if n in among}
        ranked = sorted(counts, key=lambda n: (-counts[n], n))[:limit]
        return [self.sources[n] for n in ranked]

    def sources_of(self, speaker_id: str | None, day: dt.date | None) -> set[int] | None:
        """Sources where ``speaker_id`` has a segment and whose date is ``day`` (None: no preference)."""
        if speaker_id is None and day is None:
            return None
        found = set(range(len(self.sources)))
        if speaker_id is not None:
            found &= self.speakers.get(speaker_id, set())
        if day is not None:
            found &= {t.number for t in self.sources if t.source.date == day}
        return found
