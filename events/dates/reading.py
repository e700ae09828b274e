"""Reading a date as people write it, against the date it was written on.

"29 Feb 2020", "29/02/2020", "February 2020", "2019", "28–30 May 2019", "February last
year", "in October", "last month", "yesterday". Relative expressions resolve against a base
date: the publication date of the source they come from. Year-less dates ("in October",
"on Saturday") mean the most recent such date on or before the base unless the writer speaks
of the future, which the caller says with `future=True`. What cannot be read is refused with
a message for the person who typed it. The admin's "When" field reads with this, and so does
`extraction`, for each date it finds in a text.
"""

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils.translation import gettext, ngettext

from events.dates import afghan, display
from events.dates.values import (
    YEARS,
    DateSpan,
    Precision,
    add_months,
    last_day,
    parse_iso_value,
    truncate,
)
from events.dates.vocabulary import (
    AGO,
    DAY,
    DECADE,
    HALF,
    ISO_WEEK,
    MONTH,
    MONTH_STEP,
    MONTH_WORD,
    NUMBER,
    PART,
    PARTS_OF_DAY,
    QUARTER,
    QUARTER_BY_MONTHS,
    QUARTERS,
    RANGE_DASH,
    RANGE_WORD,
    REFERENCE,
    RELATIVE_DAY,
    RELATIVE_DAYS,
    SEASON,
    STEPS,
    YEAR,
    day_month,
    hence,
    iso,
    month_day,
    month_number,
    number,
    numeric,
    offset,
    optional,
    relative_period,
    week,
    weekday,
    weekday_number,
    weekend,
    year_after,
)
from events.script import fold, is_arabic_script

MAX_EXPRESSION_LENGTH = 100
# How much farther a year-less date may lie after the full date beside it than before it and
# still be read after it (TimeML's narrative reference time: the anchor's year, mostly).
_BACKWARD_WEIGHT = 2.5
# How much farther a year-less date may lie ahead of the time of writing than behind it and
# still be read ahead, when no verb settles it: news leaves the year out of dates near the
# day it is written (AP style: only within the current year), so "backed a snap election on
# Dec. 12" written on 30 October is six weeks ahead, not ten months back.
FORWARD_WEIGHT = 3


def _examples() -> str:
    """Dates the field reads, in the editor's language: what a message suggests instead."""
    return gettext(
        "“29 February 2020”, “February 2020”, “2019”, “28–30 May 2019” or “February last year”"
    )


# Each pattern reads one kind of expression; named groups carry its parts.
_SINGLE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in [
        # "1957-58", "2019–20": a season of two years, its second written short. A short
        # end of 12 or less is ISO's month ("2011-12" is December 2011).
        ("short_year_range", r"(?P<first>[0-9]{4})\s*[–—-]\s*(?P<second>1[3-9]|[2-9][0-9])"),
        ("iso", iso()),
        ("numeric", numeric()),
        # An editor may put a comma before a year of any kind: "5 March, last year".
        ("day_month", day_month() + ",?" + optional(year_after(year=YEAR))),
        ("month_day", month_day() + optional(year_after(year=YEAR))),
        (
            "month",
            rf"(?:{PART})?(?:{MONTH_STEP})?(?P<month>{MONTH})" + optional(year_after(year=YEAR)),
        ),
        ("part_year", rf"{PART}(?P<year>{YEAR})"),
        ("relative_period", relative_period()),
        ("relative_day", RELATIVE_DAY),
        ("reference", REFERENCE),
        ("weekday", weekday()),
        ("weekend", weekend()),
        ("week", week()),
        ("iso_week", ISO_WEEK),
        ("decade", DECADE),
        ("quarter", rf"{QUARTER}|(?:the\s+)?{QUARTER_BY_MONTHS}"),
        ("half", HALF),
        ("season", SEASON),
        # "spring", "in summer": which one by the tense, as a year-less month.
        ("bare_season", r"(?P<season>spring|summer|autumn|fall|winter)"),
        ("ago", AGO),
        ("hence", hence()),
        ("offset", offset()),
    ]
]
# A day with no month is one end of a range: "28" of "28–30 May", "30, 2019" of "May 28–30,
# 2019"; the other end lends it the rest.
_BARE_DAY = re.compile(
    rf"(?P<day>{DAY})" + optional(year_after(year=YEAR, relative=None)), re.IGNORECASE
)

