"""Assertions: what a claim states that can be checked against the timeline and other documents."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from claims.records.base import FileName, IsoDate, Record, Slug
from claims.records.event import EventKind

Qualifier = Literal["exactly", "at-least", "about", "more-than", "at-most", "fewer-than"]


class DateInterval(Record):
    """A closed range of days; a single day has start == end."""

    end: IsoDate = Field(description="Last day of the range.")
    start: IsoDate = Field(description="First day of the range.")

    @model_validator(mode="after")
    def _ordered(self) -> DateInterval:
        if self.end < self.start:
            raise ValueError(f"interval end {self.end} is before start {self.start}")
        return self


class MeetingCount(Record):
    """'fourth meeting in five months': how many times the participants met in a window."""

    count: int = Field(ge=1, description="The number of meetings claimed, this one included where it counts.")
    event_id: Slug | None = Field(
        default=None, description="The meeting that is the count-th, if one is named."
    )
    event_kinds: list[EventKind] = Field(
        default_factory=list,
        description="The kinds of event counted ('the two discussions': phone calls); empty: in-person meetings.",
    )
    expression: str = Field(min_length=1, description="The words as printed.")
    kind: Literal["meeting-count"] = Field(description="Discriminator.")
    participants: list[Slug] = Field(min_length=2, description="Person ids who met.")
    window: DateInterval = Field(description="The window the count covers.")


class MeetingOrdinal(Record):
    """'Today is the fifth meeting': an event's place in a series."""

    event_id: Slug = Field(description="The event said to hold that place.")
    expression: str = Field(min_length=1, description="The words as printed.")
    kind: Literal["meeting-ordinal"] = Field(description="Discriminator.")
    ordinal: int = Field(ge=1, description="The place claimed.")
    series: Slug = Field(description="The series counted.")


class DateReference(Record):
    """A date named in words ('Friday's attacks', 'mid-December') resolved against the claim's date."""

    event_id: Slug | None = Field(default=None, description="The event the expression names.")
    expression: str = Field(min_length=1, description="The expression as printed.")
    kind: Literal["date-reference"] = Field(description="Discriminator.")
    resolves_to: DateInterval = Field(
        description="The days the expression can denote, given the claim's date."
    )


class Quantity(Record):
    """A number the claim states about a measure, with how it bounds it and when it was current."""

    as_of: IsoDate = Field(description="The day the number is stated to be current.")
    event_id: Slug | None = Field(default=None, description="The event measured, if any.")
    expression: str = Field(min_length=1, description="The words as printed.")
    kind: Literal["quantity"] = Field(description="Discriminator.")
    measure: Slug = Field(description="What is counted; shared with other claims and events' facts.")
    qualifier: Qualifier = Field(description="How the number bounds the quantity.")
    value: float = Field(description="The number.")


class RoleReference(Record):
    """A person named with a title ('Defense Secretary Ash Carter') on the claim's date."""

    date: IsoDate = Field(description="The day the title is used for.")
    expression: str = Field(min_length=1, description="The words as printed.")
    kind: Literal["role-reference"] = Field(description="Discriminator.")
    person_id: Slug = Field(description="Who is named.")
    title: str = Field(min_length=1, description="The title as printed, e.g. 'Defense Secretary'.")


class EventReference(Record):
    """An expression that names an event rather than a date ('the NATO summit', 'at the G7', 'just did')."""

    event_id: Slug = Field(description="The event the expression names.")
    expression: str = Field(min_length=1, description="The expression as printed.")
    kind: Literal["event-reference"] = Field(description="Discriminator.")
    relation: Literal["past", "ongoing", "future"] = Field(
        description="Where the expression places the event against the claim's date: before, around or after it."
    )
    within: DateInterval | None = Field(
        default=None,
        description="The days the event must fall in, where the words bound it ('just did': the days before).",
    )


class Expectation(Record):
    """A statement about a future event ('They will meet in Europe at the end of October')."""

    event_kinds: list[EventKind] = Field(min_length=1, description="The kinds of event announced.")
    expression: str = Field(min_length=1, description="The words as printed.")
    fulfilled_by: Slug | None = Field(
        default=None, description="The event of the timeline that fulfils it, where the record holds one."
    )
    kind: Literal["expectation"] = Field(description="Discriminator.")
    participants: list[Slug] = Field(min_length=1, description="Person ids the event is announced for.")
    place: str | None = Field(default=None, description="Where it is to happen, as the words say ('Europe').")
    window: DateInterval = Field(description="The days the words name for it, given the claim's date.")


class SourceQuotation(Record):
    """Words of another source of the dataset, quoted in the claim (a reporter reading out a statement)."""

    expression: str = Field(
        min_length=1, description="The quoted words, exactly as the claim's quote prints them."
    )
    kind: Literal["source-quotation"] = Field(description="Discriminator.")
    source_file: FileName = Field(description="The source whose words are quoted.")


Assertion = Annotated[
    MeetingCount
    | MeetingOrdinal
    | DateReference
    | Quantity
    | RoleReference
    | EventReference
    | Expectation
    | SourceQuotation,
    Field(discriminator="kind"),
]
