"""Curating what events refer to: their types, actors and places."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from events.admin.forms import ActorRoleForm
from events.models import Actor, ActorRole, EventType, Place


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


class ActorRoleInline(admin.TabularInline):
    """The roles an actor held, as sources state them, shown on the actor's page."""

    model = ActorRole
    form = ActorRoleForm
    fields = ["role", "when"]
    extra = 0
    verbose_name_plural = "roles over time"


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ActorRoleInline]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "latitude", "longitude"]
    list_filter = ["country"]
    search_fields = ["name", "country"]
    prepopulated_fields = {"slug": ["name"]}