# Where a range's two ends meet: a dash (with or without spaces), "to", "until", "and".
_RANGE_SEPARATOR = re.compile(rf"{RANGE_DASH}|\s+(?:{RANGE_WORD}|and)\s+", re.IGNORECASE)
_RANGE_OPENING = re.compile(r"^(?:from|between)\s+", re.IGNORECASE)
# "in October" is October, but "in two days" is a date of its own.
_LEADING_PREPOSITION = re.compile(
    rf"^(?:in|on|during|of|at)\s+(?!{NUMBER}\s+(?:day|week|month|year))", re.IGNORECASE
)


# A Solar Hijri year in Latin letters ("10 Hoot 1398"): `afghan` reads it.
_SOLAR_HIJRI_YEAR = re.compile(r"\b1[34][0-9]{2}\b")
_A_WRITTEN_YEAR = re.compile(r"(?<![0-9])(?:1[34][0-9]{2}|19[0-9]{2}|20[0-9]{2})(?![0-9])")


class DateNotUnderstood(ValueError):
    """An expression that cannot be read as a date; the message says why and what works."""


@dataclass(frozen=True)
class Resolution:
    span: DateSpan
    # Whether the base date was needed ("last year", "in October"), so it is worth showing.
    relative: bool
    # A TIMEX3 value the span does not say: a week ("2019-W23") or its weekend ("2019-W23-WE").
    # The span is its days, as an event stores them.
    timex: str | None = None


@dataclass(frozen=True)
class _Context:
    base: date  # what "today" is: the publication date of the text
    future: bool = False  # whether the writer speaks of what is to come
    anchor: date | None = None  # a full date nearby: year-less dates fall close to it
    reference: date | None = None  # the last day mentioned: "a day earlier" counts from it
    day_first: bool = False  # read "05/03/2020" as 5 March rather than refuse it
    month_first: bool = False  # read it as May 3, as American copy writes it
    check_weekday: bool = True  # refuse "Monday, 5 March 2019" (a Tuesday)
    near: bool = False  # no verb puts it in the past: a year-less date may lie just ahead
    year: int | None = None  # the year its sentence set it in ("Last year's show, on Feb. 9")
    behind: bool = False  # a verb in the past governs it: "we dodged a bullet this weekend"


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
    month_first: bool = False,
    near: bool = False,
    year: int | None = None,
    behind: bool = False,
) -> Resolution:
    """Read a date as people write it, resolving relative parts against `base`.

    Year-less dates ("in October", "on Saturday") mean the most recent such date on or
    before `base`, or the next one when `future`; or, given an `anchor` (a full date written
    nearby), the one closest to it. With `near` (running text whose verbs do not put the
    date in the past), the nearer of the last and the next, leaning to the last; with `year`
    (the year its sentence is set in), that year's; with `behind` (a verb in the past governs
    it), "this weekend" on a weekday is the one just past. "A day earlier" counts from
    `reference`, or from `base`.
    "05/03/2020" is refused as ambiguous unless `day_first` or `month_first` says how to
    read it, and
    "Monday, 5 March 2019" (a Tuesday) as inconsistent unless `check_weekday` is off.
    Raises DateNotUnderstood with a message that quotes `text` and gives examples that work.
    """
    cleaned = _clean(text)
    if not cleaned:
        raise DateNotUnderstood(gettext("Enter a date, e.g. %(examples)s.") % _said(cleaned))
    if len(cleaned) > MAX_EXPRESSION_LENGTH:
        raise DateNotUnderstood(
            gettext("“%(text)s…” is too long for a date. Write it as, e.g., %(examples)s.")
            % _said(cleaned[:40])
        )
    context = _Context(
        base,
        future,
        anchor,
        reference,
        day_first,
        month_first,
        check_weekday,
        near,
        year,
        behind,
    )
    try:
        resolution = (
            _read_afghan(cleaned, context)
            or _read_single(cleaned, context)
            or _read_range(cleaned, context)
            or _read_with_dateparser(cleaned, context)
        )
    except DateNotUnderstood:
        raise
    except (ValueError, OverflowError):
        # Counted past the calendar's last day (or before its first): "next year" from a base
        # in 9999.
        raise _out_of_range(cleaned) from None
    if resolution is None:
        raise DateNotUnderstood(
            gettext(
                "Could not read “%(text)s” as a date. Write it as you would in a sentence, "
                "e.g. %(examples)s."
            )
            % _said(cleaned)
        )
    span = resolution.span
    if any(day.year not in YEARS for day in (span.start, span.end) if day is not None):
        raise _out_of_range(cleaned)
    return resolution


