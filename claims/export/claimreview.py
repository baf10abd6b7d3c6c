"""schema.org ClaimReview JSON-LD for every reviewed claim, as fact-checking search engines read it.

The rating scale is 1 (worst) to 5 (best): inaccurate 1, misleading 2, unverifiable 3,
outdated 4, accurate 5; ``name`` and ``alternateName`` carry the rating's own word.
``datePublished`` is the review's own date (``Review.date``; left out for a review of a release
older than schema version 2, which has none), never the clock, so the same release exports the
same bytes. ``claimReviewed`` is the quote cut at a word to at most 75 characters, as Google
recommends; the whole quote is ``itemReviewed.text``. ``url`` is the review's heading in the
dataset card of the release folder (``dataset/releases/claimtrack-<version>/README.md``).
"""

from __future__ import annotations

from typing import Any

from claims.export.common import HOMEPAGE, claim_iri, per_standing_claim, review_url
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
CLAIM_REVIEWED_MAX = 75
"""Google's recommended longest ``claimReviewed``."""


def shortened(quote: str, limit: int = CLAIM_REVIEWED_MAX) -> str:
    """``quote`` whole when it fits in ``limit`` characters, else cut at a word and ended with '…'."""
    text = " ".join(quote.split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    cut = head.rsplit(" ", 1)[0] if " " in head else head
    return cut.rstrip(" ,;:.") + "…"


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
        "url": review_url(claim, version),
        "author": {"@type": "Organization", "name": "claimtrack", "url": HOMEPAGE},
        "claimReviewed": shortened(claim.quote),
        "reviewBody": review.explanation,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING_VALUES[review.rating],
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "name": review.rating,
            "alternateName": review.rating,
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": _agent(person, claim.speaker_id),
            "datePublished": claim.date.isoformat(),
            "text": claim.quote,
            "appearance": [work],
            "firstAppearance": work,
        },
    }
    if review.date is not None:
        document["datePublished"] = review.date.isoformat()
    if review.evidence.urls:
        document["isBasedOn"] = list(review.evidence.urls)
    return document


def claim_reviews(release: Release) -> list[dict[str, Any]]:
    """ClaimReview JSON-LD for every standing claim that has a review, by claim id."""
    return per_standing_claim(release, claim_review, keep=lambda claim: claim.review is not None)
