"""Finding a quote in the sources: exact (after folding), with elisions, and fuzzy with a word diff.

Exact: every piece of the quote (pieces are separated by ``...`` or ``…``, an elision) occurs
in folded text, in order, inside one speaker turn. Fuzzy: the quote's words vote for places in
the sources that share the most (rare words weigh most); rapidfuzz aligns the quote at the best
places (piece by piece inside the place's turn for an elided quote); each passage is trimmed to
whole words by a word-level diff (difflib) and scored with ``fuzz.ratio`` on folded text. A
passage scoring at least :data:`MISQUOTE_THRESHOLD` is a misquote; below it the quote is not
found, and the passages scoring at least :data:`CANDIDATE_FLOOR` are listed as candidates.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from claims.records import Segment
from claims.verification.folding import fold
from claims.verification.index import CorpusIndex, SourceText, Turn, words_of
from claims.verification.result import DiffEntry, DiffOp

MISQUOTE_THRESHOLD = 80.0
"""Least similarity (``fuzz.ratio`` of folded quote and passage, 0-100) for a misquote verdict.

One changed word in a ten-word quote scores about 90; a five-word quote with one word changed
about 80; unrelated sentences of similar length score under 60.
"""

CANDIDATE_FLOOR = 50.0
"""Least similarity for a passage to be listed as a candidate when nothing reaches the threshold."""

FUZZY_SOURCES = 8
"""How many sources (most shared word bigrams first) fuzzy search looks into."""

ALIGNED_PLACES = 8
"""How many of the best candidate places (by word votes) fuzzy search aligns with rapidfuzz."""

ELISION = re.compile(r"\s*\.\.\.\s*")
"""The elision mark in a folded quote (``…`` folds to ``...``)."""

_TOKEN = re.compile(r"\S+")
_EDGE_PUNCT = re.compile(r"^\W+|\W+$")


@dataclass(frozen=True)
class Quote:
    """A quote as given, its folded form and its elided pieces (folded, lower-cased and cased)."""

    given: str
    pieces: tuple[str, ...]
    cased_pieces: tuple[str, ...]
    original_pieces: tuple[str, ...]

    @classmethod
    def parse(cls, given: str) -> Quote:
        """Fold the quote, drop one pair of quotation marks around it, split it at elisions."""
        folded = fold(given)
        cased = folded.cased.strip()
        if len(cased) >= 2 and cased[0] == cased[-1] == '"':
            cased = cased[1:-1].strip()
        cased_pieces = tuple(p for p in (x.strip() for x in ELISION.split(cased)) if p)
        original_pieces = tuple(p for p in (x.strip() for x in re.split(r"\s*(?:\.\.\.|…)\s*", given)) if p)
        if len(original_pieces) != len(cased_pieces):
            original_pieces = cased_pieces
        return cls(
            given=given,
            pieces=tuple(p.lower() for p in cased_pieces),
            cased_pieces=cased_pieces,
            original_pieces=original_pieces,
        )

    @property
    def joined(self) -> str:
        """The folded pieces joined by single spaces (the elisions closed up)."""
        return " ".join(self.pieces)


@dataclass(frozen=True)
class Match:
    """Where a quote's pieces are in one source: original spans, segments, similarity and diff."""

    text: SourceText
    pieces: tuple[tuple[int, int], ...]
    segments: tuple[Segment, ...]
    score: float
    case_differs: bool = False
    diff: tuple[DiffEntry, ...] = ()

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
        return not self.diff

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


def _trim(text: SourceText, start: int, end: int) -> tuple[int, int]:
    """Shrink an original span so it neither starts nor ends with white space."""
    chunk = text.original[start:end]
    return start + (len(chunk) - len(chunk.lstrip())), end - (len(chunk) - len(chunk.rstrip()))


def _segments_of(text: SourceText, pieces: list[tuple[int, int]]) -> tuple[Segment, ...]:
    found: list[Segment] = []
    for start, end in pieces:
        for segment in text.segments_overlapping(start, end):
            if segment not in found:
                found.append(segment)
    return tuple(found)


def find_exact(index: CorpusIndex, quote: Quote, sources: list[SourceText] | None = None) -> list[Match]:
    """Every exact occurrence of the quote's pieces, in order within one turn, across ``sources``."""
    pool = index.sources_with_all(list(quote.pieces))
    if sources is not None:
        allowed = {s.number for s in sources}
        pool = [s for s in pool if s.number in allowed]
    matches: list[Match] = []
    for text in pool:
        haystack = text.folded.text
        first = quote.pieces[0]
        at = haystack.find(first)
        while at != -1:
            match = _extend(text, quote, at)
            if match is not None:
                matches.append(match)
            at = haystack.find(first, at + 1)
    return matches


