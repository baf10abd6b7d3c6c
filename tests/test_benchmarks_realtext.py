"""The real-text benchmark (``python -m benchmarks --corpus DIR``): its corpus, queries, judging and peers.

No timing is asserted: what is checked is that each system answers every query and is judged
by the passage it returns.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import realtext

SENTENCES = [
    "The President spoke with the President of France about the partnership between our countries today.",
    "They agreed to consult closely on every question that touches the security of their allies in Europe.",
    "The two leaders decided to open a process of in-depth consultations to create the conditions for trust.",
    "The French Ambassador will return to Washington next week to begin intensive work with senior officials.",
    "We will continue to work with our partners in the region on the questions that matter to all of us.",
    "The Vice President will travel to Paris in November to attend the Paris Peace Forum with other leaders.",
]


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for number, sentence in enumerate(SENTENCES):
        body = f"---\ndate: '2021-09-{number + 10:02d}'\ntitle: Document {number}\n---\n\n{sentence}\n"
        (folder / f"doc-{number}.md").write_text(body, encoding="utf-8")
    (folder / "ignored.json").write_text("{}", encoding="utf-8")
    return folder


def test_release_of_the_corpus_has_one_source_and_one_segment_per_file(tmp_path: Path) -> None:
    documents = realtext.read_corpus(_corpus(tmp_path / "corpus"))
    release = realtext.release_of(documents)
    assert [s.file for s in release.sources] == [d.file for d in documents]
    assert len(documents) == len(SENTENCES)
    assert [(s.span.start, s.span.end) for s in release.segments] == [(0, len(d.text)) for d in documents]
    assert str(release.sources[0].date) == "2021-09-10"


def test_misquotes_are_never_verbatim_in_the_corpus(tmp_path: Path) -> None:
    documents = realtext.read_corpus(_corpus(tmp_path / "corpus"))
    queries = realtext.make_queries(documents, 4, seed=1)
    assert [q.kind for q in queries] == ["exact", "misquoted"] * 4
    everything = " ".join(realtext.plain(d.text) for d in documents)
    for query in queries:
        assert realtext.plain(query.original) in everything
        if query.kind == "misquoted":
            assert realtext.plain(query.quote) not in everything


@pytest.mark.parametrize("system", sorted(realtext.SYSTEMS))
def test_each_system_finds_every_exact_sentence(tmp_path: Path, system: str) -> None:
    if system.startswith("tantivy"):
        pytest.importorskip("tantivy")
    documents = realtext.read_corpus(_corpus(tmp_path / "corpus"))
    queries = realtext.make_queries(documents, 4, seed=2)
    row = realtext.measure(system, documents, queries)
    assert not row.note.startswith("skipped"), row.note
    assert len(row.exact) == len(row.misquoted) == 4
    assert row.exact_right == 4
    assert row.index_bytes >= 0


def test_a_passage_is_judged_by_its_words_not_its_file() -> None:
    query = realtext.Query("exact", "It’s  the same sentence.", "It's the same sentence.")
    assert realtext.found_right(query, "it's the same sentence.")
    assert not realtext.found_right(query, "it's another sentence.")
    assert not realtext.found_right(query, None)
    misquote = realtext.Query(
        "misquoted", "the two leaders decided to close", "the two leaders decided to open"
    )
    assert realtext.found_right(misquote, "the two leaders decided to open")
    assert not realtext.found_right(misquote, "an unrelated passage about something")


def test_an_unreadable_corpus_is_refused_with_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "latin1.txt").write_bytes("café".encode("latin-1"))
    root = Path(__file__).resolve().parents[1]
    for folder in (empty, bad):
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks", "--corpus", str(folder)],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
