"""Resolving a fact-checker's free-form speaker name to one person of the dataset.

Names, aliases, ids and titles joined to surnames ("Secretary Carter") are folded the same way
(case, accents, punctuation and hyphens ignored) and looked up exactly; an unknown or ambiguous
name raises :class:`claims.errors.UnknownNameError` with the closest names as candidates.
Anonymous speakers are scoped to one source: their generic labels ("Q", "MODERATOR") match only
when that source is named.

Names as the press writes them resolve too: a country word ("U.S.", "French", "France's", see
:data:`COUNTRY_WORDS`), an office as printed (a role's ``title`` or ``title_forms``, or one of them
after an alias of the organisation the role speaks for: "Pentagon spokesman"), a name, or a mix
("French Defence Minister Jean-Yves Le Drian"). An office alone names whoever held it on the asked
day (without a day, its one holder in the dataset); an office with a name resolves by the name,
and when the person did not hold that office on the day, :meth:`NameIndex.resolve_titled` says so.
The press's forms are data (title forms, organisation aliases); only country words and British
spellings are listed here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from claims.errors import UnknownNameError
from claims.records import Person
from claims.records.person import Role

HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "the", "m", "mme"})
"""Courtesy words dropped when a name is not found as typed ("Mr. Le Drian" → "le drian")."""

COUNTRY_WORDS: dict[str, frozenset[str]] = {
    "US": frozenset({"us", "u s", "usa", "u s a", "united states", "american", "america s"}),
    "FR": frozenset({"french", "france", "france s"}),
    "GB": frozenset({"uk", "u k", "british", "britain s"}),
    "IQ": frozenset({"iraqi", "iraq s"}),
    "AF": frozenset({"afghan", "afghanistan s"}),
    "RU": frozenset({"russian", "russia s"}),
    "IR": frozenset({"iranian", "iran s"}),
}
"""Folded words the press puts before an office for a role's country (ISO 3166-1 alpha-2)."""

SPELLINGS = {"defence": "defense", "adviser": "advisor", "programme": "program"}
"""British spellings folded to American ones in names and offices ("Defence Secretary")."""

MAX_CANDIDATES = 5
"""How many closest names an unknown-name error lists."""


def fold_name(name: str) -> str:
    """Fold a name for lookup: accents, case, punctuation and hyphens ignored, one space between words."""
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(SPELLINGS.get(w, w) for w in re.sub(r"[^\w]+|_", " ", letters.casefold()).split())


def _strip_country(folded: str) -> tuple[str | None, str]:
    """A leading country word's country code (or None) and the rest of the folded name."""
    for code, words in COUNTRY_WORDS.items():
        for word in sorted(words, key=len, reverse=True):
            if folded.startswith(word + " "):
                return code, folded[len(word) + 1 :]
    return None, folded


def _office_forms(role: Role, organisations: dict[str, Person]) -> set[str]:
    """Folded forms of an office: its title and title forms, also after its organisation's aliases."""
    titles = {folded for t in (role.title, *role.title_forms) if (folded := fold_name(t))}
    organisation = organisations.get(role.speaks_for or "")
    if organisation is not None:
        names = {fold_name(a) for a in (organisation.name, *organisation.aliases)}
        titles |= {f"{n} {t}" for n in names if n for t in list(titles)}
    return titles | {t.removeprefix("the ") for t in titles}


def _surnames(person: Person) -> set[str]:
    """Short forms a title can precede: the last word of the name, and one- or two-word aliases."""
    forms = {person.name.split()[-1]} if person.name.split() else set()
    for alias in person.aliases:
        words = alias.split()
        if 1 <= len(words) <= 2 and not alias.isupper():
            forms.add(alias)
    return forms


def person_forms(person: Person) -> set[str]:
    """Every folded surface form that names ``person``: id, name, aliases and titled surnames."""
    forms = {person.id.replace("-", " "), person.name, *person.aliases}
    if not person.anonymous:
        for role in person.roles:
            for title in {role.title, *role.title_forms}:
                for surname in _surnames(person):
                    forms.add(f"{title} {surname}")
    return {folded for form in forms if (folded := fold_name(form))}


