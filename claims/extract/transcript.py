"""Transcripts: speaker turns from labels, unlabelled turns, interpreter markers, named questioners.

- Everything before the first label is boilerplate (site banner, title); trailing headings after
  the last turn (a site footer) are boilerplate too.
- A label at the start of a paragraph (or of any line) opens a turn; so does an unlabelled
  paragraph after two or more blank lines (a turn whose label the transcript lost). An unlabelled turn that asks something is a
  question by an unnamed reporter; otherwise it is an unidentified speaker's speech.
- ``(Via interpreter)``, ``(As interpreted.)`` and ``(In English)`` at the start of a paragraph
  (or right after a label) split a turn into segments of the same turn with the interpreter flag
  switched.
- When a turn names the next questioner ("Question from Alexandra Brangeon, RFI", "we'll go to
  Karen DeYoung of The Washington Post"), the next question turn is that person's, even when
  another turn comes between.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from claims.extract.blocks import Line, Paragraph, split_where
from claims.extract.draft import Draft
from claims.extract.furniture import is_heading
from claims.extract.labels import QUESTION_LABELS, Label, LabelResolver, match_known, normalize, parse_label
from claims.extract.registry import Registry
from claims.records.segment import SegmentKind

VIA_MARKER = re.compile(
    r"\(\s*(?:(?:via|through)\s+(?:an?\s+)?(?:interpreter|translator|interpretation|translation)"
    r"|as\s+interpreted|as\s+translated)\s*\.?\s*\)",
    re.IGNORECASE,
)
"""Marks the start of words rendered by an interpreter."""

ENGLISH_MARKER = re.compile(r"\(\s*in\s+english\s*\.?\s*\)", re.IGNORECASE)
"""Marks the return to the speaker's own (English) words."""

_NAME = r"(?P<name>[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|de|da|di|du|van|von|der|le|la)){1,3})"
NEXT_QUESTIONER_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\b[Qq]uestions?\s+(?:goes\s+|will\s+go\s+|is\s+)?(?:to|from)\s+{_NAME}"),
    re.compile(rf"\b[Qq]uestions?\b[^.?!]{{0,60}}?\b(?:go|turn)\s+(?:over\s+)?to\s+{_NAME}"),
    re.compile(rf"\b(?:[Ff]irst|[Nn]ext|[Ll]ast|[Ff]inal)\s+question,\s+{_NAME}"),
)
"""How a moderator names the reporter who asks next: always in a sentence about a question."""

OFFICE_WORDS = frozenset(
    {
        "President", "Vice", "Prime", "Minister", "Secretary", "Chancellor", "Senator", "Governor", "Mayor",
        "Ambassador", "General", "Admiral", "Leader", "Speaker", "King", "Queen", "Pope", "His", "Her",
    }
)  # fmt: skip
"""Words opening the name of an office-holder (``President Biden``): a subject of the answer, not the
reporter who asks next (``on your first question, President Biden and ...``)."""

MIN_BLANK_LINES_FOR_NEW_TURN = 2
"""An unlabelled paragraph after this many blank lines opens a turn of its own."""


@dataclass
class LabelledTurn:
    """Paragraphs spoken under one label (or one lost label)."""

    label: Label | None
    paragraphs: list[Paragraph] = field(default_factory=list)


def interpreter_marker(text: str) -> bool | None:
    """True after ``(Via interpreter)``, False after ``(In English)``, None when ``text`` opens with neither."""
    stripped = text.lstrip()
    if VIA_MARKER.match(stripped):
        return True
    if ENGLISH_MARKER.match(stripped):
        return False
    return None


def named_next_questioner(text: str) -> str | None:
    """The name of the reporter a turn hands the floor to, if it names one (the last one named)."""
    found: list[tuple[int, str]] = []
    for pattern in NEXT_QUESTIONER_PATTERNS:
        found.extend(
            (match.start(), match.group("name"))
            for match in pattern.finditer(text)
            if match.group("name").split()[0] not in OFFICE_WORDS
        )
    return max(found)[1] if found else None


