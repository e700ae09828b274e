"""Reviewing what imports suggest: an accepted suggestion becomes a draft event citing its
sentence; a dismissed one never comes back."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from events.ingest.articles import title_from
from events.models import Event, Suggestion
from events.selectors import unique_slug
from events.services.publishing import Cited, record_event

TITLE_LENGTH = 100


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
    try:
        event = record_event(
            Event(
                title=title_from(sentence, limit=TITLE_LENGTH),
                slug=unique_slug(sentence),
                start=suggestion.start,
                precision=suggestion.precision,
                end=suggestion.end,
                # The first by name (their order), from what a batch fetched beforehand.
                place=next(iter(suggestion.places.all()), None),
            ),
            actors=suggestion.actors.all(),
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
