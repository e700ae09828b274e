"""Cutting the timeline into keyset pages, and reading which page an address asks for.

A page address names a position in timeline order (`after=`, `before=`), a period to jump to
(`at=`) or the latest page; it keeps meaning the same page when events are added elsewhere,
and costs the same at the end of the timeline as at its start.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from events.dates.values import Precision, last_day, parse_iso_value
from events.models import Event

# The address parameters that say which page of a view to show, not which events are in it.
PAGE_POSITION = ("after", "before", "at", "latest")


@dataclass(frozen=True)
class Cursor:
    """A position in timeline order, written into page addresses: "2020-02-01.2.17"."""

    start: date
    precision: int
    id: int

    @classmethod
    def of(cls, event: Event) -> "Cursor":
        return cls(start=event.start, precision=event.precision, id=event.pk)

    @classmethod
    def parse(cls, text: str) -> "Cursor":
        try:
            start, precision, pk = text.split(".")
            cursor = cls(start=date.fromisoformat(start), precision=int(precision), id=int(pk))
        except ValueError:
            raise ValueError(f"“{text}” is not a position on the timeline.") from None
        if cursor.precision not in Precision.values or cursor.id < 1:
            raise ValueError(f"“{text}” is not a position on the timeline.")
        return cursor

    def __str__(self) -> str:
        return f"{self.start.isoformat()}.{self.precision}.{self.id}"

    # Each condition opens with the bound on the start alone, which the alternatives only
    # repeat: a planner then reads the timeline index in order from the position, where
    # with the alternatives alone it may gather every event on one side and sort them.

    def later_q(self) -> Q:
        """Events after this position in timeline order."""
        return Q(start__gte=self.start) & (
            Q(start__gt=self.start)
            | Q(start=self.start, precision__gt=self.precision)
            | Q(start=self.start, precision=self.precision, id__gt=self.id)
        )

    def earlier_q(self) -> Q:
        return Q(start__lte=self.start) & (
            Q(start__lt=self.start)
            | Q(start=self.start, precision__lt=self.precision)
            | Q(start=self.start, precision=self.precision, id__lt=self.id)
        )


@dataclass(frozen=True)
class Page:
    events: list[Event]
    # Positions to continue from, or None where the timeline ends.
    earlier: Cursor | None
    later: Cursor | None


def page_of(
    events: QuerySet[Event],
    *,
    size: int,
    after: Cursor | None = None,
    before: Cursor | None = None,
    latest: bool = False,
    at: date | None = None,
    until: date | None = None,
    newest: bool = False,
) -> Page:
    """One page of `events` in timeline order: the first, the one after or before a cursor,
    the one starting `at` a date, or the latest. Keyset pagination: costs the same at the
    end of the timeline as at the start, and a page address keeps meaning the same page when
    events are added elsewhere.

    `newest` lists the page newest first, and its first page is the latest events; `after`
    and `before` keep their meaning in time (later, earlier), so a page address names the
    same events in either order. In that order a jump to a period opens with its last event
    (`until`, the last day of the period `at` begins)."""
    forward = events.chronological()
    backward = events.reverse_chronological()
    newest_at = newest and at is not None
    if newest_at:
        # Newest first, a period is entered from its end: its last event opens the page.
        backward = backward.filter(start__lte=until or at)
        before, latest, at = None, False, None
    if before is not None or latest or (newest and after is None):
        if before is not None:
            backward = backward.filter(before.earlier_q())
        rows = list(backward[: size + 1])
        has_earlier = len(rows) > size
        rows = rows[:size][::-1]
        has_later = (
            (before is not None or newest_at)
            and bool(rows)
            and (forward.filter(Cursor.of(rows[-1]).later_q()).exists())
        )
    else:
        if after is not None:
            forward = forward.filter(after.later_q())
        elif at is not None:
            # Jumping to a period: the page opens with its first event.
            forward = forward.filter(start__gte=at)
        rows = list(forward[: size + 1])
        has_later = len(rows) > size
        rows = rows[:size]
        has_earlier = (
            (after is not None or at is not None)
            and bool(rows)
            and (backward.filter(Cursor.of(rows[0]).earlier_q()).exists())
        )
    return Page(
        events=rows[::-1] if newest else rows,
        earlier=Cursor.of(rows[0]) if has_earlier else None,
        later=Cursor.of(rows[-1]) if has_later else None,
    )


def requested_position(query: Mapping[str, str]) -> tuple[dict[str, object], str | None]:
    """Which page of a view an address asks for, as arguments of `page_of`, and a message
    for the reader when it cannot be read (the view then opens at its start)."""
    for name in ("after", "before"):
        if value := query.get(name):
            try:
                return {name: Cursor.parse(value)}, None
            except ValueError:
                return {}, gettext(
                    "That page address is not valid; showing the start of the timeline."
                )
    if value := query.get("at"):
        try:
            start, precision = parse_iso_value(value)
        except ValueError:
            return {}, gettext("That period is not a date; showing the start of the timeline.")
        return {"at": start, "until": last_day(start, Precision(precision))}, None
    if query.get("latest"):
        return {"latest": True}, None
    return {}, None
