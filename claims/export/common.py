"""What both exports share: stable IRIs for claims, the publisher, and the deterministic bytes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from claims.records import Claim, Person, Release, Source, source_stem

ClaimDocument = Callable[[Claim, Person | None, Source, str], dict[str, Any]]
"""A builder of one claim's JSON-LD document from the claim, its speaker, its source and the version."""

HOMEPAGE = "https://github.com/claimtrack/claimtrack"
"""The project's home; claims are published under it."""


def claim_iri(claim: Claim, version: str) -> str:
    """A stable IRI for a claim in a release: its record in the dataset file of that version's tag."""
    stem = source_stem(claim.source_file)
    return f"{HOMEPAGE}/blob/v{version}/dataset/claims/{stem}.json#{claim.id}"


def review_url(claim: Claim, version: str) -> str:
    """The page of a claim's review: its heading in the dataset card of that version's release folder."""
    return f"{HOMEPAGE}/blob/v{version}/dataset/releases/claimtrack-{version}/README.md#{review_anchor(claim.id)}"


def review_anchor(claim_id: str) -> str:
    """The anchor GitHub gives the card's heading ``Review of <claim id>`` (lower case, spaces as hyphens)."""
    return f"review-of-{claim_id}"


def snapshot_url(source_file: str, version: str) -> str:
    """The curated text of a source in that version's tag: the snapshot every offset counts into."""
    return f"{HOMEPAGE}/blob/v{version}/dataset/sources/{source_file}"


def standing_claims(release: Release) -> list[Claim]:
    """The claims that still stand (retracted ones are left out), by id."""
    return sorted((c for c in release.claims if c.retracted is None), key=lambda c: c.id)


def per_standing_claim(
    release: Release, build: ClaimDocument, *, keep: Callable[[Claim], bool] = lambda claim: True
) -> list[dict[str, Any]]:
    """``build`` applied to every standing claim that ``keep`` keeps and whose source is in the release."""
    people = {p.id: p for p in release.people}
    sources = {s.file: s for s in release.sources}
    return [
        build(claim, people.get(claim.speaker_id), sources[claim.source_file], release.version)
        for claim in standing_claims(release)
        if keep(claim) and claim.source_file in sources
    ]
