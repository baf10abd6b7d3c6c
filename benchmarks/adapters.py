"""Find the package's validate and verify entry points, or say plainly why a workload must be skipped.

Validation and verification are being written alongside the harness; the harness looks their
entry points up at run time so it runs (and reports the gap) whatever state they are in.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class Unavailable(Exception):
    """An entry point the workload needs is missing; the message is the reason reported."""


def validator() -> Callable[[Path], Any]:
    """``claims.validation.validate``, called with the release file's path."""
    try:
        module = importlib.import_module("claims.validation")
    except ImportError as exc:
        raise Unavailable(f"claims.validation is not importable: {exc}") from exc
    validate = getattr(module, "validate", None)
    if not callable(validate):
        raise Unavailable("claims.validation has no validate()")
    return validate  # type: ignore[no-any-return]


@dataclass(frozen=True)
class VerifyApi:
    """How to build the verify index once and ask it one query."""

    build: Callable[[Any], Any]
    ask: Callable[[Any, dict[str, Any]], str]
    described: str


def _verdict(answer: Any) -> str:
    verdict = getattr(answer, "verdict", None)
    if verdict is None and isinstance(answer, dict):
        verdict = answer.get("verdict")
    return str(verdict)


def verify_api() -> VerifyApi:
    """The verification entry points: an index built from a release, and a per-quote call.

    Accepted shapes (the first found wins): ``claims.verification.Verifier(release)`` with a
    ``verify(quote, speaker=, date=)`` method; or ``claims.verification.verify(quote, speaker=,
    date=, release=|index=)`` with ``claims.verification.index.CorpusIndex.build(release)``.
    """
    try:
        module = importlib.import_module("claims.verification")
    except ImportError as exc:
        raise Unavailable(f"claims.verification is not importable: {exc}") from exc
    verifier_cls = getattr(module, "Verifier", None)
    if verifier_cls is not None and callable(getattr(verifier_cls, "verify", None)):
        return VerifyApi(
            build=verifier_cls,
            ask=lambda verifier, q: _verdict(verifier.verify(q["quote"], speaker=q["speaker"], date=q["date"])),
            described="claims.verification.Verifier(release).verify(quote, speaker=, date=)",
        )
    verify = getattr(module, "verify", None)
    if not callable(verify):
        raise Unavailable("claims.verification has neither Verifier nor verify()")
    parameters = inspect.signature(verify).parameters
    for name in ("index", "release", "verifier"):
        if name in parameters:
            build = _index_builder(name)
            key = name

            def ask(built: Any, q: dict[str, Any], key: str = key) -> str:
                return _verdict(verify(q["quote"], speaker=q["speaker"], date=q["date"], **{key: built}))

            return VerifyApi(build=build, ask=ask, described=f"claims.verification.verify(quote, {key}=...)")
    raise Unavailable(f"claims.verification.verify{inspect.signature(verify)} takes no index or release")


def _index_builder(keyword: str) -> Callable[[Any], Any]:
    if keyword == "release":
        return lambda release: release
    try:
        index_module = importlib.import_module("claims.verification.index")
    except ImportError as exc:
        raise Unavailable(f"claims.verification.index is not importable: {exc}") from exc
    corpus_index = getattr(index_module, "CorpusIndex", None)
    if corpus_index is None:
        raise Unavailable("claims.verification.index has no CorpusIndex")
    return corpus_index.build  # type: ignore[no-any-return]


def folder() -> Callable[[str], Any]:
    """The package's fold (``claims.verification.folding.fold``), or a plain stand-in when absent."""
    try:
        from claims.verification.folding import fold
    except ImportError:
        import re
        import unicodedata

        table = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})
        spaces = re.compile(r"\s+")
        return lambda text: spaces.sub(" ", unicodedata.normalize("NFKC", text).translate(table)).lower()
    return fold
