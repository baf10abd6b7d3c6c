"""The relative-date resolver: a general grammar of date words, tested by examples and by properties."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from claims.dates.calendar import Interval
from claims.dates.rules import agrees, resolve
from claims.dates.vocabulary import tense_of
from tests.strategies import examples

D = dt.date.fromisoformat
anchors = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31))
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def spans(expression: str, said_on: str) -> list[tuple[str, str]]:
    return [(str(c.start), str(c.end)) for c in resolve(expression, D(said_on))]


@pytest.mark.parametrize(
    ("expression", "said_on", "expected"),
    [
        # days around the anchor
        ("yesterday", "2021-06-25", [("2021-06-24", "2021-06-24")]),
        ("today", "2021-06-25", [("2021-06-25", "2021-06-25")]),
        ("this morning", "2021-06-25", [("2021-06-25", "2021-06-25")]),
        ("tomorrow", "2016-10-25", [("2016-10-26", "2016-10-26")]),
        ("tomorrow morning", "2016-10-25", [("2016-10-26", "2016-10-26")]),
        ("two days ago", "2021-06-25", [("2021-06-23", "2021-06-23")]),
        ("a couple of days ago", "2021-06-25", [("2021-06-22", "2021-06-24")]),
        ("in a couple of days", "2021-06-25", [("2021-06-26", "2021-06-28")]),
        # weekdays
        (
            "Friday's terrorist attacks",
            "2015-11-15",
            [("2015-11-13", "2015-11-13"), ("2015-11-20", "2015-11-20")],
        ),
        ("the attacks took place on Friday", "2015-11-15", [("2015-11-13", "2015-11-13")]),
        ("we will meet on Friday", "2015-11-15", [("2015-11-20", "2015-11-20")]),
        # weeks
        ("last week", "2021-06-25", [("2021-06-14", "2021-06-20")]),
        ("next week", "2021-06-25", [("2021-06-28", "2021-07-04")]),
        ("in Rome early next week", "2021-06-25", [("2021-06-28", "2021-06-30")]),
        ("In a few weeks here", "2016-10-25", [("2016-11-01", "2016-12-06")]),
        ("It’s been six weeks since", "2021-06-25", [("2021-05-07", "2021-05-21")]),
        # months
        ("last month", "2016-11-28", [("2016-10-01", "2016-10-31")]),
        ("next month", "2016-10-25", [("2016-11-01", "2016-11-30")]),
        ("Earlier this month", "2016-11-28", [("2016-11-01", "2016-11-27")]),
        ("last met in October", "2016-11-28", [("2016-10-01", "2016-10-31")]),
        ("the next ministerial in London in December", "2016-11-28", [("2016-12-01", "2016-12-31")]),
        ("We've decided to meet again in mid-December", "2016-10-25", [("2016-12-10", "2016-12-20")]),
        ("back in February", "2021-06-25", [("2021-02-01", "2021-02-28")]),
        ("in January", "2021-06-25", [("2021-01-01", "2021-01-31"), ("2022-01-01", "2022-01-31")]),
        ("in January 2015", "2016-11-28", [("2015-01-01", "2015-01-31")]),
        ("in August 2019", "2021-06-25", [("2019-08-01", "2019-08-31")]),
        # days of the year
        ("the 20th of January last", "2016-10-25", [("2016-01-20", "2016-01-20")]),
        ("the 20th of January last", "2016-01-20", [("2015-01-20", "2015-01-20")]),
        ("the 19th of September, 2014", "2016-10-25", [("2014-09-19", "2014-09-19")]),
        ("Nov. 28, 2016", "2016-11-28", [("2016-11-28", "2016-11-28")]),
        # years and decades
        ("a year ago", "2021-06-25", [("2020-05-25", "2020-07-25")]),
        ("about a year ago", "2016-10-25", [("2015-08-25", "2015-12-25")]),
        ("less than a year ago", "2016-10-25", [("2015-10-25", "2016-10-25")]),
        ("the one year anniversary of the Paris attacks", "2016-11-28", [("2015-10-28", "2015-12-28")]),
        ("next year", "2016-11-28", [("2017-01-01", "2017-12-31")]),
        ("last year", "2016-11-28", [("2015-01-01", "2015-12-31")]),
        ("the end of the ’90s", "2021-06-25", [("1997-01-01", "1999-12-31")]),
        ("initiated in 2019", "2021-06-25", [("2019-01-01", "2019-12-31")]),
        ("Since the beginning of the year", "2021-06-25", [("2021-01-01", "2021-06-25")]),
        ("in the coming days", "2021-06-25", [("2021-06-26", "2021-07-09")]),
        ("the day after tomorrow", "2021-06-25", [("2021-06-27", "2021-06-27")]),
        ("the week before last", "2021-06-25", [("2021-06-07", "2021-06-13")]),
        ("early next year", "2021-06-25", [("2022-01-01", "2022-04-30")]),
        ("by the end of the year", "2021-06-25", [("2021-09-01", "2021-12-31")]),
        ("last summer", "2021-06-25", [("2020-06-01", "2020-08-31")]),
        ("in the summer of 2019", "2021-06-25", [("2019-06-01", "2019-08-31")]),
        ("next winter", "2021-06-25", [("2021-12-01", "2022-02-28")]),
        ("in recent days", "2021-06-25", [("2021-06-11", "2021-06-24")]),
        ("Novemer 15, 2015", "2015-11-15", [("2015-01-01", "2015-12-31")]),
    ],
)
def test_examples(expression: str, said_on: str, expected: list[tuple[str, str]]) -> None:
    assert spans(expression, said_on) == expected


def test_mid_month_takes_the_nearest_future_for_future_tense_and_the_most_recent_for_past() -> None:
    assert spans("we will meet again in mid-December", "2016-12-25") == [("2017-12-10", "2017-12-20")]
    assert spans("it was agreed back in mid-December", "2016-12-05") == [("2015-12-10", "2015-12-20")]
    assert spans("in mid-July", "2021-06-25") == [("2020-07-10", "2020-07-20"), ("2021-07-10", "2021-07-20")]


def test_a_day_and_month_naming_an_event_may_lie_in_any_recent_year() -> None:
    found = resolve("the 13 November Paris attacks", D("2016-11-28"))
    assert Interval(D("2015-11-13"), D("2015-11-13")) in found
    assert all(
        c.start == c.end and (c.start.month, c.start.day) == (11, 13) and c.start <= D("2016-11-28")
        for c in found
    )
    assert spans("the anniversary of the 13 November Paris attacks", "2016-10-25")[0] == (
        "2015-11-13",
        "2015-11-13",
    )
    assert spans("13 November", "2016-11-28")[0] == ("2016-11-13", "2016-11-13")


@pytest.mark.parametrize(
    "expression",
    ["", "the NATO summit", "at the G7", "we may go", "soon enough", "the fall of Kabul", "they spring up"],
)
def test_unreadable_expressions_give_no_candidates(expression: str) -> None:
    assert resolve(expression, D("2021-06-25")) == []


def test_tense() -> None:
    assert tense_of("we will meet") == "future"
    assert tense_of("they last met") == "past"
    assert tense_of("friday's attacks") is None


def test_agreement_is_overlap_with_any_candidate() -> None:
    candidates = [Interval(D("2021-01-01"), D("2021-01-31")), Interval(D("2022-01-01"), D("2022-01-31"))]
    assert agrees(candidates, D("2022-01-01"), D("2022-01-31"))
    assert agrees(candidates, D("2021-01-31"), D("2021-02-05"))
    assert not agrees(candidates, D("2021-06-01"), D("2021-06-30"))
    assert not agrees([], D("2021-06-01"), D("2021-06-30"))


# --- properties ----------------------------------------------------------------------------------

SETTINGS = examples(60)


@SETTINGS
@given(anchors, st.integers(min_value=1, max_value=400))
def test_n_days_ago_is_exactly_n_days_back(anchor: dt.date, n: int) -> None:
    word = "a day" if n == 1 else f"{n} days"
    assert resolve(f"{word} ago", anchor) == [
        Interval(anchor - dt.timedelta(days=n), anchor - dt.timedelta(days=n))
    ]


@SETTINGS
@given(anchors, st.integers(min_value=2, max_value=400))
def test_in_n_days_is_exactly_n_days_on(anchor: dt.date, n: int) -> None:
    day = anchor + dt.timedelta(days=n)
    assert resolve(f"in {n} days", anchor) == [Interval(day, day)]


@SETTINGS
@given(anchors, st.integers(min_value=1, max_value=30), st.sampled_from(["week", "month", "year"]))
def test_n_units_ago_contains_the_exact_day(anchor: dt.date, n: int, unit: str) -> None:
    exact = anchor - relativedelta(**{f"{unit}s": n})  # type: ignore[arg-type]
    candidates = resolve(f"{n} {unit}s ago", anchor)
    assert len(candidates) == 1 and candidates[0].contains(exact) and candidates[0].end < anchor


@SETTINGS
@given(anchors)
def test_yesterday_today_tomorrow(anchor: dt.date) -> None:
    one = dt.timedelta(days=1)
    assert resolve("yesterday", anchor) == [Interval(anchor - one, anchor - one)]
    assert resolve("today", anchor) == [Interval(anchor, anchor)]
    assert resolve("tomorrow", anchor) == [Interval(anchor + one, anchor + one)]


@SETTINGS
@given(anchors, st.integers(1, 12), st.integers(1, 28))
def test_day_month_last_is_the_most_recent_before(anchor: dt.date, month: int, day: int) -> None:
    expression = f"the {day}th of {MONTH_NAMES[month - 1]} last"
    (candidate,) = resolve(expression, anchor)
    assert candidate.start == candidate.end
    assert (candidate.start.month, candidate.start.day) == (month, day)
    assert anchor - dt.timedelta(days=366) <= candidate.start < anchor


@SETTINGS
@given(anchors, st.integers(0, 6), st.sampled_from(["past", "future"]))
def test_weekday_names_land_on_that_weekday_within_a_week(anchor: dt.date, weekday: int, tense: str) -> None:
    phrase = (
        f"it happened on {WEEKDAY_NAMES[weekday]}"
        if tense == "past"
        else f"we will go on {WEEKDAY_NAMES[weekday]}"
    )
    (candidate,) = resolve(phrase, anchor)
    assert candidate.start.weekday() == weekday
    gap = (candidate.start - anchor).days
    assert -7 <= gap <= -1 if tense == "past" else 1 <= gap <= 7


@SETTINGS
@given(anchors, st.integers(1, 12))
def test_month_names_resolve_to_whole_months_near_the_anchor(anchor: dt.date, month: int) -> None:
    for candidate in resolve(f"in {MONTH_NAMES[month - 1]}", anchor):
        assert candidate.start.day == 1 and candidate.start.month == month
        assert (candidate.end + dt.timedelta(days=1)).day == 1
        assert abs((candidate.start - anchor).days) <= 366


@SETTINGS
@given(anchors, st.sampled_from(["last", "this", "next"]), st.sampled_from(["week", "month", "year"]))
def test_relative_periods_are_ordered(anchor: dt.date, which: str, unit: str) -> None:
    (candidate,) = resolve(f"{which} {unit}", anchor)
    assert candidate.start <= candidate.end
    if which == "last":
        assert candidate.end < anchor
    elif which == "next":
        assert candidate.start > anchor
    else:
        assert candidate.contains(anchor)


@SETTINGS
@given(st.text(max_size=40), anchors)
def test_any_text_resolves_to_ordered_intervals_or_nothing(text: str, anchor: dt.date) -> None:
    for candidate in resolve(text, anchor):
        assert candidate.start <= candidate.end


def test_days_that_no_month_has_resolve_to_nothing_and_29_february_to_a_leap_year() -> None:
    assert resolve("the 31st of February last", D("2021-06-25")) == []
    assert resolve("on 30 February", D("2021-06-25")) == []
    assert spans("the 29th of February last", "2021-06-25") == [("2020-02-29", "2020-02-29")]


_PIECES = st.sampled_from(
    [
        "the",
        "of",
        "last",
        "next",
        "this",
        "in",
        "mid-",
        "early",
        "late",
        "ago",
        "days",
        "weeks",
        "months",
        "years",
        "a",
        "few",
        "couple",
        "two",
        "20th",
        "13",
        "January",
        "May",
        "December",
        "Friday's",
        "Sunday",
        "2015",
        "'90s",
        "end",
        "anniversary",
        "since",
        "it's been",
        "six",
        "yesterday",
        "tomorrow",
        "summer",
        "recent",
        "coming",
        "week",
        "month",
        "year",
        ",",
        "29",
        "February",
        "31",
        "0",
    ]
)


@examples(300)
@given(st.lists(_PIECES, max_size=6).map(" ".join), st.dates(dt.date(1901, 1, 1), dt.date(2098, 12, 31)))
def test_any_phrase_of_date_words_resolves_to_ordered_intervals(text: str, anchor: dt.date) -> None:
    for candidate in resolve(text, anchor):
        assert candidate.start <= candidate.end
