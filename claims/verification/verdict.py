"""Judging matches: which verdict a quote earns and the evidence the result carries.

Precedence: ``verified`` (the words, as one speaker's, by the asked speaker on the asked day:
said by them, or quoted by a writer); ``paraphrased`` (the words occur only as a writer's indirect
speech or narration reporting the speaker: not the speaker's words); ``misattributed`` (the words exist but the asked speaker never says them: someone else does, or
they run across two speakers' turns, so no one person says them); ``misdated`` (the asked
speaker says them, but not on the asked day); ``misquoted`` (no exact match, a close one scoring
at least the threshold); ``not-found``. A speaker who says the words on another day is misdated,
not misattributed, even if someone else says the same words on the asked day.

Asked for an organisation, the words of whoever holds an office speaking for it on the day (a
role's ``speaks_for``: a press secretary, a spokesperson) are the organisation's. Asked for "any
questioner of a source" (``Asked.speaker_ids``), any of them. Quotes that match only once
contractions are folded or quotation marks ignored (:func:`find_loose`) are judged like exact ones,
the result saying what differed. A miss inside ``--source`` lists where else the words occur.
"""

from __future__ import annotations

import datetime as dt

from claims.names import describe_person
from claims.records import Span
from claims.verification.exact import find_exact, find_loose
from claims.verification.fuzzy import find_fuzzy
from claims.verification.index import CorpusIndex
from claims.verification.passage import CANDIDATE_FLOOR, MISQUOTE_THRESHOLD, Match
from claims.verification.quote import Quote
from claims.verification.result import Asked, Attribution, Candidate, Piece, Verdict, VerifyResult, percent

ELSEWHERE = 5
"""How many other places a miss inside ``--source`` lists."""

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


def attribution(match: Match) -> Attribution:
    """How the matched words are attributed: paraphrase when any of the speakers' segments is a
    writer's narration reporting them, quoted when one is inside a writer's quotation marks."""
    spoken = [s for s in match.segments if s.speaker_id is not None]
    if any(s.kind == "narration" and s.reported_by is not None for s in spoken):
        return "paraphrase"
    if any(s.kind == "quotation" for s in spoken):
        return "quoted"
    return "direct"


def judge(index: CorpusIndex, quote: Quote, asked: Asked) -> VerifyResult:
    """The verdict on ``quote`` given what was asked, with the evidence."""
    result = _judge(index, quote, asked)
    extra: dict[str, object] = {}
    if asked.title_note:
        extra["explanation"] = f"{result.explanation}; note: {asked.title_note}"
    if result.verdict != "verified" and asked.source_file is not None:
        elsewhere = _elsewhere(index, quote, asked)
        if elsewhere:
            where = "; ".join(
                f"{c.source_file} ({', '.join(describe_person(index.people, s) for s in c.said_by) or 'no speaker'})"
                for c in elsewhere
            )
            extra["elsewhere"] = elsewhere
            extra["explanation"] = (
                f"{extra.get('explanation', result.explanation)}; outside {asked.source_file} the words occur in {where}"
            )
    if (
        result.verdict == "not-found"
        and "elsewhere" not in extra
        and (only := _interpreted_only(index, asked))
    ):
        extra["interpreted_only"] = True
        extra["explanation"] = f"{extra.get('explanation', result.explanation)}; {only}"
    return result.model_copy(update=extra) if extra else result


def _elsewhere(index: CorpusIndex, quote: Quote, asked: Asked) -> list[Candidate]:
    """Where the words occur outside the asked source: exact places, else close passages."""
    others = [t for t in index.sources if t.source.file != asked.source_file]
    found = [m for m in find_exact(index, quote, others) if m.text.source.file != asked.source_file]
    if not found:
        found = [m for m in find_loose(index, quote, others) if m.text.source.file != asked.source_file]
    if not found:
        found = [
            m for m in find_fuzzy(index, quote, None) if m.close and m.text.source.file != asked.source_file
        ]
    return [_candidate(m) for m in sorted(found, key=_order)[:ELSEWHERE]]


