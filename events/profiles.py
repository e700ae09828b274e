"""Reads for an actor's or a place's page: the actor or place at an address, the actors who
met the actor (shared published events with them) and the actors most often at the place.

Publicly an actor or a place exists once a published event names it, as in the timeline's
filters: one known only to drafts has no page. Each read is one query, whatever the number
of events.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, QuerySet

from events.models import Actor, Event, Place

# How many actors a page ranks: enough for the busiest actor's regular company, few enough
# for one screen of links.
RANKED = 40


@dataclass(frozen=True)
class Companion:
    """An actor ranked beside another actor or a place, with the published events they
    share (the events both were in, or the events of the actor held at the place)."""

    actor: Actor
    shared: int


@dataclass(frozen=True)
class Ranking:
    companions: list[Companion]
    # Whether more actors share events than are ranked.
    more: bool


def public_actors() -> QuerySet[Actor]:
    """The actors a published event names: those with a page."""
    return Actor.objects.filter(Exists(Event.objects.published().filter(actors=OuterRef("pk"))))


def public_places() -> QuerySet[Place]:
    """The places a published event was held at: those with a page."""
    return Place.objects.filter(Exists(Event.objects.published().filter(place=OuterRef("pk"))))


def public_actor(slug: str) -> Actor | None:
    """The actor at /actors/<slug>/, with its roles."""
    return public_actors().filter(slug=slug).prefetch_related("roles").first()


def public_place(slug: str) -> Place | None:
    """The place at /places/<slug>/."""
    return public_places().filter(slug=slug).first()


def met(actor: Actor, *, limit: int = RANKED) -> Ranking:
    """The actors who share published events with `actor`: most shared events first, then by
    name."""
    theirs = Event.objects.published().filter(actors=actor).values("pk")
    links = Event.actors.through.objects.filter(event__in=theirs).exclude(actor=actor)
    return _ranked(links, limit=limit)


def regulars(place: Place, *, limit: int = RANKED) -> Ranking:
    """The actors of the published events held at `place`: those in most of them first, then
    by name."""
    there = Event.objects.published().filter(place=place).values("pk")
    return _ranked(Event.actors.through.objects.filter(event__in=there), limit=limit)


def _ranked(links: QuerySet, *, limit: int) -> Ranking:
    """Actors counted over these event–actor links, in one query (grouped by the link
    table's actor column; the names come with the rows)."""
    rows = list(
        links.values(
            "actor_id",
            "actor__slug",
            "actor__name",
            "actor__name_fa",
            "actor__name_ps",
            "actor__kind",
        )
        .annotate(shared=Count("event_id"))
        .order_by("-shared", "actor__name", "actor_id")[: limit + 1]
    )
    companions = [
        Companion(
            actor=Actor(
                pk=row["actor_id"],
                slug=row["actor__slug"],
                name=row["actor__name"],
                name_fa=row["actor__name_fa"],
                name_ps=row["actor__name_ps"],
                kind=row["actor__kind"],
            ),
            shared=row["shared"],
        )
        for row in rows[:limit]
    ]
    return Ranking(companions=companions, more=len(rows) > limit)
