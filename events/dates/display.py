"""The one place a date becomes words for a reader.

Every date a reader sees (an event's date, a source's publication day, the timeline's month
headings and year labels, the overview's bars, exports, the feed, the messages of date
reading) is written by `written`, or by a function here built on it, in a language and a
calendar. A calendar turns a date into its own years, months and days (`Gregorian`); a
language writes those with its month names and numerals (`English`). Adding a language or a
calendar is adding one class here and naming it in `_LANGUAGES` or `_CALENDARS`.

Wording that is not a date ("known to the month", "3 days") goes through gettext.
"""

from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from django.utils import translation
from django.utils.translation import gettext, ngettext

from events.dates.values import DateSpan, Precision, truncate
from events.dates.vocabulary import MONTHS, WEEKDAYS

GREGORIAN = "gregorian"
EN_DASH = "\u2013"


@dataclass(frozen=True)
class CalendarDay:
    """A day as a calendar counts it."""

    year: int
    month: int
    day: int


@dataclass(frozen=True)
class CalendarSpan:
    """A date or a range in one calendar's terms: what a language writes.

    `end` is None unless the range ends in a later day, month or year (at `precision`)
    than it starts.
    """

    start: CalendarDay
    precision: Precision
    end: CalendarDay | None
    length: int  # how many days, months or years (at `precision`) it covers, both ends counted


class Calendar(Protocol):
    name: str

    def span(self, span: DateSpan) -> CalendarSpan:
        """`span` in this calendar's years, months and days."""
        ...


class Gregorian:
    name = GREGORIAN

    def span(self, span: DateSpan) -> CalendarSpan:
        precision = Precision(span.precision)
        start, end = span.start, span.end
        if end is not None and truncate(end, precision) == truncate(start, precision):
            end = None
        if end is None:
            length = 1
        elif precision == Precision.YEAR:
            length = end.year - start.year + 1
        elif precision == Precision.MONTH:
            length = (end.year - start.year) * 12 + end.month - start.month + 1
        else:
            length = (end - start).days + 1
        return CalendarSpan(
            start=self._day(start),
            precision=precision,
            end=self._day(end) if end is not None else None,
            length=length,
        )

    @staticmethod
    def _day(value: date) -> CalendarDay:
        return CalendarDay(value.year, value.month, value.day)


class Language:
    """How a language writes dates: its names for months (per calendar) and weekdays, its
    numerals, and the order of the parts. A language that orders them as English does
    ("28 May – 2 June 2019") needs only its names and numerals."""

    code: str
    month_names: dict[str, tuple[str, ...]]
    weekday_names: tuple[str, ...]

    def numeral(self, number: int) -> str:
        return str(number)

    def abbreviated(self, name: str) -> str:
        """A month's or weekday's name made short, for labels with little room."""
        return name[:3]

    def month(self, day: CalendarDay, calendar: str) -> str:
        return self.month_names[calendar][day.month - 1]

    def single(self, day: CalendarDay, precision: Precision, calendar: str) -> str:
        """ "2019", "February 2020" or "29 February 2020"."""
        year = self.numeral(day.year)
        if precision == Precision.YEAR:
            return year
        month_year = f"{self.month(day, calendar)} {year}"
        if precision == Precision.MONTH:
            return month_year
        return f"{self.numeral(day.day)} {month_year}"

    def span(self, span: CalendarSpan, calendar: str) -> str:
        """A date or a range, sharing what both ends have in common: "28–30 May 2019",
        "28 May – 2 June 2019", "30 December 2019 – 2 January 2020", "May–June 2019",
        "2019–2020". The dash takes spaces when either side has them."""
        start, end, precision = span.start, span.end, span.precision
        if end is None:
            return self.single(start, precision, calendar)
        last = self.single(end, precision, calendar)
        if precision == Precision.YEAR:
            return f"{self.numeral(start.year)}{EN_DASH}{last}"
        if precision == Precision.MONTH:
            if start.year == end.year:
                return f"{self.month(start, calendar)}{EN_DASH}{last}"
            return f"{self.single(start, precision, calendar)} {EN_DASH} {last}"
        if (start.year, start.month) == (end.year, end.month):
            return f"{self.numeral(start.day)}{EN_DASH}{last}"
        if start.year == end.year:
            return f"{self.numeral(start.day)} {self.month(start, calendar)} {EN_DASH} {last}"
        return f"{self.single(start, precision, calendar)} {EN_DASH} {last}"


class English(Language):
    """Dates as international English writes them: "29 February 2020", "28–30 May 2019"."""

    code = "en"
    # The names the readers of dates read too (vocabulary's), full names only.
    month_names = {GREGORIAN: tuple(spellings[0] for spellings in MONTHS)}
    weekday_names = tuple(spellings[0] for spellings in WEEKDAYS)


