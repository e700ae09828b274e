"""Recording an agreement's commitments and the events that kept or broke them: every rule
checked (a deadline before the agreement, a commitment of an event that is no agreement, an
event before the agreement) before anything is written, and all of it written or none."""

from collections.abc import Iterable

from django.db import transaction

from events.models import Actor, Commitment, CommitmentOutcome, Event


def record_commitment(
    commitment: Commitment,
    *,
    parties: Iterable[Actor] = (),
    outcomes: Iterable[tuple[Event, str]] = (),
) -> Commitment:
    """Save `commitment` with its parties and the events (`(event, effect)`) linked to it.

    Raises ValidationError naming the field at fault; then nothing of it is saved."""
    with transaction.atomic():
        commitment.full_clean()
        commitment.save()
        commitment.parties.set(list(parties))
        for event, effect in outcomes:
            link = CommitmentOutcome(commitment=commitment, event=event, effect=effect)
            link.full_clean()
            link.save()
    return commitment
