"""``claims.verify`` and ``claims.verify_batch``: the fact-checker's questions as a Python API."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from claims.errors import InputError, UnknownNameError
from claims.names import fold_name
from claims.records import Release, source_stem
from claims.verification.index import CorpusIndex
from claims.verification.quote import Quote
from claims.verification.result import Asked, ResultError, VerifyResult
from claims.verification.verdict import judge

ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

QUESTIONERS = frozenset(
    {"q", "question", "questioner", "reporter", "a reporter", "journalist", "a journalist", "the reporter"}
)
"""Folded names that, with a source, mean any questioner of that source."""

T = TypeVar("T")


def error_code(exc: Exception) -> str:
    """The stable code of a batch row's problem (see docs/verify.md)."""
    own = getattr(exc, "code", None)
    return own if isinstance(own, str) and own else "bad-row"


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
        raise InputError(
            f"date {value!r}: expected a real day as YYYY-MM-DD, e.g. 2016-10-25", code="bad-date"
        ) from None


class Verifier:
    """Answers verify questions against one release; folds and indexes the sources once."""

    def __init__(self, release: Release) -> None:
        self.release = release
        self.index = CorpusIndex.build(release)

    def resolve_source(self, source: str | None) -> str | None:
        """The source file named by a file name, stem or id prefix (``004``); InputError if none or several."""
        if source is None or not source.strip():
            return None
        wanted = Path(source.strip()).name
        files = sorted(self.index.by_file)
        prefixes = {s.file: s.record_prefix for s in self.release.sources}
        found = [f for f in files if wanted in (f, source_stem(f)) or prefixes.get(f) == wanted]
        if len(found) != 1:
            raise InputError(
                f"source {source!r}: expected one of the dataset's sources: {', '.join(files)}",
                code="unknown-source",
            )
        return found[0]

    def ask(self, speaker: str | None, date: dt.date | str | None, source: str | None) -> Asked:
        """Resolve a question's speaker, date and source (raising InputError/UnknownNameError).

        With a source, "Q", "QUESTION", "a reporter" (:data:`QUESTIONERS`), or a label several of
        the source's questioners share, name any questioner of that source (``speaker_ids``).
        """
        day = parse_day(date)
        source_file = self.resolve_source(source)
        if speaker is None or not speaker.strip():
            return Asked(date=day, source_file=source_file)
        name = speaker.strip()
        if source_file is not None:
            group = self._questioners(name, source_file)
            if group:
                return Asked(
                    speaker=speaker,
                    speaker_id=group[0] if len(group) == 1 else None,
                    speaker_ids=group,
                    date=day,
                    source_file=source_file,
                )
        names = self.index.names
        found, note = names.resolve_titled(name, source_file=source_file, day=day)
        if len(found) == 1:
            speaker_id = next(iter(found))
        else:
            try:
                speaker_id = names.resolve(name, source_file=source_file, day=day)
            except UnknownNameError:
                if len(found) > 1:  # a title several people held: say so, not "no such person"
                    raise names.ambiguous(name, found) from None
                raise
            note = None
        return Asked(
            speaker=speaker, speaker_id=speaker_id, date=day, source_file=source_file, title_note=note
        )

    def _questioners(self, name: str, source_file: str) -> list[str]:
        """Every questioner of ``source_file`` when ``name`` means any of them (else empty)."""
        asking = self.index.questioners.get(source_file, [])
        if not asking:
            return []
        folded = fold_name(name)
        if folded in QUESTIONERS:
            return list(asking)
        labelled = self.index.names.lookup(name, source_file=source_file)
        if len(labelled) > 1 and labelled <= set(asking):
            return [pid for pid in asking if pid in labelled]
        return []

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
        self,
        requests: Iterable[VerifyRequest | Mapping[str, Any] | InputError],
        *,
        places: Sequence[str] | None = None,
        strict: bool = True,
    ) -> list[VerifyResult]:
        """Verdicts for many quotes, in order.

        ``strict`` (the default): every question is checked before any is answered, and a bad
        question raises :class:`InputError` naming its place (``places[i]``, e.g. a file and line,
        else "question N"), so a batch is answered whole or refused whole. Otherwise every question
        is answered: an unusable one (or an :class:`InputError` given in its place, a row a reader
        could not parse) gets a result whose ``error`` says why, with no verdict.
        """
        checked: list[tuple[Quote, Asked] | VerifyResult] = []
        for number, item in enumerate(requests, start=1):
            where = places[number - 1] if places is not None else f"question {number}"
            quote = item.get("quote") if isinstance(item, Mapping) else getattr(item, "quote", None)
            try:
                if isinstance(item, InputError):
                    raise item
                request = item if isinstance(item, VerifyRequest) else VerifyRequest.model_validate(item)
                checked.append(
                    (_parse_quote(request.quote), self.ask(request.speaker, request.date, request.source))
                )
            except ValidationError as exc:
                first = exc.errors(include_url=False)[0]
                field = ".".join(str(p) for p in first["loc"]) or "item"
                message = f"{where}: {field}: {first['msg']}"
                if strict:
                    raise InputError(message) from None
                checked.append(error_result(quote, message, "bad-row"))
            except InputError as exc:
                message = str(exc) if isinstance(item, InputError) else f"{where}: {exc}"
                if strict:
                    if isinstance(item, InputError):
                        raise
                    raise _with_code(type(exc)(message, *_extra_args(exc)), exc) from exc
                checked.append(error_result(quote, message, error_code(exc)))
        return [
            item if isinstance(item, VerifyResult) else judge(self.index, item[0], item[1])
            for item in checked
        ]


