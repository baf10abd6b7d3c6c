"""Assertions: what a claim states that can be checked against the timeline and other documents."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, model_validator

from claims.records.base import Record, Slug

Qualifier = Literal["exactly", "at-least", "about", "more-than", "at-most", "fewer-than"]


class DateInterval(Record):
    """A closed range of days; a single day has start == end."""

    end: dt.date = Field(description="Last day of the range.")
    start: dt.date = Field(description="First day of the range.")

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

    as_of: dt.date = Field(description="The day the number is stated to be current.")
    event_id: Slug | None = Field(default=None, description="The event measured, if any.")
    expression: str = Field(min_length=1, description="The words as printed.")
    kind: Literal["quantity"] = Field(description="Discriminator.")
    measure: Slug = Field(description="What is counted; shared with other claims and events' facts.")
    qualifier: Qualifier = Field(description="How the number bounds the quantity.")
    value: float = Field(description="The number.")


class RoleReference(Record):
    """A person named with a title ('Defense Secretary Ash Carter') on the claim's date."""

    date: dt.date = Field(description="The day the title is used for.")
    expression: str = Field(min_length=1, description="The words as printed.")
    kind: Literal["role-reference"] = Field(description="Discriminator.")
    person_id: Slug = Field(description="Who is named.")
    title: str = Field(min_length=1, description="The title as printed, e.g. 'Defense Secretary'.")


Assertion = Annotated[
    MeetingCount | MeetingOrdinal | DateReference | Quantity | RoleReference,
    Field(discriminator="kind"),
]
