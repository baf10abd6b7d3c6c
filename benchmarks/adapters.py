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


class UnavailableError(Exception):
    """An entry point the workload needs is missing; the message is the reason reported."""


def validator() -> Callable[[Path], Any]:
    """``claims.validation.validate``, called with the release file's path."""
    try:
        module = importlib.import_module("claims.validation")
    except ImportError as exc:
        raise UnavailableError(f"claims.validation is not importable: {exc}") from exc
    validate = getattr(module, "validate", None)
    if not callable(validate):
        raise UnavailableError("claims.validation has no validate()")
    return validate  # type: ignore[no-any-return]


@dataclass(frozen=True)
class VerifyApi:
    """How to build the verify index once and ask it one query."""

    build: Callable[[Any], Any]
    ask: Callable[[Any, dict[str, Any]], Any]
    described: str


@dataclass(frozen=True)
class Answer:
    """The parts of a verify result the harness scores: the verdict and where the words were found."""

    verdict: str
    source_file: str | None
    span: tuple[int, int] | None
    text: str | None = None

    def strictly_right(self, query: dict[str, Any]) -> bool:
        """The expected verdict, in the query's source, on a span overlapping the query's."""
        if self.verdict != query["expected"] or self.source_file != query["source_file"] or self.span is None:
            return False
        start, end = query["span"]
        return bool(self.span[0] < end and start < self.span[1])

    def right(self, query: dict[str, Any], original: str) -> bool:
        """Strictly right, or the expected verdict on another passage that fits the quote as well.

        Template text repeats short phrases, so a short misquote can sit as close to another
        passage as to the one it was made from; finding that one is not a miss. ``original`` is the
        source's text the query was made from.
        """
        if self.strictly_right(query):
            return True
        if self.verdict != query["expected"] or self.text is None:
            return False
        found, made_from, asked = _plain(self.text), _plain(original), _plain(query["quote"])
        if query["kind"] == "misquoted":
            from rapidfuzz import fuzz

            return bool(fuzz.ratio(found, asked) >= fuzz.ratio(made_from, asked))
        return found == made_from


def _plain(text: str) -> str:
    from benchmarks.queries import as_typed

    return " ".join(as_typed(text).lower().split())


def answer_of(answer: Any) -> Answer:
    """Read a verify result (a pydantic model or its JSON dict) into an :class:`Answer`."""
    data = answer.model_dump(mode="json") if hasattr(answer, "model_dump") else answer
    if not isinstance(data, dict):
        raise TypeError(f"verify returned {type(answer).__name__}, expected a result with a verdict")
    span = data.get("span")
    return Answer(
        verdict=str(data.get("verdict")),
        source_file=data.get("source_file"),
        span=(span["start"], span["end"]) if isinstance(span, dict) else None,
        text=data.get("text"),
    )


def verify_api() -> VerifyApi:
    """The verification entry points: an index built from a release, and a per-quote call.

    Accepted shapes (the first found wins): ``claims.verification.Verifier(release)`` with a
    ``verify(quote, speaker=, date=)`` method; or ``claims.verification.verify(quote, speaker=,
    date=, release=|index=)`` with ``claims.verification.index.CorpusIndex.build(release)``.
    """
    try:
        module = importlib.import_module("claims.verification")
    except ImportError as exc:
        raise UnavailableError(f"claims.verification is not importable: {exc}") from exc
    verifier_cls = getattr(module, "Verifier", None)
    if verifier_cls is not None and callable(getattr(verifier_cls, "verify", None)):
        return VerifyApi(
            build=verifier_cls,
            ask=lambda verifier, q: verifier.verify(q["quote"], speaker=q["speaker"], date=q["date"]),
            described="claims.verification.Verifier(release).verify(quote, speaker=, date=)",
        )
    verify = getattr(module, "verify", None)
    if not callable(verify):
        raise UnavailableError("claims.verification has neither Verifier nor verify()")
    parameters = inspect.signature(verify).parameters
    for name in ("index", "release", "verifier"):
        if name in parameters:
            build = _index_builder(name)
            key = name

            def ask(built: Any, q: dict[str, Any], key: str = key) -> Any:
                return verify(q["quote"], speaker=q["speaker"], date=q["date"], **{key: built})

            return VerifyApi(build=build, ask=ask, described=f"claims.verification.verify(quote, {key}=...)")
    raise UnavailableError(f"claims.verification.verify{inspect.signature(verify)} takes no index or release")


def _index_builder(keyword: str) -> Callable[[Any], Any]:
    if keyword == "release":
        return lambda release: release
    try:
        index_module = importlib.import_module("claims.verification.index")
    except ImportError as exc:
        raise UnavailableError(f"claims.verification.index is not importable: {exc}") from exc
    corpus_index = getattr(index_module, "CorpusIndex", None)
    if corpus_index is None:
        raise UnavailableError("claims.verification.index has no CorpusIndex")
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
