"""Finding a quote in the sources: exact (after folding), with elisions, and fuzzy with a word diff.

Exact: every piece of the quote (pieces are separated by ``...`` or ``…``, an elision) occurs
in folded text, in order, inside one speaker turn. Fuzzy: the quote's words vote for places in
the sources that share the most (rare words weigh most); rapidfuzz aligns the quote at the best
places (piece by piece inside the place's turn for an elided quote); each passage is trimmed to
whole words by a word-level diff (difflib) and scored by word similarity. A passage scoring at
least :data:`MISQUOTE_THRESHOLD` (or misspelt but at least :data:`SPELLING_THRESHOLD` similar
character by character) is a misquote; otherwise the quote is not found, and the passages
scoring at least :data:`CANDIDATE_FLOOR` are listed as candidates.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from rapidfuzz import fuzz

from claims.records import Segment
from claims.verification.folding import fold
from claims.verification.index import CorpusIndex, SourceText, Turn
from claims.verification.result import DiffEntry, DiffOp
from claims.verification.wordpairs import WORD as WORD_PATTERN

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

FUZZY_SOURCES = 8
"""How many sources (most shared word bigrams first) fuzzy search looks into."""

ALIGNED_PLACES = 8
"""How many of the best candidate places (by word votes) fuzzy search aligns with rapidfuzz."""

PLACE_VOTES = 0.4
"""Least share of the best place's votes a place needs to be aligned. Measured on 330 generated
misquotes: the place of the passage chosen had at least 0.45 of the best place's votes."""

ELISION = re.compile(r"\s*\.\.\.\s*")
"""The elision mark in a folded quote (``…`` folds to ``...``)."""

_TOKEN = re.compile(r"\S+")
_EDGE_PUNCT = re.compile(r"^\W+|\W+$")


QUOTE_MARKS = "\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"
"""Quotation marks a quoter may put around a whole quote."""


def _wrapped(folded: str) -> bool:
    return len(folded) >= 2 and folded[0] == folded[-1] == '"'


@dataclass(frozen=True)
class Quote:
    """A quote as given, its folded form and its elided pieces (folded, lower-cased and cased)."""

    given: str
    pieces: tuple[str, ...]
    cased_pieces: tuple[str, ...]
    original_pieces: tuple[str, ...]

    @classmethod
    def parse(cls, given: str, *, unwrap: bool = False) -> Quote:
        """Fold the quote and split it at elisions; with ``unwrap``, drop quotation marks around it."""
        cased = fold(given).cased.strip()
        plain = given.strip()
        if unwrap and _wrapped(cased):
            cased = cased[1:-1].strip()
            plain = plain.strip(QUOTE_MARKS).strip()
        cased_pieces = tuple(p for p in (x.strip() for x in ELISION.split(cased)) if p)
        original_pieces = tuple(p for p in (x.strip() for x in re.split(r"\s*(?:\.\.\.|…)\s*", plain)) if p)
        if len(original_pieces) != len(cased_pieces):
            original_pieces = cased_pieces
        return cls(
            given=given,
            pieces=tuple(p.lower() for p in cased_pieces),
            cased_pieces=cased_pieces,
            original_pieces=original_pieces,
        )

    def unwrapped(self) -> Quote | None:
        """The quote without the quotation marks around it, if it has them (else None)."""
        if len(self.cased_pieces) and _wrapped(" ... ".join(self.cased_pieces)):
            return Quote.parse(self.given, unwrap=True)
        return None

    @property
    def joined(self) -> str:
        """The folded pieces joined by single spaces (the elisions closed up)."""
        return " ".join(self.pieces)


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
        diff = _diff_pieces(self.text, spans, self.aligned, punctuation=False)
        if all(d.op == "equal" for d in diff):
            diff = _diff_pieces(self.text, spans, self.aligned, punctuation=True)
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


MAX_EXACT_MATCHES = 1000
"""Most exact occurrences collected for one quote (a one-word quote can occur everywhere)."""


def _word_bounded(haystack: str, start: int, end: int) -> bool:
    """True when ``haystack[start:end]`` neither starts nor ends inside a word ("Iran" is not in "Iranian")."""
    if haystack[start].isalnum() and start > 0 and haystack[start - 1].isalnum():
        return False
    return not (haystack[end - 1].isalnum() and end < len(haystack) and haystack[end].isalnum())


