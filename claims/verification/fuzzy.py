"""Fuzzy search: the quote's words vote for places in the sources that share the most (rare words weigh
most); rapidfuzz aligns the quote at the best places (piece by piece inside the place's turn for an
elided quote); each passage is trimmed to whole words by the word diff and scored by word
similarity. A passage scoring at least :data:`MISQUOTE_THRESHOLD` (or misspelt but at least
:data:`SPELLING_THRESHOLD` similar character by character) is a misquote; otherwise the quote is not
found, and the passages scoring at least :data:`CANDIDATE_FLOOR` are listed as candidates.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import defaultdict

from rapidfuzz import fuzz

from claims.verification.diff import expand_keys, key_parts, word_tokens
from claims.verification.exact import find_word
from claims.verification.folding import fold
from claims.verification.index import CorpusIndex, SourceText, Turn
from claims.verification.passage import (
    Match,
    segments_of,
)
from claims.verification.quote import Quote
from claims.verification.wordpairs import WORD as WORD_PATTERN

FUZZY_SOURCES = 8
"""How many sources (most shared word bigrams first) fuzzy search looks into."""

ALIGNED_PLACES = 8
"""How many of the best candidate places (by word votes) fuzzy search aligns with rapidfuzz."""

PLACE_VOTES = 0.4
"""Least share of the best place's votes a place needs to be aligned. Measured on 330 generated
misquotes: the place of the passage chosen had at least 0.45 of the best place's votes."""


