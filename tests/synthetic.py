"""The one writer of synthetic dataset directories: records (as JSON-ready dicts) and source texts to files.

Every small dataset the tests build on disk is written here, in the layout ``claims.reading`` reads:
``sources/<file>``, ``sources.json``, ``people.json``, ``subjects.json``, ``events.json``, and one
``claims/<stem>.json`` (and, when segments are given, ``segments/<stem>.json``) per source file. The
records themselves come from the support module of each family of tests: the one-source dataset of
the release tests (``release_support.synthetic_dataset``), the dataset full of markup of the web
tests (``web_support.hostile_dataset``); any ``Release`` in memory (the two-source release of the
verify tests, ``verify_support.synthetic_release``, or one Hypothesis draws with
``strategies.valid_datasets``) is written by ``release_as_dataset``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from claims.jsonio import dumps
from claims.records import Release
from claims.records.source import source_stem

Records = list[dict[str, Any]]


def write_json(path: Path, value: Any) -> None:
    """Write JSON the way the dataset's files are written (sorted keys, two-space indent)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(dumps(value))


def sha256_of(text: str) -> str:
    """The sha256 a source record lists for ``text``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_dataset(
    dataset: Path,
    *,
    texts: dict[str, str],
    sources: Records,
    people: Records,
    subjects: Records,
    events: Records,
    claims: dict[str, Records],
    segments: dict[str, Records] | None = None,
) -> Path:
    """Write a dataset directory at ``dataset`` and return it.

    ``texts`` maps each source file name to its text (written as UTF-8); ``claims`` and
    ``segments`` map a source file name to the records of its file, written as given (a test may
    file a record under a source it does not name). ``segments=None`` writes no ``segments/``.
    """
    (dataset / "sources").mkdir(parents=True)
    for name, text in texts.items():
        (dataset / "sources" / name).write_bytes(text.encode("utf-8"))
    write_json(dataset / "sources.json", sources)
    write_json(dataset / "people.json", people)
    write_json(dataset / "subjects.json", subjects)
    write_json(dataset / "events.json", events)
    for name, records in (segments or {}).items():
        write_json(dataset / "segments" / f"{source_stem(name)}.json", records)
    for name, records in claims.items():
        write_json(dataset / "claims" / f"{source_stem(name)}.json", records)
    return dataset


def release_as_dataset(release: Release, dataset: Path) -> Path:
    """Write the records of ``release`` (every source with its text) as the dataset directory ``dataset``."""

    def dump(records: Sequence[BaseModel]) -> Records:
        return [r.model_dump(mode="json", exclude_none=True) for r in records]

    def by_source(records: Sequence[Any]) -> dict[str, Records]:
        return {s.file: dump([r for r in records if r.source_file == s.file]) for s in release.sources}

    return write_dataset(
        dataset,
        texts={source.file: source.text or "" for source in release.sources},
        sources=dump([s.model_copy(update={"text": None}) for s in release.sources]),
        people=dump(release.people),
        subjects=dump(release.subjects),
        events=dump(release.events),
        segments=by_source(release.segments),
        claims=by_source(release.claims),
    )