def _find_word(haystack: str, piece: str, start: int, end: int | None = None) -> int:
    """The first word-bounded occurrence of ``piece`` in ``haystack[start:end]``, or -1."""
    at = haystack.find(piece, start, end)
    while at != -1 and not _word_bounded(haystack, at, at + len(piece)):
        at = haystack.find(piece, at + 1, end)
    return at


def find_exact(
    index: CorpusIndex,
    quote: Quote,
    sources: list[SourceText] | None = None,
    *,
    preferred: Sequence[set[int]] = (),
) -> list[Match]:
    """Every exact, word-bounded occurrence of the quote's pieces, in order within one turn.

    At most :data:`MAX_EXACT_MATCHES` are collected, from the sources of the ``preferred`` sets
    (source numbers, most preferred first: the asked speaker's on the asked day, say) before the
    others, so the cap on a common phrase drops the occurrences that matter least.
    """
    pool = index.sources_with_all(list(quote.pieces))
    if sources is not None:
        allowed = {s.number for s in sources}
        pool = [s for s in pool if s.number in allowed]
    if preferred:
        tiers = len(preferred)
        pool.sort(key=lambda t: next((k for k, tier in enumerate(preferred) if t.number in tier), tiers))
    matches: list[Match] = []
    for text in pool:
        haystack = text.folded.text
        first = quote.pieces[0]
        at = _find_word(haystack, first, 0)
        while at != -1 and len(matches) < MAX_EXACT_MATCHES:
            match = _extend(text, quote, at)
            if match is not None:
                matches.append(match)
            at = _find_word(haystack, first, at + 1)
    return matches


def _extend(text: SourceText, quote: Quote, first_at: int) -> Match | None:
    """Complete a match whose first piece starts at folded offset ``first_at``; None if it cannot."""
    haystack = text.folded.text
    folded_spans = [(first_at, first_at + len(quote.pieces[0]))]
    turn = text.turn_at(_trim(text, *text.folded.original_span(*folded_spans[0]))[0])
    for piece in quote.pieces[1:]:
        limit = turn.folded_end if turn is not None else len(haystack)
        at = _find_word(haystack, piece, folded_spans[-1][1], limit)
        if at == -1:
            return None
        folded_spans.append((at, at + len(piece)))
    spans = [_trim(text, *text.folded.original_span(a, b)) for a, b in folded_spans]
    if len(spans) > 1 and turn is not None and spans[-1][1] > turn.end:
        return None
    case_differs = any(
        _case_differs(text.original[a:b], cased)
        for (a, b), cased in zip(spans, quote.cased_pieces, strict=True)
    )
    return Match(text, tuple(spans), _segments_of(text, spans), 100.0, case_differs)


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

_EXPANSIONS: dict[str, list[str]] = defaultdict(list)
for _short, _long in CONTRACTIONS.items():
    _EXPANSIONS[_long].append(_short)
_EXPANSIONS["can not"].append("can't")

_GAP = r'(?: ?" ?| )'
"""Between two words of a loose match: a space, with or without quotation marks."""

_TRAILING = re.compile(r"^(.*?)(\W*)$")


def _token_pattern(alternatives: list[str]) -> str:
    """A word (or its contraction alternatives) with optional quotation marks around and before its punctuation."""
    forms = []
    for form in alternatives:
        words = []
        for word in form.split(" "):
            core, punct = _TRAILING.match(word).groups()  # type: ignore[union-attr]
            words.append(re.escape(core) + ('"?' + re.escape(punct) if punct else ""))
        forms.append(_GAP.join(words))
    return '"?(?:' + "|".join(forms) + ')"?'


