"""Where the phases of the process are marked in a page of the timeline: a marker before the
first event listed in each phase, so that a reader sees where one begins."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from events.models import Event, Phase


@dataclass(frozen=True)
class PhaseMarker:
    phase: Phase
    # The page opens inside the phase, which runs on above it (on the pages before).
    continued: bool = False
    # Before the first event of the page: named with its period only, in one line, so that the
    # first screen still shows an event (and on a phone, where the axis just above names the
    # phases in view, not at all). The description is in the view narrowed to the phase, one
    # click away, and wherever the phase begins lower down the list.
    brief: bool = False


def markers_before(
    events: Sequence[Event], phases: Iterable[Phase], *, more_above: bool, newest: bool
) -> dict[int, list[PhaseMarker]]:
    """The markers to show before each event (by id) of a page listed top to bottom as
    `events`: a phase's before the first of them that starts within it. Oldest first, that
    is where the phase begins; newest first, where it ends (its latest event).

    A phase the page opens inside of, and that reaches beyond the page's first event towards
    the events above it (`more_above`: there are some), is marked at the top as continued."""
    before: dict[int, list[PhaseMarker]] = {}
    if not events:
        return before
    top = events[0]
    for phase in phases:
        first, last = phase.days
        event = next((event for event in events if first <= event.start <= last), None)
        if event is None:
            continue
        reaches_above = last > event.start if newest else first < event.start
        continued = event is top and more_above and reaches_above
        before.setdefault(event.pk, []).append(
            PhaseMarker(phase, continued=continued, brief=event is top)
        )
    return before
