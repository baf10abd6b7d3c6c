"""Reading a dataset directory or a release file into records, collecting per-record problems."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError

from claims._version import __version__
from claims.checksums import checksum_problem, listed_sha256, sha256_hex
from claims.codes import make_problem
from claims.collector import collector_paused
from claims.errors import InputError, UnsafePathError
from claims.jsonio import (
    confined,
    error_message,
    json_kind,
    json_path,
    not_utf8_message,
    parse_json,
    read_bytes,
    refuse_duplicate_keys,
    regular_file_problem,
)
from claims.problem import Problem
from claims.records import SCHEMA_VERSION, Claim, Event, Person, Release, Segment, Source, Subject
from claims.records.lazy import RecordList
from claims.records.release import SEMVER_PATTERN
from claims.records.source import MAX_SOURCE_BYTES

TOP_FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "people": ("people.json", Person),
    "subjects": ("subjects.json", Subject),
    "sources": ("sources.json", Source),
    "events": ("events.json", Event),
}
"""Collections kept in one file each under the dataset directory."""

PER_SOURCE_DIRS: dict[str, tuple[str, type[BaseModel]]] = {
    "segments": ("segments", Segment),
    "claims": ("claims", Claim),
}
"""Collections kept as one file per source under a folder of the dataset directory."""

_SEMVER = re.compile(SEMVER_PATTERN)
"""A release version (compiled once, at import)."""


@dataclass
class Loaded:
    """A release in memory, with the problems met while reading it and where each record came from."""

    release: Release
    problems: list[Problem] = field(default_factory=list)
    origins: dict[tuple[str, str], str] = field(default_factory=dict)
    root: Path | None = None
    single_origin: str | None = None
    """The one file every record came from (a release read in one pass), instead of ``origins``."""

    def origin(self, collection: str, record_id: str) -> str | None:
        """The file a record was read from."""
        return self.origins.get((collection, record_id), self.single_origin)


def collect_records(
    items: Any,
    model: type[BaseModel],
    *,
    collection: str,
    origin: str,
    loaded: Loaded,
    within: str = "$",
) -> list[Any]:
    """Validate each item of a JSON array as ``model``, strictly; an invalid one becomes a problem.

    ``within`` is the JSON path of the array in its file: ``$`` for a dataset file, which is the
    array, ``$.claims`` for a release. A value of the wrong JSON type is a problem naming its path
    and what was expected, never converted (``"759"`` is not an offset, ``"false"`` not a boolean).
    """
    if not isinstance(items, list):
        raise InputError(
            f"{origin}: {within}: expected an array of {collection} records, found {json_kind(items)}"
        )
    records: list[Any] = []
    for index, item in enumerate(items):
        record_id = item.get("id") if isinstance(item, dict) else None
        ident = str(record_id) if record_id is not None else f"{collection}[{index}]"
        try:
            record = model.model_validate(item, strict=True)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                where = json_path((index, *err["loc"]), within)
                loaded.problems.append(
                    make_problem(
                        "record-invalid",
                        f"{origin} {where}: {collection} record {ident!r}: {error_message(err)}",
                        [ident],
                        file=origin,
                        path=where,
                    )
                )
            continue
        records.append(record)
        loaded.origins.setdefault((collection, ident), origin)
    return records


def _fields(parts: dict[str, list[Any]]) -> dict[str, Any]:
    """Collections for ``Release.model_construct`` (typed loosely: records were validated one by one)."""
    return dict(parts)


def _read_source_text(root: Path, source: Source, loaded: Loaded) -> str | None:
    """Decode a source's bytes from ``root/sources``; trouble becomes a problem naming the file."""
    origin = f"sources/{source.file}"
    try:
        path = confined(root, source.file, under="sources")
    except UnsafePathError as exc:
        loaded.problems.append(make_problem("unsafe-path", f"source {source.id!r}: {exc}", [source.id]))
        return None
    trouble = regular_file_problem(path, "source document")
    if trouble is not None:
        found = trouble.rsplit("found ", 1)[-1] if "found " in trouble else "none"
        loaded.problems.append(
            make_problem(
                "source-file-missing",
                f"source {source.id!r}: expected the file {origin}, found {found}",
                [source.id],
                file=origin,
            )
        )
        return None
    data = read_bytes(path, limit=MAX_SOURCE_BYTES, what="source document")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        loaded.problems.append(
            make_problem(
                "source-not-utf8",
                not_utf8_message(data, origin, exc.start, f"offset {exc.start}"),
                [source.id],
                file=origin,
            )
        )
        return None


