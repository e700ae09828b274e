from datetime import date

import pytest

from events.dates import (
    Precision,
    format_span,
    iso_value,
    last_day,
    parse_iso_value,
    truncate,
)


@pytest.mark.parametrize(
    ("start", "precision", "end", "written"),
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
def test_dates_are_written_as_people_write_them(start, precision, end, written):
    assert format_span(start, precision, end) == written


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
