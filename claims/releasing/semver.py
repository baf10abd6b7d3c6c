"""Semantic version numbers ``MAJOR.MINOR.PATCH``: parsing and ordering (no pre-releases)."""

from __future__ import annotations

import re
from typing import NamedTuple

from claims.errors import InputError
from claims.records.release import SEMVER_PATTERN

_SEMVER = re.compile(SEMVER_PATTERN)


class Version(NamedTuple):
    """A release version; tuples order the way semver does for plain ``X.Y.Z``."""

    major: int
    minor: int
    patch: int

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"


def parse_version(text: str) -> Version:
    """Parse ``X.Y.Z`` (no leading zeros, no pre-release tags), or raise InputError saying so."""
    match = _SEMVER.fullmatch(text)
    if match is None:
        raise InputError(f"{text!r}: expected a version MAJOR.MINOR.PATCH such as 1.0.0")
    return Version(int(match.group(1)), int(match.group(2)), int(match.group(3)))


def is_version(text: str) -> bool:
    """True when ``text`` is a plain semver version."""
    return _SEMVER.fullmatch(text) is not None
