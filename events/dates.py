"""Dates as Peacetracker holds them: a start, a precision and an optional end.

An event that happened "in February 2020" is stored as start 2020-02-01 with month
precision; "2019" as 2019-01-01 with year precision. This module writes such dates the way
people do ("February 2020", "28–30 May 2019") and in the ISO 8601 reduced-precision form
used by machines (the TIMEX3 `value` convention: "2019", "2020-02", "2020-02-29").
"""

import bisect
import calendar
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import models

from events.text import sentences

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


def span_length(start: date, precision: Precision, end: date) -> str:
    """How long a range lasts, counting both ends: "3 days", "2 months", "2 years"."""
    if precision == Precision.YEAR:
        count, unit = end.year - start.year + 1, "year"
    elif precision == Precision.MONTH:
        count, unit = (end.year - start.year) * 12 + end.month - start.month + 1, "month"
    else:
        count, unit = (end - start).days + 1, "day"
    return f"{count} {unit}{'' if count == 1 else 's'}"


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


# Reading dates as people write them ------------------------------------------------------
#
# "29 Feb 2020", "29/02/2020", "February 2020", "2019", "28–30 May 2019", "February last
# year", "in October", "last month", "yesterday". Relative expressions resolve against a base
# date: the publication date of the source they come from. Year-less dates ("in October",
# "on Saturday") mean the most recent such date on or before the base unless the writer speaks
# of the future, which the caller says with `future=True`.

MAX_EXPRESSION_LENGTH = 100
WORKING_EXAMPLES = (
    "“29 February 2020”, “February 2020”, “2019”, “28–30 May 2019” or “February last year”"
)

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAYS = {
    name: number
    for number, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}


def _alternatives(words: Iterable[str]) -> str:
    # Longest first, so "september" is tried before "sep".
    return "|".join(sorted(words, key=len, reverse=True))


def _names(table: dict[str, int]) -> str:
    """Full names, or abbreviations with an optional full stop ("Feb.", not "March.")."""
    full = {name for name in table if len(name) > 4 or name == "may"}
    return rf"(?:{_alternatives(full)}|(?:{_alternatives(set(table) - full)})\.?)"


MONTH = _names(_MONTHS)
WEEKDAY = _names(_WEEKDAYS)
DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:[12][0-9]{3}|'[0-9]{2})"
NUMBER = rf"(?:[0-9]{{1,3}}|{_alternatives(_NUMBER_WORDS)})"
RELATIVE_YEAR = r"(?:last|this|next|previous|the\s+previous|the\s+following)\s+year"
TIME_OF_DAY = r"(?:morning|afternoon|evening|night)"
PART_OF = r"(?:early|mid|middle\s+of|late|the\s+(?:beginning|start|middle|end)\s+of|end\s+of)"

# Each pattern reads one kind of expression; named groups carry its parts.
_SINGLE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in [
        ("iso", r"(?P<iso>[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)"),
        (
            "numeric",
            r"(?P<a>[0-9]{1,2})(?P<sep>[/.\-])(?P<b>[0-9]{1,2})(?P=sep)(?P<year>[0-9]{4})",
        ),
        (
            "day_month",
            rf"(?:(?P<weekday>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?"
            rf"(?P<month>{MONTH}),?"
            rf"(?:\s+(?P<year>{YEAR})|\s+(?P<relyear>{RELATIVE_YEAR}))?",
        ),
        (
            "month_day",
            rf"(?:(?P<weekday>{WEEKDAY}),?\s+)?(?P<month>{MONTH})\s+(?:the\s+)?(?P<day>{DAY})"
            rf"(?:,?\s+(?P<year>{YEAR})|\s+(?P<relyear>{RELATIVE_YEAR}))?",
        ),
        (
            "month",
            rf"(?:(?P<part>{PART_OF})[\s-]+)?(?P<rel>last|this|next)?\s*(?P<month>{MONTH})"
            rf"(?:,?\s+(?:of\s+)?(?P<year>{YEAR})|\s+(?P<relyear>{RELATIVE_YEAR}))?",
        ),
        ("part_year", rf"(?P<part>{PART_OF})[\s-]+(?P<year>{YEAR})"),
        (
            "relative_period",
            r"(?:(?:earlier|later)\s+)?(?P<rel>last|this|next|previous|the\s+previous|"
            r"the\s+following|the\s+past)\s+(?P<unit>month|year)",
        ),
        (
            "relative_day",
            r"(?P<word>today|tonight|yesterday|tomorrow|last\s+night|"
            r"this\s+(?:morning|afternoon|evening)|the\s+day\s+before\s+yesterday|"
            r"the\s+day\s+after\s+tomorrow)",
        ),
        (
            "weekday",
            rf"(?:(?P<rel>last|this|next|past)\s+)?(?P<weekday>{WEEKDAY})(?:\s+{TIME_OF_DAY})?",
        ),
        ("ago", rf"(?P<count>{NUMBER})\s+(?P<unit>day|week|month|year)s?\s+ago"),
        ("hence", rf"in\s+(?P<count>{NUMBER})\s+(?P<unit>day|week|month|year)s?(?:'?\s*time)?"),
        (
            "offset",
            rf"(?:(?P<count>{NUMBER})\s+(?P<unit>day|week)s?\s+(?P<dir>earlier|later|before|after)"
            r"|the\s+(?P<which>next|following|previous)\s+day"
            r"|the\s+day\s+(?P<side>before|after))",
        ),
    ]
]

