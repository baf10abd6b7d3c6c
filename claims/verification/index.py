"""An index over every source's folded text, so a quote is looked up, not scanned for.

Each source is folded once (:mod:`claims.verification.folding`); its segments are cut into
speaker turns when a query first reaches it. Word and word-bigram postings
(:mod:`claims.verification.postings`) name the sources that contain a quote's inner words, so
exact search (``str.find`` on folded text) and fuzzy search (rapidfuzz) run only on those sources
and, for fuzzy search, only on their places that share words with the quote.
"""

from __future__ import annotations

import datetime as dt
import heapq
import operator
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby, pairwise
from operator import attrgetter
from typing import TypeVar

from claims.collector import collector_paused
from claims.names import NameIndex
from claims.records import Claim, Person, Release, Segment, Source
from claims.records.person import Role
from claims.verification.edge_words import WordEdges
from claims.verification.folding import Folded, fold
from claims.verification.later_run import LaterRunWorker, split_point
from claims.verification.postings import Postings
from claims.verification.wordpairs import WordNumbers, pairs
from claims.verification.wordpairs import words_of as words_of

COMMON_WORD_SOURCES = 256
"""A word held by more sources than this does not rank sources for fuzzy search: it would add
under 1/256 to each holder's score, and walking its posting in Python would make a query's cost
grow with the corpus."""

COMMON_BIGRAM_SOURCES = 2048
"""A word bigram held by more sources than this does not rank sources for fuzzy search (its
posting is counted in C, so the bound can be higher than for words)."""


def _best(counts: dict[int, float], limit: int) -> list[int]:
    """The ``limit`` source numbers with the highest counts (ties: lower number first), best first.

    The (-count, number) pairs are made and compared in C (``zip``, ``heapq``): a query touching
    thousands of sources takes no Python step per source here.
    """
    ranked = heapq.nsmallest(limit, zip(map(operator.neg, counts.values()), counts, strict=True))
    return [number for _, number in ranked]


def _holds(posting: Sequence[int], number: int) -> bool:
    """True when the ascending ``posting`` holds ``number`` (bisection)."""
    at = bisect_left(posting, number)
    return at < len(posting) and posting[at] == number


_BY_SOURCE_FILE = attrgetter("source_file")
_SPEAKER_ID = attrgetter("speaker_id")

R = TypeVar("R", Segment, Claim)


def by_source_file(records: Iterable[R]) -> dict[str, list[R]]:
    """Records grouped by their ``source_file``, each group in the records' order.

    One stable sort and ``groupby`` (both in C; a canonical release lists segments by source
    already, so the sort only checks that) rather than a Python step per record.
    """
    ordered = sorted(records, key=_BY_SOURCE_FILE)
    return {file: list(group) for file, group in groupby(ordered, key=_BY_SOURCE_FILE)}


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
    """One source, folded, with its segments, turns and curated claims in text order.

    Segments are ordered and grouped into turns on first use: a query touches a few sources, so
    the index neither spends its build time nor keeps memory on the turns of the others.
    """

    source: Source
    number: int
    original: str
    folded: Folded
    unordered_claims: list[Claim] = field(default_factory=list, repr=False)
    unordered_segments: list[Segment] = field(default_factory=list, repr=False)

    @classmethod
    def build(
        cls,
        source: Source,
        number: int,
        segments: Iterable[Segment],
        claims: Iterable[Claim],
        folded: Folded | None = None,
    ) -> SourceText:
        """Fold the source's text (unless ``folded`` already is); its claims and segments are ordered on first use."""
        original = source.text or ""
        return cls(
            source=source,
            number=number,
            original=original,
            folded=fold(original, keep_case=False) if folded is None else folded,
            unordered_claims=list(claims),
            unordered_segments=list(segments),
        )

    @cached_property
    def claims(self) -> list[Claim]:
        """The source's curated claims in text order."""
        return sorted(self.unordered_claims, key=lambda c: (c.span.start, c.id))

    @cached_property
    def segments(self) -> list[Segment]:
        """The source's segments in text order."""
        return sorted(self.unordered_segments, key=lambda s: (s.span.start, s.span.end))

    @cached_property
    def _segment_starts(self) -> list[int]:
        return [s.span.start for s in self.segments]

    @cached_property
    def turns(self) -> list[Turn]:
        """Consecutive segments sharing one turn number, in text order."""
        return self._group_turns()

    @cached_property
    def _turn_starts(self) -> list[int]:
        return [t.start for t in self.turns]

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

    @cached_property
    def _claim_starts(self) -> list[int]:
        return [c.span.start for c in self.claims]

    @cached_property
    def _longest_claim(self) -> int:
        return max((c.span.end - c.span.start for c in self.claims), default=0)

    def claims_overlapping(self, start: int, end: int) -> list[Claim]:
        """Curated, unretracted claims whose span overlaps ``[start, end)``.

        Only the claims starting from (``start`` - the longest claim's length) up to ``end`` can
        overlap: they are found by bisection, not by walking every claim of the source.
        """
        first = bisect_left(self._claim_starts, start - self._longest_claim)
        last = bisect_left(self._claim_starts, end)
        return [c for c in self.claims[first:last] if c.retracted is None and start < c.span.end]


