"""Shared building blocks of every record: base config, id and date types, spans."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PARTIAL_DATE_PATTERN = r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$"

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=120),
]
"""Lower-case words joined by single hyphens: the one id form of people, events, subjects, claims."""

FileName = Annotated[str, StringConstraints(min_length=1, max_length=255)]
"""A file name under ``dataset/sources/``; confinement is checked by ``claims validate``."""

WebUrl = Annotated[
    str,
    StringConstraints(pattern=r"^https?://[^\s/?#]+[^\s]*$", min_length=8, max_length=2048),
    Field(json_schema_extra={"format": "uri"}),
]
"""An absolute http(s) URL: what every url field of a record holds (a Web Annotation target, evidence)."""

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value: Any) -> Any:
    """A JSON string ``YYYY-MM-DD`` as the day it names; anything else is left to the date validator.

    Files are validated strictly (``strict=True``), which on Python objects refuses every string;
    this reads exactly the ISO calendar-date form, so ``"2016-11-28T00:00:00Z"``, ``"20161128"``
    and ``"2016-02-30"`` are refused in every mode, and a number is never a timestamp.
    """
    if type(value) is str:
        if _ISO_DAY.fullmatch(value) is None:
            raise ValueError(f"expected a date in the form YYYY-MM-DD, found {value!r}")
        return dt.date.fromisoformat(value)
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_day)]
"""A day, written in JSON as the string ``YYYY-MM-DD`` (``format: date``) and nothing else."""

PartialDate = Annotated[str, StringConstraints(pattern=PARTIAL_DATE_PATTERN)]
"""An ISO date known to the year, the month or the day (``2009``, ``2015-07``, ``2015-02-17``)."""

Confidence = Literal["high", "medium-high", "medium", "low"]


class Record(BaseModel):
    """Base of every record: unknown fields are refused, instances are immutable.

    NaN and infinities are refused as JSON has no such numbers (a release parsed in one pass by
    pydantic-core must accept exactly what the strict JSON parser of the lenient path accepts).
    Every record declares its fields in alphabetical order, the order a release writes them: its
    ``__dict__`` is then already key-sorted, which makes ``claims.canonical.release_bytes``
    faster (orjson's key sort has nothing to move); ``tests/test_fast_paths.py`` keeps it so.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False, allow_inf_nan=False)


class Span(Record):
    """Half-open ``[start, end)`` range of Python ``str`` offsets into a source's decoded text."""

    end: int = Field(ge=0, description="Offset one past the last character; greater than start.")
    start: int = Field(ge=0, description="Offset of the first character.")

    @model_validator(mode="after")
    def _end_after_start(self) -> Span:
        if self.end <= self.start:
            raise ValueError(f"span end {self.end} must be greater than start {self.start}")
        return self

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        """True when ``other`` lies wholly inside this span."""
        return self.start <= other.start and other.end <= self.end


def partial_date_bounds(value: str) -> tuple[dt.date, dt.date]:
    """Earliest and latest day a partial ISO date can denote (``2015-07`` → 1 to 31 July)."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = dt.date(parts[0], parts[1], parts[2])
        return day, day
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return first, nxt - dt.timedelta(days=1)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def check_partial_date(value: str) -> str:
    """Reject a partial date that matches the pattern but names no real day (``2015-02-30``)."""
    try:
        partial_date_bounds(value)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date: {exc}") from exc
    return value


def slugify(text: str) -> str:
    """Turn free text into the slug id form (``Ash Carter`` → ``ash-carter``)."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"
