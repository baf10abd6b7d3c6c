"""``claims.verify`` and ``claims.verify_batch``: the fact-checker's questions as a Python API."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from claims.errors import InputError
from claims.records import Release
from claims.verification.index import CorpusIndex
from claims.verification.matching import Quote
from claims.verification.result import Asked, VerifyResult
from claims.verification.verdict import judge

ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class VerifyRequest(BaseModel):
    """One question: a quote, and optionally who said it, when, and in which source."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    quote: str = Field(min_length=1, description="The words to check.")
    speaker: str | None = Field(default=None, description="Who is said to have said them (a free-form name).")
    date: str | None = Field(default=None, description="When, as YYYY-MM-DD.")
    source: str | None = Field(
        default=None, description="A source file name, its stem or its 3-digit number."
    )


def parse_day(value: dt.date | str | None) -> dt.date | None:
    """A date given as ``YYYY-MM-DD`` (or a date); anything else is an :class:`InputError`."""
    if value is None or isinstance(value, dt.date):
        return value
    text = value.strip()
    if not text:
        return None
    try:
        if not ISO_DAY.match(text):
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"date {value!r}: expected a real day as YYYY-MM-DD, e.g. 2016-10-25") from None


class Verifier:
    """Answers verify questions against one release; folds and indexes the sources once."""

    def __init__(self, release: Release) -> None:
        self.release = release
        self.index = CorpusIndex.build(release)

    def resolve_source(self, source: str | None) -> str | None:
        """The source file named by a file name, stem or 3-digit number; InputError if none or several."""
        if source is None or not source.strip():
            return None
        wanted = Path(source.strip()).name
        files = sorted(self.index.by_file)
        found = [f for f in files if wanted in (f, f.removesuffix(".txt")) or f.split("_", 1)[0] == wanted]
        if len(found) != 1:
            raise InputError(f"source {source!r}: expected one of the dataset's sources: {', '.join(files)}")
        return found[0]

    def ask(self, speaker: str | None, date: dt.date | str | None, source: str | None) -> Asked:
        """Resolve a question's speaker, date and source (raising InputError/UnknownNameError)."""
        day = parse_day(date)
        source_file = self.resolve_source(source)
        speaker_id = None
        if speaker is not None and speaker.strip():
            speaker_id = self.index.names.resolve(speaker.strip(), source_file=source_file, day=day)
        return Asked(
            speaker=speaker if speaker_id else None, speaker_id=speaker_id, date=day, source_file=source_file
        )

    def verify(
        self,
        quote: str,
        *,
        speaker: str | None = None,
        date: dt.date | str | None = None,
        source: str | None = None,
    ) -> VerifyResult:
        """The verdict on one quote (see :mod:`claims.verification.verdict`)."""
        asked = self.ask(speaker, date, source)
        return judge(self.index, _parse_quote(quote), asked)

    def verify_batch(
        self, requests: Iterable[VerifyRequest | Mapping[str, Any]], *, places: Sequence[str] | None = None
    ) -> list[VerifyResult]:
        """Verdicts for many quotes; every question is checked before any is answered.

        A bad question raises :class:`InputError` naming its place (``places[i]``, e.g. a file
        and line, else "question N"), so a batch is answered whole or refused whole.
        """
        checked: list[tuple[Quote, Asked]] = []
        for number, item in enumerate(requests, start=1):
            where = places[number - 1] if places is not None else f"question {number}"
            try:
                request = item if isinstance(item, VerifyRequest) else VerifyRequest.model_validate(item)
                checked.append(
                    (_parse_quote(request.quote), self.ask(request.speaker, request.date, request.source))
                )
            except ValidationError as exc:
                first = exc.errors(include_url=False)[0]
                field = ".".join(str(p) for p in first["loc"]) or "item"
                raise InputError(f"{where}: {field}: {first['msg']}") from None
            except InputError as exc:
                raise type(exc)(f"{where}: {exc}", *_extra_args(exc)) from exc
        return [judge(self.index, quote, asked) for quote, asked in checked]


def _extra_args(exc: InputError) -> list[Any]:
    candidates = getattr(exc, "candidates", None)
    return [candidates] if candidates is not None else []


def _parse_quote(quote: str) -> Quote:
    parsed = Quote.parse(quote)
    if not parsed.pieces or not any(c.isalnum() for c in parsed.joined):
        raise InputError(f"quote {quote!r}: expected words to look for")
    return parsed


_CACHE: list[Verifier] = []


def verifier_for(release: Release | str | Path | None = None) -> Verifier:
    """A verifier for ``release`` (a Release, a path, or None for the bundled release); the last one is reused."""
    if not isinstance(release, Release):
        from claims.loading import load

        release = load(release)
    if _CACHE and _CACHE[0].release is release:
        return _CACHE[0]
    verifier = Verifier(release)
    _CACHE[:] = [verifier]
    return verifier


def verify(
    quote: str,
    *,
    speaker: str | None = None,
    date: dt.date | str | None = None,
    source: str | None = None,
    release: Release | str | Path | None = None,
) -> VerifyResult:
    """Did ``speaker`` say ``quote`` on ``date``? A verdict with its evidence.

    ``release`` is a loaded release, a release file or dataset directory, or None for the
    release bundled with the package. Raises :class:`claims.InputError` for unusable input
    (a bad date, an unknown source) and :class:`claims.UnknownNameError` for a speaker name that
    names no one or several people.
    """
    return verifier_for(release).verify(quote, speaker=speaker, date=date, source=source)


def verify_batch(
    requests: Iterable[VerifyRequest | Mapping[str, Any]], *, release: Release | str | Path | None = None
) -> list[VerifyResult]:
    """Verdicts for many questions (mappings with quote, speaker, date, source), in order."""
    return verifier_for(release).verify_batch(requests)
