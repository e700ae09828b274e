"""Links between events as each of the two reads them: "Postponed; rescheduled as X" on the
first event's page is "Rescheduled from Y (postponed)" on the second's.

Readers see a link only between published events; the event's page and its JSON read its
links in one query, however many it has.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from events.models import Event, EventLink, EventLinkKind

# `{event}` stands for the other event (its title, linked, and its date).
FROM_THIS_SIDE: dict[str, Promise] = {
    EventLinkKind.HELD_AS: gettext_lazy("Announced; held as {event}"),
    EventLinkKind.RESCHEDULED_AS: gettext_lazy("Postponed; rescheduled as {event}"),
    EventLinkKind.LED_TO: gettext_lazy("Led to {event}"),
}
FROM_THE_OTHER_SIDE: dict[str, Promise] = {
    EventLinkKind.HELD_AS: gettext_lazy("Announced earlier as {event}"),
    EventLinkKind.RESCHEDULED_AS: gettext_lazy("Rescheduled from {event} (postponed)"),
    EventLinkKind.LED_TO: gettext_lazy("Followed from {event}"),
}


@dataclass(frozen=True)
class LinkShown:
    """A link as one of its two events shows it."""

    kind: EventLinkKind
    # The event at the other end.
    other: Event
    # Whether the link leads from the event shown to `other` (else from `other` to it).
    onward: bool

    @property
    def wording(self) -> str:
        """The sentence with `{event}` where the other event goes (translated)."""
        phrases = FROM_THIS_SIDE if self.onward else FROM_THE_OTHER_SIDE
        return str(phrases[self.kind])

    @property
    def text(self) -> str:
        """The sentence in plain text, naming the other event by its title."""
        return self.wording.format(event=f"“{self.other.title}”")


def links_of(event: Event) -> list[LinkShown]:
    """The links of `event` with other published events, from either side, in the order of
    the other events on the timeline. One query."""
    published = Event.Status.PUBLISHED
    rows = (
        EventLink.objects.filter(
            Q(from_event_id=event.pk, to_event__status=published)
            | Q(to_event_id=event.pk, from_event__status=published)
        )
        .select_related("from_event", "to_event")
        .order_by()
    )
    shown = [
        LinkShown(
            kind=EventLinkKind(row.kind),
            other=row.to_event if row.from_event_id == event.pk else row.from_event,
            onward=row.from_event_id == event.pk,
        )
        for row in rows
    ]
    return sorted(
        shown,
        key=lambda link: (link.other.start, link.other.precision, link.other.pk, link.kind),
    )