def _interpreted_only(index: CorpusIndex, asked: Asked) -> str | None:
    """For a miss: a note when every word of the asked speaker on record is an interpreter's rendering."""
    if asked.speaker_id is None:
        return None
    numbers = index.speakers.get(asked.speaker_id, set())
    if asked.source_file is not None:
        numbers = {n for n in numbers if index.sources[n].source.file == asked.source_file}
    segments = [
        s
        for n in sorted(numbers)
        for s in index.sources[n].unordered_segments
        if s.speaker_id == asked.speaker_id
    ]
    if not segments or not all(s.via_interpreter for s in segments):
        return None
    files = sorted({s.source_file for s in segments})
    return (
        f"{describe_person(index.people, asked.speaker_id)}'s words are recorded only in an interpreter's "
        f"English rendering ({', '.join(files)}): quote the translation, or check the original recording"
    )


def _judge(index: CorpusIndex, quote: Quote, asked: Asked) -> VerifyResult:
    sources = [index.by_file[asked.source_file]] if asked.source_file else None
    on_day = index.sources_of(asked.speaker_id, asked.date)
    preferred = [tier for tier in (on_day, index.sources_of(asked.speaker_id, None)) if tier]
    exact = sorted(find_exact(index, quote, sources, preferred=preferred), key=_order)
    inner = quote.unwrapped()
    if not exact and inner is not None and inner.pieces:
        # quotation marks around the whole quote are the quoter's, unless the source prints them
        quote = inner
        exact = sorted(find_exact(index, quote, sources, preferred=preferred), key=_order)
    if not exact:
        exact = sorted(find_loose(index, quote, sources, preferred=preferred), key=_order)
    if exact:
        return _judge_exact(index, quote, asked, exact)
    fuzzy = find_fuzzy(index, quote, sources, preferred=on_day)
    close = [m for m in fuzzy if m.close]
    if close:
        best = max(m.score for m in close)
        tied = [m for m in close if m.score >= best - CLOSE_SCORES]
        own = [m for m in tied if not _wanted(asked) or _owns(index, asked, m)[0]]
        chosen = (own or tied)[0]
        others = [m for m in fuzzy if m is not chosen and m.score >= CANDIDATE_FLOOR]
        extra = ""
        if _wanted(asked) and not _owns(index, asked, chosen)[0]:
            extra = f"; the passage is {_whose(index, chosen)}, not {_asked_name(index, asked)}'s"
        if asked.date is not None and match_date(chosen) != asked.date:
            extra += f"; it was said on {match_date(chosen).isoformat()}, not {asked.date.isoformat()}"
        return _result(
            index,
            quote,
            asked,
            "misquoted",
            chosen,
            others,
            (
                "no exact match; the closest passage has the same words, but its punctuation differs"
                if chosen.score >= 100
                else f"no exact match; the closest passage has {percent(chosen.score)} of the words in common "
                f"(threshold {MISQUOTE_THRESHOLD:.0f})"
            )
            + extra,
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
            f"{percent(listed[0].score)} of the words in common, under the threshold {MISQUOTE_THRESHOLD:.0f}"
            if listed
            else f"no passage of {'the source' if sources else 'any source'} resembles the quote"
        ),
    )


def _wanted(asked: Asked) -> bool:
    return asked.speaker_id is not None or bool(asked.speaker_ids)


def _asked_name(index: CorpusIndex, asked: Asked) -> str:
    if asked.speaker_id is not None:
        return describe_person(index.people, asked.speaker_id)
    return "any questioner of " + (asked.source_file or "the source")


def _owns(index: CorpusIndex, asked: Asked, match: Match) -> tuple[bool, str | None]:
    """Whether the asked speaker says the matched words, and the office they speak for an organisation in.

    Without a speaker asked, any one speaker owns them; a group asked (any questioner), any of its
    members; an organisation asked, also whoever holds an office speaking for it on the day.
    """
    who = _speaker(match)
    if asked.speaker_ids:
        return who in asked.speaker_ids, None
    if asked.speaker_id is None:
        return single_speaker(match), None
    if who == asked.speaker_id:
        return True, None
    if who is not None:
        day = match_date(match)
        for pid, role in index.spokespeople.get(asked.speaker_id, ()):
            if pid == who and role.may_hold_on(day):
                return True, role.title
    return False, None


