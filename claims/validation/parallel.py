"""Validating a release file source by source on several cores, each share of the sources in its own process.

The checks are functions of one source (``runner.PER_SOURCE_CHECKS``), so a large release is
split into shares of sources of about equal size, each checked by a worker forked before the
parse. Where the file is laid out as ``claims release`` writes it, a worker parses only the shared
records and its own range of sources' claims and segments (``pieces``, ``check_piece``); else it
parses the whole file and keeps its run of sources (``check_share``). It validates its claims and
segments into records, checks them and sends back its problems, the numbers its claims state and
its reviewed claims; the first worker also sends the problems of the shared records. Meanwhile
this process hashes the file for ``SHA256SUMS``. Parsing in the workers costs less than sharing
one parse: a forked worker copies every page of a shared record it reads (each read writes a
reference count), and a worker's records are never freed one by one, it just exits.

This covers the common case: every record fits its model, ids are unique and every claim and
segment names a source of the release. Anything else is read again by the one-process path
(``runner.validate_loaded``), which reports every bad record; both paths give the same report.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache, partial
from multiprocessing.connection import Connection
from operator import itemgetter
from pathlib import Path
from typing import Any

import orjson
from pydantic import TypeAdapter, ValidationError

from claims.checksums import checksum_problem, listed_sha256, sha256_hex
from claims.errors import InputError
from claims.jsonio import BOM, read_bytes, refuse_duplicate_keys, refuse_top_level, top_level_kind
from claims.problem import Problem
from claims.reading import Loaded, check_envelope, read_release_file
from claims.records import Claim, Release, Segment
from claims.validation import consistency, integrity
from claims.validation.context import Shared
from claims.validation.integrity import is_plain_file_name
from claims.validation.pieces import Plan, plan_pieces
from claims.validation.report import Report, build_report
from claims.validation.runner import check_sources, checked_files, head_problems, shared_of, validate_loaded

MIN_BYTES_PER_JOB = 4 * 1024**2
"""Release bytes a worker must have to be worth forking (about 3,000 claims with their sources)."""

MAX_JOBS = 8
"""The most workers started when the number of jobs is left to ``claims validate``."""

PER_SOURCE = ("claims", "segments")
"""The collections checked source by source, kept raw until a worker validates its run of them."""


@cache
def _adapter(model: type[Claim] | type[Segment]) -> TypeAdapter[list[Any]]:
    """A validator of a list of claims or segments (built once, on first use)."""
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def can_fork() -> bool:
    """True where forking a process that has imported everything is safe (Linux)."""
    return sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()


def default_jobs() -> int:
    """The cores this process may run on (at most ``MAX_JOBS``), where forking is safe; else 1."""
    return max(1, min(MAX_JOBS, len(os.sched_getaffinity(0)))) if can_fork() else 1


@dataclass
class Outcome:
    """What checking a share of a release found."""

    problems: list[Problem] = field(default_factory=list)
    statements: list[consistency.Statement] = field(default_factory=list)
    """The numbers stated (by the timeline, in the first share, and by the share's claims)."""
    reviewed: dict[str, Claim] = field(default_factory=dict)
    """Claims with a review, by id (to turn their problems into findings)."""
    ids: dict[str, list[str]] = field(default_factory=dict)
    """``claims`` and ``segments``: the ids of a piece's records (none for a share of the whole file).
    A piece holds only its own records, so ids repeated across pieces and references to other
    pieces' claims are judged once every piece is back."""


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

    def check(self, run: Sequence[str]) -> Outcome | None:
        """Validate and check a run of sources; ``None`` when a record does not fit its model."""
        mine = set(run)
        grouped: dict[str, dict[str, list[Any]]] = {}
        for collection in PER_SOURCE:
            by_file: dict[str, list[Any]] = {}
            grouped[collection] = by_file
            for record, file_name in zip(self.raw[collection], self.files[collection], strict=True):
                if file_name in mine:
                    by_file.setdefault(file_name, []).append(record)
        outcome = Outcome()

        def records_of(file_name: str) -> tuple[list[Claim], list[Segment]]:
            claims: list[Claim] = _adapter(Claim).validate_python(
                grouped["claims"].pop(file_name, []), strict=True
            )
            segments: list[Segment] = _adapter(Segment).validate_python(
                grouped["segments"].pop(file_name, []), strict=True
            )
            outcome.reviewed.update((claim.id, claim) for claim in claims if claim.review is not None)
            return claims, segments

        try:
            outcome.problems, outcome.statements = check_sources(run, records_of, self.shared)
        except ValidationError:
            return None
        return outcome


def validate_release_file(
    path: Path,
    *,
    jobs: int | None = None,
    select: frozenset[str] | None = None,
    ignore: frozenset[str] = frozenset(),
) -> Report:
    """The report on a release file, checked by up to ``jobs`` processes (default: one per core).

    Each worker parses only its piece of the claims where the file is laid out as ``claims release``
    writes it (``pieces``), else the whole file; a record the workers cannot judge sends the file to
    the one-process path.
    """
    origin = str(path)
    data = read_bytes(path, what="JSON file")
    if not data.startswith(BOM):  # a document that is no object is refused from its first byte
        refuse_top_level(data, origin=origin, expected="an object", what="a release")
    if data.startswith(BOM) or top_level_kind(data) != "an object":  # read by the one-process path
        del data
        return validate_loaded(read_release_file(path), select=select, ignore=ignore)
    expected = listed_sha256(path)
    jobs = _jobs_for(len(data), jobs)
    plan = plan_pieces(data, jobs) if jobs > 1 else None
    whole = partial(check_share, data, origin, jobs=jobs)
    work = partial(check_piece, data, origin, plan) if plan is not None else whole
    count = plan.count if plan is not None else jobs
    # the workers are forked before the hashing thread starts: a fork copies only the calling thread
    with Workers(count if count > 1 else 0, work) as workers, ThreadPoolExecutor(max_workers=1) as pool:
        digest = pool.submit(sha256_hex, data) if expected is not None else None
        outcomes = finished(workers.results() if count > 1 else [(True, work(0)[0])])
        found = digest.result() if digest is not None else None
    if plan is not None:
        outcomes = joined_pieces(outcomes)
        if outcomes is None:  # not cut as claims release writes: the whole file in every worker
            with Workers(jobs, whole) as workers:
                outcomes = finished(workers.results())
    if outcomes is None:  # the one-process path reads the file again: drop these bytes first
        del work, whole, data
        return validate_loaded(read_release_file(path), select=select, ignore=ignore)
    if expected is None or found != expected:  # only claims release's own output may skip the scan
        refuse_duplicate_keys(data, origin=origin)
    problems: list[Problem] = []
    if expected is not None and found != expected:
        problems.append(checksum_problem(path.name, origin, expected, found or ""))
    statements: list[consistency.Statement] = []
    reviewed: dict[str, Claim] = {}
    for outcome in outcomes:
        problems.extend(outcome.problems)
        statements.extend(outcome.statements)
        reviewed.update(outcome.reviewed)
    problems.extend(consistency.check_quantities(statements))
    return build_report(problems, reviewed, select=select, ignore=ignore)


def finished(shares: list[Sent]) -> list[Outcome] | None:
    """Every worker's outcome; ``None`` when one died or found a record it cannot judge."""
    outcomes = [outcome for done, outcome in shares if done and outcome is not None]
    return outcomes if len(outcomes) == len(shares) else None


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


def check_share(data: bytes, origin: str, index: int, jobs: int) -> Checked:
    """The ``index``-th of ``jobs`` shares of a release, parsed whole; the first also checks the shared records.

    The outcome is ``None`` when the release needs the one-process path.
    """
    split = split_release(data, origin)
    if split is None:
        return None, None
    return checked(split, split.runs(jobs)[index], index), split


def check_piece(data: bytes, origin: str, plan: Plan, index: int) -> Checked:
    """Piece ``index`` of a release cut by ``plan``: its claims, and the sources and segments in its range.

    The outcome is ``None`` when the piece fails a check of ``pieces`` or the release needs the
    one-process path.
    """
    raw = plan.parse(data, index)
    split = split_parsed(raw, origin) if raw is not None else None
    if split is None or not all(plan.owns_all(index, split.files[collection]) for collection in PER_SOURCE):
        return None, split
    run = [name for name in checked_files(split.shared) if plan.owner(name) == index]
    outcome = checked(split, run, index)
    if outcome is not None:
        outcome.ids = split.ids
    return outcome, split


def checked(split: Split, run: Sequence[str], index: int) -> Outcome | None:
    """Check a run of sources; the first share also checks the shared records and the timeline."""
    outcome = split.check(run)
    if outcome is not None and index == 0:
        outcome.problems[:0] = head_problems(split.loaded, split.shared)
        outcome.statements[:0] = consistency.timeline_statements(split.shared)
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

    ``None`` when the file needs the one-process path: not a release, a shared record that does
    not fit, a claim or segment that is not an object with a string id and a known source, or an
    id held twice.
    """
    try:
        check_envelope(raw, origin)
        release = Release.model_validate(
            {**raw, **{collection: [] for collection in PER_SOURCE}}, strict=True
        )
    except (InputError, ValidationError):
        return None
    known = {source.file for source in release.sources if is_plain_file_name(source.file)}
    records = {collection: raw[collection] for collection in PER_SOURCE}
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


Sent = tuple[bool, Outcome | None]
"""What a worker sends back: whether it finished, and its outcome."""

Checked = tuple[Outcome | None, Split | None]
"""A share's outcome, and the parsed release it was found in (kept by a worker until it exits)."""


class Workers:
    """Processes forked to run ``work(index)`` for ``index`` in ``range(count)``; killed on leaving before
    every outcome is in."""

    def __init__(self, count: int, work: Callable[[int], Checked]) -> None:
        self.count = count
        self.work = work
        self.started: list[tuple[Any, Connection]] = []
        self.answered = False

    def __enter__(self) -> Workers:
        if self.count:
            context = multiprocessing.get_context("fork")
            sys.stdout.flush()
            sys.stderr.flush()
            for index in range(self.count):
                receiver, sender = context.Pipe(duplex=False)
                process = context.Process(target=_serve, args=(sender, self.work, index), daemon=True)
                process.start()
                sender.close()
                self.started.append((process, receiver))
        return self

    def results(self) -> list[Sent]:
        """Each worker's outcome, in order; ``(False, None)`` for one that died without sending.

        A worker exits by itself once it has sent (``_serve``) and is not waited for here: its exit
        takes milliseconds, and ``multiprocessing`` reaps it at its next start or at interpreter exit.
        """
        results: list[Sent] = []
        for _, receiver in self.started:
            try:
                results.append(receiver.recv())
            except (EOFError, OSError, pickle.UnpicklingError):  # killed, out of memory
                results.append((False, None))
        self.answered = True
        return results

    def __exit__(self, *exc_info: object) -> None:
        for process, receiver in self.started:
            receiver.close()
            if not self.answered:  # left early: stop the workers still at work
                if process.is_alive():
                    process.terminate()
                process.join()


def _serve(sender: Connection, work: Callable[[int], Checked], index: int) -> None:
    """A worker's body: do its share, send back what it found or that it failed (never a traceback),
    and exit at once, before its records are freed one by one (which takes longer than the exit)."""
    try:
        try:
            outcome, _parsed = work(index)
        except BaseException:  # the one-process path then checks the release, so a bug surfaces there, once
            sender.send((False, None))
        else:
            sender.send((True, outcome))
    finally:
        sender.close()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