# Where a range's two ends meet: a dash (with or without spaces), "to", "until", "and".
_RANGE_SEPARATOR = re.compile(
    r"\s*[–—]\s*|\s+-\s+|(?<=[0-9a-z.])-(?=[0-9a-z])|\s+(?:to|until|till|through|and)\s+",
    re.IGNORECASE,
)
_RANGE_OPENING = re.compile(r"^(?:from|between)\s+", re.IGNORECASE)
# "in October" is October, but "in two days" is a date of its own.
_LEADING_PREPOSITION = re.compile(
    rf"^(?:in|on|during|of|at)\s+(?!{NUMBER}\s+(?:day|week|month|year))", re.IGNORECASE
)


class DateNotUnderstood(ValueError):
    """An expression that cannot be read as a date; the message says why and what works."""


@dataclass(frozen=True)
class DateSpan:
    start: date
    precision: Precision
    end: date | None = None

    @property
    def written(self) -> str:
        return format_span(self.start, self.precision, self.end)

    @property
    def value(self) -> str:
        """ISO 8601 reduced precision; a range as an interval ("2019-05-28/2019-05-30")."""
        if self.end is None:
            return iso_value(self.start, self.precision)
        return f"{iso_value(self.start, self.precision)}/{iso_value(self.end, self.precision)}"


@dataclass(frozen=True)
class Resolution:
    span: DateSpan
    # Whether the base date was needed ("last year", "in October"), so it is worth showing.
    relative: bool


@dataclass(frozen=True)
class _Context:
    base: date  # what "today" is: the publication date of the text
    future: bool = False  # whether the writer speaks of what is to come
    anchor: date | None = None  # a full date nearby: year-less dates fall close to it
    reference: date | None = None  # the last day mentioned: "a day earlier" counts from it
    day_first: bool = False  # read "05/03/2020" as 5 March rather than refuse it
    check_weekday: bool = True  # refuse "Monday, 5 March 2019" (a Tuesday)


@dataclass(frozen=True)
class _Partial:
    """What one end of a range says: missing parts come from the other end."""

    year: int | None
    month: int | None
    day: int | None
    precision: Precision
    relative: bool
    weekday: int | None = None  # a weekday written alongside, to check against the date


def resolve_date(
    text: str,
    *,
    base: date,
    future: bool = False,
    anchor: date | None = None,
    reference: date | None = None,
    day_first: bool = False,
    check_weekday: bool = True,
) -> Resolution:
    """Read a date as people write it, resolving relative parts against `base`.

    Year-less dates ("in October", "on Saturday") mean the most recent such date on or
    before `base`, or the next one when `future`; or, given an `anchor` (a full date written
    nearby), the one closest to it. "A day earlier" counts from `reference`, or from `base`.
    "05/03/2020" is refused as ambiguous unless `day_first` says how to read it, and
    "Monday, 5 March 2019" (a Tuesday) as inconsistent unless `check_weekday` is off.
    Raises DateNotUnderstood with a message that quotes `text` and gives examples that work.
    """
    cleaned = _clean(text)
    if not cleaned:
        raise DateNotUnderstood(f"Enter a date, e.g. {WORKING_EXAMPLES}.")
    if len(cleaned) > MAX_EXPRESSION_LENGTH:
        raise DateNotUnderstood(
            f"“{cleaned[:40]}…” is too long for a date. Write it as, e.g., {WORKING_EXAMPLES}."
        )
    context = _Context(base, future, anchor, reference, day_first, check_weekday)
    single = _read_single(cleaned, context)
    if single is not None:
        return single
    ranged = _read_range(cleaned, context)
    if ranged is not None:
        return ranged
    other = _read_with_dateparser(cleaned, context)
    if other is not None:
        return other
    raise DateNotUnderstood(
        f"Could not read “{cleaned}” as a date. Write it as you would in a sentence, "
        f"e.g. {WORKING_EXAMPLES}."
    )


