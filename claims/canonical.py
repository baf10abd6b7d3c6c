"""The one canonical byte form of a release: sorted keys, stable record order, no clock."""

from __future__ import annotations

from operator import attrgetter
from typing import Any

import orjson

from claims.collector import collector_paused
from claims.jsonio import DUMP_OPTIONS, dumps
from claims.records import Release

_BY_ID = attrgetter("id")
_BY_PLACE = attrgetter("source_file", "span.start", "id")
_BY_DATE = attrgetter("date", "id")


def canonical_release(release: Release) -> Release:
    """The release with every collection in its stable order."""
    return release.model_copy(
        update={
            "people": sorted(release.people, key=_BY_ID),
            "subjects": sorted(release.subjects, key=_BY_ID),
            "sources": sorted(release.sources, key=_BY_ID),
            "segments": sorted(release.segments, key=_BY_PLACE),
            "events": sorted(release.events, key=_BY_DATE),
            "claims": sorted(release.claims, key=_BY_ID),
        }
    )


def release_to_json(release: Release) -> dict[str, Any]:
    """Plain JSON data of a release, in canonical order (pydantic's serializer: the reference form)."""
    return canonical_release(release).model_dump(mode="json")


def release_bytes(release: Release) -> bytes:
    """The deterministic bytes of a release: same records, same bytes.

    orjson writes the records' fields directly (dates as ISO days; a nested record, which orjson
    does not know, through ``default=vars``, i.e. its fields' ``__dict__``) instead of pydantic
    first building a dict of every record. The bytes equal ``reference_release_bytes`` as long
    as no record declares a serializer, an alias or a computed field (``tests/test_fast_paths.py``
    checks this and compares both on the real dataset). The collector is paused: sorting makes a
    key tuple per record, and collections would walk every record to find nothing to free.
    """
    with collector_paused():
        return orjson.dumps(canonical_release(release), default=vars, option=DUMP_OPTIONS)


def reference_release_bytes(release: Release) -> bytes:
    """The bytes through pydantic's serializer, which ``release_bytes`` must equal."""
    return dumps(release_to_json(release))
