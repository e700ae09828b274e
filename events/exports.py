"""Formats: the timeline's events as JSON records, TimelineJS, CSV and iCalendar.

Every format is built from one record per event (`event_record`), so a field means the
same thing in each, and every format is fed by the same filtered queryset as the timeline.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any

import icalendar
from django.db.models import Prefetch, QuerySet
from django.utils.html import escape

from events.dates import display
from events.dates.values import DateSpan, Precision, last_day
from events.models import Actor, Citation, Event
from events.selectors import corroboration

# Leading characters that make a spreadsheet treat a cell as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def for_export(events: QuerySet[Event]) -> QuerySet[Event]:
    """Everything a record shows, fetched in a fixed number of queries."""
    return events.select_related("type", "place").prefetch_related(
        Prefetch("actors", queryset=Actor.objects.order_by("name")),
        Prefetch("citations", queryset=Citation.objects.select_related("source")),
    )


def event_record(event: Event, *, root: str) -> dict[str, Any]:
    """An event as plain data: what the JSON API returns and the other formats draw on."""
    span = DateSpan(event.start, Precision(event.precision), event.end)
    place = event.place
    backing = corroboration(event)
    return {
        "slug": event.slug,
        "title": event.title,
        "summary": event.summary,
        "date": display.written(span),
        "value": span.value,
        "start": event.start.isoformat(),
        "end": event.end.isoformat() if event.end else None,
        "precision": Precision(event.precision).label,
        "type": {"slug": event.type.slug, "name": event.type.name} if event.type else None,
        "place": {
            "slug": place.slug,
            "name": place.name,
            "country": place.country,
            "latitude": float(place.latitude) if place.latitude is not None else None,
            "longitude": float(place.longitude) if place.longitude is not None else None,
        }
        if place
        else None,
        "actors": [
            {"slug": actor.slug, "name": actor.name, "kind": actor.kind}
            for actor in event.actors.all()
        ],
        "sources": [
            {
                "title": citation.source.title,
                # The date this source gives for the event (ISO), or None.
                "date_given": citation.stated_value or None,
                "publisher": citation.source.publisher,
                "via": citation.source.via,
                "url": citation.source.url,
                "published": citation.source.published.isoformat(),
                "quote": citation.quote,
            }
            for citation in event.citations.all()
        ],
        "key_event": event.is_key,
        # Copies of one publisher's story (a wire story and its reprints) count once.
        "independent_publishers": backing.publishers,
        "sources_disagree": backing.disagree,
        "date_note": event.date_note,
        "url": root + event.get_absolute_url(),
        "updated": event.updated.isoformat(),
    }


# CSV ---------------------------------------------------------------------------------------

CSV_COLUMNS = [
    "slug",
    "title",
    "summary",
    "date",
    "value",
    "start",
    "end",
    "precision",
    "type",
    "place",
    "country",
    "latitude",
    "longitude",
    "actors",
    "source_titles",
    "source_publishers",
    "source_urls",
    "source_dates",
    "quotes",
    "key_event",
    "url",
    "updated",
]


def neutralise(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs: "=HYPERLINK(...)" gains a quote."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def csv_row(record: dict[str, Any]) -> list[str]:
    """One event's record flattened: several actors or sources share a cell, one a line."""
    place, sources = record["place"] or {}, record["sources"]

    def lines(field: str) -> str:
        return "\n".join(source[field] for source in sources)

    row = {
        **{key: record[key] for key in ("slug", "title", "summary", "date", "value", "start")},
        "end": record["end"] or "",
        "precision": record["precision"],
        "type": record["type"]["name"] if record["type"] else "",
        "place": place.get("name", ""),
        "country": place.get("country", ""),
        "latitude": "" if place.get("latitude") is None else str(place["latitude"]),
        "longitude": "" if place.get("longitude") is None else str(place["longitude"]),
        "actors": "; ".join(actor["name"] for actor in record["actors"]),
        "source_titles": lines("title"),
        "source_publishers": lines("publisher"),
        "source_urls": lines("url"),
        "source_dates": lines("published"),
        "quotes": lines("quote"),
        "key_event": "yes" if record["key_event"] else "no",
        "url": record["url"],
        "updated": record["updated"],
    }
    return [neutralise(str(row[column])) for column in CSV_COLUMNS]


