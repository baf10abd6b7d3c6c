"""Validating a release file source by source on several cores, in worker processes forked after the parse.

The checks are functions of one source (``runner.PER_SOURCE_CHECKS``), so a large release is
split into runs of sources, each validated into records and checked by its own process. Forking
after ``orjson`` has parsed the file lets every worker inherit the parsed release instead of
receiving a copy; each sends back only its problems, the numbers its claims state and its
reviewed claims. This covers the common case: every record fits its model, ids are unique and
every claim and segment names a source of the release. Anything else is read again by the
one-process path, which reports every bad record; both paths give the same report.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import orjson
from pydantic import TypeAdapter, ValidationError

from claims.checksums import checksum_problem, listed_sha256, sha256_hex
from claims.dataset import Loaded, check_envelope, read_release_file
from claims.errors import InputError
from claims.jsonio import read_bytes, refuse_duplicate_keys
from claims.records import Claim, Release, Segment
from claims.report import Problem
from claims.validation import consistency
from claims.validation.context import Shared
from claims.validation.integrity import is_plain_file_name
from claims.validation.report import Report, build_report
from claims.validation.runner import check_sources, checked_files, head_problems, shared_of

MIN_RECORDS_PER_JOB = 10_000
"""Claims and segments a worker must have to be worth forking (a fork and its results cost ~10 ms)."""

MAX_JOBS = 8
"""The most workers started when the number of jobs is left to ``claims validate``."""

PER_SOURCE = ("claims", "segments")
"""The collections checked source by source, kept raw until a worker validates them."""


@cache
def _adapter(model: type[Claim] | type[Segment]) -> TypeAdapter[list[Any]]:
    """A validator of a list of claims or segments (built once, on first use)."""
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def default_jobs() -> int:
    """The cores this process may run on (at most ``MAX_JOBS``), where forking is safe; else 1."""
    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(MAX_JOBS, len(os.sched_getaffinity(0))))


@dataclass
class Split:
    """A parsed release whose shared records are validated and whose claims and segments wait, raw, by source."""

    loaded: Loaded
    shared: Shared
    raw: dict[str, dict[str, list[Any]]]
    """``claims`` and ``segments``: each source's raw records, in file order."""

    def records_of(self, file_name: str, reviewed: dict[str, Claim]) -> tuple[list[Claim], list[Segment]]:
        """Validate one source's claims and segments (``ValidationError`` if one does not fit)."""
        claims: list[Claim] = _adapter(Claim).validate_python(self.raw["claims"].pop(file_name, []))
        segments: list[Segment] = _adapter(Segment).validate_python(self.raw["segments"].pop(file_name, []))
        reviewed.update((claim.id, claim) for claim in claims if claim.review is not None)
        return claims, segments

    def weight(self, file_name: str) -> int:
        """How much checking a source takes, in records."""
        return sum(len(self.raw[collection].get(file_name, ())) for collection in PER_SOURCE)


@dataclass
class Outcome:
    """What checking a run of sources found."""

    problems: list[Problem] = field(default_factory=list)
    statements: list[consistency.Statement] = field(default_factory=list)
    reviewed: dict[str, Claim] = field(default_factory=dict)
    """Claims with a review, by id (to turn their problems into findings)."""


def check_run(split: Split, files: Sequence[str]) -> Outcome | None:
    """Validate and check a run of sources; ``None`` when a record does not fit its model."""
    outcome = Outcome()
    try:
        problems, statements = check_sources(
            files, lambda name: split.records_of(name, outcome.reviewed), split.shared
        )
    except ValidationError:
        return None
    outcome.problems, outcome.statements = problems, statements
    return outcome


def validate_release_file(
    path: Path,
    *,
    jobs: int | None = None,
    select: frozenset[str] | None = None,
    ignore: frozenset[str] = frozenset(),
) -> Report:
    """The report on a release file, checked by up to ``jobs`` processes (default: one per core)."""
    split = read_split(path)
    outcome = None if split is None else check_split(split, default_jobs() if jobs is None else jobs)
    if split is None or outcome is None:
        loaded = read_release_file(path)
        from claims.validation.runner import validate_loaded

        return validate_loaded(loaded, select=select, ignore=ignore)
    problems = [
        *head_problems(split.loaded, split.shared),
        *outcome.problems,
        *consistency.check_quantities([*consistency.timeline_statements(split.shared), *outcome.statements]),
    ]
    return build_report(problems, outcome.reviewed, select=select, ignore=ignore)


