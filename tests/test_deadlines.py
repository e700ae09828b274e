"""A promise's deadline and whether what kept it came in time (events/dates/deadlines.py):
dates with a precision, "within N days or months of" a date, and days late counted after the
deadline's last day — honest where a date is known only to the month."""

from datetime import date

import pytest

from events.dates.deadlines import Unit, before, stated, timing, within
from events.dates.values import DateSpan, Precision, months_later

DAY, MONTH, YEAR = Precision.DAY, Precision.MONTH, Precision.YEAR


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2020, 2, 29), 14, date(2021, 4, 29)),  # the Doha agreement's 14 months
        (date(2020, 1, 31), 1, date(2020, 2, 29)),  # no 31 February: its last day (leap)
        (date(2021, 1, 31), 1, date(2021, 2, 28)),
        (date(2020, 2, 29), 12, date(2021, 2, 28)),
        (date(2019, 11, 15), 3, date(2020, 2, 15)),  # across a year
    ],
)
def test_months_later_keeps_the_day_or_takes_the_months_last(start, months, expected):
    assert months_later(start, months) == expected


def test_a_stated_month_is_due_by_its_last_day():
    deadline = stated(DateSpan(date(2020, 3, 1), MONTH))
    assert (deadline.earliest, deadline.latest) == (date(2020, 3, 1), date(2020, 3, 31))
    assert deadline.value == "2020-03"
    assert not deadline.exact


def test_within_months_of_a_day_is_one_day():
    deadline = within(14, Unit.MONTH, DateSpan(date(2020, 2, 29), DAY))
    assert deadline.exact
    assert deadline.latest == date(2021, 4, 29)
    assert deadline.value == "2021-04-29"


def test_within_days_of_a_month_may_fall_on_any_of_its_days():
    # "Within 135 days of" talks known only to have been in March 2020.
    deadline = within(135, "days", DateSpan(date(2020, 3, 1), MONTH))
    assert (deadline.earliest, deadline.latest) == (date(2020, 7, 14), date(2020, 8, 13))
    assert deadline.value == "2020-07-14/2020-08-13"


def test_a_day_after_the_deadline_is_a_day_late():
    deadline = within(14, Unit.MONTH, DateSpan(date(2020, 2, 29), DAY))
    kept = timing(deadline, DateSpan(date(2021, 8, 30), DAY))
    assert (kept.on_time, kept.days_late, kept.exact) == (False, 123, True)
    assert timing(deadline, DateSpan(date(2021, 4, 29), DAY)).on_time is True
    assert timing(deadline, DateSpan(date(2021, 4, 30), DAY)).days_late == 1


def test_lateness_is_counted_after_a_month_deadlines_last_day():
    deadline = stated(DateSpan(date(2020, 3, 1), MONTH))
    kept = timing(deadline, DateSpan(date(2020, 9, 12), DAY, date(2020, 9, 14)))
    assert (kept.on_time, kept.days_late) == (False, 165)
    assert timing(deadline, DateSpan(date(2020, 3, 31), DAY)).on_time is True


def test_an_event_known_to_the_month_is_at_least_so_late_or_cannot_tell():
    deadline = stated(DateSpan(date(2020, 3, 10), DAY))
    later_month = timing(deadline, DateSpan(date(2020, 5, 1), MONTH))
    assert (later_month.on_time, later_month.days_late, later_month.exact) == (False, 52, False)
    # March 2020 holds the deadline: the dates cannot tell.
    assert timing(deadline, DateSpan(date(2020, 3, 1), MONTH)).on_time is None
    assert timing(deadline, DateSpan(date(2020, 2, 1), MONTH)).on_time is True


def test_a_deadline_before_its_agreement_is_before_it():
    agreement = DateSpan(date(2020, 2, 29), DAY)
    assert before(stated(DateSpan(date(2020, 2, 28), DAY)), agreement)
    assert not before(stated(DateSpan(date(2020, 2, 29), DAY)), agreement)
    # "February 2020" may end on the very day: not before.
    assert not before(stated(DateSpan(date(2020, 2, 1), MONTH)), agreement)
    assert before(stated(DateSpan(date(2019, 1, 1), YEAR)), agreement)
