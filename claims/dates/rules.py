"""The rules of date words, each registered beside its handler by ``@rule(pattern, precedence=N)``,
and ``resolve``, which lets the first rule (in order of precedence) that matches decide."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from dateutil.relativedelta import relativedelta

from claims.dates.calendar import (
    Interval,
    coming_day_month,
    day_interval,
    is_date,
    month_candidates,
    month_interval,
    month_part,
    next_weekday,
    offset_range,
    previous_weekday,
    recent_day_month,
    season_interval,
    units,
    week_of,
)
from claims.dates.vocabulary import (
    DAY_RE,
    DURATION_SPREAD,
    MONTH_RE,
    MONTHS,
    NUMBER_RE,
    PART_RE,
    SEASON_RE,
    SPREAD,
    UNIT_RE,
    VAGUE,
    WEEKDAY_RE,
    WEEKDAYS,
    YEAR_RE,
    Tense,
    normalize,
    number_range,
    ordinal_number,
    tense_of,
)

Match = re.Match[str]
Handler = Callable[[Match, dt.date, str], list[Interval]]
Rule = tuple[re.Pattern[str], Handler]

_REGISTERED: dict[int, Rule] = {}
"""Every registered rule by its precedence; ``RULES`` is this in order."""


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + pattern + r"(?![\w-])")


def rule(pattern: str, *, precedence: int) -> Callable[[Handler], Handler]:
    """Register the handler for ``pattern`` (a whole-word match) at ``precedence``: lower is tried first.

    Stackable, for a handler with several patterns; a precedence may be used once only.
    """

    def register(handler: Handler) -> Handler:
        if precedence in _REGISTERED:
            raise ValueError(f"precedence {precedence} is already taken")
        _REGISTERED[precedence] = (_compile(pattern), handler)
        return handler

    return register


@rule(rf"{DAY_RE} (?:of )?{MONTH_RE},? {YEAR_RE}", precedence=10)
def _full_date_dmy(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    return [day_interval(dt.date(int(m[3]), MONTHS[m[2]], int(m[1])))]


@rule(rf"{MONTH_RE} {DAY_RE},? {YEAR_RE}", precedence=20)
def _full_date_mdy(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    return [day_interval(dt.date(int(m[3]), MONTHS[m[1]], int(m[2])))]


@rule(r"(\d{4})-(\d{2})-(\d{2})", precedence=30)
def _iso_date(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    return [day_interval(dt.date(int(m[1]), int(m[2]), int(m[3])))]


@rule(
    r"(?:in |over |during )?(?:the )?(?:recent|last|past|last few|past few|coming|next few|next) (days|weeks|months)"
    r"(?: ahead)?",
    precedence=40,
)
@rule(r"in the (days|weeks|months) ahead", precedence=50)
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


@rule(r"since the (?:beginning|start) of (?:the|this) (year|month|week)", precedence=60)
def _since_start_of(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    start = {
        "year": dt.date(anchor.year, 1, 1),
        "month": anchor.replace(day=1),
        "week": week_of(anchor).start,
    }[m[1]]
    return [Interval(start, anchor)]


@rule(rf"(?:the )?{DAY_RE} (?:of )?{MONTH_RE},? last", precedence=70)
def _day_month_last(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    return [day_interval(recent_day_month(anchor, MONTHS[m[2]], int(m[1]), strictly=True))]


@rule(rf"(?:{PART_RE}[- ]?)?{MONTH_RE},? {YEAR_RE}", precedence=80)
def _month_year(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    return [month_part(int(m[3]), MONTHS[m[2]], m[1])]


@rule(
    r"(?:the )?(?:(end|late|beginning|start|early|mid|middle) (?:of )?(?:the )?)?'?((?:19|20)?\d0)'?s",
    precedence=90,
)
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


YEARS_BACK = 10
"""How many past years an event named by its day and month alone ('the 13 November attacks') may lie in."""

ATTRIBUTIVE = re.compile(r",? (?!(?:in|at|on|of|to|and|or|when|that|last|this|next|\d)\b)[a-z]")
"""After 'the <day> <month>', a following word (not a preposition or year) makes the date a name."""


def _years_back(day: dt.date, count: int) -> list[int]:
    return [day.year - back for back in range(count)]


@rule(rf"(?:the )?{DAY_RE} (?:of )?{MONTH_RE}", precedence=100)
@rule(rf"{MONTH_RE} {DAY_RE}", precedence=110)
def _day_month(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    day, month = (int(m[1]), MONTHS[m[2]]) if m[1].isdigit() else (int(m[2]), MONTHS[m[1]])
    tense = "past" if "anniversary" in text else tense_of(text)
    past = day_interval(recent_day_month(anchor, month, day, strictly=False))
    if ATTRIBUTIVE.match(text, m.end()) and m[0].startswith("the ") and tense != "future":
        # 'the 13 November attacks' names an event by its day: a past year, not said which
        return [
            day_interval(dt.date(year, month, day))
            for year in _years_back(past.start, YEARS_BACK)
            if is_date(year, month, day)
        ]
    future = day_interval(coming_day_month(anchor, month, day))
    if tense == "past":
        return [past]
    if tense == "future":
        return [future]
    return [past, future] if past != future else [past]


@rule(r"(?:the )?(?:([\w-]+?)(?:[- ]year)?[- ])?anniversary", precedence=120)
def _anniversary(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    years = ordinal_number(m[1]) if m[1] else 1
    day = anchor - relativedelta(years=years)
    return [Interval(day - relativedelta(months=1), day + relativedelta(months=1))]


def _simple_day(offset: int) -> Handler:
    """A handler for the one day ``offset`` days from the anchor."""

    def handler(m: Match, anchor: dt.date, text: str) -> list[Interval]:
        return [day_interval(anchor + dt.timedelta(days=offset))]

    return handler


rule(r"the day after tomorrow", precedence=130)(_simple_day(2))
rule(r"yesterday", precedence=140)(_simple_day(-1))
rule(r"(?:today|tonight|this morning|this afternoon|this evening)", precedence=150)(_simple_day(0))
rule(r"tomorrow", precedence=160)(_simple_day(1))
rule(r"the day before yesterday", precedence=170)(_simple_day(-2))


@rule(r"last night", precedence=180)
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


@rule(
    rf"(?:(less than|more than|over|under|about|around|some|nearly|almost) )?{NUMBER_RE} {UNIT_RE} ago",
    precedence=190,
)
def _ago(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    qualifier = {"over": "more than", "under": "less than"}.get(m[1], m[1])
    numbers, unit = number_range(m[2]), m[3]
    if qualifier == "less than":
        return [Interval(anchor - units(unit, numbers[1]), anchor)]
    if qualifier == "more than":
        return [Interval(anchor - units(unit, 2 * numbers[1]), anchor - units(unit, numbers[0]))]
    return [offset_range(anchor, unit, numbers, -1, _spread(unit, text, SPREAD, numbers))]


@rule(rf"(?:over|within|during|for) the (?:next|coming) {NUMBER_RE} {UNIT_RE}", precedence=200)
def _within_next(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    return [Interval(anchor, anchor + units(m[2], number_range(m[1])[1]))]


@rule(rf"in (?:the next |another )?{NUMBER_RE} {UNIT_RE}", precedence=210)
@rule(rf"{NUMBER_RE} {UNIT_RE} (?:from now|later|hence)", precedence=220)
def _ahead(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    numbers = number_range(m[1])
    return [offset_range(anchor, m[2], numbers, +1, _spread(m[2], text, SPREAD, numbers))]


@rule(r"(?:(early|late|end of) )?(last|this|next) week", precedence=230)
def _relative_week(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    part, which = m[1], m[2]
    week = week_of(anchor + dt.timedelta(weeks={"last": -1, "this": 0, "next": 1}[which]))
    if part == "early":
        return [Interval(week.start, week.start + dt.timedelta(days=2))]
    if part in {"late", "end of"}:
        return [Interval(week.start + dt.timedelta(days=3), week.end)]
    return [week]


@rule(r"(earlier|later) this (week|month|year)", precedence=240)
def _within_current(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    direction, unit = m[1], m[2]
    if unit == "week":
        whole = week_of(anchor)
    elif unit == "month":
        whole = month_interval(anchor.year, anchor.month)
    else:
        whole = Interval(dt.date(anchor.year, 1, 1), dt.date(anchor.year, 12, 31))
    if direction == "earlier":
        return [Interval(whole.start, max(whole.start, anchor - dt.timedelta(days=1)))]
    return [Interval(min(whole.end, anchor + dt.timedelta(days=1)), whole.end)]


@rule(rf"(?:{PART_RE} )?(last|this|next) month", precedence=250)
def _relative_month(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    part, which = m[1], m[2]
    day = anchor + relativedelta(months={"last": -1, "this": 0, "next": 1}[which])
    return [month_part(day.year, day.month, part)]


@rule(r"the week before last", precedence=260)
def _week_before_last(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    return [week_of(anchor - dt.timedelta(weeks=2))]


@rule(rf"{PART_RE} (?:(last|this|next|the) )year", precedence=270)
def _year_part(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    """'early next year' (January-April), 'mid' (May-August), 'late'/'the end of' (September-December)."""
    year = anchor.year + {"last": -1, "next": 1}.get(m[2] or "", 0)
    part = m[1]
    if part in {"early", "beginning of", "the beginning of", "start of"}:
        return [Interval(dt.date(year, 1, 1), dt.date(year, 4, 30))]
    if part in {"mid", "middle"}:
        return [Interval(dt.date(year, 5, 1), dt.date(year, 8, 31))]
    return [Interval(dt.date(year, 9, 1), dt.date(year, 12, 31))]


@rule(r"(last|this|next) year", precedence=280)
def _relative_year(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    year = anchor.year + {"last": -1, "this": 0, "next": 1}[m[1]]
    return [Interval(dt.date(year, 1, 1), dt.date(year, 12, 31))]


@rule(rf"(?:(last|this|next)|in the|the|in|during the) {SEASON_RE}(?: of {YEAR_RE})?", precedence=290)
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


@rule(
    rf"(?:(?:it'?s|it has|it had) been |for |over the (?:last|past) )?{NUMBER_RE} {UNIT_RE}",
    precedence=300,
)
def _duration_since(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    numbers = number_range(m[1])
    return [offset_range(anchor, m[2], numbers, -1, _spread(m[2], text, DURATION_SPREAD, numbers))]


@rule(rf"(?:(last|next|this|back in) )?(?:{PART_RE}[- ]?)?{MONTH_RE}", precedence=310)
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
    return month_candidates(anchor, month, part, tense)


@rule(rf"(?:(last|next|this|on|coming) )?{WEEKDAY_RE}", precedence=320)
def _weekday(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    which, weekday = m[1], WEEKDAYS[m[2]]
    previous = previous_weekday(anchor, weekday)
    coming = next_weekday(anchor, weekday)
    if which == "last":
        return [day_interval(previous), day_interval(previous - dt.timedelta(weeks=1))]
    if which == "next":
        return [day_interval(coming), day_interval(coming + dt.timedelta(weeks=1))]
    if which == "this":
        return [day_interval(week_of(anchor).start + dt.timedelta(days=weekday))]
    tense = tense_of(text)
    if tense == "past":
        return [day_interval(previous)]
    if tense == "future":
        return [day_interval(coming)]
    same_day = [day_interval(anchor)] if anchor.weekday() == weekday else []
    return [day_interval(previous), *same_day, day_interval(coming)]


@rule(r"recent(?:ly)?", precedence=330)
def _recently(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    """'recently', 'the recent summit': within about three months before."""
    return [Interval(anchor - relativedelta(months=3), anchor)]


@rule(r"(?:in |since |of |by |during |until |the )?((?:19|20)\d\d)", precedence=340)
def _year(m: Match, anchor: dt.date, text: str) -> list[Interval]:
    year = int(m[1])
    return [Interval(dt.date(year, 1, 1), dt.date(year, 12, 31))]


RULES: list[Rule] = [_REGISTERED[precedence] for precedence in sorted(_REGISTERED)]
"""Rules in order of precedence: the first that matches the expression decides."""


def resolve(expression: str, said_on: dt.date) -> list[Interval]:
    """Candidate intervals ``expression`` can denote when said on ``said_on``; [] when unreadable.

    The first matching rule decides. A bare 'May' (the month) is only read when capitalized, so
    the modal verb is not mistaken for it.
    """
    text = normalize(expression)
    for pattern, handler in RULES:
        for match in pattern.finditer(text):
            if any(group == "may" for group in match.groups()) and not re.search(r"\bMay\b", expression):
                continue
            try:
                candidates = handler(match, said_on, text)
            except (ValueError, OverflowError, KeyError, StopIteration):
                return []
            return list(dict.fromkeys(candidates))
    return []


def agrees(candidates: list[Interval], start: dt.date, end: dt.date) -> bool:
    """True when the stored interval shares a day with at least one candidate."""
    return any(candidate.overlaps(start, end) for candidate in candidates)
