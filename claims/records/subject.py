"""The controlled vocabulary of what claims are about."""

from __future__ import annotations

from pydantic import Field

from claims.records.base import Record, Slug


class Subject(Record):
    """One term of the subject vocabulary."""

    broader: Slug | None = Field(default=None, description="Id of the broader subject, if any.")
    description: str = Field(min_length=1, description="What claims under this subject are about.")
    id: Slug = Field(description="Stable slug id, e.g. 'counter-isil-campaign'.")
    name: str = Field(min_length=1, description="Human-readable name.")
