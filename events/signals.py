"""What must follow any change to the timeline's data, whatever made it."""

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from events import caching, search
from events.models import (
    Actor,
    ActorRole,
    Citation,
    Commitment,
    CommitmentOutcome,
    Event,
    EventLink,
    EventType,
    Phase,
    Place,
    Source,
)
from events.services import counts

# Counts of published events per actor and place (events.services.counts): a change to an
# event's status or place, to its actors, or its deletion moves them.


@receiver(pre_save, sender=Event)
def note_counted_state(sender: type, instance: Event, raw: bool = False, **kwargs: Any) -> None:
    instance._counted_before = (
        None
        if raw or instance.pk is None
        else Event.objects.filter(pk=instance.pk)
        .values_list("place_id", "status", "start", "precision", "is_key", "type_id", "occurrence")
        .first()
    )


@receiver(post_save, sender=Event)
def recount_for_event(
    sender: type, instance: Event, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    before = instance.__dict__.pop("_counted_before", None)
    if raw:
        return  # a load of raw rows recounts everything once (services.backup)
    place, status, start, precision, key, type_id, occurrence = before or (None,) * 7
    # What the months' counts (by type and status) are kept by, before and now.
    counted = (status, start, precision, key, type_id, occurrence)
    now = (instance.status, instance.start, instance.precision, instance.is_key,
           instance.type_id, instance.occurrence)  # fmt: skip
    if created or counted != now:
        counts.recount_months([start, instance.start])
    # What the places' counts (by type and status) are kept by.
    placed = (instance.place_id, instance.status, instance.type_id, instance.occurrence)
    if not created and (place, status, type_id, occurrence) == placed:
        return
    counts.recount_places([place, instance.place_id])
    if not created and status != instance.status:
        counts.recount_actors(instance.actors.values_list("pk", flat=True))


@receiver(m2m_changed, sender=Event.actors.through)
def recount_linked_actors(
    sender: type, instance: Any, action: str, pk_set: set[int] | None, **kwargs: Any
) -> None:
    if not isinstance(instance, Event):  # an actor's events changed
        if action.startswith("post_"):
            counts.recount_actors([instance.pk])
        return
    if action == "pre_clear":
        instance._actors_before_clear = list(instance.actors.values_list("pk", flat=True))
    elif action == "post_clear":
        counts.recount_actors(instance.__dict__.pop("_actors_before_clear", []))
    elif action in {"post_add", "post_remove"}:
        counts.recount_actors(pk_set or [])


@receiver(pre_delete, sender=Event)
def note_counted_links(sender: type, instance: Event, **kwargs: Any) -> None:
    # Its links go by cascade, which sends no m2m signal: who it named is noted before.
    instance._counted_links = list(instance.actors.values_list("pk", flat=True))


@receiver(post_delete, sender=Event)
def recount_after_delete(sender: type, instance: Event, **kwargs: Any) -> None:
    counts.recount_actors(instance.__dict__.pop("_counted_links", []))
    counts.recount_places([instance.place_id])
    counts.recount_months([instance.start])


@receiver(post_save, sender=Event)
def index_event(sender: type, instance: Event, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        search.reindex([instance.pk])


@receiver(m2m_changed, sender=Event.actors.through)
def index_event_actors(
    sender: type, instance: Any, action: str, pk_set: set[int] | None, **kwargs: Any
) -> None:
    if isinstance(instance, Event):  # event.actors changed: this event's names
        if action.startswith("post_"):
            search.reindex([instance.pk])
        return
    # actor.events changed: the events added or removed are in pk_set (the actor's events
    # afterwards leave out the removed ones); a clear names none, so they are noted before.
    if action == "pre_clear":
        instance._events_before_clear = list(instance.events.values_list("pk", flat=True))
    elif action == "post_clear":
        search.reindex(instance.__dict__.pop("_events_before_clear", []))
    elif action in {"post_add", "post_remove"}:
        search.reindex(pk_set or [])


@receiver(pre_delete, sender=Actor)
def note_actor_events(sender: type, instance: Actor, **kwargs: Any) -> None:
    # Deleting an actor deletes its links by cascade, which sends no m2m signal: its events
    # are noted before, to be indexed without its names after.
    instance._events_before_delete = list(instance.events.values_list("pk", flat=True))


@receiver(post_delete, sender=Actor)
def index_former_actor_events(sender: type, instance: Actor, **kwargs: Any) -> None:
    search.reindex(instance.__dict__.pop("_events_before_delete", []))


@receiver(post_save, sender=Actor)
@receiver(post_save, sender=Place)
@receiver(post_save, sender=EventType)
def index_named_events(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    # A name shown by many events: their index entries carry it too.
    if not raw and instance.pk:
        search.reindex(instance.events.values_list("pk", flat=True))


@receiver(post_save, sender=Citation)
@receiver(post_delete, sender=Citation)
def index_cited_passages(
    sender: type, instance: Citation, raw: bool = False, **kwargs: Any
) -> None:
    # The passages an event cites are searched with it.
    if not raw:
        search.reindex([instance.event_id])


@receiver(post_delete, sender=Event)
def forget_event(sender: type, instance: Event, **kwargs: Any) -> None:
    search.forget([instance.pk])


# What a public page or export shows moves the data version, and with it every cached page
# and the public ETag and Last-Modified. Editors' work on drafts (their fields, actors,
# citations and links) and on what no published event names yet leaves readers' copies
# current.
SHOWN = (
    Event,
    Actor,
    ActorRole,
    Place,
    EventType,
    Phase,
    Source,
    Citation,
    EventLink,
    Commitment,
    CommitmentOutcome,
)


@receiver(post_save)
def note_saved(
    sender: type, instance: Any, created: bool = False, raw: bool = False, **kwargs: Any
) -> None:
    if sender in SHOWN and not raw and _shown_after_save(instance, created=created):
        caching.data_changed()


@receiver(post_delete)
def note_deleted(sender: type, instance: Any, **kwargs: Any) -> None:
    if sender in SHOWN and _shown_before_delete(instance):
        caching.data_changed()


@receiver(m2m_changed, sender=Event.actors.through)
@receiver(m2m_changed, sender=Event.related.through)
def note_links(
    sender: type, instance: Any, action: str, pk_set: set[int] | None, **kwargs: Any
) -> None:
    if action.startswith("post_") and _links_shown(instance, pk_set):
        caching.data_changed()


@receiver(m2m_changed, sender=Commitment.parties.through)
def note_parties(sender: type, instance: Any, action: str, **kwargs: Any) -> None:
    # Who promised it, shown with the commitment (from the actor's side: rare, counted).
    if action.startswith("post_") and (
        not isinstance(instance, Commitment) or _commitment_shown(instance)
    ):
        caching.data_changed()


def _was_or_is_published(event: Event, *, created: bool = False) -> bool:
    # The status it had when read; unknown (so maybe published) when it was not read first.
    before = None if created else event.__dict__.get("_stored_status", "unknown")
    return event.is_published or before not in {None, Event.Status.DRAFT}


def _shown_after_save(instance: Any, *, created: bool) -> bool:
    if isinstance(instance, Event):
        return _was_or_is_published(instance, created=created)
    if isinstance(instance, Citation):
        return Event.objects.published().filter(pk=instance.event_id).exists()
    if isinstance(instance, EventLink):
        return _link_shown(instance)
    if isinstance(instance, Commitment | CommitmentOutcome):
        return _commitment_shown(instance)
    if isinstance(instance, EventType | Phase):
        return True  # the filter form offers every type and every phase
    if isinstance(instance, ActorRole):
        # Shown on its actor's page, which is public once a published event names the actor.
        return Event.objects.published().filter(actors=instance.actor_id).exists()
    # An actor, place or source: shown where a published event names or cites it.
    return not created and instance.events.published().exists()


def _shown_before_delete(instance: Any) -> bool:
    if isinstance(instance, Event):
        return _was_or_is_published(instance)
    if isinstance(instance, Citation):
        # Deleted with its event, it goes first: the event is still there to ask.
        return Event.objects.published().filter(pk=instance.event_id).exists()
    if isinstance(instance, EventLink):
        return _link_shown(instance)  # deleted with an event, it too goes first
    if isinstance(instance, Commitment | CommitmentOutcome):
        return _commitment_shown(instance)
    # A phase: always shown (the filter form offers it). An actor, place, type or source: its
    # links to events are gone by now, so whether a published event named it is not known.
    # Rare enough to count as a change.
    return True


def _link_shown(link: EventLink) -> bool:
    # Readers see a link between two published events only, on both their pages.
    ends = {link.from_event_id, link.to_event_id}
    return Event.objects.published().filter(pk__in=ends).count() == len(ends) == 2


def _commitment_shown(instance: Commitment | CommitmentOutcome) -> bool:
    # A commitment is shown on its agreement's page, public once the agreement is published;
    # an event linked to it, once that event is published too. Deleted with their agreement
    # or event, these rows go first: what they belong to is still there to ask.
    if isinstance(instance, Commitment):
        return Event.objects.published().filter(pk=instance.agreement_id).exists()
    commitment = Commitment.objects.filter(pk=instance.commitment_id)
    ends = {instance.event_id, *commitment.values_list("agreement_id", flat=True)}
    return len(ends) == 2 and Event.objects.published().filter(pk__in=ends).count() == 2


def _links_shown(instance: Any, pk_set: set[int] | None) -> bool:
    if isinstance(instance, Event):
        # Its actors or related events: public pages show them for published events only,
        # and list only published events as related.
        return instance.is_published
    # An actor's events, changed from the actor's side.
    return pk_set is None or Event.objects.published().filter(pk__in=pk_set).exists()
