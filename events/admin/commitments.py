"""Curating agreements' commitments: who promised what and by when, and the events that kept
or broke each (the events' own forms list the promises they are linked to)."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.admin.forms import CommitmentForm
from events.agreements import assess, standing_words
from events.dates import display
from events.models import Commitment, CommitmentOutcome, Event


class CommitmentOutcomeInline(admin.TabularInline):
    """The events that kept, broke, superseded or went towards this commitment."""

    model = CommitmentOutcome
    fields = ["event", "effect"]
    autocomplete_fields = ["event"]
    extra = 1


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    form = CommitmentForm
    list_display = ["promise", "agreement", "deadline_shown", "standing"]
    list_filter = [("agreement", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["agreement", "counted_from"]
    search_fields = ["promise", "agreement__title"]
    autocomplete_fields = ["agreement", "parties", "counted_from", "source"]
    inlines = [CommitmentOutcomeInline]
    fieldsets = [
        (None, {"fields": ["agreement", "position", "promise", "parties"]}),
        (
            _("Deadline"),
            {
                "fields": ["deadline", ("within", "within_unit", "counted_from")],
                "description": _(
                    "A date it was due by, or “within” so many days or months of an event (the "
                    "agreement itself when none is chosen) — or neither, where no source "
                    "states a deadline."
                ),
            },
        ),
        (_("Where the deadline comes from"), {"fields": ["source", "quote", "deadline_note"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Commitment]:
        # The list shows each one's standing, read from its linked events.
        return super().get_queryset(request).prefetch_related("outcomes__event")

    @admin.display(description=_("deadline"))
    def deadline_shown(self, commitment: Commitment) -> str:
        deadline = commitment.deadline
        return display.written(deadline.span) if deadline else "–"

    @admin.display(description=_("standing (as readers see it)"))
    def standing(self, commitment: Commitment) -> str:
        published = [
            outcome
            for outcome in commitment.outcomes.all()
            if outcome.event.status == Event.Status.PUBLISHED
        ]
        return standing_words(assess(commitment, published, today=timezone.localdate()))
