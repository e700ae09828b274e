"""The map: where the events of a (filtered) timeline happened, drawn on the server."""

from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from events.caching import data_version, public
from events.dates import display
from events.filters import FILTER_PARAMETERS, MAX_PERIOD_LENGTH
from events.geo.drawing import REGIONS, WORLD, Spot, draw
from events.models import Event, Place
from events.selectors import filter_events, places_counted
from events.translations import place_label
from events.translations import shown as shown_field
from events.views.pages import chosen_filters, filter_form

MAP_PARAMETERS = (*FILTER_PARAMETERS, "region")


def _address(path: str, query: QueryDict, **changes: str | None) -> str:
    """`path` with the query, each change setting (or, None, removing) one parameter; empty
    values, as a form without JavaScript sends them, left out."""
    query = query.copy()
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query[name] = value
    for name in list(query):
        query.setlist(name, [value for value in query.getlist(name) if value.strip()])
        if not query.getlist(name):
            del query[name]
    return f"{path}?{query.urlencode()}" if query else path


def _described(place: Place, count: int) -> str:
    return ngettext("%(place)s: %(count)s event", "%(place)s: %(count)s events", count) % {
        "place": place_label(place).text,
        "count": display.numerals(count),
    }


@require_safe
@public(reads=MAP_PARAMETERS)
def places_map(request: HttpRequest) -> HttpResponse:
    version = getattr(request, "data_version", None) or data_version()[0]
    form, _phases = filter_form(request, version=version)
    events = filter_events(Event.objects.published(), form.filters())

    asked = request.GET.get("region", "").strip() or WORLD
    region = REGIONS.get(asked)
    region_error = ""
    if region is None:
        shown = asked if len(asked) <= MAX_PERIOD_LENGTH else asked[:MAX_PERIOD_LENGTH] + "…"
        names = ", ".join(str(known.name) for known in REGIONS.values())
        region_error = _("There is no map region “%(region)s”: choose one of %(names)s.") % {
            "region": shown,
            "names": names,
        }
        region = REGIONS[WORLD]

    timeline = reverse("events:timeline")
    here = reverse("events:map")
    rows, spots, unplaced = [], [], []
    counted = places_counted(events, form.filters())
    # Each place's events, with the other filters kept: the query written once, the place
    # (a slug, safe in an address as it is) added last, as `_address` would add it.
    others = _address(timeline, request.GET, region=None, place=None)
    joiner = "&" if "?" in others else "?"
    for place, count in counted.places:
        href = f"{others}{joiner}place={place.slug}"
        row = {"place": place, "count": count, "href": href, "label": _described(place, count)}
        rows.append(row)
        if place.latitude is None or place.longitude is None:
            unplaced.append(row)
        else:
            spots.append(
                Spot(
                    name=shown_field(place, "name").text,
                    description=row["label"],
                    longitude=float(place.longitude),
                    latitude=float(place.latitude),
                    count=count,
                    href=href,
                )
            )
    drawing = draw(region, spots)
    outside = {spot.href for spot in drawing.outside}
    context: dict[str, Any] = {
        "form": form,
        "filters": form.filters(),
        **chosen_filters(request, form),
        "region": region,
        "region_error": region_error,
        "regions": [
            {
                "region": known,
                "href": _address(here, request.GET, region=None if slug == WORLD else slug),
                "current": known == region,
            }
            for slug, known in REGIONS.items()
        ],
        "drawing": drawing,
        "rows": rows,
        "unplaced": unplaced,
        "outside": [row for row in rows if row["href"] in outside],
        "without_place": counted.unplaced,
        "more_places": counted.more_places,
        "more_events": counted.more_events,
        "timeline_url": _address(timeline, request.GET, region=None),
    }
    return render(request, "events/map.html", context)