def _out_of_range(text: str) -> DateNotUnderstood:
    return DateNotUnderstood(
        gettext(
            "“%(text)s” is outside the years Peacetracker can show: write a date in the years "
            "from %(first)s to %(last)s."
        )
        % {
            "text": text,
            "first": display.numerals(YEARS.start),
            "last": display.numerals(YEARS.stop - 1),
        }
    )


def _said(text: str) -> dict[str, str]:
    return {"text": text, "examples": _examples()}


def _not_in_calendar(text: str) -> DateNotUnderstood:
    return DateNotUnderstood(gettext("“%(text)s” is not in the calendar.") % {"text": text})


def _clean(text: str) -> str:
    cleaned = " ".join(text.split()).strip(" ,;.")
    return _LEADING_PREPOSITION.sub("", cleaned)


def _read_afghan(text: str, context: _Context) -> Resolution | None:
    """A date in Dari or Pashto, or in the Solar Hijri calendar ("۱۰ حوت ۱۳۹۸",
    "د ۱۳۹۸ کال د کب په ۱۰مه", "10 Hoot 1398", "پرون"); None for anything else."""
    arabic, folded = is_arabic_script(text), fold(text)
    if not (arabic or _SOLAR_HIJRI_YEAR.search(folded)):
        return None
    span = afghan.read(text, base=context.base)
    if span is None:
        if arabic:
            raise DateNotUnderstood(
                gettext(
                    "Could not read “%(text)s” as a date. Write it as, e.g., ۱۰ حوت ۱۳۹۸, "
                    "د ۱۳۹۸ کال د کب په ۱۰مه, ۲۹ فبروری ۲۰۲۰, دیروز or 10 Hoot 1398."
                )
                % {"text": text}
            )
        return None
    # Whether today's date was needed: a date without its year ("۱۰ حوت", "پرون").
    return Resolution(span, relative=not _A_WRITTEN_YEAR.search(folded))


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
        start = _year_less(text, partial.month, partial.day, context, weekday=partial.weekday)
        relative = True
    if context.check_weekday and partial.weekday not in {None, start.weekday()}:
        written = display.written(start)
        raise DateNotUnderstood(
            gettext(
                "“%(text)s” does not add up: %(date)s was a %(weekday)s. Check the day, or "
                "leave the weekday out: “%(date)s”."
            )
            % {"text": text, "date": written, "weekday": display.weekday(start)}
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
    bare = _BARE_DAY.fullmatch(text)
    if bare:
        year = _year(bare["year"]) if bare["year"] else None
        return _Partial(year, None, number(bare["day"]), Precision.DAY, relative=False)
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
        elif left_month is not None and right_month is not None and context.near:
            # Where no verb decides, a range is placed by where it begins, the end nearer
            # the time of writing: "bans exports from Aug. 15 until Dec. 31", on 10 August.
            left_year = _year_less(text, left_month, left.day, context).year
            right_year = left_year + (1 if right_month < left_month else 0)
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
                gettext(
                    "“%(text)s” ends before it starts. Put the earlier date first, "
                    "e.g. “28–30 May 2019”."
                )
                % {"text": text}
            )
        relative = left.relative or right.relative or (left.year is None and right.year is None)
        return Resolution(DateSpan(begin, right.precision, finish), relative=relative)
    if mixed:
        raise DateNotUnderstood(
            gettext(
                "“%(text)s” gives its two ends with different precision. Give both as days, "
                "months or years, e.g. “28 May – 2 June 2019” or “May–June 2019”."
            )
            % {"text": text}
        )
    return None


