"""What changed between two releases, and which changes break a citation of a claim id."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from claims.records import Claim, Release

MEANING_FIELDS: tuple[str, ...] = ("quote", "speaker_id", "source_file")
"""A claim id whose value of one of these changes no longer means what it was cited for."""

SELF_EXPLAINED_FIELDS: frozenset[str] = frozenset({"corrections", "retracted", "review"})
"""Claim fields whose change carries its own reason (a correction, a retraction, a review)."""

COLLECTIONS: tuple[str, ...] = ("claims", "reviews", "people", "events", "subjects", "sources", "segments")
"""Collections compared, in report order; ``reviews`` are the claims' reviews, keyed by claim id."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Change(_Model):
    """One record present in both releases whose fields differ."""

    id: str = Field(description="The record's id (for reviews, the claim's id).")
    fields: list[str] = Field(description="Top-level fields whose values differ, sorted.")
    reasons: list[str] = Field(
        default_factory=list, description="For a claim, the reasons its corrections of the new release give."
    )


class CollectionDiff(_Model):
    """Ids added, removed and changed in one collection."""

    added: list[str] = Field(default_factory=list, description="Ids only in the new release, sorted.")
    removed: list[str] = Field(default_factory=list, description="Ids only in the old release, sorted.")
    changed: list[Change] = Field(default_factory=list, description="Ids in both whose records differ.")

    @property
    def empty(self) -> bool:
        """True when nothing was added, removed or changed."""
        return not (self.added or self.removed or self.changed)


class BreakingChange(_Model):
    """A change that would make a cited claim id mean something else, or vanish."""

    code: str = Field(description="claim-removed, claim-meaning-changed or claim-unretracted.")
    id: str = Field(description="The claim id.")
    fields: list[str] = Field(default_factory=list, description="The meaning fields that changed.")
    message: str = Field(description="What changed, and how to keep the id's meaning.")


class ReleaseDiff(_Model):
    """Everything that differs between an old and a new release."""

    old_version: str = Field(description="Version of the old release.")
    new_version: str = Field(description="Version of the new release.")
    collections: dict[str, CollectionDiff] = Field(description="Per collection: added, removed, changed ids.")
    breaking: list[BreakingChange] = Field(description="Changes that break a cited claim id.")

    @property
    def has_breaking(self) -> bool:
        """True when any claim id lost or changed its meaning."""
        return bool(self.breaking)

    def text_lines(self) -> list[str]:
        """The diff for people: one line per added, removed or changed record, breaking changes first."""
        lines = [f"claimtrack {self.old_version} -> {self.new_version}"]
        for breaking in self.breaking:
            lines.append(f"BREAKING {breaking.code} {breaking.id}: {breaking.message}")
        for name, diff in self.collections.items():
            if diff.empty:
                continue
            lines.append(
                f"{name}: {len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed"
            )
            lines.extend(f"  + {record_id}" for record_id in diff.added)
            lines.extend(f"  - {record_id}" for record_id in diff.removed)
            for change in diff.changed:
                lines.append(f"  ~ {change.id} ({', '.join(change.fields)})")
                lines.extend(f"      because: {reason}" for reason in change.reasons)
        if len(lines) == 1:
            lines.append("no changes")
        return lines


def _by_id(records: Iterable[Any]) -> dict[str, Any]:
    return {record.id: record for record in records}


def _reviews(claims: Iterable[Claim]) -> dict[str, Any]:
    return {claim.id: claim.review for claim in claims if claim.review is not None}


def _changed_fields(old: BaseModel, new: BaseModel) -> list[str]:
    before, after = old.model_dump(mode="json"), new.model_dump(mode="json")
    return sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))


def _reasons(record: Any, version: str | None) -> list[str]:
    corrections = getattr(record, "corrections", None) or []
    return [c.reason for c in corrections if version is None or c.version == version]


