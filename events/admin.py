"""Curation: what editors use to keep the timeline true."""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from simple_history.admin import SimpleHistoryAdmin

from events.forms import (
    CITATIONS_PREFIX,
    ArticleImportForm,
    EventForm,
    describe_when,
    when_base,
)
from events.ingest import accept_suggestion, dismiss_suggestion, import_article
from events.models import (
    Actor,
    Citation,
    Event,
    EventRedirect,
    EventType,
    Place,
    Source,
    Suggestion,
)

PUBLISH_NEEDS_A_SOURCE = (
    "A published event cites at least one source: choose the source below and copy the "
    "passage the event rests on, or save the event as a draft."
)


class CitationFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        if self.instance.status != Event.Status.PUBLISHED:
            return
        cited = [
            form
            for form in self.forms
            if form.cleaned_data.get("source") and not form.cleaned_data.get("DELETE")
        ]
        if not cited:
            raise ValidationError(PUBLISH_NEEDS_A_SOURCE, code="no_source")


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
    formset = CitationFormSet
    extra = 1
    autocomplete_fields = ["source"]
    verbose_name = "source cited"
    verbose_name_plural = "sources cited"


class EventRedirectInline(PartOfEvent, admin.TabularInline):
    model = EventRedirect
    extra = 0
    fields = ["old_slug", "created"]
    readonly_fields = ["old_slug", "created"]
    verbose_name_plural = "old addresses (redirect here)"

    def has_add_permission(self, request: HttpRequest, obj: Event | None = None) -> bool:
        # Old addresses appear by themselves when a slug is renamed.
        return False