def loose_pattern(piece: str) -> tuple[re.Pattern[str], list[str], list[str]] | None:
    """A pattern matching a folded piece with contractions either way and quotation marks ignored,
    and the piece's plain stretches (no contraction) for choosing the sources; None if the piece has
    neither a contraction nor a quotation mark to fold and the sources print none around its words.
    The third item lists the literal words a match can start with (for a fast ``str.find`` scan)."""
    tokens = piece.replace('"', " ").split()
    if not tokens:
        return None
    patterns: list[str] = []
    plain: list[list[str]] = [[]]
    firsts: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        core, punct = _TRAILING.match(token).groups()  # type: ignore[union-attr]
        pair = f"{core} {_TRAILING.match(tokens[i + 1]).groups()[0]}" if i + 1 < len(tokens) else ""  # type: ignore[union-attr]
        if i == 0:
            # a match starts with the first word, or the first word of its contraction or expansion
            starts = {
                core,
                CONTRACTIONS.get(core, core).split()[0],
                *(c.split("'")[0] for c in _EXPANSIONS.get(pair, ())),
            }
            firsts = sorted(w for w in starts if w) or [token]
        if core in CONTRACTIONS:
            patterns.append(_token_pattern([token, CONTRACTIONS[core] + punct]))
            plain.append([])
        elif pair in _EXPANSIONS:
            whole = f"{token} {tokens[i + 1]}"
            tail = _TRAILING.match(tokens[i + 1]).groups()[1]  # type: ignore[union-attr]
            patterns.append(_token_pattern([whole, *(c + tail for c in _EXPANSIONS[pair])]))
            plain.append([])
            i += 1
        else:
            patterns.append(_token_pattern([token]))
            plain[-1].append(token)
        i += 1
    return re.compile(_GAP.join(patterns)), [" ".join(p) for p in plain if p], firsts


def find_loose(
    index: CorpusIndex,
    quote: Quote,
    sources: list[SourceText] | None = None,
    *,
    preferred: Sequence[set[int]] = (),
) -> list[Match]:
    """Exact occurrences once contractions are folded (we're / we are) and quotation marks ignored.

    Used when :func:`find_exact` finds nothing: a quote leaving out the quotation marks the source
    prints inside the passage (or adding some), or writing out a contraction the source prints
    (or the reverse), is still the speaker's words. The matches say which of the two differed.
    """
    loose = [loose_pattern(piece) for piece in quote.pieces]
    if any(p is None for p in loose):
        return []
    patterns = [p[0] for p in loose if p is not None]
    plain = [stretch for p in loose if p is not None for stretch in p[1]]
    firsts = loose[0][2] if loose[0] is not None else []
    pool = index.sources_with_all(plain) if plain else []
    if sources is not None:
        allowed = {s.number for s in sources}
        pool = [s for s in pool if s.number in allowed]
    if preferred:
        tiers = len(preferred)
        pool.sort(key=lambda t: next((k for k, tier in enumerate(preferred) if t.number in tier), tiers))
    matches: list[Match] = []
    for text in pool:
        haystack = text.folded.text
        for first in _loose_starts(haystack, patterns[0], firsts):
            if len(matches) >= MAX_EXACT_MATCHES:
                return matches
            if not _word_bounded(haystack, first.start(), first.end()):
                continue
            match = _extend_loose(text, quote, patterns, first)
            if match is not None:
                matches.append(match)
    return matches


def _loose_starts(haystack: str, pattern: re.Pattern[str], firsts: list[str]) -> list[re.Match[str]]:
    """Matches of ``pattern`` in ``haystack``, tried only where one of the literal ``firsts`` occurs
    (a ``str.find`` scan at C speed; the pattern may start with a quotation mark just before it)."""
    found: dict[int, re.Match[str]] = {}
    for word in firsts:
        at = haystack.find(word)
        while at != -1:
            for start in (at - 1, at) if at and haystack[at - 1] == '"' else (at,):
                if start not in found and (hit := pattern.match(haystack, start)) is not None:
                    found[start] = hit
            at = haystack.find(word, at + 1)
    ordered = [found[k] for k in sorted(found)]
    kept: list[re.Match[str]] = []
    for hit in ordered:  # as finditer would: no overlapping matches
        if not kept or hit.start() >= kept[-1].end():
            kept.append(hit)
    return kept