_TWO_DIGIT_YEAR_NUMERIC = re.compile(r"[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{2}")
_PERIODS = {"day": Precision.DAY, "time": Precision.DAY, "month": Precision.MONTH}


@functools.cache
def _dateparser(*, future: bool, with_year: bool) -> Any:
    from dateparser.date import DateDataParser  # loaded only when first needed: it is slow

    settings = {
        "PREFER_DATES_FROM": "future" if future else "past",
        "RETURN_TIME_AS_PERIOD": True,
        "DATE_ORDER": "DMY",
    }
    if with_year:
        settings["REQUIRE_PARTS"] = ["year"]  # nothing, unless the text writes a year
    return DateDataParser(languages=["en"], settings=settings)


def _read_with_dateparser(text: str, context: _Context) -> Resolution | None:
    """Forms outside our own patterns ("05-Mar-2019", "2019/03/05", "5 March 2019 at
    10:00"), read by dateparser. Only what names a month or a year is given to it, and only
    a whole day, month or year is kept from it."""
    if _TWO_DIGIT_YEAR_NUMERIC.fullmatch(text):
        raise DateNotUnderstood(
            gettext(
                "“%(text)s” could be read in more than one way. Write the month as a word and "
                "the year in full, e.g. “5 March 2019”."
            )
            % {"text": text}
        )
    if not re.search(r"(?<![0-9])[0-9]{4}(?![0-9])", text) and not MONTH_WORD.search(text):
        return None
    # First as a date with its year, whatever year it writes ("5 March 19", "31 December
    # 9999"), so that a written year is never replaced by the base's.
    data = _dateparser(future=context.future, with_year=True).get_date_data(text)
    has_year = data is not None and data.date_obj is not None
    if not has_year:
        data = _dateparser(future=context.future, with_year=False).get_date_data(text)
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
            month_written = display.written_period(date(year, month, 1), Precision.MONTH)
            raise DateNotUnderstood(
                ngettext(
                    "“%(text)s” is not in the calendar: %(month)s has %(days)s day.",
                    "“%(text)s” is not in the calendar: %(month)s has %(days)s days.",
                    days,
                )
                % {"text": text, "month": month_written, "days": display.numerals(days)}
            ) from None
        raise _not_in_calendar(text) from None


def _relative_year(phrase: str, base: date) -> int:
    """The year "last year", "the following year" (`phrase`) means, counted from `base`."""
    words = " ".join(phrase.lower().split()).removesuffix(" year")
    return base.year + STEPS[words]


def _near(context: _Context) -> range:
    """The years a date written without its year may fall in: around the base."""
    return range(context.base.year - 2, context.base.year + 3)


