"""Claims: attributed statements with their exact text, place, speaker, date and checks."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from claims.records.assertion import Assertion
from claims.records.base import FileName, IsoDate, Record, Slug, Span, WebUrl

Attribution = Literal["direct", "quoted", "paraphrase"]
Rating = Literal["accurate", "inaccurate", "misleading", "outdated", "unverifiable"]


class ReviewEvidence(Record):
    """What a review rests on."""

    claim_ids: list[Slug] = Field(default_factory=list, description="Other claims.")
    event_ids: list[Slug] = Field(default_factory=list, description="Events of the timeline.")
    urls: list[WebUrl] = Field(default_factory=list, description="Outside records.")


class Review(Record):
    """The record's judgement of a claim whose assertions disagree with the timeline or other claims."""

    date: IsoDate | None = Field(
        default=None,
        description=(
            "The day the review was written (ClaimReview's datePublished); "
            "absent only in releases written before schema version 2."
        ),
    )
    evidence: ReviewEvidence = Field(description="The records and urls the review rests on.")
    explanation: str = Field(min_length=1, description="What the record shows, in a sentence or two.")
    rating: Rating = Field(description="accurate, inaccurate, misleading, outdated or unverifiable.")


class Retraction(Record):
    """Why a claim id no longer stands, and what replaces it; the id stays in every release."""

    reason: str = Field(min_length=1, description="Why the claim was retracted.")
    replaced_by: Slug | None = Field(default=None, description="The claim that replaces it, if any.")
    version: str = Field(min_length=1, description="The release in which it was retracted.")


class Correction(Record):
    """A change to a released claim that keeps its meaning (quote, speaker, source), with its reason."""

    fields: list[str] = Field(min_length=1, description="The claim's top-level fields changed, sorted.")
    reason: str = Field(
        min_length=1, description="Why the record was wrong and what the correction rests on."
    )
    version: str = Field(min_length=1, description="The release in which the correction is made.")


class Claim(Record):
    """One attributed statement, anchored in its source by exact text and offsets."""

    assertions: list[Assertion] = Field(
        default_factory=list, description="What the claim states that can be checked."
    )
    attribution: Attribution = Field(description="direct, quoted or paraphrase.")
    corrections: list[Correction] = Field(
        default_factory=list,
        description="Changes made to the claim since it was first released, each with its reason.",
    )
    date: IsoDate = Field(description="When it was said.")
    event_id: Slug | None = Field(default=None, description="The event at which it was said.")
    id: Slug = Field(description="Stable forever: never renumbered, never reused.")
    note: str | None = Field(default=None, description="Curator's note.")
    prefix: str = Field(description="Text just before the quote (W3C TextQuoteSelector prefix).")
    quote: str = Field(min_length=1, description="Exactly the source's text at span.")
    reported_by: Slug | None = Field(
        default=None, description="Who attributes the words, for quoted and paraphrased claims."
    )
    retracted: Retraction | None = Field(default=None, description="Set when the claim no longer stands.")
    review: Review | None = Field(default=None, description="The record's judgement, where it disagrees.")
    source_file: FileName = Field(description="The source file the quote is in.")
    span: Span = Field(description="Offsets of the quote in the source's decoded text.")
    speaker_id: Slug = Field(description="Who made the statement.")
    subjects: list[Slug] = Field(min_length=1, description="Subject ids from subjects.json.")
    suffix: str = Field(description="Text just after the quote (W3C TextQuoteSelector suffix).")
    via_interpreter: bool = Field(default=False, description="True when the words are an interpreter's.")

    @model_validator(mode="after")
    def _consistent(self) -> Claim:
        if self.attribution == "direct" and self.reported_by is not None:
            raise ValueError("a direct claim has no reported_by")
        if self.attribution != "direct" and self.reported_by is None:
            raise ValueError(f"a {self.attribution} claim needs reported_by")
        return self
