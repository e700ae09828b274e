"""Reviewing what imports suggest: accept into draft events, or dismiss."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from events.models import Suggestion
from events.services.suggestions import (
    NotAccepted,
    accept_suggestions,
    dismiss_suggestion,
    keep_proposals,
    suggested_title,
)


class SuggestionForm(forms.ModelForm):
    """Which of the new actors and places a suggestion proposes to make when it is accepted:
    all ticked at first; an editor unticks those that are wrong."""

    keep_actors = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("New actors to make"),
        help_text=_("Made when the suggestion is accepted. Untick a name that is wrong."),
    )
    keep_places = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("New places to make"),
        help_text=_("Taken from the clause that holds the date. Untick a place that is wrong."),
    )

    class Meta:
        model = Suggestion
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        suggestion = self.instance
        self.fields["keep_actors"].choices = [
            (p["name"], f"{p['name']} ({p.get('kind', '')})") for p in suggestion.proposed_actors
        ]
        self.fields["keep_places"].choices = [
            (p["name"], ", ".join(filter(None, [p["name"], p.get("country")])))
            for p in suggestion.proposed_places
        ]
        self.initial["keep_actors"] = [p["name"] for p in suggestion.proposed_actors]
        self.initial["keep_places"] = [p["name"] for p in suggestion.proposed_places]


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = [
        "in_context",
        "headline",
        "when",
        "precision",
        "names",
        "new",
        "status",
        "event",
    ]
    list_display_links = None
    form = SuggestionForm
    fields = ["in_context", "headline", "when", "names", "keep_actors", "keep_places"]
    readonly_fields = ["in_context", "headline", "when", "names"]
    list_filter = ["status", "precision", "source"]
    list_select_related = ["source", "event"]
    search_fields = ["mention", "source__title"]
    actions = ["accept", "dismiss"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Suggestion]:
        # The change list applies list_select_related only to a queryset that selects none.
        suggestions = super().get_queryset(request).with_sentences().select_related("event")
        return suggestions.prefetch_related("actors", "places")

    def changelist_view(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponse:
        extra_context = {"title": _("Suggested events to review"), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # suggestions come from imported articles

    # Reviewing a suggestion is deciding whether to make an event of it.
    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("events.add_event")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("events.delete_event")

    @admin.display(description=_("sentence, with the date marked"))
    def in_context(self, suggestion: Suggestion) -> str:
        sentence = suggestion.sentence
        # Marked where it stands: the same words may come twice in one sentence.
        start = suggestion.position - suggestion.sentence_start
        end = start + len(suggestion.mention)
        return format_html(
            "{}<mark>{}</mark>{}", sentence[:start], sentence[start:end], sentence[end:]
        )

    @admin.display(description=_("headline (the event's title)"))
    def headline(self, suggestion: Suggestion) -> str:
        return suggested_title(suggestion)

    @admin.display(description=_("date"), ordering="start")
    def when(self, suggestion: Suggestion) -> str:
        return suggestion.when

    @admin.display(description=_("actors and places"))
    def names(self, suggestion: Suggestion) -> str:
        return ", ".join(
            [
                *(a.name for a in suggestion.actors.all()),
                *(p.name for p in suggestion.places.all()),
            ]
        )

    @admin.display(description=_("new actors and places"))
    def new(self, suggestion: Suggestion) -> str:
        names = [p["name"] for p in (*suggestion.proposed_actors, *suggestion.proposed_places)]
        if not names or suggestion.status != Suggestion.Status.PENDING:
            return "–"
        url = reverse("admin:events_suggestion_change", args=[suggestion.pk])
        return format_html(
            _('{names} (<a href="{url}">keep or drop</a>)'),
            names=", ".join(dict.fromkeys(names)),
            url=url,
        )

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Only a suggestion still to review has proposals to keep or drop.
        if obj is not None and obj.status != Suggestion.Status.PENDING:
            return False
        return request.user.has_perm("events.add_event")

    def save_model(
        self, request: HttpRequest, obj: Suggestion, form: forms.Form, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        keep_proposals(
            obj,
            actors=form.cleaned_data["keep_actors"],
            places=form.cleaned_data["keep_places"],
        )

    @admin.action(
        description=_("Accept: make draft events of the selected"), permissions=["change"]
    )
    def accept(self, request: HttpRequest, queryset: QuerySet[Suggestion]) -> None:
        try:
            events = accept_suggestions(queryset)
        except NotAccepted as error:
            # Named by its date and article: its sentence may be what went wrong.
            refused = error.suggestion
            self.message_user(
                request,
                _(
                    "No suggestion was accepted: the date “%(date)s” in “%(title)s” cannot "
                    "become an event (%(error)s). Dismiss it, or accept the others without it."
                )
                % {
                    "date": refused.mention,
                    "title": Truncator(refused.source.title).chars(80),
                    "error": error,
                },
                messages.ERROR,
            )
            return
        if not events:
            self.message_user(request, _("None of those was waiting for review."), messages.INFO)
            return
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("admin:events_event_change", args=[e.pk]), e.title) for e in events),
        )
        self.message_user(
            request,
            format_html(
                _("Made {count} draft event(s), to finish and publish: {links}"),
                count=len(events),
                links=links,
            ),
            messages.SUCCESS,
        )

    @admin.action(description=_("Dismiss the selected"), permissions=["change"])
    def dismiss(self, request: HttpRequest, queryset: QuerySet[Suggestion]) -> None:
        pending = list(queryset.filter(status=Suggestion.Status.PENDING))
        for suggestion in pending:
            dismiss_suggestion(suggestion)
        self.message_user(
            request,
            _("Dismissed %(count)s suggestion(s).") % {"count": len(pending)},
            messages.SUCCESS,
        )
