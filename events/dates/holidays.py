"""The day a holiday falls on in a given year: fixed days ("Christmas"), days counted from
a weekday of a month ("Thanksgiving", the fourth Thursday of November), Easter and the days
around it, and Nowruz (the first of Hamal, the Solar Hijri new year)."""

import calendar
from datetime import date, timedelta

from events.dates import solar_hijri

_FIXED = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "boxing day": (12, 26),
    "new year's eve": (12, 31),
    "new year's day": (1, 1),
    "valentine's day": (2, 14),
    "halloween": (10, 31),
    "fourth of july": (7, 4),
    "july fourth": (7, 4),
    "juneteenth": (6, 19),
    "st. patrick's day": (3, 17),
    "saint patrick's day": (3, 17),
    "st patrick's day": (3, 17),
}
# (month, weekday, which): which-th weekday of the month, -1 for the last.
_NTH_WEEKDAY = {
    "thanksgiving": (11, calendar.THURSDAY, 4),
    "thanksgiving day": (11, calendar.THURSDAY, 4),
    "labor day": (9, calendar.MONDAY, 1),
    "labour day": (9, calendar.MONDAY, 1),
    "memorial day": (5, calendar.MONDAY, -1),
}
# Days from Easter Sunday.
_FROM_EASTER = {"easter": 0, "easter sunday": 0, "easter monday": 1, "good friday": -2}
_NOWRUZ = {"nowruz", "nawruz", "norouz", "navroz"}


def holiday_name(text: str) -> str:
    """The holiday's name as the tables above spell it: "New Year’s Day" -> "new year's day"."""
    name = " ".join(text.lower().replace("’", "'").split())
    return name.removeprefix("the ")


def holiday(text: str, year: int) -> date | None:
    """The day `text` (a holiday's name) falls on in `year`; None for a name not known."""
    name = holiday_name(text)
    if name in _FIXED:
        return date(year, *_FIXED[name])
    if name in {"leap day", "leap year day"}:
        return date(year, 2, 29) if calendar.isleap(year) else None
    if name == "election day":
        # The United States' federal one: the Tuesday after the first Monday in November.
        first_monday = next(
            day
            for day in (date(year, 11, n) for n in range(1, 8))
            if day.weekday() == calendar.MONDAY
        )
        return first_monday + timedelta(days=1)
    if name in _NTH_WEEKDAY:
        month, weekday, which = _NTH_WEEKDAY[name]
        days = [
            day
            for day in calendar.Calendar().itermonthdates(year, month)
            if day.month == month and day.weekday() == weekday
        ]
        return days[which - 1] if which > 0 else days[which]
    if name in _FROM_EASTER:
        return easter(year) + timedelta(days=_FROM_EASTER[name])
    if name in _NOWRUZ and solar_hijri.FIRST_YEAR <= year - 621 < solar_hijri.LAST_YEAR:
        return solar_hijri.to_gregorian(year - 621, 1, 1)
    return None


def easter(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own name)
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    day = (h + l - 7 * m + 33 * month + 19) % 32
    return date(year, month, day)
