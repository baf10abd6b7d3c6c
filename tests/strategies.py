"""Hypothesis strategies producing valid records of every model (small, fast, validator-aware),
and ``examples(n)``, the settings of a property that needs other than the profile's number of examples.

Every strategy builds its record through the model itself, so a strategy that drifts from a
validator fails loudly instead of producing an invalid record. A new field joins here in the
same change that adds it to a model.
"""

from __future__ import annotations

import datetime as dt
import string
from typing import Any, TypeVar, get_args

from hypothesis import settings
from hypothesis import strategies as st
from pydantic import BaseModel

from claims.records import (
    SCHEMA_VERSION,
    Claim,
    Correction,
    DateInterval,
    DateReference,
    Erratum,
    Event,
    EventReference,
    Evidence,
    Expectation,
    InferredDate,
    MeetingCount,
    MeetingOrdinal,
    MetadataDate,
    Person,
    Provenance,
    Quantity,
    QuantityFact,
    Release,
    Retraction,
    Review,
    ReviewEvidence,
    Rights,
    Role,
    RoleReference,
    Segment,
    Source,
    SourceQuotation,
    Span,
    StatedDate,
    Subject,
)
from claims.records.event import EventKind
from claims.records.source import ErratumKind, RightsStatus, SourceKind

M = TypeVar("M", bound=BaseModel)

MAX_OFFSET = 100_000


def examples(n: int) -> settings:
    """Settings running ``n`` examples under the default profile, and as many times more as the loaded
    profile holds more than the default's 100 (``long``: ``10 * n``); the rest from the profile
    (``tests/conftest.py``)."""
    return settings(max_examples=max(1, n * settings.default.max_examples // 100))


# --- building blocks -------------------------------------------------------------------------

_slug_word = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=8)
slugs: st.SearchStrategy[str] = st.lists(_slug_word, min_size=1, max_size=4).map("-".join)
"""Ids in the one slug form: lower-case words joined by single hyphens."""

texts: st.SearchStrategy[str] = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=24)
"""Non-empty text of any Unicode except lone surrogates (which JSON cannot carry)."""

optional_texts: st.SearchStrategy[str | None] = st.none() | texts
file_names: st.SearchStrategy[str] = st.builds(
    lambda n, s: f"{n:03d}_{s}.txt",
    st.integers(0, 999),
    st.text(alphabet="0123456789abcdef", min_size=4, max_size=16),
)
urls: st.SearchStrategy[str] = slugs.map(lambda s: f"https://example.org/{s}")
dates: st.SearchStrategy[dt.date] = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))
numbers: st.SearchStrategy[float] = st.floats(allow_nan=False, allow_infinity=False, width=64)
confidences = st.sampled_from(["high", "medium-high", "medium", "low"])
qualifiers = st.sampled_from(["exactly", "at-least", "about", "more-than", "at-most", "fewer-than"])
sha256s: st.SearchStrategy[str] = st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)
semvers: st.SearchStrategy[str] = st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(0, 30)).map(
    lambda t: ".".join(map(str, t))
)


def model(cls: type[M], **fields: st.SearchStrategy[Any]) -> st.SearchStrategy[M]:
    """Build ``cls`` through validation from strategies for its fields."""
    return st.fixed_dictionaries(fields).map(cls.model_validate)


@st.composite
def spans(draw: st.DrawFn, max_start: int = MAX_OFFSET) -> Span:
    """A span with end strictly after start."""
    start = draw(st.integers(0, max_start))
    return Span(start=start, end=start + draw(st.integers(1, 2_000)))


@st.composite
def date_intervals(draw: st.DrawFn) -> DateInterval:
    """A closed range of days, start <= end."""
    start = draw(dates)
    return DateInterval(start=start, end=start + dt.timedelta(days=draw(st.integers(0, 400))))


def _partial(day: dt.date, precision: int) -> str:
    return day.isoformat()[: {0: 4, 1: 7, 2: 10}[precision]]


# --- people and subjects -----------------------------------------------------------------------


