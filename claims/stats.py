"""Counts of claims by speaker, source, subject and attribution kind."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, ConfigDict, Field

from claims.records import Release


class Stats(BaseModel):
    """How many records a release holds, and how its claims divide."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str = Field(description="Release version.")
    records: dict[str, int] = Field(description="Number of records per collection.")
    by_speaker: dict[str, int] = Field(description="Claims per speaker id.")
    by_source: dict[str, int] = Field(description="Claims per source file.")
    by_subject: dict[str, int] = Field(description="Claims per subject id (a claim counts once per subject).")
    by_attribution: dict[str, int] = Field(description="Claims per attribution kind.")
    by_assertion: dict[str, int] = Field(description="Assertions per kind.")
    reviewed: dict[str, int] = Field(description="Reviewed claims per rating.")


def _sorted(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def compute_stats(release: Release) -> Stats:
    """Tally a release's claims; order is by count, then name, so output is stable."""
    claims = release.claims
    return Stats(
        version=release.version,
        records={
            "people": len(release.people),
            "subjects": len(release.subjects),
            "sources": len(release.sources),
            "segments": len(release.segments),
            "events": len(release.events),
            "claims": len(claims),
        },
        by_speaker=_sorted(Counter(c.speaker_id for c in claims)),
        by_source=_sorted(Counter(c.source_file for c in claims)),
        by_subject=_sorted(Counter(s for c in claims for s in c.subjects)),
        by_attribution=_sorted(Counter(c.attribution for c in claims)),
        by_assertion=_sorted(Counter(a.kind for c in claims for a in c.assertions)),
        reviewed=_sorted(Counter(c.review.rating for c in claims if c.review is not None)),
    )
