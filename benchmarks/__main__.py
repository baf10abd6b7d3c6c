"""``python -m benchmarks``: generate (or reuse) a synthetic corpus and measure each workload beside its floor."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console

from benchmarks.corpus import default_cache_dir
from benchmarks.harness import Options, execute, plot, scaling_table, table
from benchmarks.workloads import OPT_IN, WORKLOADS

DEFAULT_CLAIMS = 10_000


def _positive(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, found {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, found {text!r}")
    return value


def _sizes(text: str) -> tuple[int, ...]:
    parts = [part for part in text.split(",") if part.strip()]
    if not parts:
        raise argparse.ArgumentTypeError("expected sizes like 10000,100000,1000000")
    return tuple(_positive(part.strip()) for part in parts)


def _workloads(text: str) -> tuple[str, ...]:
    names = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [name for name in names if name not in WORKLOADS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown workload {', '.join(unknown) or '(none given)'}; choose from {', '.join(WORKLOADS)}"
        )
    return names


def parser() -> argparse.ArgumentParser:
    """The command line of the harness."""
    p = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Measure load, validate, verify, release, import, peak memory and the web desk's verify beside their floors "
        "on a deterministic synthetic corpus (issue 7).",
    )
    p.add_argument(
        "--claims", type=_positive, default=None, help=f"claims in the corpus (default {DEFAULT_CLAIMS})"
    )
    p.add_argument("--sources", type=_positive, default=None, help="source documents (default claims / 100)")
    p.add_argument(
        "--claims-per-source", type=_positive, default=100, help="used when --sources is not given"
    )
    p.add_argument(
        "--sizes", type=_sizes, default=None, help="run at several claim counts, e.g. 10000,100000"
    )
    p.add_argument("--repeat", type=_positive, default=5, help="timed runs after one warm-up (default 5)")
    p.add_argument(
        "--queries", type=_positive, default=1000, help="verify queries timed (default and max 1000)"
    )
    p.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    p.add_argument(
        "--workloads",
        type=_workloads,
        default=tuple(name for name in WORKLOADS if name not in OPT_IN),
        help=f"comma-separated: {','.join(WORKLOADS)} ({', '.join(OPT_IN)} only when named)",
    )
    p.add_argument(
        "--cache-dir", type=Path, default=None, help=f"where corpora are kept (default {default_cache_dir()})"
    )
    p.add_argument("--json", type=Path, default=None, dest="json_path", help="write the figures as JSON here")
    p.add_argument(
        "--shared-process",
        action="store_true",
        help="run every workload in this process, one after another, instead of each in a forked "
        "process of its own (a workload then runs in the heap the earlier ones left)",
    )
    p.add_argument(
        "--corpus",
        type=Path,
        default=None,
        metavar="DIR",
        help="verify on real text instead: a release of DIR's .md/.txt files, beside tantivy + rapidfuzz "
        "and SQLite FTS5 + rapidfuzz (--queries sentences, 300 unless given; see docs/performance.md)",
    )
    p.add_argument(
        "--profile",
        type=Path,
        default=None,
        metavar="DIR",
        help="also profile each workload's call at the largest size with pyinstrument; text profiles go to DIR",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, print the table; exit 0, or 2 with one message on bad input."""
    args = parser().parse_args(argv)
    if args.corpus is not None:
        from benchmarks.realtext import main as real_text

        explicit = argv is not None and any(a.startswith("--queries") for a in argv)
        return real_text(args.corpus, count=args.queries if explicit else 300, seed=args.seed)
    err = Console(stderr=True)
    out = Console(width=None if sys.stdout.isatty() else 160)
    if args.sizes and args.claims:
        err.print("[red]benchmarks: error:[/] give --claims or --sizes, not both")
        return 2
    if args.sizes and len(args.sizes) > 1 and args.sources:
        err.print("[red]benchmarks: error:[/] --sources fixes one size; with --sizes use --claims-per-source")
        return 2
    options = Options(
        sizes=args.sizes or (args.claims or DEFAULT_CLAIMS,),
        sources=args.sources,
        claims_per_source=args.claims_per_source,
        repeat=args.repeat,
        queries=min(args.queries, 1000),
        seed=args.seed,
        workloads=args.workloads,
        cache_dir=(args.cache_dir or default_cache_dir()).expanduser(),
        json_path=args.json_path,
        isolate=not args.shared_process,
    )
    try:
        run = execute(options, err)
    except (OSError, ValueError, RuntimeError) as exc:
        err.print(f"[red]benchmarks: error:[/] {exc}")
        return 2
    except KeyboardInterrupt:
        err.print("[red]benchmarks: interrupted[/]")
        return 130
    out.print(table(run))
    if len(options.sizes) > 1:
        out.print(scaling_table(run))
    if options.json_path is not None:
        from claims.jsonio import atomic_write, dumps

        try:
            atomic_write(options.json_path, dumps(run.to_json()))
        except OSError as exc:
            err.print(f"[red]benchmarks: error:[/] cannot write {options.json_path}: {exc}")
            return 2
        err.print(f"figures written to {options.json_path}")
        if len(options.sizes) > 1:
            png = plot(run, options.json_path.with_suffix(".png"))
            err.print(f"plot written to {png}" if png else "no plot: matplotlib is not installed")
    if args.profile is not None:
        from benchmarks.corpus import CorpusSpec, ensure_corpus
        from benchmarks.profiles import write_profiles

        size = max(options.sizes)
        corpus = ensure_corpus(CorpusSpec(size, options.sources_for(size), options.seed), options.cache_dir)
        try:
            for written in write_profiles(corpus, options.workloads, args.profile):
                err.print(f"profile written to {written}")
        except (OSError, RuntimeError) as exc:
            err.print(f"[red]benchmarks: error:[/] {exc}")
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
