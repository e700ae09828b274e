"""Curating what events refer to: their types, actors and places."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest

from events.admin.forms import ActorRoleForm
from events.geo.coordinates import check_coordinates
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

    def save_model(self, request: HttpRequest, obj: Place, form: forms.Form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # Saved all the same: the editor may know better than a coarse outline.
        if warning := coordinates_warning(obj):
            self.message_user(request, warning, messages.WARNING)


def coordinates_warning(place: Place) -> str:
    """What an editor should know about a place's point and its country ("" when all is
    well): that it lies outside the country, or that the country cannot be checked."""
    check = check_coordinates(
        country=place.country, latitude=place.latitude, longitude=place.longitude
    )
    if check is None:
        return ""
    if check.country is None:
        return (
            f"“{place.country}” is not a country of the world outline (it leaves out the "
            f"smallest ones), so the coordinates of {place.name} were not checked."
        )
    if not check.outside:
        return ""
    where = f", in {check.lies_in.name}" if check.lies_in else ""
    text = (
        f"The coordinates of {place.name} ({place.latitude}, {place.longitude}) lie about "
        f"{check.distance_km:,.0f} km outside {check.country.name}{where}. "
        "Check the latitude and longitude (north and east are positive)."
    )
    if check.country.contains(float(place.latitude), float(place.longitude)):
        text += f" With the two swapped, the point would lie in {check.country.name}."
    return text + " The place was saved as it is."
