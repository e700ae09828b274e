"""The one place a date becomes words for a reader.

Every date a reader sees (an event's date, a source's publication day, the timeline's month
headings and year labels, the overview's bars, exports, the feed, the messages of date
reading) is written by `written`, or by a function here built on it, in a language and a
calendar. A calendar turns a date into its own years, months and days (`Gregorian`,
`SolarHijri`); a language writes those with its month names and numerals (`English`, `Dari`,
`Pashto`). Adding a language or a calendar is adding one class here and naming it in
`_LANGUAGES` or `_CALENDARS`.

The calendar is the request's unless one is named: Dari and Pashto pages show the Solar
Hijri calendar, English ones the Gregorian unless the reader asks (`?calendar=solar-hijri`,
set by `using_calendar`). A Solar Hijri date is always written with the Gregorian one beside
it, "۱۰ حوت ۱۳۹۸ (۲۹ فبروری ۲۰۲۰)", and a date known to a Gregorian month or year says which
Solar Hijri days that spans: "۱۲ دلو – ۱۰ حوت ۱۳۹۸ (فبروری ۲۰۲۰)".

Wording that is not a date ("known to the month", "3 days") goes through gettext.
"""

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from django.utils import translation
from django.utils.translation import gettext, ngettext

from events.dates import afghan_words, solar_hijri
from events.dates.values import DateSpan, Precision, last_day, truncate
from events.dates.vocabulary import MONTHS, WEEKDAYS

GREGORIAN = "gregorian"
SOLAR_HIJRI = "solar-hijri"
CALENDARS = (GREGORIAN, SOLAR_HIJRI)
EN_DASH = "\u2013"
# The calendar a request asked for; None: its language's own.
_ACTIVE_CALENDAR: ContextVar[str | None] = ContextVar("calendar", default=None)
# The languages that date things in the Solar Hijri calendar unless asked otherwise.
_SOLAR_HIJRI_LANGUAGES = ("fa", "ps")


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


class SolarHijri:
    """Afghanistan's official calendar. Its months are not Gregorian months, so a date known
    to a Gregorian month or year is the run of Solar Hijri days it covers, and a run of days
    that is exactly a Solar Hijri month or year is written as that month or year."""

    name = SOLAR_HIJRI

    def span(self, span: DateSpan) -> CalendarSpan:
        precision = Precision(span.precision)
        first = truncate(span.start, precision)
        last = last_day(span.end or span.start, precision)
        if precision == Precision.DAY and span.end is None:
            return CalendarSpan(self._day(first), Precision.DAY, None, 1)
        year = solar_hijri.is_whole_year(first, last)
        if year is not None:
            return CalendarSpan(CalendarDay(year, 1, 1), Precision.YEAR, None, 1)
        month = solar_hijri.is_whole_month(first, last)
        if month is not None:
            return CalendarSpan(CalendarDay(month.year, month.month, 1), Precision.MONTH, None, 1)
        days = (last - first).days + 1
        return CalendarSpan(self._day(first), Precision.DAY, self._day(last), days)

    @staticmethod
    def _day(value: date) -> CalendarDay:
        day = solar_hijri.from_gregorian(value)
        return CalendarDay(day.year, day.month, day.day)


class Language:
    """How a language writes dates: its names for months (per calendar) and weekdays, its
    numerals, and the order of the parts. A language that orders them as English does
    ("28 May – 2 June 2019") needs only its names and numerals."""

    code: str
    month_names: dict[str, tuple[str, ...]]
    weekday_names: tuple[str, ...]

    def numeral(self, number: int | str) -> str:
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
    month_names = {
        GREGORIAN: tuple(spellings[0] for spellings in MONTHS),
        # As English-language Afghan writing transliterates them: "10 Hut 1398".
        SOLAR_HIJRI: tuple(spellings[0] for spellings in afghan_words.SOLAR_HIJRI_LATIN),
    }
    weekday_names = tuple(spellings[0] for spellings in WEEKDAYS)


