"""The vocabulary of English date words: month, weekday, number and season words, the regex
fragments the rules are written in, the cues of tense and the slack allowed around a count."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from dateutil.relativedelta import relativedelta

Tense = Literal["past", "future"] | None

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS: dict[str, int] = {
    name: number
    for number, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
NUMBER_WORDS: dict[str, tuple[int, int]] = {
    "a": (1, 1),
    "an": (1, 1),
    "one": (1, 1),
    "two": (2, 2),
    "three": (3, 3),
    "four": (4, 4),
    "five": (5, 5),
    "six": (6, 6),
    "seven": (7, 7),
    "eight": (8, 8),
    "nine": (9, 9),
    "ten": (10, 10),
    "eleven": (11, 11),
    "twelve": (12, 12),
    "thirteen": (13, 13),
    "fourteen": (14, 14),
    "fifteen": (15, 15),
    "sixteen": (16, 16),
    "seventeen": (17, 17),
    "eighteen": (18, 18),
    "nineteen": (19, 19),
    "twenty": (20, 20),
    "thirty": (30, 30),
    "a couple of": (1, 3),
    "a couple": (1, 3),
    "couple of": (1, 3),
    "a few": (1, 6),
    "few": (1, 6),
    "several": (3, 7),
    "a number of": (2, 7),
}
ORDINAL_WORDS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "twentieth": 20,
    "twenty-fifth": 25,
    "fiftieth": 50,
}

SEASONS: dict[str, int] = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
"""First month of each season (northern hemisphere, meteorological); 'fall' is left out, being a noun
too ('the fall of Kabul')."""

SEASON_RE = "(spring|summer|autumn|winter)"
MONTH_RE = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAY_RE = r"(\d{1,2})(?:st|nd|rd|th)?"
YEAR_RE = r"(\d{4})"
NUMBER_RE = "(" + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True)) + r"|\d+)"
UNIT_RE = r"(day|week|month|year)s?"
WEEKDAY_RE = "(" + "|".join(WEEKDAYS) + ")(?:'s|s)?"
PART_RE = r"(early|mid|middle|late|end of|the end of|beginning of|the beginning of|start of)"

VAGUE = re.compile(r"\b(about|around|roughly|some|nearly|almost|approximately|more or less|or so)\b")
FUTURE_CUES = re.compile(
    r"(\bwill\b|'ll\b|\bshall\b|\bgoing to\b|\bnext\b|\bupcoming\b|\bcoming\b|\blook(?:s|ing)? forward\b"
    r"|\bto (?:meet|visit|hold|host|travel|be)\b|\bplan(?:s|ned)? to\b|\bexpect(?:s|ed)? to\b|\buntil\b)"
)
PAST_CUES = re.compile(
    r"\b(ago|last|earlier|since|back|was|were|had|did|met|said|happened|took place|began|started"
    r"|launched|previous(?:ly)?|yesterday|anniversary|first time)\b"
)

SPREAD: dict[str, relativedelta] = {
    "day": relativedelta(days=0),
    "week": relativedelta(days=3),
    "month": relativedelta(days=15),
    "year": relativedelta(months=1),
}
"""How far either side of 'N units ago' the day may honestly lie."""

DURATION_SPREAD: dict[str, relativedelta] = {
    "day": relativedelta(days=1),
    "week": relativedelta(weeks=1),
    "month": relativedelta(months=1),
    "year": relativedelta(months=3),
}
"""How far either side a bare duration ('six weeks', 'it's been a year since') may lie."""


FOLD = str.maketrans("’‘“”–—", "''\"\"--")
"""Curly quotes and dashes to their plain forms."""


def normalize(expression: str) -> str:
    """Lower-case, fold curly quotes and dashes, collapse white space."""
    text = unicodedata.normalize("NFKC", expression).lower()
    text = text.translate(FOLD)
    return " ".join(text.split())


def tense_of(text: str) -> Tense:
    """'future' when the words look ahead, 'past' when they look back, None when they do not say."""
    if FUTURE_CUES.search(text):
        return "future"
    if PAST_CUES.search(text):
        return "past"
    return None


def number_range(word: str) -> tuple[int, int]:
    """'six' -> (6, 6), 'a few' -> (1, 6), '12' -> (12, 12)."""
    return (int(word), int(word)) if word.isdigit() else NUMBER_WORDS[word]


def ordinal_number(word: str) -> int:
    """'first' -> 1, '10th' -> 10, 'one' -> 1 (a cardinal read as the count)."""
    digits = re.match(r"\d+", word)
    if digits:
        return int(digits.group())
    return ORDINAL_WORDS.get(word) or number_range(word)[0]
