"""Segments: who says every stretch of every source."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from claims.records.base import FileName, Record, Slug, Span

SegmentKind = Literal["speech", "question", "narration", "quotation", "caption", "boilerplate"]


class Segment(Record):
    """A stretch of one source with one speaker; a source's segments partition its text."""

    id: Slug = Field(description="Stable id, '<NNN>-s<NNNN>', e.g. '000-s0003'.")
    kind: SegmentKind = Field(description="What sort of stretch it is.")
    label: str | None = Field(default=None, description="The speaker label as printed, without the colon.")
    label_span: Span | None = Field(default=None, description="Where the label (with its colon) is printed.")
    note: str | None = Field(default=None, description="Curator's note (a correction of the extractor, say).")
    reported_by: Slug | None = Field(
        default=None, description="For quotation and narration of another's words: who reports them."
    )
    source_file: FileName = Field(description="The source the segment belongs to.")
    span: Span = Field(description="Offsets of the whole segment, label included.")
    speaker_id: Slug | None = Field(default=None, description="Who says it; null for boilerplate.")
    turn: int = Field(ge=0, description="Index of the speaker turn; segments of one turn share it.")
    via_interpreter: bool = Field(
        default=False, description="True when the words are an interpreter's rendering."
    )

    @model_validator(mode="after")
    def _label_inside(self) -> Segment:
        if self.label_span is not None and not self.span.contains(self.label_span):
            raise ValueError("label_span must lie inside span")
        if self.kind == "boilerplate" and self.speaker_id is not None:
            raise ValueError("boilerplate has no speaker")
        return self
