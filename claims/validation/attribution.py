"""Attribution checks: a claim lies in segments of its speaker, with their interpreter flag, kind and reporter.

Retracted claims are left out (their replacement is checked). Kinds agree when: ``direct`` lies in speech, question, caption, or narration that reports no one;
``quoted`` in quotation; ``paraphrase`` in narration that reports someone (``reported_by``), or in
quotation of the same speaker.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from claims.problem import Problem
from claims.records import Claim, Segment, Source
from claims.validation.context import Shared, claim_problem


def kind_fits(attribution: str, segment: Segment) -> bool:
    """True when a claim of this attribution may lie in this segment."""
    if attribution == "direct":
        return segment.kind in {"speech", "question", "caption"} or (
            segment.kind == "narration" and segment.reported_by is None
        )
    if attribution == "quoted":
        return segment.kind == "quotation"
    if attribution == "paraphrase":
        return segment.kind == "quotation" or (
            segment.kind == "narration" and segment.reported_by is not None
        )
    return False


class SegmentIndex:
    """A source's segments sorted by offset, to find those a span touches in logarithmic time."""

    def __init__(self, segments: list[Segment]) -> None:
        self.segments = sorted(segments, key=lambda s: (s.span.start, s.span.end))
        self.starts = [s.span.start for s in self.segments]

    def covering(self, start: int, end: int) -> list[Segment]:
        """Segments sharing at least one character with ``[start, end)`` (sorted by offset).

        Scans back from the last segment starting before ``end`` until one ends at or before
        ``start``; in a partition (checked by integrity) that is exact.
        """
        found: list[Segment] = []
        for position in range(bisect.bisect_left(self.starts, end) - 1, -1, -1):
            segment = self.segments[position]
            if segment.span.end <= start:
                break
            found.append(segment)
        found.reverse()
        return found


def check_source(
    source: Source, claims: list[Claim], segments: list[Segment], shared: Shared
) -> Iterator[Problem]:
    """Attribution problems of one source's claims (none when the source has no segments).

    A retracted claim is not checked: it stays in every release as it was released, and its
    attribution may be the very fault it was retracted for (its replacement is checked).
    """
    if not segments:
        return
    index = SegmentIndex(segments)
    for claim in claims:
        if claim.retracted is not None:
            continue  # its attribution is what was withdrawn; the segments now say who speaks
        covering = index.covering(claim.span.start, claim.span.end)
        if not all(_agrees(claim, segment) for segment in covering):
            yield from check_claim(claim, covering, shared)


def _agrees(claim: Claim, segment: Segment) -> bool:
    """True when a segment under a claim gives ``check_claim`` nothing to report."""
    return (
        segment.speaker_id == claim.speaker_id
        and segment.via_interpreter == claim.via_interpreter
        and kind_fits(claim.attribution, segment)
        and (claim.attribution == "direct" or segment.reported_by in (None, claim.reported_by))
    )


def _describe(segments: list[Segment]) -> str:
    return ", ".join(f"{s.id} ({s.kind}, {s.speaker_id or 'no speaker'})" for s in segments)


def check_claim(claim: Claim, covering: list[Segment], shared: Shared) -> Iterator[Problem]:
    """The segments under a claim's span must be its speaker's, with its interpreter flag, kind and reporter."""
    if not covering:
        return
    others = [s for s in covering if s.speaker_id != claim.speaker_id]
    if others:
        yield claim_problem(
            "speaker-mismatch",
            f"claim {claim.id!r}: expected its span to lie in segments of {claim.speaker_id!r}, "
            f"found {_describe(others)}",
            claim,
            shared,
            also=(s.id for s in others),
        )
        return
    interpreted = [s for s in covering if s.via_interpreter != claim.via_interpreter]
    if interpreted:
        yield claim_problem(
            "interpreter-mismatch",
            f"claim {claim.id!r}: via_interpreter is {claim.via_interpreter}, but segments "
            f"{', '.join(s.id for s in interpreted)} say {not claim.via_interpreter}",
            claim,
            shared,
            also=(s.id for s in interpreted),
        )
    unfit = [s for s in covering if not kind_fits(claim.attribution, s)]
    if unfit:
        yield claim_problem(
            "attribution-kind-mismatch",
            f"claim {claim.id!r}: a {claim.attribution} claim cannot lie in "
            + ", ".join(
                f"{s.id} ({s.kind}{', reported by ' + s.reported_by if s.reported_by else ''})" for s in unfit
            ),
            claim,
            shared,
            also=(s.id for s in unfit),
        )
    if claim.attribution != "direct":
        reporters = [s for s in covering if s.reported_by is not None and s.reported_by != claim.reported_by]
        if reporters:
            yield claim_problem(
                "reported-by-mismatch",
                f"claim {claim.id!r}: reported_by is {claim.reported_by!r}, but segments say "
                + ", ".join(f"{s.id}: {s.reported_by!r}" for s in reporters),
                claim,
                shared,
                also=(s.id for s in reporters),
            )
