"""schema.org ClaimReview JSON-LD for every reviewed claim, as fact-checking search engines read it.

The rating scale is 1 (worst) to 5 (best): inaccurate 1, misleading 2, unverifiable 3,
outdated 4, accurate 5; ``alternateName`` carries the rating's own word. Dates come from the
records (the claim's date), never from the clock, so the same release exports the same bytes.
"""

from __future__ import annotations

from typing import Any

from claims.export.common import HOMEPAGE, claim_iri, standing_claims
from claims.records import Claim, Person, Release, Source

SCHEMA_ORG = "https://schema.org"

RATING_VALUES: dict[str, int] = {
    "inaccurate": 1,
    "misleading": 2,
    "unverifiable": 3,
    "outdated": 4,
    "accurate": 5,
}
"""ratingValue of each review rating on the 1-5 scale."""

WORST_RATING = 1
BEST_RATING = 5


def _agent(person: Person | None, fallback_id: str) -> dict[str, Any]:
    """A schema.org Person or Organization for a speaker."""
    if person is None:
        return {"@type": "Person", "name": fallback_id}
    agent: dict[str, Any] = {
        "@type": "Organization" if person.kind == "organization" else "Person",
        "name": person.name,
    }
    if person.wikidata:
        agent["sameAs"] = f"https://www.wikidata.org/wiki/{person.wikidata}"
    return agent


def _creative_work(source: Source) -> dict[str, Any]:
    return {
        "@type": "CreativeWork",
        "url": source.url,
        "headline": source.title,
        "datePublished": source.date.isoformat(),
        "publisher": {"@type": "Organization", "name": source.publisher},
    }


def claim_review(claim: Claim, person: Person | None, source: Source, version: str) -> dict[str, Any]:
    """The ClaimReview of one reviewed claim."""
    assert claim.review is not None
    review = claim.review
    iri = claim_iri(claim, version)
    work = _creative_work(source)
    document: dict[str, Any] = {
        "@context": SCHEMA_ORG,
        "@type": "ClaimReview",
        "@id": iri,
        "url": iri,
        "datePublished": claim.date.isoformat(),
        "author": {"@type": "Organization", "name": "claimtrack", "url": HOMEPAGE},
        "claimReviewed": claim.quote,
        "reviewBody": review.explanation,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING_VALUES[review.rating],
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": review.rating,
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": _agent(person, claim.speaker_id),
            "datePublished": claim.date.isoformat(),
            "appearance": [work],
            "firstAppearance": work,
        },
    }
    if review.evidence.urls:
        document["isBasedOn"] = list(review.evidence.urls)
    return document


def claim_reviews(release: Release) -> list[dict[str, Any]]:
    """ClaimReview JSON-LD for every standing claim that has a review, by claim id."""
    people = {p.id: p for p in release.people}
    sources = {s.file: s for s in release.sources}
    return [
        claim_review(claim, people.get(claim.speaker_id), sources[claim.source_file], release.version)
        for claim in standing_claims(release)
        if claim.review is not None and claim.source_file in sources
    ]
