"""Reviewing what imports suggest: an accepted suggestion becomes a draft event citing its
sentence; a dismissed one never comes back."""

from django.db import transaction

from events.ingest.articles import title_from
from events.models import Event, Suggestion
from events.selectors import unique_slug
from events.services.publishing import Cited, record_event

TITLE_LENGTH = 100


def accept_suggestion(suggestion: Suggestion) -> Event:
    """Turn a suggestion into a draft event citing its sentence, for an editor to finish."""
    sentence = suggestion.sentence
    with transaction.atomic():
        event = record_event(
            Event(
                title=title_from(sentence, limit=TITLE_LENGTH),
                slug=unique_slug(sentence),
                start=suggestion.start,
                precision=suggestion.precision,
                end=suggestion.end,
                place=suggestion.places.first(),
            ),
            actors=suggestion.actors.all(),
            citations=[Cited(suggestion.source, sentence)],
            publish=False,
            reason=f"Accepted from “{suggestion.source.title}”",
        )
        suggestion.status, suggestion.event = Suggestion.Status.ACCEPTED, event
        suggestion.save(update_fields=["status", "event"])
    return event


def dismiss_suggestion(suggestion: Suggestion) -> None:
    suggestion.status = Suggestion.Status.DISMISSED
    suggestion.save(update_fields=["status"])
