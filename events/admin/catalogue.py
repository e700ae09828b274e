"""Curating what events refer to: their types, actors and places."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from events.admin.forms import ActorRoleForm, right_to_left
from events.geo.coordinates import check_coordinates
from events.models import Actor, ActorRole, EventType, Place


class NamedInThreeLanguages(admin.ModelAdmin):
    """Its name in Dari and Pashto beside the English, typed right to left."""

    def get_form(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, **kwargs)

        class RightToLeft(form):  # type: ignore[misc, valid-type]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                right_to_left(self)

        return RightToLeft


@admin.register(EventType)
class EventTypeAdmin(NamedInThreeLanguages):
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
    verbose_name_plural = _("roles over time")


@admin.register(Actor)
class ActorAdmin(NamedInThreeLanguages):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ActorRoleInline]


@admin.register(Place)
class PlaceAdmin(NamedInThreeLanguages):
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
        return _(
            "“%(country)s” is not a country of the world outline (it leaves out the smallest "
            "ones), so the coordinates of %(place)s were not checked."
        ) % {"country": place.country, "place": place.name}
    if not check.outside:
        return ""
    details = {
        "place": place.name,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "distance": f"{check.distance_km:,.0f}",
        "country": check.country.name,
    }
    if check.lies_in:
        text = _(
            "The coordinates of %(place)s (%(latitude)s, %(longitude)s) lie about "
            "%(distance)s km outside %(country)s, in %(lies_in)s. Check the latitude and "
            "longitude (north and east are positive)."
        ) % {**details, "lies_in": check.lies_in.name}
    else:
        text = (
            _(
                "The coordinates of %(place)s (%(latitude)s, %(longitude)s) lie about "
                "%(distance)s km outside %(country)s. Check the latitude and longitude (north and "
                "east are positive)."
            )
            % details
        )
    sentences = [text]
    if check.country.contains(float(place.latitude), float(place.longitude)):
        sentences.append(_("With the two swapped, the point would lie in %(country)s.") % details)
    sentences.append(str(_("The place was saved as it is.")))
    return " ".join(sentences)
