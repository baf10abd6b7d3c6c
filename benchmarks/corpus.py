"""A deterministic synthetic release of any size, written once to a cache outside the repository.

Same seed, claims and sources: same bytes. The release file is ``claims.canonical.release_bytes``
of a validated ``claims.records.Release``, exactly what ``claims release`` writes.
"""

from __future__ import annotations

import hashlib
import os
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from benchmarks.assertions import AssertionMaker
from benchmarks.queries import WORD, make_query, settle_misquotes
from benchmarks.timeline import (
    EXAMPLE_URL,
    Meeting,
    Official,
    anonymous_record,
    event_record,
    make_meetings,
    make_officials,
    person_record,
    subject_records,
)
from benchmarks.transcript import Speaker, Turn, build_transcript
from claims.anchoring import CONTEXT_CHARS

GENERATOR_VERSION = 2
"""Bumped whenever the generator's output changes, so stale caches are rebuilt."""

QUERY_COUNT = 1000
"""Queries generated per corpus; the harness uses the first ``--queries`` of them."""

MIN_SOURCE_CHARS = 5_000
MAX_SOURCE_CHARS = 40_000
CHARS_PER_CLAIM = 150
"""A source grows past 40 KB only when it must hold more claims than that size allows."""

Progress = Callable[[int], None]


@dataclass(frozen=True)
class CorpusSpec:
    """What to generate: the number of claims and sources, and the seed."""

    claims: int
    sources: int
    seed: int = 0

    @property
    def key(self) -> str:
        """The cache folder name, ``<seed>-<claims>-<sources>``."""
        return f"{self.seed}-{self.claims}-{self.sources}"


