"""The three version numbers a release must agree on: the one asked for, the package's, the CHANGELOG's."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from claims.jsonio import read_bytes

REQUESTED = "VERSION"
PACKAGE = "claims.__version__"
CHANGELOG = "CHANGELOG.md"

_RELEASED_HEADING = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})\s*$", re.MULTILINE)
_ANY_HEADING = re.compile(r"^## \[([^\]]+)\]", re.MULTILINE)


class VersionCheck(BaseModel):
    """The version numbers found, and which of them disagree with the others."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    values: dict[str, str | None] = Field(description="Where a version was read -> the version found there.")
    disagreeing: list[str] = Field(description="The places whose version differs from the majority's.")

    @property
    def agree(self) -> bool:
        """True when every place gives the same version."""
        return not self.disagreeing

    def message(self) -> str:
        """One sentence naming each place that disagrees and what it says."""
        if self.agree:
            return f"versions agree: {self.values[REQUESTED]}"
        said = ", ".join(f"{name} is {self.values[name] or 'missing'}" for name in self.disagreeing)
        others = [name for name in self.values if name not in self.disagreeing]
        if others:
            agreed = self.values[others[0]]
            return f"version disagreement: {said}, while {' and '.join(others)} say {agreed}"
        return f"version disagreement: {said}; none agree"


def newest_changelog_version(text: str) -> str | None:
    """The version of the first released heading ``## [X.Y.Z] - YYYY-MM-DD`` (``Unreleased`` skipped)."""
    for heading in _ANY_HEADING.finditer(text):
        if heading.group(1).lower() == "unreleased":
            continue
        line_end = text.find("\n", heading.start())
        line = text[heading.start() : line_end if line_end != -1 else len(text)]
        match = _RELEASED_HEADING.match(line)
        return match.group(1) if match else None
    return None


def check_versions(requested: str, package_version: str, changelog: Path) -> VersionCheck:
    """Compare the requested version, the package's and the CHANGELOG's newest released heading.

    The majority value is taken as meant; each place that differs from it is named. When all
    three differ, all are named.
    """
    newest = None
    if changelog.is_file():
        newest = newest_changelog_version(read_bytes(changelog, what="changelog").decode("utf-8", "replace"))
    values: dict[str, str | None] = {REQUESTED: requested, PACKAGE: package_version, CHANGELOG: newest}
    counts = Counter(values.values())
    common, times = counts.most_common(1)[0]
    if times == len(values):
        return VersionCheck(values=values, disagreeing=[])
    if times == 1:
        return VersionCheck(values=values, disagreeing=list(values))
    return VersionCheck(
        values=values, disagreeing=[name for name, value in values.items() if value != common]
    )
