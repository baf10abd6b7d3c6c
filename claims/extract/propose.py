"""Entry point of the extractor: propose the segments of any UTF-8 text, and the new people they name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import PurePath
from typing import Literal

from pydantic import Field

from claims.errors import InputError
from claims.extract.blocks import Paragraph, split_lines, split_paragraphs
from claims.extract.draft import Draft
from claims.extract.frontmatter import read_front_matter
from claims.extract.labels import FURNITURE_LABELS, Label, LabelResolver, normalize, parse_label
from claims.extract.news import INSTITUTIONAL_KINDS, NewsExtractor, publisher_voice, statement_author
from claims.extract.registry import Registry
from claims.extract.transcript import TranscriptExtractor
from claims.records import Person, Segment
from claims.records.base import Record

ExtractKind = Literal["transcript", "news"]

MIN_LABELS_FOR_TRANSCRIPT = 2
"""A text with at least this many labelled paragraphs is read as a transcript."""


class Proposal(Record):
    """What ``claims extract`` proposes for one source: its segments and the people it found new."""

    kind: ExtractKind = Field(description="How the text was read: as a transcript or as a news story.")
    new_people: list[Person] = Field(
        default_factory=list,
        description="People the segments name who are not in the registry (anonymous ones scoped to the source).",
    )
    segments: list[Segment] = Field(description="Segments partitioning the whole text, in text order.")
    source_file: str = Field(description="The source file name the segments belong to.")


TRANSCRIPT_KINDS = frozenset({"transcript", "remarks", "press-briefing", "background-call", "gaggle"})
"""Source kinds read as transcripts (turns under speaker labels)."""
NEWS_KINDS = frozenset({"news", "readout", "statement"})
"""Source kinds read as prose (narration, quotations and reported speech)."""
KINDS = sorted(TRANSCRIPT_KINDS | NEWS_KINDS)
"""Every kind ``propose`` accepts."""


def detect_kind(text: str, names_speaker: Callable[[Label], bool] | None = None) -> ExtractKind:
    """``transcript`` when lines open with speaker labels, else ``news``.

    Two labels make a transcript; so does a single one that ``names_speaker`` recognises (a known
    person, a title holder, an anonymous role: the one-speaker remarks ``THE PRESIDENT: ...``),
    while a lone unknown one (a dateline ``WASHINGTON:``) does not.
    """
    labels: list[Label] = []
    for line in split_lines(text):
        label = parse_label(line.text)
        if label is not None and normalize(label.name) not in FURNITURE_LABELS:
            labels.append(label)
            if len(labels) >= MIN_LABELS_FOR_TRANSCRIPT:
                return "transcript"
    if labels and names_speaker is not None and names_speaker(labels[0]):
        return "transcript"
    return "news"


def propose(
    text: str,
    source_file: str,
    people: Iterable[Person],
    kind: str | None = None,
    *,
    id_prefix: str | None = None,
    date: dt.date | None = None,
    title: str | None = None,
    publisher: str | None = None,
) -> Proposal:
    """Propose segments for ``text`` (the decoded source) and the new people they name.

    ``kind`` may be ``transcript`` or ``news``, or a source kind (``readout`` and ``statement`` are
    read as news; ``remarks``, ``press-briefing``, ``background-call`` and ``gaggle`` as
    transcripts); None detects it. ``id_prefix`` is the source's prefix from sources.json (else
    derived from the file name); ``date`` and ``title`` default to the front matter's, and
    ``publisher`` (the source's in sources.json) to the front matter's ``site``. A YAML front
    matter is boilerplate.

    A readout or statement (``kind``) whose title names no author is narrated by the known
    organization its publisher names (an organization's name or alias, ``The White House``); a
    news story, or a text whose publisher is not a known organization, by an anonymous writer.
    """
    name = PurePath(source_file).name
    front = read_front_matter(text)
    body_start = front.end if front is not None else 0
    if front is not None:
        date = date if date is not None else front.date
        title = title if title is not None else front.title
        publisher = publisher if publisher is not None else front.fields.get("site")
    registry = Registry(people, name, id_prefix)
    read_as: ExtractKind
    if kind is None:
        read_as = detect_kind(text[body_start:], LabelResolver(registry, date).recognises)
    elif kind in TRANSCRIPT_KINDS:
        read_as = "transcript"
    elif kind in NEWS_KINDS:
        read_as = "news"
    else:
        raise InputError(f"{name}: kind: expected one of {', '.join(KINDS)}, found {kind!r}")
    paragraphs = _after(split_paragraphs(text), body_start)
    drafts = [Draft(0, "boilerplate", None, 0)] if body_start else []
    if read_as == "transcript":
        drafts += TranscriptExtractor(text, registry, date).drafts(paragraphs)
    else:
        author = statement_author(title, registry.named()) if title is not None else None
        if author is None and kind in INSTITUTIONAL_KINDS and publisher is not None:
            author = publisher_voice(publisher, registry.named())
        drafts += NewsExtractor(text, registry, author=author).drafts(paragraphs)
    segments = build_segments(text, name, registry.prefix, drafts)
    used = {segment.speaker_id for segment in segments} | {segment.reported_by for segment in segments}
    new_people = [person for person_id, person in registry.proposed.items() if person_id in used]
    return Proposal(source_file=name, kind=read_as, segments=segments, new_people=new_people)


def _after(paragraphs: list[Paragraph], offset: int) -> list[Paragraph]:
    """The paragraphs (or the parts of them) that start at or after ``offset``."""
    if not offset:
        return paragraphs
    kept: list[Paragraph] = []
    for paragraph in paragraphs:
        lines = tuple(line for line in paragraph.lines if line.start >= offset)
        if lines:
            blanks = paragraph.blank_lines_before if len(lines) == len(paragraph.lines) else 0
            kept.append(Paragraph(lines, blanks))
    return kept


def propose_segments(
    text: str, source_file: str, people: Iterable[Person], kind: str | None = None
) -> list[Segment]:
    """The proposed segments only (see :func:`propose`)."""
    return propose(text, source_file, people, kind).segments


def segment_id(prefix: str, index: int) -> str:
    """The id of the ``index``-th segment (from 1) of a source: ``002-s0007``."""
    return f"{prefix}-s{index:04d}"


def build_segments(text: str, source_file: str, prefix: str, drafts: list[Draft]) -> list[Segment]:
    """Turn drafts into segments that partition ``text``: each runs to the next one's start."""
    ordered: list[Draft] = []
    for draft in sorted(drafts, key=lambda d: d.start):
        if ordered and ordered[-1].start == draft.start:
            ordered[-1] = draft
        elif not ordered or not ordered[-1].same_voice(draft):
            ordered.append(draft)
    if not text:
        return []
    if not ordered:
        ordered = [Draft(0, "boilerplate", None, 0)]
    segments: list[Segment] = []
    for index, draft in enumerate(ordered):
        start = 0 if index == 0 else draft.start
        end = ordered[index + 1].start if index + 1 < len(ordered) else len(text)
        record: dict[str, object] = {
            "id": segment_id(prefix, index + 1),
            "source_file": source_file,
            "span": {"start": start, "end": end},
            "kind": draft.kind,
            "speaker_id": draft.speaker_id,
            "label": draft.label,
            "via_interpreter": draft.via_interpreter,
            "reported_by": draft.reported_by,
            "turn": draft.turn,
        }
        if draft.label_span is not None:
            record["label_span"] = {"start": draft.label_span[0], "end": draft.label_span[1]}
        segments.append(Segment.model_validate(record))
    return segments
