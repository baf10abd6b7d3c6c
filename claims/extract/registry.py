"""The people an extraction may name: the known registry plus the new people it proposes.

Anonymous speakers get source-scoped ids built from a role and the source's prefix
(``reporter-002-1``, ``moderator-003``, ``writer-001``); when the registry already holds such a
person for this source the id is reused, otherwise a new anonymous person is proposed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePath

from claims.records import Person
from claims.records.base import slugify

_PREFIX = re.compile(r"^(\d{3})_")

ROLE_NAMES: dict[str, str] = {
    "reporter": "Unnamed reporter",
    "writer": "Unnamed writer",
    "publisher": "Unnamed publisher",
    "unidentified-speaker": "Unidentified speaker",
}
"""Descriptive names for proposed anonymous people, by role; other roles use the role itself."""


def source_prefix(source_file: str) -> str:
    """The id prefix of a source: its 3-digit file prefix (``002``), else a slug of its stem."""
    name = PurePath(source_file).name
    match = _PREFIX.match(name)
    if match:
        return match.group(1)
    return slugify(PurePath(name).stem)


class Registry:
    """Known people for one source, and the people proposed while extracting it."""

    def __init__(self, people: Iterable[Person], source_file: str) -> None:
        self.source_file = PurePath(source_file).name
        self.prefix = source_prefix(self.source_file)
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

    def anonymous(self, role: str, *, numbered: bool, kind: str = "person") -> str:
        """Id of the source-scoped anonymous speaker for ``role``; proposes them if unknown.

        A numbered role (an unnamed reporter) gets a fresh person each call; an unnumbered one
        (the moderator, the writer) is one person per source.
        """
        role_slug = slugify(role)
        name = ROLE_NAMES.get(role_slug, f"Unnamed {role.lower()}")
        person_id = f"{role_slug}-{self.prefix}"
        if numbered:
            count = self._counters.get(role_slug, 0) + 1
            self._counters[role_slug] = count
            person_id = f"{person_id}-{count}"
            name = f"{name} {count}"
        if self.get(person_id) is None:
            self.proposed[person_id] = Person.model_validate(
                {
                    "id": person_id,
                    "name": name,
                    "kind": kind,
                    "anonymous": True,
                    "scope": self.source_file,
                    "note": f"Proposed by claims extract for {self.source_file}; curate before use.",
                }
            )
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