def _clean(text: str) -> str:
    cleaned = " ".join(text.split()).strip(" ,;.")
    return _LEADING_PREPOSITION.sub("", cleaned)


def _read_single(text: str, context: _Context) -> Resolution | None:
    partial = _read_partial(text, context)
    if partial is None:
        return None
    if isinstance(partial, Resolution):
        return partial
    if partial.month is None and partial.precision != Precision.YEAR:
        return None  # a day without its month is a date only as one end of a range
    if partial.year is not None:
        start = _make_date(text, partial.year, partial.month or 1, partial.day or 1)
        relative = partial.relative
    else:
        start = _year_less(text, partial.month, partial.day, context)
        relative = True
    if context.check_weekday and partial.weekday not in {None, start.weekday()}:
        written = format_date(start, Precision.DAY)
        raise DateNotUnderstood(
            f"“{text}” does not add up: {written} was a {calendar.day_name[start.weekday()]}. "
            f"Check the day, or leave the weekday out: “{written}”."
        )
    return Resolution(DateSpan(start, partial.precision), relative=relative)


def _read_partial(text: str, context: _Context) -> "_Partial | Resolution | None":
    """Read one expression. Complete dates come back whole (a Resolution); a bare day or
    a month without its year comes back partial, for a range to complete."""
    for name, pattern in _SINGLE_PATTERNS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        return getattr(_Readers, name)(match, text, context)
    # A day with no month is one end of a range: "28" of "28–30 May", "30, 2019" of "May 28–30,
    # 2019"; the other end lends it the rest.
    bare = re.fullmatch(rf"(?P<day>{DAY})(?:,?\s+(?P<year>{YEAR}))?", text, re.IGNORECASE)
    if bare:
        year = _year(bare["year"]) if bare["year"] else None
        return _Partial(year, None, _number(bare["day"]), Precision.DAY, relative=False)
    return None


def _read_range(text: str, context: _Context) -> Resolution | None:
    text = _RANGE_OPENING.sub("", text)
    mixed = False
    for separator in _RANGE_SEPARATOR.finditer(text):
        left = _as_partial(_read_partial(text[: separator.start()], context))
        right = _as_partial(_read_partial(text[separator.end() :], context))
        if left is None or right is None:
            continue
        if left.precision != right.precision:
            mixed = True
            continue
        # Each end lends the other what it leaves out: "28–30 May 2019", "May 28–30".
        left_month, right_month = left.month or right.month, right.month or left.month
        if right.year is not None:
            right_year = right.year
        elif left.year is not None:
            right_year = left.year + (1 if (right_month or 1) < (left_month or 1) else 0)
        elif right_month is not None:
            right_year = _year_less(text, right_month, right.day, context).year
        else:
            continue
        left_year = left.year
        if left_year is None:
            left_year = right_year - (1 if (left_month or 1) > (right_month or 1) else 0)
        begin = _make_date(text, left_year, left_month or 1, left.day or 1)
        finish = _make_date(text, right_year, right_month or 1, right.day or 1)
        if begin > finish:
            raise DateNotUnderstood(
                f"“{text}” ends before it starts. Put the earlier date first, "
                "e.g. “28–30 May 2019”."
            )
        relative = left.relative or right.relative or (left.year is None and right.year is None)
        return Resolution(DateSpan(begin, right.precision, finish), relative=relative)
    if mixed:
        raise DateNotUnderstood(
            f"“{text}” gives its two ends with different precision. Give both as days, months "
            "or years, e.g. “28 May – 2 June 2019” or “May–June 2019”."
        )
    return None


_TWO_DIGIT_YEAR_NUMERIC = re.compile(r"[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{2}")
_PERIODS = {"day": Precision.DAY, "time": Precision.DAY, "month": Precision.MONTH}


@functools.cache
def _dateparser(*, future: bool) -> Any:
    from dateparser.date import DateDataParser  # loaded only when first needed: it is slow

    return DateDataParser(
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": "future" if future else "past",
            "RETURN_TIME_AS_PERIOD": True,
            "DATE_ORDER": "DMY",
        },
    )