def _text_maker(ordered: list[Source], release: Release) -> Callable[[int, Folded | None], SourceText]:
    """``text_of(number, folded)``: the :class:`SourceText` of ``ordered[number]``, with its segments and
    claims (grouped by source once, here), folded unless ``folded`` is given."""
    segments = by_source_file(release.segments)
    claims = by_source_file(release.claims)
    no_records: list[Segment] = []

    def text_of(number: int, folded: Folded | None) -> SourceText:
        source = ordered[number]
        own_segments = segments.get(source.file, no_records)
        return SourceText.build(source, number, own_segments, claims.get(source.file, ()), folded)

    return text_of


def _questioners(segments: Iterable[Segment]) -> dict[str, list[str]]:
    found: dict[str, dict[str, None]] = defaultdict(dict)
    for segment in sorted(
        (s for s in segments if s.kind == "question" and s.speaker_id is not None),
        key=lambda s: (s.source_file, s.span.start),
    ):
        assert segment.speaker_id is not None
        found[segment.source_file][segment.speaker_id] = None
    return {file: list(ids) for file, ids in found.items()}


def _spokespeople(people: Iterable[Person]) -> dict[str, list[tuple[str, Role]]]:
    found: dict[str, list[tuple[str, Role]]] = defaultdict(list)
    for person in people:
        for role in person.roles:
            if role.speaks_for is not None:
                found[role.speaks_for].append((person.id, role))
    return dict(found)


