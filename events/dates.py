"""Dates as Peacetracker holds them: a start, a precision and an optional end.

An event that happened "in February 2020" is stored as start 2020-02-01 with month
precision; "2019" as 2019-01-01 with year precision. This module writes such dates the way
people do ("February 2020", "28–30 May 2019") and in the ISO 8601 reduced-precision form
used by machines (the TIMEX3 `value` convention: "2019", "2020-02", "2020-02-29").
"""

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

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


MONTH = rf"(?:{_alternatives(_MONTHS)})\.?"
WEEKDAY = rf"(?:{_alternatives(_WEEKDAYS)})\.?"
DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:[12][0-9]{3}|'[0-9]{2})"
NUMBER = rf"(?:[0-9]{{1,3}}|{_alternatives(_NUMBER_WORDS)})"
RELATIVE_YEAR = r"(?:last|this|next|previous|the\s+previous|the\s+following)\s+year"
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
            r"(?P<word>today|yesterday|tomorrow|the\s+day\s+before\s+yesterday|"
            r"the\s+day\s+after\s+tomorrow)",
        ),
        ("weekday", rf"(?:(?P<rel>last|this|next|past)\s+)?(?P<weekday>{WEEKDAY})"),
        ("ago", rf"(?P<count>{NUMBER})\s+(?P<unit>day|week|month|year)s?\s+ago"),
        ("hence", rf"in\s+(?P<count>{NUMBER})\s+(?P<unit>day|week|month|year)s?(?:'?\s*time)?"),
    ]
]

# Where a range's two ends meet: a dash (with or without spaces), "to", "until", "and".
_RANGE_SEPARATOR = re.compile(
    r"\s*[–—]\s*|\s+-\s+|(?<=[0-9a-z.])-(?=[0-9a-z])|\s+(?:to|until|till|through|and)\s+",
    re.IGNORECASE,
)
_RANGE_OPENING = re.compile(r"^(?:from|between)\s+", re.IGNORECASE)
_LEADING_PREPOSITION = re.compile(r"^(?:in|on|during|of|at)\s+", re.IGNORECASE)


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
class _Partial:
    """What one end of a range says: missing parts come from the other end."""

    year: int | None
    month: int | None
    day: int | None
    precision: Precision
    relative: bool
    weekday: int | None = None  # a weekday written alongside, to check against the date


def resolve_date(text: str, *, base: date, future: bool = False) -> Resolution:
    """Read a date as people write it, resolving relative parts against `base`.

    Raises DateNotUnderstood with a message that quotes `text` and gives examples that work.
    """
    cleaned = _clean(text)
    if not cleaned:
        raise DateNotUnderstood(f"Enter a date, e.g. {WORKING_EXAMPLES}.")
    if len(cleaned) > MAX_EXPRESSION_LENGTH:
        raise DateNotUnderstood(
            f"“{cleaned[:40]}…” is too long for a date. Write it as, e.g., {WORKING_EXAMPLES}."
        )
    single = _read_single(cleaned, base=base, future=future)
    if single is not None:
        return single
    ranged = _read_range(cleaned, base=base, future=future)
    if ranged is not None:
        return ranged
    raise DateNotUnderstood(
        f"Could not read “{cleaned}” as a date. Write it as you would in a sentence, "
        f"e.g. {WORKING_EXAMPLES}."
    )


def _clean(text: str) -> str:
    cleaned = " ".join(text.split()).strip(" ,;.")
    return _LEADING_PREPOSITION.sub("", cleaned)


def _read_single(text: str, *, base: date, future: bool) -> Resolution | None:
    partial = _read_partial(text, base=base, future=future)
    if partial is None:
        return None
    if isinstance(partial, Resolution):
        return partial
    if partial.month is None and partial.year is None:
        return None  # a bare day number is a date only as part of a range
    if partial.year is not None:
        start = _make_date(text, partial.year, partial.month or 1, partial.day or 1)
        relative = partial.relative
    elif partial.day is None:
        start = date(_nearest_month(partial.month, base=base, future=future), partial.month, 1)
        relative = True
    else:
        start = _nearest_day(partial.month, partial.day, base=base, future=future, text=text)
        relative = True
    if partial.weekday is not None and partial.weekday != start.weekday():
        written = format_date(start, Precision.DAY)
        raise DateNotUnderstood(
            f"“{text}” does not add up: {written} was a {calendar.day_name[start.weekday()]}. "
            f"Check the day, or leave the weekday out: “{written}”."
        )
    return Resolution(DateSpan(start, partial.precision), relative=relative)


