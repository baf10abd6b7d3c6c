"""The validation report: errors and warnings (claims.report.Problem) and findings about reviewed claims."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pydantic import BaseModel, ConfigDict, Field

from claims.codes import code_info
from claims.records import Claim
from claims.records.claim import Rating
from claims.report import Problem


class Finding(BaseModel):
    """A claim the record contradicts, accounted for by the review on that claim."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    claim_id: str = Field(description="The claim the finding is about.")
    code: str = Field(description="The problem code of the conflict; see docs/codes.md.")
    conflict: str = Field(description="What the record shows against the claim (the problem's message).")
    rating: Rating = Field(description="The review's rating of the claim.")
    explanation: str = Field(description="The review's explanation.")
    ids: list[str] = Field(default_factory=list, description="Ids of every record involved.")
    file: str | None = Field(default=None, description="The file the claim is in.")


class Report(BaseModel):
    """What ``claims validate`` found: valid exactly when there are no errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    valid: bool = Field(description="True when there is no error (warnings and findings allowed).")
    errors: list[Problem] = Field(default_factory=list, description="Faults to fix before a release.")
    warnings: list[Problem] = Field(
        default_factory=list, description="Things worth a look that do not block."
    )
    findings: list[Finding] = Field(
        default_factory=list, description="Claims the record contradicts, each accounted for by its review."
    )


def _sort_key(problem: Problem) -> tuple[str, int, str, str]:
    return (problem.file or "", problem.start or 0, problem.code, ",".join(problem.ids))


def build_report(
    problems: Iterable[Problem],
    claims: Mapping[str, Claim],
    *,
    select: frozenset[str] | None = None,
    ignore: frozenset[str] = frozenset(),
) -> Report:
    """Sort problems into errors, warnings and findings; a finding code on a reviewed claim is a finding.

    ``select`` keeps only the codes named (None keeps all); ``ignore`` drops the codes named.
    """
    errors: list[Problem] = []
    warnings: list[Problem] = []
    findings: list[Finding] = []
    seen: set[tuple[object, ...]] = set()
    for problem in sorted(problems, key=_sort_key):
        identity = (
            problem.code,
            problem.message,
            tuple(problem.ids),
            problem.file,
            problem.start,
            problem.end,
        )
        if identity in seen:
            continue
        seen.add(identity)
        if (select is not None and problem.code not in select) or problem.code in ignore:
            continue
        claim = claims.get(problem.ids[0]) if problem.ids else None
        if code_info(problem.code).finding and claim is not None and claim.review is not None:
            findings.append(
                Finding(
                    claim_id=claim.id,
                    code=problem.code,
                    conflict=problem.message,
                    rating=claim.review.rating,
                    explanation=claim.review.explanation,
                    ids=problem.ids,
                    file=problem.file,
                )
            )
        elif problem.severity == "error":
            errors.append(problem)
        else:
            warnings.append(problem)
    return Report(valid=not errors, errors=errors, warnings=warnings, findings=findings)