@dataclass(frozen=True)
class Corpus:
    """A generated corpus on disk."""

    spec: CorpusSpec
    folder: Path
    meta: dict[str, Any]

    @property
    def release_path(self) -> Path:
        """The release JSON file."""
        return self.folder / "release.json"

    @property
    def queries_path(self) -> Path:
        """The verify queries, one JSON object a line."""
        return self.folder / "queries.jsonl"

    def queries(self, limit: int | None = None) -> list[dict[str, Any]]:
        """The first ``limit`` queries (all by default)."""
        lines = self.queries_path.read_bytes().splitlines()
        return [orjson.loads(line) for line in lines[:limit]]


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/claimtrack-bench`` (``~/.cache/claimtrack-bench``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "claimtrack-bench"


def ensure_corpus(
    spec: CorpusSpec,
    cache_dir: Path,
    *,
    on_start: Callable[[int], None] | None = None,
    on_source: Progress | None = None,
) -> Corpus:
    """The cached corpus for ``spec``, generating it first when absent or stale.

    ``on_start(total)`` and ``on_source(1)`` report progress while generating.
    """
    if spec.claims < 1 or spec.sources < 1:
        raise ValueError(f"need at least one claim and one source, got {spec.claims} and {spec.sources}")
    folder = cache_dir / spec.key
    meta_path = folder / "meta.json"
    if meta_path.is_file():
        meta = orjson.loads(meta_path.read_bytes())
        release = folder / "release.json"
        if (
            meta.get("generator") == GENERATOR_VERSION
            and release.is_file()
            and release.stat().st_size == meta.get("release_bytes")
        ):
            write_sums(folder, str(meta["release_sha256"]))
            return Corpus(spec, folder, meta)
    if on_start is not None:
        on_start(spec.sources)
    release_data, queries, text_bytes = generate(spec, on_source=on_source)
    meta = write_corpus(folder, release_data, queries, spec, text_bytes)
    return Corpus(spec, folder, meta)


def write_corpus(
    folder: Path, release_data: bytes, queries: list[dict[str, Any]], spec: CorpusSpec, text_bytes: int
) -> dict[str, Any]:
    """Write the release, the queries and, last, ``meta.json`` (its presence marks a complete corpus)."""
    from claims.jsonio import atomic_write, dumps

    folder.mkdir(parents=True, exist_ok=True)
    atomic_write(folder / "release.json", release_data)
    atomic_write(folder / "queries.jsonl", b"".join(orjson.dumps(q) + b"\n" for q in queries))
    meta = {
        "generator": GENERATOR_VERSION,
        "seed": spec.seed,
        "claims": spec.claims,
        "sources": spec.sources,
        "queries": len(queries),
        "source_text_bytes": text_bytes,
        "release_bytes": len(release_data),
        "release_sha256": hashlib.sha256(release_data).hexdigest(),
    }
    write_sums(folder, str(meta["release_sha256"]), release_data)  # a new manifest for the new bytes
    atomic_write(folder / "meta.json", dumps(meta))
    return meta


def write_sums(folder: Path, digest: str, release_data: bytes | None = None) -> None:
    """``SHA256SUMS`` and the layout manifest beside ``release.json``, as ``claims release`` writes them
    beside every release it cuts (``claims validate``'s workers then parse only their own records).

    The manifest is written from ``release_data`` when given, else only when it is missing.
    """
    from claims.checksums import SUMS_NAME, sha256_hex
    from claims.jsonio import atomic_write
    from claims.layout import layout_bytes, layout_name, layout_of

    manifest = folder / layout_name("release.json")
    if release_data is None and manifest.is_file():
        layout = manifest.read_bytes()
    else:
        data = release_data if release_data is not None else (folder / "release.json").read_bytes()
        found = layout_of(data, "release.json")
        if found is None:
            raise RuntimeError(
                f"{folder / 'release.json'}: not laid out as claims.canonical writes a release"
            )
        layout = layout_bytes(found)
        atomic_write(manifest, layout)
    sums = folder / SUMS_NAME
    content = f"{digest}  release.json\n{sha256_hex(layout)}  {manifest.name}\n".encode("ascii")
    if not sums.is_file() or sums.read_bytes() != content:
        atomic_write(sums, content)


def unvouched_path(corpus: Corpus) -> Path:
    """The corpus release seen through a symlink in a folder with no ``SHA256SUMS``: loaded checked whole."""
    folder = corpus.folder / "unvouched"
    folder.mkdir(exist_ok=True)
    link = folder / "release.json"
    if not link.is_symlink():
        link.symlink_to(corpus.release_path)
    return link


def split_evenly(total: int, parts: int) -> list[int]:
    """``total`` as ``parts`` near-equal counts."""
    base, extra = divmod(total, parts)
    return [base + (index < extra) for index in range(parts)]


def generate(
    spec: CorpusSpec, *, on_source: Progress | None = None
) -> tuple[bytes, list[dict[str, Any]], int]:
    """The release bytes, the queries and the total source text size (UTF-8 bytes) for ``spec``."""
    from claims._version import __version__
    from claims.canonical import release_bytes
    from claims.records import SCHEMA_VERSION, Release

    rng = random.Random(f"claimtrack-bench:{spec.seed}")
    officials = make_officials(rng, max(12, spec.sources // 3 + 12))
    meetings = make_meetings(rng, officials, max(1, (spec.sources + 1) // 2))
    in_series = {pid for m in meetings for pid in m.participants}
    extras = [o for o in officials if o.person_id not in in_series]
    by_id = {o.person_id: o for o in officials}
    query_plan = Counter(rng.randrange(spec.sources) for _ in range(QUERY_COUNT))

    people = [person_record(o, rng) for o in officials]
    sources: list[dict[str, Any]] = []
    segments: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    queries: list[dict[str, Any]] = []
    evidence_file: dict[str, str] = {}
    width = max(3, len(str(spec.sources - 1)))
    text_bytes = 0
    for index, claim_count in enumerate(split_evenly(spec.claims, spec.sources)):
        meeting = meetings[index % len(meetings)]
        source = SourceWriter(
            spec.seed, index, width, meeting, [by_id[p] for p in meeting.participants], extras
        )
        source.write(claim_count, query_plan.get(index, 0))
        people.extend(source.anonymous)
        sources.append(source.record)
        segments.extend(source.segments)
        claims.extend(source.claims)
        queries.extend(source.queries)
        evidence_file.setdefault(meeting.event_id, source.file)
        text_bytes += source.text_bytes
        if on_source is not None:
            on_source(1)
    queries = settle_misquotes(queries, (str(s["text"]) for s in sources))
    random.Random(f"claimtrack-bench:{spec.seed}:queries").shuffle(queries)
    events = [event_record(m, evidence_file.get(m.event_id)) for m in meetings]
    data = {
        "name": "claimtrack",
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
        "people": people,
        "subjects": subject_records(),
        "sources": sources,
        "segments": segments,
        "events": events,
        "claims": claims,
    }
    del people, sources, segments, events, claims
    release = Release.model_validate(data)
    del data  # the dicts go before the release is dumped: at a million claims each copy is gigabytes
    return release_bytes(release), queries, text_bytes


class SourceWriter:
    """Builds one transcript with its segments, claims, anonymous speakers and queries."""

    def __init__(
        self,
        seed: int,
        index: int,
        width: int,
        meeting: Meeting,
        participants: list[Official],
        extras: list[Official],
    ) -> None:
        self.rng = random.Random(f"claimtrack-bench:{seed}:source:{index}")
        self.prefix = f"{index:0{width}d}"
        digest = hashlib.sha256(f"{seed}:{index}".encode()).hexdigest()[:16]
        self.file = f"{self.prefix}_{digest}.txt"
        self.meeting = meeting
        self.officials = list(participants)
        if extras and self.rng.random() < 0.3:
            self.officials.append(self.rng.choice(extras))
        self.anonymous: list[dict[str, Any]] = []
        self.segments: list[dict[str, Any]] = []
        self.claims: list[dict[str, Any]] = []
        self.queries: list[dict[str, Any]] = []
        self.record: dict[str, Any] = {}
        self.text_bytes = 0

    def write(self, claim_count: int, query_count: int) -> None:
        """Generate the text and every record of this source."""
        rng = self.rng
        moderator = f"moderator-{self.prefix}"
        reporters = [f"reporter-{self.prefix}-{n}" for n in (1, 2)]
        self.anonymous = [anonymous_record(moderator, "Moderator", self.file)] + [
            anonymous_record(r, f"Reporter {n}", self.file) for n, r in enumerate(reporters, 1)
        ]
        speakers = []
        for official in self.officials:
            interpreted = rng.random() < 0.2
            label = official.label + (" (THROUGH TRANSLATOR)" if interpreted else "")
            speakers.append(Speaker(official.person_id, label, interpreted))
        names = ", ".join(f"{o.title} {o.name}" for o in self.officials)
        title = f"Remarks by {names} at {self.meeting.place}"
        min_chars = max(rng.randint(MIN_SOURCE_CHARS, MAX_SOURCE_CHARS), claim_count * CHARS_PER_CLAIM)
        text, turns = build_transcript(
            rng,
            title=title,
            speakers=speakers,
            moderator_id=moderator,
            reporter_ids=reporters,
            min_chars=min_chars,
            make_assertion=AssertionMaker(self.meeting, tuple(self.officials)),
        )
        data = text.encode("utf-8")
        self.text_bytes = len(data)
        date = self.meeting.date.isoformat()
        self.record = {
            "id": self.file,
            "file": self.file,
            "sha256": hashlib.sha256(data).hexdigest(),
            "title": title,
            "publisher": "Synthetic Ministry of Benchmarks",
            "url": f"{EXAMPLE_URL}/sources/{self.file}",
            "kind": "transcript",
            "date": date,
            "date_basis": {"method": "metadata", "url": f"{EXAMPLE_URL}/sources/{self.file}#date"},
            "place": self.meeting.place,
            "event_id": self.meeting.event_id,
            "text": text,
        }
        self._segments(turns)
        self._claims(text, turns, claim_count, date)
        names_by_id = {o.person_id: o.name for o in self.officials}
        self.queries = [
            make_query(rng, text=text, turns=turns, names=names_by_id, source_file=self.file, date=date)
            for _ in range(query_count)
        ]

    def _segments(self, turns: list[Turn]) -> None:
        for number, turn in enumerate(turns):
            record: dict[str, Any] = {
                "id": f"{self.prefix}-s{number:04d}",
                "source_file": self.file,
                "span": {"start": turn.start, "end": turn.end},
                "kind": turn.kind,
                "turn": number,
            }
            if turn.speaker_id is not None:
                record["speaker_id"] = turn.speaker_id
            if turn.label is not None:
                record["label"] = turn.label
                record["label_span"] = {"start": turn.start, "end": turn.start + len(turn.label) + 1}
            if turn.via_interpreter:
                record["via_interpreter"] = True
            self.segments.append(record)

    def _claims(self, text: str, turns: list[Turn], count: int, date: str) -> None:
        rng = self.rng
        official_ids = {o.person_id for o in self.officials}
        speech = [t for t in turns if t.sentences and t.speaker_id in official_ids]
        taken: set[tuple[int, int]] = set()
        subjects = [f"topic-{w}" for w in _SUBJECT_WORDS]
        number = 0
        attempts = 0
        while number < count:
            attempts += 1
            if attempts > count * 50:
                raise RuntimeError(f"{self.file}: could not place {count} distinct claims")
            turn = rng.choice(speech)
            first = rng.randrange(len(turn.sentences))
            shape = rng.random()
            assertions: list[dict[str, Any]] = []
            if shape < 0.2:
                sentence = turn.sentences[first]
                words = [(m.start(), m.end()) for m in WORD.finditer(text, sentence.start, sentence.end)]
                if len(words) < 5:
                    continue
                size = rng.randint(4, min(10, len(words) - 1))
                at = rng.randrange(len(words) - size + 1)
                start, end = words[at][0], words[at + size - 1][1]
            else:
                last = min(len(turn.sentences) - 1, first + (shape > 0.75))
                chosen = turn.sentences[first : last + 1]
                start, end = chosen[0].start, chosen[-1].end
                assertions = [s.assertion for s in chosen if s.assertion is not None]
            if (start, end) in taken:
                continue
            taken.add((start, end))
            assert turn.speaker_id is not None
            claim: dict[str, Any] = {
                "id": f"{self.prefix}-c{number:04d}",
                "speaker_id": turn.speaker_id,
                "date": date,
                "subjects": sorted(set(rng.sample(subjects, rng.randint(1, 3)))),
                "quote": text[start:end],
                "source_file": self.file,
                "span": {"start": start, "end": end},
                "prefix": text[max(0, start - CONTEXT_CHARS) : start],
                "suffix": text[end : end + CONTEXT_CHARS],
                "attribution": "direct",
                "event_id": self.meeting.event_id,
                "assertions": assertions,
            }
            if turn.via_interpreter:
                claim["via_interpreter"] = True
            self.claims.append(claim)
            number += 1


_SUBJECT_WORDS = [record["id"].removeprefix("topic-") for record in subject_records()]
