"""Corroboration: how many independent publishers back an event, the date each source gives,
and what the reader sees where the sources disagree."""

import json
from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from events.admin.forms import CitationForm
from events.dates import display
from events.dates.values import DateSpan, Precision, dates_disagree
from events.models import Citation, Event
from events.services.publishing import Cited
from tests.factories import EventFactory, SourceFactory
from tests.responses import articles, page
from tests.seeds import SEEDS

pytestmark = pytest.mark.django_db

DAY, MONTH, YEAR = Precision.DAY, Precision.MONTH, Precision.YEAR


def day(month: int, number: int, end: int | None = None, *, year: int = 2019) -> DateSpan:
    return DateSpan(
        date(year, month, number), DAY, date(year, month, end) if end is not None else None
    )


# The rule


def test_dates_that_cannot_all_be_true_disagree():
    # The May 2019 meeting in Moscow: RT 27–28 May, TASS 28 May, Reuters 29 May.
    assert dates_disagree([day(5, 27, 28), day(5, 28), day(5, 29)])
    # Khalilzad's appointment: 4 or 5 September.
    assert dates_disagree([day(9, 4), day(9, 4), day(9, 5)])
    # A year that leaves out the day another source gives.
    assert dates_disagree([DateSpan(date(2018, 1, 1), YEAR), day(5, 28)])


def test_dates_of_parts_of_one_span_agree():
    # A source dates the first day of talks, another the last, a third both.
    assert not dates_disagree([day(7, 17), day(7, 17, 18), day(7, 18)])
    # A day within a span another source gives, and a coarser date holding both.
    assert not dates_disagree([day(1, 23, 25), day(1, 24), DateSpan(date(2019, 1, 1), YEAR)])
    assert not dates_disagree([DateSpan(date(2020, 2, 1), MONTH), day(2, 29, year=2020)])
    assert not dates_disagree([day(2, 5)])
    assert not dates_disagree([])


# What readers see


def source_dates(html) -> list[tuple[str, str, str]]:
    return [
        (row.th.get_text(" ", strip=True), row.time["datetime"], row.time.get_text())
        for row in html.select(".source-dates-table tbody tr")
    ]


@pytest.mark.parametrize(
    "slug",
    [
        "second-intra-afghan-talks-in-moscow",
        "khalilzad-named-us-envoy-for-afghan-reconciliation",
        "kabulov-consultations-with-taliban-july-2021",
    ],
)
def test_an_event_whose_sources_disagree_shows_each_sources_date(client, seeded, slug):
    seeded_event = SEEDS.event(slug)
    html = page(client.get(f"/events/{slug}/"))
    section = html.select_one(".source-dates")
    assert section.find(["h2", "h3", "h4"]).get_text() == "The sources disagree on the date"
    assert section.select_one(".date-note").get_text() == seeded_event.date_note
    expected = []
    for citation in seeded_event.citations:
        if citation.span is None:
            continue
        source = SEEDS.sources[citation.source]
        credit = f"{source.publisher}, via {source.via}" if source.via else source.publisher
        expected.append((credit, citation.value, display.written(citation.span)))
    assert source_dates(html) == expected
    assert len({value for _, value, _ in expected}) >= 2
    # The event's own date is the editors' choice: the span that covers them all.
    main_time = html.find("main").time
    assert main_time.get_text() == seeded_event.written


def timeline_marks(client, *addresses: str) -> dict[str, bool]:
    marks = {}
    for address in addresses:
        for article in articles(client.get(address)):
            slug = article.select_one(".event-title a")["href"].split("/")[2]
            marks[slug] = article.select_one(".sources-disagree") is not None
    return marks


def test_the_timeline_marks_events_whose_sources_disagree(client, seeded):
    marks = timeline_marks(client, "/?from=2018&to=2019", "/?from=2020&to=2025")
    assert len(marks) == len(SEEDS.events)
    for slug in (
        "second-intra-afghan-talks-in-moscow",
        "khalilzad-named-us-envoy-for-afghan-reconciliation",
        "kabulov-consultations-with-taliban-july-2021",
    ):
        assert marks[slug], slug
    # Sources that date different days of one span, or a day within it, agree.
    for slug in (
        "doha-high-level-talks-july-2021",
        "oslo-talks-january-2022",
        "doha-agreement-signed",
    ):
        assert not marks[slug], slug
    html = page(client.get("/?from=2019-05&to=2019-05"))
    label = html.select_one(".sources-disagree")
    assert label.get_text() == "Sources disagree"