def _group_turns(text: str, body: list[Paragraph]) -> list[LabelledTurn]:
    turns: list[LabelledTurn] = []
    for paragraph in body:
        label = parse_label(paragraph.text_in(text), paragraph.start)
        if label is not None or not turns or paragraph.blank_lines_before >= MIN_BLANK_LINES_FOR_NEW_TURN:
            turns.append(LabelledTurn(label))
        turns[-1].paragraphs.append(paragraph)
    return turns


def _tail_start(text: str, paragraphs: list[Paragraph], first: int) -> int:
    """Index of the first of the trailing heading-like paragraphs (a site footer) after the body."""
    end = len(paragraphs)
    while end - 1 > first:
        paragraph = paragraphs[end - 1]
        body = paragraph.text_in(text)
        if parse_label(body) is not None or not all(is_heading(line.text) for line in paragraph.lines):
            break
        end -= 1
    return end


class TranscriptExtractor:
    """Proposes the segments of one transcript."""

    def __init__(self, text: str, registry: Registry, day: dt.date | None = None) -> None:
        self.text = text
        self.registry = registry
        self.resolver = LabelResolver(registry, day)
        self.pending_questioner: str | None = None

    def drafts(self, paragraphs: list[Paragraph]) -> list[Draft]:
        """Drafts for every paragraph: preamble, turns (split at interpreter markers), footer.

        A label or interpreter marker at the start of any line opens a paragraph of its own.
        """
        paragraphs = split_where(paragraphs, self._opens_paragraph)
        first = next(
            (i for i, p in enumerate(paragraphs) if parse_label(p.text_in(self.text)) is not None),
            len(paragraphs),
        )
        tail = _tail_start(self.text, paragraphs, first)
        drafts = [Draft(p.start, "boilerplate", None, 0) for p in paragraphs[:first]]
        turn_number = 0
        for turn in _group_turns(self.text, paragraphs[first:tail]):
            turn_number += 1
            drafts.extend(self._turn_drafts(turn, turn_number))
        drafts.extend(Draft(p.start, "boilerplate", None, turn_number + 1) for p in paragraphs[tail:])
        return drafts

    @staticmethod
    def _opens_paragraph(line: Line) -> bool:
        return parse_label(line.text) is not None or interpreter_marker(line.text) is not None

    def _speaker(self, turn: LabelledTurn) -> tuple[str, bool]:
        """Who speaks a turn and whether it is a question; consumes a named next questioner."""
        words = " ".join(p.text_in(self.text) for p in turn.paragraphs)
        asks = normalize(turn.label.name) in QUESTION_LABELS if turn.label is not None else "?" in words
        if asks and self.pending_questioner is not None:
            speaker, self.pending_questioner = self.pending_questioner, None
            return speaker, True
        if turn.label is not None:
            resolution = self.resolver.resolve(turn.label)
            speaker, asks = resolution.speaker_id, resolution.is_question
        elif asks:
            speaker = self.registry.anonymous("reporter", numbered=True)
        else:
            speaker = self.registry.anonymous("unidentified-speaker", numbered=True)
        if not asks:
            name = named_next_questioner(words)
            if name is not None:
                self.pending_questioner = self._questioner_id(name)
        return speaker, asks

    def _questioner_id(self, name: str) -> str:
        matches = sorted(set(match_known(name, self.registry.named())))
        if len(matches) == 1:
            return matches[0]
        return self.registry.propose_named(
            name, name, f"named as the next questioner in {self.registry.source_file}"
        )

    def _turn_drafts(self, turn: LabelledTurn, number: int) -> list[Draft]:
        speaker, asks = self._speaker(turn)
        kind: SegmentKind = "question" if asks else "speech"
        label = turn.label
        via = label.via_interpreter if label is not None else False
        printed = label.printed if label is not None else None
        first = turn.paragraphs[0]
        after_label = self.text[label.end : first.end] if label is not None else first.text_in(self.text)
        marker = interpreter_marker(after_label)
        if marker is not None:
            via = marker
        drafts = [
            Draft(
                first.start,
                kind,
                speaker,
                number,
                label=printed,
                label_span=(label.start, label.end) if label is not None else None,
                via_interpreter=via,
            )
        ]
        for paragraph in turn.paragraphs[1:]:
            marker = interpreter_marker(paragraph.text_in(self.text))
            if marker is None:
                continue
            via = marker
            drafts.append(Draft(paragraph.start, kind, speaker, number, label=printed, via_interpreter=via))
        return drafts
