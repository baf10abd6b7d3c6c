"""The workloads of issue 7, each measured beside its floor in the same run."""

from __future__ import annotations

import hashlib
import shutil
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from benchmarks import adapters
from benchmarks.corpus import Corpus, unvouched_path
from benchmarks.measure import Timing, peak_memory, percentile, time_beside_floor, time_process, time_runs
from benchmarks.results import Result, Target, skipped
from benchmarks.web import web

REFERENCE_TEXT_BYTES = 204 * 1024**2
"""The ~200 MB of sources the issue's index targets (15 s, 1 GB) are stated for."""

COLLECTIONS = ("people", "subjects", "sources", "segments", "events", "claims")

TARGETS = {
    "load": Target("ratio ≤ 1.5", ratio_at_most=1.5),
    "validate": Target("ratio ≤ 3", ratio_at_most=3.0),
    "verify-exact-p50": Target("≤ 2 ms", value_at_most=0.002),
    "verify-exact-p95": Target("≤ 10 ms", value_at_most=0.010),
    "verify-misquoted-p50": Target("≤ 5 ms", value_at_most=0.005),
    "verify-misquoted-p95": Target("≤ 25 ms", value_at_most=0.025),
    "verify-misquote-recall": Target("≥ 99%", value_at_least=0.99),
    "release": Target("ratio ≤ 2", ratio_at_most=2.0),
    "import": Target("ratio ≤ 1.3", ratio_at_most=1.3),
    "load-peak-memory": Target("ratio ≤ 1.0", ratio_at_most=1.0),
    "hostile-validate-peak-memory": Target("ratio ≤ 3", ratio_at_most=3.0),
    "hostile-load-peak-memory": Target("ratio ≤ 3", ratio_at_most=3.0),
    "hostile-envelope-validate-peak-memory": Target("ratio ≤ 3", ratio_at_most=3.0),
    "hostile-envelope-load-peak-memory": Target("ratio ≤ 3", ratio_at_most=3.0),
}
"""Targets from issue 7 (on this 2-core machine); figures without a bound there have none here."""


@dataclass(frozen=True)
class Context:
    """What every workload of one size gets: the corpus, the repeat count, the query budget."""

    corpus: Corpus
    repeat: int
    queries: int
    progress: Callable[[str], None]

    @property
    def claims(self) -> int:
        """The corpus size in claims."""
        return self.corpus.spec.claims

    @property
    def path(self) -> Path:
        """The release file."""
        return self.corpus.release_path


def timed(name: str, ctx: Context, timing: Timing, floor: Timing, **extra: Any) -> Result:
    """A seconds figure beside its floor."""
    return Result(
        name=name,
        claims=ctx.claims,
        median=timing.median,
        minimum=timing.min,
        maximum=timing.max,
        floor=floor.median,
        target=TARGETS.get(name, Target("—")),
        extra={"floor_min_s": floor.min, "floor_max_s": floor.max, "repeat": len(timing.runs), **extra},
    )


def parse_floor(path: Path) -> Any:
    """The parse floor: read the file's bytes and ``orjson.loads`` them."""
    return orjson.loads(path.read_bytes())


def load(ctx: Context) -> list[Result]:
    """``claims.load(path)`` vs ``orjson.loads`` of the same bytes, both with the collector off."""
    import claims

    ctx.progress("load")
    floor_call = lambda: parse_floor(ctx.path)  # noqa: E731
    timing, floor = time_beside_floor(lambda: claims.load(ctx.path), floor_call, ctx.repeat, gc_off=True)
    ctx.progress("load, then read every record")
    every, every_floor = time_beside_floor(
        lambda: read_every_record(claims.load(ctx.path)), floor_call, ctx.repeat, gc_off=True
    )
    ctx.progress("load with no SHA256SUMS")
    unvouched = unvouched_path(ctx.corpus)
    checked, checked_floor = time_beside_floor(
        lambda: claims.load(unvouched), floor_call, ctx.repeat, gc_off=True
    )
    return [
        timed("load", ctx, timing, floor),
        timed("load-every-record", ctx, every, every_floor),
        timed("load-unvouched", ctx, checked, checked_floor),
    ]


def read_every_record(release: Any) -> int:
    """Read every record of a release (building each lazily loaded one); the number read."""
    return sum(len(list(getattr(release, name))) for name in COLLECTIONS)


def hash_floor(path: Path) -> Any:
    """The validate floor: the parse floor plus sha256 of every source text."""
    data = parse_floor(path)
    return [hashlib.sha256(s["text"].encode("utf-8")).hexdigest() for s in data["sources"]]


