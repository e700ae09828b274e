"""Dates written for Dari and Pashto readers, and in the Solar Hijri calendar for anyone."""

from datetime import date

import pytest

from events.dates import display
from events.dates.values import DateSpan, Precision

LEAP_DAY = DateSpan(date(2020, 2, 29), Precision.DAY)
FEBRUARY = DateSpan(date(2020, 2, 1), Precision.MONTH)
TALKS = DateSpan(date(2019, 5, 28), Precision.DAY, date(2019, 5, 30))
HAMAL_1400 = DateSpan(date(2021, 3, 21), Precision.DAY, date(2021, 4, 20))
YEAR_1399 = DateSpan(date(2020, 3, 20), Precision.DAY, date(2021, 3, 20))


@pytest.mark.parametrize(
    ("span", "dari", "pashto"),
    [
        (LEAP_DAY, "۱۰ حوت ۱۳۹۸ (۲۹ فبروری ۲۰۲۰)", "۱۰ کب ۱۳۹۸ (۲۹ فبروري ۲۰۲۰)"),
        # A Gregorian month is no Solar Hijri month: the days it spans, and the month beside.
        (FEBRUARY, "۱۲ دلو – ۱۰ حوت ۱۳۹۸ (فبروری ۲۰۲۰)", "۱۲ سلواغه – ۱۰ کب ۱۳۹۸ (فبروري ۲۰۲۰)"),
        (TALKS, "۷–۹ جوزا ۱۳۹۸ (۲۸–۳۰ می ۲۰۱۹)", "۷–۹ غبرګولی ۱۳۹۸ (۲۸–۳۰ مې ۲۰۱۹)"),
        # The days of a Solar Hijri month or year are written as that month or year.
        (
            HAMAL_1400,
            "حمل ۱۴۰۰ (۲۱ مارچ – ۲۰ اپریل ۲۰۲۱)",
            "وری ۱۴۰۰ (۲۱ مارچ – ۲۰ اپرېل ۲۰۲۱)",
        ),
        (YEAR_1399, "۱۳۹۹ (۲۰ مارچ ۲۰۲۰ – ۲۰ مارچ ۲۰۲۱)", "۱۳۹۹ (۲۰ مارچ ۲۰۲۰ – ۲۰ مارچ ۲۰۲۱)"),
    ],
)
def test_dari_and_pashto_write_solar_hijri_with_the_gregorian_beside(span, dari, pashto):
    assert display.written(span, language="fa") == dari
    assert display.written(span, language="ps") == pashto


def test_english_writes_gregorian_unless_the_reader_asks_for_solar_hijri():
    assert display.written(LEAP_DAY, language="en") == "29 February 2020"
    with display.using_calendar(display.SOLAR_HIJRI):
        assert display.written(LEAP_DAY, language="en") == "10 Hut 1398 (29 February 2020)"
        assert display.written(FEBRUARY, language="en") == "12 Dalw – 10 Hut 1398 (February 2020)"
    assert display.written(LEAP_DAY, language="en") == "29 February 2020"  # and only there


def test_a_calendar_asked_for_wins_over_the_languages_own():
    with display.using_calendar(display.GREGORIAN):
        assert display.written(LEAP_DAY, language="fa") == "۲۹ فبروری ۲۰۲۰"


def test_an_unknown_calendar_is_refused_by_name():
    with (
        pytest.raises(ValueError, match="No calendar called 'julian'"),
        display.using_calendar("julian"),
    ):
        pass


def test_labels_keep_the_timelines_gregorian_periods_in_the_readers_numerals():
    assert display.written_period(date(2020, 2, 29), Precision.YEAR, language="fa") == "۲۰۲۰"
    assert display.written_period(date(2020, 2, 29), Precision.MONTH, language="ps") == (
        "فبروري ۲۰۲۰"
    )
    assert display.month_of(date(2020, 2, 29), short=True, language="fa") == "فبروری"


def test_one_calendar_alone_for_an_exports_column():
    assert display.written_alone(LEAP_DAY, language="en", calendar=display.SOLAR_HIJRI) == (
        "10 Hut 1398"
    )
    assert display.written_alone(LEAP_DAY, language="fa", calendar=display.SOLAR_HIJRI) == (
        "۱۰ حوت ۱۳۹۸"
    )
