"""Exact search: every piece of the quote occurs in folded text, in order, word-bounded, inside one speaker turn.

Loose search (:func:`find_loose`) also folds contractions both ways and quotation marks printed inside
the passage but left out of the quote (or the reverse).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from claims.verification.diff import CONTRACTIONS
from claims.verification.folding import fold
from claims.verification.index import CorpusIndex, SourceText
from claims.verification.passage import Match, segments_of, trim
from claims.verification.quote import Quote

MAX_EXACT_MATCHES = 1000
"""Most exact occurrences collected for one quote (a one-word quote can occur everywhere)."""


def _word_bounded(haystack: str, start: int, end: int) -> bool:
    """True when ``haystack[start:end]`` neither starts nor ends inside a word ("Iran" is not in "Iranian")."""
    if haystack[start].isalnum() and start > 0 and haystack[start - 1].isalnum():
        return False
    return not (haystack[end - 1].isalnum() and end < len(haystack) and haystack[end].isalnum())


def find_word(haystack: str, piece: str, start: int, end: int | None = None) -> int:
    """The first word-bounded occurrence of ``piece`` in ``haystack[start:end]``, or -1."""
    at = haystack.find(piece, start, end)
    while at != -1 and not _word_bounded(haystack, at, at + len(piece)):
        at = haystack.find(piece, at + 1, end)
    return at


def _pool(
    index: CorpusIndex,
    words: list[str],
    sources: list[SourceText] | None,
    preferred: Sequence[set[int]],
) -> list[SourceText]:
    """The sources that can hold every one of ``words`` (within ``sources``), ``preferred`` tiers first."""
    pool = index.sources_with_all(words)
    if sources is not None:
        allowed = {s.number for s in sources}
        pool = [s for s in pool if s.number in allowed]
    if preferred:
        tiers = len(preferred)
        pool.sort(key=lambda t: next((k for k, tier in enumerate(preferred) if t.number in tier), tiers))
    return pool


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
    pool = _pool(index, list(quote.pieces), sources, preferred)
    matches: list[Match] = []
    for text in pool:
        haystack = text.folded.text
        first = quote.pieces[0]
        at = find_word(haystack, first, 0)
        while at != -1 and len(matches) < MAX_EXACT_MATCHES:
            match = _extend(text, quote, at)
            if match is not None:
                matches.append(match)
            at = find_word(haystack, first, at + 1)
    return matches


def _extend(text: SourceText, quote: Quote, first_at: int) -> Match | None:
    """Complete a match whose first piece starts at folded offset ``first_at``; None if it cannot."""
    haystack = text.folded.text
    folded_spans = [(first_at, first_at + len(quote.pieces[0]))]
    turn = text.turn_at(trim(text, *text.folded.original_span(*folded_spans[0]))[0])
    for piece in quote.pieces[1:]:
        limit = turn.folded_end if turn is not None else len(haystack)
        at = find_word(haystack, piece, folded_spans[-1][1], limit)
        if at == -1:
            return None
        folded_spans.append((at, at + len(piece)))
    spans = [trim(text, *text.folded.original_span(a, b)) for a, b in folded_spans]
    if len(spans) > 1 and turn is not None and spans[-1][1] > turn.end:
        return None
    case_differs = any(
        _case_differs(text.original[a:b], cased)
        for (a, b), cased in zip(spans, quote.cased_pieces, strict=True)
    )
    return Match(text, tuple(spans), segments_of(text, spans), 100.0, case_differs)


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
    pool = _pool(index, plain, sources, preferred) if plain else []
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
    turn = text.turn_at(trim(text, *text.folded.original_span(*found[0]))[0]) if len(patterns) > 1 else None
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
    spans = [trim(text, *text.folded.original_span(a, b)) for a, b in found]
    if len(spans) > 1 and turn is not None and spans[-1][1] > turn.end:
        return None
    matched = [haystack[a:b] for a, b in found]
    marks = any(m.count('"') != p.count('"') for m, p in zip(matched, quote.pieces, strict=True))
    unmarked = [" ".join(m.replace('"', " ").split()) for m in matched]
    wanted = [" ".join(p.replace('"', " ").split()) for p in quote.pieces]
    return Match(
        text,
        tuple(spans),
        segments_of(text, spans),
        100.0,
        contractions_differ=unmarked != wanted,
        quote_marks_differ=marks,
    )


def _case_differs(passage: str, cased_piece: str) -> bool:
    """True when ``passage`` (original text) folds to the piece only once letter case is ignored."""
    folded = fold(passage)
    return folded.cased.strip() != cased_piece and folded.text.strip() == cased_piece.lower()
