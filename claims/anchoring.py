"""Anchoring a quote in its source: offsets plus W3C TextQuoteSelector prefix and suffix."""

from __future__ import annotations

from claims.errors import InputError
from claims.records import Span

CONTEXT_CHARS = 32
"""Characters of prefix and suffix kept around a quote: enough to re-anchor it in a re-issued text."""


def context(text: str, span: Span, width: int = CONTEXT_CHARS) -> tuple[str, str]:
    """The ``width`` characters before and after ``span`` (fewer at the edges of the text)."""
    return text[max(0, span.start - width) : span.start], text[span.end : span.end + width]


def find_all(text: str, quote: str) -> list[int]:
    """Every offset where ``quote`` occurs in ``text``, overlapping occurrences included."""
    hits: list[int] = []
    start = text.find(quote)
    while start != -1:
        hits.append(start)
        start = text.find(quote, start + 1)
    return hits


def anchor(text: str, quote: str, *, after: int = 0) -> Span:
    """The span of the first occurrence of ``quote`` at or after offset ``after``.

    Raises when the quote is not in the text, so a curator never stores a guessed span.
    """
    start = text.find(quote, after)
    if start == -1:
        raise InputError(f"quote not found in the text after offset {after}: {quote[:60]!r}")
    return Span(start=start, end=start + len(quote))