def _extend(text: SourceText, quote: Quote, first_at: int) -> Match | None:
    """Complete a match whose first piece starts at folded offset ``first_at``; None if it cannot."""
    haystack = text.folded.text
    folded_spans = [(first_at, first_at + len(quote.pieces[0]))]
    turn = text.turn_at(_trim(text, *text.folded.original_span(*folded_spans[0]))[0])
    for piece in quote.pieces[1:]:
        limit = turn.folded_end if turn is not None else len(haystack)
        at = haystack.find(piece, folded_spans[-1][1], limit)
        if at == -1:
            return None
        folded_spans.append((at, at + len(piece)))
    spans = [_trim(text, *text.folded.original_span(a, b)) for a, b in folded_spans]
    if len(spans) > 1 and turn is not None and spans[-1][1] > turn.end:
        return None
    case_differs = any(
        text.folded.cased[a:b] != cased
        for (a, b), cased in zip(folded_spans, quote.cased_pieces, strict=True)
    )
    return Match(text, tuple(spans), _segments_of(text, spans), 100.0, case_differs)


def _tokens(original: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Words of ``original[start:end]`` with their offsets and comparison keys."""
    out = []
    for m in _TOKEN.finditer(original, start, end):
        key = fold(m.group()).text
        out.append((m.start(), m.end(), _EDGE_PUNCT.sub("", key) or key))
    return out


def word_diff(
    quote_words: list[str], source_words: list[str], *, punctuation: bool = False
) -> list[DiffEntry]:
    """Word-level diff from the source's words to the quote's, on folded keys.

    Punctuation at the edges of words is ignored unless ``punctuation`` is set (used when the
    words agree and only punctuation differs).
    """

    def key(word: str) -> str:
        folded = fold(word).text
        return folded if punctuation else (_EDGE_PUNCT.sub("", folded) or folded)

    matcher = difflib.SequenceMatcher(
        None, [key(w) for w in source_words], [key(w) for w in quote_words], autojunk=False
    )
    ops: dict[str, DiffOp] = {"equal": "equal", "insert": "added", "delete": "dropped", "replace": "changed"}
    return [
        DiffEntry(op=ops[tag], quote=" ".join(quote_words[j1:j2]), source=" ".join(source_words[i1:i2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def _align_piece(
    text: SourceText, piece: str, original_piece: str, lo: int, hi: int
) -> tuple[int, int, float] | None:
    """Best passage for one folded piece inside folded ``[lo, hi)``: original span trimmed to words, score."""
    window = text.folded.text[lo:hi]
    if not window.strip():
        return None
    alignment = fuzz.partial_ratio_alignment(piece, window)
    if alignment is None:
        return None
    slack = max(8, len(piece) // 4)
    a = max(0, alignment.dest_start - slack)
    b = min(len(window), alignment.dest_end + slack)
    start, end = text.folded.original_span(lo + a, lo + b)
    tokens = _tokens(text.original, start, end)
    # whole words only: drop a first or last token cut by the window
    if tokens and tokens[0][0] > 0 and start > 0 and not text.original[tokens[0][0] - 1].isspace():
        tokens = tokens[1:]
    if tokens and end < len(text.original) and not text.original[end].isspace() and tokens[-1][1] == end:
        tokens = tokens[:-1]
    if not tokens:
        return None
    quote_keys = [k for _, _, k in _tokens(original_piece, 0, len(original_piece))]
    matcher = difflib.SequenceMatcher(None, [k for _, _, k in tokens], quote_keys, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return None
    first, last = blocks[0].a, blocks[-1].a + blocks[-1].size - 1
    # keep source words before the first / after the last matching word only if the quote has words there
    lead = blocks[0].b
    trail = len(quote_keys) - (blocks[-1].b + blocks[-1].size)
    first = max(0, first - lead)
    last = min(len(tokens) - 1, last + trail)
    span_start, span_end = tokens[first][0], tokens[last][1]
    passage = fold(text.original[span_start:span_end]).text.strip()
    return span_start, span_end, fuzz.ratio(piece, passage)


def find_fuzzy(
    index: CorpusIndex, quote: Quote, sources: list[SourceText] | None = None, limit: int = 5
) -> list[Match]:
    """The closest passages to the quote, best first (scores 0-100, with word diffs).

    Candidate places are found by word votes (:func:`_windows`); only the best
    :data:`ALIGNED_PLACES` are aligned with rapidfuzz, trimmed to words and diffed. A quote with
    elisions is aligned piece by piece inside the turn of each candidate place.
    """
    pool = sources if sources is not None else index.sources_sharing(quote.joined, FUZZY_SOURCES)
    words = words_of(quote.joined)
    places = sorted(
        (place for text in pool for place in _windows(text, words)), key=lambda p: (-p[0], p[1].number, p[2])
    )
    found: list[Match] = []
    seen: set[tuple[int, int, int]] = set()
    for _, text, lo, hi in places[: max(limit, ALIGNED_PLACES)]:
        if len(quote.pieces) == 1:
            match = _fuzzy_in_range(text, quote, lo, hi)
        else:
            turn = text.turn_at(text.folded.offsets.start(lo))
            match = _fuzzy_in_turn(text, turn, quote) if turn is not None else None
        if match is not None and (key := (match.text.number, match.start, match.end)) not in seen:
            seen.add(key)
            found.append(match)
    found.sort(key=lambda m: (-m.score, m.text.number, m.start))
    return found[:limit]


VOTE_SPREAD = 2
"""Words a quote's alignment may shift by (added or dropped words) and still pool its votes."""

PLACES_PER_SOURCE = 3
"""How many candidate places each source offers fuzzy search."""


def _windows(text: SourceText, words: list[str]) -> list[tuple[float, SourceText, int, int]]:
    """Candidate places of the quote's words in ``text``: (votes, text, folded start, folded end).

    Every source occurrence of quote word ``j`` at word ``i`` votes for the quote starting at
    word ``i - j``, weighted 1 / (occurrences of the word in the source), so rare words count
    most; votes within :data:`VOTE_SPREAD` words pool, so added or dropped words do not split them.
    """
    table = text.words()
    votes: dict[int, float] = defaultdict(float)
    for j, word in enumerate(words):
        occurrences = table.positions.get(word, [])
        for i in occurrences:
            votes[i - j] += 1 / len(occurrences)
    pooled = {
        start: sum(votes.get(start + d, 0.0) for d in range(-VOTE_SPREAD, VOTE_SPREAD + 1)) for start in votes
    }
    chosen: list[int] = []
    gap = max(2, len(words) // 2)
    for start in sorted(pooled, key=lambda s: (-pooled[s], s)):
        if len(chosen) == PLACES_PER_SOURCE:
            break
        if all(abs(start - other) >= gap for other in chosen):
            chosen.append(start)
    last_word = len(table.starts) - 1
    margin = 2 * VOTE_SPREAD + len(words) // 4
    places = []
    for start in chosen:
        first = min(max(0, start - margin), last_word)
        last = min(last_word, max(0, start + len(words) - 1 + margin))
        places.append((pooled[start], text, table.starts[first], table.ends[last]))
    return places


def _fuzzy_in_range(text: SourceText, quote: Quote, lo: int, hi: int) -> Match | None:
    """Align a one-piece quote inside the folded range ``[lo, hi)``; None if nothing aligns."""
    aligned = _align_piece(text, quote.pieces[0], quote.original_pieces[0], lo, hi)
    if aligned is None:
        return None
    start, end, score = aligned
    spans = [(start, end)]
    diff = _diff_pieces(text, spans, quote, punctuation=False)
    if all(d.op == "equal" for d in diff):
        diff = _diff_pieces(text, spans, quote, punctuation=True)
    return Match(text, tuple(spans), _segments_of(text, spans), round(score, 1), diff=tuple(diff))


def _fuzzy_in_turn(text: SourceText, turn: Turn, quote: Quote) -> Match | None:
    """Align the quote's pieces in order inside one turn; score is the length-weighted mean."""
    lo = turn.folded_start
    spans: list[tuple[int, int]] = []
    total = 0.0
    for piece, original_piece in zip(quote.pieces, quote.original_pieces, strict=True):
        aligned = _align_piece(text, piece, original_piece, lo, turn.folded_end)
        if aligned is None:
            return None
        start, end, score = aligned
        spans.append((start, end))
        total += score * len(piece)
        lo = text.folded.offsets.to_folded(end)
    score = total / sum(len(p) for p in quote.pieces)
    diff = _diff_pieces(text, spans, quote, punctuation=False)
    if all(d.op == "equal" for d in diff):
        diff = _diff_pieces(text, spans, quote, punctuation=True)
    return Match(text, tuple(spans), _segments_of(text, spans), round(score, 1), diff=tuple(diff))


def _diff_pieces(
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
