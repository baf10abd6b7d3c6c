"""W3C Web Annotation JSON-LD for every claim, so annotation tools can show it on its source.

Each claim targets its source's url with a TextQuoteSelector (exact, prefix, suffix) and a
TextPositionSelector (start, end: code-point offsets into the source text, which are Python
``str`` offsets). Bodies say which claim and speaker it is, tag its subjects, and carry the
review where there is one. ``state`` pins the snapshot the offsets count into: the curated text
of the source in that version's tag (``cached``), dated by the source (``sourceDate``), not the
live page. ``created`` is the review's date for a reviewed claim (the one date of curation the
records hold; left out otherwise), and ``generator`` names claimtrack and its version.
"""

from __future__ import annotations

from typing import Any

from claims.export.common import HOMEPAGE, claim_iri, per_standing_claim, snapshot_url
from claims.records import Claim, Person, Release, Source

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def annotation(claim: Claim, person: Person | None, source: Source, version: str) -> dict[str, Any]:
    """The Web Annotation of one claim."""
    name = person.name if person is not None else claim.speaker_id
    describing = (
        f"{claim.id}: {name} ({claim.speaker_id}), {claim.date.isoformat()}, {claim.attribution}"
        + (f" (reported by {claim.reported_by})" if claim.reported_by else "")
        + (", via interpreter" if claim.via_interpreter else "")
    )
    bodies: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "describing", "format": "text/plain", "value": describing},
        *({"type": "TextualBody", "purpose": "tagging", "value": subject} for subject in claim.subjects),
    ]
    if claim.review is not None:
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "assessing",
                "format": "text/plain",
                "value": f"{claim.review.rating}: {claim.review.explanation}",
            }
        )
    quote_selector: dict[str, Any] = {"type": "TextQuoteSelector", "exact": claim.quote}
    if claim.prefix:
        quote_selector["prefix"] = claim.prefix
    if claim.suffix:
        quote_selector["suffix"] = claim.suffix
    document: dict[str, Any] = {
        "@context": ANNOTATION_CONTEXT,
        "id": claim_iri(claim, version),
        "type": "Annotation",
        "motivation": "assessing" if claim.review is not None else "describing",
        "generator": {
            "id": HOMEPAGE,
            "type": "Software",
            "name": f"claimtrack {version}",
            "homepage": HOMEPAGE,
        },
        "body": bodies,
        "target": {
            "source": source.url,
            "state": {
                "type": "TimeState",
                "cached": snapshot_url(source.file, version),
                "sourceDate": f"{source.date.isoformat()}T00:00:00Z",
            },
            "selector": [
                quote_selector,
                {"type": "TextPositionSelector", "start": claim.span.start, "end": claim.span.end},
            ],
        },
    }
    if claim.review is not None and claim.review.date is not None:
        document["created"] = f"{claim.review.date.isoformat()}T00:00:00Z"
    return document


def web_annotations(release: Release) -> list[dict[str, Any]]:
    """Web Annotation JSON-LD for every standing claim, by claim id."""
    return per_standing_claim(release, annotation)
