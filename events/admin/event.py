"""Curating events: the event form with its sources and old addresses, and publishing."""

from datetime import MAXYEAR, MINYEAR
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from events.admin.forms import (
    CitationForm,
    CitationFormSet,
    EventForm,
    cites_on_form,
    describe_when,
    when_base,
)
from events.admin.links import dead_link_warning
from events.models import AGREEMENT_TYPE, Citation, Event, EventLink, EventRedirect, Source
from events.services import publishing


class PartOfEvent:
    """For what belongs to an event (its citations, its old addresses): whoever may edit the
    event may edit these, so the Editor group needs only the event's own permissions."""

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("events.view_event") or request.user.has_perm(
            "events.change_event"
        )

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("events.add_event") or request.user.has_perm(
            "events.change_event"
        )

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_add_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_add_permission(request, obj)


class CitationInline(PartOfEvent, admin.StackedInline):
    model = Citation
    form = CitationForm
    formset = CitationFormSet
    extra = 1
    autocomplete_fields = ["source"]
    readonly_fields = ["source_link"]
    verbose_name = _("source cited")
    verbose_name_plural = _("sources cited")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Citation]:
        # Each citation shows its source's link check: read with it, not once per citation
        # (and without the article's text, which the check does not need).
        return super().get_queryset(request).select_related("source").defer("source__text")

    @admin.display(description=_("link"))
    def source_link(self, citation: Citation) -> str:
        if citation.source_id is None:
            return "–"
        return dead_link_warning(citation.source)


class EventRedirectInline(PartOfEvent, admin.TabularInline):
    model = EventRedirect
    extra = 0
    fields = ["old_slug", "created"]
    readonly_fields = ["old_slug", "created"]
    verbose_name_plural = _("old addresses (redirect here)")

    def has_add_permission(self, request: HttpRequest, obj: Event | None = None) -> bool:
        # Old addresses appear by themselves when a slug is renamed.
        return False


