"""Runs the workloads at each size, then prints the table, writes the JSON and the scaling plot."""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from benchmarks.corpus import CorpusSpec, ensure_corpus
from benchmarks.isolation import can_isolate, run_in_own_process
from benchmarks.machine import describe
from benchmarks.results import Result, skipped
from benchmarks.workloads import WORKLOADS, Context

SIZE_FREE = frozenset({"import", "web"})
"""Workloads that do not depend on the corpus: measured once (import with claims 0; web on the real dataset)."""


@dataclass(frozen=True)
class Options:
    """What to run: sizes, sources, repeats, workloads, where the cache and the JSON go."""

    sizes: tuple[int, ...]
    sources: int | None
    claims_per_source: int
    repeat: int
    queries: int
    seed: int
    workloads: tuple[str, ...]
    cache_dir: Path
    json_path: Path | None
    isolate: bool = True
    """Run each workload in a forked process of its own (``benchmarks.isolation``)."""

    def sources_for(self, claims: int) -> int:
        """Sources of a corpus of ``claims``: ``--sources`` or one per ``--claims-per-source``."""
        if self.sources is not None:
            return self.sources
        return max(1, math.ceil(claims / self.claims_per_source))


@dataclass
class Run:
    """Everything one invocation measured."""

    machine: dict[str, Any]
    options: Options
    results: list[Result] = field(default_factory=list)
    corpora: list[dict[str, Any]] = field(default_factory=list)
    started: str = ""

    def scaling(self) -> list[dict[str, Any]]:
        """Log-log slope of each figure against claims, over the sizes it was measured at."""
        series: dict[str, list[tuple[int, float]]] = {}
        units: dict[str, str] = {}
        for result in self.results:
            if result.claims > 0 and result.median and result.unit in ("s", "bytes"):
                series.setdefault(result.name, []).append((result.claims, result.median))
                units[result.name] = result.unit
        rows = []
        for name, points in series.items():
            if len({claims for claims, _ in points}) < 2:
                continue
            rows.append(
                {
                    "name": name,
                    "unit": units[name],
                    "claims": [c for c, _ in points],
                    "medians": [m for _, m in points],
                    "slope": log_log_slope(points),
                }
            )
        return rows

    def to_json(self) -> dict[str, Any]:
        """``{"machine", "workloads", ...}`` as issue 7 asks, with the corpora and the scaling."""
        return {
            "machine": self.machine,
            "started": self.started,
            "options": {
                "sizes": list(self.options.sizes),
                "repeat": self.options.repeat,
                "queries": self.options.queries,
                "seed": self.options.seed,
                "workloads": list(self.options.workloads),
            },
            "corpora": self.corpora,
            "workloads": [result.to_json() for result in self.results],
            "scaling": self.scaling(),
        }


def log_log_slope(points: Sequence[tuple[float, float]]) -> float:
    """Least-squares slope of log(value) against log(size): 1 is linear, 0 is constant."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mean_x = sum(xs) / len(xs)
    mean_y = sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


def execute(options: Options, console: Console) -> Run:
    """Generate (or reuse) each corpus and run every chosen workload on it, showing progress."""
    run = Run(
        machine=describe(),
        options=options,
        started=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
    )
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    isolate = options.isolate and can_isolate()
    # Refreshed by hand: a refresh thread could hold the console's lock when a workload forks.
    with Progress(*columns, console=console, transient=False, auto_refresh=False) as progress:
        shown = Throttle(progress.refresh)
        for position, size in enumerate(options.sizes):
            spec = CorpusSpec(claims=size, sources=options.sources_for(size), seed=options.seed)
            task = progress.add_task(f"corpus {spec.key}: cached", total=None)
            shown()

            def starting(total: int, task: Any = task, spec: CorpusSpec = spec) -> None:
                progress.update(task, description=f"corpus {spec.key}: generating sources", total=total)
                shown(now=True)

            def generated(count: int, task: Any = task) -> None:
                progress.advance(task, count)
                shown()

            corpus = ensure_corpus(spec, options.cache_dir, on_start=starting, on_source=generated)
            progress.update(task, total=1, completed=1)
            run.corpora.append({"key": spec.key, "folder": str(corpus.folder), **corpus.meta})
            chosen = [w for w in options.workloads if position == 0 or w not in SIZE_FREE]
            work = progress.add_task(f"{size} claims", total=len(chosen))

            def say(message: str, work: Any = work, size: int = size) -> None:
                progress.update(work, description=f"{size} claims: {message}")
                shown(now=True)

            context = Context(corpus=corpus, repeat=options.repeat, queries=options.queries, progress=say)
            for name in chosen:
                if isolate:
                    claims = 0 if name in SIZE_FREE else size
                    run.results.extend(run_in_own_process(run_workload, name, context, claims))
                else:
                    run.results.extend(run_workload(name, context))
                progress.advance(work)
            say("done")
    return run


class Throttle:
    """Calls ``refresh`` at most every ``interval`` seconds, unless asked to show a change now."""

    def __init__(self, refresh: Callable[[], None], interval: float = 0.1) -> None:
        self.refresh = refresh
        self.interval = interval
        self.last = -math.inf

    def __call__(self, *, now: bool = False) -> None:
        moment = time.monotonic()
        if now or moment - self.last >= self.interval:
            self.last = moment
            self.refresh()


def run_workload(name: str, context: Context) -> list[Result]:
    """One workload's results; a workload that fails is reported as skipped, and the run goes on."""
    try:
        return WORKLOADS[name](context)
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # the package under test may be mid-change: report, do not crash
        claims = 0 if name in SIZE_FREE else context.claims
        return [skipped(name, claims, f"failed: {type(exc).__name__}: {exc}")]