def validate(ctx: Context) -> list[Result]:
    """``claims.validation.validate(path)`` vs parse floor + sha256 of every source text.

    Both run with the collector off, as the load floor does (validate pauses it itself).
    """
    try:
        run = adapters.validator()
    except adapters.UnavailableError as exc:
        return [skipped("validate", ctx.claims, str(exc), TARGETS["validate"])]
    ctx.progress("validate")
    outcome: dict[str, Any] = {}

    def once() -> Any:
        report = run(ctx.path)
        outcome["valid"] = getattr(report, "valid", None)
        outcome["errors"] = len(getattr(report, "errors", []) or [])
        outcome["warnings"] = len(getattr(report, "warnings", []) or [])
        return report

    try:
        timing, floor = time_beside_floor(once, lambda: hash_floor(ctx.path), ctx.repeat, gc_off=True)
    except Exception as exc:  # a half-written validator must not stop the other workloads
        return [skipped("validate", ctx.claims, f"validate raised {type(exc).__name__}: {exc}")]
    return [timed("validate", ctx, timing, floor, **outcome)]


def release(ctx: Context) -> list[Result]:
    """``canonical.release_bytes`` vs ``orjson.dumps`` of the same dicts; byte-identical across runs."""
    import claims
    from claims.canonical import release_bytes
    from claims.jsonio import DUMP_OPTIONS

    ctx.progress("release (loading input)")
    records = claims.load(ctx.path)
    dicts = parse_floor(ctx.path)
    digests: set[str] = set()
    written: list[bytes] = []

    def once() -> None:
        written.append(release_bytes(records))

    def check() -> None:  # untimed: hashing the output is the harness's work, not the release's
        digests.add(hashlib.sha256(written.pop()).hexdigest())

    ctx.progress("release")
    timing, floor = time_beside_floor(
        once, lambda: orjson.dumps(dicts, option=DUMP_OPTIONS), ctx.repeat, after=check
    )
    identical = len(digests) == 1 and digests == {ctx.corpus.meta.get("release_sha256")}
    result = timed("release", ctx, timing, floor, identical=identical)
    if not identical:
        result.broken = "release bytes differ between runs or from the cached release"
    return [result]


def startup(ctx: Context) -> list[Result]:
    """``import claims`` and the ``claims`` CLI as processes, beside ``import pydantic``."""
    ctx.progress("start-up")
    python = sys.executable
    floor = time_process([python, "-c", "import pydantic"], ctx.repeat)
    results = [
        timed("import", ctx, time_process([python, "-c", "import claims"], ctx.repeat), floor),
    ]
    cli = shutil.which("claims", path=str(Path(python).parent))
    base = [cli] if cli else [python, "-m", "claims"]
    results.append(timed("cli-help", ctx, time_process([*base, "--help"], ctx.repeat), floor))
    try:
        results.append(
            timed("cli-verify-help", ctx, time_process([*base, "verify", "--help"], ctx.repeat), floor)
        )
    except RuntimeError as exc:
        results.append(skipped("cli-verify-help", ctx.claims, str(exc)))
    for result in results:
        result.claims = 0
    return results


def memory(ctx: Context) -> list[Result]:
    """Peak memory of ``claims.load`` vs ``orjson.loads`` into dicts, each in a fresh interpreter.

    The figure is the rise of peak RSS (``VmHWM``) above the interpreter with its imports: what
    the process had to hold, Rust and C allocations included (tracemalloc sees only Python's).
    The same for a load followed by reading every record is reported beside it, without a target.
    Each is measured ``repeat`` times in alternating rounds and the medians compared: one sample
    of the floor alone varies by some 300 KB from run to run.
    """
    ctx.progress("peak memory")
    path = repr(str(ctx.path))
    setup = "import orjson, claims, claims.loading, claims.records, benchmarks.workloads as w"
    expressions = {
        "floor": f"orjson.loads(open({path}, 'rb').read())",
        "load-peak-memory": f"claims.load({path})",
        "load-every-record-peak-memory": f"w.read_every_record(claims.load({path}))",
    }
    rises: dict[str, list[int]] = {name: [] for name in expressions}
    peaks: dict[str, list[int]] = {name: [] for name in expressions}
    for round_number in range(ctx.repeat):
        ctx.progress(f"peak memory (round {round_number + 1} of {ctx.repeat})")
        for name, expression in expressions.items():
            peak = peak_memory(setup, expression, traced=False)
            rises[name].append(max(1, peak.rss_rise))
            peaks[name].append(peak.rss_after)
    measured = (
        "rise of peak RSS (VmHWM) above the interpreter with its imports, fresh interpreter, "
        f"median of {ctx.repeat}"
    )
    return [
        Result(
            name=name,
            claims=ctx.claims,
            unit="bytes",
            median=float(statistics.median(rises[name])),
            floor=float(statistics.median(rises["floor"])),
            minimum=float(min(rises[name])),
            maximum=float(max(rises[name])),
            target=TARGETS.get(name, Target("—")),
            extra={
                "measured_with": measured,
                "rss_peak_bytes": statistics.median(peaks[name]),
                "floor_rss_peak_bytes": statistics.median(peaks["floor"]),
            },
        )
        for name in ("load-peak-memory", "load-every-record-peak-memory")
    ]


