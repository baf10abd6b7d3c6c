"""Problems are data: typed, located, with stable codes; a report gathers them."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Severity = Literal["error", "warning"]


class Problem(BaseModel):
    """One thing wrong with the data, located by record ids, file and place."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(description="Stable kebab-case code; see docs/codes.md.")
    severity: Severity = Field(description="error or warning.")
    message: str = Field(description="What was expected, what was found, and where.")
    ids: list[str] = Field(default_factory=list, description="Ids of the records involved.")
    file: str | None = Field(default=None, description="The file the problem is in.")
    path: str | None = Field(default=None, description="JSON path of the offending value, e.g. $[3].span.")
    start: int | None = Field(default=None, description="Offset into the source text, where one applies.")
    end: int | None = Field(default=None, description="End offset into the source text, where one applies.")


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``count`` and ``noun`` agreeing in number: "1 problem", "2 problems" (``many`` for irregular plurals)."""
    return f"{count} {noun if count == 1 else (many or noun + 's')}"