@dataclass
class CorpusIndex:
    """Every source of a release, folded, with a word-bigram → source numbers map and a name index."""

    sources: list[SourceText]
    by_file: dict[str, SourceText]
    shingles: Postings[int]
    vocabulary: Postings[str]
    word_numbers: WordNumbers
    edges: WordEdges
    speakers: dict[str, set[int]]
    dates: dict[dt.date, list[int]]
    names: NameIndex
    people: dict[str, Person]
    questioners: dict[str, list[str]] = field(default_factory=dict)
    """Source file → who asks its questions (speakers of question segments), in order of first question."""
    spokespeople: dict[str, list[tuple[str, Role]]] = field(default_factory=dict)
    """Organisation id → the people and offices that speak for it (a role's ``speaks_for``)."""

    @classmethod
    def build(cls, release: Release, *, jobs: int | None = None) -> CorpusIndex:
        """Fold every source and index its words and word pairs; segments and claims are grouped per source.

        With ``jobs`` 2 (or by default, where forking is safe and the text is large) a forked
        worker indexes the later sources meanwhile (:mod:`claims.verification.later_run`); the
        index is the same.
        """
        with collector_paused():  # many containers, no cycles: collections would find nothing to free
            return cls._build(release, jobs)

    @classmethod
    def _build(cls, release: Release, jobs: int | None) -> CorpusIndex:
        """:meth:`build`'s work, the collector paused around it."""
        ordered = sorted(release.sources, key=attrgetter("file"))
        originals = [source.text or "" for source in ordered]
        split = split_point(originals, jobs)
        # postings hold source numbers in ascending order (sources are read in order); word pairs
        # are keyed by integers (see claims.verification.wordpairs)
        shingles: Postings[int] = Postings()
        vocabulary: Postings[str] = Postings()
        word_numbers = WordNumbers()
        with LaterRunWorker(originals[split:], split) as worker:  # forked first: it starts at once
            folded: list[Folded] = []
            numbered: list[array[int]] = []
            if worker.started is not None:
                # number every word of this run and send the numbers before anything else: the
                # worker numbers its own words after them, and waits for them
                for number in range(split):
                    folded.append(fold(originals[number], keep_case=False))
                    words = words_of(folded[-1].text)
                    distinct = set(words)
                    numbered.append(word_numbers.add(words, distinct))
                    vocabulary.add(number, distinct)
                worker.send_numbers(word_numbers.numbers())
            text_of = _text_maker(ordered, release)
            texts = list(map(text_of, range(split), folded))
            for number, numbers in enumerate(numbered):
                shingles.add(number, pairs(numbers))
            del folded, numbered
            later = worker.result()
        if later is not None:
            texts += map(text_of, range(split, len(ordered)), later.folded)
            word_numbers.extend(later.new_words)
            shingles.merge(Postings.unpack(later.shingles))
            vocabulary.merge(Postings.unpack(later.vocabulary))
        for number in range(len(texts), len(ordered)):  # one process, or the worker failed
            texts.append(text := text_of(number, None))
            words = words_of(text.folded.text)
            distinct = set(words)
            shingles.add(number, pairs(word_numbers.add(words, distinct)))
            vocabulary.add(number, distinct)
        speakers: dict[str, set[int]] = defaultdict(set)
        dates: dict[dt.date, list[int]] = defaultdict(list)
        for text in texts:
            dates[text.source.date].append(text.number)
            for speaker_id in set(map(_SPEAKER_ID, text.unordered_segments)):
                if speaker_id is not None:
                    speakers[speaker_id].add(text.number)
        return cls(
            sources=texts,
            by_file={t.source.file: t for t in texts},
            shingles=shingles,
            vocabulary=vocabulary,
            word_numbers=word_numbers,
            edges=WordEdges(vocabulary.keys()),
            speakers=speakers,
            dates=dict(dates),
            names=NameIndex.build(release.people),
            people={p.id: p for p in release.people},
            questioners=_questioners(release.segments),
            spokespeople=_spokespeople(release.people),
        )

    def sources_with_all(self, folded_pieces: list[str]) -> list[SourceText]:
        """Sources that can hold every piece exactly: they hold each piece's words and adjacent word pairs.

        An exact match is word-bounded, so a piece's words are words of the source, except that
        its first word may end, and its last begin, a word joined by ``_`` (``bar baz`` is in
        ``foo_bar baz``): those words are taken from :class:`WordEdges`, and a source must hold
        one of them (and one of the pairs they form). All sources when no piece has a word.
        """
        required: list[Sequence[int]] = []
        for piece in folded_pieces:
            words = words_of(piece)
            if len(words) == 1:
                required.append(self._holders(map(self.vocabulary.get, self.edges.within(words[0]))))
                continue
            if not words:
                continue
            options = [[word] for word in words]
            options[0], options[-1] = self.edges.ending(words[0]), self.edges.starting(words[-1])
            required += [self._holders(map(self.vocabulary.get, choice)) for choice in options]
            for left, right in pairwise(options):
                required.append(self._holders(map(self.shingles.get, self.word_numbers.keys_of(left, right))))
        if not required:
            return list(self.sources)
        # rarest posting first: the candidates only shrink, and a long posting is probed by
        # bisection rather than walked, so a common word or pair costs little
        required.sort(key=len)
        allowed = set(required[0])
        for posting in required[1:]:
            if not allowed:
                break
            if len(posting) > 16 * len(allowed):
                allowed = {n for n in allowed if _holds(posting, n)}
            else:
                allowed.intersection_update(posting)
        return [self.sources[n] for n in sorted(allowed)]

    @staticmethod
    def _holders(postings: Iterable[Sequence[int]]) -> Sequence[int]:
        """The ascending numbers of the sources in any of ``postings`` (usually there is just one)."""
        found = [posting for posting in postings if posting]
        if len(found) == 1:
            return found[0]
        return sorted(set().union(*found))

    def sources_sharing(
        self, folded_quote: str, limit: int, among: set[int] | None = None
    ) -> list[SourceText]:
        """The ``limit`` sources (of ``among``, if given) that share the most with the quote, best first.

        Each shared word bigram counts 1; each shared word counts 1 / (number of sources
        holding it), so a source holding the quote's rare words ranks even when every other word
        changed. Words held by more than :data:`COMMON_WORD_SOURCES` sources and bigrams held by
        more than :data:`COMMON_BIGRAM_SOURCES` are left out (unless ``among`` names at most
        :data:`COMMON_WORD_SOURCES` sources), so no query walks a posting of every source.
        """
        words = words_of(folded_quote)
        shingles = [self.shingles.get(shingle) for shingle in self.word_numbers.pairs_of(words)]
        weighted = []
        for word in set(words):
            holders = self.vocabulary.get(word)
            weighted.append((holders, 1 / len(holders) if holders else 0.0))
        counts: dict[int, float] = defaultdict(float)
        if among is not None and len(among) <= COMMON_WORD_SOURCES:
            # a few given sources: probe every posting for each of them (no posting is walked)
            for posting in shingles:
                for number in among:
                    if _holds(posting, number):
                        counts[number] += 1
            for posting, weight in weighted:
                for number in among:
                    if _holds(posting, number):
                        counts[number] += weight
            return [self.sources[n] for n in _best(counts, limit)]
        shared: Counter[int] = Counter()
        for posting in shingles:
            if len(posting) <= COMMON_BIGRAM_SOURCES:
                shared.update(posting)  # counted in C
        counts.update(shared)
        for posting, weight in weighted:
            if len(posting) <= COMMON_WORD_SOURCES:
                for number in posting:
                    counts[number] += weight
        if among is not None:
            counts = {n: c for n, c in counts.items() if n in among}
        return [self.sources[n] for n in _best(counts, limit)]

    def sources_of(self, speaker_id: str | None, day: dt.date | None) -> set[int] | None:
        """Sources where ``speaker_id`` has a segment and whose date is ``day`` (None: no preference)."""
        if speaker_id is None and day is None:
            return None
        if day is not None:
            found = set(self.dates.get(day, ()))
            if speaker_id is not None:
                found &= self.speakers.get(speaker_id, set())
            return found
        return set(self.speakers.get(speaker_id or "", set()))