@dataclass
class NameIndex:
    """Folded name → person ids, built once per release; resolves names to one person id."""

    people: dict[str, Person]
    forms: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    titles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    offices: dict[str, list[tuple[str, Role]]] = field(default_factory=lambda: defaultdict(list))
    """Folded office form → (holder id, role), for every role's title forms."""
    names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    """Folded bare name → person ids: names, aliases and surnames, without titles."""

    @classmethod
    def build(cls, people: Iterable[Person]) -> NameIndex:
        """Index every person's surface forms."""
        index = cls(people={person.id: person for person in people})
        organisations = {pid: p for pid, p in index.people.items() if p.kind == "organization"}
        for person in index.people.values():
            for form in person_forms(person):
                index.forms[form].add(person.id)
            for role in person.roles:
                for title in {role.title, *role.title_forms}:
                    if folded := fold_name(title):
                        index.titles[folded].add(person.id)
                for office in _office_forms(role, organisations):
                    index.offices[office].append((person.id, role))
            if not person.anonymous:
                for name in {person.name, *person.aliases, *_surnames(person)}:
                    if folded := fold_name(name):
                        index.names[folded].add(person.id)
        return index

    def _office(self, phrase: str) -> tuple[str | None, list[tuple[str, Role]]]:
        """The country code and (holder, role) pairs an office phrase ("French foreign minister") names."""
        phrase = phrase.removeprefix("the ")
        found = self.offices.get(phrase)
        if found:
            return None, found
        country, rest = _strip_country(phrase)
        if country is None:
            return None, []
        return country, [(pid, role) for pid, role in self.offices.get(rest, ()) if role.country == country]

    def resolve_titled(
        self, name: str, *, source_file: str | None = None, day: dt.date | None = None
    ) -> tuple[set[str], str | None]:
        """People ``name`` names as the press writes it, and a note when the title was not held.

        Tries, in order: an office followed by a name ("Pentagon chief Ash Carter"), resolved by
        the name (the note says what the person held instead, if the office was not theirs on
        ``day``); a name or alias as written; an office alone (holders on ``day``, or its one
        holder without a day). Returns an empty set when nothing fits.
        """
        folded = fold_name(name)
        keys = [folded, " ".join(w for w in folded.split() if w not in HONORIFICS)]
        for key in dict.fromkeys(keys):
            words = key.split()
            for cut in range(1, len(words)):
                prefix, rest = " ".join(words[:cut]), " ".join(words[cut:])
                named = self._visible(self.names.get(rest, ()), source_file)
                if len(named) != 1:
                    continue
                _country, office = self._office(prefix)
                if not office:
                    continue
                pid = next(iter(named))
                held = [role for holder, role in office if holder == pid]
                if held and (day is None or any(role.may_hold_on(day) for role in held)):
                    return named, None
                return named, self._title_note(pid, prefix, day)
        found = self.lookup(name, source_file=source_file, day=day)
        if found:
            return found, None
        for key in dict.fromkeys(keys):
            _country, office = self._office(key)
            holders = {pid for pid, role in office if day is None or role.may_hold_on(day)}
            if holders:
                return holders, None
        return set(), None

    def _title_note(self, pid: str, office: str, day: dt.date | None) -> str:
        person = self.people[pid]
        roles = person.roles_on(day) if day is not None else person.roles
        held = " and ".join(dict.fromkeys(role.title for role in roles)) or "no office on record"
        when = f" on {day.isoformat()}" if day is not None else " in the dataset"
        return f"{person.name} was {held}, not {office.title()},{when}"

    def _visible(self, ids: Iterable[str], source_file: str | None) -> set[str]:
        """Ids that may be named in ``source_file``: anonymous people only inside their own source."""
        return {
            pid
            for pid in ids
            if not self.people[pid].anonymous
            or (source_file is not None and self.people[pid].scope == source_file)
        }

    def lookup(self, name: str, *, source_file: str | None = None, day: dt.date | None = None) -> set[str]:
        """Ids of everyone ``name`` can denote (empty when none).

        A bare title ("Secretary", "Pentagon press secretary") names whoever holds it; with
        ``day``, only those who may have held it on that day.
        """
        if name in self.people:
            return {name}
        folded = fold_name(name)
        keys = [folded, " ".join(w for w in folded.split() if w not in HONORIFICS)]
        for key in keys:
            found = self._visible(self.forms.get(key, ()), source_file)
            if found:
                return found
        for key in keys:
            holders = self.titles.get(key, set())
            if day is not None:
                holders = {pid for pid in holders if self._held_title_on(pid, key, day)}
            if holders:
                return set(holders)
        return set()

    def _held_title_on(self, pid: str, title: str, day: dt.date) -> bool:
        return any(
            role.may_hold_on(day) and title in {fold_name(t) for t in (role.title, *role.title_forms)}
            for role in self.people[pid].roles
        )

    def ambiguous(self, name: str, found: Iterable[str]) -> UnknownNameError:
        """The error for a name that denotes every person of ``found`` (two or more)."""
        candidates = sorted(self._describe(pid) for pid in found)
        return UnknownNameError(
            f"speaker {name!r} is ambiguous: it names {len(candidates)} people: {'; '.join(candidates)}",
            candidates,
            ambiguous=True,
        )

    def resolve(self, name: str, *, source_file: str | None = None, day: dt.date | None = None) -> str:
        """The one person id ``name`` denotes; raise :class:`UnknownNameError` with candidates otherwise."""
        found = self.lookup(name, source_file=source_file, day=day)
        if len(found) == 1:
            return next(iter(found))
        if found:
            raise self.ambiguous(name, found)
        hidden = self.forms.get(fold_name(name), set()) - self._visible(
            self.forms.get(fold_name(name), ()), source_file
        )
        if hidden:
            candidates = sorted(self._describe(pid) for pid in hidden)
            scopes = sorted({self.people[pid].scope or "" for pid in hidden})
            raise UnknownNameError(
                f"speaker {name!r} names only unnamed speakers scoped to one source "
                f"({', '.join(scopes)}): pass --source to choose one: {'; '.join(candidates)}",
                candidates,
                ambiguous=True,
            )
        candidates = self.closest(name, source_file=source_file)
        hint = f"; closest: {'; '.join(candidates)}" if candidates else ""
        raise UnknownNameError(f"speaker {name!r}: no such person in the dataset{hint}", candidates)

    def closest(self, name: str, *, source_file: str | None = None) -> list[str]:
        """The people whose names are closest to ``name`` (rapidfuzz WRatio), best first."""
        visible = {form: ids for form, ids in self.forms.items() if self._visible(ids, source_file)}
        matches = process.extract(
            fold_name(name), list(visible), scorer=fuzz.WRatio, limit=MAX_CANDIDATES * 4
        )
        seen: list[str] = []
        for form, _score, _ in matches:
            for pid in sorted(self._visible(visible[form], source_file)):
                if pid not in seen:
                    seen.append(pid)
        return [self._describe(pid) for pid in seen[:MAX_CANDIDATES]]

    def _describe(self, pid: str) -> str:
        person = self.people[pid]
        scope = f", in {person.scope}" if person.anonymous else ""
        return f"{person.name} ({pid}{scope})"


def resolve_name(
    people: Iterable[Person], name: str, *, source_file: str | None = None, day: dt.date | None = None
) -> str:
    """Resolve ``name`` to one person id among ``people`` (builds a throwaway index)."""
    return NameIndex.build(people).resolve(name, source_file=source_file, day=day)


def describe_person(people: dict[str, Person], pid: str) -> str:
    """A person as ``Name (id)`` for messages; an unknown id as itself."""
    person = people.get(pid)
    return f"{person.name} ({pid})" if person else pid