def csv_lines(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The CSV file, a line at a time, header first, so it can stream."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in (CSV_COLUMNS, *(csv_row(record) for record in records)):
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


# TimelineJS --------------------------------------------------------------------------------


def _timelinejs_date(value: date, precision: Precision) -> dict[str, str]:
    # Only the parts the precision has: a month event has no day.
    parts = {"year": str(value.year)}
    if precision >= Precision.MONTH:
        parts["month"] = str(value.month)
    if precision == Precision.DAY:
        parts["day"] = str(value.day)
    return parts


def timelinejs_event(record: dict[str, Any], event: Event) -> dict[str, Any]:
    precision = Precision(event.precision)
    quotes = "".join(
        f"<blockquote>{escape(source['quote'])}</blockquote>"
        f"<p>— {escape(source['title'])}"
        f"{', ' + escape(source['publisher']) if source['publisher'] else ''}, "
        f"{escape(source['published'])}</p>"
        for source in record["sources"]
    )
    text = (
        f"<p>{escape(record['summary'])}</p>{quotes}"
        f'<p><a href="{escape(record["url"])}">Read on Peacetracker</a></p>'
    )
    item: dict[str, Any] = {
        "unique_id": record["slug"],
        "start_date": _timelinejs_date(event.start, precision),
        "display_date": record["date"],
        "text": {"headline": escape(record["title"]), "text": text},
    }
    if event.end:
        item["end_date"] = _timelinejs_date(event.end, precision)
    if record["type"]:
        item["group"] = escape(record["type"]["name"])
    return item


def timelinejs(events: Iterable[Event], *, root: str, title: str) -> dict[str, Any]:
    """The events as TimelineJS 3 reads them (its JSON format)."""
    return {
        "title": {"text": {"headline": escape(title), "text": ""}},
        "events": [timelinejs_event(event_record(event, root=root), event) for event in events],
    }


# iCalendar ---------------------------------------------------------------------------------


def _day_after_period(value: date, precision: Precision) -> date:
    # DTEND of an all-day event is exclusive: the day after the period ends.
    return last_day(value, precision) + timedelta(days=1)


def calendar_event(record: dict[str, Any], event: Event, *, host: str) -> icalendar.Event:
    precision = Precision(event.precision)
    entry = icalendar.Event()
    entry.add("uid", f"{event.slug}@{host}")
    entry.add("dtstamp", event.updated)
    entry.add("last-modified", event.updated)
    entry.add("summary", event.title)
    # Month and year events span their whole period; ranges run to the end of their last day.
    entry.add("dtstart", event.start)
    entry.add("dtend", _day_after_period(event.end or event.start, precision))
    sources = "\n\n".join(
        f"“{source['quote']}” — {source['title']}"
        f"{', ' + source['publisher'] if source['publisher'] else ''}, {source['published']}"
        f"{' ' + source['url'] if source['url'] else ''}"
        for source in record["sources"]
    )
    entry.add(
        "description",
        f"{record['date']}. {record['summary']}\n\nSources:\n{sources}\n\n{record['url']}".strip(),
    )
    entry.add("url", record["url"])
    if record["place"]:
        entry.add("location", record["place"]["name"])
    if record["type"]:
        entry.add("categories", [record["type"]["name"]])
    return entry


def calendar_chunks(
    events: Iterable[Event], *, root: str, host: str, name: str
) -> Iterator[bytes]:
    """The iCalendar file (RFC 5545), an event at a time, so it can stream."""
    head = icalendar.Calendar()
    head.add("prodid", "-//Peacetracker//Timeline//EN")
    head.add("version", "2.0")
    head.add("calscale", "GREGORIAN")
    head.add("x-wr-calname", name)
    opening, closing = head.to_ical().split(b"END:VCALENDAR")
    yield opening
    for event in events:
        yield calendar_event(event_record(event, root=root), event, host=host).to_ical()
    yield b"END:VCALENDAR" + closing


def stream(events: QuerySet[Event]) -> Iterator[Event]:
    """Every event of `events` in timeline order, with its type, place, actors and
    citations, read a batch at a time in three queries however many events there are:
    the events, their actors and their citations, each in the same order, merged here."""
    order = [f"event__{name}" for name in Event.TIMELINE_ORDER]
    chosen = events.values("pk")
    rows = events.select_related("type", "place").order_by(*Event.TIMELINE_ORDER)
    links = (
        Event.actors.through.objects.filter(event__in=chosen)
        .select_related("actor")
        .order_by(*order, "actor__name")
    )
    citations = (
        Citation.objects.filter(event__in=chosen).select_related("source").order_by(*order, "id")
    )
    link_rows = _Lookahead(links.iterator(chunk_size=2000))
    citation_rows = _Lookahead(citations.iterator(chunk_size=2000))
    for event in rows.iterator(chunk_size=2000):
        # What prefetch_related would have put there, so templates and records read it alike.
        event._prefetched_objects_cache = {
            "actors": [link.actor for link in link_rows.take(event.pk)],
            "citations": list(citation_rows.take(event.pk)),
        }
        yield event


class _Lookahead:
    """Rows ordered like the events, taken a run of one event's rows at a time."""

    def __init__(self, rows: Iterator[Any]) -> None:
        self._rows, self._next = rows, next(rows, None)

    def take(self, event_id: int) -> Iterator[Any]:
        while self._next is not None and self._next.event_id == event_id:
            yield self._next
            self._next = next(self._rows, None)
