"""The one canonical byte form of a release: sorted keys, stable record order, no clock."""

from __future__ import annotations

from typing import Any

from claims.jsonio import dumps
from claims.records import Release


def canonical_release(release: Release) -> Release:
    """The release with every collection in its stable order."""
    return release.model_copy(
        update={
            "people": sorted(release.people, key=lambda r: r.id),
            "subjects": sorted(release.subjects, key=lambda r: r.id),
            "sources": sorted(release.sources, key=lambda r: r.id),
            "segments": sorted(release.segments, key=lambda r: (r.source_file, r.span.start, r.id)),
            "events": sorted(release.events, key=lambda r: (r.date, r.id)),
            "claims": sorted(release.claims, key=lambda r: r.id),
        }
    )


def release_to_json(release: Release) -> dict[str, Any]:
    """Plain JSON data of a release, in canonical order."""
    return canonical_release(release).model_dump(mode="json")


def release_bytes(release: Release) -> bytes:
    """The deterministic bytes of a release: same records, same bytes."""
    return dumps(release_to_json(release))