@st.composite
def roles(draw: st.DrawFn) -> Role:
    """An office with a start and (maybe) an end no earlier than the start, at any precision."""
    first = draw(dates)
    last = first + dt.timedelta(days=draw(st.integers(0, 4_000)))
    end = draw(st.none() | st.integers(0, 2).map(lambda p: _partial(last, p)))
    return Role(
        title=draw(texts),
        organization=draw(texts),
        country=draw(st.sampled_from(["US", "FR", "GB", "IQ", "SY"])),
        start=_partial(first, draw(st.integers(0, 2))),
        end=end,
        title_forms=draw(st.lists(texts, max_size=2)),
        speaks_for=draw(st.none() | st.sampled_from(["us-department-of-defense", "afp"])),
        confidence=draw(confidences),
        evidence=draw(st.lists(urls, max_size=2)),
    )


@st.composite
def people(draw: st.DrawFn) -> Person:
    """A named or anonymous person; anonymous ones are always scoped to a source file."""
    anonymous = draw(st.booleans())
    return Person(
        id=draw(slugs),
        name=draw(texts),
        aliases=draw(st.lists(texts, max_size=3)),
        roles=draw(st.lists(roles(), max_size=2)),
        wikidata=draw(st.none() | st.integers(1, 10**8).map(lambda n: f"Q{n}")),
        kind=draw(st.sampled_from(["person", "group", "organization"])),
        anonymous=anonymous,
        scope=draw(file_names) if anonymous else draw(st.none() | file_names),
        note=draw(optional_texts),
    )


subjects: st.SearchStrategy[Subject] = model(
    Subject, id=slugs, name=texts, description=texts, broader=st.none() | slugs
)

# --- sources -------------------------------------------------------------------------------------

stated_dates: st.SearchStrategy[StatedDate] = st.builds(
    StatedDate, method=st.just("stated"), span=spans(), note=optional_texts
)
metadata_dates: st.SearchStrategy[MetadataDate] = st.builds(
    MetadataDate, method=st.just("metadata"), url=urls, note=optional_texts
)
inferred_dates: st.SearchStrategy[InferredDate] = st.builds(
    InferredDate,
    method=st.just("inferred"),
    reasoning=texts,
    records=st.lists(slugs | file_names, max_size=3),
    urls=st.lists(urls, max_size=2),
)
date_bases = st.one_of(stated_dates, metadata_dates, inferred_dates)
"""Each kind of date_basis: stated, metadata, inferred."""

errata: st.SearchStrategy[Erratum] = st.builds(
    Erratum,
    span=spans(),
    kind=st.sampled_from(get_args(ErratumKind)),
    text=texts,
    intended=optional_texts,
    note=optional_texts,
)


provenances: st.SearchStrategy[Provenance] = st.builds(
    Provenance,
    commit=st.from_regex(r"\A[0-9a-f]{40}\Z"),
    path=texts,
    repository=urls,
)
rights_statements: st.SearchStrategy[Rights] = st.builds(
    Rights,
    basis=texts,
    holder=optional_texts,
    status=st.sampled_from(get_args(RightsStatus)),
    url=st.none() | urls,
)


@st.composite
def sources(draw: st.DrawFn, date_basis: st.SearchStrategy[Any] = date_bases) -> Source:
    """A source whose id equals its file name, with any date_basis kind and maybe its text."""
    file = draw(file_names)
    return Source(
        id=file,
        file=file,
        sha256=draw(sha256s),
        title=draw(texts),
        publisher=draw(texts),
        url=draw(urls),
        kind=draw(st.sampled_from(get_args(SourceKind))),
        date=draw(dates),
        date_basis=draw(date_basis),
        place=draw(optional_texts),
        event_id=draw(st.none() | slugs),
        errata=draw(st.lists(errata, max_size=2)),
        text=draw(st.none() | st.text(alphabet=st.characters(codec="utf-8"), max_size=60)),
        id_prefix=draw(st.none() | st.from_regex(r"\A[a-z0-9]{1,8}(?:-[a-z0-9]{1,8})?\Z")),
        provenance=draw(st.none() | provenances),
        rights=draw(st.none() | rights_statements),
    )