def wire_story_event() -> Event:
    """An event cited from two newspapers' copies of one AP story and from Reuters."""
    citations = [
        Cited(SourceFactory(publisher=publisher, via=via), "Article")
        for publisher, via in [
            ("Associated Press", "The Seattle Times"),
            ("Associated Press", "Federal News Radio"),
            ("Reuters", ""),
        ]
    ]
    for cited in citations:
        cited.source.text = ""
        cited.source.save()
    return EventFactory(slug="wire-story", citations=citations)


def test_copies_of_one_wire_story_count_as_one_publisher(client):
    wire_story_event()
    html = page(client.get("/events/wire-story/"))
    assert html.select_one(".corroboration").get_text(strip=True) == (
        "Backed by 2 independent publishers"
    )
    captions = [figure.figcaption.get_text(" ", strip=True) for figure in html.select(".citation")]
    assert any("Associated Press, via The Seattle Times" in caption for caption in captions)
    record = json.loads(client.get("/api/events/wire-story.json").content)
    assert (record["independent_publishers"], record["sources_disagree"]) == (2, False)
    assert [source["via"] for source in record["sources"]] == [
        "The Seattle Times",
        "Federal News Radio",
        "",
    ]


def test_the_json_record_gives_each_sources_date_and_whether_they_disagree(client, seeded):
    slug = "second-intra-afghan-talks-in-moscow"
    record = json.loads(client.get(f"/api/events/{slug}.json").content)
    assert record["sources_disagree"] is True
    assert record["date_note"] == SEEDS.event(slug).date_note
    assert [source["date_given"] for source in record["sources"]] == [
        citation.value for citation in SEEDS.event(slug).citations
    ]
    assert record["independent_publishers"] == len(
        {SEEDS.sources[c.source].publisher_key for c in SEEDS.event(slug).citations}
    )


def test_a_single_publisher_is_said_in_the_singular(client):
    EventFactory(slug="one-source")
    html = page(client.get("/events/one-source/"))
    assert html.select_one(".corroboration").get_text(strip=True) == (
        "Backed by 1 independent publisher"
    )


# The data's rules


def test_a_stated_date_is_all_or_nothing():
    event = EventFactory()
    citation = event.citations.get()
    citation.stated_start = date(2019, 5, 28)
    with pytest.raises(IntegrityError), transaction.atomic():
        citation.save()
    citation.stated_precision = Precision.DAY
    citation.save()
    citation.refresh_from_db()
    assert citation.stated_when == "28 May 2019"


def test_a_stated_month_starts_on_its_first_day():
    citation = EventFactory().citations.get()
    citation.stated_start, citation.stated_precision = date(2020, 2, 29), Precision.MONTH
    with pytest.raises(IntegrityError), transaction.atomic():
        citation.save()


# Curating


def test_the_citation_form_reads_the_date_the_source_gives_from_its_publication_date():
    event = EventFactory()
    source = SourceFactory(published=date(2019, 5, 29), text="")  # a Wednesday
    form = CitationForm(
        data={"source": source.pk, "quote": "The talks are on Tuesday.", "stated": "on Tuesday"},
        instance=Citation(event=event),
    )
    assert form.is_valid(), form.errors
    citation = form.save()
    assert (citation.stated_start, citation.stated_precision) == (date(2019, 5, 28), DAY)
    unread = CitationForm(
        data={"source": source.pk, "quote": "Soon.", "stated": "when pigs fly"},
        instance=Citation(event=event),
    )
    assert not unread.is_valid()
    assert "stated" in unread.errors


def test_the_event_form_shows_the_date_each_source_gives(admin_client, seeded):
    event = Event.objects.get(slug="second-intra-afghan-talks-in-moscow")
    html = page(admin_client.get(f"/admin/events/event/{event.pk}/change/"))
    stated = [
        field["value"] for field in html.select("input[name$='-stated']") if field.get("value")
    ]
    assert stated == [c.stated_when for c in event.citations.all() if c.stated]
    assert "27–28 May 2019" in stated
    assert html.select_one("textarea[name='date_note']").get_text().strip() == event.date_note


# Query counts


def queries_for(client, address: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def test_the_timeline_asks_the_same_number_of_queries_however_many_sources_disagree(client):
    for n in range(3):
        EventFactory(slug=f"agreed-{n}", start=date(2021, 1, n + 1))
    few = queries_for(client, "/")
    for n in range(12):
        event = EventFactory(slug=f"disputed-{n}", start=date(2022, 1, n + 1))
        for stated in (date(2022, 1, n + 1), date(2022, 2, n + 1)):
            source = SourceFactory(publisher=f"Publisher {n}-{stated.month}", text="")
            Citation.objects.create(
                event=event,
                source=source,
                quote="A passage.",
                stated_start=stated,
                stated_precision=DAY,
            )
    many = queries_for(client, "/")
    assert many == few
    assert len(page(client.get("/")).select(".sources-disagree")) == 12
