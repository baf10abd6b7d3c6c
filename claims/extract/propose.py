"""Entry point of the extractor: propose the segments of any UTF-8 text, and the new people they name."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath
from typing import Literal

from pydantic import Field

from claims.errors import InputError
from claims.extract.blocks import split_lines, split_paragraphs
from claims.extract.draft import Draft
from claims.extract.labels import normalize, parse_label
from claims.extract.news import NewsExtractor
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


FURNITURE_LABELS = frozenset({"VIRIN", "PHOTO", "CREDIT", "SOURCE", "UPDATE", "NOTE", "EDITOR'S NOTE"})
"""Upper-case words before a colon that mark page furniture, not a speaker."""


def detect_kind(text: str) -> ExtractKind:
    """``transcript`` when lines open with speaker labels, else ``news``."""
    labelled = 0
    for line in split_lines(text):
        label = parse_label(line.text)
        if label is not None and normalize(label.name) not in FURNITURE_LABELS:
            labelled += 1
            if labelled >= MIN_LABELS_FOR_TRANSCRIPT:
                return "transcript"
    return "news"


def propose(text: str, source_file: str, people: Iterable[Person], kind: str | None = None) -> Proposal:
    """Propose segments for ``text`` (the decoded source) and the new people they name.

    ``kind`` may be ``transcript``, ``news`` or ``readout`` (read as news); None detects it.
    """
    name = PurePath(source_file).name
    read_as: ExtractKind
    if kind is None:
        read_as = detect_kind(text)
    elif kind == "transcript":
        read_as = "transcript"
    elif kind in ("news", "readout"):
        read_as = "news"
    else:
        raise InputError(f"{name}: kind: expected transcript, news or readout, found {kind!r}")
    registry = Registry(people, name)
    paragraphs = split_paragraphs(text)
    if read_as == "transcript":
        drafts = TranscriptExtractor(text, registry).drafts(paragraphs)
    else:
        drafts = NewsExtractor(text, registry).drafts(paragraphs)
    segments = build_segments(text, name, registry.prefix, drafts)
    used = {segment.speaker_id for segment in segments} | {segment.reported_by for segment in segments}
    new_people = [person for person_id, person in registry.proposed.items() if person_id in used]
    return Proposal(source_file=name, kind=read_as, segments=segments, new_people=new_people)


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
