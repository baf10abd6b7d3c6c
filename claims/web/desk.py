"""What the desk holds from start-up on: the release, its verifier, lookups by id, the validation report.

Everything here is read once and never written: the web application is read-only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from claims.problem import Problem
from claims.records import Claim, Event, Person, Release, Segment, Source, Subject
from claims.validation import Finding, Report
from claims.verification.api import Verifier


@dataclass(frozen=True)
class Check:
    """What one check says of one record: a problem (error or warning) or a finding on a reviewed claim."""

    code: str
    severity: str
    message: str
    ids: list[str]


@dataclass
class Desk:
    """The release with its lookups, the verifier (its index built once) and the validation report."""

    release: Release
    verifier: Verifier
    report: Report
    people: dict[str, Person] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    subjects: dict[str, Subject] = field(default_factory=dict)
    segments_of: dict[str, list[Segment]] = field(default_factory=dict)
    segment_by_id: dict[str, Segment] = field(default_factory=dict)
    claims_of_source: dict[str, list[Claim]] = field(default_factory=dict)
    checks_of: dict[str, list[Check]] = field(default_factory=dict)

    @classmethod
    def build(cls, release: Release, report: Report) -> Desk:
        """Index every record of ``release`` and build the verify index (once)."""
        desk = cls(release=release, verifier=Verifier(release), report=report)
        desk.people = {p.id: p for p in release.people}
        desk.sources = {s.file: s for s in sorted(release.sources, key=lambda s: s.file)}
        desk.claims = {c.id: c for c in sorted(release.claims, key=lambda c: c.id)}
        desk.events = {e.id: e for e in sorted(release.events, key=lambda e: (e.date, e.id))}
        desk.subjects = {s.id: s for s in sorted(release.subjects, key=lambda s: s.id)}
        segments: dict[str, list[Segment]] = defaultdict(list)
        for segment in release.segments:
            segments[segment.source_file].append(segment)
            desk.segment_by_id[segment.id] = segment
        desk.segments_of = {f: sorted(s, key=lambda s: (s.span.start, s.id)) for f, s in segments.items()}
        by_source: dict[str, list[Claim]] = defaultdict(list)
        for claim in desk.claims.values():
            by_source[claim.source_file].append(claim)
        desk.claims_of_source = {
            f: sorted(c, key=lambda c: (c.span.start, c.id)) for f, c in by_source.items()
        }
        checks: dict[str, list[Check]] = defaultdict(list)
        for problem in [*report.errors, *report.warnings]:
            for record_id in problem.ids[:1]:
                checks[record_id].append(_problem_check(problem))
        for finding in report.findings:
            checks[finding.claim_id].append(_finding_check(finding))
        desk.checks_of = dict(checks)
        return desk

    def person_name(self, person_id: str | None) -> str:
        """The person's name, else the id as given (or 'no single speaker' for None)."""
        if person_id is None:
            return "no single speaker"
        person = self.people.get(person_id)
        return person.name if person is not None else person_id

    def narrower(self, subject_id: str) -> set[str]:
        """A subject and every subject under it."""
        found = {subject_id}
        grew = True
        while grew:
            grew = False
            for subject in self.subjects.values():
                if subject.broader in found and subject.id not in found:
                    found.add(subject.id)
                    grew = True
        return found

    def link_of(self, record_id: str) -> str | None:
        """The page of a record named by id (claim, person, event, source, segment, subject), if it has one."""
        if record_id in self.claims:
            return f"/claims/{record_id}"
        if record_id in self.people:
            return f"/people/{record_id}"
        if record_id in self.events:
            return f"/events/{record_id}"
        if record_id in self.sources:
            return f"/sources/{record_id}"
        segment = self.segment_by_id.get(record_id)
        if segment is not None:
            return f"/sources/{segment.source_file}#{segment.id}"
        if record_id in self.subjects:
            return f"/timeline?subject={record_id}"
        return None

    def filter_claims(
        self,
        *,
        speaker_id: str | None = None,
        subject: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        source_file: str | None = None,
    ) -> list[Claim]:
        """Claims by speaker, subject (or one under it), date range (inclusive) and source, by id."""
        subjects = self.narrower(subject) if subject is not None else None
        return [
            claim
            for claim in self.claims.values()
            if (speaker_id is None or claim.speaker_id == speaker_id)
            and (subjects is None or not subjects.isdisjoint(claim.subjects))
            and (date_from is None or claim.date >= date_from)
            and (date_to is None or claim.date <= date_to)
            and (source_file is None or claim.source_file == source_file)
        ]

    def assertion_checks(self, claim: Claim) -> tuple[list[tuple[Any, list[Check]]], list[Check]]:
        """Each assertion of ``claim`` with the checks that name its expression, and the claim's other checks."""
        checks = list(self.checks_of.get(claim.id, []))
        placed: set[int] = set()
        rows: list[tuple[Any, list[Check]]] = []
        for assertion in claim.assertions:
            expression = str(getattr(assertion, "expression", ""))
            mine = [
                c
                for number, c in enumerate(checks)
                if expression and (repr(expression) in c.message or expression in c.message)
            ]
            placed.update(number for number, c in enumerate(checks) if c in mine)
            rows.append((assertion, mine))
        return rows, [c for number, c in enumerate(checks) if number not in placed]

    def events_of_person(self, person_id: str) -> list[Event]:
        """Events the person takes part in, by date."""
        return [e for e in self.events.values() if person_id in e.participants]

    def claims_reported_by(self, person_id: str) -> list[Claim]:
        """Claims whose words this person or outlet reports."""
        return [c for c in self.claims.values() if c.reported_by == person_id]

    def claims_at_event(self, event_id: str) -> list[Claim]:
        """Claims said at the event or whose assertions name it."""
        return [c for c in self.claims.values() if c.event_id == event_id or event_id in _named_events(c)]


def _named_events(claim: Claim) -> Iterable[str]:
    for assertion in claim.assertions:
        for name in ("event_id", "fulfilled_by"):
            value = getattr(assertion, name, None)
            if isinstance(value, str):
                yield value


def _problem_check(problem: Problem) -> Check:
    return Check(code=problem.code, severity=problem.severity, message=problem.message, ids=problem.ids)


def _finding_check(finding: Finding) -> Check:
    return Check(
        code=finding.code,
        severity=f"finding ({finding.rating})",
        message=finding.conflict,
        ids=finding.ids,
    )
