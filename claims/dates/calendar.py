"""Calendar arithmetic for the date rules: ``Interval`` and the pure helpers that find days, weeks,
months and seasons relative to the day something was said."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

from claims.dates.vocabulary import SEASONS, Tense


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


def season_interval(season: str, year: int) -> Interval:
    """A meteorological season of the northern hemisphere; winter runs December of ``year`` to February."""
    first_month = SEASONS[season]
    start = dt.date(year, first_month, 1)
    return Interval(start, start + relativedelta(months=3, days=-1))


def units(unit: str, count: int) -> relativedelta:
    """``count`` days, weeks, months or years as a delta."""
    return relativedelta(**{f"{unit}s": count})  # type: ignore[arg-type]


def offset_range(
    anchor: dt.date, unit: str, numbers: tuple[int, int], sign: int, spread: relativedelta
) -> Interval:
    """The days ``numbers`` units before (sign -1) or after (sign +1) the anchor, widened by ``spread``."""
    low, high = numbers
    near = anchor + sign * units(unit, low)
    far = anchor + sign * units(unit, high)
    first, last = (far, near) if sign < 0 else (near, far)
    return Interval(first - spread, last + spread)


def previous_weekday(anchor: dt.date, weekday: int) -> dt.date:
    """The last ``weekday`` strictly before the anchor."""
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday - 1) % 7 + 1)


def next_weekday(anchor: dt.date, weekday: int) -> dt.date:
    """The first ``weekday`` strictly after the anchor."""
    return anchor + dt.timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)


def week_of(day: dt.date) -> Interval:
    """The Monday-to-Sunday week holding ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return Interval(monday, monday + dt.timedelta(days=6))


def is_date(year: int, month: int, day: int) -> bool:
    """True when the year, month and day make a day of the calendar (no 30 February)."""
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


LEAP_CYCLE = 8
"""Years searched for a day of a month: enough to meet a 29 February (at most eight years apart)."""


def recent_day_month(anchor: dt.date, month: int, day: int, *, strictly: bool) -> dt.date:
    """The most recent ``day`` of ``month`` on (or strictly) before the anchor; ValueError if none exists."""
    for year in range(anchor.year, anchor.year - LEAP_CYCLE - 1, -1):
        if is_date(year, month, day):
            candidate = dt.date(year, month, day)
            if candidate < anchor or (candidate == anchor and not strictly):
                return candidate
    raise ValueError(f"no day {day} of month {month}")


def coming_day_month(anchor: dt.date, month: int, day: int) -> dt.date:
    """The first ``day`` of ``month`` on or after the anchor; ValueError if none exists."""
    for year in range(anchor.year, anchor.year + LEAP_CYCLE + 1):
        if is_date(year, month, day):
            candidate = dt.date(year, month, day)
            if candidate >= anchor:
                return candidate
    raise ValueError(f"no day {day} of month {month}")


def month_candidates(anchor: dt.date, month: int, part: str | None, tense: Tense) -> list[Interval]:
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
