"""The one table of every problem code (reading, validation, releases): severity, family, meaning.

Every :class:`~claims.problem.Problem` is built by :func:`make_problem`, which takes its severity
from this table, so no code is reported with a severity of its own making.

Codes are stable kebab-case names; once published a code keeps its meaning and is never reused
for another. ``docs/codes.md`` is generated from this table (``codes_markdown()``) and a test keeps the
two in step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from claims.problem import Problem, Severity

Family = Literal["reading", "integrity", "citation", "attribution", "dates", "consistency", "release"]


@dataclass(frozen=True)
class Code:
    """One problem code: how severe it is, which family of checks reports it, and what it means.

    ``finding`` marks codes about a claim the record contradicts (not a fault of the data): they
    are errors only while the claim has no review; a reviewed claim lists them as findings.
    """

    severity: Severity
    family: Family
    meaning: str
    finding: bool = False


CODES: dict[str, Code] = {
    # reading: problems met while reading files into records (claims.reading)
    "record-invalid": Code(
        "error", "reading", "A record does not fit its schema (wrong field, type or value)."
    ),
    "source-file-missing": Code(
        "error",
        "reading",
        "A source listed in sources.json has no regular file in sources/ (none, a directory, a pipe, a socket).",
    ),
    "source-not-utf8": Code("error", "reading", "A source file is not valid UTF-8."),
    "release-checksum-mismatch": Code(
        "error",
        "reading",
        "A release file no longer has the sha256 that SHA256SUMS beside it lists: it was altered.",
    ),
    # integrity
    "unsafe-path": Code(
        "error",
        "integrity",
        "A file name is not a plain file name inside sources/ ('../x', '/etc/x', 'a/b'), or a dataset file resolves outside the dataset (a link, a loop of links): it is not read.",
    ),
    "source-text-missing": Code(
        "error", "integrity", "A source has no text to check (absent from a release)."
    ),
    "sha256-mismatch": Code("error", "integrity", "A source's text does not hash to its recorded sha256."),
    "source-id-mismatch": Code("error", "integrity", "A source's id differs from its file name."),
    "duplicate-id": Code("error", "integrity", "Two records of one collection share an id."),
    "id-source-mismatch": Code(
        "warning", "integrity", "A claim or segment id's 3-digit prefix is not its source file's prefix."
    ),
    "unknown-person": Code(
        "error", "integrity", "A person id (speaker, reporter, participant, ...) resolves to no one."
    ),
    "unknown-event": Code("error", "integrity", "An event id resolves to no event of the timeline."),
    "unknown-subject": Code("error", "integrity", "A subject id resolves to no subject of the vocabulary."),
    "unknown-source": Code("error", "integrity", "A source file name resolves to no source of sources.json."),
    "unknown-claim": Code("error", "integrity", "A claim id in a review's evidence resolves to no claim."),
    "subject-cycle": Code(
        "error", "integrity", "Following subjects' `broader` links comes back to where it began."
    ),
    "span-out-of-range": Code("error", "integrity", "A span ends beyond the end of its source's text."),
    "erratum-text-mismatch": Code(
        "error", "integrity", "An erratum's `text` is not the source's text at its span."
    ),
    "label-mismatch": Code(
        "error",
        "integrity",
        "A segment's label is not the text printed at its label_span (or, without one, its turn's label).",
    ),
    "segments-missing": Code(
        "error", "integrity", "A source has no segments, so its text is not attributed."
    ),
    "segment-gap": Code("error", "integrity", "Characters of a source belong to no segment."),
    "segment-overlap": Code("error", "integrity", "Characters of a source belong to more than one segment."),
    # citation
    "quote-mismatch": Code(
        "error",
        "citation",
        "A claim's quote is not the text at its span, nor anywhere in the source; a diff says how.",
    ),
    "span-shifted": Code(
        "error",
        "citation",
        "A claim's quote is not at its span but is elsewhere in the source, at the offsets given.",
    ),
    "prefix-mismatch": Code("error", "citation", "A claim's prefix is not the text just before its span."),
    "suffix-mismatch": Code("error", "citation", "A claim's suffix is not the text just after its span."),
    # attribution
    "speaker-mismatch": Code(
        "error",
        "attribution",
        "A claim's span lies (partly) in segments of another speaker, or of no speaker.",
    ),
    "interpreter-mismatch": Code(
        "error", "attribution", "A claim's via_interpreter differs from that of the segments it lies in."
    ),
    "attribution-kind-mismatch": Code(
        "error",
        "attribution",
        "A claim's attribution (direct, quoted, paraphrase) does not fit its segments' kind.",
    ),
    "reported-by-mismatch": Code(
        "error", "attribution", "A claim's reported_by differs from its segments' reported_by."
    ),
    # dates and roles
    "claim-date-event-mismatch": Code(
        "error", "dates", "A claim's date falls outside the dates of the event at which it was said."
    ),
    "claim-date-source-mismatch": Code(
        "error",
        "dates",
        "A claim's date differs from its transcript's date, or is after its source was published.",
    ),
    "source-date-event-mismatch": Code(
        "error", "dates", "A source's date falls outside the dates of the event it records."
    ),
    "source-place-event-mismatch": Code("error", "dates", "A source's place and its event's place disagree."),
    "anonymous-out-of-scope": Code(
        "error", "dates", "An anonymous person speaks or reports outside the one source they are scoped to."
    ),
    "role-not-held": Code(
        "error",
        "dates",
        "A title used for a person names an office they did not hold on that date.",
        finding=True,
    ),
    "role-title-unknown": Code(
        "error", "dates", "A title used for a person matches none of their offices.", finding=True
    ),
    "title-form-honorific": Code(
        "warning", "dates", "A role's title form is only an honorific ('MR', 'Mme'), which names no office."
    ),
    # consistency across documents
    "meeting-count-exceeded": Code(
        "error",
        "consistency",
        "The timeline holds more meetings of the participants in the window than counted.",
        finding=True,
    ),
    "meeting-count-order": Code(
        "error",
        "consistency",
        "The event named as the count-th meeting is not the count-th in date order.",
        finding=True,
    ),
    "meeting-count-event-outside": Code(
        "error",
        "consistency",
        "The event named by a meeting count is not a meeting of those participants inside the window.",
        finding=True,
    ),
    "meeting-count-fewer": Code(
        "warning",
        "consistency",
        "The timeline documents fewer meetings in the window than counted (the record may be incomplete).",
    ),
    "meeting-ordinal-mismatch": Code(
        "error",
        "consistency",
        "The named event's place in its series (by date, and its `ordinal`) is not the one claimed.",
        finding=True,
    ),
    "meeting-ordinal-series-mismatch": Code(
        "error", "consistency", "The event a meeting ordinal names is not in the series it counts."
    ),
    "series-order": Code(
        "error", "consistency", "A series' ordinals disagree with the date order of its events, or repeat."
    ),
    "series-unknown": Code("error", "consistency", "A meeting ordinal counts a series no event belongs to."),
    "date-reference-resolution": Code(
        "error",
        "consistency",
        "A date reference's stored `resolves_to` disagrees with the resolver's reading.",
    ),
    "date-reference-unresolved": Code(
        "warning",
        "consistency",
        "The resolver cannot read a date reference's expression; `resolves_to` is unchecked.",
    ),
    "date-reference-event": Code(
        "error",
        "consistency",
        "The event a date reference names does not fall in the interval it resolves to.",
        finding=True,
    ),
    "quantity-conflict": Code(
        "error",
        "consistency",
        "Two statements of one measure bound it incompatibly (same as-of date, or a count that shrinks later).",
        finding=True,
    ),
    "quantity-facts-conflict": Code(
        "error", "consistency", "The timeline's own quantity facts about one measure are incompatible."
    ),
    # claims tracked across documents (claims.validation.tracking)
    "event-reference-relation": Code(
        "error",
        "consistency",
        "The event an event reference names is not before, around or after the claim's date as its `relation` says.",
        finding=True,
    ),
    "event-reference-window": Code(
        "error",
        "consistency",
        "The event an event reference names falls outside the days its `within` allows ('just did').",
        finding=True,
    ),
    "expectation-mismatch": Code(
        "error",
        "consistency",
        "An expectation's `fulfilled_by` event is not of its kinds, lacks its participants or falls outside its window.",
    ),
    "expectation-unlinked": Code(
        "warning",
        "consistency",
        "The timeline holds an event matching an expectation that names none in `fulfilled_by`: link it.",
    ),
    "expectation-unfulfilled": Code(
        "error",
        "consistency",
        "The timeline holds no event of the kinds and participants an expectation announced, in its window.",
        finding=True,
    ),
    "series-count-mismatch": Code(
        "error",
        "consistency",
        "A quantity whose measure is a series disagrees with the number of the series' events begun by its as-of day.",
        finding=True,
    ),
    "quotation-not-in-quote": Code(
        "error", "consistency", "A source quotation's `expression` is not in the claim's quote."
    ),
    "quotation-differs": Code(
        "error",
        "consistency",
        "The words a claim quotes from another source are close to, not exactly, that source's words; a word diff says how.",
        finding=True,
    ),
    "quotation-not-found": Code(
        "error",
        "consistency",
        "The words a claim quotes from another source are not (nor anything close) in it.",
    ),
    "event-url-missing": Code(
        "warning",
        "consistency",
        "An event no source of the dataset records (an outside fact) has no evidence url.",
    ),
    # release: why `claims release` refuses to cut a version, and what SHA256SUMS checks find
    "validation-failed": Code(
        "error", "release", "`claims validate` reports the dataset invalid: nothing is cut."
    ),
    "release-exists": Code(
        "error",
        "release",
        "The release file or tables folder of this version exists; a cut release is never overwritten.",
    ),
    "version-not-newer": Code(
        "error", "release", "The version to cut is not newer than the newest release already cut."
    ),
    "version-disagreement": Code(
        "error",
        "release",
        "The version to cut, the package version, CITATION.cff and the newest CHANGELOG heading disagree.",
    ),
    "previous-release-unreadable": Code(
        "error", "release", "The previous release cannot be read, so the new one cannot be compared with it."
    ),
    "retraction-replacement-missing": Code(
        "error", "release", "A retraction's `replaced_by` names no claim of the release being cut."
    ),
    "retraction-version-mismatch": Code(
        "error", "release", "A new retraction's `version` is not the version being cut."
    ),
    "correction-unexplained": Code(
        "error",
        "release",
        "A claim of the previous release changed without a `corrections` entry of this version naming the fields and the reason.",
    ),
    "breaking-claim-removed": Code(
        "error",
        "release",
        "A claim id of the previous release is missing: a cited id must stay (retract it).",
    ),
    "breaking-claim-meaning-changed": Code(
        "error",
        "release",
        "A claim of the previous release has another quote, speaker or source: retract it and add a new claim.",
    ),
    "breaking-claim-unretracted": Code(
        "error", "release", "A claim retracted in the previous release is no longer retracted."
    ),
    "release-not-listed": Code(
        "error",
        "release",
        "A release file (or its layout manifest) in dataset/releases has no line in SHA256SUMS.",
    ),
    "listed-release-missing": Code(
        "error", "release", "SHA256SUMS lists a release file or table that does not exist."
    ),
    "release-layout-stale": Code(
        "error",
        "release",
        "A release's layout manifest (claimtrack-X.Y.Z.layout.json), listed in SHA256SUMS, is not the "
        "byte layout of the release beside it.",
    ),
}
"""Every code, in the order of the checks that report it."""


def code_info(code: str) -> Code:
    """The table entry of ``code``; a KeyError means a check uses a code missing from the table."""
    return CODES[code]


def make_problem(
    code: str,
    message: str,
    ids: Iterable[str],
    *,
    file: str | None = None,
    path: str | None = None,
    start: int | None = None,
    end: int | None = None,
) -> Problem:
    """A Problem whose severity comes from the code table (so a check cannot mislabel one)."""
    return Problem(
        code=code,
        severity=code_info(code).severity,
        message=message,
        ids=list(ids),
        file=file,
        path=path,
        start=start,
        end=end,
    )


def codes_markdown() -> str:
    """The table of codes as Markdown, the content of ``docs/codes.md``."""
    lines = [
        "# Problem codes",
        "",
        "Generated from `claims/codes.py` by `codes_markdown()`;",
        "a test fails when the two disagree. Codes are stable: a code keeps its meaning and is never",
        "reused. A *finding* code is about a claim the record contradicts: it is an error while the",
        "claim has no `review`, and is listed under `findings` (with the review's rating) once it has one.",
        "",
        "| code | severity | family | finding | meaning |",
        "|---|---|---|---|---|",
    ]
    for name, info in CODES.items():
        finding = "yes" if info.finding else ""
        lines.append(f"| `{name}` | {info.severity} | {info.family} | {finding} | {info.meaning} |")
    return "\n".join(lines) + "\n"
