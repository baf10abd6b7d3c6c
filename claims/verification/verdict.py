"""Judging matches: which verdict a quote earns and the evidence the result carries.

Precedence: ``verified`` (the words, as one speaker's, by the asked speaker on the asked day);
``misattributed`` (the words exist but the asked speaker never says them: someone else does, or
they run across two speakers' turns, so no one person says them); ``misdated`` (the asked
speaker says them, but not on the asked day); ``misquoted`` (no exact match, a close one scoring
at least the threshold); ``not-found``. A speaker who says the words on another day is misdated,
not misattributed, even if someone else says the same words on the asked day.
"""

from __future__ import annotations

import datetime as dt

from claims.names import describe_person
from claims.records import Span
from claims.verification.index import CorpusIndex
from claims.verification.matching import (
    CANDIDATE_FLOOR,
    MISQUOTE_THRESHOLD,
    Match,
    Quote,
    find_exact,
    find_fuzzy,
)
from claims.verification.result import Asked, Candidate, Piece, Verdict, VerifyResult

CLOSE_SCORES = 5.0
"""Fuzzy passages within this many points of the best count as equally close; the asked speaker's wins."""


def match_date(match: Match) -> dt.date:
    """When the matched words were said: an overlapping claim of the same speaker's date, else the source's."""
    speakers = [s for s in match.said_by if s is not None]
    for claim in match.text.claims_overlapping(match.start, match.end):
        if speakers and claim.speaker_id == speakers[0]:
            return claim.date
    return match.text.source.date


def single_speaker(match: Match) -> bool:
    """True when one speaker (or only boilerplate) says every matched word."""
    return len(match.said_by) == 1


def _speaker(match: Match) -> str | None:
    return match.said_by[0] if single_speaker(match) else None


def _order(match: Match) -> tuple[bool, bool, int, int]:
    return (not single_speaker(match), _speaker(match) is None, match.text.number, match.start)


def judge(index: CorpusIndex, quote: Quote, asked: Asked) -> VerifyResult:
    """The verdict on ``quote`` given what was asked, with the evidence."""
    sources = [index.by_file[asked.source_file]] if asked.source_file else None
    on_day = index.sources_of(asked.speaker_id, asked.date)
    preferred = [tier for tier in (on_day, index.sources_of(asked.speaker_id, None)) if tier]
    exact = sorted(find_exact(index, quote, sources, preferred=preferred), key=_order)
    inner = quote.unwrapped()
    if not exact and inner is not None and inner.pieces:
        # quotation marks around the whole quote are the quoter's, unless the source prints them
        quote = inner
        exact = sorted(find_exact(index, quote, sources, preferred=preferred), key=_order)
    if exact:
        return _judge_exact(index, quote, asked, exact)
    fuzzy = find_fuzzy(index, quote, sources, preferred=on_day)
    close = [m for m in fuzzy if m.close]
    if close:
        best = max(m.score for m in close)
        tied = [m for m in close if m.score >= best - CLOSE_SCORES]
        own = [m for m in tied if asked.speaker_id is None or _speaker(m) == asked.speaker_id]
        chosen = (own or tied)[0]
        others = [m for m in fuzzy if m is not chosen and m.score >= CANDIDATE_FLOOR]
        who = _speaker(chosen)
        extra = ""
        if asked.speaker_id is not None and who != asked.speaker_id:
            extra = f"; the passage is {_names(index, chosen)}'s, not {describe_person(index.people, asked.speaker_id)}'s"
        if asked.date is not None and match_date(chosen) != asked.date:
            extra += f"; it was said on {match_date(chosen).isoformat()}, not {asked.date.isoformat()}"
        return _result(
            index,
            quote,
            asked,
            "misquoted",
            chosen,
            others,
            f"no exact match; the closest passage has {chosen.score:.0f}% of the words in common "
            f"(threshold {MISQUOTE_THRESHOLD:.0f}){extra}",
        )
    listed = [m for m in fuzzy if m.score >= CANDIDATE_FLOOR]
    return VerifyResult(
        verdict="not-found",
        quote=quote.given,
        speaker_id=None,
        date=None,
        source_file=None,
        span=None,
        text=None,
        claim_ids=[],
        segment=None,
        diff=[],
        candidates=[_candidate(m) for m in listed],
        asked=asked,
        score=listed[0].score if listed else None,
        explanation=(
            f"no passage of {'the source' if sources else 'any source'} matches; the closest has "
            f"{listed[0].score:.0f}% of the words in common, under the threshold {MISQUOTE_THRESHOLD:.0f}"
            if listed
            else f"no passage of {'the source' if sources else 'any source'} resembles the quote"
        ),
    )