def _read_with_dateparser(text: str, context: _Context) -> Resolution | None:
    """Forms outside our own patterns ("05-Mar-2019", "2019/03/05", "5 March 2019 at
    10:00"), read by dateparser. Only what names a month or a year is given to it, and only
    a whole day, month or year is kept from it."""
    if _TWO_DIGIT_YEAR_NUMERIC.fullmatch(text):
        raise DateNotUnderstood(
            f"“{text}” could be read in more than one way. Write the month as a word and the "
            "year in full, e.g. “5 March 2019”."
        )
    has_year = re.search(r"(?<![0-9])[12][0-9]{3}(?![0-9])", text) is not None
    if not has_year and not re.search(rf"\b{MONTH}(?![a-z])", text, re.IGNORECASE):
        return None
    data = _dateparser(future=context.future).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    found = data.date_obj.date()
    precision = _PERIODS.get(data.period, Precision.YEAR if data.period == "year" else None)
    if precision is None:
        return None
    if not has_year:
        # dateparser counts from today; what the text leaves out comes from the base instead.
        day = found.day if precision == Precision.DAY else None
        found = _year_less(text, found.month, day, context)
    return Resolution(DateSpan(truncate(found, precision), precision), relative=not has_year)


def _as_partial(read: "_Partial | Resolution | None") -> _Partial | None:
    """One end of a range in parts, whether it was read whole or in part."""
    if read is None or isinstance(read, _Partial):
        return read
    span = read.span
    if span.end is not None:
        return None  # a range cannot be one end of another
    return _Partial(
        span.start.year,
        span.start.month if span.precision >= Precision.MONTH else None,
        span.start.day if span.precision == Precision.DAY else None,
        span.precision,
        read.relative,
    )


def _number(text: str) -> int:
    text = text.lower()
    if text in _NUMBER_WORDS:
        return _NUMBER_WORDS[text]
    return int(re.match(r"[0-9]+", text).group())


def _month(text: str) -> int:
    return _MONTHS[text.lower().rstrip(".")]


def _year(text: str) -> int:
    if text.startswith("'"):
        return 2000 + int(text[1:]) if int(text[1:]) < 50 else 1900 + int(text[1:])
    return int(text)


