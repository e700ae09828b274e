"""The Solar Hijri calendar as Afghanistan keeps it: days, months and years, no words.

Afghanistan's official calendar counts years from the Hijra and starts each at the March
equinox (Nowruz), with the same month lengths as Iran's: six months of 31 days, five of 30,
and Hut (the twelfth) of 29 days, or 30 in a leap year (1399 has 30 Hut). The arithmetic is
jdatetime's, a well-kept library tested against the published tables; only the month names
differ from Iran's, and those live in `afghan_words`.

A Solar Hijri month or year is never a Gregorian month or year, so a date known to such a
month is held as the span of its days (حمل ۱۴۰۰ is 2021-03-21 to 2021-04-20).
"""

from dataclasses import dataclass
from datetime import date, timedelta

import jdatetime

# The years a text may mean: 1300 is 1921, 1500 is 2121.
FIRST_YEAR = 1300
LAST_YEAR = 1500


@dataclass(frozen=True)
class SolarHijriDay:
    year: int
    month: int
    day: int


def to_gregorian(year: int, month: int, day: int) -> date:
    """The Gregorian day of a Solar Hijri day; ValueError for a day the calendar lacks
    (31 Mizan, 30 Hut 1398)."""
    try:
        return jdatetime.date(year, month, day).togregorian()
    except (ValueError, OverflowError) as error:
        raise ValueError(f"{year}-{month}-{day} is not a day of the Solar Hijri calendar") from (
            error
        )


def from_gregorian(value: date) -> SolarHijriDay:
    day = jdatetime.date.fromgregorian(date=value)
    return SolarHijriDay(day.year, day.month, day.day)


def month_length(year: int, month: int) -> int:
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if jdatetime.date(year, 1, 1).isleap() else 29


def month_days(year: int, month: int) -> tuple[date, date]:
    """The first and last Gregorian days of a Solar Hijri month."""
    first = to_gregorian(year, month, 1)
    return first, first + timedelta(days=month_length(year, month) - 1)


def year_days(year: int) -> tuple[date, date]:
    """The first and last Gregorian days of a Solar Hijri year (Nowruz to the eve of the
    next)."""
    return to_gregorian(year, 1, 1), to_gregorian(year + 1, 1, 1) - timedelta(days=1)


def full_year(two_digits: int, near: date) -> int:
    """The year a two-digit Solar Hijri year means in a text written on `near`: Pajhwok's
    "۹۹" is 1399, "۰۰" is 1400 — the year of that ending nearest the text's own."""
    current = from_gregorian(near).year
    candidates = (
        century + two_digits for century in range(current // 100 * 100 - 100, current + 101, 100)
    )
    return min(candidates, key=lambda year: (abs(year - current), -year))


def is_whole_month(first: date, last: date) -> SolarHijriDay | None:
    """The Solar Hijri month that `first`..`last` covers exactly, if it does."""
    start = from_gregorian(first)
    if start.day != 1:
        return None
    if month_days(start.year, start.month)[1] != last:
        return None
    return start


def is_whole_year(first: date, last: date) -> int | None:
    """The Solar Hijri year that `first`..`last` covers exactly, if it does."""
    start = from_gregorian(first)
    if (start.month, start.day) != (1, 1) or year_days(start.year)[1] != last:
        return None
    return start.year
