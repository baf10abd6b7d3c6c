"""The fact-checker's table: citations from all five sources with their expected verdicts.

Runs against the repository's dataset; skipped (with the reason) only while dataset/segments
does not exist yet.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.reading import read_dataset
from claims.records import Segment
from claims.verification import Verifier
from tests.strategies import examples, visible_foldings
from tests.verify_support import REPO

SEGMENTS = REPO / "dataset" / "segments"
needs_segments = pytest.mark.skipif(
    not SEGMENTS.is_dir() or not any(SEGMENTS.glob("*.json")),
    reason="dataset/segments/*.json not written yet: verification judges speakers through the segments",
)

S000 = "000_12660d4f23740d3d.txt"
S001 = "001_8145726628f308d2.txt"
S002 = "002_e17495d741eb2305.txt"
S003 = "003_6c981e18e2ba38b3.txt"
S004 = "004_24a026e5a6510116.txt"

# quote, asked (speaker/date/source), expected: verdict, speaker_id, source, date, [extra checks]
TABLE: list[tuple[str, dict[str, str], dict[str, Any]]] = [
    # 000: straight apostrophe in the source, curly in the quote; and a wrong day
    (
        "It’s always good to see you, Jean-Yves.",
        {"speaker": "Ash Carter", "date": "2016-11-28"},
        {"verdict": "verified", "speaker_id": "ashton-carter", "source_file": S000},
    ),
    (
        "It's always good to see you, Jean-Yves.",
        {"speaker": "Carter", "date": "2016-11-29"},
        {
            "verdict": "misdated",
            "speaker_id": "ashton-carter",
            "date": dt.date(2016, 11, 28),
            "source_file": S000,
        },
    ),
    (
        "Most importantly — most importantly, we'll also sign a joint statement of intent",
        {"speaker": "Secretary Carter"},
        {"verdict": "verified", "speaker_id": "ashton-carter", "source_file": S000},
    ),
    (
        "IT IS A REAL RELATIONSHIP OF WORK AND FRIENDSHIP",
        {"speaker": "le drian"},
        {
            "verdict": "verified",
            "speaker_id": "jean-yves-le-drian",
            "source_file": S000,
            "case_differs": True,
            "via_interpreter": True,
        },
    ),
    # 001: the Pentagon press secretary's statement given to Secretary Carter
    (
        "Today, military cooperation between the countries is stronger than ever",
        {"speaker": "Secretary Carter"},
        {"verdict": "misattributed", "speaker_id": "peter-cook", "source_file": S001},
    ),
    (
        "The United States and France have built, over two centuries, the oldest alliance",
        {"speaker": "Peter Cook"},
        {"verdict": "verified", "speaker_id": "peter-cook", "source_file": S001},
    ),
    # a quote running from Cook's quotation into the writer's narration: no one person says it
    (
        "the European and American continents,” Cook said in the statement",
        {"speaker": "Cook"},
        {
            "verdict": "misattributed",
            "speaker_id": None,
            "said_by": ["peter-cook", "writer-001"],
            "source_file": S001,
        },
    ),
    # 002: elision, a one-word misquote, a reporter's question, a quote across two speakers
    (
        "We met for the first time on the 20th of January last... We've decided to meet again in mid-December.",
        {"speaker": "Jean Yves Le Drian", "date": "2016-10-25"},
        {
            "verdict": "verified",
            "speaker_id": "jean-yves-le-drian",
            "source_file": S002,
            "pieces": 2,
            "via_interpreter": True,
        },
    ),
    (
        "We met for the first time on the 20th of February last.",
        {"speaker": "Le Drian"},
        {
            "verdict": "misquoted",
            "speaker_id": "jean-yves-le-drian",
            "source_file": S002,
            "changes": [("changed", "February", "January")],
        },
    ),
    (
        "what will you say to your Turkish counterpart after today's meeting?",
        {"speaker": "Le Drian"},
        {"verdict": "misattributed", "speaker_id": "reporter-002-5", "source_file": S002},
    ),
    (
        "I'll follow up, whatever you want. LE DRAIN (THROUGH TRANSLATOR): On Turkey.",
        {"speaker": "Carter"},
        {
            "verdict": "misattributed",
            "speaker_id": None,
            "said_by": ["ashton-carter", "jean-yves-le-drian"],
            "source_file": S002,
        },
    ),
    # 003: curly apostrophe in the source, straight in the quote; en dash typed as --; interpreter
    (
        "I'm very pleased that we are back together",
        {"speaker": "Le Drian", "date": "2021-06-25"},
        {
            "verdict": "verified",
            "speaker_id": "jean-yves-le-drian",
            "source_file": S003,
            "via_interpreter": True,
        },
    ),
    (
        "renewing a constant and confident -- constant and confident dialogue",
        {"speaker": "Jean-Yves Le Drian"},
        {"verdict": "verified", "speaker_id": "jean-yves-le-drian", "source_file": S003},
    ),
    (
        "Dear Jean-Yves, thank you for welcoming me so warmly.",
        {"speaker": "Blinken"},
        {"verdict": "verified", "speaker_id": "antony-blinken", "source_file": S003, "via_interpreter": True},
    ),
    (
        "It is excellent news for all of us that America is back.",
        {"speaker": "Blinken"},
        {"verdict": "misattributed", "speaker_id": "jean-yves-le-drian", "source_file": S003},
    ),
    # 004: the spokesman's words given to his principal; a fabricated sentence
    (
        "Secretary Carter reiterated the firm commitment of the United States to support France",
        {"speaker": "Ash Carter"},
        {
            "verdict": "misattributed",
            "speaker_id": "peter-cook",
            "source_file": S004,
            "date": dt.date(2015, 11, 15),
        },
    ),
    (
        "They agreed on concrete steps the US and French militaries should take",
        {"speaker": "Peter Cook"},
        {"verdict": "verified", "speaker_id": "peter-cook", "source_file": S004},
    ),
    (
        "France will send ten thousand soldiers to Antarctica next Tuesday.",
        {"speaker": "Le Drian"},
        {"verdict": "not-found", "speaker_id": None, "source_file": None},
    ),
]


@cache
def verifier() -> Verifier:
    loaded = read_dataset(REPO / "dataset")
    return Verifier(loaded.release)


@needs_segments
@pytest.mark.parametrize(("quote", "asked", "expected"), TABLE, ids=[row[0][:40] for row in TABLE])
def test_citation_table(quote: str, asked: dict[str, str], expected: dict[str, Any]) -> None:
    result = verifier().verify(quote, **asked)
    dumped = result.model_dump()
    for key in ("verdict", "speaker_id", "source_file", "date", "said_by", "case_differs", "via_interpreter"):
        if key in expected:
            assert dumped[key] == expected[key], key
    if "pieces" in expected:
        assert len(result.pieces) == expected["pieces"]
    if "changes" in expected:
        assert [(d.op, d.quote, d.source) for d in result.diff if d.op != "equal"] == expected["changes"]
    if result.span is not None:
        text = verifier().index.by_file[result.source_file or ""].original
        assert text[result.span.start : result.span.end] == result.text


@needs_segments
def test_table_draws_from_all_five_sources() -> None:
    """Every seed source (``NNN_<hash>.txt``) is queried; the White House documents of 2021 are
    queried by their own tests."""
    found = {row[2]["source_file"] for row in TABLE} - {None}
    files = {s.file for s in verifier().release.sources}
    assert found <= files
    assert found == {f for f in files if f[:3].isdigit() and f[3:4] == "_"}


def _speech_passages() -> list[tuple[Segment, str]]:
    """Every speech segment with its words after the printed label."""
    out = []
    for text in verifier().index.sources:
        for segment in text.segments:
            if segment.kind != "speech" or segment.speaker_id is None:
                continue
            start = segment.label_span.end if segment.label_span else segment.span.start
            body = text.original[start : segment.span.end]
            if len(body.split()) >= 5:
                out.append((segment, body))
    return out


@needs_segments
@examples(60)
@given(st.data())
def test_any_five_words_of_a_speech_verify_as_its_speaker_through_any_folding(data: st.DataObject) -> None:
    passages = _speech_passages()
    segment, body = data.draw(st.sampled_from(passages))
    words = body.split()
    count = data.draw(st.integers(5, min(len(words), 40)))
    first = data.draw(st.integers(0, len(words) - count))
    # the original separators between the chosen words, not single spaces
    starts = [m for m in range(len(body)) if not body[m].isspace() and (m == 0 or body[m - 1].isspace())]
    ends = [
        m + 1
        for m in range(len(body))
        if not body[m].isspace() and (m + 1 == len(body) or body[m + 1].isspace())
    ]
    quote = body[starts[first] : ends[first + count - 1]]
    variant = data.draw(visible_foldings(quote))
    source = verifier().index.by_file[segment.source_file].source
    scoped = data.draw(st.booleans())
    for given_quote in (quote, variant):
        result = verifier().verify(
            given_quote,
            speaker=segment.speaker_id,
            date=source.date.isoformat() if scoped else None,
            source=segment.source_file if scoped else None,
        )
        assert result.verdict == "verified", (given_quote, result.explanation)
        assert result.speaker_id == segment.speaker_id


@needs_segments
def test_every_curated_claim_verifies_as_its_speaker_on_its_date() -> None:
    """Every claim's words are found as its speaker's on its date: verified, or paraphrased for a
    claim recorded as a writer's paraphrase; the result's attribution is the claim's."""
    failures = []
    for claim in verifier().release.claims:
        if claim.retracted is not None:
            continue
        result = verifier().verify(
            claim.quote, speaker=claim.speaker_id, date=claim.date.isoformat(), source=claim.source_file
        )
        expected = "paraphrased" if claim.attribution == "paraphrase" else "verified"
        if result.verdict != expected or claim.id not in result.claim_ids:
            failures.append((claim.id, result.verdict, result.said_by))
        elif result.attribution != claim.attribution:
            failures.append((claim.id, "attribution", result.attribution))
        elif result.via_interpreter != claim.via_interpreter:
            failures.append((claim.id, "via_interpreter", result.via_interpreter))
    assert not failures


