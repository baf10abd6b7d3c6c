"""The typed records of the dataset (pydantic v2, ``extra='forbid'``, frozen)."""

from claims.records.assertion import (
    Assertion,
    DateInterval,
    DateReference,
    EventReference,
    Expectation,
    MeetingCount,
    MeetingOrdinal,
    Quantity,
    RoleReference,
    SourceQuotation,
)
from claims.records.base import Span, partial_date_bounds, slugify
from claims.records.claim import Claim, Retraction, Review, ReviewEvidence
from claims.records.event import MEETING_KINDS, Event, Evidence, QuantityFact
from claims.records.person import Person, Role
from claims.records.release import SCHEMA_VERSION, Release
from claims.records.segment import Segment
from claims.records.source import (
    Erratum,
    InferredDate,
    MetadataDate,
    Provenance,
    Rights,
    Source,
    StatedDate,
    source_stem,
)
from claims.records.subject import Subject

__all__ = [
    "MEETING_KINDS",
    "SCHEMA_VERSION",
    "Assertion",
    "Claim",
    "DateInterval",
    "DateReference",
    "Erratum",
    "Event",
    "EventReference",
    "Evidence",
    "Expectation",
    "InferredDate",
    "MeetingCount",
    "MeetingOrdinal",
    "MetadataDate",
    "Person",
    "Provenance",
    "Quantity",
    "QuantityFact",
    "Release",
    "Retraction",
    "Review",
    "ReviewEvidence",
    "Rights",
    "Role",
    "RoleReference",
    "Segment",
    "Source",
    "SourceQuotation",
    "Span",
    "StatedDate",
    "Subject",
    "partial_date_bounds",
    "slugify",
    "source_stem",
]
