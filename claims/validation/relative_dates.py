"""A general resolver of date expressions ('Friday's', 'the 20th of January last', 'mid-December',
'in a few weeks', 'six weeks since') against the day they were said.

``resolve(expression, said_on)`` returns the candidate intervals the words can denote: vague
words give honest ranges, not points, and where the tense cannot be told (``in October``) both the
past and the future reading are offered. It is a grammar of English date words, never keyed to a
document: the first rule (in the order of ``RULES``) that matches the expression decides.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import Literal, NamedTuple

from dateutil.relativedelta import relativedelta

Tense = Literal["past", "future"] | None


class Interval(NamedTuple):
    """A closed range of days."""

    start: dt.date
    end: dt.date

    def overlaps(self, other_start: dt.date, other_end: dt.date) -> bool:
        """True when this interval shares at least one day with ``[other_start, other_end]``."""
        return self.start <= other_end and other_start <= self.end

    def contains(self, day: dt.date) -> bool:
        """True when ``day`` lies in the interval."""
        return self.start <= day <= self.end


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


def day_interval(day: dt.date) -> Interval:
    """One day as an interval."""
    return Interval(day, day)


def month_interval(year: int, month: int) -> Interval:
    """A whole calendar month."""
    first = dt.date(year, month, 1)
    return Interval(first, first + relativedelta(months=1, days=-1))


def month_part(year: int, month: int, part: str | None) -> Interval:
    """Early (1st-10th), mid (10th-20th), late/end (20th-last) or the whole of a month."""
    whole = month_interval(year, month)
    if part in {"early", "beginning of", "the beginning of", "start of"}:
        return Interval(whole.start, whole.start.replace(day=10))
    if part in {"mid", "middle"}:
        return Interval(whole.start.replace(day=10), whole.start.replace(day=20))
    if part in {"late", "end of", "the end of"}:
        return Interval(whole.start.replace(day=20), whole.end)
    return whole


def number_range(word: str) -> tuple[int, int]:
    """'six' -> (6, 6), 'a few' -> (1, 6), '12' -> (12, 12)."""
    return (int(word), int(word)) if word.isdigit() else NUMBER_WORDS[word]


def ordinal_number(word: str) -> int:
    """'first' -> 1, '10th' -> 10, 'one' -> 1 (a cardinal read as the count)."""
    digits = re.match(r"\d+", word)
    if digits:
        return int(digits.group())
    return ORDINAL_WORDS.get(word) or number_range(word)[0]


def _units(unit: str, count: int) -> relativedelta:
    return relativedelta(**{f"{unit}s": count})  # type: ignore[arg-type]


def _offset_range(
    anchor: dt.date, unit: str, numbers: tuple[int, int], sign: int, spread: relativedelta
) -> Interval:
    """The days ``numbers`` units before (sign -1) or after (sign +1) the anchor, widened by ``spread``."""
    low, high = numbers
    near = anchor + sign * _units(unit, low)
    far = anchor + sign * _units(unit, high)
    first, last = (far, near) if sign < 0 else (near, far)
    return Interval(first - spread, last + spread)


def _previous_weekday(anchor: dt.date, weekday: int) -> dt.date:
    """The last ``weekday`` strictly before the anchor."""
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday - 1) % 7 + 1)


def _next_weekday(anchor: dt.date, weekday: int) -> dt.date:
    """The first ``weekday`` strictly after the anchor."""
    return anchor + dt.timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)


def _week_of(day: dt.date) -> Interval:
    monday = day - dt.timedelta(days=day.weekday())
    return Interval(monday, monday + dt.timedelta(days=6))


LEAP_CYCLE = 8
"""Years searched for a day of a month: enough to meet a 29 February (at most eight years apart)."""


def _recent_day_month(anchor: dt.date, month: int, day: int, *, strictly: bool) -> dt.date:
    """The most recent ``day`` of ``month`` on (or strictly) before the anchor; ValueError if none exists."""
    for year in range(anchor.year, anchor.year - LEAP_CYCLE - 1, -1):
        if _is_date(year, month, day):
            candidate = dt.date(year, month, day)
            if candidate < anchor or (candidate == anchor and not strictly):
                return candidate
    raise ValueError(f"no day {day} of month {month}")


def _coming_day_month(anchor: dt.date, month: int, day: int) -> dt.date:
    """The first ``day`` of ``month`` on or after the anchor; ValueError if none exists."""
    for year in range(anchor.year, anchor.year + LEAP_CYCLE + 1):
        if _is_date(year, month, day):
            candidate = dt.date(year, month, day)
            if candidate >= anchor:
                return candidate
    raise ValueError(f"no day {day} of month {month}")


def _month_candidates(anchor: dt.date, month: int, part: str | None, tense: Tense) -> list[Interval]:
    """A month (or part of one) named without a year: the most recent in the past, the nearest ahead."""
    past = next(
        month_part(year, month, part)
        for year in range(anchor.year, anchor.year - 2, -1)
        if month_part(year, month, part).start <= anchor
    )
    future = next(
        month_part(year, month, part)
        for year in range(anchor.year, anchor.year + 2)
        if month_part(year, month, part).end >= anchor
    )
    if tense == "past":
        return [past]
    if tense == "future":
        return [future]
    return [past, future] if past != future else [past]


Match = re.Match[str]
Rule = tuple[re.Pattern[str], Callable[[Match, dt.date, str], list[Interval]]]


def _full_date_dmy(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    return [day_interval(dt.date(int(m[3]), MONTHS[m[2]], int(m[1])))]


def _full_date_mdy(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    return [day_interval(dt.date(int(m[3]), MONTHS[m[1]], int(m[2])))]


def _iso_date(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    return [day_interval(dt.date(int(m[1]), int(m[2]), int(m[3])))]


def _day_month_last(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    return [day_interval(_recent_day_month(anchor, MONTHS[m[2]], int(m[1]), strictly=True))]


def _month_year(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    return [month_part(int(m[3]), MONTHS[m[2]], m[1])]


def _decade(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    digits = m[2]
    if len(digits) == 4:
        start_year = int(digits)
    else:
        tens = int(digits)
        start_year = max(
            (century + tens for century in (1900, 2000) if century + tens <= anchor.year), default=1900 + tens
        )
    part = m[1]
    first, last = start_year, start_year + 9
    if part in {"end", "late"}:
        first = start_year + 7
    elif part in {"beginning", "start", "early"}:
        last = start_year + 2
    elif part in {"mid", "middle"}:
        first, last = start_year + 3, start_year + 6
    return [Interval(dt.date(first, 1, 1), dt.date(last, 12, 31))]


def _anniversary(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    years = ordinal_number(m[1]) if m[1] else 1
    day = anchor - relativedelta(years=years)
    return [Interval(day - relativedelta(months=1), day + relativedelta(months=1))]


def _day_month(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    day, month = (int(m[1]), MONTHS[m[2]]) if m[1].isdigit() else (int(m[2]), MONTHS[m[1]])
    tense = "past" if "anniversary" in text else tense_of(text)
    past = day_interval(_recent_day_month(anchor, month, day, strictly=False))
    if ATTRIBUTIVE.match(text, m.end()) and m[0].startswith("the ") and tense != "future":
        # 'the 13 November attacks' names an event by its day: a past year, not said which
        return [
            day_interval(dt.date(year, month, day))
            for year in _years_back(past.start, YEARS_BACK)
            if _is_date(year, month, day)
        ]
    future = day_interval(_coming_day_month(anchor, month, day))
    if tense == "past":
        return [past]
    if tense == "future":
        return [future]
    return [past, future] if past != future else [past]


YEARS_BACK = 10
"""How many past years an event named by its day and month alone ('the 13 November attacks') may lie in."""

ATTRIBUTIVE = re.compile(r",? (?!(?:in|at|on|of|to|and|or|when|that|last|this|next|\d)\b)[a-z]")
"""After 'the <day> <month>', a following word (not a preposition or year) makes the date a name."""


def _years_back(day: dt.date, count: int) -> list[int]:
    return [day.year - back for back in range(count)]


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _simple_day(offset: int) -> Callable[[Match, dt.date, str], list[Interval]]:
    def rule(m: Match, anchor: dt.date, text: str) -> list[Interval]:
        return [day_interval(anchor + dt.timedelta(days=offset))]

    return rule


def _last_night(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    return [Interval(anchor - dt.timedelta(days=1), anchor)]


def _spread(unit: str, text: str, table: dict[str, relativedelta], numbers: tuple[int, int]) -> relativedelta:
    """Honest slack around 'N units': none for a vague number ('a few' is already a range) unless
    qualified ('about'), doubled by a qualifier, a day at least for 'about N days'."""
    vague = VAGUE.search(text) is not None
    if numbers[0] != numbers[1] and not vague:
        return relativedelta()
    spread = table[unit]
    if vague:
        spread = spread * 2 if unit != "day" else relativedelta(days=1)
    return spread


def _ago(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    qualifier = {"over": "more than", "under": "less than"}.get(m[1], m[1])
    numbers, unit = number_range(m[2]), m[3]
    if qualifier == "less than":
        return [Interval(anchor - _units(unit, numbers[1]), anchor)]
    if qualifier == "more than":
        return [Interval(anchor - _units(unit, 2 * numbers[1]), anchor - _units(unit, numbers[0]))]
    return [_offset_range(anchor, unit, numbers, -1, _spread(unit, text, SPREAD, numbers))]


def _ahead(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    numbers = number_range(m[1])
    return [_offset_range(anchor, m[2], numbers, +1, _spread(m[2], text, SPREAD, numbers))]


def _within_next(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    return [Interval(anchor, anchor + _units(m[2], number_range(m[1])[1]))]


def _duration_since(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    numbers = number_range(m[1])
    return [_offset_range(anchor, m[2], numbers, -1, _spread(m[2], text, DURATION_SPREAD, numbers))]


def _relative_week(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    part, which = m[1], m[2]
    week = _week_of(anchor + dt.timedelta(weeks={"last": -1, "this": 0, "next": 1}[which]))
    if part == "early":
        return [Interval(week.start, week.start + dt.timedelta(days=2))]
    if part in {"late", "end of"}:
        return [Interval(week.start + dt.timedelta(days=3), week.end)]
    return [week]


def _within_current(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    direction, unit = m[1], m[2]
    if unit == "week":
        whole = _week_of(anchor)
    elif unit == "month":
        whole = month_interval(anchor.year, anchor.month)
    else:
        whole = Interval(dt.date(anchor.year, 1, 1), dt.date(anchor.year, 12, 31))
    if direction == "earlier":
        return [Interval(whole.start, max(whole.start, anchor - dt.timedelta(days=1)))]
    return [Interval(min(whole.end, anchor + dt.timedelta(days=1)), whole.end)]


def _relative_month(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    part, which = m[1], m[2]
    day = anchor + relativedelta(months={"last": -1, "this": 0, "next": 1}[which])
    return [month_part(day.year, day.month, part)]


def _week_before_last(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    return [_week_of(anchor - dt.timedelta(weeks=2))]


def _year_part(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    """'early next year' (January-April), 'mid' (May-August), 'late'/'the end of' (September-December)."""
    year = anchor.year + {"last": -1, "next": 1}.get(m[2] or "", 0)
    part = m[1]
    if part in {"early", "beginning of", "the beginning of", "start of"}:
        return [Interval(dt.date(year, 1, 1), dt.date(year, 4, 30))]
    if part in {"mid", "middle"}:
        return [Interval(dt.date(year, 5, 1), dt.date(year, 8, 31))]
    return [Interval(dt.date(year, 9, 1), dt.date(year, 12, 31))]


def season_interval(season: str, year: int) -> Interval:
    """A meteorological season of the northern hemisphere; winter runs December of ``year`` to February."""
    first_month = SEASONS[season]
    start = dt.date(year, first_month, 1)
    return Interval(start, start + relativedelta(months=3, days=-1))


def _season(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    which, season, year = m[1], m[2], m[3]
    if year:
        return [season_interval(season, int(year))]
    candidates = [season_interval(season, y) for y in range(anchor.year - 2, anchor.year + 2)]
    current = next((c for c in candidates if c.contains(anchor)), None)
    past = [c for c in candidates if c.end < anchor]
    future = [c for c in candidates if c.start > anchor]
    if which == "last":
        return [past[-1]]
    if which == "next":
        return [future[0]]
    if which == "this" or current is not None:
        return [current or future[0]]
    tense = tense_of(text)
    if tense == "past":
        return [past[-1]]
    if tense == "future":
        return [future[0]]
    return [past[-1], future[0]]


def _relative_year(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    year = anchor.year + {"last": -1, "this": 0, "next": 1}[m[1]]
    return [Interval(dt.date(year, 1, 1), dt.date(year, 12, 31))]


def _named_month(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    which, part, month = m[1], m[2], MONTHS[m[3]]
    if which == "last":
        return [
            next(
                month_part(y, month, part)
                for y in range(anchor.year, anchor.year - 2, -1)
                if month_interval(y, month).end < anchor
            )
        ]
    if which == "next":
        return [
            next(
                month_part(y, month, part)
                for y in range(anchor.year, anchor.year + 2)
                if month_interval(y, month).start > anchor
            )
        ]
    if which == "this":
        return [month_part(anchor.year, month, part)]
    tense: Tense = "past" if which == "back in" else tense_of(text)
    return _month_candidates(anchor, month, part, tense)


def _weekday(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    which, weekday = m[1], WEEKDAYS[m[2]]
    previous = _previous_weekday(anchor, weekday)
    coming = _next_weekday(anchor, weekday)
    if which == "last":
        return [day_interval(previous), day_interval(previous - dt.timedelta(weeks=1))]
    if which == "next":
        return [day_interval(coming), day_interval(coming + dt.timedelta(weeks=1))]
    if which == "this":
        return [day_interval(_week_of(anchor).start + dt.timedelta(days=weekday))]
    tense = tense_of(text)
    if tense == "past":
        return [day_interval(previous)]
    if tense == "future":
        return [day_interval(coming)]
    same_day = [day_interval(anchor)] if anchor.weekday() == weekday else []
    return [day_interval(previous), *same_day, day_interval(coming)]


def _recent_or_coming(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    """'in recent days' (the last two weeks), 'in the coming weeks' (the next eight), ..."""
    reach = {
        "days": relativedelta(days=14),
        "weeks": relativedelta(weeks=8),
        "months": relativedelta(months=6),
    }
    span = reach[m[1]]
    if re.search(r"\b(?:coming|next|ahead)\b", m[0]):
        return [Interval(anchor + dt.timedelta(days=1), anchor + span)]
    return [Interval(anchor - span, anchor - dt.timedelta(days=1))]


def _since_start_of(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    start = {
        "year": dt.date(anchor.year, 1, 1),
        "month": anchor.replace(day=1),
        "week": _week_of(anchor).start,
    }[m[1]]
    return [Interval(start, anchor)]


def _recently(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    """'recently', 'the recent summit': within about three months before."""
    return [Interval(anchor - relativedelta(months=3), anchor)]


def _year(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    year = int(m[1])
    return [Interval(dt.date(year, 1, 1), dt.date(year, 12, 31))]


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + pattern + r"(?![\w-])")


RULES: list[Rule] = [
    (_compile(rf"{DAY_RE} (?:of )?{MONTH_RE},? {YEAR_RE}"), _full_date_dmy),
    (_compile(rf"{MONTH_RE} {DAY_RE},? {YEAR_RE}"), _full_date_mdy),
    (_compile(r"(\d{4})-(\d{2})-(\d{2})"), _iso_date),
    (
        _compile(
            r"(?:in |over |during )?(?:the )?(?:recent|last|past|last few|past few|coming|next few|next) (days|weeks|months)"
            r"(?: ahead)?"
        ),
        _recent_or_coming,
    ),
    (_compile(r"in the (days|weeks|months) ahead"), _recent_or_coming),
    (_compile(r"since the (?:beginning|start) of (?:the|this) (year|month|week)"), _since_start_of),
    (_compile(rf"(?:the )?{DAY_RE} (?:of )?{MONTH_RE},? last"), _day_month_last),
    (_compile(rf"(?:{PART_RE}[- ]?)?{MONTH_RE},? {YEAR_RE}"), _month_year),
    (
        _compile(
            r"(?:the )?(?:(end|late|beginning|start|early|mid|middle) (?:of )?(?:the )?)?'?((?:19|20)?\d0)'?s"
        ),
        _decade,
    ),
    (_compile(rf"(?:the )?{DAY_RE} (?:of )?{MONTH_RE}"), _day_month),
    (_compile(rf"{MONTH_RE} {DAY_RE}"), _day_month),
    (_compile(r"(?:the )?(?:([\w-]+?)(?:[- ]year)?[- ])?anniversary"), _anniversary),
    (_compile(r"the day after tomorrow"), _simple_day(2)),
    (_compile(r"yesterday"), _simple_day(-1)),
    (_compile(r"(?:today|tonight|this morning|this afternoon|this evening)"), _simple_day(0)),
    (_compile(r"tomorrow"), _simple_day(1)),
    (_compile(r"the day before yesterday"), _simple_day(-2)),
    (_compile(r"last night"), _last_night),
    (
        _compile(
            rf"(?:(less than|more than|over|under|about|around|some|nearly|almost) )?{NUMBER_RE} {UNIT_RE} ago"
        ),
        _ago,
    ),
    (_compile(rf"(?:over|within|during|for) the (?:next|coming) {NUMBER_RE} {UNIT_RE}"), _within_next),
    (_compile(rf"in (?:the next |another )?{NUMBER_RE} {UNIT_RE}"), _ahead),
    (_compile(rf"{NUMBER_RE} {UNIT_RE} (?:from now|later|hence)"), _ahead),
    (_compile(r"(?:(early|late|end of) )?(last|this|next) week"), _relative_week),
    (_compile(r"(earlier|later) this (week|month|year)"), _within_current),
    (_compile(rf"(?:{PART_RE} )?(last|this|next) month"), _relative_month),
    (_compile(r"the week before last"), _week_before_last),
    (_compile(rf"{PART_RE} (?:(last|this|next|the) )year"), _year_part),
    (_compile(r"(last|this|next) year"), _relative_year),
    (_compile(rf"(?:(last|this|next)|in the|the|in|during the) {SEASON_RE}(?: of {YEAR_RE})?"), _season),
    (
        _compile(rf"(?:(?:it'?s|it has|it had) been |for |over the (?:last|past) )?{NUMBER_RE} {UNIT_RE}"),
        _duration_since,
    ),
    (_compile(rf"(?:(last|next|this|back in) )?(?:{PART_RE}[- ]?)?{MONTH_RE}"), _named_month),
    (_compile(rf"(?:(last|next|this|on|coming) )?{WEEKDAY_RE}"), _weekday),
    (_compile(r"recent(?:ly)?"), _recently),
    (_compile(r"(?:in |since |of |by |during |until |the )?((?:19|20)\d\d)"), _year),
]
"""Rules in order of precedence: the first that matches the expression decides."""


def resolve(expression: str, said_on: dt.date) -> list[Interval]:
    """Candidate intervals ``expression`` can denote when said on ``said_on``; [] when unreadable.

    The first matching rule decides. A bare 'May' (the month) is only read when capitalized, so
    the modal verb is not mistaken for it.
    """
    text = normalize(expression)
    for pattern, rule in RULES:
        for match in pattern.finditer(text):
            if any(group == "may" for group in match.groups()) and not re.search(r"\bMay\b", expression):
                continue
            try:
                candidates = rule(match, said_on, text)
            except (ValueError, OverflowError, KeyError, StopIteration):
                return []
            return list(dict.fromkeys(candidates))
    return []


def agrees(candidates: list[Interval], start: dt.date, end: dt.date) -> bool:
    """True when the stored interval shares a day with at least one candidate."""
    return any(candidate.overlaps(start, end) for candidate in candidates)