# --- segments ------------------------------------------------------------------------------------


@st.composite
def segments(draw: st.DrawFn) -> Segment:
    """A segment; its label span lies inside its span and boilerplate has no speaker."""
    span = draw(spans())
    kind = draw(st.sampled_from(["speech", "question", "narration", "quotation", "caption", "boilerplate"]))
    label_span = None
    if draw(st.booleans()):
        start = draw(st.integers(span.start, span.end - 1))
        label_span = Span(start=start, end=draw(st.integers(start + 1, span.end)))
    return Segment(
        id=draw(slugs),
        source_file=draw(file_names),
        span=span,
        kind=kind,
        speaker_id=None if kind == "boilerplate" else draw(st.none() | slugs),
        label=draw(optional_texts),
        label_span=label_span,
        via_interpreter=draw(st.booleans()),
        reported_by=draw(st.none() | slugs),
        turn=draw(st.integers(0, 500)),
        note=draw(optional_texts),
    )


# --- events --------------------------------------------------------------------------------------


@st.composite
def evidence(draw: st.DrawFn) -> Evidence:
    """Evidence with a source file, a url or both (never neither)."""
    which = draw(st.sampled_from(["file", "url", "both"]))
    return Evidence(
        source_file=draw(file_names) if which != "url" else None,
        url=draw(urls) if which != "file" else None,
        confidence=draw(confidences),
        note=draw(optional_texts),
    )


quantity_facts: st.SearchStrategy[QuantityFact] = st.builds(
    QuantityFact,
    measure=slugs,
    value=numbers,
    qualifier=qualifiers,
    as_of=dates,
    evidence=st.lists(evidence(), min_size=1, max_size=2),
)


@st.composite
def events(draw: st.DrawFn) -> Event:
    """An event: end_date not before date, an ordinal only within a series, some evidence."""
    day = draw(dates)
    series = draw(st.none() | slugs)
    return Event(
        id=draw(slugs),
        kind=draw(st.sampled_from(get_args(EventKind))),
        name=draw(texts),
        date=day,
        end_date=draw(st.none() | st.integers(0, 30).map(lambda n: day + dt.timedelta(days=n))),
        place=draw(optional_texts),
        participants=draw(st.lists(slugs, max_size=3)),
        series=series,
        ordinal=draw(st.integers(1, 40)) if series is not None and draw(st.booleans()) else None,
        date_derivation=draw(optional_texts),
        quantities=draw(st.lists(quantity_facts, max_size=2)),
        evidence=draw(st.lists(evidence(), min_size=1, max_size=2)),
    )


# --- assertions, reviews, claims -----------------------------------------------------------------

meeting_counts: st.SearchStrategy[MeetingCount] = st.builds(
    MeetingCount,
    kind=st.just("meeting-count"),
    expression=texts,
    participants=st.lists(slugs, min_size=2, max_size=3),
    count=st.integers(1, 20),
    window=date_intervals(),
    event_id=st.none() | slugs,
    event_kinds=st.lists(st.sampled_from(get_args(EventKind)), max_size=2, unique=True),
)
meeting_ordinals: st.SearchStrategy[MeetingOrdinal] = st.builds(
    MeetingOrdinal,
    kind=st.just("meeting-ordinal"),
    expression=texts,
    series=slugs,
    ordinal=st.integers(1, 40),
    event_id=slugs,
)
date_references: st.SearchStrategy[DateReference] = st.builds(
    DateReference,
    kind=st.just("date-reference"),
    expression=texts,
    resolves_to=date_intervals(),
    event_id=st.none() | slugs,
)
quantities: st.SearchStrategy[Quantity] = st.builds(
    Quantity,
    kind=st.just("quantity"),
    expression=texts,
    measure=slugs,
    value=numbers,
    qualifier=qualifiers,
    as_of=dates,
    event_id=st.none() | slugs,
)
role_references: st.SearchStrategy[RoleReference] = st.builds(
    RoleReference,
    kind=st.just("role-reference"),
    expression=texts,
    person_id=slugs,
    title=texts,
    date=dates,
)
event_references: st.SearchStrategy[EventReference] = st.builds(
    EventReference,
    kind=st.just("event-reference"),
    expression=texts,
    event_id=slugs,
    relation=st.sampled_from(["past", "ongoing", "future"]),
    within=st.none() | date_intervals(),
)
expectations: st.SearchStrategy[Expectation] = st.builds(
    Expectation,
    kind=st.just("expectation"),
    expression=texts,
    event_kinds=st.lists(st.sampled_from(get_args(EventKind)), min_size=1, max_size=2, unique=True),
    participants=st.lists(slugs, min_size=1, max_size=3),
    window=date_intervals(),
    fulfilled_by=st.none() | slugs,
    place=optional_texts,
)
source_quotations: st.SearchStrategy[SourceQuotation] = st.builds(
    SourceQuotation, kind=st.just("source-quotation"), expression=texts, source_file=file_names
)
ASSERTION_STRATEGIES: dict[str, st.SearchStrategy[Any]] = {
    "meeting-count": meeting_counts,
    "meeting-ordinal": meeting_ordinals,
    "date-reference": date_references,
    "quantity": quantities,
    "role-reference": role_references,
    "event-reference": event_references,
    "expectation": expectations,
    "source-quotation": source_quotations,
}
"""One strategy per assertion kind, keyed by the discriminator."""
assertions: st.SearchStrategy[Any] = st.one_of(*ASSERTION_STRATEGIES.values())