def _extend_loose(
    text: SourceText, quote: Quote, patterns: list[re.Pattern[str]], first: re.Match[str]
) -> Match | None:
    haystack = text.folded.text
    found = [(first.start(), first.end())]
    # only an elided quote needs the turn (its pieces must lie in one); turns are built when first asked
    turn = text.turn_at(_trim(text, *text.folded.original_span(*found[0]))[0]) if len(patterns) > 1 else None
    for pattern in patterns[1:]:
        limit = turn.folded_end if turn is not None else len(haystack)
        at = found[-1][1]
        while True:
            hit = pattern.search(haystack, at, limit)
            if hit is None:
                return None
            if _word_bounded(haystack, hit.start(), hit.end()):
                break
            at = hit.start() + 1
        found.append((hit.start(), hit.end()))
    spans = [_trim(text, *text.folded.original_span(a, b)) for a, b in found]
    if len(spans) > 1 and turn is not None and spans[-1][1] > turn.end:
        return None
    matched = [haystack[a:b] for a, b in found]
    marks = any(m.count('"') != p.count('"') for m, p in zip(matched, quote.pieces, strict=True))
    unmarked = [" ".join(m.replace('"', " ").split()) for m in matched]
    wanted = [" ".join(p.replace('"', " ").split()) for p in quote.pieces]
    return Match(
        text,
        tuple(spans),
        _segments_of(text, spans),
        100.0,
        contractions_differ=unmarked != wanted,
        quote_marks_differ=marks,
    )


@lru_cache(maxsize=1 << 16)
def word_key(word: str, *, punctuation: bool = False) -> str:
    """A word as compared in diffs: folded, and without punctuation at its edges unless ``punctuation``.

    Cached: the same words recur in every diff. An ASCII word without ``--`` or ``..`` folds to
    its lower case (nothing else in it can fold), so :func:`fold` runs only for the rest.
    """
    plain = word.isascii() and "--" not in word and ".." not in word
    folded = word.lower() if plain else fold(word).text
    return folded if punctuation else (_EDGE_PUNCT.sub("", folded) or folded)


def _case_differs(passage: str, cased_piece: str) -> bool:
    """True when ``passage`` (original text) folds to the piece only once letter case is ignored."""
    folded = fold(passage)
    return folded.cased.strip() != cased_piece and folded.text.strip() == cased_piece.lower()


def _tokens(original: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Words of ``original[start:end]`` with their offsets and comparison keys."""
    return [(m.start(), m.end(), word_key(m.group())) for m in _TOKEN.finditer(original, start, end)]


_KEY_PARTS: dict[str, tuple[str, ...]] = {
    **{short: tuple(long.split()) for short, long in CONTRACTIONS.items()},
    "can't": ("can", "not"),
    "cannot": ("can", "not"),
}
"""Diff keys that stand for several words: a contraction compares as the words it stands for."""


def _parts(key: str) -> tuple[str, ...]:
    return _KEY_PARTS.get(key, (key,))


def _expand(keys: list[str]) -> tuple[list[str], list[int]]:
    """Keys with contractions expanded (``we're`` → ``we``, ``are``), and each key's word index."""
    expanded: list[str] = []
    owners: list[int] = []
    for number, key in enumerate(keys):
        for part in _parts(key):
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
    source_keys, source_owners = _expand([word_key(w, punctuation=punctuation) for w in source_words])
    quote_keys, quote_owners = _expand([word_key(w, punctuation=punctuation) for w in quote_words])
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
    quote_keys = _expand([k for _, _, k in _tokens(original_piece, 0, len(original_piece))])[0]
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
    tokens = _tokens(text.original, start, end)
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
    tokens = [(a, b, part) for a, b, key in tokens for part in _parts(key)]
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
        head = _tokens(original, reach, lo)[-WIDEN:]
        if head and reach > 0 and head[0][0] == reach and not original[reach - 1].isspace():
            head = head[1:]
    if after:
        hi = tokens[-1][1]
        reach = min(len(original), hi + 40 * WIDEN)
        tail = _tokens(original, hi, reach)[:WIDEN]
        if tail and reach < len(original) and tail[-1][1] == reach and not original[reach].isspace():
            tail = tail[:-1]
    head = [(a, b, part) for a, b, key in head for part in _parts(key)]
    tail = [(a, b, part) for a, b, key in tail for part in _parts(key)]
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
        at = _find_word(haystack, word, 0)
        while at != -1:
            found.append(at)
            at = _find_word(haystack, word, at + 1)
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
    segments = _segments_of(text, spans)
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
    segments = _segments_of(text, spans)
    score, char_score = round(word_total / length, 1), round(char_total / length, 1)
    return Match(text, tuple(spans), segments, score, char_score=char_score, aligned=quote)


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