def error_result(quote: object, message: str, code: str) -> VerifyResult:
    """The answer to an unusable batch row: no verdict, and the ``error`` saying why."""
    return VerifyResult(
        verdict=None,
        quote=quote if isinstance(quote, str) else "",
        speaker_id=None,
        date=None,
        source_file=None,
        span=None,
        text=None,
        claim_ids=[],
        segment=None,
        diff=[],
        candidates=[],
        asked=Asked(),
        error=ResultError(code=code, message=message),
        explanation=message,
    )


def _with_code(new: InputError, old: InputError) -> InputError:
    new.code = old.code
    return new


def _extra_args(exc: InputError) -> list[Any]:
    candidates = getattr(exc, "candidates", None)
    return [candidates] if candidates is not None else []


def _parse_quote(quote: str) -> Quote:
    parsed = Quote.parse(quote)
    if not parsed.pieces or not any(c.isalnum() for c in parsed.joined):
        raise InputError(f"quote {quote!r}: expected words to look for", code="no-words")
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

    >>> import claims
    >>> result = claims.verify("a privilege to host my good friend and ally", speaker="Carter")
    >>> result.verdict, result.speaker_id, result.claim_ids
    ('misquoted', 'ashton-carter', ['000-c0001'])
    >>> [(entry.op, entry.source) for entry in result.diff if entry.op != "equal"]
    [('dropped', 'staunch')]
    >>> rhodes = "the United States and France also will be intensifying intelligence sharing"
    >>> claims.verify(rhodes, speaker="Ben Rhodes").verdict  # AFP's indirect speech
    'paraphrased'
    """
    return verifier_for(release).verify(quote, speaker=speaker, date=date, source=source)


def verify_batch(
    requests: Iterable[VerifyRequest | Mapping[str, Any]],
    *,
    release: Release | str | Path | None = None,
    strict: bool = True,
) -> list[VerifyResult]:
    """Verdicts for many questions (mappings with quote, speaker, date, source), in order.

    ``strict=False`` answers every question, an unusable one with a result carrying ``error``.
    """
    return verifier_for(release).verify_batch(requests, strict=strict)
