"""People who speak or are quoted, with every surface form the sources use and their dated offices."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from claims.records.base import (
    Confidence,
    FileName,
    PartialDate,
    Record,
    Slug,
    WebUrl,
    check_partial_date,
    partial_date_bounds,
)

CheckedPartialDate = Annotated[PartialDate, AfterValidator(check_partial_date)]


class Role(Record):
    """An office a person held between two (possibly partial) dates."""

    confidence: Confidence = Field(default="high", description="How sure the record is of the dates.")
    country: str = Field(min_length=2, max_length=2, description="ISO 3166-1 alpha-2 country code.")
    end: CheckedPartialDate | None = Field(
        default=None, description="Last day in office (ISO); null while in office."
    )
    evidence: list[WebUrl] = Field(
        default_factory=list, description="URLs that establish the office and dates."
    )
    organization: str = Field(min_length=1, description="The body the office belongs to.")
    speaks_for: Slug | None = Field(
        default=None,
        description="For a spokesperson's office (press secretary, spokesperson): the id of the "
        "organisation (a person record of kind organization) it speaks for; its words asked as the "
        "organisation's are the organisation's.",
    )
    start: CheckedPartialDate = Field(
        description="First day in office (ISO; year or month precision allowed)."
    )
    title: str = Field(min_length=1, description="The office's canonical title, e.g. 'Secretary of Defense'.")
    title_forms: list[str] = Field(
        default_factory=list,
        description="Other ways the title is printed ('Defense Secretary', 'SEC.', 'Minister of Defence').",
    )

    @model_validator(mode="after")
    def _end_not_before_start(self) -> Role:
        if self.end is not None and partial_date_bounds(self.end)[1] < partial_date_bounds(self.start)[0]:
            raise ValueError(f"role end {self.end} is before its start {self.start}")
        return self

    def may_hold_on(self, day: dt.date) -> bool:
        """True when ``day`` can fall within the office, given the dates' precision."""
        if day < partial_date_bounds(self.start)[0]:
            return False
        return self.end is None or day <= partial_date_bounds(self.end)[1]


class Person(Record):
    """Someone who speaks or is quoted; an unnamed speaker is a person scoped to one source."""

    aliases: list[str] = Field(
        default_factory=list,
        description="Every surface form the sources use: labels as printed, short forms, misspellings.",
    )
    anonymous: bool = Field(
        default=False, description="True for a speaker the source does not identify; never merged by guess."
    )
    id: Slug = Field(description="Stable slug id, e.g. 'ashton-carter'.")
    kind: Literal["person", "group", "organization"] = Field(
        default="person",
        description="A person, a group speaking together ('US officials') or an organization.",
    )
    name: str = Field(min_length=1, description="Full name, or a description for an unnamed speaker.")
    note: str | None = Field(default=None, description="Curator's note.")
    roles: list[Role] = Field(default_factory=list, description="Offices held, with ISO dates.")
    scope: FileName | None = Field(
        default=None, description="For an anonymous speaker, the one source file they belong to."
    )
    wikidata: Annotated[str, Field(pattern=r"^Q[1-9]\d*$")] | None = Field(
        default=None, description="Wikidata item id, e.g. 'Q4805263'."
    )

    @model_validator(mode="after")
    def _anonymous_has_scope(self) -> Person:
        if self.anonymous and self.scope is None:
            raise ValueError("an anonymous person must be scoped to one source file")
        return self

    def roles_on(self, day: dt.date) -> list[Role]:
        """Offices this person may have held on ``day``."""
        return [role for role in self.roles if role.may_hold_on(day)]
