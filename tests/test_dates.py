from datetime import date

import pytest

from events.dates.display import written
from events.dates.reading import DateNotUnderstood, resolve_date
from events.dates.values import DateSpan, Precision, iso_value, last_day, parse_iso_value, truncate


@pytest.mark.parametrize(
    ("start", "precision", "end", "words"),
    [
        (date(2019, 1, 1), Precision.YEAR, None, "2019"),
        (date(2020, 2, 1), Precision.MONTH, None, "February 2020"),
        (date(2020, 2, 29), Precision.DAY, None, "29 February 2020"),
        (date(2019, 5, 28), Precision.DAY, date(2019, 5, 30), "28–30 May 2019"),
        (date(2019, 5, 28), Precision.DAY, date(2019, 6, 2), "28 May – 2 June 2019"),
        (date(2019, 12, 30), Precision.DAY, date(2020, 1, 2), "30 December 2019 – 2 January 2020"),
        (date(2019, 5, 1), Precision.MONTH, date(2019, 6, 1), "May–June 2019"),
        (date(2019, 12, 1), Precision.MONTH, date(2020, 1, 1), "December 2019 – January 2020"),
        (date(2019, 1, 1), Precision.YEAR, date(2020, 1, 1), "2019–2020"),
        # An end on the same day (or in the same period) is no range at all.
        (date(2019, 5, 28), Precision.DAY, date(2019, 5, 28), "28 May 2019"),
        (date(2801, 3, 1), Precision.DAY, None, "1 March 2801"),
    ],
)
def test_dates_are_written_as_people_write_them(start, precision, end, words):
    assert written(DateSpan(start, precision, end)) == words


@pytest.mark.parametrize(
    ("value", "precision", "iso"),
    [
        (date(2019, 1, 1), Precision.YEAR, "2019"),
        (date(2020, 2, 1), Precision.MONTH, "2020-02"),
        (date(2020, 2, 29), Precision.DAY, "2020-02-29"),
        (date(987, 6, 5), Precision.DAY, "0987-06-05"),
    ],
)
def test_iso_reduced_precision_value(value, precision, iso):
    assert iso_value(value, precision) == iso


