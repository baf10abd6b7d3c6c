"""The release: every record of one dataset version in one self-verifying JSON document."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from claims.records.base import Record
from claims.records.claim import Claim
from claims.records.event import Event
from claims.records.person import Person
from claims.records.segment import Segment
from claims.records.source import Source
from claims.records.subject import Subject

SCHEMA_VERSION = 1
"""Bumped when a release written by this package could not be read by an older loader."""

SEMVER_PATTERN = r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$"


class Release(Record):
    """One version of the dataset; sources carry their text so a release verifies on its own."""

    name: Literal["claimtrack"] = Field(description="Always 'claimtrack'.")
    version: str = Field(pattern=SEMVER_PATTERN, description="Semver version; equals the package version.")
    schema_version: int = Field(
        ge=1, strict=True, description="Version of the record schema the release is written in."
    )
    people: list[Person] = Field(description="Everyone who speaks or is quoted.")
    subjects: list[Subject] = Field(description="The subject vocabulary.")
    sources: list[Source] = Field(description="The source documents, each with its text.")
    segments: list[Segment] = Field(description="Who says every stretch of every source.")
    events: list[Event] = Field(description="The timeline.")
    claims: list[Claim] = Field(description="The curated claims.")