review_evidence: st.SearchStrategy[ReviewEvidence] = st.builds(
    ReviewEvidence,
    event_ids=st.lists(slugs, max_size=2),
    claim_ids=st.lists(slugs, max_size=2),
    urls=st.lists(urls, max_size=2),
)
reviews: st.SearchStrategy[Review] = st.builds(
    Review,
    date=st.none() | dates,
    rating=st.sampled_from(["accurate", "inaccurate", "misleading", "outdated", "unverifiable"]),
    explanation=texts,
    evidence=review_evidence,
)
retractions: st.SearchStrategy[Retraction] = st.builds(
    Retraction, reason=texts, replaced_by=st.none() | slugs, version=semvers
)
corrections: st.SearchStrategy[Correction] = st.builds(
    Correction, fields=st.lists(slugs, min_size=1, max_size=3), reason=texts, version=semvers
)


@st.composite
def claims(draw: st.DrawFn) -> Claim:
    """A claim: non-empty subjects, and reported_by exactly when the attribution is not direct."""
    attribution = draw(st.sampled_from(["direct", "quoted", "paraphrase"]))
    return Claim(
        id=draw(slugs),
        speaker_id=draw(slugs),
        date=draw(dates),
        subjects=draw(st.lists(slugs, min_size=1, max_size=3)),
        quote=draw(texts),
        source_file=draw(file_names),
        span=draw(spans()),
        prefix=draw(st.text(alphabet=st.characters(codec="utf-8"), max_size=12)),
        suffix=draw(st.text(alphabet=st.characters(codec="utf-8"), max_size=12)),
        attribution=attribution,
        via_interpreter=draw(st.booleans()),
        reported_by=None if attribution == "direct" else draw(slugs),
        event_id=draw(st.none() | slugs),
        assertions=draw(st.lists(assertions, max_size=2)),
        review=draw(st.none() | reviews),
        retracted=draw(st.none() | retractions),
        corrections=draw(st.lists(corrections, max_size=2)),
        note=draw(optional_texts),
    )


# --- releases ------------------------------------------------------------------------------------


@st.composite
def releases(draw: st.DrawFn) -> Release:
    """A small release envelope holding a few records of every collection (each source with its text)."""
    return Release(
        name="claimtrack",
        version=draw(semvers),
        schema_version=draw(st.integers(1, SCHEMA_VERSION)),
        people=draw(st.lists(people(), max_size=2)),
        subjects=draw(st.lists(subjects, max_size=2)),
        sources=[  # a release's sources carry their text (the release schema requires it)
            source if source.text is not None else source.model_copy(update={"text": ""})
            for source in draw(st.lists(sources(), max_size=2))
        ],
        segments=draw(st.lists(segments(), max_size=2)),
        events=draw(st.lists(events(), max_size=2)),
        claims=draw(st.lists(claims(), max_size=2)),
    )