def empty_release(version: str) -> Release:
    """A release of ``version`` holding no records: what reading starts from before it fills one."""
    return Release(
        name="claimtrack",
        version=version,
        schema_version=SCHEMA_VERSION,
        people=[],
        subjects=[],
        sources=[],
        segments=[],
        events=[],
        claims=[],
    )


def read_dataset(root: Path) -> Loaded:
    """Read a dataset directory (``people.json``, ``sources/``, ``claims/``, ...) as a release."""
    if not root.is_dir():
        raise InputError(f"{root}: expected a dataset directory")
    loaded = Loaded(release=empty_release(__version__), root=root)
    parts: dict[str, list[Any]] = {}
    for collection, (name, model) in TOP_FILES.items():
        path = _dataset_file(root, name)
        parts[collection] = collect_records(
            _read_records_file(path, collection, shown=root / name),
            model,
            collection=collection,
            origin=name,
            loaded=loaded,
        )
    for collection, (folder, model) in PER_SOURCE_DIRS.items():
        records: list[Any] = []
        directory = root / folder
        if directory.is_dir():
            for path in sorted(directory.glob("*.json")):
                origin = f"{folder}/{path.name}"
                try:
                    inside = confined(root, path.name, under=folder)
                except UnsafePathError as exc:
                    loaded.problems.append(
                        make_problem("unsafe-path", f"{origin}: {exc}; not read", [origin], file=origin)
                    )
                    continue
                records.extend(
                    collect_records(
                        _read_records_file(inside, collection, shown=root / origin),
                        model,
                        collection=collection,
                        origin=origin,
                        loaded=loaded,
                    )
                )
        parts[collection] = records
    sources = []
    for source in parts["sources"]:
        text = _read_source_text(root, source, loaded)
        sources.append(source.model_copy(update={"text": text}))
    parts["sources"] = sources
    loaded.release = Release.model_construct(
        name="claimtrack", version=__version__, schema_version=SCHEMA_VERSION, **_fields(parts)
    )
    return loaded


def _dataset_file(root: Path, name: str) -> Path:
    """A file of the dataset directory, refused (exit 2) when a link takes it outside the dataset."""
    try:
        return confined(root, name)
    except UnsafePathError as exc:
        raise UnsafePathError(f"{root / name}: {exc}; every file of a dataset must lie inside it") from exc


def _read_records_file(path: Path, collection: str, *, shown: Path) -> Any:
    """The parsed array of a dataset file (``path`` resolved, ``shown`` as the user names it): a
    regular file, an array at the top, no key given twice."""
    return parse_json(
        _read_at(path, shown),
        origin=str(shown),
        check_duplicates=True,
        expected="an array",
        what=f"{collection} records",
    )


def _read_at(path: Path, shown: Path) -> bytes:
    """Read the resolved ``path``, naming ``shown`` (where the user sees the file) in any error."""
    try:
        return read_bytes(path, what="JSON file", expect_json=True)
    except InputError as exc:
        if path == shown:
            raise
        raise InputError(str(exc).replace(str(path), str(shown), 1)) from exc


def read_release_file(path: Path) -> Loaded:
    """Read a release JSON file and check every record; see ``release_from_bytes``.

    When ``SHA256SUMS`` beside the file lists it, the file must match: a mismatch is reported as
    a ``release-checksum-mismatch`` problem, and only a file that matches skips the duplicate-key
    scan (``claims release`` never writes a repeated key).
    """
    data = read_bytes(path, what="JSON file", expect_json=True)
    expected = listed_sha256(path)
    found = sha256_hex(data) if expected is not None else None
    vouched = expected is not None and found == expected
    loaded = release_from_bytes(data, origin=str(path), check_duplicates=not vouched)
    if expected is not None and found is not None and not vouched:
        loaded.problems.insert(0, checksum_problem(path.name, str(path), expected, found))
    return loaded


def release_from_bytes(data: bytes, *, origin: str, check_duplicates: bool = True) -> Loaded:
    """Parse release bytes (from a file or package data) into typed records, checking every one.

    The bytes are parsed once by orjson, the envelope checked, and the fast path lets pydantic-core
    validate the whole release in one call (strictly, as every file is read). Only when that
    fails is the parse read leniently (``release_from_json``), which reports every bad record
    with its id and JSON path, or says plainly what is wrong with the file. (Parsing first with
    orjson, not ``model_validate_json``, keeps a hostile file to one parse tree: pydantic-core's
    own tree of 200 MB of nested arrays is some 2.5 times orjson's.) ``check_duplicates`` also
    refuses a JSON object with a repeated key (which orjson silently resolves to its last value);
    the scan runs once no other parse tree is held.
    """
    with collector_paused():
        raw = parse_json(data, origin=origin, expected="an object", what="a release")
        check_envelope(raw, origin)  # the shape first: no duplicate scan of what is no release
        try:
            release: Release | None = Release.model_validate(raw, strict=True)
        except ValidationError:
            release = None
        if release is None:
            if check_duplicates:  # the scan builds a tree of its own: never two trees at once
                del raw
                refuse_duplicate_keys(data, origin=origin)
                raw = parse_json(data, origin=origin)
            return release_from_json(raw, origin=origin)
        del raw
    if check_duplicates:
        refuse_duplicate_keys(data, origin=origin)
    return Loaded(release=release, single_origin=origin)


