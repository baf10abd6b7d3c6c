"""Citation checks: each claim's quote is its source's text at its span, with agreeing prefix and suffix.

Where the quote is not at its span, the problem says where it really is (``span-shifted``) or,
when it is nowhere in the source, how it differs from the text at the span, word by word
(``quote-mismatch``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from claims.anchoring import find_all
from claims.codes import make_problem
from claims.problem import Problem
from claims.records import Claim, Segment, Source
from claims.tamper import expected_context
from claims.validation.context import Shared, claim_problem

WORD = re.compile(r"\S+")


def word_diff(expected: str, found: str, context: int = 2) -> str:
    """A wdiff-style word-level difference: ``[-removed-]`` for words of ``expected`` missing from
    ``found``, ``{+added+}`` for words of ``found`` not in ``expected``; long equal runs keep
    ``context`` words next to each change and elide the rest with ``...``."""
    old, new = WORD.findall(expected), WORD.findall(found)
    opcodes = difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()
    parts: list[str] = []
    for position, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            words = old[i1:i2]
            keep_head = context if position > 0 else 0
            keep_tail = context if position < len(opcodes) - 1 else 0
            if len(words) > keep_head + keep_tail:
                words = [*words[:keep_head], "...", *words[len(words) - keep_tail :]]
            parts.append(" ".join(words))
            continue
        if i2 > i1:
            parts.append(f"[-{' '.join(old[i1:i2])}-]")
        if j2 > j1:
            parts.append(f"{{+{' '.join(new[j1:j2])}+}}")
    return " ".join(part for part in parts if part)


def check_source(
    source: Source, claims: list[Claim], segments: list[Segment], shared: Shared
) -> Iterator[Problem]:
    """Citation problems of the claims of one source (none when its text is unknown)."""
    if source.text is None:
        return
    for claim in claims:
        yield from check_claim(claim, source.text, shared)


def check_claim(claim: Claim, text: str, shared: Shared) -> Iterator[Problem]:
    """Quote at span, else where it is or how it differs; then prefix and suffix."""
    start, end = claim.span.start, claim.span.end
    at_span = text[start:end]
    if at_span != claim.quote:
        yield _locate(claim, text, at_span, shared.claim_file(claim))
        return
    before, after = expected_context(claim, text)
    if before != claim.prefix:
        yield claim_problem(
            "prefix-mismatch",
            f"claim {claim.id!r} prefix: expected {before!r} (the text before offset {start}), found {claim.prefix!r}",
            claim,
            shared,
        )
    if after != claim.suffix:
        yield claim_problem(
            "suffix-mismatch",
            f"claim {claim.id!r} suffix: expected {after!r} (the text after offset {end}), found {claim.suffix!r}",
            claim,
            shared,
        )


def _locate(claim: Claim, text: str, at_span: str, file: str) -> Problem:
    """Say where the quote really is, or how it differs from the text at its span."""
    start, end = claim.span.start, claim.span.end
    hits = find_all(text, claim.quote)
    if hits:
        nearest = min(hits, key=lambda hit: (abs(hit - start), hit))
        others = f" (and {len(hits) - 1} other places)" if len(hits) > 1 else ""
        return make_problem(
            "span-shifted",
            f"claim {claim.id!r}: quote not at span [{start}, {end}), where the text is {at_span[:80]!r}; "
            f"expected span [{nearest}, {nearest + len(claim.quote)}), where the quote is{others}",
            [claim.id],
            file=file,
            start=nearest,
            end=nearest + len(claim.quote),
        )
    if end > len(text):
        return make_problem(
            "span-out-of-range",
            f"claim {claim.id!r} span [{start}, {end}): expected within the source's {len(text)} characters, "
            "and the quote is nowhere in the source",
            [claim.id],
            file=file,
            start=start,
            end=end,
        )
    return make_problem(
        "quote-mismatch",
        f"claim {claim.id!r}: quote differs from the text at span [{start}, {end}) and is nowhere in the source; "
        f"text -> quote: {word_diff(at_span, claim.quote)}",
        [claim.id],
        file=file,
        start=start,
        end=end,
    )