def diff_collection(
    old: Mapping[str, Any], new: Mapping[str, Any], version: str | None = None
) -> CollectionDiff:
    """Compare two id -> record maps; a changed claim carries the reasons of its ``version`` corrections."""
    changed = [
        Change(
            id=record_id,
            fields=_changed_fields(old[record_id], new[record_id]),
            reasons=_reasons(new[record_id], version),
        )
        for record_id in sorted(old.keys() & new.keys())
        if old[record_id] != new[record_id]
    ]
    return CollectionDiff(
        added=sorted(new.keys() - old.keys()), removed=sorted(old.keys() - new.keys()), changed=changed
    )


def breaking_changes(old: Mapping[str, Claim], new: Mapping[str, Claim]) -> list[BreakingChange]:
    """Claim ids that disappear, change quote, speaker or source, or stop being retracted."""
    found: list[BreakingChange] = []
    for claim_id in sorted(old):
        before = old[claim_id]
        after = new.get(claim_id)
        if after is None:
            found.append(
                BreakingChange(
                    code="claim-removed",
                    id=claim_id,
                    message=(
                        f"claim {claim_id} is in {before.source_file} of the old release and absent from the new; "
                        "keep it, marked retracted, so a cited id never disappears"
                    ),
                )
            )
            continue
        fields = [name for name in MEANING_FIELDS if getattr(before, name) != getattr(after, name)]
        if fields:
            found.append(
                BreakingChange(
                    code="claim-meaning-changed",
                    id=claim_id,
                    fields=fields,
                    message=(
                        f"claim {claim_id} changed its {', '.join(fields)}; keep the old claim unchanged and "
                        "retracted (reason, replaced_by) and give the new text a new id"
                    ),
                )
            )
        if before.retracted is not None and after.retracted is None:
            found.append(
                BreakingChange(
                    code="claim-unretracted",
                    id=claim_id,
                    message=f"claim {claim_id} was retracted in {before.retracted.version} and is no longer marked so",
                )
            )
    return found


def diff_releases(old: Release, new: Release) -> ReleaseDiff:
    """Added, removed and changed records of every collection, and the breaking changes to claims."""
    old_claims, new_claims = _by_id(old.claims), _by_id(new.claims)
    maps: dict[str, tuple[Mapping[str, Any], Mapping[str, Any]]] = {
        "claims": (old_claims, new_claims),
        "reviews": (_reviews(old.claims), _reviews(new.claims)),
        "people": (_by_id(old.people), _by_id(new.people)),
        "events": (_by_id(old.events), _by_id(new.events)),
        "subjects": (_by_id(old.subjects), _by_id(new.subjects)),
        "sources": (_by_id(old.sources), _by_id(new.sources)),
        "segments": (_by_id(old.segments), _by_id(new.segments)),
    }
    return ReleaseDiff(
        old_version=old.version,
        new_version=new.version,
        collections={
            name: diff_collection(*maps[name], new.version if name == "claims" else None)
            for name in COLLECTIONS
        },
        breaking=breaking_changes(old_claims, new_claims),
    )


def unexplained_corrections(old: Release, new: Release) -> list[tuple[str, list[str]]]:
    """Claims changed since ``old`` in fields that need a reason, without a correction of ``new.version``.

    A correction names the fields it changed; every changed field other than a review, a
    retraction or the corrections themselves must be named by one. A claim whose meaning
    changed is left to :func:`breaking_changes`. Returns (claim id, fields unexplained) pairs, by id.
    """
    before = _by_id(old.claims)
    found: list[tuple[str, list[str]]] = []
    for claim in sorted(new.claims, key=lambda c: c.id):
        previous = before.get(claim.id)
        if previous is None or previous == claim:
            continue
        changed = _changed_fields(previous, claim)
        if any(f in MEANING_FIELDS for f in changed):
            continue  # a breaking change, refused as such (the old claim must stay, retracted)
        named = {f for c in claim.corrections if c.version == new.version for f in c.fields}
        missing = [f for f in changed if f not in SELF_EXPLAINED_FIELDS and f not in named]
        if missing:
            found.append((claim.id, missing))
    return found