_LANGUAGES: dict[str, Language] = {language.code: language for language in (English(),)}
_CALENDARS: dict[str, Calendar] = {calendar.name: calendar for calendar in (Gregorian(),)}
_FALLBACK_LANGUAGE = "en"


def written(
    when: DateSpan | date, *, language: str | None = None, calendar: str = GREGORIAN
) -> str:
    """A date (a day) or a span as a reader writes it: "2019", "February 2020",
    "29 February 2020", "28–30 May 2019", "28 May – 2 June 2019".

    `language` None is the active language; one without its own way of writing dates falls
    back to English, as gettext does. Raises ValueError for a calendar it does not know.
    """
    span = when if isinstance(when, DateSpan) else DateSpan(when, Precision.DAY)
    writer = _language(language)
    return writer.span(_calendar(calendar).span(span), calendar)


def written_period(
    value: date,
    precision: Precision,
    *,
    language: str | None = None,
    calendar: str = GREGORIAN,
) -> str:
    """The year, month or day that holds `value`: a year label, a month heading, a day."""
    span = DateSpan(truncate(value, precision), Precision(precision))
    return written(span, language=language, calendar=calendar)


def written_between(
    first: DateSpan, last: DateSpan, *, language: str | None = None, calendar: str = GREGORIAN
) -> str:
    """The stretch of time from the start of `first` to the end of `last`, as a status line
    says it: one period once ("2019", "October 2020"), else "from 9 November 2018 to
    4 May 2021", a range's end written as the date it ends on."""
    with _speaking(language):
        begin = written(DateSpan(first.start, Precision(first.precision)), calendar=calendar)
        finish = written(
            DateSpan(last.end or last.start, Precision(last.precision)), calendar=calendar
        )
        if begin == finish:
            return begin
        return gettext("from %(start)s to %(end)s") % {"start": begin, "end": finish}


def weekday(value: date, *, language: str | None = None, short: bool = False) -> str:
    """The day of the week `value` falls on: "Tuesday", or "Tue" for a time axis."""
    writer = _language(language)
    name = writer.weekday_names[value.weekday()]
    return writer.abbreviated(name) if short else name


def month_of(
    value: date, *, short: bool = False, language: str | None = None, calendar: str = GREGORIAN
) -> str:
    """The name of the month `value` falls in, alone: "February", or "Feb" for a time
    axis's labels (the year is named elsewhere on it)."""
    writer = _language(language)
    day = _calendar(calendar).span(DateSpan(value, Precision.DAY)).start
    name = writer.month(day, calendar)
    return writer.abbreviated(name) if short else name


def day_number(value: date, *, language: str | None = None, calendar: str = GREGORIAN) -> str:
    """The day of the month, in the language's numerals: a time axis's day labels."""
    day = _calendar(calendar).span(DateSpan(value, Precision.DAY)).start
    return _language(language).numeral(day.day)


def length(span: DateSpan, *, language: str | None = None, calendar: str = GREGORIAN) -> str:
    """How long a span lasts, both ends counted: "3 days", "2 months", "1 year"."""
    counted = _calendar(calendar).span(span)
    count = {"count": _language(language).numeral(counted.length)}
    with _speaking(language):
        if counted.precision == Precision.YEAR:
            return ngettext("%(count)s year", "%(count)s years", counted.length) % count
        if counted.precision == Precision.MONTH:
            return ngettext("%(count)s month", "%(count)s months", counted.length) % count
        return ngettext("%(count)s day", "%(count)s days", counted.length) % count


def precision_note(
    span: DateSpan, *, language: str | None = None, calendar: str = GREGORIAN
) -> str:
    """How precisely a date is known, for what is not a single day: "known to the month",
    "3 days", "known to the year, 2 years"; empty for a single day."""
    counted = _calendar(calendar).span(span)
    with _speaking(language):
        if counted.precision == Precision.YEAR:
            note = gettext("known to the year")
        elif counted.precision == Precision.MONTH:
            note = gettext("known to the month")
        else:
            note = ""
        if counted.end is None:
            return note
        how_long = length(span, language=language, calendar=calendar)
        if not note:
            return how_long
        return gettext("%(precision)s, %(length)s") % {"precision": note, "length": how_long}


def _language(code: str | None) -> Language:
    code = (code or translation.get_language() or _FALLBACK_LANGUAGE).lower()
    return (
        _LANGUAGES.get(code)
        or _LANGUAGES.get(code.split("-")[0])
        or _LANGUAGES[_FALLBACK_LANGUAGE]
    )


def _calendar(name: str) -> Calendar:
    try:
        return _CALENDARS[name]
    except KeyError:
        known = ", ".join(sorted(_CALENDARS))
        raise ValueError(f"No calendar called {name!r}: use one of {known}.") from None


def _speaking(language: str | None) -> AbstractContextManager[None]:
    # gettext speaks the active language; a language asked for by name is made active.
    return translation.override(language) if language else nullcontext()