RECORD_STRATEGIES: dict[str, st.SearchStrategy[Any]] = {
    "span": spans(),
    "date-interval": date_intervals(),
    "role": roles(),
    "person": people(),
    "subject": subjects,
    "source-stated": sources(stated_dates),
    "source-metadata": sources(metadata_dates),
    "source-inferred": sources(inferred_dates),
    "stated-date": stated_dates,
    "metadata-date": metadata_dates,
    "inferred-date": inferred_dates,
    "erratum": errata,
    "segment": segments(),
    "evidence": evidence(),
    "quantity-fact": quantity_facts,
    "event": events(),
    **{f"assertion-{kind}": strategy for kind, strategy in ASSERTION_STRATEGIES.items()},
    "review-evidence": review_evidence,
    "review": reviews,
    "correction": corrections,
    "provenance": provenances,
    "rights": rights_statements,
    "retraction": retractions,
    "claim": claims(),
    "release": releases(),
}
"""Every record model, by name: the round-trip test runs over all of them."""


_DOCUMENT_PIECES = st.sampled_from(
    [
        "SEC. CARTER: ",
        "MIN. LE DRIAN (THROUGH TRANSLATOR): ",
        "Q: ",
        "QUESTION: (Via interpreter) ",
        "MODERATOR: Question from Jane Doe, RFI. ",
        "MINISTER SMITH: ",
        "(Via interpreter) ",
        "(In English) ",
        "On the second point: what? ",
        "WASHINGTON: ",
        "“We agree,” Cook said. ",
        '"Yes," he said. ',
        "The talks resumed, the Pentagon said. ",
        "US officials said it would. ",
        "Photo By: Sgt. A. Smith",
        "Related Stories",
        "Mr. Smith went to the U.S. Then he left. ",
        "“unclosed ",
        '"',
        "é ü — ",
        "\n",
        "\n\n",
        "\n\n\n",
        "\r\n",
        " ",
    ]
)


@st.composite
def document_texts(draw: st.DrawFn) -> str:
    """Texts mixing transcript labels, interpreter markers, quotations, captions and odd breaks."""
    pieces = draw(st.lists(st.one_of(_DOCUMENT_PIECES, st.text(max_size=12)), max_size=30))
    return "".join(pieces)


# --- verify: what a reader cannot see or type --------------------------------------------------

_INVISIBLES = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f", "\u00ad"]
_SPACES = ["  ", "\n", " \n ", "\t", "\u00a0", "\u2009", "\u3000"]
_DASHES = ["--", "\u2013", "\u2014", " \u2014 ", "\u2212"]
_APOSTROPHES = ["\u2019", "\u2018", "\u02bc", "\u2032"]
_DOUBLE_QUOTES = ["\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb"]


@st.composite
def visible_foldings(draw: st.DrawFn, text: str) -> str:
    """``text`` with any mix of changes a reader cannot see or would not type differently.

    Quotes and apostrophes curled or straightened, dashes swapped (``--``, en, em), ellipses
    swapped, white space runs changed, zero-width and bidirectional marks inserted, letters made
    compatibility forms (fullwidth, ligatures) and case changed. Every variant must fold to
    the same text as the original, up to case.
    """
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "-":
            j = i
            while j < len(text) and text[j] in "-\u2013\u2014":
                j += 1
            out.append(draw(st.sampled_from(["-", *_DASHES])))
            i = j
            continue
        if text.startswith("...", i) and draw(st.booleans()):
            out.append("\u2026")
            i += 3
            continue
        if char in "'\u2019\u2018":
            out.append(draw(st.sampled_from(["'", *_APOSTROPHES])))
        elif char in '"\u201c\u201d':
            out.append(draw(st.sampled_from(['"', *_DOUBLE_QUOTES])))
        elif char.isspace():
            out.append(draw(st.sampled_from([" ", *_SPACES])))
        elif char.isascii() and char.isalpha() and draw(st.integers(0, 9)) == 0:
            out.append(chr(ord(char) + 0xFEE0))  # fullwidth form, NFKC folds it back
        else:
            out.append(char)
        if draw(st.integers(0, 14)) == 0:
            out.append(draw(st.sampled_from(_INVISIBLES)))
        i += 1
    folded = "".join(out)
    case = draw(st.sampled_from(["keep", "upper", "lower"]))
    return folded.upper() if case == "upper" else folded.lower() if case == "lower" else folded


