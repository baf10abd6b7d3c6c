"""The people an extraction may name: the known registry plus the new people it proposes.

Anonymous speakers get source-scoped ids built from a role and the source's prefix
(``reporter-002-1``, ``moderator-003``, ``writer-001``); when the registry already holds such a
person for this source the id is reused, otherwise a new anonymous person is proposed.

The prefix is the source's ``id_prefix`` when ``dataset/sources.json`` lists one; else the three
digits before ``_`` in the file name (``002_e17495d741eb2305.txt``); else a slug of the file's
stem, cut to at most :data:`MAX_DERIVED_PREFIX_CHARS` characters: a longer slug keeps its first
23 characters and ends in ``-`` and the first 8 hex digits of the SHA-256 of the file name, so
that two long names sharing their start still get different prefixes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import PurePath

from claims.records import Person, source_stem
from claims.records.base import slugify

_PREFIX = re.compile(r"^(\d{3})_")

ROLE_NAMES: dict[str, str] = {
    "reporter": "Unnamed reporter",
    "writer": "Unnamed writer",
    "publisher": "Unnamed publisher",
    "unidentified-speaker": "Unidentified speaker",
}
"""Descriptive names for proposed anonymous people, by role; other roles use the role itself."""


MAX_DERIVED_PREFIX_CHARS = 32
"""Longest prefix derived from a file name; every id built on it stays a valid slug."""
_HASH_CHARS = 8


def source_prefix(source_file: str, id_prefix: str | None = None) -> str:
    """The id prefix of a source: ``id_prefix`` if given, its 3-digit file prefix (``002``), else a
    bounded slug of its stem (see the module docstring)."""
    if id_prefix is not None:
        return id_prefix
    name = PurePath(source_file).name
    match = _PREFIX.match(name)
    if match:
        return match.group(1)
    slug = slugify(source_stem(name))
    if len(slug) <= MAX_DERIVED_PREFIX_CHARS:
        return slug
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:_HASH_CHARS]
    head = slug[: MAX_DERIVED_PREFIX_CHARS - _HASH_CHARS - 1].rstrip("-")
    return f"{head}-{digest}"


class Registry:
    """Known people for one source, and the people proposed while extracting it."""

    def __init__(self, people: Iterable[Person], source_file: str, id_prefix: str | None = None) -> None:
        self.source_file = PurePath(source_file).name
        self.prefix = source_prefix(self.source_file, id_prefix)
        self.known: dict[str, Person] = {}
        for person in people:
            if person.anonymous and person.scope != self.source_file:
                continue
            self.known[person.id] = person
        self.proposed: dict[str, Person] = {}
        self._counters: dict[str, int] = {}

    def named(self) -> list[Person]:
        """Known people who are not anonymous: the candidates for name and alias matching."""
        return [person for person in self.known.values() if not person.anonymous]

    def get(self, person_id: str) -> Person | None:
        """A known or already proposed person by id."""
        return self.known.get(person_id) or self.proposed.get(person_id)

    def anonymous(
        self,
        role: str,
        *,
        numbered: bool,
        kind: str = "person",
        number: int | None = None,
        alias: str | None = None,
        note: str | None = None,
    ) -> str:
        """Id of the source-scoped anonymous speaker for ``role``; proposes them if unknown.

        A numbered role (an unnamed reporter) gets a fresh person each call; an unnumbered one
        (the moderator, the writer) is one person per source; ``number`` names one person of a
        numbered role (``senior-administration-official-013-2``) and always gives the same id.
        ``alias`` is the label as printed; ``note`` is kept on the proposed person.
        """
        role_slug = slugify(role)
        name = ROLE_NAMES.get(role_slug, f"Unnamed {role.lower()}")
        person_id = f"{role_slug}-{self.prefix}"
        if number is not None:
            person_id = f"{person_id}-{number}"
            name = f"{name} {number}"
        elif numbered:
            count = self._counters.get(role_slug, 0) + 1
            self._counters[role_slug] = count
            person_id = f"{person_id}-{count}"
            name = f"{name} {count}"
        if self.get(person_id) is None:
            record: dict[str, object] = {
                "id": person_id,
                "name": name,
                "kind": kind,
                "anonymous": True,
                "scope": self.source_file,
                "note": f"Proposed by claims extract for {self.source_file}; curate before use."
                + (f" {note}" if note else ""),
            }
            if alias is not None:
                record["aliases"] = [alias]
            self.proposed[person_id] = Person.model_validate(record)
        return person_id

    def propose_named(self, name: str, alias: str, why: str) -> str:
        """Propose a new, named person (never merged with a known one); returns their id."""
        for person in self.proposed.values():
            if alias in person.aliases:
                return person.id
        base = slugify(name)
        person_id = base
        suffix = 2
        while self.get(person_id) is not None:
            person_id = f"{base}-{suffix}"
            suffix += 1
        self.proposed[person_id] = Person.model_validate(
            {
                "id": person_id,
                "name": name,
                "aliases": [alias],
                "note": f"Proposed by claims extract: {why}. Curate name, aliases and roles.",
            }
        )
        return person_id
