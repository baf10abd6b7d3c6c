"""Profiles of the main call of each workload (pyinstrument), to say what dominates its cost."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import adapters
from benchmarks.corpus import Corpus


def _calls(corpus: Corpus) -> dict[str, Callable[[], Any]]:
    """Workload name -> the call profiled (what the workload times, without its floor)."""
    import claims
    from claims.canonical import release_bytes

    path = corpus.release_path
    calls: dict[str, Callable[[], Any]] = {"load": lambda: claims.load(path)}
    try:
        validate = adapters.validator()
        calls["validate"] = lambda: validate(path)
    except adapters.UnavailableError:
        pass
    release = claims.load(path)
    calls["release"] = lambda: release_bytes(release)
    try:
        api = adapters.verify_api()
    except adapters.UnavailableError:
        return calls
    calls["verify"] = lambda: api.build(release)
    built = api.build(release)
    misquoted = [q for q in corpus.queries(200) if q["kind"] == "misquoted"][:50]
    calls["verify-misquoted"] = lambda: [api.ask(built, q) for q in misquoted]
    return calls


def write_profiles(corpus: Corpus, workloads: tuple[str, ...], folder: Path) -> list[Path]:
    """Profile each chosen workload's call once (after a warm-up); write ``<name>-<claims>.txt``."""
    from claims.jsonio import atomic_write

    try:
        from pyinstrument import Profiler
    except ImportError as exc:
        raise RuntimeError("--profile needs pyinstrument: pip install 'claimtrack[bench]'") from exc
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, call in _calls(corpus).items():
        if name.split("-")[0] not in workloads:
            continue
        call()
        gc.collect()
        if name == "load":  # timed with the collector off, so profiled that way too
            gc.disable()
        profiler = Profiler(interval=0.001)
        profiler.start()
        try:
            call()
        finally:
            profiler.stop()
            gc.enable()
        target = folder / f"{name}-{corpus.spec.claims}.txt"
        atomic_write(target, profiler.output_text(unicode=True, color=False).encode("utf-8"))
        written.append(target)
    return written