def _read_partial(text: str, *, base: date, future: bool) -> "_Partial | Resolution | None":
    """Read one expression. Complete dates come back whole (a Resolution); a bare day or
    a month without its year comes back partial, for a range to complete."""
    for name, pattern in _SINGLE_PATTERNS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        return getattr(_Readers, name)(match, text=text, base=base, future=future)
    if re.fullmatch(DAY, text, re.IGNORECASE):
        return _Partial(None, None, _number(text), Precision.DAY, relative=False)
    return None


def _read_range(text: str, *, base: date, future: bool) -> Resolution | None:
    text = _RANGE_OPENING.sub("", text)
    mixed = None
    for separator in _RANGE_SEPARATOR.finditer(text):
        left, right = text[: separator.start()], text[separator.end() :]
        end = _read_single(right, base=base, future=future)
        start = _read_partial(left, base=base, future=future) if end else None
        if start is None or end is None:
            continue
        span = end.span
        precision = start.span.precision if isinstance(start, Resolution) else start.precision
        if precision != span.precision or (isinstance(start, Resolution) and start.span.end):
            mixed = mixed or precision
            continue
        if isinstance(start, Resolution):
            begin, relative = start.span.start, start.relative or end.relative
        else:
            year = start.year or span.start.year
            # "December – January 2020" reads as December 2019 to January 2020.
            if start.year is None and start.month and start.month > span.start.month:
                year -= 1
            begin = _make_date(text, year, start.month or span.start.month, start.day or 1)
            relative = end.relative
        if begin > span.start:
            raise DateNotUnderstood(
                f"“{text}” ends before it starts. Put the earlier date first, "
                "e.g. “28–30 May 2019”."
            )
        return Resolution(DateSpan(begin, span.precision, span.start), relative=relative)
    if mixed is not None:
        raise DateNotUnderstood(
            f"“{text}” gives its two ends with different precision. Give both as days, months "
            "or years, e.g. “28 May – 2 June 2019” or “May–June 2019”."
        )
    return None


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


def _nearest_month(month: int, *, base: date, future: bool) -> int:
    """The year of the most recent `month` on or before base (or the next, for the future)."""
    if future:
        return base.year if month >= base.month else base.year + 1
    return base.year if month <= base.month else base.year - 1


