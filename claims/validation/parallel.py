"""Validating a release file source by source on several cores: the pipeline's map step in shares.

The checks are functions of one source (``pipeline.PER_SOURCE_CHECKS``), so a large release is
split into shares of sources of about equal size, each checked by a worker forked before the
parse (``claims.executors.ForkedPool``). Where ``claims release`` wrote a layout manifest beside
the file and ``SHA256SUMS`` vouches for it (``claims.layout``), a worker parses only the shared
records and its own sources' runs of claims and segments, read at the manifest's byte ranges
(``check_piece``); else it parses the whole file and keeps its run of sources (``check_share``).
Each share then goes through ``pipeline.map_step`` and the outcomes through
``pipeline.reduce_step``, as a dataset directory does. Meanwhile this process hashes the file for
``SHA256SUMS`` (and for the manifest, which names the sha256 of the file it describes). Why
workers parse rather than share one parse: docs/performance.md.

This covers the common case: every record fits its model, ids are unique and every claim and
segment names a source of the release. Anything else is read again by the one-process path
(``pipeline.validate_loaded``), which reports every bad record; both paths give the same report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from claims.checksums import checksum_problem, read_sums, sha256_hex
from claims.errors import InputError
from claims.executors import Executor, can_fork, cores, executor_for, keep
from claims.jsonio import BOM, read_bytes, refuse_duplicate_keys, refuse_top_level, top_level_kind
from claims.layout import PER_SOURCE, ReleaseLayout, trusted_layout
from claims.reading import Loaded, check_envelope, read_release_file
from claims.records import Claim, Release, Segment
from claims.records.lazy import list_adapter
from claims.validation import integrity
from claims.validation.context import Shared
from claims.validation.integrity import is_plain_file_name
from claims.validation.pipeline import (
    Outcome,
    checked_files,
    map_step,
    reduce_step,
    shared_of,
    validate_loaded,
)
from claims.validation.report import Report

MIN_BYTES_PER_JOB = 4 * 1024**2
"""Release bytes a worker must have to be worth forking (about 3,000 claims with their sources)."""

MAX_JOBS = 8
"""The most workers started when the number of jobs is left to ``claims validate``."""


def default_jobs() -> int:
    """The cores this process may run on (at most ``MAX_JOBS``), where forking is safe; else 1."""
    return max(1, min(MAX_JOBS, cores())) if can_fork() else 1


@dataclass
class Split:
    """A parsed release: its shared records validated, its claims and segments still raw."""

    loaded: Loaded
    shared: Shared
    raw: dict[str, list[Any]]
    """``claims`` and ``segments``, as parsed."""
    files: dict[str, list[str]]
    """``claims`` and ``segments``: the source file of each record, in order."""
    ids: dict[str, list[str]]
    """``claims`` and ``segments``: the id of each record, in order."""

    def runs(self, jobs: int) -> list[list[str]]:
        """The checked sources in ``jobs`` consecutive runs of about equal size (the same in every process)."""
        weights = Counter(self.files["claims"]) + Counter(self.files["segments"])
        return runs_of(checked_files(self.shared), weights, jobs)

    def check(self, run: Sequence[str], *, first: bool) -> Outcome | None:
        """The map step over a run of sources, validating their raw records source by source (the
        ``first`` share also checks the shared records); ``None`` when a record does not fit its model."""
        mine = set(run)
        grouped: dict[str, dict[str, list[Any]]] = {}
        for collection in PER_SOURCE:
            by_file: dict[str, list[Any]] = {}
            grouped[collection] = by_file
            for record, file_name in zip(self.raw[collection], self.files[collection], strict=True):
                if file_name in mine:
                    by_file.setdefault(file_name, []).append(record)

        def records_of(file_name: str) -> tuple[list[Claim], list[Segment]]:
            claims: list[Claim] = list_adapter(Claim).validate_python(
                grouped["claims"].pop(file_name, []), strict=True
            )
            segments: list[Segment] = list_adapter(Segment).validate_python(
                grouped["segments"].pop(file_name, []), strict=True
            )
            return claims, segments

        try:
            return map_step(self.loaded, self.shared, run, records_of, first=first)
        except ValidationError:
            return None


def validate_release_file(
    path: Path,
    *,
    jobs: int | None = None,
    select: frozenset[str] | None = None,
    ignore: frozenset[str] = frozenset(),
) -> Report:
    """The report on a release file, checked by up to ``jobs`` processes (default: one per core).

    Each worker parses only its sources' claims and segments where a layout manifest vouched for
    by ``SHA256SUMS`` says where they lie (``claims.layout``), else the whole file; a manifest
    that does not describe the file sends it to the whole-file workers, and a record the workers
    cannot judge to the one-process path.
    """
    origin = str(path)
    data = read_bytes(path, what="JSON file")
    if not data.startswith(BOM):  # a document that is no object is refused from its first byte
        refuse_top_level(data, origin=origin, expected="an object", what="a release")
    if data.startswith(BOM) or top_level_kind(data) != "an object":  # read by the one-process path
        del data
        return validate_loaded(read_release_file(path), select=select, ignore=ignore)
    sums = read_sums(path.parent)
    expected = sums.get(path.name)
    jobs = _jobs_for(len(data), jobs)
    layout = trusted_layout(path, sums) if jobs > 1 else None
    whole = partial(check_share, data, origin, jobs=jobs)
    work = partial(check_piece, data, origin, layout, jobs=jobs) if layout is not None else whole
    # the workers are forked before the hashing thread starts: a fork copies only the calling thread
    with executor_for(jobs).start(work, jobs) as started, ThreadPoolExecutor(max_workers=1) as pool:
        digest = pool.submit(sha256_hex, data) if expected is not None else None
        outcomes = finished(started.results())
        found = digest.result() if digest is not None else None
    if layout is not None:
        # the manifest describes the bytes it names: these, only if they hash to that sha256
        outcomes = joined_pieces(outcomes) if found == layout.release_sha256 else None
        if outcomes is None:  # a manifest that does not describe the file: the whole file in every worker
            outcomes = _map(executor_for(jobs), whole, jobs)
    if outcomes is None:  # the one-process path reads the file again: drop these bytes first
        del work, whole, data
        return validate_loaded(read_release_file(path), select=select, ignore=ignore)
    return reduced(data, path, outcomes, expected, found, select=select, ignore=ignore)


def reduced(
    data: bytes,
    path: Path,
    outcomes: list[Outcome],
    expected: str | None,
    found: str | None,
    *,
    select: frozenset[str] | None,
    ignore: frozenset[str],
) -> Report:
    """The report from every share's outcome: the duplicate-key scan unless ``SHA256SUMS`` vouches for
    the bytes (``expected``, the sha256 it lists; ``found``, theirs), its mismatch first, then the reduce step."""
    origin = str(path)
    if expected is None or found != expected:  # only claims release's own output may skip the scan
        refuse_duplicate_keys(data, origin=origin)
    mismatch = (
        [checksum_problem(path.name, origin, expected, found or "")]
        if expected is not None and found != expected
        else []
    )
    return reduce_step(outcomes, before=mismatch, select=select, ignore=ignore)


def _map(executor: Executor, work: Checked, count: int) -> list[Outcome] | None:
    """Every share's outcome; ``None`` when one was lost or found a record it cannot judge."""
    with executor.start(work, count) as started:
        return finished(started.results())


