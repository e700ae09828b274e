"""How many published events name each actor and each place, kept on the rows themselves
and brought up to date in the same transaction as every change that can move them
(events.signals; a bulk load calls `recount_all`). The filter lists' busiest actors and
places are then read through an index, at any size, rather than counted over every event.

A count is recomputed, never incremented: a recount of the few rows a change touches is
as cheap, and cannot drift from the truth whatever order changes arrive in."""

from collections.abc import Iterable

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from events.models import Actor, Event, Place


def _published_links() -> Subquery:
    links = (
        Event.actors.through.objects.filter(
            actor_id=OuterRef("pk"), event__status=Event.Status.PUBLISHED
        )
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


def recount_all() -> None:
    """Every actor's and place's count, after rows were written without signals."""
    Actor.objects.update(event_count=_published_links())
    Place.objects.update(event_count=_published_here())
