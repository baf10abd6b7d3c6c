"""Exports for the fact-checking ecosystem: schema.org ClaimReview and W3C Web Annotation JSON-LD."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from claims.export.annotation import web_annotations
from claims.export.claimreview import claim_reviews
from claims.jsonio import dumps
from claims.records import Release

__all__ = ["EXPORT_FORMATS", "claim_reviews", "export_bytes", "web_annotations"]

_BUILDERS: dict[str, Callable[[Release], list[dict[str, Any]]]] = {
    "claimreview": claim_reviews,
    "annotation": web_annotations,
}

EXPORT_FORMATS = tuple(_BUILDERS)
"""The formats ``claims export`` writes."""


def export_bytes(release: Release, export_format: str) -> bytes:
    """The export as deterministic JSON bytes: a JSON array of JSON-LD objects, keys sorted."""
    return dumps(_BUILDERS[export_format](release))
