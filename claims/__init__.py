"""claimtrack: attributed quotations and the checkable claims inside them, with their proofs.

``claims.load()`` returns the bundled release as typed records. Heavy modules are imported on
first use, so ``import claims`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from claims._version import __version__

if TYPE_CHECKING:
    from claims.errors import (
        ClaimsError,
        InputError,
        IntegrityError,
        ProblemsError,
        ReleaseError,
        UnknownNameError,
    )
    from claims.extract import propose_segments
    from claims.loading import load
    from claims.records import Claim, Event, Person, Release, Segment, Source, Subject
    from claims.validation import validate
    from claims.verification import VerifyResult, verify, verify_batch

__all__ = [
    "Claim",
    "ClaimsError",
    "Event",
    "InputError",
    "IntegrityError",
    "Person",
    "ProblemsError",
    "Release",
    "ReleaseError",
    "Segment",
    "Source",
    "Subject",
    "UnknownNameError",
    "VerifyResult",
    "__version__",
    "load",
    "propose_segments",
    "validate",
    "verify",
    "verify_batch",
]

_LAZY: dict[str, str] = {
    "load": "claims.loading",
    "propose_segments": "claims.extract",
    "validate": "claims.validation",
    "ClaimsError": "claims.errors",
    "InputError": "claims.errors",
    "IntegrityError": "claims.errors",
    "ProblemsError": "claims.errors",
    "ReleaseError": "claims.errors",
    "UnknownNameError": "claims.errors",
    "Claim": "claims.records",
    "Event": "claims.records",
    "Person": "claims.records",
    "Release": "claims.records",
    "Segment": "claims.records",
    "Source": "claims.records",
    "Subject": "claims.records",
    "VerifyResult": "claims.verification",
    "verify": "claims.verification",
    "verify_batch": "claims.verification",
}


def __getattr__(name: str) -> Any:
    """Import public names on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'claims' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
