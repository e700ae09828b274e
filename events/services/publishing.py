"""Publishing: what the public sees, and the rule it keeps — a published event cites at least
one source, with the passage it rests on."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy

from events.dates.values import DateSpan
from events.models import Actor, Citation, Event, Source

PUBLISH_NEEDS_A_SOURCE = gettext_lazy(
    "A published event cites at least one source: choose the source below and copy the "
    "passage the event rests on, or save the event as a draft."
)
# A revert from the history restores an event's fields, never its citations.
KEEPS_NO_SOURCE = gettext_lazy(
    "This event cites no source now, so it can be saved only as a draft: choose Draft, or "
    "cite a source on the event's own page first."
)
# simple-history keeps at most this many characters of a change's reason.
REASON_LENGTH = 100


def check_publishable(*, cited: int) -> None:
    """Refuse to publish an event that cites no source (ValidationError, code "no_source")."""
    if cited < 1:
        raise ValidationError(PUBLISH_NEEDS_A_SOURCE, code="no_source")


def check_still_cited(event: Event) -> None:
    """Refuse to publish `event` on a path that leaves its citations as they are stored (a
    revert from its history, which restores the event's fields but not its citations)."""
    if event.pk is None or not event.citations.exists():
        raise ValidationError(KEEPS_NO_SOURCE, code="no_source")


def unsourced_published(events: QuerySet[Event]) -> QuerySet[Event]:
    """The published events among `events` that break the rule: for checks of data that
    arrives whole (a backup), not through the paths above."""
    cited = Citation.objects.filter(event=OuterRef("pk"))
    return events.published().exclude(Exists(cited))


@dataclass(frozen=True)
class Cited:
    """A source cited for an event, and the passage of it the event rests on."""

    source: Source
    quote: str
    # The date the source gives for the event, when it gives one.
    stated: DateSpan | None = None


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
            citation.state_date(cited.stated)
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
    with transaction.atomic():
        drafts = _held(events.exclude(status=Event.Status.PUBLISHED))
        cited = set(Citation.objects.filter(event__in=drafts).values_list("event_id", flat=True))
        ready = [event for event in drafts if event.pk in cited]
        unsourced = [event for event in drafts if event.pk not in cited]
        _set_status(ready, Event.Status.PUBLISHED, reason=reason)
    return Publication(published=ready, unsourced=unsourced)


def unpublish(events: QuerySet[Event], *, reason: str) -> list[Event]:
    """Return the published events among `events` to draft: the public no longer sees them."""
    with transaction.atomic():
        published = _held(events.filter(status=Event.Status.PUBLISHED))
        _set_status(published, Event.Status.DRAFT, reason=reason)
    return published


def _held(events: QuerySet[Event]) -> list[Event]:
    """`events`, read afresh and held until the transaction ends, by title.

    The event form holds an event's row while it saves it with its citations, so what is
    counted here is what that save left, and no editor's change is overwritten by a copy
    read before it. (Selected anew by key: `events` may be counted, and a counted query
    cannot hold its rows.)"""
    chosen = Event.objects.filter(pk__in=events.values("pk")).select_for_update()
    return list(chosen.order_by("title", "pk"))


def _set_status(events: list[Event], status: str, *, reason: str) -> None:
    # One save per event rather than update(), so each change enters its history and the
    # signals that keep the search index and the caches current see it.
    for event in events:
        event.status = status
        event._change_reason = reason[:REASON_LENGTH]
        event.save()