HOSTILE_BYTES = 200 * 1024**2
"""Size of the hostile nested-array files of issue 16 (200 MB)."""

HOSTILE_ROW = b"[[[" + b",".join([b"0"] * 1000) + b"]]]"
"""One element of the hostile files: an array nested three deep around a thousand zeros."""

HOSTILE_ENVELOPE = (
    b'{"name": "claimtrack", "version": "1.0.0", "schema_version": 2, "people": [], "subjects": [], '
    b'"sources": [], "segments": [], "events": [], "claims": ['
)
"""The start of a release envelope whose claims are the nested arrays (every key right, no record)."""


def hostile_file(folder: Path, name: str, head: bytes, tail: bytes) -> Path:
    """Write (once) ``head``, nested-array rows up to ``HOSTILE_BYTES``, then ``tail``; the path."""
    path = folder / name
    if path.is_file() and path.stat().st_size >= HOSTILE_BYTES:
        return path
    partial = path.with_suffix(".partial")
    with partial.open("wb") as out:
        out.write(head)
        written = len(head)
        rows = max(1, (1024**2) // (len(HOSTILE_ROW) + 1))
        block = b",".join([HOSTILE_ROW] * rows)
        first = True
        while written < HOSTILE_BYTES:
            out.write(block if first else b"," + block)
            written += len(block) + (0 if first else 1)
            first = False
        out.write(tail)
    partial.replace(path)
    return path


def refusal(call: Callable[[], Any]) -> str:
    """Run ``call``, which must refuse its input with ``ClaimsError`` or report problems; what it said."""
    from claims.errors import ClaimsError

    try:
        outcome = call()
    except ClaimsError as exc:
        return f"refused: {str(exc)[:120]}"
    valid = getattr(outcome, "valid", None)
    if valid is True:
        raise RuntimeError("a hostile file was called valid")
    return f"reported: valid={valid}"


def hostile(ctx: Context) -> list[Result]:
    """Peak memory of ``claims validate`` and ``claims.load`` on 200 MB of nested arrays (issue 16),
    beside ``orjson.loads`` of the same bytes, each in a fresh interpreter.

    Two files: the arrays as the whole document (the top level is refused from its first byte), and
    the arrays as the claims of a release envelope that is right in every other key (parsed, found to
    hold no record, with the duplicate-key scan holding no second tree). Memory figures as ``memory``.
    """
    folder = ctx.corpus.folder.parent / "hostile"
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "hostile": hostile_file(folder, "nested-arrays.json", b"[", b"]"),
        "hostile-envelope": hostile_file(folder, "nested-claims.json", HOSTILE_ENVELOPE, b"]}"),
    }
    setup = "import orjson, claims, claims.validation.runner as r, benchmarks.workloads as w"
    results: list[Result] = []
    for prefix, path in files.items():
        shown = repr(str(path))
        expressions = {
            "floor": f"orjson.loads(open({shown}, 'rb').read())",
            f"{prefix}-validate-peak-memory": f"w.refusal(lambda: r.validate({shown}, jobs=1))",
            f"{prefix}-load-peak-memory": f"w.refusal(lambda: claims.load({shown}))",
        }
        rises: dict[str, list[int]] = {name: [] for name in expressions}
        for round_number in range(ctx.repeat):
            ctx.progress(f"{prefix} peak memory (round {round_number + 1} of {ctx.repeat})")
            for name, expression in expressions.items():
                peak = peak_memory(setup, expression, traced=False)
                rises[name].append(max(1, peak.rss_rise))
        results.extend(
            Result(
                name=name,
                claims=ctx.claims,
                unit="bytes",
                median=float(statistics.median(rises[name])),
                floor=float(statistics.median(rises["floor"])),
                minimum=float(min(rises[name])),
                maximum=float(max(rises[name])),
                target=TARGETS.get(name, Target("—")),
                extra={"file": str(path), "file_bytes": path.stat().st_size},
            )
            for name in expressions
            if name != "floor"
        )
    return results


