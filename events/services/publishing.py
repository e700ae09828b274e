"""Publishing: what the public sees, and the rule it keeps — a published event cites at least
one source, with the passage it rests on."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet

from events.models import Actor, Citation, Event, Source

PUBLISH_NEEDS_A_SOURCE = (
    "A published event cites at least one source: choose the source below and copy the "
    "passage the event rests on, or save the event as a draft."
)
# simple-history keeps at most this many characters of a change's reason.
REASON_LENGTH = 100


def check_publishable(*, cited: int) -> None:
    """Refuse to publish an event that cites no source (ValidationError, code "no_source")."""
    if cited < 1:
        raise ValidationError(PUBLISH_NEEDS_A_SOURCE, code="no_source")


@dataclass(frozen=True)
class Cited:
    """A source cited for an event, and the passage of it the event rests on."""

    source: Source
    quote: str


def record_event(
    event: Event,
    *,
    actors: Iterable[Actor] = (),
    citations: Sequence[Cited] = (),
    publish: bool,
    reason: str,
) -> Event:
    """Save a new event with its actors and citations, published or as a draft, all or
    nothing. Every row is checked against the model's rules before it is written."""
    if publish:
        check_publishable(cited=len(citations))
    event.status = Event.Status.PUBLISHED if publish else Event.Status.DRAFT
    with transaction.atomic():
        event.full_clean()
        event._change_reason = reason[:REASON_LENGTH]
        event.save()
        event.actors.set(actors)
        for cited in citations:
            citation = Citation(event=event, source=cited.source, quote=cited.quote)
            citation.full_clean()
            citation.save()
    return event


@dataclass(frozen=True)
class Publication:
    published: list[Event]
    # Drafts left as they were because they cite no source yet.
    unsourced: list[Event]


def publish(events: QuerySet[Event], *, reason: str) -> Publication:
    """Publish the drafts among `events` that cite a source; leave the others as drafts."""
    drafts = events.exclude(status=Event.Status.PUBLISHED).annotate(
        cited=Count("citations", distinct=True)
    )
    ready, unsourced = [], []
    for event in drafts.order_by("title", "pk"):
        (ready if event.cited else unsourced).append(event)
    _set_status(ready, Event.Status.PUBLISHED, reason=reason)
    return Publication(published=ready, unsourced=unsourced)


def unpublish(events: QuerySet[Event], *, reason: str) -> list[Event]:
    """Return the published events among `events` to draft: the public no longer sees them."""
    published = list(events.filter(status=Event.Status.PUBLISHED).order_by("title", "pk"))
    _set_status(published, Event.Status.DRAFT, reason=reason)
    return published


def _set_status(events: list[Event], status: str, *, reason: str) -> None:
    # One save per event rather than update(), so each change enters its history and the
    # signals that keep the search index and the caches current see it.
    with transaction.atomic():
        for event in events:
            event.status = status
            event._change_reason = reason[:REASON_LENGTH]
            event.save()
