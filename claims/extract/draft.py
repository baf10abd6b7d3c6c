"""A proposed segment before ids and ends are assigned: where it starts and who speaks."""

from __future__ import annotations

from dataclasses import dataclass

from claims.records.segment import SegmentKind


@dataclass(frozen=True)
class Draft:
    """A segment that starts at ``start`` and runs until the next draft starts (or the text ends)."""

    start: int
    kind: SegmentKind
    speaker_id: str | None
    turn: int
    label: str | None = None
    label_span: tuple[int, int] | None = None
    via_interpreter: bool = False
    reported_by: str | None = None

    def same_voice(self, other: Draft) -> bool:
        """True when ``other`` continues this draft unchanged (so the two can be one segment)."""
        return other.label_span is None and (
            self.kind,
            self.speaker_id,
            self.turn,
            self.label,
            self.via_interpreter,
            self.reported_by,
        ) == (other.kind, other.speaker_id, other.turn, other.label, other.via_interpreter, other.reported_by)
