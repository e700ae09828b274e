"""Reviewing what imports suggest: an accepted suggestion becomes a draft event citing its
sentence; a dismissed one never comes back."""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils.text import slugify

from events.ingest.headlines import draft_headline
from events.models import FORMER_KINDS, Actor, Event, Place, Suggestion
from events.script import romanised
from events.selectors import unique_slug
from events.services.publishing import Cited, record_event


class NotAccepted(ValueError):
    """A suggestion that cannot become an event; none of those asked for was accepted."""

    def __init__(self, suggestion: Suggestion, error: ValidationError) -> None:
        super().__init__("; ".join(error.messages))
        self.suggestion = suggestion


def accept_suggestion(suggestion: Suggestion) -> Event:
    """Turn a suggestion into a draft event citing its sentence, for an editor to finish."""
    with transaction.atomic():
        return _accept(suggestion)


def accept_suggestions(suggestions: QuerySet[Suggestion]) -> list[Event]:
    """Turn the suggestions among `suggestions` still waiting for review into draft events,
    all or none (NotAccepted names the first that cannot be one), in a fixed number of
    queries each."""
    with transaction.atomic():
        # Held until accepted, so that two editors accepting at once make each event once.
        pending = (
            Suggestion.objects.filter(
                pk__in=suggestions.values("pk"), status=Suggestion.Status.PENDING
            )
            .select_for_update(of=("self",))
            .select_related("source")
            .prefetch_related("actors", "places")
            .order_by("source", "position")
        )
        return [_accept(suggestion) for suggestion in pending]


def _accept(suggestion: Suggestion) -> Event:
    sentence = suggestion.sentence  # read from the stored article, once
    title = suggested_title(suggestion, sentence)
    try:
        with transaction.atomic():
            # The new actors and places the editor kept are made with the event, or not at all.
            new_actors = [_actor(proposal) for proposal in suggestion.proposed_actors]
            new_places = [_place(proposal) for proposal in suggestion.proposed_places]
            event = record_event(
                Event(
                    title=title,
                    slug=unique_slug(title),
                    start=suggestion.start,
                    precision=suggestion.precision,
                    end=suggestion.end,
                    # The first known by name (their order), from what a batch fetched
                    # beforehand; else the first new one, in the order the clause names them.
                    place=next(iter(suggestion.places.all()), None)
                    or next(iter(new_places), None),
                ),
                actors=_once([*suggestion.actors.all(), *new_actors]),
                citations=[Cited(suggestion.source, sentence)],
                publish=False,
                reason=f"Accepted from “{suggestion.source.title}”",
            )
    except ValidationError as error:
        raise NotAccepted(suggestion, error) from error
    suggestion.status, suggestion.event = Suggestion.Status.ACCEPTED, event
    suggestion.save(update_fields=["status", "event"])
    return event


def dismiss_suggestion(suggestion: Suggestion) -> None:
    suggestion.status = Suggestion.Status.DISMISSED
    suggestion.save(update_fields=["status"])


def suggested_title(suggestion: Suggestion, sentence: str | None = None) -> str:
    """Who did what, drafted from the suggestion's sentence (`sentence`, if it has been
    read already): the title of the event it becomes. Drafted when asked for, not stored:
    a suggestion keeps no copy of its article's words."""
    sentence = suggestion.sentence if sentence is None else sentence
    date = suggestion.position - suggestion.sentence_start
    return draft_headline(sentence, date=(date, date + len(suggestion.mention)))


def keep_proposals(
    suggestion: Suggestion, *, actors: Iterable[str], places: Iterable[str]
) -> None:
    """Keep, of the new actors and places a suggestion proposes, only those named: the
    others are not made when it is accepted."""
    actors, places = set(actors), set(places)
    suggestion.proposed_actors = [p for p in suggestion.proposed_actors if p["name"] in actors]
    suggestion.proposed_places = [p for p in suggestion.proposed_places if p["name"] in places]
    suggestion.save(update_fields=["proposed_actors", "proposed_places"])


def _actor(proposal: dict[str, Any]) -> Actor:
    """The actor a proposal names: the one of that name if someone made it meanwhile."""
    actor = Actor.objects.filter(name__iexact=proposal["name"]).first()
    if actor is None:
        actor = Actor(
            name=proposal["name"],
            slug=_free_slug(Actor, proposal["name"]),
            kind=FORMER_KINDS.get(proposal.get("kind", ""), proposal.get("kind", "")),
        )
        actor.full_clean()
        actor.save()
    return actor


def _place(proposal: dict[str, Any]) -> Place:
    """The place a proposal names: the one of that name if someone made it meanwhile."""
    place = Place.objects.filter(name__iexact=proposal["name"]).first()
    if place is None:
        latitude, longitude = proposal.get("latitude"), proposal.get("longitude")
        place = Place(
            name=proposal["name"],
            slug=_free_slug(Place, proposal["name"]),
            country=proposal.get("country") or "",
            # Through str: a float's binary digits are not the gazetteer's decimal ones.
            latitude=None if latitude is None else Decimal(str(latitude)),
            longitude=None if longitude is None else Decimal(str(longitude)),
        )
        place.full_clean()
        place.save()
    return place


def _free_slug(model: type[Model], name: str) -> str:
    base = slugify(romanised(name))[:190].strip("-") or model.__name__.lower()
    taken = set(
        model.objects.filter(slug__startswith=base).values_list("slug", flat=True)  # type: ignore[attr-defined]
    )
    if base not in taken:
        return base
    return next(f"{base}-{n}" for n in range(2, len(taken) + 3) if f"{base}-{n}" not in taken)


def _once(things: Iterable[Any]) -> list[Any]:
    return list(dict.fromkeys(things))
