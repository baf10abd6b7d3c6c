"""Synthetic people, subjects and meeting series: the shared records every source refers to."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import dataclass
from typing import Any

from benchmarks.words import (
    COUNTRIES,
    FIRST_NAMES,
    LAST_NAMES,
    NOUNS,
    ORGANIZATIONS,
    PLACES,
    TITLES,
)

EXAMPLE_URL = "https://example.org/claimtrack-bench"


@dataclass(frozen=True)
class Official:
    """A named person with one office; what transcripts print before their turns."""

    person_id: str
    name: str
    title: str
    label_prefix: str
    last: str

    @property
    def label(self) -> str:
        """The transcript label, e.g. ``SEC. BRANDT``."""
        return f"{self.label_prefix} {self.last.upper()}"


@dataclass(frozen=True)
class Meeting:
    """An event of a meeting series, with what its assertions need."""

    event_id: str
    series: str
    ordinal: int
    date: dt.date
    place: str
    participants: tuple[str, ...]
    first_date: dt.date
    previous_id: str | None
    previous_date: dt.date | None
    troops: int

    @property
    def measure(self) -> str:
        """The quantity this meeting's record holds (troops committed)."""
        return f"{self.event_id}-troops"


def make_officials(rng: random.Random, count: int) -> list[Official]:
    """``count`` people with unique names (middle initials once first x last names run out)."""
    pairs = list(itertools.product(FIRST_NAMES, LAST_NAMES))
    rng.shuffle(pairs)
    officials: list[Official] = []
    for index in range(count):
        first, last = pairs[index % len(pairs)]
        round_ = index // len(pairs)
        middle = f" {chr(ord('A') + round_ % 26)}{round_ // 26 or ''}." if round_ else ""
        name = f"{first}{middle} {last}"
        person_id = "-".join(name.lower().replace(".", "").split())
        title, _, label_prefix = TITLES[index % len(TITLES)]
        officials.append(Official(person_id, name, title, label_prefix, last))
    return officials


def person_record(official: Official, rng: random.Random) -> dict[str, Any]:
    """The people.json record of an official."""
    title, form, _ = next(t for t in TITLES if t[0] == official.title)
    return {
        "id": official.person_id,
        "name": official.name,
        "aliases": sorted({official.label, official.name, f"{official.title} {official.last}"}),
        "roles": [
            {
                "title": title,
                "organization": rng.choice(ORGANIZATIONS),
                "country": rng.choice(COUNTRIES),
                "start": "2005",
                "title_forms": [form],
                "evidence": [f"{EXAMPLE_URL}/people/{official.person_id}"],
            }
        ],
    }


def anonymous_record(person_id: str, name: str, source_file: str) -> dict[str, Any]:
    """A source-scoped anonymous speaker (a moderator, a reporter)."""
    return {"id": person_id, "name": name, "anonymous": True, "scope": source_file}


def subject_records() -> list[dict[str, Any]]:
    """The subject vocabulary: one subject per noun of the word list."""
    return [
        {"id": f"topic-{noun}", "name": noun.capitalize(), "description": f"Claims about the {noun}."}
        for noun in NOUNS[:40]
    ]


def make_meetings(rng: random.Random, officials: list[Official], count: int) -> list[Meeting]:
    """About ``count`` meetings in series of 3-8 whose participants no other series shares.

    Disjoint participants keep every meeting-count assertion true against the whole timeline.
    """
    meetings: list[Meeting] = []
    pool = list(officials)
    series_index = 0
    while len(meetings) < count:
        size = rng.randint(2, 3)
        if len(pool) < size:
            break
        participants = tuple(sorted(pool.pop().person_id for _ in range(size)))
        series = f"series-{series_index:05d}"
        day = dt.date(2010, 1, 1) + dt.timedelta(days=rng.randint(0, 4000))
        first = day
        previous: Meeting | None = None
        for ordinal in range(1, rng.randint(3, 8) + 1):
            meeting = Meeting(
                event_id=f"{series}-meeting-{ordinal}",
                series=series,
                ordinal=ordinal,
                date=day,
                place=rng.choice(PLACES),
                participants=participants,
                first_date=first,
                previous_id=previous.event_id if previous else None,
                previous_date=previous.date if previous else None,
                troops=rng.randint(50, 5000),
            )
            meetings.append(meeting)
            previous = meeting
            day += dt.timedelta(days=rng.randint(20, 90))
        series_index += 1
    return meetings


def event_record(meeting: Meeting, evidence_file: str | None) -> dict[str, Any]:
    """The events.json record of a meeting, with the troop figure its quantity assertions state."""
    url = f"{EXAMPLE_URL}/events/{meeting.event_id}"
    evidence: dict[str, Any] = {"url": url}
    if evidence_file is not None:
        evidence["source_file"] = evidence_file
    return {
        "id": meeting.event_id,
        "kind": "ministerial",
        "name": f"Meeting {meeting.ordinal} of {meeting.series}",
        "date": meeting.date.isoformat(),
        "place": meeting.place,
        "participants": list(meeting.participants),
        "series": meeting.series,
        "ordinal": meeting.ordinal,
        "quantities": [
            {
                "measure": meeting.measure,
                "value": float(meeting.troops),
                "qualifier": "exactly",
                "as_of": meeting.date.isoformat(),
                "evidence": [{"url": url}],
            }
        ],
        "evidence": [evidence],
    }
