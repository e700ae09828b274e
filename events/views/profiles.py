"""An actor's page and a place's page, and the same as JSON: who or what it is, its events
(on the time axis and a page at a time in a list, as on the timeline), and who met the actor
or was at the place, each leading to the timeline of the events they share."""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from events.caching import data_version, public
from events.filters import MATCH_ALL, NEWEST, TimelineFilters
from events.models import Actor, ActorRole, Event, Phase, Place
from events.profiles import Ranking, met, public_actor, public_place, regulars
from events.selectors import filter_events
from events.timeline.grouping import group_by_period
from events.timeline.paging import PAGE_POSITION, page_of, requested_position
from events.translations import shown
from events.views.addresses import site_root
from events.views.axis import (
    AXIS_PARAMETERS,
    axis_context,
    counts_of,
    every_phase,
    view_address,
)
from events.views.data import _json as json_response
from events.views.data import data_view
from events.views.pages import _wants_fragment

# What a profile's address says: which page of its events, in which order, and how its time
# axis is zoomed and laid out. A mark on the axis opens the list at its event (`at`).
PROFILE_PARAMETERS = (*PAGE_POSITION, "order", *AXIS_PARAMETERS)


def _query(*pairs: tuple[str, str]) -> str:
    return "?" + urlencode(pairs)


def together(actor: Actor, other: Actor) -> str:
    """The filters of the events with both actors: `?actor=a&actor=b&match=all`."""
    return _query(("actor", actor.slug), ("actor", other.slug), ("match", MATCH_ALL))


def at_place(place: Place, actor: Actor) -> str:
    """The filters of the events of `actor` held at `place`: `?place=x&actor=y`."""
    return _query(("place", place.slug), ("actor", actor.slug))


def _ranked_links(ranking: Ranking, events_url: Callable[[Actor], str]) -> list[dict[str, Any]]:
    """The ranked actors of a page, each with the address of the events they share."""
    return [
        {"actor": c.actor, "shared": c.shared, "events_url": events_url(c.actor)}
        for c in ranking.companions
    ]


def _events(
    request: HttpRequest, filters: TimelineFilters, phase_address: Callable[[Phase], str]
) -> dict[str, Any]:
    """A page of the events these filters select, in the order the address asks for (as on
    the timeline: oldest first, or `order=newest`), how many there are in all, and the
    timeline's time axis over them, whose controls lead to this page's own addresses."""
    version = getattr(request, "data_version", None) or data_version()[0]
    position, position_error = requested_position(request.GET)
    order = request.GET.get("order", "")
    if order not in {"", NEWEST}:
        position_error = _("“%(value)s” is not an order: choose one offered.") % {
            "value": order[:20]
        }
    events = filter_events(Event.objects.published().for_listing(), filters)
    page = page_of(events, size=settings.PEACETRACKER_PAGE_SIZE, newest=filters.newest, **position)
    counts = counts_of(events, filters, version=version)
    phases = every_phase(version=version)
    axis = axis_context(
        request,
        Event.objects.published(),
        filters,
        counts,
        page.events,
        position.get("at"),
        version,
        phases,
        phase_address=phase_address,
    )
    return {
        "filters": filters,
        "page": page,
        "groups": group_by_period(page.events, newest=filters.newest),
        "event_count": events.count(),
        "position_error": position_error,
        # The other order, from its start, the axis kept as it is.
        "oldest_url": view_address(request, order=None),
        "newest_url": view_address(request, order=NEWEST),
        "overview": counts,
        **axis,
        # What the axis's "Jump to year" carries: the page's order and zoom, not its position.
        "filter_parameters": [
            (name, value)
            for name, values in request.GET.lists()
            if name not in PAGE_POSITION
            for value in values
        ],
        "site_root": site_root(request),
        # The list on the site's own page (the embed says otherwise): told, not looked up in
        # vain by every event (a missing name costs a template an exception per lookup).
        "embedded": False,
    }


def _in_phase(timeline: str, chosen: tuple[str, str], newest: bool) -> Callable[[Phase], str]:
    """Where a phase's band on a profile's axis leads: the timeline of the profile's events
    in that phase (a profile's own list is not narrowed by phase), in the same order."""
    order = [("order", NEWEST)] if newest else []
    return lambda phase: timeline + _query(chosen, ("phase", phase.slug), *order)


def _render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    # Paging with htmx replaces the list only.
    if _wants_fragment(request):
        template += "#events"
    return render(request, template, context)


