"""The reader's pages: the timeline, its embed and each event's page. One view per page; an
htmx request gets a partial of the same template, and the response varies on the headers
that choose it."""

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from events import search
from events.agreements import commitment_count, commitments_touched
from events.caching import cached, data_version, public
from events.dates import display
from events.filters import FILTER_PARAMETERS, NEWEST, TimelineFilterForm
from events.models import Actor, Event, Phase, Place
from events.selectors import busiest, filter_events, find_event, neighbours, with_matches
from events.timeline.grouping import group_by_period
from events.timeline.links import links_of
from events.timeline.paging import PAGE_POSITION, page_of, requested_position
from events.translations import choice_label, reading_language
from events.views.addresses import moved_permanently, site_root
from events.views.axis import AXIS_PARAMETERS, axis_context, counts_of, every_phase


def _wants_fragment(request: HttpRequest) -> bool:
    # htmx asks for the whole page when restoring history it no longer has cached.
    return bool(request.htmx) and not request.htmx.history_restore_request


def _without(request: HttpRequest, name: str, value: str | None = None) -> str:
    """This view's address without one value of a filter (all of its values when `value` is
    None), opening at its start: where removing that filter leads."""
    query = request.GET.copy()
    for position in PAGE_POSITION:
        query.pop(position, None)
    if value is None:
        query.pop(name, None)
    else:
        query.setlist(name, [kept for kept in query.getlist(name) if kept != value])
    # Empty fields, as a form without JavaScript sends them, say nothing: left out.
    for key in list(query):
        query.setlist(key, [kept for kept in query.getlist(key) if kept.strip()])
        if not query.getlist(key):
            del query[key]
    return f"{request.path}?{query.urlencode()}" if query else request.path


def chosen_filters(request: HttpRequest, form: TimelineFilterForm) -> dict[str, Any]:
    """The filters the address applies, each named with the address without it (plain links,
    so removing one works without JavaScript), and the address without any of them."""
    chosen = [
        {"name": name, "label": label, "remove_url": _without(request, name, value)}
        for name, value, label in form.chosen()
    ]
    everything = request.path
    if form.filters().newest:
        # Clearing the filters keeps the order the reader chose: it is not a filter.
        everything += "?order=" + NEWEST
    return {
        "chosen_filters": chosen,
        # How many the folded "Filters" button hides (the search box stays in view).
        "folded_count": sum(1 for item in chosen if item["name"] != "q"),
        "clear_url": everything,
    }


def filter_form(request: HttpRequest, *, version: str) -> tuple[TimelineFilterForm, list[Phase]]:
    """The filters as the address gives them, checked, with the choices the form offers; and
    every phase (few, offered in the form and marked in the list where the page shows them)."""
    form = TimelineFilterForm(data=request.GET)
    form.is_valid()
    phases = every_phase(version=version)
    language = reading_language()
    form.offer(
        # Named in the page's language: each language's lists kept apart.
        actors=cached(f"busiest-actors-{language}", lambda: busiest(Actor), version=version),
        places=cached(f"busiest-places-{language}", lambda: busiest(Place), version=version),
        phases=[(phase.slug, choice_label(phase)) for phase in phases],
    )
    return form, phases


def _timeline_context(request: HttpRequest) -> dict[str, Any]:
    """The timeline as the address asks for it: filters, messages and one page of events."""
    version = getattr(request, "data_version", None) or data_version()[0]
    form, phases = filter_form(request, version=version)
    # A search's matches read once, and counted only so far: every query below reads them.
    filters = with_matches(form.filters())
    position, position_error = requested_position(request.GET)
    events = filter_events(Event.objects.published().for_listing(), filters)
    page = page_of(events, size=settings.PEACETRACKER_PAGE_SIZE, newest=filters.newest, **position)
    in_time = page.events[::-1] if filters.newest else page.events
    # The counts are the same for every page of a view: computed once per data version.
    counts = counts_of(events, filters, version=version)
    at = position.get("at")
    best = []
    if filters.q and not position:
        # Ranked by relevance (title words first), beside the list in time order.
        # Only where the words match few enough events to score them all.
        ranked = search.best_ids(
            filters.q, limit=30, among_at_most=settings.PEACETRACKER_SEARCH_COUNT_LIMIT
        )
        found = {event.pk: event for event in events.filter(pk__in=ranked)[:30]}
        best = [found[pk] for pk in ranked if pk in found][:3]
    return {
        "form": form,
        "filters": filters,
        "best_matches": best,
        "page": page,
        "groups": group_by_period(
            page.events,
            # The phase the list is narrowed to is named above it, not marked in it.
            phases=[phase for phase in phases if phase != filters.phase],
            more_above=bool(page.later if filters.newest else page.earlier),
            newest=filters.newest,
        ),
        "period": (display.written_between(in_time[0].span, in_time[-1].span) if in_time else ""),
        **chosen_filters(request, form),
        "overview": counts,
        **axis_context(
            request, Event.objects.published(), filters, counts, page.events, at, version, phases
        ),
        "position_error": position_error,
        # The filters alone, to carry into a jump to another period of the same view.
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


# What a timeline address says: which events (the filters) and which page of them.
TIMELINE_PARAMETERS = (*FILTER_PARAMETERS, *PAGE_POSITION, *AXIS_PARAMETERS)


@require_safe
@public(reads=TIMELINE_PARAMETERS)
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def timeline(request: HttpRequest) -> HttpResponse:
    template = "events/timeline.html"
    if _wants_fragment(request):
        template += "#results"
    return render(request, template, _timeline_context(request))


# Other sites may frame the embed, and only the embed.
_EMBED_CSP = {**settings.SECURE_CSP, "frame-ancestors": ["*"]}


@require_safe
@public(reads=TIMELINE_PARAMETERS)
@xframe_options_exempt
@csp_override(_EMBED_CSP)
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def embed(request: HttpRequest) -> HttpResponse:
    """A compact timeline for an iframe on another site."""
    template = "events/embed.html"
    if _wants_fragment(request):
        template = "events/timeline.html#results"
    return render(request, template, {**_timeline_context(request), "embedded": True})


@require_safe
@public(reads=["level"])
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An event's page; for htmx, just its full text and sources, to read in place."""
    events = Event.objects.all() if request.user.is_staff else Event.objects.published()
    found = find_event(
        slug,
        among=events.select_related("type", "place").prefetch_related(
            "actors", "citations__source"
        ),
    )
    if found is None:
        raise Http404("No event at this address.")
    if found.moved:
        return moved_permanently(request, found.event.get_absolute_url())
    event = found.event
    previous, following = neighbours(event)
    context = {
        "event": event,
        "previous": previous,
        "next": following,
        "related": event.related.published().chronological(),
        "canonical_url": site_root(request) + event.get_absolute_url(),
    }
    template = "events/event_detail.html"
    context["heading_level"] = 2
    if not _wants_fragment(request):
        # Read in place, the event shows its account and sources only.
        context["links"] = links_of(event)
        # An agreement leads to its commitments; an event to those it kept or broke.
        context["commitment_count"] = commitment_count(event)
        context["touched"] = commitments_touched(event)
    if _wants_fragment(request):
        # Read in place inside a list, its headings sit under the event's own.
        template += "#account"
        level = request.GET.get("level", "")
        context["heading_level"] = min(int(level), 6) if level in {"3", "4", "5", "6"} else 5
        context["inline"] = True
    return render(request, template, context)


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    # Browsers ask for /favicon.ico on pages that name no icon (the admin's).
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
