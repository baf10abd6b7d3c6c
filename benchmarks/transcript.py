"""One synthetic transcript: labelled speaker turns, their segments, and the sentences claims can quote."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from benchmarks.words import (
    ADJECTIVES,
    ADVERBS,
    CONNECTORS,
    MODERATOR_TEMPLATES,
    NOUNS,
    PLURALS,
    QUESTION_TEMPLATES,
    SENTENCE_TEMPLATES,
    VERBS_PAST,
    VERBS_PRESENT,
)


@dataclass(frozen=True)
class Sentence:
    """A sentence of a speech turn, where it lies, and the assertion it carries (if any)."""

    start: int
    end: int
    assertion: dict[str, Any] | None = None


@dataclass
class Turn:
    """One speaker turn: its segment's span and kind, and the sentences inside it."""

    start: int
    end: int
    kind: str
    speaker_id: str | None
    label: str | None
    via_interpreter: bool
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class Speaker:
    """Who speaks in a transcript and the label printed before their turns."""

    person_id: str
    label: str
    via_interpreter: bool = False


class TextBuilder:
    """Appends text and remembers offsets (Python ``str`` offsets, as spans use)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> tuple[int, int]:
        """Append ``piece``; return its ``[start, end)``."""
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    def text(self) -> str:
        """Everything appended so far."""
        return "".join(self.parts)


def fill(template: str, rng: random.Random) -> str:
    """A template with every slot filled by a random word of its kind."""
    return _fill(template, rng)


def speech_sentence(rng: random.Random) -> str:
    """A sentence of speech: one filled template, or two joined by a connector."""
    first = _fill(rng.choice(SENTENCE_TEMPLATES), rng)
    if rng.random() >= 0.35:
        return first
    second = _fill(rng.choice(SENTENCE_TEMPLATES), rng)
    if not second.startswith(("I ", "I’")):
        second = second[0].lower() + second[1:]
    return first.rstrip(".…?") + rng.choice(CONNECTORS) + second


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        noun=rng.choice(NOUNS),
        noun2=rng.choice(NOUNS),
        plural=rng.choice(PLURALS),
        adj=rng.choice(ADJECTIVES),
        adj2=rng.choice(ADJECTIVES),
        adv=rng.choice(ADVERBS),
        vp=rng.choice(VERBS_PRESENT),
        vpast=rng.choice(VERBS_PAST),
    )


AssertionMaker = Any
"""A callable ``(rng) -> (sentence, assertion dict) | None`` bound to one source's event and people."""


def build_transcript(
    rng: random.Random,
    *,
    title: str,
    speakers: list[Speaker],
    moderator_id: str,
    reporter_ids: list[str],
    min_chars: int,
    make_assertion: AssertionMaker,
    assertion_share: float = 0.15,
) -> tuple[str, list[Turn]]:
    """Write turns until the text reaches ``min_chars``; return the text and its turns in order."""
    out = TextBuilder()
    turns: list[Turn] = []
    start, end = out.add(f"{title}\n\n")
    turns.append(Turn(start, end, "boilerplate", None, None, False))
    turn_index = 0
    while out.length < min_chars:
        speaker = speakers[turn_index % len(speakers)]
        turns.append(_speech_turn(out, rng, speaker, make_assertion, assertion_share))
        turn_index += 1
        if turn_index % 3 == 0 and out.length < min_chars:
            text = rng.choice(MODERATOR_TEMPLATES)
            turns.append(_plain_turn(out, "speech", moderator_id, "MODERATOR", text))
            question = " ".join(fill(rng.choice(QUESTION_TEMPLATES), rng) for _ in range(rng.randint(1, 3)))
            turns.append(_plain_turn(out, "question", rng.choice(reporter_ids), "Q", question))
    return out.text(), turns


def _plain_turn(out: TextBuilder, kind: str, speaker_id: str, label: str, body: str) -> Turn:
    start, _ = out.add(f"{label}:  ")
    out.add(body)
    _, end = out.add("\n\n")
    return Turn(start, end, kind, speaker_id, label, False)


def _speech_turn(
    out: TextBuilder, rng: random.Random, speaker: Speaker, make_assertion: AssertionMaker, share: float
) -> Turn:
    start, _ = out.add(f"{speaker.label}:  ")
    sentences: list[Sentence] = []
    for position in range(rng.randint(3, 12)):
        if position:
            out.add(" ")
        made = make_assertion(rng) if rng.random() < share else None
        if made is not None:
            sentence_text, assertion = made
        else:
            sentence_text, assertion = speech_sentence(rng), None
        s_start, s_end = out.add(sentence_text)
        sentences.append(Sentence(s_start, s_end, assertion))
    _, end = out.add("\n\n")
    return Turn(start, end, "speech", speaker.person_id, speaker.label, speaker.via_interpreter, sentences)