def read_split(path: Path) -> Split | None:
    """Parse a release file (hashing it meanwhile) and validate all but its claims and segments.

    ``None`` when the file needs the one-process path: not JSON, not a release, a shared record
    that does not fit, a claim or segment that is not an object with a string id and a known
    source, or an id held twice. A file ``SHA256SUMS`` does not vouch for is refused if it repeats
    a key, as on the one-process path.
    """
    origin = str(path)
    data = read_bytes(path, what="JSON file")
    expected = listed_sha256(path)
    with ThreadPoolExecutor(max_workers=1) as pool:
        digest = pool.submit(sha256_hex, data) if expected is not None else None
        try:
            raw = orjson.loads(data)
        except orjson.JSONDecodeError:
            return None
        found = digest.result() if digest is not None else None
    if expected is None or found != expected:
        refuse_duplicate_keys(data, origin=origin)
    try:
        check_envelope(raw, origin)
        release = Release.model_validate({**raw, **{collection: [] for collection in PER_SOURCE}})
    except (InputError, ValidationError):
        return None
    by_source = _by_source(raw, {source.file for source in release.sources})
    if by_source is None:
        return None
    problems = (
        []
        if expected is None or found == expected
        else [checksum_problem(path.name, origin, expected, found or "")]
    )
    loaded = Loaded(release=release, problems=problems, single_origin=origin)
    claim_ids = frozenset(claim["id"] for claims in by_source["claims"].values() for claim in claims)
    return Split(loaded=loaded, shared=shared_of(loaded, claim_ids=claim_ids), raw=by_source)


def _by_source(raw: dict[str, Any], files: set[str]) -> dict[str, dict[str, list[Any]]] | None:
    """Each source's raw claims and segments; ``None`` unless every record is an object with a
    string id unique in its collection and names a plain-named source of the release."""
    known = {name for name in files if is_plain_file_name(name)}
    grouped: dict[str, dict[str, list[Any]]] = {}
    for collection in PER_SOURCE:
        records = raw[collection]
        if not isinstance(records, list):
            return None
        by_file: dict[str, list[Any]] = {}
        ids: set[Any] = set()
        for record in records:
            if not isinstance(record, dict):
                return None
            record_id, file_name = record.get("id"), record.get("source_file")
            if not isinstance(record_id, str) or file_name not in known:
                return None
            ids.add(record_id)
            by_file.setdefault(file_name, []).append(record)
        if len(ids) != len(records):
            return None
        grouped[collection] = by_file
    return grouped


def check_split(split: Split, jobs: int) -> Outcome | None:
    """Check every source, in ``jobs`` runs of about equal size; ``None`` when a record does not fit."""
    files = checked_files(split.shared)
    total = sum(split.weight(name) for name in files)
    jobs = max(1, min(jobs, total // MIN_RECORDS_PER_JOB))
    runs = _runs(files, split.weight, jobs)
    outcomes = _in_workers(runs, lambda run: check_run(split, run))
    if any(outcome is None for outcome in outcomes):
        return None
    merged = Outcome()
    for outcome in outcomes:
        assert outcome is not None
        merged.problems.extend(outcome.problems)
        merged.statements.extend(outcome.statements)
        merged.reviewed.update(outcome.reviewed)
    return merged


def _runs(files: list[str], weight: Callable[[str], int], jobs: int) -> list[list[str]]:
    """Split sources, in order, into ``jobs`` consecutive runs of about equal weight."""
    total = sum(weight(name) for name in files) or 1
    runs: list[list[str]] = [[] for _ in range(jobs)]
    done = 0
    for name in files:
        runs[min(jobs - 1, done * jobs // total)].append(name)
        done += weight(name)
    return [run for run in runs if run] or [[]]


def _in_workers(runs: list[list[str]], work: Callable[[list[str]], Outcome | None]) -> list[Outcome | None]:
    """``work`` of each run: the first here, the others in forked processes (re-run here if one fails)."""
    if len(runs) == 1:
        return [work(runs[0])]
    context = multiprocessing.get_context("fork")
    sys.stdout.flush()
    sys.stderr.flush()
    workers: list[tuple[Any, Connection]] = []
    for run in runs[1:]:
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_serve, args=(sender, work, run), daemon=True)
        process.start()
        sender.close()
        workers.append((process, receiver))
    outcomes = [work(runs[0])]
    for (process, receiver), run in zip(workers, runs[1:], strict=True):
        try:
            sent: tuple[bool, Outcome | None] = receiver.recv()
        except EOFError:  # the worker died (killed, out of memory): do its share here
            sent = (False, None)
        finally:
            receiver.close()
            process.join()
        done, outcome = sent
        outcomes.append(outcome if done else work(run))
    return outcomes


def _serve(sender: Connection, work: Callable[[list[str]], Outcome | None], run: list[str]) -> None:
    """A worker's body: do its run and send back what it found, or that it failed (never a traceback)."""
    try:
        outcome = work(run)
    except BaseException:  # the parent re-runs this share itself, so a bug surfaces there, once
        sender.send((False, None))
    else:
        sender.send((True, outcome))
    finally:
        sender.close()