@require_safe
@public(reads=PROFILE_PARAMETERS)
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def actor_page(request: HttpRequest, slug: str) -> HttpResponse:
    actor = public_actor(slug)
    if actor is None:
        raise Http404("No actor at this address.")
    newest = request.GET.get("order") == NEWEST
    ranking = met(actor)
    timeline = reverse("events:timeline")
    context = {
        "actor": actor,
        "roles": list(actor.roles.all()),
        "met": _ranked_links(ranking, lambda other: timeline + together(actor, other)),
        "met_more": ranking.more,
        "canonical_url": site_root(request) + actor.get_absolute_url(),
        "data_query": _query(("actor", actor.slug)),
        **_events(
            request,
            TimelineFilters(actors=(actor,), newest=newest),
            _in_phase(timeline, ("actor", actor.slug), newest),
        ),
    }
    return _render(request, "events/actor.html", context)


@require_safe
@public(reads=PROFILE_PARAMETERS)
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def place_page(request: HttpRequest, slug: str) -> HttpResponse:
    place = public_place(slug)
    if place is None:
        raise Http404("No place at this address.")
    newest = request.GET.get("order") == NEWEST
    ranking = regulars(place)
    timeline = reverse("events:timeline")
    context = {
        "place": place,
        "regulars": _ranked_links(ranking, lambda other: timeline + at_place(place, other)),
        "regulars_more": ranking.more,
        "canonical_url": site_root(request) + place.get_absolute_url(),
        "data_query": _query(("place", place.slug)),
        **_events(
            request,
            TimelineFilters(places=(place,), newest=newest),
            _in_phase(timeline, ("place", place.slug), newest),
        ),
    }
    return _render(request, "events/place.html", context)


# As JSON ------------------------------------------------------------------------------------


def _role(role: ActorRole) -> dict[str, Any]:
    span = role.span
    return {
        "role": role.role,
        "date": role.when,
        "value": span.value,
        "start": role.start.isoformat(),
        "end": role.end.isoformat() if role.end else None,
        "precision": span.precision.code,
    }


def _ranked(ranking: Ranking, *, root: str, query: Any, count_name: str) -> list[dict[str, Any]]:
    api, timeline = root + reverse("events:api-events"), root + reverse("events:timeline")
    return [
        {
            "slug": c.actor.slug,
            "name": shown(c.actor, "name").text,
            "kind": c.actor.kind,
            count_name: c.shared,
            "url": root + c.actor.get_absolute_url(),
            "api_url": root + reverse("events:api-actor", kwargs={"slug": c.actor.slug}),
            # The events they share, as data and on the timeline.
            "events_url": api + query(c.actor),
            "timeline_url": timeline + query(c.actor),
        }
        for c in ranking.companions
    ]


@data_view(reads=[])
def api_actor(request: HttpRequest, slug: str) -> HttpResponse:
    """An actor: who it is, its roles, how many published events it is in (and where to
    read them), and who it met, most shared events first."""
    actor = public_actor(slug)
    if actor is None:
        return json_response({"error": f"No actor at “{slug}”."}, status=404)
    root = site_root(request)
    ranking = met(actor)
    count = filter_events(Event.objects.published(), TimelineFilters(actors=(actor,))).count()
    query = _query(("actor", actor.slug))
    return json_response(
        {
            "slug": actor.slug,
            "name": shown(actor, "name").text,
            "kind": actor.kind,
            "kind_name": str(actor.get_kind_display()),
            "description": shown(actor, "description").text,
            "aliases": actor.alias_list,
            "roles": [_role(role) for role in actor.roles.all()],
            "url": root + actor.get_absolute_url(),
            "events": {
                "count": count,
                "url": root + reverse("events:api-events") + query,
                "timeline_url": root + reverse("events:timeline") + query,
            },
            "met": _ranked(
                ranking,
                root=root,
                query=lambda other: together(actor, other),
                count_name="shared_events",
            ),
            # Whether more actors share events with it than are listed.
            "met_more": ranking.more,
        }
    )


@data_view(reads=[])
def api_place(request: HttpRequest, slug: str) -> HttpResponse:
    """A place: where it is, how many published events were held there (and where to read
    them), and the actors most often there."""
    place = public_place(slug)
    if place is None:
        return json_response({"error": f"No place at “{slug}”."}, status=404)
    root = site_root(request)
    ranking = regulars(place)
    count = filter_events(Event.objects.published(), TimelineFilters(places=(place,))).count()
    query = _query(("place", place.slug))
    return json_response(
        {
            "slug": place.slug,
            "name": shown(place, "name").text,
            "country": shown(place, "country").text,
            # Numbers, as the events' places give them.
            "latitude": float(place.latitude) if place.latitude is not None else None,
            "longitude": float(place.longitude) if place.longitude is not None else None,
            "url": root + place.get_absolute_url(),
            "events": {
                "count": count,
                "url": root + reverse("events:api-events") + query,
                "timeline_url": root + reverse("events:timeline") + query,
            },
            "actors": _ranked(
                ranking,
                root=root,
                query=lambda actor: at_place(place, actor),
                count_name="events_here",
            ),
            "actors_more": ranking.more,
        }
    )
