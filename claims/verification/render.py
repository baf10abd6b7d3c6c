"""The text a person reads at a glance: verdict line, source, speaker, date, marked passage, diff."""

from __future__ import annotations

import re

from rich.console import Console
from rich.text import Text

from claims.names import describe_person
from claims.records import Person
from claims.verification.index import CorpusIndex
from claims.verification.passage import MISQUOTE_THRESHOLD
from claims.verification.result import VerifyResult, percent

CONTEXT = 120
"""Characters of the source shown either side of the matched words."""

VERDICT_STYLE = {
    "verified": "bold green",
    "paraphrased": "bold red",
    "misattributed": "bold red",
    "misdated": "bold yellow",
    "misquoted": "bold yellow",
    "not-found": "bold red",
}


def _squeeze(text: str) -> str:
    """Runs of white space (newlines included) as one space, so a passage prints on one line."""
    return re.sub(r"\s+", " ", text)


def _name(people: dict[str, Person], pid: str | None) -> str:
    return "no single speaker" if pid is None else describe_person(people, pid)


def render(console: Console, result: VerifyResult, index: CorpusIndex, *, prefix: str = "") -> None:
    """Print one result; matched words are styled on a terminal and marked «like this» elsewhere.

    ``prefix`` (a batch row's "line N: ") starts the verdict line.
    """
    people = index.people
    line = Text(prefix)
    if result.verdict is None or result.error is not None:
        line.append("UNUSABLE", style="bold red")
        line.append(f": {result.error.message if result.error else result.explanation}")
        if result.error is not None:
            line.append(f" [{result.error.code}]")
        console.print(line)
        return
    line.append(result.verdict.upper(), style=VERDICT_STYLE[result.verdict])
    line.append(f": {result.explanation}")
    console.print(line)
    console.print(Text(f"  quote:   {result.quote}"))
    if result.asked.title_note:
        console.print(Text(f"  name:    {result.asked.title_note}"))
    if result.source_file is None or result.span is None:
        for candidate in result.candidates:
            console.print(
                Text(
                    f"  candidate ({percent(candidate.score)}): {candidate.source_file} "
                    f"[{candidate.span.start}:{candidate.span.end}] {_name(people, candidate.speaker_id)}: "
                    f"{_squeeze(candidate.text)}"
                )
            )
        _elsewhere(console, result, people)
        return
    text = index.by_file[result.source_file]
    source = text.source
    console.print(
        Text(
            f"  source:  {source.file} [{result.span.start}:{result.span.end}] — {source.title} ({source.publisher})"
        )
    )
    who = ", ".join(_name(people, s) for s in result.said_by) or "nobody (site text, no speaker)"
    extras = []
    if result.label:
        extras.append(f"label {result.label!r}")
    if result.role:
        extras.append(f"speaking as {result.role}")
    if result.via_interpreter:
        extras.append("via interpreter: the words are an interpreter's rendering")
    if result.attribution == "quoted":
        extras.append(f"quoted by {_name(people, result.reported_by)}" if result.reported_by else "quoted")
    elif result.attribution == "paraphrase":
        reporter = _name(people, result.reported_by) if result.reported_by else "the source"
        extras.append(f"paraphrase: indirect speech by {reporter}, not the speaker's words")
    elif result.reported_by:
        extras.append(f"reported by {_name(people, result.reported_by)}")
    if result.segment is not None:
        extras.append(f"{result.segment.kind} {', '.join(result.segment_ids)}")
    console.print(Text(f"  speaker: {who}" + (f" ({'; '.join(extras)})" if extras else "")))
    if result.date is not None:
        basis = result.date_basis.method if result.date_basis is not None else "unknown"
        console.print(Text(f"  date:    {result.date.isoformat()} ({basis})"))
    if result.claim_ids:
        console.print(Text(f"  claims:  {', '.join(result.claim_ids)}"))
    if result.case_differs:
        console.print(Text("  note:    letter case differs from the source"))
    if result.contractions_differ:
        console.print(Text("  note:    contractions differ from the source (we're / we are)"))
    if result.quote_marks_differ:
        console.print(Text("  note:    quotation marks differ from the source's"))
    console.print(_passage(console, result, text.original))
    if result.diff:
        diff = Text("  diff:    ")
        for step in result.diff:
            if step.op == "equal":
                diff.append(step.source + " ")
                continue
            if step.source:
                diff.append(f"[-{step.source}-]", style="red strike")
            if step.quote:
                diff.append(f"{{+{step.quote}+}}", style="green")
            diff.append(" ")
        console.print(diff)
        console.print(Text(f"  real:    {_squeeze(result.text or '')}"))
    for candidate in [c for c in result.candidates if c.score >= MISQUOTE_THRESHOLD][:3]:
        console.print(
            Text(
                f"  also ({percent(candidate.score)}): {candidate.source_file} "
                f"[{candidate.span.start}:{candidate.span.end}] {_name(people, candidate.speaker_id)}"
            )
        )
    _elsewhere(console, result, people)


def _elsewhere(console: Console, result: VerifyResult, people: dict[str, Person]) -> None:
    for place in result.elsewhere:
        who = ", ".join(_name(people, s) for s in place.said_by) or "no speaker"
        console.print(
            Text(
                f"  elsewhere ({percent(place.score)}): {place.source_file} "
                f"[{place.span.start}:{place.span.end}] {who}: {_squeeze(place.text)}"
            )
        )


def _passage(console: Console, result: VerifyResult, original: str) -> Text:
    """The matched words in their context, each piece marked."""
    assert result.span is not None
    marked = not console.is_terminal or console.no_color
    passage = Text("  passage: ")
    spans = [(p.span.start, p.span.end) for p in result.pieces] or [(result.span.start, result.span.end)]
    cursor = max(0, result.span.start - CONTEXT)
    passage.append("…" if cursor else "")
    for start, end in spans:
        passage.append(_squeeze(original[cursor:start]))
        words = _squeeze(original[start:end])
        passage.append(f"«{words}»" if marked else words, style="bold yellow")
        cursor = end
    passage.append(_squeeze(original[cursor : cursor + CONTEXT]))
    passage.append("…" if cursor + CONTEXT < len(original) else "")
    return passage