def _make_date(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        days = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
        if days:
            raise DateNotUnderstood(
                f"“{text}” is not in the calendar: {MONTH_NAMES[month - 1]} {year} has "
                f"{days} days."
            ) from None
        raise DateNotUnderstood(f"“{text}” is not in the calendar.") from None


def _shift_months(value: date, months: int) -> date:
    index = value.year * 12 + value.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _relative_year(phrase: str, base: date) -> int:
    phrase = " ".join(phrase.lower().split())
    if phrase.startswith(("last", "previous", "the previous")):
        return base.year - 1
    if phrase.startswith(("next", "the following")):
        return base.year + 1
    return base.year


def _year_less(text: str, month: int, day: int | None, context: _Context) -> date:
    """A date written without its year: near the anchor, or the last (or next) one."""
    centre = context.anchor.year if context.anchor is not None else context.base.year
    candidates = [
        date(year, month, day or 1)
        for year in range(centre - 4, centre + 5)
        if day is None or day <= calendar.monthrange(year, month)[1]
    ]
    if context.anchor is not None:
        anchor = context.anchor
        return min(candidates, key=lambda candidate: abs(candidate - anchor))
    # A month counts as "on or before" the base while the base is in it.
    base = truncate(context.base, Precision.MONTH) if day is None else context.base
    if context.future:
        return min(candidate for candidate in candidates if candidate >= base)
    return max(candidate for candidate in candidates if candidate <= base)


class _Readers:
    """One reader per pattern in _SINGLE_PATTERNS, each named after it."""

    @staticmethod
    def iso(match: re.Match[str], text: str, context: _Context) -> Resolution:
        try:
            start, precision = parse_iso_value(match["iso"])
        except ValueError:
            raise DateNotUnderstood(f"“{text}” is not in the calendar.") from None
        return Resolution(DateSpan(start, precision), relative=False)

    @staticmethod
    def numeric(match: re.Match[str], text: str, context: _Context) -> Resolution:
        a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
        if a > 12 or a == b or context.day_first:
            day, month = a, b  # day first, as written outside the United States
        elif b > 12:
            day, month = b, a  # month first: 02/29/2020
        else:
            first = _make_date(text, year, b, a)
            second = _make_date(text, year, a, b)
            raise DateNotUnderstood(
                f"“{text}” could be {format_date(first, Precision.DAY)} or "
                f"{format_date(second, Precision.DAY)}. Write the month as a word, e.g. "
                f"“{format_date(first, Precision.DAY)}”, or as {first.isoformat()}."
            )
        return Resolution(DateSpan(_make_date(text, year, month, day), Precision.DAY), False)

    @staticmethod
    def day_month(match: re.Match[str], text: str, context: _Context) -> _Partial:
        return _Readers._day_and_month(match, text, context)

    @staticmethod
    def month_day(match: re.Match[str], text: str, context: _Context) -> _Partial:
        return _Readers._day_and_month(match, text, context)

    @staticmethod
    def _day_and_month(match: re.Match[str], text: str, context: _Context) -> _Partial:
        day, month = _number(match["day"]), _month(match["month"])
        weekday = _WEEKDAYS[match["weekday"].lower().rstrip(".")] if match["weekday"] else None
        if match["year"]:
            start = _make_date(text, _year(match["year"]), month, day)
            return _Partial(start.year, month, day, Precision.DAY, False, weekday)
        if match["relyear"]:
            start = _make_date(text, _relative_year(match["relyear"], context.base), month, day)
            return _Partial(start.year, month, day, Precision.DAY, True, weekday)
        # No year: a range may supply it; alone, the nearest such day.
        return _Partial(None, month, day, Precision.DAY, False, weekday)

    @staticmethod
    def month(match: re.Match[str], text: str, context: _Context) -> _Partial:
        month, base = _month(match["month"]), context.base
        if match["year"]:
            return _Partial(_year(match["year"]), month, None, Precision.MONTH, relative=False)
        if match["relyear"]:
            year = _relative_year(match["relyear"], base)
            return _Partial(year, month, None, Precision.MONTH, relative=True)
        rel = (match["rel"] or "").lower()
        if rel == "last":
            year = base.year if month < base.month else base.year - 1
        elif rel == "next":
            year = base.year if month > base.month else base.year + 1
        elif rel == "this":
            year = base.year
        else:
            return _Partial(None, month, None, Precision.MONTH, relative=False)
        return _Partial(year, month, None, Precision.MONTH, relative=True)

    @staticmethod
    def part_year(match: re.Match[str], text: str, context: _Context) -> Resolution:
        year = _year(match["year"])
        return Resolution(DateSpan(date(year, 1, 1), Precision.YEAR), relative=False)

    @staticmethod
    def relative_period(match: re.Match[str], text: str, context: _Context) -> Resolution:
        rel = " ".join(match["rel"].lower().split())
        step = {"last": -1, "previous": -1, "the previous": -1, "the past": -1, "next": 1}
        offset = step.get(rel, 1 if rel == "the following" else 0)
        base = context.base
        if match["unit"].lower() == "month":
            start = _shift_months(base.replace(day=1), offset)
            return Resolution(DateSpan(start, Precision.MONTH), relative=True)
        return Resolution(DateSpan(date(base.year + offset, 1, 1), Precision.YEAR), True)

    @staticmethod
    def relative_day(match: re.Match[str], text: str, context: _Context) -> Resolution:
        word = " ".join(match["word"].lower().split())
        offset = {
            "yesterday": -1,
            "last night": -1,
            "tomorrow": 1,
            "the day before yesterday": -2,
            "the day after tomorrow": 2,
        }.get(word, 0)  # today, tonight, this morning...
        return Resolution(DateSpan(context.base + timedelta(days=offset), Precision.DAY), True)

    @staticmethod
    def weekday(match: re.Match[str], text: str, context: _Context) -> Resolution:
        weekday = _WEEKDAYS[match["weekday"].lower().rstrip(".")]
        rel, base = (match["rel"] or "").lower(), context.base
        back = (base.weekday() - weekday) % 7
        ahead = (weekday - base.weekday()) % 7
        if rel in {"last", "past"}:
            day = base - timedelta(days=back or 7)
        elif rel == "next" or (context.future and not rel):
            # Of the publication day itself, writers say "today".
            day = base + timedelta(days=ahead or 7)
        elif rel == "this":
            day = base + timedelta(days=weekday - base.weekday())
        else:
            day = base - timedelta(days=back)
        return Resolution(DateSpan(day, Precision.DAY), relative=True)

    @staticmethod
    def ago(match: re.Match[str], text: str, context: _Context) -> Resolution:
        return _counted(match, context.base, sign=-1)

    @staticmethod
    def hence(match: re.Match[str], text: str, context: _Context) -> Resolution:
        return _counted(match, context.base, sign=1)

    @staticmethod
    def offset(match: re.Match[str], text: str, context: _Context) -> Resolution:
        # "A day earlier", "the next day": counted from the last day the text mentioned.
        start = context.reference or context.base
        if match["which"] or match["side"]:
            sign = -1 if (match["which"] or match["side"]).lower() in {"previous", "before"} else 1
            return Resolution(DateSpan(start + timedelta(days=sign), Precision.DAY), True)
        sign = -1 if match["dir"].lower() in {"earlier", "before"} else 1
        return _counted(match, start, sign=sign)


def _counted(match: re.Match[str], start: date, *, sign: int) -> Resolution:
    count, unit = _number(match["count"]) * sign, match["unit"].lower()
    if unit in {"day", "week"}:
        days = count * (7 if unit == "week" else 1)
        return Resolution(DateSpan(start + timedelta(days=days), Precision.DAY), True)
    if unit == "month":
        return Resolution(
            DateSpan(_shift_months(start.replace(day=1), count), Precision.MONTH), True
        )
    return Resolution(DateSpan(date(start.year + count, 1, 1), Precision.YEAR), True)


# Finding dates in running text --------------------------------------------------------------
#
# Candidates are found by patterns for the shapes dates take in news writing, then checked
# against what only looks like a date: "may" the verb, "March" the verb or "May" the name,
# counts ("21 negotiators") and durations ("for years", "14 months") never match at all.
# Each candidate is then read by resolve_date with what its sentence says: whether it speaks
# of the future, the full date written nearby, the last day mentioned before it.

MAX_TEXT_LENGTH = 1_000_000  # characters; the rest of a longer text is not searched

_MONTH_FULL = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
)
_WEEKDAY_FULL = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_TEXT_YEAR = r"(?:1[89][0-9]{2}|20[0-9]{2})"
_DASH_OR_TO = r"(?:\s*[–—]\s*|\s*-\s*|\s+(?:to|until|till|through)\s+)"
_YEAR_TAIL = rf"(?:,?\s+{_TEXT_YEAR})"
_REL_YEAR = r"(?:last|this|next)\s+year"

