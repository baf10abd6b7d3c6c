"""The verify query set: exact (as typed), misquoted and misattributed quotes, with the expected verdict."""

from __future__ import annotations

import difflib
import random
import re
from collections import defaultdict
from collections.abc import Iterable
from itertools import pairwise
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

MISQUOTE_VARIANTS = 8
"""Misquotes drawn per misquoted query; the first that no source holds verbatim is kept."""


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
    variants: list[str] = []
    if kind == "misquoted":
        variants = misquote_variants(quote, as_typed(text[turn.start : turn.end]), rng)
        quote = variants[0] if variants else quote
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
        **({"variants": variants} if kind == "misquoted" else {}),
    }


def word_similarity(quote: str, passage: str) -> float:
    """Verify's word similarity (docs/verify.md): difflib's ratio over folded words, edge punctuation ignored."""
    from claims.verification.diff import word_key

    matcher = difflib.SequenceMatcher(
        None, [word_key(w) for w in passage.split()], [word_key(w) for w in quote.split()], autojunk=False
    )
    return 100 * matcher.ratio()


def misquote_variants(typed: str, said: str, rng: random.Random) -> list[str]:
    """Up to :data:`MISQUOTE_VARIANTS` misquotes of ``typed`` that verify must call misquotes of it.

    Each is absent from the turn ``said`` (a change can leave words the turn does say: a dropped
    word, say) and keeps a word similarity to ``typed`` of at least verify's threshold, so it is a
    misquote a checker should find. Whether another source holds it is settled corpus-wide by
    :func:`settle_misquotes`.
    """
    from claims.verification.passage import MISQUOTE_THRESHOLD

    variants: list[str] = []
    for _ in range(4 * MISQUOTE_VARIANTS):
        if len(variants) == MISQUOTE_VARIANTS:
            break
        candidate = " ".join(misquote(typed.split(), rng))
        if (
            candidate in said
            or candidate in variants
            or word_similarity(candidate, typed) < MISQUOTE_THRESHOLD
        ):
            continue
        variants.append(candidate)
    return variants


def _keys(piece: str) -> frozenset[tuple[str, ...]]:
    """What a text must hold for the folded ``piece`` to occur in it: its word bigrams (or its word)."""
    from claims.verification.index import words_of

    words = words_of(piece)
    return frozenset(pairwise(words)) if len(words) > 1 else frozenset((w,) for w in words)


def verbatim_somewhere(quotes: Iterable[str], texts: Iterable[str]) -> set[str]:
    """The ``quotes`` that some text holds verbatim once both are folded as verify folds them.

    One pass over the texts (each folded once): a text's word bigrams are intersected with those
    of the quotes, and only a quote whose every bigram the text holds is looked for with
    ``str.find``. A quote is counted as held when each of its elided pieces (and, if quotation marks
    wrap it, each piece without them) occurs in one text: a superset of what verify matches exactly.
    """
    from claims.verification.folding import fold
    from claims.verification.index import words_of
    from claims.verification.quote import Quote

    forms: list[tuple[str, tuple[str, ...]]] = []
    for quote in dict.fromkeys(quotes):
        parsed = Quote.parse(quote)
        forms.append((quote, parsed.pieces))
        inner = parsed.unwrapped()
        if inner is not None and inner.pieces:
            forms.append((quote, inner.pieces))
    wanted: dict[tuple[str, ...], list[int]] = defaultdict(list)
    needs: list[int] = []
    for number, (_, pieces) in enumerate(forms):
        keys = frozenset().union(*(_keys(p) for p in pieces))
        needs.append(len(keys))
        for key in keys:
            wanted[key].append(number)
    held: set[str] = set()
    for text in texts:
        folded = fold(text, keep_case=False).text
        words = words_of(folded)
        present = wanted.keys() & set(pairwise(words))
        present |= wanted.keys() & {(w,) for w in words}
        hits: dict[int, int] = defaultdict(int)
        for key in present:
            for number in wanted[key]:
                hits[number] += 1
        for number, count in hits.items():
            quote, pieces = forms[number]
            if count == needs[number] and all(p in folded for p in pieces):
                held.add(quote)
    return held


def settle_misquotes(queries: list[dict[str, Any]], texts: Iterable[str]) -> list[dict[str, Any]]:
    """Each misquoted query with its first variant no text holds verbatim; those with none are dropped.

    A misquote some source holds word for word is no misquote: verify rightly answers
    ``verified`` or ``misattributed`` for it. The variants are removed from the queries.
    """
    held = verbatim_somewhere((v for q in queries for v in q.get("variants", ())), texts)
    settled = []
    for query in queries:
        variants = query.pop("variants", None)
        if variants is None:
            settled.append(query)
            continue
        kept = next((v for v in variants if v not in held), None)
        if kept is not None:
            query["quote"] = kept
            settled.append(query)
    return settled