# --- validate: whole small datasets and single-field corruptions ------------------------------

_WORDS = st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=6)
_DATASET_DAYS = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31))


class _SourceText:
    """A source text under construction: stretches appended with their segment, quotable runs noted."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.text = ""
        self.segments: list[Segment] = []
        self.quotable: list[tuple[str, int, int, str, str | None]] = []
        """(speaker, start, end, attribution, reported_by) of runs of words a claim may quote."""

    def add(self, piece: str, kind: str, speaker: str | None, turn: int, **extra: Any) -> int:
        """Append ``piece`` as one segment; return its start offset."""
        start = len(self.text)
        self.text += piece
        label = extra.pop("label", None)
        self.segments.append(
            Segment(
                id=f"{self.file[:3]}-s{len(self.segments):04d}",
                source_file=self.file,
                span=Span(start=start, end=len(self.text)),
                kind=kind,
                speaker_id=speaker,
                label=label,
                label_span=Span(start=start, end=start + len(label) + 1) if label else None,
                turn=turn,
                **extra,
            )
        )
        return start

    def note(
        self, words: list[str], at: int, speaker: str, attribution: str, reported_by: str | None
    ) -> None:
        """Record that ``words`` (joined by spaces) begin at offset ``at`` and may be quoted."""
        self.quotable.append((speaker, at, at + len(" ".join(words)), attribution, reported_by))


def _numbered(words: list[str]) -> list[str]:
    """Words made distinct by their position, so no run of them repeats one character on."""
    return [f"{word}{index}" for index, word in enumerate(words)]


@st.composite
def valid_datasets(draw: st.DrawFn) -> Release:
    """A small dataset that passes every check: transcripts of labelled turns and news stories of
    narration, quotation and reported speech, one segment per stretch, claims quoting two or more
    words, a meeting per transcript, titles and relative dates."""
    import hashlib

    from claims.anchoring import context

    person_ids = draw(
        st.lists(slugs.filter(lambda s: not s.startswith("writer")), min_size=2, max_size=3, unique=True)
    )
    labels = [f"SPEAKER {chr(65 + i)}" for i in range(len(person_ids))]
    people = [
        Person(
            id=pid,
            name=f"Speaker {chr(65 + i)}",
            aliases=[labels[i]],
            roles=[Role(title=f"Minister number {i}", organization="Government", country="FR", start="1990")],
        )
        for i, pid in enumerate(person_ids)
    ]
    subject_ids = draw(st.lists(slugs, min_size=1, max_size=2, unique=True))
    subject_records = [Subject(id=s, name=s, description=f"About {s}.") for s in subject_ids]
    sources_out: list[Source] = []
    segments_out: list[Segment] = []
    events_out: list[Event] = []
    claims_out: list[Claim] = []
    for k in range(draw(st.integers(1, 3))):
        file = f"{k:03d}_{draw(st.text(alphabet='0123456789abcdef', min_size=4, max_size=8))}.txt"
        day = draw(_DATASET_DAYS)
        kind = draw(st.sampled_from(["transcript", "news"]))
        built = _SourceText(file)
        event: Event | None = None
        if kind == "transcript":
            event = Event(
                id=f"meeting-{k}",
                kind="bilateral-meeting",
                name=f"Meeting {k}",
                date=day,
                participants=person_ids,
                evidence=[Evidence(source_file=file)],
            )
            events_out.append(event)
            turns = draw(
                st.lists(
                    st.tuples(st.integers(0, len(person_ids) - 1), st.lists(_WORDS, min_size=3, max_size=8)),
                    min_size=1,
                    max_size=4,
                )
            )
            for turn, (speaker, raw) in enumerate(turns):
                words = _numbered(raw)
                start = built.add(
                    f"{labels[speaker]}: {' '.join(words)}.\n\n",
                    "speech",
                    person_ids[speaker],
                    turn,
                    label=labels[speaker],
                )
                built.note(words, start + len(labels[speaker]) + 2, person_ids[speaker], "direct", None)
        else:
            writer = f"writer-{k:03d}"
            people.append(Person(id=writer, name=f"Writer of {file}", anonymous=True, scope=file))
            stretches = draw(
                st.lists(
                    st.tuples(
                        st.sampled_from(["narration", "quotation", "reported"]),
                        st.integers(0, len(person_ids) - 1),
                        st.lists(_WORDS, min_size=3, max_size=8),
                    ),
                    min_size=1,
                    max_size=4,
                )
            )
            for turn, (form, speaker, raw) in enumerate(stretches):
                words = _numbered(raw)
                if form == "narration":
                    start = built.add(f"{' '.join(words)}.\n\n", "narration", writer, turn)
                    built.note(words, start, writer, "direct", None)
                elif form == "quotation":
                    start = built.add(
                        f"\u201c{' '.join(words)},\u201d",
                        "quotation",
                        person_ids[speaker],
                        turn,
                        reported_by=writer,
                    )
                    built.add(f" {labels[speaker].title()} said.\n\n", "narration", writer, turn)
                    built.note(words, start + 1, person_ids[speaker], "quoted", writer)
                else:
                    lead = f"{labels[speaker].title()} said that "
                    start = built.add(
                        f"{lead}{' '.join(words)}.\n\n",
                        "narration",
                        person_ids[speaker],
                        turn,
                        reported_by=writer,
                    )
                    built.note(words, start + len(lead), person_ids[speaker], "paraphrase", writer)
        text = built.text
        segments_out.extend(built.segments)
        for c, (speaker_id, run_start, run_end, attribution, reported_by) in enumerate(built.quotable):
            if c > 0 and not draw(st.booleans()):
                continue
            words_in_run = text[run_start:run_end].split(" ")
            first = draw(st.integers(0, len(words_in_run) - 2))
            last = draw(st.integers(first + 1, len(words_in_run) - 1))
            start = run_start + sum(len(w) + 1 for w in words_in_run[:first])
            end = start + len(" ".join(words_in_run[first : last + 1]))
            span = Span(start=start, end=end)
            prefix, suffix = context(text, span)
            assertions: list[Any] = []
            named = person_ids.index(speaker_id) if speaker_id in person_ids else 0
            if draw(st.booleans()):
                assertions.append(
                    RoleReference(
                        kind="role-reference",
                        expression=labels[named],
                        person_id=person_ids[named],
                        title=f"minister NUMBER {named}",
                        date=day,
                    )
                )
            if draw(st.booleans()):
                yesterday = day - dt.timedelta(days=1)
                assertions.append(
                    DateReference(
                        kind="date-reference",
                        expression="yesterday",
                        resolves_to=DateInterval(start=yesterday, end=yesterday),
                    )
                )
            if event is not None and draw(st.booleans()):
                assertions.append(
                    DateReference(
                        kind="date-reference",
                        expression="today",
                        resolves_to=DateInterval(start=day, end=day),
                        event_id=event.id,
                    )
                )
            claims_out.append(
                Claim(
                    id=f"{k:03d}-c{c:04d}",
                    speaker_id=speaker_id,
                    date=day,
                    subjects=[draw(st.sampled_from(subject_ids))],
                    quote=text[start:end],
                    source_file=file,
                    span=span,
                    prefix=prefix,
                    suffix=suffix,
                    attribution=attribution,
                    reported_by=reported_by,
                    event_id=event.id if event is not None else None,
                    assertions=assertions,
                )
            )
        sources_out.append(
            Source(
                id=file,
                file=file,
                sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                title=f"Source {k}",
                publisher="Publisher",
                url=f"https://example.org/{k}",
                kind=kind,
                date=day,
                date_basis=MetadataDate(method="metadata", url=f"https://example.org/{k}"),
                event_id=event.id if event is not None else None,
                text=text,
            )
        )
    return Release(
        name="claimtrack",
        version="1.0.0",
        schema_version=SCHEMA_VERSION,
        people=people,
        subjects=subject_records,
        sources=sources_out,
        segments=segments_out,
        events=events_out,
        claims=claims_out,
    )


def _replace(records: list[M], index: int, **update: Any) -> list[M]:
    return [r.model_copy(update=update) if i == index else r for i, r in enumerate(records)]


CLAIM_CORRUPTIONS = [
    "quote",
    "span",
    "prefix",
    "suffix",
    "speaker",
    "unknown-speaker",
    "subject",
    "event",
    "date",
    "unsafe-source",
    "unknown-source",
    "interpreter",
    "attribution",
]
"""Single-field changes to a claim that validation must catch, each naming the claim."""


@st.composite
def corrupted_datasets(draw: st.DrawFn, release: Release) -> tuple[str, Release]:
    """One field of one record of ``release`` changed so that it is wrong; returns (record id, release)."""
    targets = ["claim"] * 4 * bool(release.claims) + ["segment", "source"] + ["event"] * bool(release.events)
    target = draw(st.sampled_from(targets))
    if target == "claim" and release.claims:
        index = draw(st.integers(0, len(release.claims) - 1))
        claim = release.claims[index]
        how = draw(st.sampled_from(CLAIM_CORRUPTIONS))
        others = [p.id for p in release.people if p.id != claim.speaker_id]
        choices: dict[str, dict[str, Any]] = {
            "quote": {"quote": claim.quote + "\u00a7"},
            "span": {"span": Span(start=claim.span.start + 1, end=claim.span.end + 1)},
            "prefix": {"prefix": "\u00a7" + claim.prefix},
            "suffix": {"suffix": claim.suffix + "\u00a7"},
            "speaker": {"speaker_id": others[0]},
            "unknown-speaker": {"speaker_id": "no-such-person"},
            "subject": {"subjects": ["no-such-subject"]},
            "event": {"event_id": "no-such-event"},
            "date": {"date": claim.date + dt.timedelta(days=1)},
            "unsafe-source": {"source_file": "../../etc/passwd"},
            "unknown-source": {"source_file": "999_nosuchfile.txt"},
            "interpreter": {"via_interpreter": not claim.via_interpreter},
            "attribution": (
                {"attribution": "quoted", "reported_by": others[0]}
                if claim.attribution == "direct"
                else {"attribution": "direct", "reported_by": None}
            ),
        }
        update: dict[str, Any] = choices[how]
        return claim.id, release.model_copy(update={"claims": _replace(release.claims, index, **update)})
    if target == "segment":
        index = draw(st.integers(0, len(release.segments) - 1))
        segment = release.segments[index]
        how = draw(st.sampled_from(["speaker", "label"]))
        update = {"speaker_id": "no-such-person"} if how == "speaker" else {"label": "NOBODY AT ALL"}
        return segment.id, release.model_copy(
            update={"segments": _replace(release.segments, index, **update)}
        )
    if target == "event":
        index = draw(st.integers(0, len(release.events) - 1))
        event = release.events[index]
        how = draw(st.sampled_from(["participant", "date"]))
        update = (
            {"participants": [*event.participants, "no-such-person"]}
            if how == "participant"
            else {"date": event.date + dt.timedelta(days=draw(st.integers(1, 400)))}
        )
        return event.id, release.model_copy(update={"events": _replace(release.events, index, **update)})
    index = draw(st.integers(0, len(release.sources) - 1))
    source = release.sources[index]
    how = draw(st.sampled_from(["sha256", "date", "text"]))
    text = source.text or ""
    source_choices: dict[str, dict[str, Any]] = {
        "sha256": {"sha256": "0" * 64},
        "date": {"date": source.date - dt.timedelta(days=draw(st.integers(1, 400)))},
        "text": {"text": text[:-1] + ("x" if text[-1:] != "x" else "y")},
    }
    update = source_choices[how]
    return source.id, release.model_copy(update={"sources": _replace(release.sources, index, **update)})
