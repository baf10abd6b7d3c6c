"""Each workload run in a forked process of its own, so none runs in the heap another left behind.

A workload that builds millions of records, frees them and builds them again leaves the
allocator's free lists scattered; the next workload's records then land all over the heap, and
every walk over them misses the cache more than in a fresh process. Users run each command in a
fresh process, so the harness measures each workload that way (as pyperf runs each benchmark in
worker processes). The child sends its progress and its results back through a pipe.
``--shared-process`` runs every workload in this process instead, one after another.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import signal
from collections.abc import Callable
from multiprocessing.connection import Connection

from benchmarks.results import Result, skipped
from benchmarks.workloads import Context

Work = Callable[[str, Context], list[Result]]
"""Runs one workload by name and returns its results, failures included as skipped rows."""


def can_isolate() -> bool:
    """True where a workload can run in a forked process (Linux, macOS)."""
    return "fork" in multiprocessing.get_all_start_methods()


def run_in_own_process(work: Work, name: str, context: Context, claims: int) -> list[Result]:
    """``work(name, context)`` in a forked child; its progress is relayed to ``context.progress``.

    A child that dies before sending its results (killed, out of memory) gives one skipped row
    saying so; an interrupt here stops the child before it is passed on.
    """
    fork = multiprocessing.get_context("fork")
    receiving, sending = fork.Pipe(duplex=False)
    child = fork.Process(target=_serve, args=(sending, work, name, context), name=f"benchmark {name}")
    child.start()
    sending.close()
    results: list[Result] | None = None
    try:
        while results is None:
            try:
                kind, payload = receiving.recv()
            except EOFError:
                break
            if kind == "progress":
                context.progress(payload)
            else:
                results = payload
    except BaseException:
        child.terminate()
        raise
    finally:
        receiving.close()
        child.join()
    if results is None:
        died = skipped(name, claims, f"its process ended (exit code {child.exitcode}) before reporting")
        died.extra["exit_code"] = child.exitcode
        return [died]
    return results


def _serve(sending: Connection, work: Work, name: str, context: Context) -> None:
    """In the child: run the workload, sending progress messages and then the results."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops this process on an interrupt

    def relay(message: str) -> None:
        sending.send(("progress", message))

    results = work(name, dataclasses.replace(context, progress=relay))
    sending.send(("results", results))
    sending.close()
