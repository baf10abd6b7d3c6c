"""The release: every record of one dataset version in one self-verifying JSON document."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any, Literal, SupportsIndex, TypeVar, overload

from pydantic import Field, SerializerFunctionWrapHandler, WrapSerializer

from claims.records.base import Record
from claims.records.claim import Claim
from claims.records.event import Event
from claims.records.lazy import RecordList
from claims.records.person import Person
from claims.records.segment import Segment
from claims.records.source import Source
from claims.records.subject import Subject

if TYPE_CHECKING:
    from claims.records.base import Span

SCHEMA_VERSION = 2
"""Bumped when a release written by this package could not be read by an older loader."""

SEMVER_PATTERN = r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$"

R = TypeVar("R")


def _as_list(value: Any, handler: SerializerFunctionWrapHandler) -> Any:
    """Serialise a lazily built collection (``RecordList``, ``IdList``) as the list it stands for."""
    return handler(list(value) if isinstance(value, RecordList | IdList) else value)


class IdList(list[R]):
    """A list of records that is also addressable by record id: ``release.claims["000-c0001"]``."""

    _ids: dict[str, int] | None = None

    @overload
    def __getitem__(self, index: SupportsIndex) -> R: ...

    @overload
    def __getitem__(self, index: slice) -> list[R]: ...

    @overload
    def __getitem__(self, index: str) -> R: ...

    def __getitem__(self, index: SupportsIndex | slice | str) -> R | list[R]:
        if not isinstance(index, str):
            return super().__getitem__(index)
        ids = self._ids
        position = ids.get(index) if ids is not None else None
        if (
            position is None
            or position >= len(self)
            or getattr(super().__getitem__(position), "id", None) != index
        ):
            ids = {getattr(record, "id", None): i for i, record in reversed(list(enumerate(self)))}  # type: ignore[misc]
            self._ids = ids
            position = ids.get(index)
        if position is None:
            raise KeyError(f"no record of id {index!r}")
        return super().__getitem__(position)


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

    def model_post_init(self, context: Any, /) -> None:
        """Make every plain-list collection addressable by id (``RecordList`` already is)."""
        for name in COLLECTIONS:
            value = self.__dict__.get(name)
            if type(value) is list:
                self.__dict__[name] = IdList(value)

    def claim(self, claim_id: str) -> Claim:
        """The claim of that id (``KeyError`` if none)."""
        return _by_id(self.claims, claim_id)

    def person(self, person_id: str) -> Person:
        """The person of that id (``KeyError`` if none)."""
        return _by_id(self.people, person_id)

    def source(self, source_id: str) -> Source:
        """The source of that id, which is its file name (``KeyError`` if none)."""
        return _by_id(self.sources, source_id)

    def event(self, event_id: str) -> Event:
        """The event of that id (``KeyError`` if none)."""
        return _by_id(self.events, event_id)

    def segment(self, segment_id: str) -> Segment:
        """The segment of that id (``KeyError`` if none)."""
        return _by_id(self.segments, segment_id)

    def subject(self, subject_id: str) -> Subject:
        """The subject of that id (``KeyError`` if none)."""
        return _by_id(self.subjects, subject_id)

    def speaker(self, claim: Claim | str) -> Person:
        """Who made the claim (a claim or its id)."""
        return self.person(self._claim(claim).speaker_id)

    def source_of(self, claim: Claim | str) -> Source:
        """The source the claim's quote is in."""
        return self.source(self._claim(claim).source_file)

    def segment_of(self, claim: Claim | str) -> Segment | None:
        """The segment (speaker turn) whose span holds the claim's quote, if one does."""
        found = self._claim(claim)
        return next(
            (s for s in self.segments if s.source_file == found.source_file and s.span.contains(found.span)),
            None,
        )

    def context(self, claim: Claim | str, width: int = 300) -> str:
        """The source text around the quote: up to ``width`` characters either side, the quote in the middle."""
        found = self._claim(claim)
        text = self.source_of(found).text or ""
        span: Span = found.span
        return text[max(0, span.start - width) : span.end + width]

    def to_arrow(self, kind: str) -> Any:
        """One table (``claims``, ``people``, ``sources``, ``segments``, ``events``, ``subjects``) as a
        ``pyarrow.Table`` (needs ``pip install 'claimtrack[tables]'``)."""
        from claims.tables.arrow import to_arrow

        return to_arrow(self, kind)

    def to_pandas(self, kind: str) -> Any:
        """One table as a ``pandas.DataFrame`` (needs ``pip install 'claimtrack[tables]'``)."""
        from claims.tables.arrow import to_pandas

        return to_pandas(self, kind)

    def _claim(self, claim: Claim | str) -> Claim:
        return self.claim(claim) if isinstance(claim, str) else claim


COLLECTIONS = ("claims", "events", "people", "segments", "sources", "subjects")
"""The six record collections of a release."""


def _by_id(collection: Sequence[R], record_id: str) -> R:
    """``collection[record_id]`` for an ``IdList`` or ``RecordList``; a scan for any other sequence."""
    if isinstance(collection, IdList | RecordList):
        found: R = collection[record_id]
        return found
    for record in collection:
        if getattr(record, "id", None) == record_id:
            return record
    raise KeyError(f"no record of id {record_id!r}")