@pytest.mark.parametrize(
    ("text", "start", "precision"),
    [
        ("2019", date(2019, 1, 1), Precision.YEAR),
        ("2020-02", date(2020, 2, 1), Precision.MONTH),
        ("2020-02-29", date(2020, 2, 29), Precision.DAY),
        (" 2020-02 ", date(2020, 2, 1), Precision.MONTH),
    ],
)
def test_iso_values_parse_back_to_start_and_precision(text, start, precision):
    assert parse_iso_value(text) == (start, precision)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2020-13", "“2020-13” is not a date in the calendar."),
        ("2019-02-29", "“2019-02-29” is not a date in the calendar."),
        ("Feb 2020", "“Feb 2020” is not a date: use a year (2019), a month (2020-02)"),
        ("", "“” is not a date"),
        ("20200229", "“20200229” is not a date"),
        ("2020-2", "“2020-2” is not a date"),
    ],
)
def test_bad_iso_values_are_refused_with_a_message(text, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_iso_value(text)


def test_periods_start_and_end_where_the_calendar_says():
    leap = date(2020, 2, 17)
    assert truncate(leap, Precision.MONTH) == date(2020, 2, 1)
    assert last_day(leap, Precision.MONTH) == date(2020, 2, 29)
    assert truncate(leap, Precision.YEAR) == date(2020, 1, 1)
    assert last_day(leap, Precision.YEAR) == date(2020, 12, 31)
    assert truncate(leap, Precision.DAY) == last_day(leap, Precision.DAY) == leap


# Reading dates as editors type them

ARTICLE_DATE = date(2021, 1, 28)  # the seed article's publication date, a Thursday


@pytest.mark.parametrize(
    ("typed", "start", "precision", "end", "relative"),
    [
        ("29 Feb 2020", date(2020, 2, 29), Precision.DAY, None, False),
        ("29/02/2020", date(2020, 2, 29), Precision.DAY, None, False),
        ("2020-02-29", date(2020, 2, 29), Precision.DAY, None, False),
        ("29.02.2020", date(2020, 2, 29), Precision.DAY, None, False),
        ("02/29/2020", date(2020, 2, 29), Precision.DAY, None, False),
        ("February 2020", date(2020, 2, 1), Precision.MONTH, None, False),
        ("Feb 2020", date(2020, 2, 1), Precision.MONTH, None, False),
        ("Feb. 2020", date(2020, 2, 1), Precision.MONTH, None, False),
        ("2019", date(2019, 1, 1), Precision.YEAR, None, False),
        ("2020-02", date(2020, 2, 1), Precision.MONTH, None, False),
        ("28–30 May 2019", date(2019, 5, 28), Precision.DAY, date(2019, 5, 30), False),
        ("28-30 May 2019", date(2019, 5, 28), Precision.DAY, date(2019, 5, 30), False),
        ("28 May – 2 June 2019", date(2019, 5, 28), Precision.DAY, date(2019, 6, 2), False),
        ("from 28 May to 2 June 2019", date(2019, 5, 28), Precision.DAY, date(2019, 6, 2), False),
        ("May–June 2019", date(2019, 5, 1), Precision.MONTH, date(2019, 6, 1), False),
        (
            "December 2019 – January 2020",
            date(2019, 12, 1),
            Precision.MONTH,
            date(2020, 1, 1),
            False,
        ),
        ("2019–2020", date(2019, 1, 1), Precision.YEAR, date(2020, 1, 1), False),
        ("February last year", date(2020, 2, 1), Precision.MONTH, None, True),
        ("in February last year", date(2020, 2, 1), Precision.MONTH, None, True),
        ("in October", date(2020, 10, 1), Precision.MONTH, None, True),
        ("in January", date(2021, 1, 1), Precision.MONTH, None, True),  # this month so far
        ("last October", date(2020, 10, 1), Precision.MONTH, None, True),
        ("mid-December", date(2020, 12, 1), Precision.MONTH, None, True),
        ("late 2019", date(2019, 1, 1), Precision.YEAR, None, False),
        ("last month", date(2020, 12, 1), Precision.MONTH, None, True),
        ("earlier this month", date(2021, 1, 1), Precision.MONTH, None, True),
        ("last year", date(2020, 1, 1), Precision.YEAR, None, True),
        ("yesterday", date(2021, 1, 27), Precision.DAY, None, True),
        ("today", date(2021, 1, 28), Precision.DAY, None, True),
        ("on Thursday", date(2021, 1, 28), Precision.DAY, None, True),  # the day itself
        ("on Saturday", date(2021, 1, 23), Precision.DAY, None, True),
        ("last Thursday", date(2021, 1, 21), Precision.DAY, None, True),
        ("3 days ago", date(2021, 1, 25), Precision.DAY, None, True),
        ("two months ago", date(2020, 11, 1), Precision.MONTH, None, True),
        ("Feb. 25", date(2020, 2, 25), Precision.DAY, None, True),
        ("31 Dec", date(2020, 12, 31), Precision.DAY, None, True),
        ("January 5 next year", date(2022, 1, 5), Precision.DAY, None, True),
        ("March 3rd, 2019", date(2019, 3, 3), Precision.DAY, None, False),
        ("the 1st of March 2019", date(2019, 3, 1), Precision.DAY, None, False),
        ("Tuesday, 5 March 2019", date(2019, 3, 5), Precision.DAY, None, False),
        ("  29   Feb  2020. ", date(2020, 2, 29), Precision.DAY, None, False),
    ],
)
def test_editors_dates_resolve_against_the_source_date(typed, start, precision, end, relative):
    resolution = resolve_date(typed, base=ARTICLE_DATE)
    assert resolution.span == DateSpan(start, precision, end)
    assert resolution.relative is relative


def test_a_year_less_date_is_the_last_one_before_the_base_unless_it_lies_ahead():
    assert resolve_date("in April", base=date(2021, 3, 20)).span.start == date(2020, 4, 1)
    assert resolve_date("in April", base=date(2021, 3, 20), future=True).span.start == date(
        2021, 4, 1
    )
    assert resolve_date("on Saturday", base=date(2021, 1, 28), future=True).span.start == date(
        2021, 1, 30
    )


@pytest.mark.parametrize("typed", ["June 31", "31 June", "30 February", "on 31 Sept"])
@pytest.mark.parametrize("future", [False, True])
def test_a_day_its_month_never_has_is_refused_even_without_a_year(typed, future):
    # It used to escape as a bare ValueError (an empty max()): a server error in the admin.
    with pytest.raises(DateNotUnderstood, match="is not in the calendar"):
        resolve_date(typed, base=ARTICLE_DATE, future=future)


def test_29_february_without_a_year_finds_the_last_leap_year():
    assert resolve_date("29 February", base=date(2023, 6, 1)).span.start == date(2020, 2, 29)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter a date, e.g. “29 February 2020”"),
        ("sometime", "Could not read “sometime” as a date. Write it as you would in a sentence"),
        ("the talks", "Could not read “the talks” as a date."),
        (
            "02/03/2020",
            "“02/03/2020” could be 2 March 2020 or 3 February 2020. Write the month "
            "as a word, e.g. “2 March 2020”",
        ),
        (
            "31 February 2020",
            "“31 February 2020” is not in the calendar: February 2020 has 29 days.",
        ),
        ("2019-02-29", "“2019-02-29” is not in the calendar."),
        ("30–28 May 2019", "“30–28 May 2019” ends before it starts."),
        ("May 2019 – 2 June 2019", "gives its two ends with different precision"),
        ("Monday, 5 March 2019", "does not add up: 5 March 2019 was a Tuesday."),
        ("x" * 150, "is too long for a date"),
    ],
)
def test_what_cannot_be_read_is_refused_with_a_reason_and_an_example(typed, message):
    with pytest.raises(DateNotUnderstood) as refused:
        resolve_date(typed, base=ARTICLE_DATE)
    assert message in str(refused.value)


def test_resolved_spans_give_their_written_form_and_iso_value():
    span = resolve_date("28–30 May 2019", base=ARTICLE_DATE).span
    assert (written(span), span.value) == ("28–30 May 2019", "2019-05-28/2019-05-30")
    assert resolve_date("February last year", base=ARTICLE_DATE).span.value == "2020-02"
