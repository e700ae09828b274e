"""Dates in a reader's words: events/dates/display.py, and the pages that use it."""

from datetime import date

import pytest
from django.template import Context, Template
from django.utils import translation

from events.dates import display
from events.dates.values import DateSpan, Precision
from tests.factories import EventFactory, SourceFactory, cite
from tests.responses import page

LEAP_DAY = date(2020, 2, 29)


def test_a_date_alone_is_a_day():
    assert display.written(LEAP_DAY) == "29 February 2020"


@pytest.mark.parametrize(
    ("value", "precision", "words"),
    [
        (date(2020, 2, 17), Precision.MONTH, "February 2020"),  # a month heading
        (date(2019, 8, 31), Precision.YEAR, "2019"),  # a year label
        (LEAP_DAY, Precision.DAY, "29 February 2020"),
    ],
)
def test_a_period_is_written_from_any_day_in_it(value, precision, words):
    assert display.written_period(value, precision) == words


def test_the_weekday_of_a_date():
    assert display.weekday(date(2019, 3, 5)) == "Tuesday"


@pytest.mark.parametrize(
    ("span", "note"),
    [
        (DateSpan(LEAP_DAY, Precision.DAY), ""),
        (DateSpan(date(2019, 5, 28), Precision.DAY, date(2019, 5, 30)), "3 days"),
        (DateSpan(date(2019, 12, 31), Precision.DAY, date(2020, 1, 1)), "2 days"),
        (DateSpan(date(2020, 2, 1), Precision.MONTH), "known to the month"),
        (
            DateSpan(date(2019, 12, 1), Precision.MONTH, date(2020, 1, 1)),
            "known to the month, 2 months",
        ),
        (DateSpan(date(2019, 1, 1), Precision.YEAR), "known to the year"),
        (
            DateSpan(date(2019, 1, 1), Precision.YEAR, date(2021, 1, 1)),
            "known to the year, 3 years",
        ),
        # An end in the same period is no range: nothing to count.
        (DateSpan(date(2020, 2, 1), Precision.MONTH, date(2020, 2, 1)), "known to the month"),
    ],
)
def test_what_readers_are_told_about_precision(span, note):
    assert display.precision_note(span) == note


@pytest.mark.parametrize(
    ("span", "words"),
    [
        (DateSpan(date(2019, 5, 28), Precision.DAY, date(2019, 5, 28)), "1 day"),
        (DateSpan(date(2019, 5, 1), Precision.MONTH, date(2019, 6, 1)), "2 months"),
        (DateSpan(date(2019, 1, 1), Precision.YEAR, date(2020, 1, 1)), "2 years"),
    ],
)
def test_how_long_a_span_lasts(span, words):
    assert display.length(span) == words


@pytest.mark.parametrize("language", ["en-us", "EN", "xx"])
def test_a_language_without_its_own_dates_falls_back_to_english(language):
    span = DateSpan(date(2019, 5, 28), Precision.DAY, date(2019, 6, 2))
    assert display.written(span, language=language) == "28 May – 2 June 2019"
    assert display.precision_note(span, language=language) == "6 days"


def test_with_no_language_named_the_active_one_is_used():
    with translation.override("fa"):
        assert display.written(LEAP_DAY) == display.written(LEAP_DAY, language="fa")
    with translation.override(None):  # no language active at all
        assert display.written(LEAP_DAY) == "29 February 2020"


def test_wording_about_precision_goes_through_gettext_in_the_language_asked_for(monkeypatch):
    # A stand-in catalogue: what a translator would add, looked up in the active language.
    german = {"known to the month": "auf den Monat genau", "%(count)s month": "%(count)s Monat"}
    catalogue = {"de": german}

    def gettext(text: str) -> str:
        return catalogue.get(translation.get_language(), {}).get(text, text)

    def ngettext(singular: str, plural: str, count: int) -> str:
        return gettext(singular if count == 1 else plural)

    monkeypatch.setattr(display, "gettext", gettext)
    monkeypatch.setattr(display, "ngettext", ngettext)
    one_month = DateSpan(date(2020, 2, 1), Precision.MONTH, date(2020, 2, 1))
    assert display.precision_note(one_month, language="de") == "auf den Monat genau"
    assert display.length(one_month, language="de") == "1 Monat"
    assert display.precision_note(one_month) == "known to the month"  # English still active


@pytest.mark.parametrize(
    "write",
    [
        lambda calendar: display.written(LEAP_DAY, calendar=calendar),
        lambda calendar: display.written_period(LEAP_DAY, Precision.YEAR, calendar=calendar),
        lambda calendar: display.precision_note(
            DateSpan(date(2019, 1, 1), Precision.YEAR), calendar=calendar
        ),
        lambda calendar: display.length(DateSpan(LEAP_DAY, Precision.DAY), calendar=calendar),
    ],
)
def test_a_calendar_it_does_not_know_is_refused(write):
    assert write(display.GREGORIAN) != ""
    with pytest.raises(ValueError, match="No calendar called 'julian': use one of gregorian"):
        write("julian")


# In templates


def test_the_template_filters_write_through_display():
    rendered = Template(
        "{% load dates %}{{ day|written }} | {{ span|written }} | {{ year|written_year }} | "
        "[{{ nothing|written }}] | {{ day|written:'gregorian' }}"
    ).render(
        Context(
            {
                "day": LEAP_DAY,
                "span": DateSpan(date(2019, 5, 28), Precision.DAY, date(2019, 5, 30)),
                "year": 2019,
                "nothing": None,
            }
        )
    )
    assert rendered == ("29 February 2020 | 28–30 May 2019 | 2019 | [] | 29 February 2020")


@pytest.mark.django_db
def test_a_sources_date_is_written_by_the_same_door_as_its_events(client):
    # Under another language, Django's own date filter wrote the source's day in that
    # language's words while the event's date stayed English: two doors for one date.
    event = EventFactory(
        start=LEAP_DAY,
        precision=Precision.DAY,
        citations=[cite(SourceFactory(published=LEAP_DAY))],
    )
    with translation.override("fa"):
        response = client.get(event.get_absolute_url())
        expected = display.written(LEAP_DAY)
    html = page(response)
    event_date = html.select_one(".event-meta time")
    source_date = html.select_one(".citation figcaption time")
    assert (event_date.get_text(), source_date.get_text()) == (expected, expected)
    assert source_date["datetime"] == "2020-02-29"


@pytest.mark.django_db
def test_the_timelines_headings_sources_and_years_are_written_by_display(client):
    EventFactory(
        start=LEAP_DAY,
        precision=Precision.DAY,
        citations=[cite(SourceFactory(published=date(2020, 3, 1)))],
    )
    EventFactory(start=date(2019, 1, 1), precision=Precision.YEAR)
    with translation.override("fa"):
        html = page(client.get("/fa/"))
        year, month = (
            display.written_period(date(2019, 1, 1), Precision.YEAR),
            display.written_period(LEAP_DAY, Precision.MONTH),
        )
        source_day = display.written(date(2020, 3, 1))
    headings = [tag.get_text(strip=True) for tag in html.select("#results h2, #results h3")]
    assert headings[:1] == [year] == ["۲۰۱۹"]
    assert month in headings
    printed = [line.get_text() for line in html.select(".print-sources p")]
    # After the Dari comma: the page's punctuation is its language's too.
    assert any(line.endswith("، " + source_day) for line in printed)
    years = [option.get_text() for option in html.select("#jump-year option")]
    assert years == ["۲۰۱۹", "۲۰۲۰"]  # Dari's digits
