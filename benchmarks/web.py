"""The ``web`` workload: a verify answered by ``claims serve``'s ASGI app, on the real dataset (issue 21).

Each question goes through the whole application (routing, query checks, the verify, the JSON
or the HTML page) by ``httpx`` over an ASGI transport: no socket, so the figure is the server's
own work. The questions are every claim's quote asked with its speaker and date (exact), and the
same quote with one word changed (a misquote, which takes the slower, fuzzy path).
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from benchmarks.measure import percentile
from benchmarks.results import Result, Target, skipped

REPO = Path(__file__).resolve().parent.parent
TARGET = Target("≤ 50 ms", value_at_most=0.050)
NAMES = ("web-verify-api-p50", "web-verify-api-p95", "web-verify-page-p50", "web-verify-page-p95")


def questions(release: Any) -> list[dict[str, str]]:
    """Every claim's quote with its speaker id and date, and a copy with its longest word changed."""
    asked: list[dict[str, str]] = []
    for claim in sorted(release.claims, key=lambda c: c.id):
        exact = {"quote": claim.quote, "speaker": claim.speaker_id, "date": claim.date.isoformat()}
        words = claim.quote.split()
        longest = max(range(len(words)), key=lambda n: len(words[n]))
        changed = " ".join([*words[:longest], "elephant", *words[longest + 1 :]])
        asked += [exact, {**exact, "quote": changed}]
    return asked


def web(ctx: Any) -> list[Result]:
    """p50 and p95 of ``/api/verify`` and ``/verify`` through the ASGI app, after start-up (timed too)."""
    try:
        import httpx

        from claims.web.app import create_app
    except ImportError as exc:
        reason = f"needs the web extra and httpx (pip install 'claimtrack[web]' httpx): {exc}"
        return [skipped(name, 0, reason, TARGET) for name in NAMES]
    import claims
    from claims.validation import validate

    target = REPO / "dataset" if (REPO / "dataset" / "sources.json").is_file() else None
    ctx.progress("web: start-up (load, index, validate)")
    started = time.perf_counter()
    release = claims.load(target)
    app = create_app(release, validate(target))
    startup = time.perf_counter() - started
    asked = questions(release)[: max(2, ctx.queries)]
    ctx.progress(f"web: {len(asked)} questions, JSON and page")
    seconds = asyncio.run(_time(app, asked, httpx))
    size = len(release.claims)
    results = [
        Result(
            name="web-startup",
            claims=size,
            median=startup,
            extra={"measured_with": "claims.load + validate + create_app (verify index built)"},
        )
    ]
    for kind, values in seconds.items():
        for share, label in ((0.5, "p50"), (0.95, "p95")):
            results.append(
                Result(
                    name=f"web-verify-{kind}-{label}",
                    claims=size,
                    median=percentile(values, share),
                    minimum=min(values),
                    maximum=max(values),
                    target=TARGET,
                    extra={"queries": len(values), "dataset": str(target or "bundled release")},
                )
            )
    return results


async def _time(app: Any, asked: list[dict[str, str]], httpx: Any) -> dict[str, list[float]]:
    seconds: dict[str, list[float]] = {"api": [], "page": []}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        for question in asked[:10]:  # warm-up
            await client.get("/api/verify", params=question)
        for question in asked:
            for kind, path in (("api", "/api/verify"), ("page", "/verify")):
                start = time.perf_counter()
                answer = await client.get(path, params=question)
                seconds[kind].append(time.perf_counter() - start)
                if answer.status_code != 200:
                    raise RuntimeError(f"{path} answered {answer.status_code} to {question}")
    return seconds