def _week_value(day: date, *, weekend: bool = False) -> str:
    """The ISO week holding `day` as TimeML writes it: "2019-W23", or "2019-W23-WE"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}" + ("-WE" if weekend else "")


def _year_less(
    text: str, month: int, day: int | None, context: _Context, *, weekday: int | None = None
) -> date:
    """A date written without its year: near the anchor, or the last (or next) one. A
    weekday written with it names the year, within a year of the anchor or the base:
    "Thursday, June 13" written on 12 June 2019 is the next day, not June 2018's."""
    centre = context.anchor.year if context.anchor is not None else context.base.year
    candidates = [
        date(year, month, day or 1)
        for year in range(centre - 4, centre + 5)
        if day is None or day <= calendar.monthrange(year, month)[1]
    ]
    if context.year is not None and day is not None and weekday is None:
        if day > calendar.monthrange(context.year, month)[1]:
            raise _not_in_calendar(text)
        return date(context.year, month, day)
    if context.year is not None and day is None:
        return date(context.year, month, 1)
    if weekday is not None and day is not None:
        around = context.anchor or context.base
        agreeing = [
            candidate
            for candidate in candidates
            if candidate.weekday() == weekday and abs(candidate - around).days <= 366
        ]
        if len(agreeing) == 1:
            return agreeing[0]
    if context.anchor is not None:
        anchor = context.anchor
        if context.future:
            # A clause that looks ahead looks ahead of its narrative's time too, or of the
            # writer's if that is earlier.
            since = min(anchor, context.base)
            candidates = [candidate for candidate in candidates if candidate >= since]
        # A narrative moves forward from the full date it gave: "filed on March 3, 2016. A
        # judge approved the plan on Nov. 4" is the November after, though the one before
        # is nearer. A day before the anchor wins only when much nearer. What lies ahead
        # has no such drift: "returns on Jan. 5, and the vote must be held by June 3, 2010",
        # written in December 2009, is the January between.
        backward = 1 if context.future else _BACKWARD_WEIGHT
        nearest = sorted(
            candidates,
            key=lambda candidate: (
                (candidate - anchor).days
                if candidate >= anchor
                else (anchor - candidate).days * backward
            ),
        )
    else:
        # A month counts as "on or before" the base while the base is in it.
        base = truncate(context.base, Precision.MONTH) if day is None else context.base
        after = [candidate for candidate in candidates if candidate >= base]
        before = [candidate for candidate in candidates if candidate <= base]
        if context.future:
            nearest = after
        elif not context.near:
            nearest = before[::-1]
        else:
            nearest = sorted(
                before[-1:] + after[:1],
                key=lambda candidate: (
                    (base - candidate).days
                    if candidate <= base
                    else (candidate - base).days * FORWARD_WEIGHT
                ),
            )
    if not nearest:  # "31 June": no year has it
        raise _not_in_calendar(text)
    return nearest[0]