def finished(outcomes: list[Outcome | None] | None) -> list[Outcome] | None:
    """Every share's outcome; ``None`` when a worker was lost or found a record it cannot judge."""
    if outcomes is None:
        return None
    done = [outcome for outcome in outcomes if outcome is not None]
    return done if len(done) == len(outcomes) else None


def joined_pieces(outcomes: list[Outcome] | None) -> list[Outcome] | None:
    """The pieces' outcomes, once no id is held by two pieces and a reference to a claim that
    another piece holds is no longer reported unknown; ``None`` when a piece failed or an id repeats."""
    if outcomes is None:
        return None
    every: dict[str, frozenset[str]] = {}
    for collection in PER_SOURCE:
        held = [outcome.ids.get(collection, []) for outcome in outcomes]
        every[collection] = frozenset().union(*held)
        if len(every[collection]) != sum(map(len, held)):
            return None  # the one-process path reports the repeated id
    for outcome in outcomes:
        outcome.problems = [
            problem
            for problem in outcome.problems
            if not integrity.resolved_claim_reference(problem, every["claims"])
        ]
    return outcomes


def _jobs_for(size: int, jobs: int | None) -> int:
    """How many processes to check a release of ``size`` bytes with (one when it is too small to gain,
    or where forking is not safe)."""
    if not can_fork():
        return 1
    if jobs is not None:
        return jobs
    return max(1, min(default_jobs(), size // MIN_BYTES_PER_JOB))


def check_share(data: bytes, origin: str, index: int, jobs: int) -> Outcome | None:
    """The ``index``-th of ``jobs`` shares of a release, parsed whole; the first also checks the shared records.

    ``None`` when the release needs the one-process path. A worker keeps its parse until it exits.
    """
    split = split_release(data, origin)
    keep(split)
    if split is None:
        return None
    return split.check(split.runs(jobs)[index], first=index == 0)


def framed_head(
    data: bytes, origin: str, layout: ReleaseLayout
) -> tuple[dict[str, Any], Release, list[str]] | None:
    """The top-level values at the manifest's ranges (claims and segments left empty), the shared
    records read from them, and the files the shares check; ``None`` when the manifest does not
    frame the bytes, the head does not read, or a run names a source no share checks."""
    if not layout.frames(data):
        return None
    try:
        raw = {
            member.key: [] if member.key in PER_SOURCE else layout.value(data, member.key)
            for member in layout.members
        }
    except orjson.JSONDecodeError:
        return None
    release = release_head(raw, origin)
    if release is None:
        return None
    files = checked_files(shared_of(Loaded(release=release, single_origin=origin), claim_ids=frozenset()))
    if not layout.sources() <= set(files):  # an orphan: the one-process path reports it
        return None
    return raw, release, files


def check_piece(data: bytes, origin: str, layout: ReleaseLayout, index: int, jobs: int) -> Outcome | None:
    """The ``index``-th of ``jobs`` shares of a release laid out by ``layout``: the shared records, and
    only the claims and segments of the share's sources, parsed at the manifest's byte ranges.

    ``None`` when the manifest does not describe the bytes (``ReleaseLayout.frames``, ``runs_of``),
    a run names a source no share checks, or the release needs the one-process path. The shares'
    sources are those ``check_share`` would take. A worker keeps its parse until it exits.
    """
    head = framed_head(data, origin, layout)
    if head is None:
        return None
    raw, release, files = head
    run = runs_of(files, Counter(layout.weights()), jobs)[index]
    for collection in PER_SOURCE:
        records = layout.runs_of(data, collection, run)
        if records is None:
            return None
        raw[collection] = records
    split = split_records(release, {collection: raw[collection] for collection in PER_SOURCE}, origin)
    keep((raw, split))
    if split is None:
        return None
    outcome = split.check(run, first=index == 0)
    if outcome is not None:
        outcome.ids = split.ids
    return outcome


def split_release(data: bytes, origin: str) -> Split | None:
    """Parse release bytes and validate all but the claims and segments, which stay raw.

    ``None`` when the file needs the one-process path: not JSON, or see ``split_parsed``.
    """
    try:
        raw = orjson.loads(data)
    except orjson.JSONDecodeError:
        return None
    return split_parsed(raw, origin)


def split_parsed(raw: Any, origin: str) -> Split | None:
    """Validate all but the claims and segments of a parsed release, which stay raw.

    ``None`` when the file needs the one-process path: see ``release_head`` and ``split_records``.
    """
    release = release_head(raw, origin)
    if release is None:
        return None
    return split_records(release, {collection: raw[collection] for collection in PER_SOURCE}, origin)


def release_head(raw: Any, origin: str) -> Release | None:
    """The release's shared records, validated (its claims and segments left out); ``None`` when it is
    not a release or a shared record does not fit its model."""
    try:
        check_envelope(raw, origin)
        return Release.model_validate({**raw, **{collection: [] for collection in PER_SOURCE}}, strict=True)
    except (InputError, ValidationError):
        return None


def split_records(release: Release, records: dict[str, Any], origin: str) -> Split | None:
    """The release's shared records with its raw claims and segments (all of them, or a share's).

    ``None`` when the file needs the one-process path: a claim or segment that is not an object
    with a string id and a known source, or an id held twice.
    """
    known = {source.file for source in release.sources if is_plain_file_name(source.file)}
    files: dict[str, list[str]] = {}
    ids: dict[str, list[str]] = {}
    for collection, items in records.items():
        try:
            ids[collection] = list(map(itemgetter("id"), items))
            files[collection] = list(map(itemgetter("source_file"), items))
            named, cited = set(ids[collection]), set(files[collection])
        except (TypeError, KeyError):  # not a list of objects, a field missing, an id that is not a string
            return None
        if len(named) != len(items) or not {str}.issuperset(map(type, named)) or not known >= cited:
            return None
    loaded = Loaded(release=release, single_origin=origin)
    shared = shared_of(loaded, claim_ids=frozenset(ids["claims"]))
    return Split(loaded=loaded, shared=shared, raw=records, files=files, ids=ids)


def runs_of(files: list[str], weights: Counter[str], jobs: int) -> list[list[str]]:
    """Split sources, in order, into ``jobs`` consecutive runs of about equal weight (some may be empty)."""
    total = sum(weights[name] for name in files) or 1
    runs: list[list[str]] = [[] for _ in range(jobs)]
    done = 0
    for name in files:
        runs[min(jobs - 1, done * jobs // total)].append(name)
        done += weights[name]
    return runs


Checked = Callable[[int], Outcome | None]
"""The map step's work on share ``index`` of a release file: its outcome, ``None`` when it cannot judge."""