def _align_piece(
    text: SourceText, piece: str, original_piece: str, lo: int, hi: int
) -> tuple[int, int, float, float] | None:
    """Best passage for one folded piece inside folded ``[lo, hi)``.

    Returns the passage's original span (trimmed to whole words), its word similarity and its
    character similarity to the piece (0-100 each).
    """
    window = text.folded.text[lo:hi]
    if not window.strip():
        return None
    alignment = fuzz.partial_ratio_alignment(piece, window)
    if alignment is None:
        return None
    quote_keys = expand_keys([k for _, _, k in word_tokens(original_piece, 0, len(original_piece))])[0]
    slack = max(8, len(piece) // 4)
    best = _passage(text, piece, quote_keys, lo, window, alignment.dest_start, alignment.dest_end, slack)
    if best is None or best[2] < 100:
        # the quote may have dropped words the alignment (as long as the quote) leaves out: look wider
        wider = _passage(
            text, piece, quote_keys, lo, window, alignment.dest_start, alignment.dest_end, 2 * slack + 16
        )
        if wider is not None and (best is None or wider[2:] > best[2:]):
            best = wider
    return best


def _passage(
    text: SourceText,
    piece: str,
    quote_keys: list[str],
    lo: int,
    window: str,
    dest_start: int,
    dest_end: int,
    slack: int,
) -> tuple[int, int, float, float] | None:
    """The passage around the aligned ``window[dest_start:dest_end]`` (``slack`` characters either
    side), trimmed to whole words and to the quote's words: original span, word and character scores."""
    a = max(0, dest_start - slack)
    b = min(len(window), dest_end + slack)
    start, end = text.folded.original_span(lo + a, lo + b)
    tokens = word_tokens(text.original, start, end)
    # whole words only: drop a first or last token cut by the window
    if tokens and tokens[0][0] > 0 and start > 0 and not text.original[tokens[0][0] - 1].isspace():
        tokens = tokens[1:]
    if tokens and end < len(text.original) and not text.original[end].isspace() and tokens[-1][1] == end:
        tokens = tokens[:-1]
    if not tokens:
        return None
    # the quote's words are matched in quote order (the quote is difflib's first sequence): a word
    # repeated in the window (``the voters and the``) then pairs with the quote's word whose
    # neighbours agree, rather than with the window's first occurrence, which would cut the
    # quote's first word off the passage
    tokens = [(a, b, part) for a, b, key in tokens for part in key_parts(key)]
    matcher = difflib.SequenceMatcher(None, quote_keys, [k for _, _, k in tokens], autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return None
    first, last = blocks[0].b, blocks[-1].b + blocks[-1].size - 1
    # keep source words before the first / after the last matching word only if the quote has words
    # there, as many as it has: when the window holds fewer (the source has words the quote left out
    # between), they are taken from beyond it, so the passage is never cut short of a word it shares
    lead = blocks[0].a
    trail = len(quote_keys) - (blocks[-1].a + blocks[-1].size)
    if first - lead < 0 or last + trail > len(tokens) - 1:
        tokens, first, last = _widen(
            text, tokens, first, last, first - lead < 0, last + trail > len(tokens) - 1
        )
    # ... but not across the end of a sentence: a quote word there was added, not changed
    for _ in range(lead):
        if first == 0 or _ends_sentence(text.original, tokens[first - 1]):
            break
        first -= 1
    for _ in range(trail):
        if last == len(tokens) - 1 or _ends_sentence(text.original, tokens[last]):
            break
        last += 1
    span_start, span_end = tokens[first][0], tokens[last][1]
    passage = fold(text.original[span_start:span_end]).text.strip()
    words = difflib.SequenceMatcher(
        None, [k for _, _, k in tokens[first : last + 1]], quote_keys, autojunk=False
    )
    return span_start, span_end, 100 * words.ratio(), fuzz.ratio(piece, passage)


_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")


def _ends_sentence(original: str, token: tuple[int, int, str]) -> bool:
    """True when the word ends a sentence (``.``, ``!`` or ``?``, perhaps before closing quotes)."""
    return _SENTENCE_END.search(original, token[0], token[1]) is not None


WIDEN = 12
"""How many words beyond an aligned window a passage may take to cover the quote's edge words."""


def _widen(
    text: SourceText,
    tokens: list[tuple[int, int, str]],
    first: int,
    last: int,
    before: bool,
    after: bool,
) -> tuple[list[tuple[int, int, str]], int, int]:
    """``tokens`` with up to :data:`WIDEN` whole words of the source added before and/or after,
    and the indices ``first`` and ``last`` moved with them."""
    original = text.original
    head: list[tuple[int, int, str]] = []
    tail: list[tuple[int, int, str]] = []
    if before:
        lo = tokens[0][0]
        reach = max(0, lo - 40 * WIDEN)
        head = word_tokens(original, reach, lo)[-WIDEN:]
        if head and reach > 0 and head[0][0] == reach and not original[reach - 1].isspace():
            head = head[1:]
    if after:
        hi = tokens[-1][1]
        reach = min(len(original), hi + 40 * WIDEN)
        tail = word_tokens(original, hi, reach)[:WIDEN]
        if tail and reach < len(original) and tail[-1][1] == reach and not original[reach].isspace():
            tail = tail[:-1]
    head = [(a, b, part) for a, b, key in head for part in key_parts(key)]
    tail = [(a, b, part) for a, b, key in tail for part in key_parts(key)]
    return head + tokens + tail, first + len(head), last + len(head)


def find_fuzzy(
    index: CorpusIndex,
    quote: Quote,
    sources: list[SourceText] | None = None,
    limit: int = 12,
    *,
    preferred: set[int] | None = None,
) -> list[Match]:
    """The closest passages to the quote, best first (scores 0-100, with word diffs).

    Sources searched: the ``sources`` given, else those sharing most with the quote, plus those
    of the ``preferred`` (the asked speaker's on the asked day) sharing most with it. Candidate
    places are found by word votes (:func:`_windows`); only the best :data:`ALIGNED_PLACES`
    holding at least :data:`PLACE_VOTES` of the best place's votes are aligned with rapidfuzz and
    trimmed to words (a match's word diff is worked out when read). A quote with
    elisions is aligned piece by piece inside the turn of each candidate place.
    """
    if sources is not None:
        pool = sources
    else:
        pool = index.sources_sharing(quote.joined, FUZZY_SOURCES)
        if preferred:
            numbers = {t.number for t in pool}
            pool += [
                t
                for t in index.sources_sharing(quote.joined, FUZZY_SOURCES, preferred)
                if t.number not in numbers
            ]
    places = sorted(
        (place for text in pool for place in _windows(text, quote.joined)),
        key=lambda p: (-p[0], p[1].number, p[2]),
    )
    # a place with under PLACE_VOTES of the best place's votes shares too little with the quote
    floor = PLACE_VOTES * places[0][0] if places else 0.0
    places = [p for p in places if p[0] >= floor]
    chosen = places[:ALIGNED_PLACES]
    if preferred:
        chosen += [p for p in places[ALIGNED_PLACES:] if p[1].number in preferred][: ALIGNED_PLACES // 2]
    found: list[Match] = []
    seen: set[tuple[int, int, int]] = set()
    for _, text, lo, hi in chosen:
        if len(quote.pieces) == 1:
            match = _fuzzy_in_range(text, quote, lo, hi)
        else:
            turn = text.turn_at(text.folded.offsets.start(lo))
            match = _fuzzy_in_turn(text, turn, quote) if turn is not None else None
        if match is not None and (key := (match.text.number, match.start, match.end)) not in seen:
            seen.add(key)
            found.append(match)
    found.sort(key=lambda m: (-m.score, -m.char_score, m.text.number, m.start))
    return found[:limit]


VOTE_SPREAD = 14
"""Characters (about two words) a quote's alignment may shift by, through added or dropped words,
and still pool its votes."""

COMMON_WORD = 64
"""A word occurring more often than this in a source does not vote there (its vote would weigh
under 1/64), unless the quote has no rarer word."""

PLACES_PER_SOURCE = 3
"""How many candidate places each source offers fuzzy search."""


def _occurrences(haystack: str, word: str, limit: int) -> list[int] | None:
    """Word-bounded offsets of ``word`` in ``haystack``; None when it occurs more than ``limit`` times.

    Occurrences are counted as ``str.count`` does (inside other words too, not overlapping), but
    the search stops at the first one too many, so a common word costs less than a full scan.
    """
    raw: list[int] = []
    step = len(word)
    at = haystack.find(word)
    while at != -1:
        if len(raw) == limit:
            return None
        raw.append(at)
        at = haystack.find(word, at + step)
    if "_" in word:  # bounded occurrences may then overlap raw ones: search them one by one
        found = []
        at = find_word(haystack, word, 0)
        while at != -1:
            found.append(at)
            at = find_word(haystack, word, at + 1)
        return found
    # a word of letters and digits only: its bounded occurrences are among the raw ones, those
    # with no letter or digit just before or just after (``_word_bounded``, inlined)
    after = len(haystack) - step
    return [
        at
        for at in raw
        if not (at and haystack[at - 1].isalnum()) and not (at < after and haystack[at + step].isalnum())
    ]


def _windows(text: SourceText, quote: str) -> list[tuple[float, SourceText, int, int]]:
    """Candidate places of the folded ``quote`` in ``text``: (votes, text, folded start, folded end).

    Every occurrence in the source of a quote word that sits ``k`` characters into the quote votes
    for the quote starting ``k`` characters before it, weighted 1 / sqrt(occurrences of the word),
    so rare words count most (words more common than :data:`COMMON_WORD` do not vote) yet two
    words agreeing on a place outweigh one rarer word elsewhere (often the very word a misquote
    changed, found where the quote was not taken from); votes
    within :data:`VOTE_SPREAD` characters pool, so added or dropped words do not split them. Only
    the quote's words are searched (``str.find``), never the whole source tokenized.
    """
    haystack = text.folded.text
    words = [(m.start(), m.group()) for m in WORD_PATTERN.finditer(quote)]
    seen: dict[str, list[int] | None] = {}
    for _, word in words:
        if word not in seen:
            seen[word] = _occurrences(haystack, word, COMMON_WORD)
    rare = [(k, found) for k, word in words if (found := seen[word])]
    if not rare:
        again = {word: _occurrences(haystack, word, 50 * COMMON_WORD) for word in seen}
        rare = [(k, found) for k, word in words if (found := again[word])]
    votes: dict[int, float] = defaultdict(float)
    for k, found in rare:
        weight = 1 / math.sqrt(len(found))
        for at in found:
            votes[at - k] += weight
    keys = sorted(votes)
    pooled: dict[int, float] = {}
    low = high = 0
    running = 0.0
    for key in keys:
        while high < len(keys) and keys[high] <= key + VOTE_SPREAD:
            running += votes[keys[high]]
            high += 1
        while keys[low] < key - VOTE_SPREAD:
            running -= votes[keys[low]]
            low += 1
        pooled[key] = running
    chosen: list[int] = []
    gap = max(12, len(quote) // 2)
    for start in sorted(pooled, key=lambda s: (-pooled[s], s)):
        if len(chosen) == PLACES_PER_SOURCE:
            break
        if all(abs(start - other) >= gap for other in chosen):
            chosen.append(start)
    margin = 2 * VOTE_SPREAD + len(quote) // 4
    places = []
    for start in chosen:
        lo = max(0, start - margin)
        hi = min(len(haystack), start + len(quote) + margin)
        while lo > 0 and not haystack[lo - 1].isspace():
            lo -= 1
        while hi < len(haystack) and not haystack[hi].isspace():
            hi += 1
        places.append((round(pooled[start], 6), text, lo, hi))
    return places


def _fuzzy_in_range(text: SourceText, quote: Quote, lo: int, hi: int) -> Match | None:
    """Align a one-piece quote inside the folded range ``[lo, hi)``; None if nothing aligns."""
    aligned = _align_piece(text, quote.pieces[0], quote.original_pieces[0], lo, hi)
    if aligned is None:
        return None
    start, end, words, chars = aligned
    spans = [(start, end)]
    segments = segments_of(text, spans)
    return Match(text, tuple(spans), segments, round(words, 1), char_score=round(chars, 1), aligned=quote)


def _fuzzy_in_turn(text: SourceText, turn: Turn, quote: Quote) -> Match | None:
    """Align the quote's pieces in order inside one turn; scores are length-weighted means."""
    lo = turn.folded_start
    spans: list[tuple[int, int]] = []
    word_total = char_total = 0.0
    for piece, original_piece in zip(quote.pieces, quote.original_pieces, strict=True):
        aligned = _align_piece(text, piece, original_piece, lo, turn.folded_end)
        if aligned is None:
            return None
        start, end, words, chars = aligned
        spans.append((start, end))
        word_total += words * len(piece)
        char_total += chars * len(piece)
        lo = text.folded.offsets.to_folded(end)
    length = sum(len(p) for p in quote.pieces)
    segments = segments_of(text, spans)
    score, char_score = round(word_total / length, 1), round(char_total / length, 1)
    return Match(text, tuple(spans), segments, score, char_score=char_score, aligned=quote)