_CANDIDATE_SHAPES = {
    "between": (
        rf"between\s+(?P<between_ends>{_TEXT_YEAR}\s+and\s+{_TEXT_YEAR}"
        rf"|{MONTH}\s+and\s+{MONTH}{_YEAR_TAIL}?"
        rf"|{DAY}\s+{MONTH}\s+and\s+{DAY}\s+{MONTH}{_YEAR_TAIL}?"
        rf"|{DAY}\s+and\s+{DAY}\s+{MONTH}{_YEAR_TAIL}?)"
    ),
    "day_range": (
        rf"{DAY}{_DASH_OR_TO}{DAY}\s+{MONTH}{_YEAR_TAIL}?"
        rf"|{DAY}\s+{MONTH}{_YEAR_TAIL}?{_DASH_OR_TO}{DAY}\s+{MONTH}{_YEAR_TAIL}?"
        rf"|{MONTH}\s+{DAY}{_DASH_OR_TO}(?:{MONTH}\s+)?{DAY}{_YEAR_TAIL}?"
    ),
    "month_range": rf"{MONTH}{_YEAR_TAIL}?{_DASH_OR_TO}{MONTH}{_YEAR_TAIL}?",
    "year_range": rf"{_TEXT_YEAR}{_DASH_OR_TO}{_TEXT_YEAR}",
    "full": (
        rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH},?\s+{_TEXT_YEAR}"
        rf"|(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY},?\s+{_TEXT_YEAR}"
        rf"|[0-9]{{1,2}}(?P<sep>[./])[0-9]{{1,2}}(?P=sep){_TEXT_YEAR}"
        rf"|{_TEXT_YEAR}-[01][0-9]-[0-3][0-9]"
        # Read by dateparser: "05-Mar-2019", "2019/03/05".
        rf"|{DAY}-{MONTH}-{_TEXT_YEAR}|{_TEXT_YEAR}(?P<ymd>[/.])[01]?[0-9](?P=ymd)[0-3]?[0-9]"
    ),
    "day_relyear": rf"{DAY}\s+(?:of\s+)?{MONTH}\s+{_REL_YEAR}|{MONTH}\s+{DAY}\s+{_REL_YEAR}",
    "day_month": (
        rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH}"
        rf"|(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY}"
    ),
    "part_month": rf"{PART_OF}[\s-]+{_MONTH_FULL}(?:{_YEAR_TAIL}|\s+{_REL_YEAR})?",
    "month_year": (
        rf"{MONTH},?\s+(?:of\s+)?{_TEXT_YEAR}|{_MONTH_FULL}\s+{_REL_YEAR}"
        rf"|(?:last|next|this)\s+{_MONTH_FULL}"
    ),
    "part_year": rf"{PART_OF}[\s-]+{_TEXT_YEAR}",
    "relative_period": r"(?:(?:earlier|later)\s+)?(?:this|last|next)\s+(?:month|year)",
    "relative_day": (
        r"today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)"
        r"|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
    ),
    "ago": rf"{NUMBER}\s+(?:day|week|month|year)s?\s+ago",
    "hence": rf"in\s+{NUMBER}\s+(?:day|week)s?(?:'?\s+time)?",
    "offset": (
        rf"{NUMBER}\s+(?:day|week)s?\s+(?:earlier|later)"
        r"|the\s+(?:next|following|previous)\s+day"
        r"|the\s+day\s+(?:before|after)(?=\s*(?:[,.;:)]|$))"
    ),
    "weekday": rf"(?:(?:last|next|this|past)\s+)?{_WEEKDAY_FULL}(?:\s+{TIME_OF_DAY})?",
    "month_alone": _MONTH_FULL,
    "year": _TEXT_YEAR,
}
_CANDIDATES = re.compile(
    r"(?<![\w'’.\-/])(?:"
    + "|".join(f"(?P<{kind}>{shape})" for kind, shape in _CANDIDATE_SHAPES.items())
    + r")(?![\w]|[.\-/][0-9])",
    re.IGNORECASE,
)
# Shapes written without a year, which take it from a full date nearby if there is one.
_YEAR_LESS = {"day_range", "month_range", "day_month", "part_month", "month_alone", "between"}
# Shapes that give a year of their own, and so can lend it to year-less dates nearby.
_FULL = {"full", "day_range", "month_range", "between", "month_year", "part_month"}

