"""Sentences that carry a checkable assertion, true against the synthetic timeline."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from benchmarks.timeline import Meeting, Official
from benchmarks.words import MONTHS, NUMBER_WORDS, ORDINAL_WORDS

ASSERTION_KINDS = ("meeting-ordinal", "meeting-count", "date-reference", "quantity", "role-reference")


def _number(value: int) -> str:
    return NUMBER_WORDS[value - 2] if 2 <= value < len(NUMBER_WORDS) + 2 else str(value)


def _long_date(day: Any) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class AssertionMaker:
    """Makes assertion sentences about one source's meeting and the officials who speak in it."""

    meeting: Meeting
    officials: tuple[Official, ...]

    def __call__(self, rng: random.Random) -> tuple[str, dict[str, Any]]:
        """One sentence and the assertion whose expression it contains."""
        kind = rng.choice(ASSERTION_KINDS)
        m = self.meeting
        if kind == "meeting-count" and m.ordinal >= 2:
            months = max(1, round((m.date - m.first_date).days / 30))
            expression = f"{ORDINAL_WORDS[m.ordinal - 1]} meeting in {_number(months)} months"
            return f"This is our {expression}.", {
                "kind": "meeting-count",
                "expression": expression,
                "participants": list(m.participants),
                "count": m.ordinal,
                "window": {"start": m.first_date.isoformat(), "end": m.date.isoformat()},
                "event_id": m.event_id,
            }
        if kind == "date-reference":
            day, event_id = (m.previous_date, m.previous_id) if m.previous_date else (m.date, m.event_id)
            expression = _long_date(day)
            verb = "last met on" if m.previous_date else "meet here on"
            return f"We {verb} {expression}.", {
                "kind": "date-reference",
                "expression": expression,
                "resolves_to": {"start": day.isoformat(), "end": day.isoformat()},
                "event_id": event_id,
            }
        if kind == "quantity":
            expression = f"{m.troops} troops"
            return f"We have committed {expression} to this mission.", {
                "kind": "quantity",
                "expression": expression,
                "measure": m.measure,
                "value": float(m.troops),
                "qualifier": "exactly",
                "as_of": m.date.isoformat(),
                "event_id": m.event_id,
            }
        if kind == "role-reference":
            official = rng.choice(self.officials)
            expression = f"{official.title} {official.name}"
            return f"I thank {expression} for the work done.", {
                "kind": "role-reference",
                "expression": expression,
                "person_id": official.person_id,
                "title": official.title,
                "date": m.date.isoformat(),
            }
        expression = f"the {ORDINAL_WORDS[m.ordinal - 1]} meeting"
        return f"Today is {expression} of our group.", {
            "kind": "meeting-ordinal",
            "expression": expression,
            "series": m.series,
            "ordinal": m.ordinal,
            "event_id": m.event_id,
        }
