"""A release's layout manifest: where each top-level value, and each source's run of claims and segments, lies.

``claims release`` writes ``claimtrack-X.Y.Z.layout.json`` beside ``claimtrack-X.Y.Z.json`` and
lists it in ``SHA256SUMS``; the workers of ``claims validate`` read their byte ranges from it
instead of parsing the whole file (``claims.validation.parallel``). The manifest is found, not
guessed: :func:`layout_of` lays the canonical bytes out again value by value (the writer's own
``orjson`` options) and keeps the offsets only where every byte agrees.

A manifest is used only when it is vouched for (:func:`trusted_layout`: listed in ``SHA256SUMS``
with its true sha256, naming the release and the release's sha256), and even then each worker
checks what it relies on (:meth:`ReleaseLayout.frames`, :meth:`ReleaseLayout.runs_of`); a manifest
that fails sends the file to the whole-file path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from claims.checksums import hash_mismatch, sha256_hex
from claims.errors import InputError
from claims.jsonio import DUMP_OPTIONS, dumps, read_bytes

LAYOUT_SUFFIX = ".layout.json"
"""``claimtrack-X.Y.Z.json``'s manifest is ``claimtrack-X.Y.Z.layout.json``."""

PER_SOURCE = ("claims", "segments")
"""The collections whose runs of records, one source at a time, the manifest lists."""

MAX_LAYOUT_BYTES = 64 * 1024**2
"""Largest manifest read (a run is about 100 bytes: this is far beyond any release)."""

_EMPTY: bytes = b"[]"
_ELEMENT_OPTIONS = DUMP_OPTIONS & ~orjson.OPT_APPEND_NEWLINE
_OPEN, _NEXT, _INDENT, _CLOSE_RUNS, _END = b"[\n", b",\n", b"    ", b"\n  ]", b"\n}\n"


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Run(_Frozen):
    """Consecutive records of one source: the bytes of their elements, from the first's ``{`` to the last's ``}``."""

    end: int = Field(ge=0, description="Offset just past the last record's closing brace.")
    records: int = Field(ge=1, description="How many records the run holds.")
    source_file: str = Field(description="The source file every record of the run names.")
    start: int = Field(ge=0, description="Offset of the first record's opening brace.")


class Member(_Frozen):
    """A member of the release's top-level object: the byte range of its value."""

    end: int = Field(ge=0, description="Offset just past the value's last byte.")
    key: str = Field(description="The member's key (a collection, or name, schema_version, version).")
    runs: list[Run] | None = Field(
        description="For claims and segments: each source's run of records, in file order; else null."
    )
    start: int = Field(ge=0, description="Offset of the value's first byte.")


class ReleaseLayout(_Frozen):
    """Where the records of one release file lie (byte offsets, ends exclusive)."""

    format: Literal[1] = Field(description="The version of this manifest's shape.")
    members: list[Member] = Field(description="Every member of the top-level object, in file order.")
    release: str = Field(description="The release file's name.")
    release_bytes: int = Field(ge=0, description="The release file's size.")
    release_sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="The release file's sha256.")

    def frames(self, data: bytes) -> bool:
        """True when the ranges tile ``data`` as the canonical writer lays a release out.

        Every byte between two ranges must be exactly the writer's (``{\\n  "key": ``, ``,\\n  "key": ``,
        ``[\\n    `` before a first run, ``,\\n    `` between runs, ``\\n  ]``, ``\\n}\\n``), each key once: the values and runs then hold every other
        byte of the file, and a file whose values and runs each parse on their own parses to them.
        """
        if len(data) != self.release_bytes or not self.members:
            return False
        keys = [member.key for member in self.members]
        if len(set(keys)) != len(keys):
            return False
        view = memoryview(data)
        done = 0
        for number, member in enumerate(self.members):
            head = (b"{\n" if number == 0 else b",\n") + b"  " + orjson.dumps(member.key) + b": "
            if view[done : member.start] != head or member.end < member.start:
                return False
            if member.runs is not None and not _runs_frame(view, member):
                return False
            done = member.end
        return view[done:] == _END

    def value(self, data: bytes, key: str) -> Any:
        """The parsed value of member ``key`` (``orjson.JSONDecodeError`` when its bytes are not one value)."""
        member = next(member for member in self.members if member.key == key)
        return orjson.loads(memoryview(data)[member.start : member.end])

    def weights(self) -> dict[str, int]:
        """Claims and segments per source file, from the runs."""
        counts: dict[str, int] = {}
        for member in self.members:
            for run in member.runs or ():
                counts[run.source_file] = counts.get(run.source_file, 0) + run.records
        return counts

    def sources(self) -> set[str]:
        """Every source file a run names."""
        return {run.source_file for member in self.members for run in member.runs or ()}

    def runs_in(self, key: str, files: Iterable[str]) -> list[Run] | None:
        """The runs of collection ``key`` that hold records of ``files``, in file order (``None`` when
        the manifest lists no runs for ``key``)."""
        member = next((member for member in self.members if member.key == key), None)
        if member is None or member.runs is None:
            return None
        wanted = set(files)
        return [run for run in member.runs if run.source_file in wanted]

    def runs_of(self, data: bytes, key: str, files: Iterable[str]) -> list[Any] | None:
        """The records of collection ``key`` in the runs of ``files``, in file order.

        Each run must parse on its own to exactly its count of objects, each naming the run's
        source; ``None`` when one does not (a manifest that does not describe the file).
        """
        runs = self.runs_in(key, files)
        if runs is None:
            return None
        view = memoryview(data)
        return records_of_runs([(run, view[run.start : run.end]) for run in runs])


