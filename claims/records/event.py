"""Events of the timeline: meetings, ministerials, calls, signings, conferences, attacks."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from claims.records.base import Confidence, FileName, IsoDate, Record, Slug, WebUrl

EventKind = Literal[
    "bilateral-meeting",
    "ministerial",
    "summit",
    "conference",
    "phone-call",
    "press-conference",
    "signing",
    "visit",
    "attack",
    "military-operation",
    "negotiation",
    "election",
    "hearing",
    "statement",
    "other",
]

MEETING_KINDS: frozenset[str] = frozenset(
    {"bilateral-meeting", "ministerial", "summit", "conference", "press-conference", "signing", "visit"}
)
"""Event kinds at which participants meet in person, counted by meeting-count assertions."""


class Evidence(Record):
    """Where a fact comes from: a source file of the dataset, or an outside url."""

    confidence: Confidence = Field(default="high", description="How sure the record is.")
    note: str | None = Field(default=None, description="What this evidence shows.")
    source_file: FileName | None = Field(
        default=None, description="A source of the dataset that mentions it."
    )
    url: WebUrl | None = Field(default=None, description="An outside record that establishes it.")

    @model_validator(mode="after")
    def _has_origin(self) -> Evidence:
        if self.source_file is None and self.url is None:
            raise ValueError("evidence needs a source_file or a url")
        return self


class QuantityFact(Record):
    """A measured quantity the record holds for an event, as of a date (a death toll, say)."""

    as_of: IsoDate = Field(description="The day the number was current.")
    evidence: list[Evidence] = Field(min_length=1, description="Where the number comes from.")
    measure: Slug = Field(description="What is counted; claims' quantity assertions use the same id.")
    qualifier: Literal["exactly", "at-least", "about", "more-than", "at-most", "fewer-than"] = Field(
        description="How the number bounds the quantity."
    )
    value: float = Field(description="The number.")


class Event(Record):
    """Something that happened on a day or across days, as the sources and public records show."""

    date: IsoDate = Field(description="The (first) day.")
    date_derivation: str | None = Field(
        default=None, description="How the date was established where no record states it outright."
    )
    end_date: IsoDate | None = Field(default=None, description="The last day, for events over several days.")
    evidence: list[Evidence] = Field(
        min_length=1, description="Sources and outside records that evidence it."
    )
    id: Slug = Field(description="Stable slug id, e.g. 'coalition-defence-ministers-2016-10-25-paris'.")
    kind: EventKind = Field(description="What sort of event.")
    name: str = Field(min_length=1, description="A short human-readable name.")
    ordinal: int | None = Field(default=None, ge=1, description="The event's place in its series.")
    participants: list[Slug] = Field(default_factory=list, description="Person ids of those taking part.")
    place: str | None = Field(default=None, description="Where, as 'City, Country' where known.")
    quantities: list[QuantityFact] = Field(default_factory=list, description="Numbers the record holds.")
    series: Slug | None = Field(default=None, description="The series the event belongs to, if any.")

    @model_validator(mode="after")
    def _consistent(self) -> Event:
        if self.end_date is not None and self.end_date < self.date:
            raise ValueError(f"end_date {self.end_date} is before date {self.date}")
        if self.ordinal is not None and self.series is None:
            raise ValueError("an ordinal needs a series")
        return self

    @property
    def last_day(self) -> dt.date:
        """The last day of the event (its date for one-day events)."""
        return self.end_date or self.date
