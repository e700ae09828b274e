"""How many published events name each actor and each place, kept on the rows themselves,
how many each place holds of each type and status, and how many start in each month (of
each type and status), kept in their own tables;
brought up to date in the same transaction as every change that can move them
(events.signals; a bulk load calls `recount_all`). The filter lists' busiest actors and
places, the overview and the axis are then read through an index, at any size, rather than
counted over every event; so is the map of a view narrowed to a type or a status.

A count is recomputed, never incremented: a recount of the few rows a change touches is
as cheap, and cannot drift from the truth whatever order changes arrive in."""

from collections.abc import Iterable, Iterator
from datetime import date

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from events.dates.values import Precision, add_months, last_day
from events.models import Actor, Event, MonthCount, Place, PlaceTypeCount, TypeMonthCount
from events.timeline.overview import MonthOf, YearOf


def _published_links() -> Subquery:
    # Read from the actor's links, each event then checked by its key: joined the other way
    # a planner without statistics (SQLite's, after a bulk load) reads every published
    # event for each actor.
    published = Event.objects.published().filter(pk=OuterRef("event_id"))
    links = (
        Event.actors.through.objects.filter(actor_id=OuterRef("pk"))
        .filter(Exists(published))
        .order_by()
        .values("actor_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(links, output_field=IntegerField()), Value(0))


def _published_here() -> Subquery:
    events = (
        Event.objects.published()
        .filter(place_id=OuterRef("pk"))
        .order_by()
        .values("place_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(events, output_field=IntegerField()), Value(0))


# The latest date a group of events names: an end where it has one, else its start.
_REACHES = Max(Coalesce("end", "start"))


def _last_day(row: dict) -> date:
    """The last day the events of a counted row reach: "2020-02" reaches 29 February."""
    value = row["reaches"]
    # SQLite gives an aggregate over dates back as text.
    latest = date.fromisoformat(value) if isinstance(value, str) else value
    return last_day(latest, Precision(row["precision"]))


def recount_actors(ids: Iterable[int | None]) -> None:
    """Bring the counts of these actors up to date."""
    wanted = {pk for pk in ids if pk is not None}
    if wanted:
        Actor.objects.filter(pk__in=wanted).update(event_count=_published_links())


def recount_places(ids: Iterable[int | None]) -> None:
    """Bring the counts of these places up to date, by type and status too."""
    wanted = {pk for pk in ids if pk is not None}
    if wanted:
        Place.objects.filter(pk__in=wanted).update(event_count=_published_here())
        PlaceTypeCount.objects.filter(place__in=wanted).delete()
        _write_places(Event.objects.published().filter(place__in=wanted))


def recount_months(days: Iterable[date | str | None]) -> None:
    """Bring the counts of the months these days fall in up to date."""
    # A date set from text ("2020-01-01") is still text on the instance that was saved.
    read = [date.fromisoformat(day) if isinstance(day, str) else day for day in days]
    for first in {date(day.year, day.month, 1) for day in read if day is not None}:
        MonthCount.objects.filter(year=first.year, month=first.month).delete()
        TypeMonthCount.objects.filter(year=first.year, month=first.month).delete()
        in_month = Event.objects.published().filter(
            start__gte=first, start__lt=add_months(first, 1)
        )
        _write(in_month.annotate(y=Value(first.year), m=Value(first.month)))


def recount_all() -> None:
    """Every count, after rows were written without signals."""
    _recount_every_actor()
    Place.objects.update(event_count=_published_here())
    PlaceTypeCount.objects.all().delete()
    _write_places(Event.objects.published().filter(place__isnull=False))
    MonthCount.objects.all().delete()
    TypeMonthCount.objects.all().delete()
    _write(Event.objects.published().annotate(y=YearOf("start"), m=MonthOf("start")))


def _recount_every_actor() -> None:
    """Every actor's count from one grouped read of the links to published events, in the
    table's order: at a million events, 2 s where counting for each actor in turn (the
    planner walking the index of actors, each event then found by its key) takes 15 s."""
    links = (
        Event.actors.through.objects.filter(event__in=Event.objects.published())
        .order_by()
        # Grouped by an expression, not the column: grouped by the column, SQLite reads the
        # links through the index of actors to spare a sort, each event then out of order.
        .values(grouped_actor=F("actor_id") + 0)
        .annotate(n=Count("pk"))
    )
    select, params = links.query.sql_with_params()
    table = connection.ops.quote_name(Actor._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET event_count = 0 WHERE event_count <> 0")
        # UPDATE … FROM: SQLite (3.33 and later) and PostgreSQL both write it so.
        cursor.execute(
            f"UPDATE {table} SET event_count = counted.n FROM ({select}) AS counted "
            f"WHERE counted.grouped_actor = {table}.id",
            params,
        )


def _write(events: QuerySet[Event]) -> None:
    """The counts of these events (annotated with their year `y` and month `m`), by type
    and status, and those summed into the months' own counts: one grouped read of them."""
    rows = (
        events.order_by()
        .values("y", "m", "precision", "is_key", "type_id", "occurrence")
        .annotate(n=Count("pk"), reaches=_REACHES)
    )
    months: dict[tuple[int, int, int, bool], tuple[int, date]] = {}

    def by_type() -> Iterator[TypeMonthCount]:
        for row in rows.iterator():
            key = (row["y"], row["m"], row["precision"], row["is_key"])
            n, reaches = months.get(key, (0, date.min))
            months[key] = (n + row["n"], max(reaches, _last_day(row)))
            yield TypeMonthCount(year=row["y"], month=row["m"], precision=row["precision"],
                                 is_key=row["is_key"], type_id=row["type_id"],
                                 occurrence=row["occurrence"], count=row["n"])  # fmt: skip

    TypeMonthCount.objects.bulk_create(by_type(), batch_size=1000)
    MonthCount.objects.bulk_create(
        (
            MonthCount(year=year, month=month, precision=precision, is_key=is_key,
                       count=n, reaches=reaches)
            for (year, month, precision, is_key), (n, reaches) in months.items()
        ),
        batch_size=1000,
    )  # fmt: skip


def _write_places(events: QuerySet[Event]) -> None:
    """The counts of these events (each with a place) per place, type and status, written
    by the database from its own grouped read: a bulk load's 176,000 rows (at a million
    events) never pass through Python."""
    # Grouped by the place last: grouped by it first, SQLite walks the index of places to
    # spare a sort, reading the events in no order of the table's (4.5 s at a million
    # events, where reading them in the table's order and sorting takes 1.9 s).
    rows = events.order_by().values("occurrence", "type_id", "place_id").annotate(n=Count("pk"))
    select, params = rows.query.sql_with_params()
    table = connection.ops.quote_name(PlaceTypeCount._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (occurrence, type_id, place_id, count) {select}", params
        )
