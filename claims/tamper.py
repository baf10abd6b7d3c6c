"""Tamper evidence on load: each claim's quote, prefix and suffix must still be its source's text around its span."""

from __future__ import annotations

from claims.errors import IntegrityError
from claims.records import Claim, Release


def expected_context(claim: Claim, text: str) -> tuple[str, str]:
    """The text the claim's prefix and suffix must equal: as many characters as each holds, just
    before and just after its span (fewer at the edges of the text, so a too-long one never matches).

    The one rule shared by ``claims validate`` (prefix-mismatch, suffix-mismatch) and the load-time
    check below, so the two never disagree about what counts as altered.
    """
    start, end = claim.span.start, claim.span.end
    return text[max(0, start - len(claim.prefix)) : start], text[end : end + len(claim.suffix)]


def verify_claim_quotes(release: Release) -> None:
    """Raise naming the first claim whose quote, prefix or suffix is no longer its source's text.

    Run after the sources' sha256 are checked, so the text is the text that was published; a
    claim that names no known source is left to ``claims validate`` (a reference, not an alteration).
    Three slice comparisons a claim: cheap enough for every ``claims.load``.
    """
    texts = {source.file: source.text for source in release.sources}
    for claim in release.claims:
        text = texts.get(claim.source_file)
        if text is None:
            continue
        start, end = claim.span.start, claim.span.end
        found = text[start:end]
        if found != claim.quote:
            raise IntegrityError(
                f"claim {claim.id!r}: quote expected {found[:80]!r} (the text of {claim.source_file} at "
                f"[{start}, {end})), found {claim.quote[:80]!r}; the record was altered"
            )
        before, after = expected_context(claim, text)
        if before != claim.prefix:
            raise IntegrityError(
                f"claim {claim.id!r}: prefix expected {before[-80:]!r} (the text of {claim.source_file} "
                f"before offset {start}), found {claim.prefix[-80:]!r}; the record was altered"
            )
        if after != claim.suffix:
            raise IntegrityError(
                f"claim {claim.id!r}: suffix expected {after[:80]!r} (the text of {claim.source_file} "
                f"after offset {end}), found {claim.suffix[:80]!r}; the record was altered"
            )
