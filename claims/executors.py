"""Where a map step runs: in this process, or in worker processes forked by ``concurrent.futures``.

An ``Executor`` starts ``work(index)`` for each index of a map step and hands back every result
in order, or ``None`` when a worker process lost one (it died or raised): the caller then does
the work another way. In this process an exception simply propagates. Validation and the verify index build use the
local executors here; ``DaskCluster`` runs validation's shares as tasks on a Dask distributed
cluster (extra ``claimtrack[dask]``, ``claims.validation.cluster``).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Generic, Protocol, TypeVar

R = TypeVar("R")


def can_fork() -> bool:
    """True where forking a process that has imported everything is safe (Linux)."""
    return sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class Started(Protocol[R]):
    """A map step under way; leaving the ``with`` block drops the shares not yet started."""

    def results(self) -> list[R] | None:
        """Every ``work(index)``'s result, in index order; ``None`` when one of them was lost."""
        ...

    def __enter__(self) -> Started[R]: ...

    def __exit__(self, *exc_info: object) -> None: ...


class Executor(Protocol):
    """How the ``count`` shares of a map step run."""

    def start(self, work: Callable[[int], R], count: int) -> Started[R]:
        """Start ``work(index)`` for each index in ``range(count)``."""
        ...


class _InProcessRun(Generic[R]):
    """The shares run one after another when their results are asked for; an exception propagates."""

    def __init__(self, work: Callable[[int], R], count: int) -> None:
        self.work = work
        self.count = count

    def results(self) -> list[R] | None:
        return [self.work(index) for index in range(self.count)]

    def __enter__(self) -> _InProcessRun[R]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        return None


class InProcess:
    """Runs every share in this process, in order."""

    def start(self, work: Callable[[int], R], count: int) -> Started[R]:
        return _InProcessRun(work, count)


_work: Callable[[int], Any] | None = None
"""In a forked worker: the work it inherited (set by the pool's initializer; never pickled)."""

_kept: list[Any] | None = None
"""In a forked worker: what its work keeps until the worker exits (``None`` in any other process)."""


def keep(value: object) -> None:
    """In a forked worker, hold ``value`` until the worker exits, which frees it with the process
    rather than object by object (for large parse trees that takes longer than the exit)."""
    if _kept is not None:
        _kept.append(value)


def _inherit(work: Callable[[int], Any]) -> None:
    """The pool's initializer, run in each forked worker."""
    global _work, _kept
    _work, _kept = work, []


def _call(index: int) -> Any:
    """What the pool runs: the inherited work on one index (only the index is pickled)."""
    assert _work is not None
    return _work(index)


class _ForkedRun(Generic[R]):
    """A process pool whose workers are forked as the shares are submitted, before any thread of
    the pool starts; the work and its data are inherited with the fork, not pickled."""

    def __init__(self, work: Callable[[int], R], count: int) -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        self.pool = ProcessPoolExecutor(
            max_workers=count,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_inherit,
            initargs=(work,),
        )
        self.futures: list[Future[R]] = [self.pool.submit(_call, index) for index in range(count)]
        self.answered = False

    def results(self) -> list[R] | None:
        # every share is waited for, so that none still runs beside whatever the caller does next;
        # a share is lost by a worker that died (BrokenProcessPool: killed, out of memory) or by
        # the work's own exception (then surfaced where the caller does the work another way)
        lost = [future.exception() for future in self.futures]
        self.answered = True
        if any(exception is not None for exception in lost):
            return None
        return [future.result() for future in self.futures]

    def __enter__(self) -> _ForkedRun[R]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        # once every share has answered, the workers' exit (a few milliseconds) is waited for, so
        # that no thread of this pool is left running when the next pool forks; left early (an
        # exception here), the shares not started are dropped and the running ones not waited for
        self.pool.shutdown(wait=self.answered, cancel_futures=True)


class ForkedPool:
    """Runs each share in a worker forked for it (``concurrent.futures.ProcessPoolExecutor``, fork
    context); only where :func:`can_fork`."""

    def start(self, work: Callable[[int], R], count: int) -> Started[R]:
        return _ForkedRun(work, count)


RETRIES = 2
"""How many times Dask runs a share again after it raised (a share of a lost worker is rescheduled
by Dask itself, up to its ``distributed.scheduler.allowed-failures``)."""


def _with_shared(work: Callable[..., R], index: int, shared: dict[str, Any]) -> R:
    """What a Dask task runs: ``work(index)`` with the scattered values (Dask resolves them on the worker)."""
    return work(index, **shared)


class _DaskRun(Generic[R]):
    """The shares submitted as tasks; every one is waited for, and one that failed for good loses the run."""

    def __init__(
        self, client: Any, work: Callable[[int], R], count: int, shared: dict[str, Any], retries: int
    ) -> None:
        self.client = client
        self.futures = [
            client.submit(_with_shared, work, index, shared, retries=retries, pure=False)
            for index in range(count)
        ]

    def results(self) -> list[R] | None:
        try:
            return list(self.client.gather(self.futures))
        except Exception:  # raised on every try, or its workers kept dying (KilledWorker)
            return None

    def __enter__(self) -> _DaskRun[R]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.client.cancel(self.futures)


class DaskCluster:
    """Runs each share as a task on a Dask distributed cluster (``client``, a ``distributed.Client``).

    The work must pickle (a module-level function and small arguments); values given to
    :meth:`scatter` go to every worker once and reach each share's ``work(index, **values)`` by name.
    A share that raises is tried ``retries`` times more; ``results`` is ``None`` when one still fails.
    """

    def __init__(self, client: Any, retries: int = RETRIES) -> None:
        self.client = client
        self.retries = retries
        self.shared: dict[str, Any] = {}

    def scatter(self, **values: object) -> None:
        """Send each value to every worker once (``client.scatter(..., broadcast=True)``)."""
        for name, value in values.items():
            # in a list of one, so that a list or dict is sent whole rather than element by element
            self.shared[name] = self.client.scatter([value], broadcast=True, hash=False)[0]

    def start(self, work: Callable[[int], R], count: int) -> Started[R]:
        return _DaskRun(self.client, work, count, self.shared, self.retries)


def executor_for(count: int) -> Executor:
    """The executor for ``count`` shares: a forked pool for two or more, else this process."""
    return ForkedPool() if count > 1 and can_fork() else InProcess()
