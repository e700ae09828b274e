from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.dates.values import Precision
from events.models import Citation, Event, EventRedirect, Place, Source
from tests.factories import CitationFactory, EventFactory, PlaceFactory, SourceFactory

pytestmark = pytest.mark.django_db


def refused(**changes) -> bool:
    """Whether the database itself refuses an event row with these values."""
    event = EventFactory()
    try:
        with transaction.atomic():
            Event.objects.filter(pk=event.pk).update(**changes)
    except IntegrityError:
        return True
    return False


@pytest.mark.parametrize(
    "changes",
    [
        {"precision": Precision.MONTH, "start": date(2020, 2, 15)},
        {"precision": Precision.YEAR, "start": date(2019, 2, 1)},
        {"precision": Precision.YEAR, "start": date(2019, 1, 2)},
        {"start": date(2020, 2, 29), "end": date(2020, 2, 28)},
        {"precision": Precision.MONTH, "start": date(2020, 2, 1), "end": date(2020, 3, 5)},
        {"precision": Precision.YEAR, "start": date(2019, 1, 1), "end": date(2020, 6, 1)},
        {"precision": 7},
        {"status": "archived"},
    ],
    ids=[
        "month-not-on-first",
        "year-not-in-january",
        "year-not-on-first",
        "end-before-start",
        "month-end-mid-month",
        "year-end-mid-year",
        "unknown-precision",
        "unknown-status",
    ],
)
def test_database_refuses_inconsistent_events(changes):
    assert refused(**changes)


@pytest.mark.parametrize(
    "changes",
    [
        {"precision": Precision.MONTH, "start": date(2020, 2, 1)},
        {"precision": Precision.YEAR, "start": date(2019, 1, 1), "end": date(2020, 1, 1)},
        {"start": date(2019, 5, 28), "end": date(2019, 5, 30)},
        {"start": date(2019, 5, 28), "end": date(2019, 5, 28)},
    ],
)
def test_database_accepts_consistent_events(changes):
    assert not refused(**changes)


def test_database_refuses_a_citation_without_a_quote():
    with pytest.raises(IntegrityError), transaction.atomic():
        CitationFactory(quote="")


def test_database_refuses_citing_the_same_source_twice_for_one_event():
    citation = CitationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CitationFactory(event=citation.event, source=citation.source)


def test_database_refuses_half_given_or_impossible_coordinates():
    for latitude, longitude in [(10, None), (None, 10), (91, 0), (0, 181)]:
        with pytest.raises(IntegrityError), transaction.atomic():
            PlaceFactory(latitude=latitude, longitude=longitude)
    assert Place.objects.count() == 0


def test_database_refuses_the_same_article_twice():
    SourceFactory(text="Envoys met in Doha.")
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceFactory(text="Envoys   met in\nDoha.")  # same words, other white space
    assert Source.objects.count() == 1


def test_form_validation_explains_the_date_rules_in_words():
    event = EventFactory.build(start=date(2020, 2, 29), end=date(2020, 2, 1))
    with pytest.raises(ValidationError) as raised:
        event.full_clean()
    assert "An event cannot end before it starts." in raised.value.messages


def test_clean_stores_a_month_or_year_as_its_first_day():
    event = EventFactory.build(
        start=date(2020, 2, 17), precision=Precision.MONTH, end=date(2020, 3, 9)
    )
    event.full_clean()
    assert (event.start, event.end) == (date(2020, 2, 1), date(2020, 3, 1))
    assert event.when == "February–March 2020"


def test_event_knows_its_date_as_written_and_as_a_value():
    event = EventFactory(start=date(2019, 5, 28), end=date(2019, 5, 30))
    assert event.when == "28–30 May 2019"
    assert event.when_value == "2019-05-28"


def test_published_manager_leaves_drafts_out():
    published = EventFactory(status=Event.Status.PUBLISHED)
    EventFactory(status=Event.Status.DRAFT)
    assert list(Event.objects.published()) == [published]


def test_timeline_order_puts_coarser_dates_first_within_a_start():
    day = EventFactory(start=date(2020, 2, 1), precision=Precision.DAY)
    month = EventFactory(start=date(2020, 2, 1), precision=Precision.MONTH)
    year = EventFactory(start=date(2020, 1, 1), precision=Precision.YEAR)
    new_year = EventFactory(start=date(2020, 1, 1), precision=Precision.DAY)
    assert list(Event.objects.chronological()) == [year, new_year, month, day]


def test_renaming_a_slug_leaves_the_old_one_pointing_at_the_event():
    event = EventFactory(slug="doha-deal")
    event.slug = "doha-agreement"
    event.save()
    event = Event.objects.get(pk=event.pk)
    event.slug = "us-taliban-agreement"
    event.save()
    assert dict(EventRedirect.objects.values_list("old_slug", "event")) == {
        "doha-deal": event.pk,
        "doha-agreement": event.pk,
    }


def test_a_live_slug_takes_precedence_over_an_old_address():
    renamed = EventFactory(slug="talks")
    renamed.slug = "moscow-talks"
    renamed.save()
    EventFactory(slug="talks")
    assert not EventRedirect.objects.filter(old_slug="talks").exists()
    # Renaming back to a slug it once had removes that old address too.
    renamed.slug = "talks-in-moscow"
    renamed.save()
    assert set(EventRedirect.objects.values_list("old_slug", flat=True)) == {"moscow-talks"}


def test_citation_quote_must_appear_in_the_source_text():
    source = SourceFactory(text="Kabulov held “consultations” with a delegation of the Taliban.")
    event = EventFactory()
    exact = Citation(event=event, source=source, quote='Kabulov held "consultations"  with')
    exact.full_clean()  # typographic quotes and white space may differ
    invented = Citation(event=event, source=source, quote="Kabulov refused to meet")
    with pytest.raises(ValidationError, match="does not appear in the source's text"):
        invented.full_clean()