def _written_names(table: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """Each name's first spelling: the one a page writes."""
    return tuple(spellings[0] for spellings in table)


class _ArabicScript(Language):
    """What Dari and Pashto share: Persian digits, and names never cut short (an Arabic
    letter's shape depends on its neighbours; "فبر" is no abbreviation)."""

    _DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

    def numeral(self, number: int | str) -> str:
        return str(number).translate(self._DIGITS)

    def abbreviated(self, name: str) -> str:
        return name


class Dari(_ArabicScript):
    """ "۱۰ حوت ۱۳۹۸", "۲۹ فبروری ۲۰۲۰"."""

    code = "fa"
    month_names = {
        GREGORIAN: _written_names(afghan_words.GREGORIAN_DARI),
        SOLAR_HIJRI: _written_names(afghan_words.SOLAR_HIJRI_DARI),
    }
    weekday_names = _written_names(afghan_words.WEEKDAYS_DARI)


class Pashto(_ArabicScript):
    """ "۱۰ کب ۱۳۹۸", "۲۹ فبروري ۲۰۲۰"."""

    code = "ps"
    month_names = {
        GREGORIAN: _written_names(afghan_words.GREGORIAN_PASHTO),
        SOLAR_HIJRI: _written_names(afghan_words.SOLAR_HIJRI_PASHTO),
    }
    weekday_names = _written_names(afghan_words.WEEKDAYS_DARI)


_LANGUAGES: dict[str, Language] = {
    language.code: language for language in (English(), Dari(), Pashto())
}
_CALENDARS: dict[str, Calendar] = {
    calendar.name: calendar for calendar in (Gregorian(), SolarHijri())
}
_FALLBACK_LANGUAGE = "en"


@contextmanager
def using_calendar(name: str | None) -> Iterator[None]:
    """Dates written inside are in calendar `name` (None: each language's own)."""
    if name is not None:
        _calendar(name)  # refuse an unknown one here, not at the first date
    token = _ACTIVE_CALENDAR.set(name)
    try:
        yield
    finally:
        _ACTIVE_CALENDAR.reset(token)


def calendar_for(language: str | None = None) -> str:
    """The calendar dates are written in: the one asked for, else the language's own."""
    asked = _ACTIVE_CALENDAR.get()
    if asked is not None:
        return asked
    return SOLAR_HIJRI if _language(language).code in _SOLAR_HIJRI_LANGUAGES else GREGORIAN


def written(
    when: DateSpan | date, *, language: str | None = None, calendar: str | None = None
) -> str:
    """A date (a day) or a span as a reader writes it: "2019", "February 2020",
    "29 February 2020", "28–30 May 2019", "28 May – 2 June 2019"; in the Solar Hijri
    calendar with the Gregorian date beside it, "۱۰ حوت ۱۳۹۸ (۲۹ فبروری ۲۰۲۰)".

    `language` None is the active language; one without its own way of writing dates falls
    back to English, as gettext does. `calendar` None is the request's (`calendar_for`).
    Raises ValueError for a calendar it does not know.
    """
    calendar = calendar or calendar_for(language)
    gregorian = written_alone(when, language=language, calendar=GREGORIAN)
    if calendar == GREGORIAN:
        return gregorian
    return f"{written_alone(when, language=language, calendar=calendar)} ({gregorian})"


def written_alone(
    when: DateSpan | date, *, language: str | None = None, calendar: str | None = None
) -> str:
    """The date in one calendar only, without the Gregorian beside it: an export's Solar
    Hijri column ("10 Hut 1398"), a label with little room."""
    span = when if isinstance(when, DateSpan) else DateSpan(when, Precision.DAY)
    calendar = calendar or calendar_for(language)
    return _language(language).span(_calendar(calendar).span(span), calendar)


def written_period(
    value: date,
    precision: Precision,
    *,
    language: str | None = None,
    calendar: str = GREGORIAN,
) -> str:
    """The year, month or day that holds `value`: a year label, a month heading, a day.

    The timeline is grouped by Gregorian years and months, so their labels stay Gregorian
    (in the reader's language and numerals) unless a calendar is named."""
    span = DateSpan(truncate(value, precision), Precision(precision))
    return written_alone(span, language=language, calendar=calendar)


def written_between(
    first: DateSpan, last: DateSpan, *, language: str | None = None, calendar: str | None = None
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


def count_of(value: int, *, language: str | None = None) -> str:
    """A count grouped in thousands as the language writes it: "2,000" in English,
    "۲٬۰۰۰" in Dari and Pashto (the Arabic thousands separator)."""
    grouped = f"{int(value):,}"
    spoken = _language(language)
    if spoken.code in {"fa", "ps"}:
        grouped = grouped.replace(",", "\u066c")
    return spoken.numeral(grouped)


def numerals(value: int | str, *, language: str | None = None) -> str:
    """A number, or a text's numbers, in the language's numerals: a count of events, "۴۸" on
    a Dari page and "48" on an English one."""
    return _language(language).numeral(value)


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
