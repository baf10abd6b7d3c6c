"""The verify query set: exact (as typed), misquoted and misattributed quotes, with the expected verdict."""

from __future__ import annotations

import random
import re
from typing import Any

from benchmarks.transcript import Turn
from benchmarks.words import ADJECTIVES, NOUNS, PLURALS

QUERY_KINDS = ("exact", "misquoted", "misattributed")
QUERY_WEIGHTS = (0.5, 0.35, 0.15)
"""Shares of the kinds: half exact, a third misquoted, the rest misattributed."""

EXPECTED_VERDICT = {"exact": "verified", "misquoted": "misquoted", "misattributed": "misattributed"}

TYPED_FORMS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "--", "…": "..."})
"""How a person types what the source prints: straight quotes, hyphens for dashes, three dots."""

WORD = re.compile(r"\S+")
CORE = re.compile(r"[A-Za-z][A-Za-z’'-]*")
"""The letters of a word, without the punctuation around it."""

MISQUOTE_WORDS = (6, 12)
"""Word counts of the short quotes cut out of a sentence (for every kind of query)."""


def as_typed(text: str) -> str:
    """The quote as a fact-checker would type it; verify must fold it back to the source's text."""
    return text.translate(TYPED_FORMS)


def misquote(words: list[str], rng: random.Random) -> list[str]:
    """Change 1-3 words (one per four words; replace a word's letters, or drop it), never none."""
    changed = list(words)
    for _ in range(rng.randint(1, min(3, max(1, len(words) // 4)))):
        index = rng.randrange(len(changed))
        if rng.random() < 0.2 and len(changed) > 6 and 0 < index < len(changed) - 1:
            del changed[index]
            continue
        match = CORE.search(changed[index])
        if match is None:
            continue
        pool = rng.choice((NOUNS, ADJECTIVES, PLURALS))
        replacement = rng.choice(pool)
        while replacement == match.group():
            replacement = rng.choice(pool)
        token = changed[index]
        changed[index] = token[: match.start()] + replacement + token[match.end() :]
    return changed if changed != words else [*words[:-1], "indeed"]


def _unique_in(text: str, start: int, end: int) -> bool:
    piece = text[start:end]
    first = text.find(piece)
    return first == start and text.find(piece, first + 1) == -1


def make_query(
    rng: random.Random,
    *,
    text: str,
    turns: list[Turn],
    names: dict[str, str],
    source_file: str,
    date: str,
) -> dict[str, Any]:
    """One query drawn from a source's speech turns, with the verdict a correct verify returns."""
    kind = rng.choices(QUERY_KINDS, QUERY_WEIGHTS)[0]
    speech = [t for t in turns if t.sentences and t.speaker_id in names]
    while True:  # a plain sentence said once (assertion sentences repeat across a transcript)
        turn = rng.choice(speech)
        sentence = rng.choice(turn.sentences)
        start, end = sentence.start, sentence.end
        if sentence.assertion is None and _unique_in(text, start, end):
            break
    speaker_id = turn.speaker_id
    assert speaker_id is not None
    if kind == "misquoted" or rng.random() < 0.3:
        spans = [(m.start(), m.end()) for m in WORD.finditer(text, start, end)]
        low, high = MISQUOTE_WORDS
        if len(spans) > low:
            width = rng.randint(low, min(high, len(spans)))
            first = rng.randrange(len(spans) - width + 1)
            if _unique_in(text, spans[first][0], spans[first + width - 1][1]):
                start, end = spans[first][0], spans[first + width - 1][1]
    original = text[start:end]
    quote = as_typed(original)
    if kind == "misquoted":
        said = as_typed(text[turn.start : turn.end])
        typed = quote
        while quote in said:  # a change can leave words the turn does say (a dropped word, say)
            quote = " ".join(misquote(typed.split(), rng))
    elif kind == "misattributed" and rng.random() < 0.3:
        questions = [t for t in turns if t.kind == "question" and t.label]
        if questions:
            asked = rng.choice(questions)
            assert asked.label is not None
            start, end = asked.start + len(asked.label) + 3, asked.end - 2
            quote = as_typed(text[start:end])
            turn = asked
    elif kind == "misattributed":
        others = sorted({t.speaker_id for t in speech if t.speaker_id != speaker_id and t.speaker_id})
        if not others:
            kind = "exact"
        else:
            speaker_id = rng.choice(others)
    return {
        "kind": kind,
        "expected": EXPECTED_VERDICT[kind],
        "quote": quote,
        "speaker_id": speaker_id,
        "speaker": names[speaker_id],
        "date": date,
        "source_file": source_file,
        "span": [start, end],
        "true_speaker_id": turn.speaker_id,
    }
