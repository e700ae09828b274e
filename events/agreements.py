"""Reads for an agreement's page: the agreement at an address, its commitments with the
published events linked to them, and each commitment's standing — kept (on time or late by
so many days), broken, superseded or pending — read from those events, never stored.

Publicly an agreement is a published event of the type “Agreement”; only published events
count towards a commitment's standing (a draft that would keep it says nothing yet). The
page's reads are a fixed number of queries, whatever the number of commitments.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.db.models.enums import TextChoices
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from events.dates import display
from events.dates.deadlines import Deadline, Timing, Unit, timing
from events.dates.values import Precision
from events.models import (
    AGREEMENT_TYPE,
    Actor,
    Commitment,
    CommitmentEffect,
    CommitmentOutcome,
    Event,
)
from events.selectors import Found, find_event


class Standing(TextChoices):
    KEPT = "kept", _("Kept")
    BROKEN = "broken", _("Broken")
    SUPERSEDED = "superseded", _("Superseded")
    PENDING = "pending", _("Pending")


# Which linked event decides a standing, strongest first: a promise kept late was also
# broken at its deadline, and one kept after it was superseded was still kept.
DECIDING = (
    (CommitmentEffect.KEPT, Standing.KEPT),
    (CommitmentEffect.SUPERSEDED, Standing.SUPERSEDED),
    (CommitmentEffect.BROKE, Standing.BROKEN),
)


@dataclass(frozen=True)
class Assessed:
    """A commitment as readers see it: when it was due, what happened, and its standing."""

    commitment: Commitment
    deadline: Deadline | None
    # The published events linked to it, in the order they happened.
    outcomes: list[CommitmentOutcome]
    standing: Standing
    # The event its standing rests on (the first that kept it, superseded it or broke it).
    deciding: Event | None
    # For a kept commitment with a deadline: on time, or how late.
    timing: Timing | None
    # Pending with its deadline's last day behind `today`.
    overdue: bool
    # Its place in the agreement's list, from 1: how the page and the chart number it.
    number: int = 0

    @property
    def words(self) -> str:
        return standing_words(self)

    @property
    def within_words(self) -> str:
        """ "Within 14 months of", for a deadline counted from an event."""
        deadline = self.deadline
        if deadline is None or deadline.count is None:
            return ""
        count = {"count": display.numerals(deadline.count)}
        if deadline.unit == Unit.MONTH:
            return (
                ngettext("Within %(count)s month of", "Within %(count)s months of", deadline.count)
                % count
            )
        return (
            ngettext("Within %(count)s day of", "Within %(count)s days of", deadline.count) % count
        )

    @property
    def deadline_words(self) -> str:
        """The deadline as readers write a date: "March 2020", "29 April 2021"."""
        return display.written(self.deadline.span) if self.deadline else ""


def assess(
    commitment: Commitment, outcomes: list[CommitmentOutcome], *, today: date, number: int = 0
) -> Assessed:
    """The standing of `commitment` given the published events linked to it."""
    deadline = commitment.deadline
    for effect, standing in DECIDING:
        deciding = next((o.event for o in outcomes if o.effect == effect), None)
        if deciding is not None:
            kept_when = None
            if standing == Standing.KEPT and deadline is not None:
                kept_when = timing(deadline, deciding.span)
            return Assessed(
                commitment, deadline, outcomes, standing, deciding, kept_when, False, number
            )
    overdue = deadline is not None and deadline.latest < today
    return Assessed(commitment, deadline, outcomes, Standing.PENDING, None, None, overdue, number)


def standing_words(item: Assessed) -> str:
    """A commitment's standing as the page, the JSON and the CSV say it: "Kept, 123 days
    late"; "Kept, 165 days after March 2020" where the deadline is a month or a year."""
    if item.standing == Standing.PENDING:
        if item.overdue:
            return gettext("Pending: its deadline has passed with no event recorded as keeping it")
        return gettext("Pending")
    if item.standing != Standing.KEPT:
        return str(item.standing.label)
    kept, deadline = item.timing, item.deadline
    if kept is None or deadline is None:
        return gettext("Kept")
    if kept.on_time:
        return gettext("Kept on time")
    if kept.on_time is None:
        return gettext("Kept; the dates cannot tell whether by the deadline")
    days = {"days": display.numerals(kept.days_late)}
    if deadline.stated is not None and deadline.stated.precision != Precision.DAY:
        days["deadline"] = display.written(deadline.stated)
        if kept.exact:
            text = ngettext(
                "Kept, %(days)s day after %(deadline)s",
                "Kept, %(days)s days after %(deadline)s",
                kept.days_late,
            )
        else:
            text = ngettext(
                "Kept, at least %(days)s day after %(deadline)s",
                "Kept, at least %(days)s days after %(deadline)s",
                kept.days_late,
            )
        return text % days
    if kept.exact and deadline.exact:
        return (
            ngettext("Kept, %(days)s day late", "Kept, %(days)s days late", kept.days_late) % days
        )
    return (
        ngettext(
            "Kept, at least %(days)s day late", "Kept, at least %(days)s days late", kept.days_late
        )
        % days
    )


