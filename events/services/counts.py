"""How many published events name each actor and each place, kept on the rows themselves
and brought up to date in the same transaction as every change that can move them
(events.signals; a bulk load calls `recount_all`). The filter lists' busiest actors and
places are then read through an index, at any size, rather than counted over every event.

A count is recomputed, never incremented: a recount of the few rows a change touches is
as cheap, and cannot drift from the truth whatever order changes arrive in."""

from collections.abc import Iterable
from datetime import date

from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from events.dates.values import add_months
from events.models import Actor, Event, MonthCount, Place
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


def recount_actors(ids: Iterable[int | None]) -> None:
    """Bring the counts of these actors up to date."""
    wanted = {pk for pk in ids if pk is not None}
    if wanted:
        Actor.objects.filter(pk__in=wanted).update(event_count=_published_links())


def recount_places(ids: Iterable[int | None]) -> None:
    """Bring the counts of these places up to date."""
    wanted = {pk for pk in ids if pk is not None}
    if wanted:
        Place.objects.filter(pk__in=wanted).update(event_count=_published_here())


def recount_months(days: Iterable[date | str | None]) -> None:
    """Bring the counts of the months these days fall in up to date."""
    # A date set from text ("2020-01-01") is still text on the instance that was saved.
    read = [date.fromisoformat(day) if isinstance(day, str) else day for day in days]
    for first in {date(day.year, day.month, 1) for day in read if day is not None}:
        MonthCount.objects.filter(year=first.year, month=first.month).delete()
        rows = (
            Event.objects.published()
            .filter(start__gte=first, start__lt=add_months(first, 1))
            .order_by()
            .values("precision", "is_key")
            .annotate(n=Count("pk"))
        )
        MonthCount.objects.bulk_create(
            MonthCount(year=first.year, month=first.month, precision=row["precision"],
                       is_key=row["is_key"], count=row["n"])
            for row in rows
        )  # fmt: skip


def recount_all() -> None:
    """Every count, after rows were written without signals."""
    Actor.objects.update(event_count=_published_links())
    Place.objects.update(event_count=_published_here())
    MonthCount.objects.all().delete()
    rows = (
        Event.objects.published()
        .order_by()
        .annotate(y=YearOf("start"), m=MonthOf("start"))
        .values("y", "m", "precision", "is_key")
        .annotate(n=Count("pk"))
    )
    MonthCount.objects.bulk_create(
        (
            MonthCount(year=row["y"], month=row["m"], precision=row["precision"],
                       is_key=row["is_key"], count=row["n"])
            for row in rows.iterator()
        ),
        batch_size=1000,
    )  # fmt: skip