class YearFilter(admin.SimpleListFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        years = Event.objects.dates("start", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Event]) -> QuerySet[Event]:
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(start__year=int(value))
        return queryset


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    form = EventForm
    list_display = ["title", "when", "type", "place", "status", "is_key", "source_count"]
    list_display_links = ["title"]
    list_filter = ["status", "type", "precision", YearFilter, "is_key", "actors", "place"]
    list_select_related = ["type", "place"]
    search_fields = ["title", "summary", "actors__name", "place__name"]
    date_hierarchy = "start"
    ordering = ["-start", "-precision", "-id"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["type", "place", "actors", "related"]
    inlines = [CitationInline, EventRedirectInline]
    actions = ["publish", "unpublish"]
    readonly_fields = ["created", "updated"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "is_key", "seen"]}),
        (None, {"fields": ["when"]}),
        ("What", {"fields": ["summary", "body", "type"]}),
        ("Who and where", {"fields": ["actors", "place", "related"]}),
        ("Record", {"fields": ["created", "updated"], "classes": ["collapse"]}),
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
        """The "When" field's preview, for htmx, as the editor types."""
        data = request.GET if f"{CITATIONS_PREFIX}-TOTAL_FORMS" in request.GET else None
        resolution, preview = describe_when(
            request.GET.get("when", "")[:200], base=when_base(data, event=None)
        )
        context = {"preview": preview, "preview_ok": resolution is not None}
        return render(request, "admin/events/event/_when_preview.html", context)

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

    @admin.display(description="date", ordering="start")
    def when(self, event: Event) -> str:
        return event.when

    @admin.display(description="sources", ordering="source_count")
    def source_count(self, event: Event) -> int:
        return event.source_count

    @admin.action(description="Publish selected events", permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        drafts = queryset.exclude(status=Event.Status.PUBLISHED)
        unsourced = list(drafts.filter(citations__isnull=True).order_by("title"))
        published = self._set_status(drafts.exclude(pk__in=[e.pk for e in unsourced]), "published")
        self.message_user(request, f"Published {published} event(s).", messages.SUCCESS)
        if unsourced:
            titles = ", ".join(f"“{event.title}”" for event in unsourced)
            self.message_user(
                request,
                f"Not published, as they cite no source yet: {titles}.",
                messages.WARNING,
            )

    @admin.action(description="Unpublish selected events (back to draft)", permissions=["change"])
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        changed = self._set_status(queryset.exclude(status=Event.Status.DRAFT), "draft")
        self.message_user(request, f"Returned {changed} event(s) to draft.", messages.SUCCESS)

    def _set_status(self, queryset: QuerySet[Event], status: str) -> int:
        # One save per event rather than update(), so each change enters its history.
        events = list(queryset)
        with transaction.atomic():
            for event in events:
                event.status = status
                event._change_reason = f"Bulk action: {status}"
                event.save()
        return len(events)


@admin.register(EventType)
class EventTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Editors choose a type for their events (the autocomplete asks for this).
        return super().has_view_permission(request, obj) or request.user.has_perm(
            "events.change_event"
        )


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "latitude", "longitude"]
    list_filter = ["country"]
    search_fields = ["name", "country"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "published", "suggestions_to_review"]
    list_filter = ["publisher"]
    search_fields = ["title", "publisher", "url", "text"]
    date_hierarchy = "published"
    readonly_fields = ["suggestions_to_review"]

    def get_urls(self) -> list[URLPattern]:
        importer = path(
            "import/",
            self.admin_site.admin_view(self.import_article),
            name="events_source_import",
        )
        return [importer, *super().get_urls()]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Source]:
        pending = Count("suggestions", filter=Q(suggestions__status=Suggestion.Status.PENDING))
        # A counted (grouped) query drops the model's default order: restate it.
        return (
            super().get_queryset(request).annotate(pending=pending).order_by("-published", "title")
        )

    @admin.display(description="suggestions to review", ordering="pending")
    def suggestions_to_review(self, source: Source) -> str:
        if source.pk is None:
            return "–"
        pending = getattr(source, "pending", None)
        if pending is None:  # the change page's object does not come from get_queryset
            pending = source.suggestions.filter(status=Suggestion.Status.PENDING).count()
        query = urlencode({"source__id__exact": source.pk, "status__exact": "pending"})
        url = f"{reverse('admin:events_suggestion_changelist')}?{query}"
        return format_html('<a href="{}">{} to review</a>', url, pending)

    def import_article(self, request: HttpRequest) -> HttpResponse:
        """Paste or upload an article: it becomes a source with suggested events."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ArticleImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            imported = import_article(
                form.article,
                title=form.cleaned_data["title"],
                publisher=form.cleaned_data["publisher"],
                url=form.cleaned_data["url"],
            )
            source = imported.source
            known = "" if imported.new_source else " It was imported before."
            self.message_user(
                request,
                f"Imported “{source.title}”: {imported.new_suggestions} new suggestion(s).{known}",
                messages.SUCCESS,
            )
            return redirect(
                f"{reverse('admin:events_suggestion_changelist')}?source__id__exact={source.pk}"
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Import article",
            "form": form,
        }
        return render(request, "admin/events/source/import.html", context)


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ["in_context", "when", "precision", "names", "status", "event"]
    list_display_links = None
    list_filter = ["status", "precision", "source"]
    list_select_related = ["source", "event"]
    search_fields = ["sentence", "mention"]
    actions = ["accept", "dismiss"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Suggestion]:
        return super().get_queryset(request).prefetch_related("actors", "places")

    def changelist_view(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponse:
        extra_context = {"title": "Suggested events to review", **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # suggestions come from imported articles

    # Reviewing a suggestion is deciding whether to make an event of it.
    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("events.add_event")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("events.add_event")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("events.delete_event")

    @admin.display(description="sentence, with the date marked")
    def in_context(self, suggestion: Suggestion) -> str:
        before, found, after = suggestion.sentence.partition(suggestion.mention)
        if not found:
            return suggestion.sentence
        return format_html("{}<mark>{}</mark>{}", before, found, after)

    @admin.display(description="date", ordering="start")
    def when(self, suggestion: Suggestion) -> str:
        return suggestion.when

    @admin.display(description="actors and places")
    def names(self, suggestion: Suggestion) -> str:
        return ", ".join(
            [
                *(a.name for a in suggestion.actors.all()),
                *(p.name for p in suggestion.places.all()),
            ]
        )

    @admin.action(description="Accept: make draft events of the selected", permissions=["change"])
    def accept(self, request: HttpRequest, queryset: QuerySet[Suggestion]) -> None:
        pending = queryset.filter(status=Suggestion.Status.PENDING).select_related("source")
        events = [accept_suggestion(suggestion) for suggestion in pending]
        if not events:
            self.message_user(request, "None of those was waiting for review.", messages.INFO)
            return
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("admin:events_event_change", args=[e.pk]), e.title) for e in events),
        )
        self.message_user(
            request,
            format_html("Made {} draft event(s), to finish and publish: {}", len(events), links),
            messages.SUCCESS,
        )

    @admin.action(description="Dismiss the selected", permissions=["change"])
    def dismiss(self, request: HttpRequest, queryset: QuerySet[Suggestion]) -> None:
        pending = list(queryset.filter(status=Suggestion.Status.PENDING))
        for suggestion in pending:
            dismiss_suggestion(suggestion)
        self.message_user(request, f"Dismissed {len(pending)} suggestion(s).", messages.SUCCESS)