def public_agreements() -> QuerySet[Event]:
    """The agreements readers can see: published events of the type “Agreement”."""
    return Event.objects.published().filter(type__slug=AGREEMENT_TYPE)


def with_commitments() -> QuerySet[Event]:
    """The public agreements that have commitments recorded: those worth a search engine's
    visit."""
    return public_agreements().filter(Exists(Commitment.objects.filter(agreement=OuterRef("pk"))))


def find_agreement(slug: str) -> Found | None:
    """The agreement at /agreements/<slug>/ (or the one that had this slug before it was
    renamed), with what its heading shows."""
    among = (
        public_agreements()
        .select_related("type", "place")
        .prefetch_related(Prefetch("actors", queryset=Actor.objects.order_by("name")))
    )
    return find_event(slug, among=among)


def _published_outcomes() -> Prefetch:
    return Prefetch(
        "outcomes",
        queryset=CommitmentOutcome.objects.filter(event__status=Event.Status.PUBLISHED)
        .select_related("event")
        .order_by("event__start", "event__precision", "event_id"),
        to_attr="published_outcomes",
    )


def commitments_of(agreement: Event, *, today: date) -> list[Assessed]:
    """The agreement's commitments in its order, each assessed: three queries."""
    commitments = (
        Commitment.objects.filter(agreement=agreement)
        .select_related("counted_from", "source")
        .prefetch_related(
            Prefetch("parties", queryset=Actor.objects.order_by("name")), _published_outcomes()
        )
        .order_by("position", "id")
    )
    assessed = []
    for number, commitment in enumerate(commitments, start=1):
        commitment.agreement = agreement  # the deadline may count from it: no query
        outcomes = commitment.published_outcomes
        assessed.append(assess(commitment, outcomes, today=today, number=number))
    return assessed


def tally(assessed: list[Assessed]) -> dict[str, int]:
    """How many commitments stand each way, and how many of the kept ones came late."""
    counts = Counter(item.standing.value for item in assessed)
    late = sum(1 for item in assessed if item.timing is not None and item.timing.on_time is False)
    return {**{standing.value: counts[standing.value] for standing in Standing}, "late": late}


def tally_words(counts: dict[str, int]) -> list[str]:
    """The tally as a sentence's parts, leaving out standings none has: "2 kept (both
    late)", "2 pending"."""
    parts = []
    if counts[Standing.KEPT]:
        kept = ngettext("%(count)s kept", "%(count)s kept", counts[Standing.KEPT])
        kept %= {"count": display.numerals(counts[Standing.KEPT])}
        if counts["late"]:
            late = ngettext("%(count)s of them late", "%(count)s of them late", counts["late"])
            kept = f"{kept} ({late % {'count': display.numerals(counts['late'])}})"
        parts.append(kept)
    words = {
        Standing.BROKEN: lambda n: ngettext("%(count)s broken", "%(count)s broken", n),
        Standing.SUPERSEDED: lambda n: ngettext("%(count)s superseded", "%(count)s superseded", n),
        Standing.PENDING: lambda n: ngettext("%(count)s pending", "%(count)s pending", n),
    }
    for standing, word in words.items():
        if counts[standing]:
            parts.append(word(counts[standing]) % {"count": display.numerals(counts[standing])})
    return parts


@dataclass(frozen=True)
class Touched:
    """A commitment a given event kept, broke, superseded or went towards, for that event's
    page."""

    outcome: CommitmentOutcome
    commitment: Commitment
    agreement: Event


def commitments_touched(event: Event) -> list[Touched]:
    """The commitments of published agreements that `event` is linked to: one query."""
    outcomes = (
        CommitmentOutcome.objects.filter(
            event=event,
            commitment__agreement__status=Event.Status.PUBLISHED,
            commitment__agreement__type__slug=AGREEMENT_TYPE,
        )
        .select_related("commitment__agreement")
        .order_by("commitment__agreement__start", "commitment__position", "commitment_id")
    )
    return [Touched(o, o.commitment, o.commitment.agreement) for o in outcomes]


def commitment_count(event: Event) -> int:
    """How many commitments `event` has, when it is a published agreement (else 0)."""
    if not event.is_published or event.type_id is None or event.type.slug != AGREEMENT_TYPE:
        return 0
    return Commitment.objects.filter(agreement=event).aggregate(n=Count("pk"))["n"]
