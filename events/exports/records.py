"""The timeline's events as plain data, read for export a batch at a time.

Exports run to a million events, so they never build model instances: each batch of events
(keyset, in timeline order) is read with its actors and citations in three queries of plain
values, and every format is made from the same `ExportRow`. The cost per event stays the same
whatever the size of the export, and memory holds one batch.
"""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from events.dates import display
from events.dates.values import DateSpan, Precision, dates_disagree
from events.models import Citation, Event, OccurrenceStatus, publisher_key
from events.timeline.paging import Cursor
from events.translations import shown_in_query

BATCH = 2_000

_EVENT_FIELDS = (
    "id",
    "slug",
    # Annotated: in the address's language (/fa/api/…), English where untranslated.
    "shown_title",
    "shown_summary",
    "start",
    "precision",
    "end",
    "is_key",
    "updated",
    "date_note",
    "type__slug",
    "shown_type",
    "place__slug",
    "shown_place",
    "shown_country",
    "place__latitude",
    "place__longitude",
    "occurrence",
)


@dataclass(frozen=True, slots=True)
class Actor:
    slug: str
    name: str
    kind: str


@dataclass(frozen=True, slots=True)
class Cited:
    title: str
    publisher: str
    via: str
    url: str
    published: date
    quote: str
    archive_url: str
    publisher_key: str
    stated: DateSpan | None  # the date this source gives for the event


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One event with everything a format shows of it."""

    id: int
    slug: str
    title: str
    summary: str
    start: date
    precision: Precision
    end: date | None
    is_key: bool
    updated: datetime
    date_note: str
    type: tuple[str, str] | None  # slug, name
    place: dict[str, Any] | None
    actors: list[Actor]
    sources: list[Cited]
    # Whether it took place: an OccurrenceStatus value ("held", "postponed"…).
    occurrence: str = OccurrenceStatus.HELD

    @property
    def occurrence_label(self) -> str:
        """The status as readers see it ("Postponed"), or "" for an event that was held."""
        if self.occurrence == OccurrenceStatus.HELD:
            return ""
        return str(OccurrenceStatus(self.occurrence).label)

    @property
    def span(self) -> DateSpan:
        return DateSpan(self.start, self.precision, self.end)

    @property
    def independent_publishers(self) -> int:
        # The rule of events.selectors.corroboration, on plain rows.
        return len({cited.publisher_key for cited in self.sources})

    @property
    def sources_disagree(self) -> bool:
        return dates_disagree([cited.stated for cited in self.sources if cited.stated])


def rows(
    events: QuerySet[Event], *, limit: int | None = None, newest: bool = False
) -> Iterator[ExportRow]:
    """The events of `events` in timeline order, or newest first (at most `limit`), a batch
    at a time.

    Keyset batches rather than one long cursor: no read transaction is held open for the whole
    download, and each batch is an index range, so the thousandth costs what the first did."""
    after: Cursor | None = None
    left = limit
    ordered = events.reverse_chronological() if newest else events.chronological()
    while left is None or left > 0:
        size = BATCH if left is None else min(BATCH, left)
        if after is None:
            chosen = ordered
        else:
            chosen = ordered.filter(after.earlier_q() if newest else after.later_q())
        # Titles, summaries and names in the address's language (/fa/api/…), English where
        # untranslated.
        shown = chosen.annotate(
            shown_title=shown_in_query("title"),
            shown_summary=shown_in_query("summary"),
            shown_type=shown_in_query("type__name"),
            shown_place=shown_in_query("place__name"),
            shown_country=shown_in_query("place__country"),
        )
        batch = list(shown.values_list(*_EVENT_FIELDS)[:size])
        if not batch:
            return
        yield from _with_relations(batch)
        if len(batch) < size:
            return
        last = batch[-1]
        after = Cursor(start=last[4], precision=last[5], id=last[0])
        if left is not None:
            left -= len(batch)


def _with_relations(batch: list[tuple[Any, ...]]) -> Iterator[ExportRow]:
    ids = [values[0] for values in batch]
    actors: dict[int, list[Actor]] = defaultdict(list)
    links = (
        Event.actors.through.objects.filter(event_id__in=ids)
        .order_by("actor__name")
        .annotate(shown_name=shown_in_query("actor__name"))
        .values_list("event_id", "actor__slug", "shown_name", "actor__kind")
    )
    for event_id, *actor in links:
        actors[event_id].append(Actor(*actor))
    sources: dict[int, list[Cited]] = defaultdict(list)
    citations = (
        Citation.objects.filter(event_id__in=ids)
        .order_by("id")
        .values_list(
            "event_id",
            "source_id",
            "source__title",
            "source__publisher",
            "source__via",
            "source__url",
            "source__published",
            "quote",
            "source__archive_url",
            "stated_start",
            "stated_precision",
            "stated_end",
        )
    )
    for event_id, source_id, *cited, stated_start, stated_precision, stated_end in citations:
        stated = None
        if stated_start is not None and stated_precision is not None:
            stated = DateSpan(stated_start, Precision(stated_precision), stated_end)
        key = publisher_key(cited[1], source=source_id)
        sources[event_id].append(Cited(*cited, publisher_key=key, stated=stated))
    for values in batch:
        (pk, slug, title, summary, start, precision, end, is_key, updated, note) = values[:10]
        type_slug, type_name, place_slug, place_name, country, latitude, longitude = values[10:17]
        occurrence = values[17]
        place = None
        if place_slug is not None:
            place = {
                "slug": place_slug,
                "name": place_name,
                "country": country,
                "latitude": float(latitude) if latitude is not None else None,
                "longitude": float(longitude) if longitude is not None else None,
            }
        yield ExportRow(
            id=pk,
            slug=slug,
            title=title,
            summary=summary,
            start=start,
            precision=Precision(precision),
            end=end,
            is_key=is_key,
            updated=updated,
            date_note=note,
            type=(type_slug, type_name) if type_slug is not None else None,
            place=place,
            actors=actors.get(pk, []),
            sources=sources.get(pk, []),
            occurrence=occurrence,
        )


class Addresses:
    """Each event's absolute address, made by joining rather than by resolving the URL
    pattern once per event (a million reversals would be a tenth of the export's time)."""

    _PLACEHOLDER = "slug-placeholder"

    def __init__(self, root: str) -> None:
        path = reverse("events:detail", kwargs={"slug": self._PLACEHOLDER})
        self._head, self._tail = path.rsplit(self._PLACEHOLDER, 1)
        self._head = root + self._head

    def of(self, slug: str) -> str:
        return f"{self._head}{slug}{self._tail}"


def record(row: ExportRow, *, addresses: Addresses) -> dict[str, Any]:
    """An event as plain data: what the JSON API returns and the other formats draw on."""
    span = row.span
    return {
        "slug": row.slug,
        "title": row.title,
        "summary": row.summary,
        "date": display.written(span),
        # The same in the Solar Hijri calendar, as the language of the address writes it
        # ("10 Hut 1398", "۱۰ حوت ۱۳۹۸"; a Gregorian month as the Solar Hijri days it spans).
        "solar_hijri": display.written_alone(span, calendar=display.SOLAR_HIJRI),
        "value": span.value,
        "start": row.start.isoformat(),
        "end": row.end.isoformat() if row.end else None,
        "precision": row.precision.code,
        # held, planned, postponed or cancelled (the `status` filter's values).
        "status": row.occurrence,
        "type": {"slug": row.type[0], "name": row.type[1]} if row.type else None,
        "place": row.place,
        "actors": [
            {"slug": actor.slug, "name": actor.name, "kind": actor.kind} for actor in row.actors
        ],
        "sources": [
            {
                "title": cited.title,
                # The date this source gives for the event (ISO), or None.
                "date_given": cited.stated.value if cited.stated else None,
                "publisher": cited.publisher,
                "via": cited.via,
                "url": cited.url,
                "published": cited.published.isoformat(),
                "quote": cited.quote,
                "archive_url": cited.archive_url,
            }
            for cited in row.sources
        ],
        "key_event": row.is_key,
        # Copies of one publisher's story (a wire story and its reprints) count once.
        "independent_publishers": row.independent_publishers,
        "sources_disagree": row.sources_disagree,
        "date_note": row.date_note,
        "url": addresses.of(row.slug),
        "updated": row.updated.isoformat(),
    }
