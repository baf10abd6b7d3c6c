"""The typed answer of ``claims verify``: a verdict with its evidence, as the design's JSON shape."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from claims.records import Segment, Span
from claims.records.source import DateBasis

Verdict = Literal["verified", "paraphrased", "misattributed", "misdated", "misquoted", "not-found"]
"""The verdicts, in their order of precedence."""

VERDICTS: tuple[Verdict, ...] = (
    "verified",
    "paraphrased",
    "misattributed",
    "misdated",
    "misquoted",
    "not-found",
)

Attribution = Literal["direct", "quoted", "paraphrase"]
"""How matched words are attributed: said by the speaker (``direct``), the speaker's words inside a
writer's quotation marks (``quoted``), or a writer's indirect speech or narration reporting the
speaker (``paraphrase``: not the speaker's words)."""

DiffOp = Literal["equal", "added", "dropped", "changed"]


def percent(score: float) -> str:
    """A similarity 0-100 as a whole percentage; never "100%" for a passage that differs."""
    whole = round(score)
    if whole >= 100 and score < 100:
        return "over 99%"
    return f"{whole}%"


class _Result(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Piece(_Result):
    """One piece of an elided quote (``a ... b``) and where it was found."""

    quote: str = Field(description="The piece as the quote gives it.")
    span: Span = Field(description="Offsets of the piece in the source's original text.")
    text: str = Field(description="The source's text at the span.")


class DiffEntry(_Result):
    """One step of a word-level diff from the source's words to the quote's words."""

    op: DiffOp = Field(
        description="equal; added (in the quote, not the source); dropped (in the source, not the quote); changed."
    )
    quote: str = Field(description="The quote's words for this step (empty for dropped).")
    source: str = Field(description="The source's words for this step (empty for added).")


class Candidate(_Result):
    """Another passage the quote could refer to, with its similarity score (0-100)."""

    source_file: str = Field(description="The source the passage is in.")
    span: Span = Field(description="Offsets of the passage in the source's original text.")
    text: str = Field(description="The passage.")
    score: float = Field(description="Similarity to the quote, 0-100 (100 for an exact match).")
    speaker_id: str | None = Field(
        description="Who says the passage (null for boilerplate or several speakers)."
    )
    said_by: list[str] = Field(default_factory=list, description="Every speaker of the passage, in order.")
    date: dt.date | None = Field(default=None, description="When the passage was said.")


class Asked(_Result):
    """What the fact-checker asked, with the speaker name resolved."""

    speaker: str | None = Field(default=None, description="The speaker name as given.")
    speaker_id: str | None = Field(default=None, description="The person the name resolves to.")
    date: dt.date | None = Field(default=None, description="The date given.")
    source_file: str | None = Field(default=None, description="The source the search was confined to.")
    speaker_ids: list[str] = Field(
        default_factory=list,
        description="Everyone the name may denote when it names a group: any questioner of the source for 'Q'.",
    )
    title_note: str | None = Field(
        default=None,
        description="When the name carries a title the person did not hold on the date: what they held.",
    )


class ResultError(_Result):
    """Why a batch row could not be answered."""

    code: str = Field(description="Stable code: bad-row, unknown-speaker, bad-date, unknown-source.")
    message: str = Field(description="What was wrong, naming the row.")


class VerifyResult(_Result):
    """A verdict on one quote with the evidence: where the words are, who said them, when, and how they differ.

    The first eleven fields are the design's public JSON shape; the rest add detail.
    """

    verdict: Verdict | None = Field(
        description="verified, paraphrased, misattributed, misdated, misquoted or not-found; "
        "null only for an unusable batch row (see error)."
    )
    quote: str = Field(description="The quote as given.")
    speaker_id: str | None = Field(
        description="Who really says the matched words (null when not found, boilerplate or several speakers)."
    )
    date: dt.date | None = Field(description="When the matched words were said (the real date).")
    source_file: str | None = Field(description="The source the words are in.")
    span: Span | None = Field(description="Offsets of the matched passage in the source's original text.")
    text: str | None = Field(description="The source's real text at the span.")
    claim_ids: list[str] = Field(description="Curated claims whose span overlaps the match.")
    segment: Segment | None = Field(description="The segment the match starts in (who says it, label, kind).")
    diff: list[DiffEntry] = Field(
        description="Word-level diff source → quote, for misquotes (equal steps included)."
    )
    candidates: list[Candidate] = Field(description="Other passages the quote may refer to, best first.")
    asked: Asked = Field(description="What was asked, with the speaker resolved.")
    said_by: list[str] = Field(
        default_factory=list, description="Every speaker of the matched words, in order."
    )
    attribution: Attribution | None = Field(
        default=None,
        description="How the matched words are attributed: direct, quoted (inside a writer's quotation "
        "marks) or paraphrase (a writer's indirect speech); null when nothing matched.",
    )
    contractions_differ: bool = Field(
        default=False,
        description="True when the quote matches only with contractions folded (we're / we are).",
    )
    quote_marks_differ: bool = Field(
        default=False,
        description="True when the quote matches only ignoring quotation marks printed in the passage or the quote.",
    )
    interpreted_only: bool = Field(
        default=False,
        description="For a miss: True when the asked speaker's words are recorded only as an interpreter's "
        "English rendering (a quote in the original language cannot match).",
    )
    role: str | None = Field(
        default=None,
        description="For words asked as an institution's: the office in which the speaker speaks for it.",
    )
    elsewhere: list[Candidate] = Field(
        default_factory=list,
        description="For a miss: where else in the dataset the words occur exactly, and who says them.",
    )
    error: ResultError | None = Field(
        default=None, description="In a batch, an unusable row's problem (the row got no verdict)."
    )
    pieces: list[Piece] = Field(default_factory=list, description="For an elided quote, where each piece is.")
    segment_ids: list[str] = Field(default_factory=list, description="Every segment the match overlaps.")
    label: str | None = Field(default=None, description="The speaker label printed for the matched turn.")
    via_interpreter: bool = Field(
        default=False, description="True when the words are an interpreter's rendering."
    )
    reported_by: str | None = Field(
        default=None, description="Who reports the words, for quotation and narration."
    )
    case_differs: bool = Field(
        default=False, description="True when the quote matches only if letter case is ignored."
    )
    score: float | None = Field(default=None, description="Similarity 0-100 of the quote to the passage.")
    date_basis: DateBasis | None = Field(default=None, description="How the source's date is known.")
    explanation: str = Field(description="One sentence saying why the verdict was reached.")
