"""A small synthetic release for the verify and export tests, built in memory (never in the repository)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from claims.anchoring import anchor, context
from claims.canonical import release_bytes
from claims.records import SCHEMA_VERSION, Claim, Person, Release, Segment, Source, Span, Subject
from claims.verification.index import CorpusIndex
from tests.synthetic import release_as_dataset, sha256_of

REPO = Path(__file__).resolve().parent.parent

TRANSCRIPT = "100_aaaaaaaaaaaaaaaa.txt"
NEWS = "101_bbbbbbbbbbbbbbbb.txt"

CHROME = "An official website. Share sensitive information only on official sites.\n\n"
ALPHA_1 = (
    "MINISTER ALPHA: We’ve agreed on concrete steps — the first of many. "
    "Our cooperation has never been stronger than it is today, and it will grow.\n\n"
)
QUESTION = "Q: Minister, is it true that the talks have failed completely this week?\n\n"
ALPHA_2 = (
    "MINISTER ALPHA (THROUGH TRANSLATOR): The talks have not failed. We will meet again in March in Rome.\n\n"
)
BETA = "SECRETARY BETA: I agree with everything my friend said about the talks."
TRANSCRIPT_TEXT = CHROME + ALPHA_1 + QUESTION + ALPHA_2 + BETA

NEWS_LEAD = "The spokesman described the meeting. "
NEWS_QUOTE = "“Secretary Beta reiterated the firm commitment of the alliance to its partners,”"
NEWS_SAID = " Gamma said.\n\n"
NEWS_TAIL = "The statement gave no details."
NEWS_TEXT = NEWS_LEAD + NEWS_QUOTE + NEWS_SAID + NEWS_TAIL

TRANSCRIPT_DAY = dt.date(2020, 1, 2)
NEWS_DAY = dt.date(2020, 2, 3)


def _people() -> list[Person]:
    minister = {
        "title": "Minister of Defence",
        "organization": "Ministry",
        "country": "FR",
        "start": "2019-01-01",
        "title_forms": ["Minister", "MIN."],
    }
    secretary = {
        "title": "Secretary of Defense",
        "organization": "Department",
        "country": "US",
        "start": "2019-01-01",
        "title_forms": ["Secretary", "SEC."],
    }
    return [
        Person.model_validate(
            {
                "id": "anna-alpha",
                "name": "Anna Alpha",
                "aliases": ["MINISTER ALPHA", "Alpha"],
                "roles": [minister],
            }
        ),
        Person.model_validate(
            {
                "id": "bob-beta",
                "name": "Bob Beta",
                "aliases": ["SECRETARY BETA", "Beta"],
                "roles": [secretary],
            }
        ),
        Person.model_validate(
            {"id": "gina-gamma", "name": "Gina Gamma", "aliases": ["Gamma", "the spokesman"]}
        ),
        Person.model_validate(
            {
                "id": "reporter-100-1",
                "name": "Unnamed reporter",
                "anonymous": True,
                "scope": TRANSCRIPT,
                "aliases": ["Q"],
            }
        ),
        Person.model_validate(
            {"id": "writer-101", "name": "Unnamed writer", "anonymous": True, "scope": NEWS}
        ),
    ]


def _sources() -> list[Source]:
    chrome_end = len(CHROME)
    return [
        Source.model_validate(
            {
                "id": TRANSCRIPT,
                "file": TRANSCRIPT,
                "sha256": sha256_of(TRANSCRIPT_TEXT),
                "title": "Joint press conference",
                "publisher": "Ministry",
                "url": "https://example.org/press-conference",
                "kind": "transcript",
                "date": TRANSCRIPT_DAY.isoformat(),
                "date_basis": {"method": "metadata", "url": "https://example.org/press-conference"},
                "text": TRANSCRIPT_TEXT,
            }
        ),
        Source.model_validate(
            {
                "id": NEWS,
                "file": NEWS,
                "sha256": sha256_of(NEWS_TEXT),
                "title": "Spokesman on the meeting",
                "publisher": "Agency",
                "url": "https://example.org/news",
                "kind": "news",
                "date": NEWS_DAY.isoformat(),
                "date_basis": {"method": "stated", "span": {"start": 0, "end": max(1, chrome_end // 10)}},
                "text": NEWS_TEXT,
            }
        ),
    ]


def _segment(
    ident: str, source: str, start: int, end: int, kind: str, speaker: str | None, turn: int, **extra: Any
) -> Segment:
    return Segment.model_validate(
        {
            "id": ident,
            "source_file": source,
            "span": {"start": start, "end": end},
            "kind": kind,
            "speaker_id": speaker,
            "turn": turn,
            **extra,
        }
    )


def _segments() -> list[Segment]:
    a = len(CHROME)
    b = a + len(ALPHA_1)
    c = b + len(QUESTION)
    d = c + len(ALPHA_2)
    e = d + len(BETA)
    n1 = len(NEWS_LEAD)
    n2 = n1 + len(NEWS_QUOTE)
    n3 = n2 + len(NEWS_SAID)
    n4 = n3 + len(NEWS_TAIL)
    label = "MINISTER ALPHA (THROUGH TRANSLATOR)"
    return [
        _segment("100-s0001", TRANSCRIPT, 0, a, "boilerplate", None, 0),
        _segment(
            "100-s0002",
            TRANSCRIPT,
            a,
            b,
            "speech",
            "anna-alpha",
            1,
            label="MINISTER ALPHA",
            label_span={"start": a, "end": a + 15},
        ),
        _segment(
            "100-s0003",
            TRANSCRIPT,
            b,
            c,
            "question",
            "reporter-100-1",
            2,
            label="Q",
            label_span={"start": b, "end": b + 2},
        ),
        _segment(
            "100-s0004",
            TRANSCRIPT,
            c,
            d,
            "speech",
            "anna-alpha",
            3,
            label=label,
            label_span={"start": c, "end": c + len(label) + 1},
            via_interpreter=True,
        ),
        _segment(
            "100-s0005",
            TRANSCRIPT,
            d,
            e,
            "speech",
            "bob-beta",
            4,
            label="SECRETARY BETA",
            label_span={"start": d, "end": d + 15},
        ),
        _segment("101-s0001", NEWS, 0, n1, "narration", "writer-101", 0),
        _segment("101-s0002", NEWS, n1, n2, "quotation", "gina-gamma", 1, reported_by="writer-101"),
        _segment("101-s0003", NEWS, n2, n3, "narration", "writer-101", 1),
        _segment("101-s0004", NEWS, n3, n4, "narration", "writer-101", 2),
    ]


def make_claim(
    ident: str, source: str, text: str, quote: str, speaker: str, day: dt.date, **extra: Any
) -> Claim:
    """A claim anchored at the first occurrence of ``quote`` in ``text``."""
    span = anchor(text, quote)
    prefix, suffix = context(text, span)
    fields: dict[str, Any] = {
        "id": ident,
        "speaker_id": speaker,
        "date": day,
        "subjects": ["talks"],
        "quote": quote,
        "source_file": source,
        "span": span,
        "prefix": prefix,
        "suffix": suffix,
        "attribution": "direct",
        **extra,
    }
    return Claim.model_validate(fields)


def _claims() -> list[Claim]:
    return [
        make_claim(
            "100-c0001",
            TRANSCRIPT,
            TRANSCRIPT_TEXT,
            "Our cooperation has never been stronger than it is today",
            "anna-alpha",
            TRANSCRIPT_DAY,
            review={
                "date": "2020-03-01",
                "rating": "misleading",
                "explanation": "Cooperation was closer the year before.",
                "evidence": {"urls": ["https://example.org/evidence"]},
            },
        ),
        make_claim(
            "100-c0002",
            TRANSCRIPT,
            TRANSCRIPT_TEXT,
            "We will meet again in March in Rome.",
            "anna-alpha",
            TRANSCRIPT_DAY,
            via_interpreter=True,
        ),
        make_claim(
            "101-c0001",
            NEWS,
            NEWS_TEXT,
            "Secretary Beta reiterated the firm commitment of the alliance to its partners",
            "gina-gamma",
            NEWS_DAY,
            attribution="quoted",
            reported_by="writer-101",
        ),
    ]


def synthetic_release() -> Release:
    """Two sources (a transcript with a question and an interpreter, a news story quoting a spokesman)."""
    return Release(
        name="claimtrack",
        version="0.1.0",
        schema_version=SCHEMA_VERSION,
        people=_people(),
        subjects=[Subject(id="talks", name="Talks", description="The talks.")],
        sources=_sources(),
        segments=_segments(),
        events=[],
        claims=_claims(),
    )


def write_release(folder: Path, release: Release | None = None) -> Path:
    """Write the synthetic release as a release file in ``folder``; return its path."""
    path = folder / "claimtrack-0.1.0.json"
    path.write_bytes(release_bytes(release or synthetic_release()))
    return path


def span_of(text: str, quote: str) -> Span:
    """The span of the first occurrence of ``quote`` in ``text``."""
    return anchor(text, quote)


def write_dataset(folder: Path, release: Release | None = None) -> Path:
    """Write the synthetic release as a dataset directory ``folder/dataset``; return its path."""
    return release_as_dataset(release or synthetic_release(), folder / "dataset")


def with_texts(release: Release, texts: list[str]) -> Release:
    """``release`` with one source a text (copies of its first source), and no segments or claims."""
    first = release.sources[0]
    sources = [
        Source.model_construct(**{**dict(first), "id": f"s{k}", "file": f"{k:03}_source.txt", "text": text})
        for k, text in enumerate(texts)
    ]
    return Release.model_construct(**{**dict(release), "sources": sources, "segments": [], "claims": []})


def index_of(texts: list[str]) -> CorpusIndex:
    """The verify index (one process) of sources holding ``texts``, with no segments or claims."""
    return CorpusIndex.build(with_texts(synthetic_release(), texts), jobs=1)