_MONTH_WORD = re.compile(rf"\b{MONTH}(?![a-z])", re.IGNORECASE)
_WEEKDAY_WORD = re.compile(rf"\b{WEEKDAY}(?![a-z])", re.IGNORECASE)
# Words after which a bare month name is a date: "in May", "since March", "late June".
_MONTH_CUE = re.compile(
    r"\b(?:in|since|until|till|by|during|from|before|after|of|between|through|throughout|"
    r"to|last|next|this|early|late|mid|and|or|on)[\s-]+$",
    re.IGNORECASE,
)
_WEEKDAY_CUE = re.compile(
    r"\b(?:on|last|next|this|past|since|by|until|till|from|before|after|early|late|and|or|"
    r"between)\s+$",
    re.IGNORECASE,
)
_NOT_A_YEAR_BEFORE = re.compile(r"(?:[$£€#]|\bno\.|\bnumber)\s*$", re.IGNORECASE)
_NOT_A_YEAR_AFTER = re.compile(
    r"^\s*(?:%|per\s?cent|percent|gmt|utc|hours|hrs|km|kilomet|miles|metres|meters|people|"
    r"troops|soldiers|fighters|members|prisoners|families|votes|dollars|euros|rupees|afghanis|"
    r"tons|tonnes|civilians|delegates|refugees|casualties|deaths|cases|points)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:will|shall|would|going\s+to|due\s+to|expected\s+to|scheduled|set\s+to|"
    r"plans?\s+to|planned|planning|intends?\s+to|agreed\s+to|aims?\s+to|hopes?\s+to|"
    r"(?:is|are)\s+to|upcoming|coming|next|later\s+this|to\s+be\s+held|"
    r"to\s+(?:meet|resume|start|begin|hold|visit|open|return|sign|travel|convene|"
    r"reconvene|continue|take\s+place))\b|'ll\b",
    re.IGNORECASE,
)
# "The deadline is May 1": a date that is, rather than was, lies ahead.
_PRESENT_COPULA = re.compile(
    r"\b(?:is|are)\s+(?:(?:on|in|for|set\s+for|scheduled\s+for|planned\s+for)\s+)?$",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r"[,;:()—–]|\b(?:and|but|while|whereas|although|though|because|which|who)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Mention:
    """A date mentioned in a text: where it stands, what it says, and what it means."""

    text: str
    start: int
    end: int
    span: DateSpan

    @property
    def value(self) -> str:
        return self.span.value

    def as_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "value": self.value}