class EventLinkInline(PartOfEvent, admin.TabularInline):
    """Links from this event to a later one ("postponed → rescheduled as …"); the later event's
    page shows them too, worded from its side."""

    model = EventLink
    fk_name = "from_event"
    fields = ["kind", "to_event"]
    autocomplete_fields = ["to_event"]
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet[EventLink]:
        return super().get_queryset(request).select_related("to_event")


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        years = Event.objects.dates("start", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Event]) -> QuerySet[Event]:
        value = self.value()
        if not value:
            return queryset
        # Only what a date can hold: "²" passes isdigit() but not int(), 0 and 99999 are no
        # year of the calendar. The admin answers a bad filter with the whole list.
        if not (value.isascii() and value.isdigit() and MINYEAR <= int(value) <= MAXYEAR):
            raise IncorrectLookupParameters(f"“{value}” is not a year.")
        return queryset.filter(start__year=int(value))


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    form = EventForm
    list_display = [
        "title",
        "when",
        "type",
        "place",
        "status",
        "occurrence",
        "is_key",
        "source_count",
    ]
    list_display_links = ["title"]
    list_filter = [
        "status",
        "occurrence",
        "type",
        "precision",
        YearFilter,
        "is_key",
        "actors",
        "place",
    ]
    list_select_related = ["type", "place"]
    search_fields = ["title", "summary", "actors__name", "place__name"]
    date_hierarchy = "start"
    ordering = ["-start", "-precision", "-id"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["type", "place", "actors", "related"]
    inlines = [CitationInline, EventLinkInline, EventRedirectInline]
    actions = ["publish", "unpublish"]
    readonly_fields = ["created", "updated", "linked_from", "commitments", "promises"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "occurrence", "is_key", "seen"]}),
        (None, {"fields": ["when", "date_note"]}),
        (_("What"), {"fields": ["summary", "body", "type", "commitments"]}),
        (
            _("In Dari and Pashto"),
            {
                # Side by side, a row per field; left empty, the English shows, marked.
                "fields": [
                    ("title_fa", "title_ps"),
                    ("summary_fa", "summary_ps"),
                    ("body_fa", "body_ps"),
                ],
                "description": _(
                    "Readers of /fa/ and /ps/ pages see these; where one is empty they see the "
                    "English, marked as English. Terms as in docs/glossary.md."
                ),
            },
        ),
        (
            _("Who and where"),
            {"fields": ["actors", "place", "related", "linked_from", "promises"]},
        ),
        (_("Record"), {"fields": ["created", "updated"], "classes": ["collapse"]}),
    ]

    class Media:
        css = {"all": ["events/admin.css"]}
        js = ["admin/js/jquery.init.js", "django_htmx/htmx-2.min.js", "events/admin-when.js"]

    def get_urls(self) -> list[URLPattern]:
        preview = path(
            "when-preview/",
            self.admin_site.admin_view(self.when_preview),
            name="events_event_when_preview",
        )
        return [preview, *super().get_urls()]

    def when_preview(self, request: HttpRequest) -> HttpResponse:
        """The "When" field's preview, for htmx, as the editor types: for those who may add
        or change events, naming the source it counts from only to those who may see it."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        sources = self.admin_site.get_model_admin(Source)
        base = when_base(
            request.GET if cites_on_form(request.GET) else None,
            event=None,
            name_source=sources.has_view_permission(request),
        )
        resolution, preview = describe_when(request.GET.get("when", "")[:200], base=base)
        context = {"preview": preview, "preview_ok": resolution is not None}
        return render(request, "admin/events/event/_when_preview.html", context)

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        # A revert, like the change form, runs in one transaction: the form holds the event's
        # row while it checks that a version it publishes still cites a source.
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Event]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                # distinct: searching by actor joins actors, which would repeat each citation.
                source_count=Count("citations", distinct=True)
            )
            # A counted (grouped) query drops the default order, which autocomplete needs.
            .order_by(*self.ordering)
        )

    @admin.display(description=_("date"), ordering="start")
    def when(self, event: Event) -> str:
        return event.when

    @admin.display(description=_("sources"), ordering="source_count")
    def source_count(self, event: Event) -> int:
        return event.source_count

    @admin.display(description=_("linked from"))
    def linked_from(self, event: Event) -> SafeString | str:
        """The links other events make to this one (they are edited on those events)."""
        links = event.links_in.select_related("from_event") if event.pk else []
        if not links:
            return "–"
        return format_html_join(
            mark_safe("<br>"),
            _('<a href="{}">{}</a> — {} — this event'),
            (
                (
                    reverse("admin:events_event_change", args=[link.from_event_id]),
                    link.from_event.title,
                    link.get_kind_display(),
                )
                for link in links
            ),
        )

    @admin.display(description=_("commitments"))
    def commitments(self, event: Event) -> SafeString | str:
        """For an agreement: its commitments, and where to add one (they have their own form,
        which links the events that kept or broke them)."""
        if not event.pk or event.type_id is None or event.type.slug != AGREEMENT_TYPE:
            return _("– (only events of the type “Agreement” have commitments)")
        count = event.commitments.count()
        listed = (
            reverse("admin:events_commitment_changelist") + f"?agreement__id__exact={event.pk}"
        )
        add = reverse("admin:events_commitment_add") + f"?agreement={event.pk}"
        return format_html(
            _(
                '<a href="{listed}">{count} commitment(s)</a> · '
                '<a href="{add}">add a commitment</a>'
            ),
            listed=listed,
            count=count,
            add=add,
        )

    @admin.display(description=_("promises it kept or broke"))
    def promises(self, event: Event) -> SafeString | str:
        """The commitments this event is linked to (the links are edited on each
        commitment's form, with the others that kept or broke it)."""
        outcomes = (
            event.commitment_outcomes.select_related("commitment__agreement") if event.pk else []
        )
        if not outcomes:
            return _("– (link an event to a promise on the promise's form, under Commitments)")
        return format_html_join(
            mark_safe("<br>"),
            _('this event — {} — <a href="{}">{}</a> ({})'),
            (
                (
                    outcome.get_effect_display(),
                    reverse("admin:events_commitment_change", args=[outcome.commitment_id]),
                    outcome.commitment,
                    outcome.commitment.agreement.title,
                )
                for outcome in outcomes
            ),
        )

    @admin.action(description=_("Publish selected events"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        done = publishing.publish(queryset, reason="Bulk action: published")
        self.message_user(
            request,
            _("Published %(count)s event(s).") % {"count": len(done.published)},
            messages.SUCCESS,
        )
        if done.unsourced:
            titles = ", ".join(f"“{event.title}”" for event in done.unsourced)
            self.message_user(
                request,
                _("Not published, as they cite no source yet: %(titles)s.") % {"titles": titles},
                messages.WARNING,
            )

    @admin.action(
        description=_("Unpublish selected events (back to draft)"), permissions=["change"]
    )
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        changed = publishing.unpublish(queryset, reason="Bulk action: draft")
        self.message_user(
            request,
            _("Returned %(count)s event(s) to draft.") % {"count": len(changed)},
            messages.SUCCESS,
        )
