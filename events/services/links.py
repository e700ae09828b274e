"""Linking events: an announcement to the event held, a postponed event to the one it was
rescheduled as, a cause to what followed. The rules (no link to itself, one of a kind between
two events, no loop of postponements) are the model's; this is the one way to write a link
outside the admin's form, which checks the same rules."""

from django.db import transaction

from events.models import Event, EventLink, EventLinkKind


def link_events(*, from_event: Event, to_event: Event, kind: EventLinkKind) -> EventLink:
    """Save the link, or refuse it (ValidationError naming the field) writing nothing."""
    with transaction.atomic():
        link = EventLink(from_event=from_event, to_event=to_event, kind=kind)
        link.full_clean()
        link.save()
    return link
