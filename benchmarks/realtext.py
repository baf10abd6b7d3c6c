"""``python -m benchmarks --corpus DIR``: verify on real text, beside two peers a user could assemble.

The folder's UTF-8 text and Markdown files become a release (one source and one segment each),
and 2 × N queries are drawn from them: N sentences as printed, and the same sentences with one
word in four changed, never verbatim anywhere in the corpus. Three systems answer them in one run:

- claimtrack's verify (``claims.verification.Verifier``);
- tantivy + rapidfuzz: tantivy's Python bindings as their README builds an index (a stored text
  field, the default tokenizer, an in-memory index), a phrase query for an exact quote, the
  quote's words ORed for a misquote, and rapidfuzz's ``partial_ratio_alignment`` over the top hits;
- SQLite FTS5 + rapidfuzz: the same two queries through FTS5's MATCH, ranked by bm25.

Real corpora repeat sentences across files, so a hit is judged by its passage, not its file: an
exact quote is found when a system returns a passage whose words are the sentence's; a misquote
when it returns a passage at least as close to the sentence as the misquote is.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import random
import re
import sqlite3
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

SENTENCE = re.compile(r"(?<![A-Z][a-z]\.)(?<=[.!?])\s+")
WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
PEER_HITS = 5
"""Documents a peer aligns with rapidfuzz per misquote (its top hits)."""
PEER_THRESHOLD = 70.0
"""rapidfuzz score (0-100) above which a peer reports a close match."""


@dataclasses.dataclass(frozen=True)
class Document:
    """One file of the corpus: its name in the release, its path and its text."""

    file: str
    path: Path
    text: str


@dataclasses.dataclass(frozen=True)
class Query:
    """A sentence of the corpus, and the quote asked for it (the sentence itself, or a misquote)."""

    kind: str
    quote: str
    original: str


@dataclasses.dataclass
class Row:
    """One system's figures in the table."""

    system: str
    build_seconds: float = float("nan")
    index_bytes: int = 0
    exact: list[float] = dataclasses.field(default_factory=list)
    exact_right: int = 0
    misquoted: list[float] = dataclasses.field(default_factory=list)
    misquotes_found: int = 0
    note: str = ""


def plain(text: str) -> str:
    """Lower-case words joined by single spaces, quotes and dashes as typed: what a passage is judged by."""
    from benchmarks.queries import as_typed

    return " ".join(as_typed(text).lower().split())


def read_corpus(folder: Path) -> list[Document]:
    """Every ``.md`` and ``.txt`` file under ``folder``, in path order; a file that is not UTF-8 is an error."""
    paths = sorted(p for p in folder.rglob("*") if p.suffix in {".md", ".txt"} and p.is_file())
    if not paths:
        raise ValueError(f"{folder}: no .md or .txt files to read")
    documents = []
    for number, path in enumerate(paths):
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValueError(f"{path}: expected UTF-8 text: {exc}") from exc
        digest = hashlib.sha256(str(path.relative_to(folder)).encode()).hexdigest()[:12]
        documents.append(Document(f"{number:05d}_{digest}.md", path, text))
    return documents


def _front_matter(text: str) -> dict[str, str]:
    match = FRONT_MATTER.match(text)
    fields: dict[str, str] = {}
    for line in (match.group(1) if match else "").splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip().strip("'\"")
    return fields


def release_of(documents: Sequence[Document]) -> Any:
    """A release of the corpus: one source and one narration segment each, spoken by one publisher."""
    from claims.records import Person, Release, Segment, Source

    people = [Person(id="corpus-publisher", name="The corpus's publisher", kind="organization")]
    sources, segments = [], []
    for number, doc in enumerate(documents):
        meta = _front_matter(doc.text)
        url = meta.get("source_url") or f"https://corpus.invalid/{doc.file}"
        try:
            day = dt.date.fromisoformat(meta.get("date", "")[:10])
        except ValueError:
            day = dt.date(2021, 1, 1)
        sources.append(
            Source.model_validate(
                {
                    "date": day,
                    "date_basis": {"method": "metadata", "url": url},
                    "file": doc.file,
                    "id": doc.file,
                    "id_prefix": f"x{number}",
                    "kind": "statement",
                    "publisher": "corpus",
                    "sha256": hashlib.sha256(doc.text.encode()).hexdigest(),
                    "text": doc.text,
                    "title": meta.get("title") or doc.path.name,
                    "url": url,
                }
            )
        )
        segments.append(
            Segment(
                id=f"x{number}-s0001",
                kind="narration",
                source_file=doc.file,
                span={"start": 0, "end": len(doc.text)},
                speaker_id="corpus-publisher",
                turn=0,
            )
        )
    return Release(
        name="claimtrack",
        version="0.0.0",
        schema_version=_schema_version(),
        people=people,
        subjects=[],
        sources=sources,
        segments=segments,
        events=[],
        claims=[],
    )


def _schema_version() -> int:
    from claims.records import SCHEMA_VERSION

    return SCHEMA_VERSION