class _Readers:
    """One reader per pattern in _SINGLE_PATTERNS, each named after it."""

    @staticmethod
    def short_year_range(match: re.Match[str], text: str, context: _Context) -> Resolution:
        first = _year(match["first"])
        second = first // 100 * 100 + int(match["second"])
        if second <= first:
            raise _not_in_calendar(text)
        span = DateSpan(date(first, 1, 1), Precision.YEAR, date(second, 1, 1))
        return Resolution(span, relative=False)

    @staticmethod
    def iso(match: re.Match[str], text: str, context: _Context) -> Resolution:
        try:
            start, precision = parse_iso_value(match["iso"])
        except ValueError:
            raise _not_in_calendar(text) from None
        return Resolution(DateSpan(start, precision), relative=False)

    @staticmethod
    def numeric(match: re.Match[str], text: str, context: _Context) -> Resolution:
        a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
        if a > 12 or a == b or (context.day_first and b <= 12):
            day, month = a, b  # day first, as written outside the United States
        elif b > 12 or context.month_first:
            day, month = b, a  # month first: 02/29/2020
        else:
            first = _make_date(text, year, b, a)
            second = _make_date(text, year, a, b)
            raise DateNotUnderstood(
                gettext(
                    "“%(text)s” could be %(first)s or %(second)s. Write the month as a word, "
                    "e.g. “%(first)s”, or as %(iso)s."
                )
                % {
                    "text": text,
                    "first": display.written(first),
                    "second": display.written(second),
                    "iso": first.isoformat(),
                }
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
        day, month = number(match["day"]), month_number(match["month"])
        weekday = weekday_number(match["weekday"]) if match["weekday"] else None
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
        month, base = month_number(match["month"]), context.base
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
        offset = STEPS[" ".join(match["rel"].lower().split())]
        base = context.base
        if match["unit"].lower() == "month":
            start = add_months(base, offset)
            return Resolution(DateSpan(start, Precision.MONTH), relative=True)
        return Resolution(DateSpan(date(base.year + offset, 1, 1), Precision.YEAR), True)

    @staticmethod
    def relative_day(match: re.Match[str], text: str, context: _Context) -> Resolution:
        word = " ".join(match["word"].lower().split())
        day = context.base + timedelta(days=RELATIVE_DAYS[word])
        part = PARTS_OF_DAY.get(word)
        timex = f"{day.isoformat()}T{part}" if part else None
        return Resolution(DateSpan(day, Precision.DAY), True, timex=timex)

    @staticmethod
    def reference(match: re.Match[str], text: str, context: _Context) -> Resolution:
        # "now" is the day it is said; "recently" or "the future" is no day at all, and an
        # event needs one: the editor is told so rather than given a guess.
        if match["present"]:
            return Resolution(
                DateSpan(context.base, Precision.DAY), relative=True, timex="PRESENT_REF"
            )
        raise DateNotUnderstood(
            gettext(
                "“%(text)s” says only that it is before or after the time of writing "
                "(TimeML's PAST_REF or FUTURE_REF), not when. Write the date itself, e.g. "
                "%(examples)s."
            )
            % _said(text)
        )

    @staticmethod
    def weekday(match: re.Match[str], text: str, context: _Context) -> Resolution:
        weekday = weekday_number(match["weekday"])
        rel, base = (match["rel"] or "").lower(), context.base
        back = (base.weekday() - weekday) % 7
        ahead = (weekday - base.weekday()) % 7
        if rel in {"last", "past"}:
            day = base - timedelta(days=back or 7)
        elif rel == "next":
            # "next Wednesday" written on a Wednesday is a week on, not the day itself.
            day = base + timedelta(days=ahead or 7)
        elif context.future and not rel:
            # The publication day's own name is that day: wire copy names the weekday
            # rather than writing "today" ("Jury selection begins Monday", on a Monday).
            day = base + timedelta(days=ahead)
        elif rel == "this":
            day = base + timedelta(days=weekday - base.weekday())
        elif context.near and back and ahead * FORWARD_WEIGHT < back:
            # No verb puts it in the past: the nearer, leaning back ("a referendum on
            # Saturday", written on a Friday).
            day = base + timedelta(days=ahead)
        else:
            day = base - timedelta(days=back)
        return Resolution(DateSpan(day, Precision.DAY), relative=True)

    @staticmethod
    def weekend(match: re.Match[str], text: str, context: _Context) -> Resolution:
        # Saturday and Sunday, as a span of days. "This weekend" is the one holding the base
        # or the next to come; "last weekend" the last one over before the base; "the
        # weekend" the coming one when the writer speaks of the future, else the current or
        # last one (a Monday article's "the weekend" is the one just past).
        rel, base = " ".join((match["rel"] or "the").lower().split()), context.base
        coming = base + timedelta(days=5 - base.weekday()) if base.weekday() < 5 else None
        current = base - timedelta(days=base.weekday() - 5) if base.weekday() >= 5 else None
        # The last Sunday before the base, and its Saturday.
        last = base - timedelta(days=(base.weekday() - 6) % 7 or 7) - timedelta(days=1)
        if rel in {"last", "past", "the past"} or (rel == "this" and context.behind and coming):
            # "We dodged a bullet this weekend", said on a Monday: the one just past.
            saturday = last
        elif rel == "next":
            saturday = (current or coming) + timedelta(days=7)
        elif rel in {"this", "this coming", "the coming", "coming"} or context.future:
            saturday = current or coming
        else:
            saturday = current or last
        span = DateSpan(saturday, Precision.DAY, saturday + timedelta(days=1))
        return Resolution(span, relative=True, timex=_week_value(saturday, weekend=True))

    @staticmethod
    def week(match: re.Match[str], text: str, context: _Context) -> Resolution:
        rel = " ".join((match["rel"] or match["wrel"]).lower().split())
        monday = context.base - timedelta(days=context.base.weekday())
        steps = {"last": -7, "this": 0, "the current": 0, "before last": -14, "after next": 14}
        monday += timedelta(days=steps.get(rel, 7))
        span = DateSpan(monday, Precision.DAY, monday + timedelta(days=6))
        return Resolution(span, relative=True, timex=_week_value(monday))

    @staticmethod
    def decade(match: re.Match[str], text: str, context: _Context) -> Resolution:
        # Its ten years; TimeML's value names the decade by its first three digits ("199").
        if match["decade"]:
            first = int(match["decade"])
        else:
            # "the '80s": the last century's, but for "the '00s" and "the '10s".
            short = int(match["dshort"])
            first = (2000 if short < 20 else 1900) + short
        if first % 100 == 0 and first < 2000:
            # "the 1800s" is the century (TimeML "18"); "the 2000s" the decade it began.
            span = DateSpan(date(first, 1, 1), Precision.YEAR, date(first + 99, 1, 1))
            return Resolution(span, relative=False, timex=str(first // 100))
        span = DateSpan(date(first, 1, 1), Precision.YEAR, date(first + 9, 1, 1))
        return Resolution(span, relative=match["dshort"] is not None, timex=str(first // 10))

    @staticmethod
    def quarter(match: re.Match[str], text: str, context: _Context) -> Resolution:
        if match["qrel"]:
            step = {"this": 0, "the current": 0, "last": -1, "the previous": -1}.get(
                " ".join(match["qrel"].lower().split()), 1
            )
            base = context.base
            index = base.year * 4 + (base.month - 1) // 3 + step
            year, number = divmod(index, 4)
            first = date(year, 3 * (number + 1) - 2, 1)
            span = DateSpan(first, Precision.MONTH, date(year, 3 * (number + 1), 1))
            return Resolution(span, relative=True, timex=f"{year}-Q{number + 1}")
        ordinal = match["qord"]
        if match["qmonths"]:
            number = {"jan": 1, "apr": 2, "jul": 3, "oct": 4}[match["qmonths"][:3].lower()]
        elif match["qend"]:
            number = {"mar": 1, "jun": 2, "sep": 3, "dec": 4}[match["qend"][:3].lower()]
        elif ordinal:
            number = QUARTERS[ordinal.lower()]
        else:
            number = int(match["qnum"] or match["qnum2"] or match["qnum3"])
        written = match["qyear"] or match["qyear2"] or match["qyear3"]
        rel = (match["qrel2"] or match["qrel3"] or "").lower()
        # Without its year: of results, the last quarter over ("net income rose in the third
        # quarter", written in October); of what is expected, the next one not yet over.
        if written:
            year = int(written)
        elif rel:  # "Q2 of last year"
            year = context.base.year + {"this": 0, "next": 1, "last": -1}[rel]
        else:
            year = _part_by_tense(3 * number, context, months=3)
        first = date(year, 3 * number - 2, 1)
        span = DateSpan(first, Precision.MONTH, date(year, 3 * number, 1))
        return Resolution(span, relative=not written, timex=f"{year}-Q{number}")

    @staticmethod
    def half(match: re.Match[str], text: str, context: _Context) -> Resolution:
        ordinal = (match["hord"] or "").lower()
        number = int(
            match["hnum"]
            or match["hnum2"]
            or match["hnum3"]
            or (1 if ordinal in {"first", "1st"} else 2)
        )
        written = match["hyear"] or match["hyear2"] or match["hyear3"]
        rel = (match["hrel"] or "").lower()
        if written:
            year = int(written)
        elif rel in {"this", "next", "last"}:
            year = context.base.year + {"this": 0, "next": 1, "last": -1}[rel]
        else:
            # Like a quarter; "of the year" is the year of writing.
            year = (
                context.base.year
                if rel == "the"
                else _part_by_tense(6 * number, context, months=6)
            )
        first = date(year, 6 * number - 5, 1)
        span = DateSpan(first, Precision.MONTH, date(year, 6 * number, 1))
        return Resolution(span, relative=not written, timex=f"{year}-H{number}")

    @staticmethod
    def season(match: re.Match[str], text: str, context: _Context) -> Resolution:
        code = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
        code.update({value.lower(): value for value in code.values()})
        said = match.groupdict()  # a bare season ("in spring") has only its name
        name = (said["season"] or said.get("scode") or said.get("season2")).lower()
        rel = (said.get("srel") or "").lower()
        written = said.get("syear") or said.get("syear2") or said.get("syear3")

        def months(year: int) -> tuple[date, date]:
            # Meteorological seasons of the northern half, where Afghanistan and most of our
            # news are; a year's winter is the one its January is in.
            first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code[name]]
            start = date(year - 1, 12, 1) if first == 12 else date(year, first, 1)
            return start, add_months(start, 2)

        if written:
            year = int(written)
        else:
            spans = {y: months(y) for y in _near(context)}
            base = truncate(context.base, Precision.MONTH)
            over = [y for y, (_, end) in spans.items() if end < base]
            running = [y for y, (start, end) in spans.items() if start <= base <= end]
            coming = [y for y, (start, _) in spans.items() if start > base]
            if rel in {"last", "past"}:
                year = max(over)
            elif rel == "next":
                year = min(coming)
            elif rel == "this":
                # The one running; else the next when the clause looks ahead, and otherwise
                # the nearer of the last and the next ("this winter" written in late October
                # is the coming one).
                if running:
                    year = running[0]
                elif context.future:
                    year = min(coming)
                else:
                    last_over, next_coming = max(over), min(coming)
                    since = (base - spans[last_over][1]).days
                    until = (spans[next_coming][0] - base).days
                    year = next_coming if until <= since else last_over
            elif context.future:
                year = (running or [min(coming)])[0]
            else:
                year = (running or [max(over)])[0]
        start, end = months(year)
        span = DateSpan(start, Precision.MONTH, end)
        return Resolution(span, relative=not written, timex=f"{year}-{code[name]}")

    @staticmethod
    def bare_season(match: re.Match[str], text: str, context: _Context) -> Resolution:
        return _Readers.season(match, text, context)

    @staticmethod
    def iso_week(match: re.Match[str], text: str, context: _Context) -> Resolution:
        try:
            monday = date.fromisocalendar(int(match["wyear"]), int(match["week"]), 1)
        except ValueError:
            raise DateNotUnderstood(
                gettext("“%(text)s” is not a week of the calendar.") % {"text": text}
            ) from None
        if match["weekend"]:
            saturday = monday + timedelta(days=5)
            span = DateSpan(saturday, Precision.DAY, saturday + timedelta(days=1))
            return Resolution(span, relative=False, timex=_week_value(saturday, weekend=True))
        span = DateSpan(monday, Precision.DAY, monday + timedelta(days=6))
        return Resolution(span, relative=False, timex=_week_value(monday))

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
        if match["that"]:
            return Resolution(DateSpan(start, Precision.DAY), True)
        if match["wwhich"] or match["wthat"]:
            step = {"following": 7, "previous": -7, "preceding": -7}.get(
                (match["wwhich"] or "").lower(), 0
            )
            monday = start - timedelta(days=start.weekday()) + timedelta(days=step)
            span = DateSpan(monday, Precision.DAY, monday + timedelta(days=6))
            return Resolution(span, True, timex=_week_value(monday))
        if match["which"] or match["side"]:
            sign = -1 if (match["which"] or match["side"]).lower() in {"previous", "before"} else 1
            return Resolution(DateSpan(start + timedelta(days=sign), Precision.DAY), True)
        sign = -1 if match["dir"].lower() in {"earlier", "before"} else 1
        return _counted(match, start, sign=sign)


def _part_by_tense(last_month: int, context: _Context, *, months: int) -> int:
    """The year of a part of a year (a quarter, a half) of `months` ending with
    `last_month`: of what is expected, the next one not yet over; else the last one begun,
    the current one included ("it contracted again in the first quarter", written in March;
    "net income rose in the third quarter", written in October)."""
    years = _near(context)
    if context.future:
        ends = {y: last_day(date(y, last_month, 1), Precision.MONTH) for y in years}
        return min(y for y, end in ends.items() if end >= context.base)
    return max(y for y in years if date(y, last_month - months + 1, 1) <= context.base)


def _counted(match: re.Match[str], start: date, *, sign: int) -> Resolution:
    count, unit = number(match["count"]) * sign, match["unit"].lower()
    if unit == "week":
        # TimeML values a count of weeks as the week it lands in ("two weeks ago": 2021-W11),
        # as it values a count of months as the month.
        day = start + timedelta(days=7 * count)
        monday = day - timedelta(days=day.weekday())
        span = DateSpan(monday, Precision.DAY, monday + timedelta(days=6))
        return Resolution(span, True, timex=_week_value(monday))
    if unit == "day":
        return Resolution(DateSpan(start + timedelta(days=count), Precision.DAY), True)
    if unit == "month":
        return Resolution(DateSpan(add_months(start, count), Precision.MONTH), True)
    return Resolution(DateSpan(date(start.year + count, 1, 1), Precision.YEAR), True)