def _seconds(value: float) -> str:
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.1f} ms"
    return f"{value * 1e6:.0f} µs"


def formatted(value: float | None, unit: str) -> str:
    """A figure for the table: seconds scaled to s/ms/µs, bytes to MB, shares as per cent."""
    if value is None:
        return "—"
    if unit == "bytes":
        return f"{value / 1024**2:.1f} MB"
    if unit == "share":
        return f"{value:.1%}"
    return _seconds(value)


def table(run: Run) -> Table:
    """The results table: workload, claims, median (min–max), floor, ratio, target, met?."""
    grid = Table(title="claimtrack benchmarks", title_justify="left")
    for column in ("workload", "claims", "median", "min – max", "floor", "ratio", "target", "met?"):
        grid.add_column(column, justify="left" if column in ("workload", "target", "met?") else "right")
    for r in run.results:
        if r.skipped is not None:
            reason = r.skipped if len(r.skipped) <= 70 else r.skipped[:69] + "…"
            grid.add_row(
                r.name, f"{r.claims:,}", "—", "", "—", "—", r.target.text, f"[yellow]skipped: {reason}"
            )
            continue
        spread = (
            f"{formatted(r.minimum, r.unit)} – {formatted(r.maximum, r.unit)}"
            if r.minimum is not None
            else ""
        )
        met = {True: "[green]yes", False: "[red]no", None: ""}[r.met]
        if r.broken:
            met += f" ({r.broken})"
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "—"
        grid.add_row(
            r.name,
            f"{r.claims:,}",
            formatted(r.median, r.unit),
            spread,
            formatted(r.floor, r.unit),
            ratio,
            r.target.text,
            met,
        )
    return grid


def scaling_table(run: Run) -> Table:
    """How each figure grows with the number of claims."""
    grid = Table(title="scaling (log–log slope of median vs claims; 1 = linear)", title_justify="left")
    for column in ("workload", "claims", "slope"):
        grid.add_column(column, justify="left" if column == "workload" else "right")
    for row in run.scaling():
        grid.add_row(row["name"], ", ".join(f"{c:,}" for c in row["claims"]), f"{row['slope']:.2f}")
    return grid


def plot(run: Run, target: Path) -> Path | None:
    """A log-log PNG of each timed figure against claims; None when matplotlib is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    rows = run.scaling()
    if not rows:
        return None
    figure, (timed_axes, memory_axes) = plt.subplots(1, 2, figsize=(12, 5))
    for unit, axes, label, scale in (
        ("s", timed_axes, "median seconds", 1.0),
        ("bytes", memory_axes, "peak MB", 1024**-2),
    ):
        for row in (r for r in rows if r["unit"] == unit):
            values = [value * scale for value in row["medians"]]
            axes.plot(row["claims"], values, marker="o", label=f"{row['name']} (slope {row['slope']:.2f})")
        axes.set_xscale("log")
        axes.set_yscale("log")
        axes.set_xlabel("claims")
        axes.set_ylabel(label)
        axes.grid(True, which="both", alpha=0.3)
        axes.legend(fontsize="small")
    figure.suptitle("claimtrack benchmarks: cost against size (log–log)")
    figure.tight_layout()
    figure.savefig(target, dpi=120)
    plt.close(figure)
    return target
