"""A quote as asked: folded, split into its pieces at elisions (``...`` or ``…``), quotation marks around it told apart."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.verification.folding import fold

ELISION = re.compile(r"\s*\.\.\.\s*")
"""The elision mark in a folded quote (``…`` folds to ``...``)."""


QUOTE_MARKS = "\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"
"""Quotation marks a quoter may put around a whole quote."""


def _wrapped(folded: str) -> bool:
    return len(folded) >= 2 and folded[0] == folded[-1] == '"'


@dataclass(frozen=True)
class Quote:
    """A quote as given, its folded form and its elided pieces (folded, lower-cased and cased)."""

    given: str
    pieces: tuple[str, ...]
    cased_pieces: tuple[str, ...]
    original_pieces: tuple[str, ...]

    @classmethod
    def parse(cls, given: str, *, unwrap: bool = False) -> Quote:
        """Fold the quote and split it at elisions; with ``unwrap``, drop quotation marks around it."""
        cased = fold(given).cased.strip()
        plain = given.strip()
        if unwrap and _wrapped(cased):
            cased = cased[1:-1].strip()
            plain = plain.strip(QUOTE_MARKS).strip()
        cased_pieces = tuple(p for p in (x.strip() for x in ELISION.split(cased)) if p)
        original_pieces = tuple(p for p in (x.strip() for x in re.split(r"\s*(?:\.\.\.|…)\s*", plain)) if p)
        if len(original_pieces) != len(cased_pieces):
            original_pieces = cased_pieces
        return cls(
            given=given,
            pieces=tuple(p.lower() for p in cased_pieces),
            cased_pieces=cased_pieces,
            original_pieces=original_pieces,
        )

    def unwrapped(self) -> Quote | None:
        """The quote without the quotation marks around it, if it has them (else None)."""
        if len(self.cased_pieces) and _wrapped(" ... ".join(self.cased_pieces)):
            return Quote.parse(self.given, unwrap=True)
        return None

    @property
    def joined(self) -> str:
        """The folded pieces joined by single spaces (the elisions closed up)."""
        return " ".join(self.pieces)
