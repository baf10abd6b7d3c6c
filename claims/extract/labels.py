"""Speaker labels of transcripts: their grammar, and their resolution to people.

A label is upper-case text at the start of a paragraph (after any spaces or non-breaking spaces),
ending in a colon, optionally with an upper-case parenthesis (``MIN. LE DRIAN (THROUGH
TRANSLATOR):``); a lone ``Q`` followed by white space and no colon (the White House's form) is a
question label too. Mixed-case text before a colon (``On the second point: ...``) is speech, not a
label, and so is page furniture in label form (``SUBJECT:``, ``TO THE CONGRESS OF THE UNITED
STATES:``, ``NOMINATIONS SENT TO THE SENATE:``). A label resolves to a known person
only through a whole alias, or a whole title form followed by a whole name form of that one
person; a shared word is never enough, so an unknown minister is proposed as a new person. A
label that is a whole title form (``THE PRESIDENT``) names the one person holding an office with
that title form on the source's date, when the date is known and exactly one person does.

Labels naming a role rather than a person are anonymous and scoped to the source: ``MODERATOR``
is one person per source; an official's label (``SENIOR ADMINISTRATION OFFICIAL``) is one person
per printed label and number (``... OFFICIAL 2``, ``FIRST ...``), recorded as possibly standing
for several officials, since one identical label does not tell them apart.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from claims.extract.registry import Registry
from claims.records import Person

MAX_LABEL_CHARS = 80
"""Longest label recognised; longer upper-case text before a colon is taken as speech."""

_LABEL_START = re.compile(
    r"(?P<name>[^\W\d_][^\W_]*(?:[ \u00a0.'’\-]+[^\W_]+)*\.?)"
    r"(?:\s*\((?P<paren>[^()\n]{1,40})\))?"
    r"\s*:"
)
_INTERPRETED = re.compile(r"\b(?:TRANSLAT\w*|INTERPRET\w*)\b")
_LEADING_SPACE = re.compile(r"[ \t\u00a0\u2007\u202f]*")
_BARE_Q = re.compile(r"Q(?=[ \t\u00a0\u2007\u202f])")
"""``Q`` then white space, no colon: a question (``Q\u00a0\u00a0\u00a0 Is the relationship repaired?``)."""

FURNITURE_LABELS = frozenset(
    {
        "VIRIN",
        "PHOTO",
        "CREDIT",
        "SOURCE",
        "UPDATE",
        "NOTE",
        "EDITOR'S NOTE",
        "SUBJECT",
        "RE",
        "CC",
        "TO",
        "FROM",
        "DATE",
    }
)
"""Upper-case words before a colon that mark page furniture, not a speaker."""

_FURNITURE_FORMS = re.compile(r"^(?:TO THE |MEMORANDUM FOR )|\bSENT TO THE SENATE$")
"""An addressee (``TO THE CONGRESS OF THE UNITED STATES``) or a list heading, not a speaker."""

QUESTION_LABELS = frozenset({"Q", "QUESTION", "QUESTIONER", "REPORTER", "JOURNALIST", "AUDIENCE MEMBER"})
"""Labels that name no one but mark a reporter's question: each such turn is a new reporter."""

ROLE_LABELS = frozenset(
    {
        "MODERATOR", "STAFF", "OPERATOR", "HOST", "CHAIR", "INTERPRETER", "ANNOUNCER", "PARTICIPANT",
        "PARTICIPANTS", "AUDIENCE", "AUDIENCE MEMBERS", "CROWD", "AIDE", "WHITE HOUSE AIDE", "MILITARY AIDE",
    }
)  # fmt: skip
"""Labels that name a role, not a person: one anonymous person per role and source."""

