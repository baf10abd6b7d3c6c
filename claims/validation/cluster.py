"""Validating a release file on a Dask distributed cluster: the map step's shares as tasks (extra ``claimtrack[dask]``).

``claims validate PATH --scheduler tcp://HOST:PORT`` (or ``local``, a ``distributed.LocalCluster``)
takes the same phases as ``parallel.validate_release_file``; only where the shares run differs.
This process reads the file, hashes it for ``SHA256SUMS`` and uses the layout manifest only when
it is vouched for, names the file's sha256 and frames its bytes; it then parses the shared records
once and sends them, with the plan of the shares, to every worker once (``client.scatter``). Each
task is small (the path, the share's index): its worker reads only its sources' runs of claims and
segments, at their byte ranges, from the same path (a filesystem the workers share), and fails
the share when those bytes do not hash to what this process read. Without a usable manifest each
worker reads the whole file, checked against its sha256, and keeps its share of the sources.

A share that raises is tried again, and Dask reschedules the shares of a lost worker; a share that
still fails, or finds a record it cannot judge, sends the whole file to the local path
(``parallel.validate_release_file``), so the report is never incomplete and never depends on the
cluster: it is the local report, byte for byte.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from claims.checksums import read_sums, sha256_hex
from claims.errors import InputError, IntegrityError
from claims.executors import DaskCluster, cores
from claims.jsonio import BOM, read_bytes, top_level_kind
from claims.layout import PER_SOURCE, ReleaseLayout, Run, records_of_runs, trusted_layout
from claims.records import Release
from claims.validation.parallel import (
    MAX_JOBS,
    check_share,
    finished,
    framed_head,
    joined_pieces,
    reduced,
    runs_of,
    split_records,
    validate_release_file,
)
from claims.validation.pipeline import Outcome
from claims.validation.report import Report

INSTALL_HINT = "--scheduler needs Dask distributed: pip install 'claimtrack[dask]'"

LOCAL = "local"
"""The ``--scheduler`` value that starts a ``distributed.LocalCluster`` for the run."""

CONNECT_TIMEOUT = 10.0
"""Seconds to reach the scheduler, and for it to have a worker, before the address is refused."""

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Piece:
    """What one share's worker reads: its sources, their runs of records, and the sha256 of those bytes."""

    files: list[str]
    runs: dict[str, list[Run]]
    """``claims`` and ``segments``: the runs of the share's sources, in file order."""
    sha256: str
    """Of the runs' bytes, claims' then segments', in order, as this process read them."""