def _nearest_day(month: int, day: int, *, base: date, future: bool, text: str) -> date:
    for year in (base.year, base.year - 1, base.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue  # 29 February: try another year
        if (candidate >= base) if future else (candidate <= base):
            return candidate
    # 29 February with no leap year near: find the nearest one in the right direction.
    step = 1 if future else -1
    year = base.year + step
    while not calendar.isleap(year):
        year += step
    return _make_date(text, year, month, day)


class _Readers:
    """One reader per pattern in _SINGLE_PATTERNS, each named after it."""

    @staticmethod
    def iso(match: re.Match[str], *, text: str, base: date, future: bool) -> Resolution:
        try:
            start, precision = parse_iso_value(match["iso"])
        except ValueError:
            raise DateNotUnderstood(f"“{text}” is not in the calendar.") from None
        return Resolution(DateSpan(start, precision), relative=False)

    @staticmethod
    def numeric(match: re.Match[str], *, text: str, base: date, future: bool) -> Resolution:
        a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
        if a > 12 or a == b:
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
    def day_month(match: re.Match[str], *, text: str, base: date, future: bool) -> Any:
        return _Readers._day_and_month(match, text=text, base=base, future=future)

    @staticmethod
    def month_day(match: re.Match[str], *, text: str, base: date, future: bool) -> Any:
        return _Readers._day_and_month(match, text=text, base=base, future=future)

    @staticmethod
    def _day_and_month(match: re.Match[str], *, text: str, base: date, future: bool) -> Any:
        day, month = _number(match["day"]), _month(match["month"])
        weekday = _WEEKDAYS[match["weekday"].lower().rstrip(".")] if match["weekday"] else None
        if match["year"]:
            start = _make_date(text, _year(match["year"]), month, day)
            return _Partial(start.year, month, day, Precision.DAY, False, weekday)
        if match["relyear"]:
            year = _relative_year(match["relyear"], base)
            start = _make_date(text, year, month, day)
            return _Partial(start.year, month, day, Precision.DAY, True, weekday)
        # No year: a range may supply it; alone, the nearest such day.
        return _Partial(None, month, day, Precision.DAY, False, weekday)

    @staticmethod
    def month(match: re.Match[str], *, text: str, base: date, future: bool) -> Any:
        month = _month(match["month"])
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
    def part_year(match: re.Match[str], *, text: str, base: date, future: bool) -> Resolution:
        year = _year(match["year"])
        return Resolution(DateSpan(date(year, 1, 1), Precision.YEAR), relative=False)

    @staticmethod
    def relative_period(
        match: re.Match[str], *, text: str, base: date, future: bool
    ) -> Resolution:
        rel = " ".join(match["rel"].lower().split())
        step = {"last": -1, "previous": -1, "the previous": -1, "the past": -1, "next": 1}
        offset = step.get(rel, 1 if rel == "the following" else 0)
        if match["unit"].lower() == "month":
            start = _shift_months(base.replace(day=1), offset)
            return Resolution(DateSpan(start, Precision.MONTH), relative=True)
        return Resolution(DateSpan(date(base.year + offset, 1, 1), Precision.YEAR), True)

    @staticmethod
    def relative_day(match: re.Match[str], *, text: str, base: date, future: bool) -> Resolution:
        offsets = {
            "today": 0,
            "yesterday": -1,
            "tomorrow": 1,
            "the day before yesterday": -2,
            "the day after tomorrow": 2,
        }
        offset = offsets[" ".join(match["word"].lower().split())]
        return Resolution(DateSpan(base + timedelta(days=offset), Precision.DAY), True)

    @staticmethod
    def weekday(match: re.Match[str], *, text: str, base: date, future: bool) -> Resolution:
        weekday = _WEEKDAYS[match["weekday"].lower().rstrip(".")]
        rel = (match["rel"] or "").lower()
        back = (base.weekday() - weekday) % 7
        if rel in {"last", "past"}:
            day = base - timedelta(days=back or 7)
        elif rel == "next":
            day = base + timedelta(days=(weekday - base.weekday()) % 7 or 7)
        elif rel == "this":
            day = base + timedelta(days=weekday - base.weekday())
        elif future:
            day = base + timedelta(days=(weekday - base.weekday()) % 7)
        else:
            day = base - timedelta(days=back)
        return Resolution(DateSpan(day, Precision.DAY), relative=True)

    @staticmethod
    def ago(match: re.Match[str], *, text: str, base: date, future: bool) -> Resolution:
        return _Readers._counted(match, base=base, sign=-1)

    @staticmethod
    def hence(match: re.Match[str], *, text: str, base: date, future: bool) -> Resolution:
        return _Readers._counted(match, base=base, sign=1)

    @staticmethod
    def _counted(match: re.Match[str], *, base: date, sign: int) -> Resolution:
        count, unit = _number(match["count"]) * sign, match["unit"].lower()
        if unit in {"day", "week"}:
            days = count * (7 if unit == "week" else 1)
            return Resolution(DateSpan(base + timedelta(days=days), Precision.DAY), True)
        if unit == "month":
            return Resolution(
                DateSpan(_shift_months(base.replace(day=1), count), Precision.MONTH), True
            )
        return Resolution(DateSpan(date(base.year + count, 1, 1), Precision.YEAR), True)
