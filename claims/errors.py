"""Exceptions for programmer and I/O errors; problems in the data are reported, not raised."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claims.report import Problem


class ClaimsError(Exception):
    """Root of every exception this package raises on purpose."""


class InputError(ClaimsError, ValueError):
    """A file or argument the user gave cannot be used (missing, not JSON, wrong shape, too big).

    ``code`` is the stable kebab-case code a machine reads (a batch row, the web API), when known.
    """

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


class ProblemsError(InputError):
    """Data that cannot be used as it is: ``problems`` holds every problem found, each with its code.

    The message names the first and counts the rest (as frictionless's exceptions carry their
    error); ``claims validate`` prints the full report.
    """

    def __init__(self, message: str, problems: Sequence[Problem]) -> None:
        super().__init__(message, code=problems[0].code if problems else None)
        self.problems = list(problems)


class UnsafePathError(InputError):
    """A path would read or write outside the tree it is confined to."""


class IntegrityError(ClaimsError, ValueError):
    """Bytes that were promised (a sha256, a schema version) are not the bytes found."""


class ReleaseError(ClaimsError, RuntimeError):
    """A release cannot be cut as asked (invalid data, existing version, versions disagree)."""


class UnknownNameError(InputError, LookupError):
    """A speaker name resolves to no one, or to more than one person."""

    def __init__(self, message: str, candidates: list[str], *, ambiguous: bool = False) -> None:
        super().__init__(message, code="ambiguous-speaker" if ambiguous else "unknown-speaker")
        self.candidates = candidates