def require_distributed() -> None:
    """Raise ``InputError`` with how to install the extra when ``distributed`` cannot be imported."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise InputError(INSTALL_HINT) from None


@contextmanager
def connected(scheduler: str, *, workers: int | None = None, timeout: float | None = None) -> Iterator[Any]:
    """A ``distributed.Client`` of the scheduler at ``scheduler`` (``tcp://HOST:PORT``), or of a
    ``LocalCluster`` of ``workers`` processes (default: one per core) for ``local``; closed on leaving.

    An address that cannot be reached, or a cluster with no worker, within ``timeout`` seconds is an
    ``InputError`` (``timeout`` defaults to ``CONNECT_TIMEOUT``).
    """
    require_distributed()
    timeout = CONNECT_TIMEOUT if timeout is None else timeout
    from distributed import Client, LocalCluster

    if scheduler == LOCAL:
        count = workers or max(1, min(MAX_JOBS, cores()))
        with (
            LocalCluster(
                n_workers=count,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            ) as cluster,
            Client(cluster, set_as_default=False) as client,
        ):
            yield client
        return
    if "://" not in scheduler:
        raise InputError(f"--scheduler: expected tcp://HOST:PORT or {LOCAL}, found {scheduler!r}")
    try:
        client = Client(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(
            f"--scheduler: cannot reach a Dask scheduler at {scheduler} within {timeout:g} s ({exc})"
        ) from None
    with client:
        try:
            client.wait_for_workers(1, timeout=timeout)
        except (OSError, TimeoutError) as exc:
            raise InputError(
                f"--scheduler: the Dask scheduler at {scheduler} has no worker after {timeout:g} s ({exc})"
            ) from None
        yield client


def validate_on_cluster(
    path: Path,
    scheduler: str,
    *,
    jobs: int | None = None,
    select: frozenset[str] | None = None,
    ignore: frozenset[str] = frozenset(),
    timeout: float | None = None,
) -> Report:
    """The report on a release file, its map step run as ``jobs`` tasks (default: one per worker) on
    the cluster of ``scheduler``; the same report as ``parallel.validate_release_file``."""
    with connected(scheduler, workers=jobs, timeout=timeout) as client:
        return validate_with(client, path, jobs=jobs, select=select, ignore=ignore)


def validate_with(
    client: Any,
    path: Path,
    *,
    jobs: int | None = None,
    select: frozenset[str] | None = None,
    ignore: frozenset[str] = frozenset(),
) -> Report:
    """``validate_on_cluster`` with a ``distributed.Client`` already connected."""
    local = partial(validate_release_file, path, select=select, ignore=ignore)
    data = read_bytes(path, what="JSON file")
    if data.startswith(BOM) or top_level_kind(data) != "an object":  # refused, or the one-process path
        del data
        return local()
    origin = str(path)
    sums = read_sums(path.parent)
    expected = sums.get(path.name)
    found = sha256_hex(data)
    count = jobs or max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
    engine = DaskCluster(client)
    where = str(path.resolve())
    layout = trusted_layout(path, sums)
    planned = (
        _plan(data, origin, layout, count) if layout is not None and found == layout.release_sha256 else None
    )
    if planned is not None:
        head, pieces = planned
        engine.scatter(head=head, pieces=pieces)
        with engine.start(partial(check_piece_at, where, origin), count) as started:
            outcomes = joined_pieces(finished(started.results()))
    else:
        with engine.start(partial(check_share_at, where, origin, found, count), count) as started:
            outcomes = finished(started.results())
    if outcomes is None:
        log.warning("claims validate: a share failed on the cluster; %s is checked here instead", path)
        del data
        return local()
    return reduced(data, path, outcomes, expected, found, select=select, ignore=ignore)


def _plan(data: bytes, origin: str, layout: ReleaseLayout, count: int) -> tuple[Release, list[Piece]] | None:
    """The shared records, parsed once, and each share's piece, as ``parallel.check_piece`` takes them;
    ``None`` when the manifest does not frame the bytes or a run names a source no share checks."""
    head = framed_head(data, origin, layout)
    if head is None:
        return None
    _, release, files = head
    view = memoryview(data)
    pieces: list[Piece] = []
    for run in runs_of(files, Counter(layout.weights()), count):
        runs: dict[str, list[Run]] = {}
        for collection in PER_SOURCE:
            found = layout.runs_in(collection, run)
            if found is None:
                return None
            runs[collection] = found
        digest = hashlib.sha256()
        for collection in PER_SOURCE:
            for piece in runs[collection]:
                digest.update(view[piece.start : piece.end])
        pieces.append(Piece(files=run, runs=runs, sha256=digest.hexdigest()))
    return release, pieces


def check_piece_at(
    path: str, origin: str, index: int, *, head: Release, pieces: list[Piece]
) -> Outcome | None:
    """On a worker: share ``index``'s runs of claims and segments, read from ``path`` at their byte
    ranges and checked against the sha256 this process read, then the map step over its sources
    (``head``, the shared records, and ``pieces``, the plan, scattered once to every worker).

    ``IntegrityError`` when the bytes read are not those vouched for; ``None`` when the share
    needs the one-process path (as ``parallel.check_piece``).
    """
    piece = pieces[index]
    digest = hashlib.sha256()
    chunks: dict[str, list[tuple[Run, bytes]]] = {}
    with Path(path).open("rb") as file:
        for collection in PER_SOURCE:
            chunks[collection] = []
            for run in piece.runs[collection]:
                file.seek(run.start)
                chunk = file.read(run.end - run.start)
                digest.update(chunk)
                chunks[collection].append((run, chunk))
    if digest.hexdigest() != piece.sha256:
        raise IntegrityError(f"{path}: share {index} read bytes other than those this process checked")
    records: dict[str, Any] = {}
    for collection in PER_SOURCE:
        records[collection] = records_of_runs(chunks[collection])
        if records[collection] is None:
            return None
    split = split_records(head, records, origin)
    if split is None:
        return None
    outcome = split.check(piece.files, first=index == 0)
    if outcome is not None:
        outcome.ids = split.ids
    return outcome


def check_share_at(path: str, origin: str, sha256: str, count: int, index: int) -> Outcome | None:
    """On a worker: the ``index``-th of ``count`` shares of the whole file at ``path``, once its bytes
    hash to ``sha256`` (what this process read); ``IntegrityError`` when they do not."""
    data = read_bytes(Path(path), what="JSON file")
    if sha256_hex(data) != sha256:
        raise IntegrityError(f"{path}: share {index} read bytes other than those this process checked")
    return check_share(data, origin, index, count)