def _sentences(text: str) -> Iterator[str]:
    body = FRONT_MATTER.sub("", text)
    for paragraph in body.split("\n"):
        if not paragraph[:1].isalpha() or "*" in paragraph or "\\" in paragraph or "#" in paragraph:
            continue
        for sentence in SENTENCE.split(paragraph):
            words = sentence.split()
            if 10 <= len(words) <= 40 and sentence[-1:] in ".!?":
                yield sentence


def make_queries(documents: Sequence[Document], count: int, seed: int) -> list[Query]:
    """``count`` sentences said once in the corpus, each asked as printed and as a misquote."""
    rng = random.Random(seed)
    haystack = "\n".join(plain(doc.text) for doc in documents)
    vocabulary = sorted({w for doc in documents[:200] for w in WORD.findall(doc.text) if len(w) > 3})
    queries: list[Query] = []
    seen: set[str] = set()
    attempts = 0
    while len(queries) < 2 * count and attempts < 200 * count:
        attempts += 1
        doc = rng.choice(documents)
        candidates = list(_sentences(doc.text))
        if not candidates:
            continue
        sentence = rng.choice(candidates)
        key = plain(sentence)
        if key in seen:
            continue
        words = sentence.split()
        changed = list(words)
        for index in rng.sample(range(len(words)), max(1, len(words) // 4)):
            match = WORD.search(changed[index])
            if match is None:
                continue
            replacement = rng.choice(vocabulary)
            token = changed[index]
            changed[index] = token[: match.start()] + replacement + token[match.end() :]
        misquote = " ".join(changed)
        if plain(misquote) in haystack or misquote == sentence:
            continue
        seen.add(key)
        queries.append(Query("exact", sentence, sentence))
        queries.append(Query("misquoted", misquote, sentence))
    return queries


def found_right(query: Query, passage: str | None) -> bool:
    """The passage a system returned is the sentence (exact) or at least as close to it as the misquote."""
    if passage is None:
        return False
    from rapidfuzz import fuzz

    found, original, asked = plain(passage), plain(query.original), plain(query.quote)
    if query.kind == "exact":
        return found == original
    return found == original or fuzz.ratio(found, original) >= fuzz.ratio(asked, original)


def _rss() -> int:
    """Resident memory of this process in bytes (Linux), to see a Rust or C index as well as Python's."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    import os

    return pages * os.sysconf("SC_PAGE_SIZE")


Ask = Callable[[Query], str | None]


def _claimtrack(documents: Sequence[Document]) -> tuple[Ask, str]:
    from claims.verification.api import Verifier

    release = release_of(documents)
    verifier = Verifier(release)

    def ask(query: Query) -> str | None:
        result = verifier.verify(query.quote)
        wanted = "verified" if query.kind == "exact" else "misquoted"
        return result.text if result.verdict == wanted else None

    return ask, "claims.verification.Verifier(release).verify(quote)"


def _align(quote: str, texts: Sequence[str]) -> str | None:
    """The best rapidfuzz alignment of the quote in the texts, if it scores above the threshold."""
    from rapidfuzz import fuzz

    asked = plain(quote)
    best: tuple[float, str] | None = None
    for text in texts:
        folded = plain(text)
        alignment = fuzz.partial_ratio_alignment(asked, folded, score_cutoff=PEER_THRESHOLD)
        if alignment is not None and (best is None or alignment.score > best[0]):
            best = (alignment.score, folded[alignment.dest_start : alignment.dest_end])
    return None if best is None else best[1]


def _exact_in(quote: str, texts: Sequence[str]) -> str | None:
    asked = plain(quote)
    return asked if any(asked in plain(text) for text in texts) else None


def _terms(quote: str) -> list[str]:
    """The quote's words as both peers' default tokenizers cut them (at every non-word character)."""
    return re.findall(r"\w+", quote.lower())


def _tantivy(documents: Sequence[Document]) -> tuple[Ask, str]:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("body", stored=True)
    schema = builder.build()
    index = tantivy.Index(schema)
    writer = index.writer()
    for doc in documents:
        writer.add_document(tantivy.Document(body=doc.text))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    searcher = index.searcher()

    def hits(text: str, limit: int) -> list[str]:
        query = index.parse_query(text, ["body"])
        return [searcher.doc(address)["body"][0] for _, address in searcher.search(query, limit).hits]

    def ask(query: Query) -> str | None:
        terms = _terms(query.quote)
        if query.kind == "exact":
            return _exact_in(query.quote, hits('"' + " ".join(terms) + '"', 10))
        return _align(query.quote, hits(" ".join(terms), PEER_HITS))

    return ask, f"tantivy {getattr(tantivy, '__version__', '')} + rapidfuzz partial_ratio_alignment"


def _fts5(documents: Sequence[Document]) -> tuple[Ask, str]:
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    connection.execute("CREATE VIRTUAL TABLE docs USING fts5(body)")
    connection.executemany("INSERT INTO docs(body) VALUES (?)", ((doc.text,) for doc in documents))
    connection.commit()

    def hits(match: str, limit: int) -> list[str]:
        rows = connection.execute(
            "SELECT body FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?", (match, limit)
        ).fetchall()
        return [row[0] for row in rows]

    def ask(query: Query) -> str | None:
        terms = [f'"{t}"' for t in _terms(query.quote)]
        if query.kind == "exact":
            return _exact_in(query.quote, hits('"' + " ".join(_terms(query.quote)) + '"', 10))
        return _align(query.quote, hits(" OR ".join(terms), PEER_HITS))

    return ask, f"SQLite {sqlite3.sqlite_version} FTS5 + rapidfuzz partial_ratio_alignment"


SYSTEMS: dict[str, Callable[[Sequence[Document]], tuple[Ask, str]]] = {
    "claimtrack": _claimtrack,
    "tantivy + rapidfuzz": _tantivy,
    "SQLite FTS5 + rapidfuzz": _fts5,
}


def measure(name: str, documents: Sequence[Document], queries: Sequence[Query]) -> Row:
    """Build one system's index, then time every query and judge its answer."""
    row = Row(name)
    before = _rss()
    start = time.perf_counter()
    try:
        ask, row.note = SYSTEMS[name](documents)
    except ImportError as exc:
        row.note = f"skipped: {exc}"
        return row
    row.build_seconds = time.perf_counter() - start
    row.index_bytes = max(0, _rss() - before)
    for query in queries[:10]:
        ask(query)
    for query in queries:
        start = time.perf_counter()
        passage = ask(query)
        elapsed = time.perf_counter() - start
        right = found_right(query, passage)
        if query.kind == "exact":
            row.exact.append(elapsed)
            row.exact_right += right
        else:
            row.misquoted.append(elapsed)
            row.misquotes_found += right
    return row


def _percentile(values: Sequence[float], share: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def table(rows: Sequence[Row], documents: Sequence[Document]) -> Table:
    """The side-by-side table of the issue, with each figure's ratio to tantivy + rapidfuzz's."""
    chars = sum(len(doc.text) for doc in documents)
    out = Table(title=f"verify on real text: {len(documents):,} documents, {chars / 1e6:.1f} M characters")
    for column in (
        "system",
        "index build",
        "index memory",
        "exact p50",
        "exact p95",
        "exact right",
        "misquote p50",
        "misquote p95",
        "misquotes found",
    ):
        out.add_column(column, justify="left" if column == "system" else "right")
    for row in rows:
        n_exact, n_mis = len(row.exact), len(row.misquoted)
        out.add_row(
            row.system,
            f"{row.build_seconds:.2f} s",
            f"{row.index_bytes / 2**20:.0f} MB",
            f"{_percentile(row.exact, 0.5) * 1e3:.2f} ms",
            f"{_percentile(row.exact, 0.95) * 1e3:.2f} ms",
            f"{row.exact_right} / {n_exact}",
            f"{_percentile(row.misquoted, 0.5) * 1e3:.2f} ms",
            f"{_percentile(row.misquoted, 0.95) * 1e3:.2f} ms",
            f"{row.misquotes_found} / {n_mis}",
        )
    return out


def ratios(rows: Sequence[Row]) -> dict[str, float]:
    """claimtrack's figures over the peers' (the issue's targets): build and p50s against tantivy's."""
    by = {row.system: row for row in rows}
    ours, peer = by.get("claimtrack"), by.get("tantivy + rapidfuzz")
    if ours is None or peer is None or not peer.exact:
        return {}
    best_found = max(row.misquotes_found for row in rows)
    return {
        "index build / tantivy's (target <= 1.5)": ours.build_seconds / peer.build_seconds,
        "exact p50 / tantivy + rapidfuzz's (target <= 1)": _percentile(ours.exact, 0.5)
        / _percentile(peer.exact, 0.5),
        "misquote p50 / tantivy + rapidfuzz's (target <= 1)": _percentile(ours.misquoted, 0.5)
        / _percentile(peer.misquoted, 0.5),
        "misquotes found / best peer's (target >= 1)": ours.misquotes_found / best_found
        if best_found
        else 1.0,
    }


def run(folder: Path, *, count: int, seed: int, systems: Sequence[str], console: Console) -> list[Row]:
    """Read the corpus, draw the queries, measure each system; print progress on ``console``."""
    console.print(f"reading {folder}")
    documents = read_corpus(folder)
    console.print(f"{len(documents):,} documents; drawing {count} sentences")
    queries = make_queries(documents, count, seed)
    rows = []
    for name in systems:
        console.print(f"measuring {name}")
        rows.append(measure(name, documents, queries))
    return rows


def main(folder: Path, *, count: int, seed: int, systems: Sequence[str] | None = None) -> int:
    """Run and print the table and the target ratios; exit 0, or 2 on an unreadable corpus."""
    err = Console(stderr=True)
    out = Console(width=200)
    try:
        rows = run(folder, count=count, seed=seed, systems=list(systems or SYSTEMS), console=err)
    except (OSError, ValueError) as exc:
        err.print(f"[red]benchmarks: error:[/] {exc}")
        return 2
    documents = read_corpus(folder)
    out.print(table(rows, documents))
    for label, value in ratios(rows).items():
        out.print(f"{label}: {value:.2f}")
    for row in rows:
        if row.note:
            out.print(f"{row.system}: {row.note}")
    return 0
