"""Exceptions for programmer and I/O errors; problems in the data are reported, not raised."""

from __future__ import annotations


class ClaimsError(Exception):
    """Root of every exception this package raises on purpose."""


class InputError(ClaimsError, ValueError):
    """A file or argument the user gave cannot be used (missing, not JSON, wrong shape, too big).

    ``code`` is the stable kebab-case code a machine reads (a batch row, the web API), when known.
    """

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


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