def release_lazily(data: bytes, *, origin: str) -> Loaded:
    """Parse release bytes a checksum vouches for; each record is validated when first read.

    Only the envelope (name, version, schema version, six lists) is checked here, at the cost of
    ``orjson.loads`` alone; the collections are ``RecordList`` s of the parsed objects
    (``claims.records.lazy``). Callers must have checked the bytes against a trusted sha256.
    """
    with collector_paused():
        raw = parse_json(data, origin=origin, expected="an object", what="a release")
    version, schema_version = check_envelope(raw, origin)
    collections: dict[str, RecordList[Any]] = {}
    for collection, (_, model) in {**TOP_FILES, **PER_SOURCE_DIRS}.items():
        items = raw[collection]
        collections[collection] = RecordList(model, items, collection=collection, origin=origin)
    fields: dict[str, Any] = {"name": "claimtrack", "version": version, "schema_version": schema_version}
    release = Release.model_construct(**fields | collections)
    return Loaded(release=release, single_origin=origin)


def check_envelope(raw: Any, origin: str) -> tuple[str, int]:
    """The version and schema version of a parsed release, after checking its top-level shape."""
    if not isinstance(raw, dict):
        raise InputError(f"{origin}: expected an object (a release), found {json_kind(raw)}")
    expected = {"name", "version", "schema_version", *TOP_FILES, *PER_SOURCE_DIRS}
    missing = sorted(expected - raw.keys())
    extra = sorted(raw.keys() - expected)
    if missing or extra:
        raise InputError(
            f"{origin}: not a claimtrack release: missing keys {missing}, unexpected keys {extra}"
        )
    if raw["name"] != "claimtrack":
        raise InputError(f"{origin}: $.name: expected the string 'claimtrack', found {_shown(raw['name'])}")
    schema_version = raw["schema_version"]
    if not isinstance(schema_version, int) or isinstance(schema_version, bool) or schema_version < 1:
        raise InputError(
            f"{origin}: $.schema_version: expected a positive integer, found {_shown(schema_version)}"
        )
    if schema_version > SCHEMA_VERSION:
        raise InputError(
            f"{origin}: written in schema version {schema_version}, but this claimtrack "
            f"{__version__} reads schema versions up to {SCHEMA_VERSION}; upgrade claimtrack"
        )
    version = raw["version"]
    if not isinstance(version, str) or _SEMVER.fullmatch(version) is None:
        raise InputError(f"{origin}: $.version: expected a semver version X.Y.Z, found {_shown(version)}")
    for collection in (*TOP_FILES, *PER_SOURCE_DIRS):
        if type(raw[collection]) is not list:
            raise InputError(
                f"{origin}: $.{collection}: expected an array of {collection} records, "
                f"found {json_kind(raw[collection])}"
            )
    return version, schema_version


def _shown(value: Any) -> str:
    """A scalar found where another was expected: its JSON type and, short, its JSON text."""
    if isinstance(value, dict | list):
        return json_kind(value)
    text = orjson.dumps(value).decode()
    return f"{json_kind(value)} {text if len(text) <= 40 else text[:37] + '...'}"


def release_from_json(raw: Any, *, origin: str) -> Loaded:
    """Build a release from parsed JSON, checking the envelope before the records."""
    version, schema_version = check_envelope(raw, origin)
    empty = empty_release("0.0.0")
    loaded = Loaded(release=empty)
    parts: dict[str, list[Any]] = {}
    for collection, (_, model) in {**TOP_FILES, **PER_SOURCE_DIRS}.items():
        parts[collection] = collect_records(
            raw[collection],
            model,
            collection=collection,
            origin=origin,
            loaded=loaded,
            within=f"$.{collection}",
        )
    loaded.release = Release.model_construct(
        name="claimtrack", version=version, schema_version=schema_version, **_fields(parts)
    )
    return loaded
