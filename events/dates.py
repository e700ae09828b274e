"""Dates as Peacetracker holds them: a start, a precision and an optional end.

An event that happened "in February 2020" is stored as start 2020-02-01 with month
precision; "2019" as 2019-01-01 with year precision. This module writes such dates the way
people do ("February 2020", "28–30 May 2019") and in the ISO 8601 reduced-precision form
used by machines (the TIMEX3 `value` convention: "2019", "2020-02", "2020-02-29").
"""

import calendar
import re
from datetime import date

from django.db import models

MONTH_NAMES = (
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
)
EN_DASH = "\u2013"

ISO_VALUE_EXAMPLES = "a year (2019), a month (2020-02) or a day (2020-02-29)"
_ISO_VALUE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")


class Precision(models.IntegerChoices):
    # Coarser precisions have smaller numbers so that ordering by (start, precision) puts
    # "February 2020" before "1 February 2020", and "2020" before both.
    YEAR = 1, "year"
    MONTH = 2, "month"
    DAY = 3, "day"


def truncate(value: date, precision: Precision) -> date:
    """The first day of the year or month that holds `value`, or `value` itself for days."""
    if precision == Precision.YEAR:
        return value.replace(month=1, day=1)
    if precision == Precision.MONTH:
        return value.replace(day=1)
    return value


def last_day(value: date, precision: Precision) -> date:
    """The last day of the year or month that holds `value`, or `value` itself for days."""
    if precision == Precision.YEAR:
        return value.replace(month=12, day=31)
    if precision == Precision.MONTH:
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    return value


def iso_value(value: date, precision: Precision) -> str:
    """ISO 8601 at the given precision: "2019", "2020-02" or "2020-02-29"."""
    year = f"{value.year:04d}"
    if precision == Precision.YEAR:
        return year
    if precision == Precision.MONTH:
        return f"{year}-{value.month:02d}"
    return f"{year}-{value.month:02d}-{value.day:02d}"


def parse_iso_value(text: str) -> tuple[date, Precision]:
    """Read "2019", "2020-02" or "2020-02-29" as (first day, precision).

    Raises ValueError with a message fit to show to the person who typed `text`.
    """
    match = _ISO_VALUE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"“{text}” is not a date: use {ISO_VALUE_EXAMPLES}.")
    year = int(match["year"])
    month = int(match["month"] or 1)
    day = int(match["day"] or 1)
    try:
        value = date(year, month, day)
    except ValueError:
        raise ValueError(f"“{text}” is not a date in the calendar.") from None
    if match["day"]:
        return value, Precision.DAY
    if match["month"]:
        return value, Precision.MONTH
    return value, Precision.YEAR


def format_date(value: date, precision: Precision) -> str:
    """A single date as people write it: "2019", "February 2020" or "29 February 2020"."""
    if precision == Precision.YEAR:
        return str(value.year)
    month_year = f"{MONTH_NAMES[value.month - 1]} {value.year}"
    if precision == Precision.MONTH:
        return month_year
    return f"{value.day} {month_year}"


def format_span(start: date, precision: Precision, end: date | None = None) -> str:
    """A date or a range as people write it, sharing what both ends have in common.

    "28–30 May 2019", "28 May – 2 June 2019", "30 December 2019 – 2 January 2020",
    "May–June 2019", "2019–2020". The dash takes spaces when either side has them.
    """
    precision = Precision(precision)
    if end is None or truncate(end, precision) == truncate(start, precision):
        return format_date(start, precision)
    if precision == Precision.YEAR:
        return f"{start.year}{EN_DASH}{end.year}"
    if precision == Precision.MONTH:
        if start.year == end.year:
            return f"{MONTH_NAMES[start.month - 1]}{EN_DASH}{format_date(end, precision)}"
        return f"{format_date(start, precision)} {EN_DASH} {format_date(end, precision)}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}{EN_DASH}{format_date(end, precision)}"
    if start.year == end.year:
        return (
            f"{start.day} {MONTH_NAMES[start.month - 1]} {EN_DASH} {format_date(end, precision)}"
        )
    return f"{format_date(start, precision)} {EN_DASH} {format_date(end, precision)}"
