"""Timing and memory primitives: repeated runs after a warm-up, subprocess start-up and peak RSS."""

from __future__ import annotations

import contextlib
import gc
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Timing:
    """Seconds of each timed run (the warm-up excluded)."""

    runs: tuple[float, ...]

    @property
    def median(self) -> float:
        """Median of the runs."""
        return statistics.median(self.runs)

    @property
    def min(self) -> float:
        """Fastest run."""
        return min(self.runs)

    @property
    def max(self) -> float:
        """Slowest run."""
        return max(self.runs)


@contextlib.contextmanager
def collector_off() -> Iterator[None]:
    """Collect once, then keep the cyclic garbage collector off for the block."""
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def time_runs(
    func: Callable[[], Any],
    repeat: int,
    *,
    gc_off: bool = False,
    after: Callable[[], None] | None = None,
) -> Timing:
    """Run ``func`` once as a warm-up, then ``repeat`` times timed; results are dropped between runs.

    With ``gc_off`` the collector is off while ``func`` runs (and on between runs, so garbage from
    one run does not weigh on the next); ``after`` runs untimed after every run.
    """
    runs = [run_once(func, gc_off=gc_off, after=after) for _ in range(repeat + 1)]
    return Timing(tuple(runs[1:]))


def run_once(
    func: Callable[[], Any], *, gc_off: bool = False, after: Callable[[], None] | None = None
) -> float:
    """Seconds of one call of ``func``, after a collection; its result is dropped before ``after`` runs."""
    gc.collect()
    context = collector_off() if gc_off else contextlib.nullcontext()
    with context:
        start = time.perf_counter()
        result = func()
        elapsed = time.perf_counter() - start
    del result
    if after is not None:
        after()
    return elapsed


def time_beside_floor(
    func: Callable[[], Any],
    floor: Callable[[], Any],
    repeat: int,
    *,
    gc_off: bool = False,
    after: Callable[[], None] | None = None,
) -> tuple[Timing, Timing]:
    """Time ``func`` and its ``floor`` in alternating runs, so a busy spell on a shared machine
    weighs on both alike; ``after`` runs untimed after each run of ``func``."""
    run_once(func, gc_off=gc_off, after=after)
    run_once(floor, gc_off=gc_off)
    runs: list[float] = []
    floors: list[float] = []
    for _ in range(repeat):
        runs.append(run_once(func, gc_off=gc_off, after=after))
        floors.append(run_once(floor, gc_off=gc_off))
    return Timing(tuple(runs)), Timing(tuple(floors))


def time_process(argv: Sequence[str], repeat: int) -> Timing:
    """Wall-clock seconds of a whole process (start-up included), after one warm-up run."""
    runs: list[float] = []
    for index in range(repeat + 1):
        start = time.perf_counter()
        completed = subprocess.run(argv, capture_output=True, check=False)
        elapsed = time.perf_counter() - start
        if completed.returncode != 0:
            stderr = completed.stderr.decode(errors="replace").strip().splitlines()
            raise RuntimeError(f"{' '.join(argv)} exited {completed.returncode}: {stderr[-1:] or ''}")
        if index:
            runs.append(elapsed)
    return Timing(tuple(runs))


PEAK_SCRIPT = """
import gc, resource, sys, tracemalloc

def high_water():
    # VmHWM restarts at exec; ru_maxrss may carry the parent's peak across fork and exec.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

gc.disable()
{setup}
traced = {traced}
if traced:
    tracemalloc.start()
before = high_water()
result = {expression}
after = high_water()
peak = tracemalloc.get_traced_memory()[1] if traced else 0
print(before, after, peak)
"""
"""One expression in a fresh interpreter: peak RSS before and after it, and its traced peak."""


@dataclass(frozen=True)
class Peak:
    """Memory one expression needed in a fresh interpreter."""

    rss_before: int
    rss_after: int
    traced: int

    @property
    def rss_rise(self) -> int:
        """How far the expression raised the process's peak RSS above the peak after setup."""
        return self.rss_after - self.rss_before


def peak_memory(setup: str, expression: str, *, traced: bool) -> Peak:
    """Peak memory of ``expression`` after ``setup`` (imports), in a fresh interpreter.

    With ``traced`` the peak of Python allocations is taken with tracemalloc (exact at any size,
    but tracing inflates RSS, so RSS is read from an untraced run).
    """
    script = PEAK_SCRIPT.format(setup=setup, expression=expression, traced=traced)
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False, text=True)
    if completed.returncode != 0:
        last = completed.stderr.strip().splitlines()[-1:] or [""]
        raise RuntimeError(f"peak-memory subprocess failed: {last[0]}")
    before, after, peak = (int(part) for part in completed.stdout.split())
    return Peak(before, after, peak)


def percentile(values: Sequence[float], share: float) -> float:
    """The ``share`` quantile (0-1) of ``values`` by linear interpolation."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