@needs_segments
@examples(60)
@given(st.data())
def test_any_stretch_of_a_real_source_is_found_where_it_is(data: st.DataObject) -> None:
    from claims.verification.folding import fold

    text = data.draw(st.sampled_from(verifier().index.sources))
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", text.original)]
    count = data.draw(st.integers(3, 15))
    first = data.draw(st.integers(0, len(tokens) - count))
    quote = text.original[tokens[first][0] : tokens[first + count - 1][1]]
    variant = data.draw(visible_foldings(quote))
    result = verifier().verify(variant, source=text.source.file)
    assert result.verdict in {"verified", "paraphrased", "misattributed"}, (variant, result.explanation)
    assert result.span is not None and result.text is not None
    assert text.original[result.span.start : result.span.end] == result.text
    assert fold(result.text).text.strip() == fold(quote).text.strip()


@needs_segments
def test_every_source_is_named_by_its_file_its_stem_or_its_id_prefix() -> None:
    """``--source`` takes a source's file name, the name without ``.txt``/``.md``, or its id prefix."""
    from claims.records import source_stem

    engine = verifier()
    for source in engine.release.sources:
        names = [source.file, source_stem(source.file), source.record_prefix]
        for name in names:
            assert name is not None
            assert engine.resolve_source(name) == source.file
