"""Reading a source file and the people registry for extraction, and saving a proposal for curation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from claims.errors import InputError
from claims.extract.propose import Proposal, propose
from claims.jsonio import atomic_write, confined, decode_utf8, dumps, json_path, read_bytes, read_json
from claims.records import Person, source_stem
from claims.records.source import MAX_SOURCE_BYTES

"""Largest source document read (256 MiB), as for the dataset's sources."""


def read_source_text(path: Path) -> str:
    """The text of a source file, strictly decoded as UTF-8; anything else is an InputError."""
    data = read_bytes(path, limit=MAX_SOURCE_BYTES, what="source document")
    text = decode_utf8(data, str(path))
    if not text.strip():
        raise InputError(f"{path}: empty source document, expected text to read segments from")
    return text


def read_people(dataset: Path) -> list[Person]:
    """The people of ``dataset/people.json``; a malformed record is an InputError naming it."""
    path = dataset / "people.json"
    raw = read_json(path)
    if not isinstance(raw, list):
        raise InputError(f"{path}: expected a JSON list of people, found {type(raw).__name__}")
    people: list[Person] = []
    for index, item in enumerate(raw):
        try:
            people.append(Person.model_validate(item))
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            raise InputError(f"{path} {json_path((index, *first['loc']))}: {first['msg']}") from exc
    return people


@dataclass(frozen=True)
class Listing:
    """What ``dataset/sources.json`` says of a source the extractor reads: each field if it says it."""

    kind: str | None = None
    id_prefix: str | None = None
    date: dt.date | None = None
    title: str | None = None
    publisher: str | None = None


def listed_source(dataset: Path, source_file: str) -> Listing:
    """What ``dataset/sources.json`` gives the source named ``source_file`` (empty if it lists none)."""
    path = dataset / "sources.json"
    if not path.is_file():
        return Listing()
    records = read_json(path)
    if not isinstance(records, list):
        raise InputError(f"{path}: expected a JSON list of sources, found {type(records).__name__}")
    for record in records:
        if isinstance(record, dict) and record.get("file") == source_file:
            return Listing(
                kind=_text(record.get("kind")),
                id_prefix=_text(record.get("id_prefix")),
                date=_day(record.get("date")),
                title=_text(record.get("title")),
                publisher=_text(record.get("publisher")),
            )
    return Listing()


def listed_kind(dataset: Path, source_file: str) -> str | None:
    """The kind ``dataset/sources.json`` gives the source named ``source_file``, if it lists it."""
    return listed_source(dataset, source_file).kind


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _day(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def extract_file(
    path: Path, people: list[Person], kind: str | None = None, listing: Listing | None = None
) -> Proposal:
    """Propose segments for the source file at ``path`` (``listing``: what sources.json says of it)."""
    listing = listing or Listing()
    return propose(
        read_source_text(path),
        path.name,
        people,
        kind if kind is not None else listing.kind,
        id_prefix=listing.id_prefix,
        date=listing.date,
        title=listing.title,
        publisher=listing.publisher,
    )


def segments_path(dataset: Path, source_file: str) -> Path:
    """Where the curated segments of a source live: ``dataset/segments/<stem>.json`` (the name
    without ``.txt`` or ``.md``, as for every file of a source)."""
    return dataset / "segments" / f"{source_stem(Path(source_file).name)}.json"


def segments_bytes(proposal: Proposal) -> bytes:
    """The segments file content: the segment records, formatted like every dataset file."""
    return dumps([segment.model_dump(mode="json", exclude_none=True) for segment in proposal.segments])


def write_proposal(proposal: Proposal, dataset: Path, *, force: bool = False) -> Path:
    """Save the proposed segments atomically; an existing (curated) file is replaced only with ``force``."""
    if not dataset.is_dir():
        raise InputError(
            f"{dataset}: expected a dataset directory to write segments into; pass --dataset DIR"
        )
    target = segments_path(dataset, proposal.source_file)
    confined(dataset, target.relative_to(dataset).as_posix())  # a segments/ link leaving the tree is refused
    if target.exists() and not force:
        raise InputError(f"{target}: already exists (curated segments are kept); pass --force to replace it")
    atomic_write(target, segments_bytes(proposal), overwrite=force)
    return target
