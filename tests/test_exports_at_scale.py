"""Exports of any size finish (issue 13, finding 4): they are read in keyset batches of
plain values, three queries a batch and no OFFSET, and the iCalendar file our own writer
makes reads back through a real RFC 5545 parser as the data it came from."""

import csv
import io
from datetime import date

import icalendar
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st

from events.exports.ical import fold, text
from events.models import Event
from tests.factories import ActorFactory, CitationFactory, EventFactory, PlaceFactory
from tests.responses import body

pytestmark = pytest.mark.django_db


def make_events(count: int) -> list[str]:
    """`count` published events on a few shared days (so keyset ties fall on the id), each
    with an actor, a place and three citations; their slugs in timeline order."""
    actor, place = ActorFactory(), PlaceFactory()
    for n in range(count):
        event = EventFactory(start=date(2020, 1, 1 + n % 3), actors=[actor], place=place)
        CitationFactory(event=event)
        CitationFactory(event=event)
    return list(Event.objects.published().chronological().values_list("slug", flat=True))


def read_csv(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body(response).decode("utf-8-sig"))))


def shape(sql: list[str]) -> tuple[int, int]:
    """How many batches of events were read, and how many reads of their actors and
    citations."""
    batches = [q for q in sql if 'FROM "events_event"' in q and "LIMIT" in q]
    related = [q for q in sql if '"event_id" IN' in q]
    return len(batches), len(related)


def export_queries(client, address: str) -> tuple[list[str], bytes]:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        content = body(client.get(address))
    return [query["sql"] for query in captured], content


@pytest.mark.parametrize("address", ["/events.csv", "/events.ics", "/api/timelinejs.json"])
def test_an_export_reads_every_event_in_keyset_batches(client, monkeypatch, address):
    monkeypatch.setattr("events.exports.records.BATCH", 4)
    slugs = make_events(10)
    few_sql, _ = export_queries(client, address)
    monkeypatch.setattr("events.exports.records.BATCH", 2)
    many_sql, content = export_queries(client, address)
    # Three queries a batch (events, their actors, their citations), and nothing else grows:
    # ten events are batches of 4+4+2, or 2×5 and one more read that finds the end.
    assert shape(few_sql) == (3, 6)
    assert shape(many_sql) == (6, 10)
    assert len(many_sql) - sum(shape(many_sql)) <= len(few_sql) - sum(shape(few_sql))
    assert not any("OFFSET" in sql.upper() for sql in many_sql)
    for slug in slugs:
        assert slug.encode() in content, slug
    # In timeline order.
    positions = [content.index(slug.encode()) for slug in slugs]
    assert positions == sorted(positions)


def test_a_streamed_csv_holds_every_event_once_in_order(client, monkeypatch):
    monkeypatch.setattr("events.exports.records.BATCH", 3)
    monkeypatch.setattr("events.views.data.EXPORT_CACHE_LIMIT", 2)
    slugs = make_events(8)
    response = client.get("/events.csv")
    assert response.streaming
    rows = read_csv(response)
    assert [row["slug"] for row in rows] == slugs
    for row in rows:  # each event's own sources, however the batches fell
        cited = Event.objects.get(slug=row["slug"]).citations.order_by("id")
        assert row["source_titles"].split("\n") == [c.source.title for c in cited]


def test_the_csv_opens_in_excel_with_its_dashes_and_quotes(client):
    event = EventFactory(title="Talks — “round two”", start=date(2020, 9, 12))
    CitationFactory(event=event)
    content = body(client.get("/events.csv"))
    # The byte-order mark tells Excel the file is UTF-8.
    assert content.startswith(b"\xef\xbb\xbf")
    assert read_csv(client.get("/events.csv"))[0]["title"] == "Talks — “round two”"


def test_a_streamed_calendar_ends_and_reads_back_as_the_data(client, monkeypatch):
    monkeypatch.setattr("events.exports.records.BATCH", 3)
    monkeypatch.setattr("events.views.data.EXPORT_CACHE_LIMIT", 2)
    slugs = make_events(7)
    response = client.get("/events.ics")
    assert response.streaming
    content = body(response)
    assert content.rstrip().endswith(b"END:VCALENDAR")
    calendar = icalendar.Calendar.from_ical(content)
    entries = calendar.walk("VEVENT")
    assert [str(entry["uid"]).split("@")[0] for entry in entries] == slugs
    for entry, slug in zip(entries, slugs, strict=True):
        event = Event.objects.get(slug=slug)
        assert entry.decoded("dtstart") == event.start
        assert str(entry["summary"]) == event.title
        assert str(entry["location"]) == event.place.name


def test_every_calendar_line_is_at_most_75_octets_and_ends_in_crlf(client):
    event = EventFactory(
        title="گفتگوهای صلح در دوحه، قطر؛ دور دوم — " * 4,
        slug="talks-in-doha",
        summary="A summary with commas, semicolons; a backslash \\ and\nnew lines. " * 5,
        start=date(2020, 2, 29),
    )
    CitationFactory(event=event, quote="“" + "Ü" * 200 + "”")
    content = body(client.get("/events.ics"))
    lines = content.split(b"\r\n")
    assert lines[-1] == b""  # the file ends with a line break
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in content.replace(b"\r\n", b"")
    content.decode("utf-8")  # no character was cut in two by folding
    entry = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(entry["summary"]) == event.title
    assert str(entry["description"]).startswith("29 February 2020. A summary with commas,")
    assert "backslash \\ and\nnew lines" in str(entry["description"])


ANY_TEXT = st.text(
    alphabet=st.characters(exclude_categories=["Cs", "Cc"]) | st.sampled_from("\n,;\\")
)


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_any_text_survives_escaping_and_folding(value):
    line = fold(f"SUMMARY:{text(value)}")
    calendar = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:x\r\n{line}END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert all(len(part.encode()) <= 75 for part in line.split("\r\n"))
    entry = icalendar.Calendar.from_ical(calendar.encode()).walk("VEVENT")[0]
    assert str(entry.get("summary", "")) == value