def verify(ctx: Context) -> list[Result]:
    """Per-quote latency of exact and misquoted queries after the index is built; build time and memory."""
    names = ("verify-index-build", "verify-exact-p50", "verify-misquoted-p50")
    try:
        api = adapters.verify_api()
    except adapters.UnavailableError as exc:
        return [skipped(name, ctx.claims, str(exc), TARGETS.get(name, Target("—"))) for name in names]
    import claims

    ctx.progress("verify (loading release)")
    release_records = claims.load(ctx.path)
    read_every_record(release_records)  # build lazily loaded records now, not inside the index build
    fold = adapters.folder()
    text_bytes = int(ctx.corpus.meta["source_text_bytes"])
    scale = text_bytes / REFERENCE_TEXT_BYTES
    build_target = Target(f"≤ {15 * scale:.3g} s (15 s per 204 MB)", value_at_most=15 * scale)
    memory_target = Target(f"≤ {scale * 1024:.3g} MB (1 GB per 204 MB)", value_at_most=scale * 1024**3)
    ctx.progress("verify index build")
    try:
        build = time_runs(lambda: api.build(release_records), ctx.repeat)
    except Exception as exc:  # a half-written verifier must not stop the other workloads
        return [
            skipped(name, ctx.claims, f"index build raised {type(exc).__name__}: {exc}") for name in names
        ]
    fold_floor = time_runs(lambda: [fold(s.text or "") for s in release_records.sources], ctx.repeat)
    tracemalloc.start()
    index = api.build(release_records)
    index_bytes, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    results = [
        timed("verify-index-build", ctx, build, fold_floor, text_bytes=text_bytes),
        Result(
            name="verify-index-memory",
            claims=ctx.claims,
            unit="bytes",
            median=float(index_bytes),
            target=memory_target,
            extra={"text_bytes": text_bytes, "measured_with": "tracemalloc (Python allocations)"},
        ),
    ]
    results[0].target = build_target
    queries = ctx.corpus.queries(ctx.queries)
    ctx.progress(f"verify {len(queries)} queries")
    try:
        texts = {source.file: source.text or "" for source in release_records.sources}
        results.extend(_latencies(ctx, api, index, queries, texts))
    except Exception as exc:
        results.append(skipped("verify-exact-p50", ctx.claims, f"verify raised {type(exc).__name__}: {exc}"))
    results[0].extra["api"] = api.described
    return results


def _latencies(
    ctx: Context, api: adapters.VerifyApi, index: Any, queries: list[dict[str, Any]], texts: dict[str, str]
) -> list[Result]:
    for query in queries[:20]:
        api.ask(index, query)
    seconds: dict[str, list[float]] = {"exact": [], "misquoted": [], "misattributed": []}
    right: dict[str, int] = dict.fromkeys(seconds, 0)
    strict: dict[str, int] = dict.fromkeys(seconds, 0)
    for query in queries:
        start = time.perf_counter()
        raw = api.ask(index, query)
        seconds[query["kind"]].append(time.perf_counter() - start)
        answer = adapters.answer_of(raw)
        first, last = query["span"]
        right[query["kind"]] += answer.right(query, texts[query["source_file"]][first:last])
        strict[query["kind"]] += answer.strictly_right(query)
    results: list[Result] = []
    for kind in ("exact", "misquoted", "misattributed"):
        values = seconds[kind]
        if not values:
            continue
        for share, label in ((0.5, "p50"), (0.95, "p95")):
            name = f"verify-{kind}-{label}"
            results.append(
                Result(
                    name=name,
                    claims=ctx.claims,
                    median=percentile(values, share),
                    minimum=min(values),
                    maximum=max(values),
                    target=TARGETS.get(name, Target("—")),
                    extra={"queries": len(values)},
                )
            )
        recall_name = "verify-misquote-recall" if kind == "misquoted" else f"verify-{kind}-accuracy"
        results.append(
            Result(
                name=recall_name,
                claims=ctx.claims,
                unit="share",
                median=right[kind] / len(values),
                target=TARGETS.get(recall_name, Target("—")),
                extra={"queries": len(values), "right": right[kind], "right_source_and_span": strict[kind]},
            )
        )
    return results


WORKLOADS: dict[str, Callable[[Context], list[Result]]] = {
    "load": load,
    "validate": validate,
    "verify": verify,
    "release": release,
    "import": startup,
    "memory": memory,
    "web": web,
    "hostile": hostile,
}
"""Workload name (as ``--workloads`` takes it) -> its measurement."""

OPT_IN = ("hostile",)
"""Workloads run only when named (``--workloads hostile``): 400 MB of files and several GB of memory."""