_ORDINALS = {"FIRST": 1, "SECOND": 2, "THIRD": 3, "FOURTH": 4, "FIFTH": 5}
_NUMBER_WORDS = {"ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5}
OFFICIAL_LABEL = re.compile(
    r"^(?:(?P<ordinal>FIRST|SECOND|THIRD|FOURTH|FIFTH) )?(?P<role>(?:[A-Z]+ ){0,4}OFFICIAL)"
    r"(?: ?(?:# ?|NO |NUMBER )?(?P<number>\d{1,2}|ONE|TWO|THREE|FOUR|FIVE))?$"
)
"""An unnamed official's label (``SENIOR ADMINISTRATION OFFICIAL``, ``... OFFICIAL #2``), normalized."""

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


def is_furniture(name: str) -> bool:
    """True when upper-case text before a colon is page furniture (``SUBJECT``), not a speaker."""
    key = normalize(name)
    return key in FURNITURE_LABELS or _FURNITURE_FORMS.search(key) is not None


def parse_label(text: str, offset: int = 0) -> Label | None:
    """The label at the start of ``text`` (a paragraph), or None when it does not open with one.

    Spaces and non-breaking spaces before the label are not part of it. ``offset`` is added to
    the returned positions (the paragraph's offset in the source).
    """
    lead = _LEADING_SPACE.match(text)
    begin = lead.end() if lead is not None else 0
    if _BARE_Q.match(text, begin):
        return Label("Q", "Q", None, offset + begin, offset + begin + 1)
    match = _LABEL_START.match(text, begin)
    if match is None or match.end() - begin > MAX_LABEL_CHARS:
        return None
    name = match.group("name")
    paren = match.group("paren")
    if name != name.upper() or not any(ch.isalpha() for ch in name) or is_furniture(name):
        return None
    if any(ch.isdigit() for ch in name) and official_label(name) is None:
        return None  # ``COVID-19:``, ``H.R. 3537:``: a heading or a topic, not a speaker
    if paren is not None and paren != paren.upper():
        return None
    after = text[match.end() : match.end() + 1]
    if after and not after.isspace():
        return None
    printed = text[begin : match.end() - 1].rstrip()
    return Label(printed, name.strip(), paren, offset + begin, offset + match.end())


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


def official_label(name: str) -> tuple[str, int] | None:
    """The role and number of an unnamed official's label (``SENIOR ADMINISTRATION OFFICIAL 2`` →
    ``("SENIOR ADMINISTRATION OFFICIAL", 2)``; unnumbered: 1), or None for any other label."""
    match = OFFICIAL_LABEL.match(normalize(name))
    if match is None:
        return None
    number = 1
    if match.group("ordinal"):
        number = _ORDINALS[match.group("ordinal")]
    elif match.group("number"):
        raw = match.group("number")
        number = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    return match.group("role"), number


def match_title_holder(name: str, people: list[Person], day: dt.date | None) -> list[str]:
    """Ids of the people holding, on ``day``, an office one of whose whole titles the label is
    (``THE PRESIDENT``); empty when the day is unknown."""
    if day is None:
        return []
    wanted = normalize(name)
    return [
        person.id
        for person in people
        if any(
            role.may_hold_on(day)
            and wanted in {normalize(role.title), *(normalize(f) for f in role.title_forms)}
            for role in person.roles
        )
    ]


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

    def __init__(self, registry: Registry, day: dt.date | None = None) -> None:
        self.registry = registry
        self.day = day
        self._named = registry.named()

    def recognises(self, label: Label) -> bool:
        """True when a label names a speaker without proposing anyone new: a question or role
        label, an official's, a known person's or the holder of a titled office on the day."""
        key = normalize(label.name)
        if key in QUESTION_LABELS or key in UNIDENTIFIED_LABELS or key in ROLE_LABELS:
            return True
        if official_label(label.name) is not None:
            return True
        return bool(
            match_known(label.name, self._named) or match_title_holder(label.name, self._named, self.day)
        )

    def resolve(self, label: Label) -> Resolution:
        """The person a label names; a generic label (``Q``, ``MODERATOR``) names an anonymous one."""
        key = normalize(label.name)
        if key in QUESTION_LABELS:
            return Resolution(
                self.registry.anonymous("reporter", numbered=True, alias=label.printed), True, True
            )
        if key in UNIDENTIFIED_LABELS:
            return Resolution(self.registry.anonymous("unidentified-speaker", numbered=True), False, True)
        if key in ROLE_LABELS:
            return Resolution(
                self.registry.anonymous(key.lower(), numbered=False, alias=label.printed), False, True
            )
        matches = sorted(set(match_known(label.name, self._named)))
        if not matches:
            matches = sorted(set(match_title_holder(label.name, self._named, self.day)))
        official = official_label(label.name)
        if official is not None and not matches:
            role, number = official
            note = (
                f"Every turn labelled {label.printed!r} in {self.registry.source_file}: the transcript does not "
                "tell apart officials who speak under one identical label, so this may be several officials; "
                "not identified, never merged with a named person."
            )
            person_id = self.registry.anonymous(
                role.lower(), numbered=False, number=number, alias=label.printed, note=note
            )
            return Resolution(person_id, False, True)
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
