"""Site furniture and photo captions: the lines of a page that are not anybody's speech.

Rules are about the form of a line (a government-site banner, a heading with no closing
punctuation, a photo credit), never about one document.
"""

from __future__ import annotations

import re
from typing import Literal

LineClass = Literal["chrome", "caption", "byline", "heading", "prose"]

CHROME_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"^An official website of the United States government",
        r"^Here['’]s how you know",
        r"^Official websites use \.gov",
        r"^(?:A )?\.gov website belongs to an official government organization",
        r"^Secure \.gov websites use HTTPS",
        r"^A lock \(.*\) or https://",
        r"^You have accessed part of a historical collection",
        r"^Related (?:Stories|Articles|Links|Content)\b",
        r"^Comments?$",
        r"^Comments are moderated",
        r"^Replying to\b",
        r"Comments FAQ$",
        r"^(?:Share|Print|Email|Subscribe)(?: this)?$",
        r"^Skip to (?:main )?content",
    )
)
"""Lines that belong to the website, not to the document."""

CAPTION_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern)
    for pattern in (
        r"\b[Pp]hoto [Bb]y\b",
        r"\bPHOTO:",
        r"\b[Pp]hoto:\s",
        r"\bfile photo\b",
        r"^VIRIN:",
        r"\((?:AP|AFP|Reuters|Getty Images) [Pp]hoto",
        r"\b[Pp]hoto [Cc]redit\b",
    )
)
"""Marks of a photo caption or photo credit."""

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
BYLINE = re.compile(
    rf"^(?:By\s+[A-Z][^.!?]{{0,60}}|[A-Za-z .,&-]{{0,40}}\b{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})$"
)
"""An author or agency line, or an agency name with a date (``Afp November 15, 2015``)."""

MAX_HEADING_CHARS = 120
"""Longest line taken for a heading (a title, a related-story link) when it lacks closing punctuation."""

_CLOSING = tuple(".!?:;,\"”'’)]…-—–")


def is_heading(text: str) -> bool:
    """A short line with no closing punctuation: a title, section heading or related-story link."""
    stripped = text.strip()
    return 0 < len(stripped) <= MAX_HEADING_CHARS and not stripped.endswith(_CLOSING)


def classify_line(text: str) -> LineClass:
    """What a line of a page is, from its form alone."""
    stripped = text.strip()
    if any(pattern.search(stripped) for pattern in CHROME_PATTERNS):
        return "chrome"
    if any(pattern.search(stripped) for pattern in CAPTION_PATTERNS):
        return "caption"
    if BYLINE.match(stripped):
        return "byline"
    if is_heading(stripped):
        return "heading"
    return "prose"
