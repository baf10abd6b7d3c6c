"""The release: every record of one dataset version in one self-verifying JSON document."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Literal, TypeVar

from pydantic import Field, SerializerFunctionWrapHandler, WrapSerializer

from claims.records.base import Record
from claims.records.claim import Claim
from claims.records.event import Event
from claims.records.lazy import RecordList
from claims.records.person import Person
from claims.records.segment import Segment
from claims.records.source import Source
from claims.records.subject import Subject

SCHEMA_VERSION = 2
"""Bumped when a release written by this package could not be read by an older loader."""

SEMVER_PATTERN = r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$"

R = TypeVar("R")


def _as_list(value: Any, handler: SerializerFunctionWrapHandler) -> Any:
    """Serialise a lazily built collection (``RecordList``) as the list it stands for."""
    return handler(list(value) if isinstance(value, RecordList) else value)


Records = Annotated[Sequence[R], WrapSerializer(_as_list)]
"""A release collection: a list when built from data, a ``RecordList`` when loaded lazily."""


class Release(Record):
    """One version of the dataset; sources carry their text so a release verifies on its own."""

    claims: Records[Claim] = Field(description="The curated claims.")
    events: Records[Event] = Field(description="The timeline.")
    name: Literal["claimtrack"] = Field(description="Always 'claimtrack'.")
    people: Records[Person] = Field(description="Everyone who speaks or is quoted.")
    schema_version: int = Field(
        ge=1, strict=True, description="Version of the record schema the release is written in."
    )
    segments: Records[Segment] = Field(description="Who says every stretch of every source.")
    sources: Records[Source] = Field(description="The source documents, each with its text.")
    subjects: Records[Subject] = Field(description="The subject vocabulary.")
    version: str = Field(pattern=SEMVER_PATTERN, description="Semver version; equals the package version.")
