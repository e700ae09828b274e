"""Curation: what editors use to keep the timeline true."""

from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from events.models import Actor, Citation, Event, EventRedirect, EventType, Place, Source


class CitationInline(admin.StackedInline):
    model = Citation
    extra = 1
    autocomplete_fields = ["source"]
    verbose_name = "source cited"
    verbose_name_plural = "sources cited"


class EventRedirectInline(admin.TabularInline):
    model = EventRedirect
    extra = 0
    fields = ["old_slug", "created"]
    readonly_fields = ["old_slug", "created"]
    can_delete = True
    verbose_name_plural = "old addresses (redirect here)"

    def has_add_permission(self, request: HttpRequest, obj: Event | None = None) -> bool:
        # Old addresses appear by themselves when a slug is renamed.
        return False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "when", "type", "place", "status", "is_key", "source_count"]
    list_display_links = ["title"]
    list_filter = ["status", "type", "precision", "is_key", "place", "actors"]
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
        (None, {"fields": ["title", "slug", "status", "is_key"]}),
        ("When", {"fields": ["start", "precision", "end"]}),
        ("What", {"fields": ["summary", "body", "type"]}),
        ("Who and where", {"fields": ["actors", "place", "related"]}),
        ("Record", {"fields": ["created", "updated"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Event]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                # distinct: searching by actor joins actors, which would repeat each citation.
                source_count=Count("citations", distinct=True)
            )
        )

    @admin.display(description="date", ordering="start")
    def when(self, event: Event) -> str:
        return event.when

    @admin.display(description="sources", ordering="source_count")
    def source_count(self, event: Event) -> int:
        return event.source_count

    @admin.action(description="Publish selected events", permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        changed = queryset.exclude(status=Event.Status.PUBLISHED).update(
            status=Event.Status.PUBLISHED
        )
        self.message_user(request, f"Published {changed} event(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected events (back to draft)", permissions=["change"])
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        changed = queryset.exclude(status=Event.Status.DRAFT).update(status=Event.Status.DRAFT)
        self.message_user(request, f"Returned {changed} event(s) to draft.", messages.SUCCESS)


@admin.register(EventType)
class EventTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


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
    list_display = ["title", "publisher", "published", "url"]
    list_filter = ["publisher"]
    search_fields = ["title", "publisher", "url", "text"]
    date_hierarchy = "published"