def records_of_runs(pieces: Iterable[tuple[Run, bytes | memoryview]]) -> list[Any] | None:
    """The records of runs read at their byte ranges, in order; ``None`` when a run's bytes do not parse
    to exactly its count of objects, each naming the run's source."""
    records: list[Any] = []
    for run, chunk in pieces:
        try:
            parsed = orjson.loads(b"".join((b"[", chunk, b"]")))
        except orjson.JSONDecodeError:
            return None
        if len(parsed) != run.records or not all(
            type(record) is dict and record.get("source_file") == run.source_file for record in parsed
        ):
            return None
        records.extend(parsed)
    return records


def _runs_frame(view: memoryview, member: Member) -> bool:
    """True when ``member``'s runs tile its array as the writer lays it out (``[]`` when it has none)."""
    runs = member.runs or []
    if not runs:
        return view[member.start : member.end] == _EMPTY
    done = member.start
    for number, run in enumerate(runs):
        if view[done : run.start] != (_OPEN if number == 0 else _NEXT) + _INDENT or run.end <= run.start:
            return False
        done = run.end
    return view[done : member.end] == _CLOSE_RUNS


def layout_name(release_name: str) -> str:
    """The manifest's file name beside ``release_name`` (``claimtrack-2.0.0.json`` -> ``claimtrack-2.0.0.layout.json``)."""
    return f"{release_name.removesuffix('.json')}{LAYOUT_SUFFIX}"


def is_layout_name(name: str) -> bool:
    """True for a manifest's file name."""
    return name.endswith(LAYOUT_SUFFIX)


def _indented(value: Any, spaces: int) -> bytes:
    """``value`` as the writer writes it ``spaces`` deep (a raw line break is never inside a JSON string)."""
    return orjson.dumps(value, option=_ELEMENT_OPTIONS).replace(b"\n", b"\n" + b" " * spaces)


def layout_of(data: bytes, name: str) -> ReleaseLayout | None:
    """The layout of release bytes as ``claims.canonical.release_bytes`` writes them; ``None`` for any
    other bytes (not an object, other whitespace or key order, a claim or segment naming no source file).

    Each value, and each element of the claims and segments, is written again with the writer's
    options and must equal the file's bytes where it is placed: the offsets are the writer's own.
    """
    try:
        raw = orjson.loads(data)
    except orjson.JSONDecodeError:
        return None
    if type(raw) is not dict or not raw:
        return None
    view = memoryview(data)
    done = 0

    def take(piece: bytes) -> bool:
        nonlocal done
        matches = view[done : done + len(piece)] == piece
        done += len(piece)
        return matches

    members: list[Member] = []
    for number, (key, value) in enumerate(raw.items()):
        if not take((b"{\n" if number == 0 else b",\n") + b"  " + orjson.dumps(key) + b": "):
            return None
        start = done
        runs: list[Run] | None = None
        if key in PER_SOURCE:
            if type(value) is not list:
                return None
            runs = _element_runs(value, take, lambda: done) if value else [] if take(_EMPTY) else None
            if runs is None:
                return None
        elif not take(_indented(value, 2)):
            return None
        members.append(Member(key=key, start=start, end=done, runs=runs))
    if not take(_END) or done != len(data):
        return None
    return ReleaseLayout(
        format=1, members=members, release=name, release_bytes=len(data), release_sha256=sha256_hex(data)
    )


def _element_runs(
    elements: list[Any], take: Callable[[bytes], bool], position: Callable[[], int]
) -> list[Run] | None:
    """Take a non-empty array's elements, one a line, and group them in runs of one source file."""
    if not take(_OPEN):
        return None
    runs: list[list[Any]] = []  # [source_file, start, end, records]
    for number, element in enumerate(elements):
        if number and not take(_NEXT):
            return None
        start = position() + len(_INDENT)
        if not take(_INDENT + _indented(element, 4)):
            return None
        source = element.get("source_file") if type(element) is dict else None
        if type(source) is not str:
            return None
        if runs and runs[-1][0] == source:
            runs[-1][2] = position()
            runs[-1][3] += 1
        else:
            runs.append([source, start, position(), 1])
    if not take(_CLOSE_RUNS):
        return None
    return [
        Run(source_file=source, start=start, end=end, records=count) for source, start, end, count in runs
    ]


def layout_bytes(layout: ReleaseLayout) -> bytes:
    """The manifest's bytes (sorted keys, two-space indent, as every JSON file of a release)."""
    return dumps(layout.model_dump(mode="json"))


def trusted_layout(release: Path, sums: dict[str, str]) -> ReleaseLayout | None:
    """The manifest beside ``release`` when it may be used: listed in ``sums`` (``SHA256SUMS``) with
    the sha256 of its bytes, and naming ``release`` and the sha256 ``sums`` lists for it. Else ``None``
    (missing, unlisted, altered, stale or not a manifest): the release is then parsed whole.

    That the release's bytes have that sha256 is for the caller to check (it hashes them anyway).
    """
    listed = sums.get(release.name)
    path = release.with_name(layout_name(release.name))
    digest = sums.get(path.name)
    if listed is None or digest is None or not path.is_file():
        return None
    try:
        data = read_bytes(path, limit=MAX_LAYOUT_BYTES, what="layout manifest")
    except InputError:
        return None
    if hash_mismatch(data, digest) is not None:
        return None
    try:
        layout = ReleaseLayout.model_validate_json(data, strict=True)
    except ValidationError:
        return None
    if layout.release != release.name or layout.release_sha256 != listed:
        return None
    return layout
