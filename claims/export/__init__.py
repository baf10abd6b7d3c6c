"""Exports for the fact-checking ecosystem: schema.org ClaimReview and W3C Web Annotation JSON-LD."""

from claims.export.annotation import web_annotations
from claims.export.claimreview import claim_reviews
from claims.export.common import EXPORT_FORMATS, export_bytes

__all__ = ["EXPORT_FORMATS", "claim_reviews", "export_bytes", "web_annotations"]
