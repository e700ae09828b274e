"""What must follow any change to the timeline's data, whatever made it."""

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from events import caching, search
from events.models import Actor, Citation, Event, EventType, Place, Source


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


@receiver(post_delete, sender=Event)
def forget_event(sender: type, instance: Event, **kwargs: Any) -> None:
    search.forget([instance.pk])


# Anything a public page or export shows.
SHOWN = (Event, Actor, Place, EventType, Source, Citation)


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed, sender=Event.actors.through)
@receiver(m2m_changed, sender=Event.related.through)
def note_change(sender: type, raw: bool = False, action: str = "post_", **kwargs: Any) -> None:
    # What was cached of the pages and exports that show it is out of date.
    shown = sender in SHOWN or sender in {Event.actors.through, Event.related.through}
    if shown and not raw and action.startswith("post_"):
        caching.data_changed()
