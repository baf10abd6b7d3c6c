"""Tamper evidence on load: each claim's quote must still be the text of its source at its span."""

from __future__ import annotations

from claims.errors import IntegrityError
from claims.records import Release


def verify_claim_quotes(release: Release) -> None:
    """Raise naming the first claim whose quote is no longer its source's text at its span.

    Run after the sources' sha256 are checked, so the text is the text that was published; a
    claim that names no known source is left to ``claims validate`` (a reference, not an alteration).
    """
    texts = {source.file: source.text for source in release.sources}
    for claim in release.claims:
        text = texts.get(claim.source_file)
        if text is None:
            continue
        found = text[claim.span.start : claim.span.end]
        if found != claim.quote:
            raise IntegrityError(
                f"claim {claim.id!r}: quote expected {found[:80]!r} (the text of {claim.source_file} at "
                f"[{claim.span.start}, {claim.span.end})), found {claim.quote[:80]!r}; the record was altered"
            )