def _judge_exact(index: CorpusIndex, quote: Quote, asked: Asked, exact: list[Match]) -> VerifyResult:
    """Verified, misattributed or misdated, from the exact occurrences of the words."""
    if asked.speaker_id is not None:
        own = [m for m in exact if _speaker(m) == asked.speaker_id]
    else:
        own = [m for m in exact if single_speaker(m)]
    if own:
        on_day = [m for m in own if asked.date is None or match_date(m) == asked.date]
        if on_day:
            chosen = on_day[0]
            return _result(
                index, quote, asked, "verified", chosen, _others(exact, chosen), _said(index, chosen)
            )
        chosen = own[0]
        basis = chosen.text.source.date_basis.method
        return _result(
            index,
            quote,
            asked,
            "misdated",
            chosen,
            _others(exact, chosen),
            f"{_said(index, chosen)}, on {match_date(chosen).isoformat()} ({basis} date), not on {asked.date}",
        )
    chosen = exact[0]
    if single_speaker(chosen):
        why = f"the words are {_names(index, chosen)}'s"
    else:
        why = f"the words run across the turns of {_names(index, chosen)}: no one person says them"
    if asked.speaker_id is not None:
        why += f", not {describe_person(index.people, asked.speaker_id)}'s"
    return _result(index, quote, asked, "misattributed", chosen, _others(exact, chosen), why)


def _others(matches: list[Match], chosen: Match) -> list[Match]:
    return [m for m in matches if m is not chosen]


def _names(index: CorpusIndex, match: Match) -> str:
    nobody = "nobody (site text)" if match.segments else "no one on record (the source has no segments)"
    names = [describe_person(index.people, pid) if pid else nobody for pid in match.said_by]
    return " and ".join(names)


def _said(index: CorpusIndex, match: Match) -> str:
    return f"{_names(index, match)} says these words in {match.text.source.file}"


def _candidate(match: Match) -> Candidate:
    return Candidate(
        source_file=match.text.source.file,
        span=Span(start=match.start, end=match.end),
        text=match.text.original[match.start : match.end],
        score=match.score,
        speaker_id=_speaker(match),
        said_by=[s for s in match.said_by if s is not None],
        date=match_date(match),
    )


def _result(
    index: CorpusIndex,
    quote: Quote,
    asked: Asked,
    verdict: Verdict,
    match: Match,
    others: list[Match],
    explanation: str,
) -> VerifyResult:
    """A result carrying ``match`` as the evidence and ``others`` as candidates."""
    text = match.text
    segments = match.segments
    first = segments[0] if segments else None
    turn = text.turn_at(match.start)
    label = next((s.label for s in turn.segments if s.label), None) if turn else None
    claim_ids = sorted({c.id for start, end in match.pieces for c in text.claims_overlapping(start, end)})
    pieces = (
        [
            Piece(quote=given, span=Span(start=start, end=end), text=text.original[start:end])
            for given, (start, end) in zip(quote.original_pieces, match.pieces, strict=True)
        ]
        if len(match.pieces) > 1
        else []
    )
    return VerifyResult(
        verdict=verdict,
        quote=quote.given,
        speaker_id=_speaker(match),
        date=match_date(match),
        source_file=text.source.file,
        span=Span(start=match.start, end=match.end),
        text=text.original[match.start : match.end],
        claim_ids=claim_ids,
        segment=first,
        diff=list(match.diff),
        candidates=[_candidate(m) for m in others[:5]],
        asked=asked,
        said_by=[s for s in match.said_by if s is not None],
        pieces=pieces,
        segment_ids=[s.id for s in segments],
        label=label,
        via_interpreter=any(s.via_interpreter for s in segments if s.speaker_id is not None),
        reported_by=first.reported_by if first else None,
        case_differs=match.case_differs,
        score=match.score,
        date_basis=text.source.date_basis,
        explanation=explanation,
    )