def extract_mentions(text: str, *, published: date) -> list[Mention]:
    """The dates mentioned in `text`, resolved against its publication date."""
    text = text[:MAX_TEXT_LENGTH]
    found = [
        (match.lastgroup, match) for match in _CANDIDATES.finditer(text) if _is_date(text, match)
    ]
    if not found:
        return []
    sentence_list = sentences(text)
    sentence_of = _sentence_finder(sentence_list)
    # Full dates first: year-less ones take their year from the nearest of them.
    anchors: list[tuple[int, int, date]] = []  # (position, sentence index, date)
    for kind, match in found:
        if kind in _FULL and re.search(_TEXT_YEAR, match.group()):
            try:
                resolution = resolve_date(match.group(), base=published)
            except DateNotUnderstood:
                continue
            anchors.append((match.start(), sentence_of(match.start()), resolution.span.start))
    mentions: list[Mention] = []
    last_day: date | None = None
    for kind, match in found:
        index = sentence_of(match.start())
        sentence = sentence_list[index]
        anchor = None
        if kind in _YEAR_LESS and not re.search(_TEXT_YEAR, match.group()):
            anchor = _nearest_anchor(anchors, match.start(), index, sentence_list)
        try:
            resolution = resolve_date(
                match.group(),
                base=published,
                future=_speaks_of_future(text, sentence, match.start(), match.end()),
                anchor=anchor,
                reference=last_day,
                # International news writes the day first, and a slip in a weekday should
                # not lose its date; an editor is asked about both instead.
                day_first=True,
                check_weekday=False,
            )
        except DateNotUnderstood:
            continue
        surface_start, surface = _trim(match)
        mentions.append(Mention(surface, surface_start, match.end(), resolution.span))
        if resolution.span.precision == Precision.DAY:
            last_day = resolution.span.end or resolution.span.start
    return mentions


def _is_date(text: str, match: re.Match[str]) -> bool:
    """Whether a candidate is a date, not a word that only looks like one."""
    kind, found = match.lastgroup, match.group()
    before = text[max(0, match.start() - 24) : match.start()]
    # Month and weekday names are capitalised in English: "may" and "march" are verbs.
    for word in (*_MONTH_WORD.findall(found), *_WEEKDAY_WORD.findall(found)):
        if not word[0].isupper():
            return False
    if kind == "month_alone":
        return _MONTH_CUE.search(before) is not None
    if kind == "relative_period" and re.search(r"\bthe\s+$", before, re.IGNORECASE):
        return False  # "over the last year" is a stretch of time, not a date
    if kind == "weekday":
        word_before = re.search(r"(\S+)\s+$", before)
        after = text[match.end() : match.end() + 2]
        cued = _WEEKDAY_CUE.search(before) is not None or found.split()[0].lower() in {
            "last",
            "next",
            "this",
            "past",
        }
        # "Good Friday", "the Sunday Times": a name, unless a preposition says it is a day.
        if word_before and word_before.group(1)[0].isupper() and not cued:
            return False
        return not (re.match(r"\s[A-Z]", after) and not cued)
    if kind == "year":
        return not (
            _NOT_A_YEAR_BEFORE.search(before)
            or _NOT_A_YEAR_AFTER.match(text[match.end() : match.end() + 20])
            or re.search(r"[0-9][,.]$", before)
        )
    return True


def _trim(match: re.Match[str]) -> tuple[int, str]:
    """The mention as written, without a leading "between": (start offset, text)."""
    if match.lastgroup == "between":
        return match.start("between_ends"), match.group("between_ends")
    return match.start(), match.group()


def _sentence_finder(sentence_list: list[Any]) -> Any:
    starts = [sentence.start for sentence in sentence_list]

    def sentence_of(position: int) -> int:
        return max(0, bisect.bisect_right(starts, position) - 1)

    return sentence_of


def _nearest_anchor(
    anchors: list[tuple[int, int, date]], position: int, index: int, sentence_list: list[Any]
) -> date | None:
    """The full date nearest a year-less one: in its sentence, or up to two sentences back
    in the same paragraph."""
    paragraph = sentence_list[index].paragraph
    near = [
        (abs(position - at), day)
        for at, sentence, day in anchors
        if sentence == index
        or (index - 2 <= sentence < index and sentence_list[sentence].paragraph == paragraph)
    ]
    return min(near)[1] if near else None


def _speaks_of_future(text: str, sentence: Any, start: int, end: int) -> bool:
    """Whether the clause holding a mention looks ahead: "will meet on Monday", "agreed to
    meet again in April", "the deadline is May 1". Only the mention's own clause counts, so
    "will march on, a spokesman said on Sunday" puts Sunday in the past."""
    before = text[sentence.start : start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    if _FUTURE.search(clause) or _PRESENT_COPULA.search(clause):
        return True
    if re.fullmatch(r"\s*(?:\w+\s*)?", clause):
        # The mention stands alone in its clause: the neighbouring clause carries the verb,
        # before it ("they plan to meet next week, on Feb. 17") or after it ("In April,
        # talks will resume").
        previous = ""
        if breaks:
            previous_start = breaks[-2].end() if len(breaks) > 1 else 0
            previous = before[previous_start : breaks[-1].start()]
        if _FUTURE.search(previous):
            return True
        after = text[end : sentence.end].lstrip(" ,")
        following = _CLAUSE_BREAK.search(after)
        return _FUTURE.search(after[: following.start()] if following else after) is not None
    return False
