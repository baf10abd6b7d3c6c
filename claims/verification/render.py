"""The text a person reads at a glance: verdict line, source, speaker, date, marked passage, diff."""

from __future__ import annotations

import re

from rich.console import Console
from rich.text import Text

from claims.names import describe_person
from claims.records import Person
from claims.verification.index import CorpusIndex
from claims.verification.matching import MISQUOTE_THRESHOLD
from claims.verification.result import VerifyResult

CONTEXT = 120
"""Characters of the source shown either side of the matched words."""

VERDICT_STYLE = {
    "verified": "bold green",
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


def render(console: Console, result: VerifyResult, index: CorpusIndex) -> None:
    """Print one result; matched words are styled on a terminal and marked «like this» elsewhere."""
    people = index.people
    line = Text()
    line.append(result.verdict.upper(), style=VERDICT_STYLE[result.verdict])
    line.append(f": {result.explanation}")
    console.print(line)
    console.print(Text(f"  quote:   {result.quote}"))
    if result.source_file is None or result.span is None:
        for candidate in result.candidates:
            console.print(
                Text(
                    f"  candidate ({candidate.score:.0f}): {candidate.source_file} "
                    f"[{candidate.span.start}:{candidate.span.end}] {_name(people, candidate.speaker_id)}: "
                    f"{_squeeze(candidate.text)}"
                )
            )
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
    if result.via_interpreter:
        extras.append("via interpreter: the words are an interpreter's rendering")
    if result.reported_by:
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
                f"  also ({candidate.score:.0f}): {candidate.source_file} "
                f"[{candidate.span.start}:{candidate.span.end}] {_name(people, candidate.speaker_id)}"
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
