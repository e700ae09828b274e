"""A date as Peacetracker holds it: a start, a precision and an optional end.

An event that happened "in February 2020" is stored as start 2020-02-01 with month
precision; "2019" as 2019-01-01 with year precision. Machines get the ISO 8601
reduced-precision form (the TIMEX3 `value` convention: "2019", "2020-02", "2020-02-29").
Words for readers are `display`'s job, not this module's.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date

# Model fields take their choices from Precision; the enum is all this module needs of Django.
from django.db.models.enums import IntegerChoices
from django.utils.translation import gettext, pgettext_lazy

# The years a date is read in: those an editor's four-digit year ("1000" to "2999") can
# write. A date outside them ("31 December 9999") is refused, never read as another.
YEARS = range(1000, 3000)
_ISO_VALUE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")


class Precision(IntegerChoices):
    # Coarser precisions have smaller numbers so that ordering by (start, precision) puts
    # "February 2020" before "1 February 2020", and "2020" before both.
    # Labels are for readers and editors (the admin's choices), in their language; machines
    # (exports, CSS classes) get `code`, the same in every language.
    YEAR = 1, pgettext_lazy("precision", "year")
    MONTH = 2, pgettext_lazy("precision", "month")
    DAY = 3, pgettext_lazy("precision", "day")

    @property
    def code(self) -> str:
        """ "year", "month" or "day", whatever language is active."""
        return self.name.lower()


@dataclass(frozen=True)
class DateSpan:
    start: date
    precision: Precision
    end: date | None = None

    @property
    def value(self) -> str:
        """ISO 8601 reduced precision; a range as an interval ("2019-05-28/2019-05-30")."""
        if self.end is None:
            return iso_value(self.start, self.precision)
        return f"{iso_value(self.start, self.precision)}/{iso_value(self.end, self.precision)}"


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


def add_months(value: date, months: int) -> date:
    """The first day of the month `months` after (or, counting back, before) `value`'s."""
    index = value.year * 12 + value.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def months_later(value: date, months: int) -> date:
    """The same day `months` later, or the month's last day where it has no such day:
    14 months after 29 February 2020 is 29 April 2021; one month after 31 January is
    28 or 29 February."""
    first = add_months(value, months)
    return first.replace(day=min(value.day, calendar.monthrange(first.year, first.month)[1]))


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
        raise ValueError(
            gettext(
                "“%(text)s” is not a date: use a year (2019), a month (2020-02) or a day "
                "(2020-02-29)."
            )
            % {"text": text}
        )
    year = int(match["year"])
    month = int(match["month"] or 1)
    day = int(match["day"] or 1)
    try:
        value = date(year, month, day)
    except ValueError:
        raise ValueError(
            gettext("“%(text)s” is not a date in the calendar.") % {"text": text}
        ) from None
    if match["day"]:
        return value, Precision.DAY
    if match["month"]:
        return value, Precision.MONTH
    return value, Precision.YEAR


def days_covered(span: DateSpan) -> tuple[date, date]:
    """The first and last day a date may fall on: "February 2020" is 1 to 29 February."""
    return span.start, last_day(span.end or span.start, span.precision)


def dates_disagree(spans: list[DateSpan]) -> bool:
    """Whether these dates, each given by a different source for one event, contradict each
    other.

    Dates of different precision contradict each other only when they share no day: "2019"
    and "28 May 2019" agree. Among dates of the same precision, a source that dates a day of
    a multi-day event does not contradict another that dates the next day, so they agree when
    they share a day or when one of them spans all the others: "17 July", "17–18 July" and
    "18 July" agree; "27–28 May", "28 May" and "29 May" do not.
    """
    covered = [days_covered(span) for span in spans]
    for (first, last), span in zip(covered, spans, strict=True):
        for (other_first, other_last), other in zip(covered, spans, strict=True):
            if span.precision != other.precision and (last < other_first or other_last < first):
                return True
    for precision in Precision:
        same = [
            days for days, span in zip(covered, spans, strict=True) if span.precision == precision
        ]
        if len(same) < 2:
            continue
        latest_first = max(first for first, _ in same)
        earliest_last = min(last for _, last in same)
        if latest_first <= earliest_last:
            continue
        hull = (min(first for first, _ in same), max(last for _, last in same))
        if not any(first <= hull[0] and last >= hull[1] for first, last in same):
            return True
    return False
