"""Speaker labels of transcripts: their grammar, and their resolution to people.

A label is upper-case text at the very start of a paragraph, ending in a colon, optionally with
an upper-case parenthesis (``MIN. LE DRIAN (THROUGH TRANSLATOR):``). Mixed-case text before a
colon (``On the second point: ...``) is speech, not a label. A label resolves to a known person
only through a whole alias, or a whole title form followed by a whole name form of that one
person; a shared word is never enough, so an unknown minister is proposed as a new person.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from claims.extract.registry import Registry
from claims.records import Person

MAX_LABEL_CHARS = 80
"""Longest label recognised; longer upper-case text before a colon is taken as speech."""

_LABEL_START = re.compile(
    r"(?P<name>[^\W\d_][^\W_]*(?:[ .'’\-]+[^\W_]+)*\.?)"
    r"(?:\s*\((?P<paren>[^()\n]{1,40})\))?"
    r"\s*:"
)
_INTERPRETED = re.compile(r"\b(?:TRANSLAT\w*|INTERPRET\w*)\b")

QUESTION_LABELS = frozenset({"Q", "QUESTION", "QUESTIONER", "REPORTER", "JOURNALIST", "AUDIENCE MEMBER"})
"""Labels that name no one but mark a reporter's question: each such turn is a new reporter."""

ROLE_LABELS = frozenset(
    {"MODERATOR", "STAFF", "OPERATOR", "HOST", "CHAIR", "INTERPRETER", "ANNOUNCER", "PARTICIPANT"}
)
"""Labels that name a role, not a person: one anonymous person per role and source."""

UNIDENTIFIED_LABELS = frozenset({"UNIDENTIFIED", "UNIDENTIFIED SPEAKER", "UNKNOWN", "SPEAKER", "VOICE"})
"""Labels that say the speaker is unknown: each such turn is a new unidentified speaker."""

HONORIFICS = ("MR", "MRS", "MS", "DR", "MADAM", "MADAME", "MONSIEUR")
"""Forms of address that may precede any name in a label."""


@dataclass(frozen=True)
class Label:
    """A parsed label: the text as printed (no colon), its name part, and its offsets."""

    printed: str
    name: str
    parenthesis: str | None
    start: int
    end: int
    """One past the colon: ``start``/``end`` are the label span."""

    @property
    def via_interpreter(self) -> bool:
        """True when the parenthesis says the words come through a translator or interpreter."""
        return self.parenthesis is not None and _INTERPRETED.search(self.parenthesis.upper()) is not None


def parse_label(text: str, offset: int = 0) -> Label | None:
    """The label at the start of ``text`` (a paragraph), or None when it does not open with one.

    ``offset`` is added to the returned positions (the paragraph's offset in the source).
    """
    match = _LABEL_START.match(text)
    if match is None or match.end() > MAX_LABEL_CHARS:
        return None
    name = match.group("name")
    paren = match.group("paren")
    if name != name.upper() or not any(ch.isalpha() for ch in name):
        return None
    if paren is not None and paren != paren.upper():
        return None
    after = text[match.end() : match.end() + 1]
    if after and not after.isspace():
        return None
    printed = text[: match.end() - 1].rstrip()
    return Label(printed, name.strip(), paren, offset, offset + match.end())


def normalize(text: str) -> str:
    """Fold a name or label for comparison: NFKC, upper case, no full stops, single spaces."""
    folded = unicodedata.normalize("NFKC", text).upper().replace("’", "'").replace(".", " ")
    return " ".join(folded.split())


@dataclass(frozen=True)
class Resolution:
    """Who a label names: a person id, whether it is a question, and whether it is anonymous."""

    speaker_id: str
    is_question: bool
    anonymous: bool


def _title_forms(person: Person) -> set[str]:
    forms = {normalize(h) for h in HONORIFICS}
    for role in person.roles:
        forms.add(normalize(role.title))
        forms.update(normalize(form) for form in role.title_forms)
    return forms


def _name_forms(person: Person) -> set[str]:
    return {normalize(person.name), *(normalize(alias) for alias in person.aliases)}


def match_known(name: str, people: list[Person]) -> list[str]:
    """Ids of the known people a label's name part names, through a whole alias or title + name."""
    wanted = normalize(name)
    exact = [p.id for p in people if wanted in _name_forms(p)]
    if exact:
        return exact
    found: list[str] = []
    for person in people:
        names = _name_forms(person)
        titles = _title_forms(person)
        words = wanted.split()
        for cut in range(1, len(words)):
            title, rest = " ".join(words[:cut]), " ".join(words[cut:])
            if title in titles and rest in names:
                found.append(person.id)
                break
    return found


class LabelResolver:
    """Resolves the labels of one transcript to people, proposing anonymous and new people."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._named = registry.named()

    def resolve(self, label: Label) -> Resolution:
        """The person a label names; a generic label (``Q``, ``MODERATOR``) names an anonymous one."""
        key = normalize(label.name)
        if key in QUESTION_LABELS:
            return Resolution(self.registry.anonymous("reporter", numbered=True), True, True)
        if key in UNIDENTIFIED_LABELS:
            return Resolution(self.registry.anonymous("unidentified-speaker", numbered=True), False, True)
        if key in ROLE_LABELS:
            return Resolution(self.registry.anonymous(key.lower(), numbered=False), False, True)
        matches = sorted(set(match_known(label.name, self._named)))
        if len(matches) == 1:
            return Resolution(matches[0], False, False)
        why = (
            f"label {label.name!r} in {self.registry.source_file} is ambiguous between {', '.join(matches)}"
            if matches
            else f"label {label.name!r} in {self.registry.source_file} names no known person"
        )
        person_id = self.registry.propose_named(_display_name(label.name), label.name, why)
        return Resolution(person_id, False, False)


def _display_name(label_name: str) -> str:
    """A readable name for a proposed person from a label (``MINISTER SMITH`` → ``Minister Smith``)."""
    return " ".join(word.capitalize() if word.isupper() else word for word in label_name.split())