def _on_day(asked: Asked, matches: list[tuple[Match, str | None]]) -> list[tuple[Match, str | None]]:
    return [(m, r) for m, r in matches if asked.date is None or match_date(m) == asked.date]


def _judge_exact(index: CorpusIndex, quote: Quote, asked: Asked, exact: list[Match]) -> VerifyResult:
    """Verified, paraphrased, misattributed or misdated, from the exact occurrences of the words."""
    own = [(m, role) for m in exact if (owned := _owns(index, asked, m))[0] for role in (owned[1],)]
    said = [(m, r) for m, r in own if attribution(m) != "paraphrase"]
    reported = [(m, r) for m, r in own if attribution(m) == "paraphrase"]
    if on_day := _on_day(asked, said):
        chosen, role = on_day[0]
        return _result(
            index, quote, asked, "verified", chosen, _others(exact, chosen), _said(index, chosen, role), role
        )
    if on_day := _on_day(asked, reported) or (reported if not said else []):
        chosen, role = on_day[0]
        why = _reported(index, chosen)
        if asked.date is not None and match_date(chosen) != asked.date:
            why += f", on {match_date(chosen).isoformat()}, not on {asked.date}"
        return _result(index, quote, asked, "paraphrased", chosen, _others(exact, chosen), why, role)
    if said:
        chosen, role = said[0]
        basis = chosen.text.source.date_basis.method
        return _result(
            index,
            quote,
            asked,
            "misdated",
            chosen,
            _others(exact, chosen),
            f"{_said(index, chosen, role)}, on {match_date(chosen).isoformat()} ({basis} date), not on {asked.date}",
            role,
        )
    chosen = exact[0]
    if single_speaker(chosen):
        why = f"the words are {_whose(index, chosen)}"
        if attribution(chosen) == "paraphrase":
            why += f" as {_reporter(index, chosen)} reports them, in indirect speech"
    else:
        why = f"the words run across the turns of {_names(index, chosen)}: no one person says them"
    if _wanted(asked):
        why += f", not {_asked_name(index, asked)}'s"
    return _result(index, quote, asked, "misattributed", chosen, _others(exact, chosen), why)


def _reporter(index: CorpusIndex, match: Match) -> str:
    """Who reports the words: the reporting person, or for an unnamed writer the source's publisher."""
    reporter = next((s.reported_by for s in match.segments if s.reported_by is not None), None)
    person = index.people.get(reporter or "")
    if person is not None and not person.anonymous:
        return person.name
    return match.text.source.publisher.split(",")[0].strip() or "the source"


def _reported(index: CorpusIndex, match: Match) -> str:
    person = index.people.get(_speaker(match) or "")
    plain = person.name if person is not None else "the speaker"
    return (
        f"{_reporter(index, match)} reports {_names(index, match)} as saying this, in indirect speech "
        f"({match.text.source.file}); these are not {plain}'s words"
    )


def _others(matches: list[Match], chosen: Match) -> list[Match]:
    return [m for m in matches if m is not chosen]


def _names(index: CorpusIndex, match: Match) -> str:
    nobody = "nobody (site text)" if match.segments else "no one on record (the source has no segments)"
    names = [describe_person(index.people, pid) if pid else nobody for pid in match.said_by]
    return " and ".join(names)


def _whose(index: CorpusIndex, match: Match) -> str:
    """Whose the matched words are, as a possessive; text no one speaks is said to be that, not "nobody's"."""
    if any(match.said_by):
        return f"{_names(index, match)}'s"
    return "page text no one speaks" if match.segments else "in a source with no segments: no one's on record"


def _said(index: CorpusIndex, match: Match, role: str | None = None) -> str:
    name = _names(index, match)
    if role is not None:
        name += f", as {role},"
    said = f"{name} says these words in {match.text.source.file}"
    if attribution(match) == "quoted":
        said += f", as quoted by {_reporter(index, match)}"
    return said


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
    role: str | None = None,
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
        attribution=attribution(match),
        contractions_differ=match.contractions_differ,
        quote_marks_differ=match.quote_marks_differ,
        role=role,
        score=match.score,
        date_basis=text.source.date_basis,
        explanation=explanation,
    )
