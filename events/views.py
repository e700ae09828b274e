"""HTTP: one view per page. An htmx request gets a partial of the same template."""

import json
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.serializers.json import DjangoJSONEncoder
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from events import exports, search
from events.caching import cached, data_version, public
from events.dates.values import parse_iso_value
from events.forms import TimelineFilterForm
from events.models import Actor, Event, EventRedirect, Place
from events.timeline import (
    Cursor,
    busiest,
    filter_events,
    group_by_period,
    layout,
    mark_page,
    overview,
    page_of,
)


def _wants_fragment(request: HttpRequest) -> bool:
    # htmx asks for the whole page when restoring history it no longer has cached.
    return bool(request.htmx) and not request.htmx.history_restore_request


def _position(request: HttpRequest) -> tuple[dict[str, object], str | None]:
    """Which page of the timeline the address asks for, and a message if it is unreadable."""
    for name in ("after", "before"):
        if value := request.GET.get(name):
            try:
                return {name: Cursor.parse(value)}, None
            except ValueError:
                return {}, "That page address is not valid; showing the start of the timeline."
    if value := request.GET.get("at"):
        try:
            return {"at": parse_iso_value(value)[0]}, None
        except ValueError:
            return {}, "That period is not a date; showing the start of the timeline."
    if request.GET.get("latest"):
        return {"latest": True}, None
    return {}, None


def _timeline_context(request: HttpRequest) -> dict[str, Any]:
    """The timeline as the address asks for it: filters, messages and one page of events."""
    version = getattr(request, "data_version", None) or data_version()[0]
    form = TimelineFilterForm(data=request.GET)
    form.is_valid()
    form.offer(
        actors=cached("busiest-actors", lambda: busiest(Actor), version=version),
        places=cached("busiest-places", lambda: busiest(Place), version=version),
    )
    filters = form.filters()
    position, position_error = _position(request)
    events = filter_events(Event.objects.published().for_listing(), filters)
    page = page_of(events, size=settings.PEACETRACKER_PAGE_SIZE, **position)
    # The counts are the same for every page of a view: computed once per data version.
    counts = cached(f"overview:{filters.key}", lambda: overview(events), version=version)
    strip = mark_page(counts, page.events)
    best = []
    if filters.q and not position:
        # Ranked by relevance (title words first), beside the list in time order.
        ranked = search.best_ids(filters.q, limit=30)
        found = {event.pk: event for event in events.filter(pk__in=ranked)[:30]}
        best = [found[pk] for pk in ranked if pk in found][:3]
    return {
        "form": form,
        "filters": filters,
        "best_matches": best,
        "page": page,
        "groups": group_by_period(page.events),
        "overview": strip,
        "strip": layout(strip),
        "position_error": position_error,
        "site_root": site_root(request),
    }


@require_safe
@public
@vary_on_headers("HX-Request")
def timeline(request: HttpRequest) -> HttpResponse:
    template = "events/timeline.html"
    if _wants_fragment(request):
        template += "#results"
    return render(request, template, _timeline_context(request))


# Other sites may frame the embed, and only the embed.
_EMBED_CSP = {**settings.SECURE_CSP, "frame-ancestors": ["*"]}


@require_safe
@public
@xframe_options_exempt
@csp_override(_EMBED_CSP)
@vary_on_headers("HX-Request")
def embed(request: HttpRequest) -> HttpResponse:
    """A compact timeline for an iframe on another site."""
    template = "events/embed.html"
    if _wants_fragment(request):
        template = "events/timeline.html#results"
    return render(request, template, {**_timeline_context(request), "embedded": True})


@require_safe
@public
@vary_on_headers("HX-Request")
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An event's page; for htmx, just its full text and sources, to read in place."""
    events = Event.objects.all() if request.user.is_staff else Event.objects.published()
    event = (
        events.select_related("type", "place")
        .prefetch_related("actors", "citations__source")
        .filter(slug=slug)
        .first()
    )
    if event is None:
        redirect = (
            EventRedirect.objects.filter(old_slug=slug, event__in=events)
            .select_related("event")
            .first()
        )
        if redirect is None:
            raise Http404("No event at this address.")
        return HttpResponsePermanentRedirect(redirect.event.get_absolute_url())

    neighbours = Event.objects.published().exclude(pk=event.pk)
    position = Cursor.of(event)
    context = {
        "event": event,
        "previous": neighbours.filter(position.earlier_q()).reverse_chronological().first(),
        "next": neighbours.filter(position.later_q()).chronological().first(),
        "related": event.related.published().chronological(),
        "canonical_url": site_root(request) + event.get_absolute_url(),
    }
    template = "events/event_detail.html"
    context["heading_level"] = 2
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


def site_root(request: HttpRequest) -> str:
    """Scheme and host for absolute links: the configured site address, or this request's."""
    return settings.PEACETRACKER_SITE_URL or request.build_absolute_uri("/").rstrip("/")


# Data: the API, TimelineJS, files and feed -------------------------------------------------

API_PAGE_SIZE, API_MAX_PAGE_SIZE = 50, 200
TIMELINEJS_MAX_EVENTS = 1000


class BadFilter(ValueError):
    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in errors.items()))
        self.errors = errors


def _filtered(request: HttpRequest, *, paged: bool = False) -> Any:
    """The published events the address's filters select (for the API, from its `after`
    position), or BadFilter naming every parameter that is wrong."""
    form = TimelineFilterForm(data=request.GET)
    errors = {name: list(messages) for name, messages in form.errors.items()}
    after = None
    if paged:
        if request.GET.get("after"):
            try:
                after = Cursor.parse(request.GET["after"])
            except ValueError as error:
                errors["after"] = [str(error)]
        limit = request.GET.get("limit", str(API_PAGE_SIZE))
        if not limit.isdigit() or not 1 <= int(limit) <= API_MAX_PAGE_SIZE:
            errors["limit"] = [f"Give a number of events from 1 to {API_MAX_PAGE_SIZE}."]
    if errors:
        raise BadFilter(errors)
    events = filter_events(Event.objects.published(), form.filters())
    if after is not None:
        events = events.filter(after.later_q())
    return events.chronological()


def _allow_any_origin(response: HttpResponse) -> HttpResponse:
    # Public, read-only data: any site may fetch it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _json_error(error: BadFilter) -> HttpResponse:
    body = {
        "error": "Some parameters are not valid.",
        "parameters": [{"name": name, "messages": msgs} for name, msgs in error.errors.items()],
    }
    return _json(body, status=400)


# Inside JSON strings "<", ">" and "&" may be written as \u escapes: a reader gets the same
# data, but nothing in it can ever be taken for markup, however the response is handled.
_JSON_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _json(data: Any, *, status: int = 200) -> HttpResponse:
    """Data as JSON (UTF-8, markup characters escaped), readable from any site."""
    body = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).translate(_JSON_ESCAPES)
    response = HttpResponse(body, status=status, content_type="application/json")
    return _allow_any_origin(response)


@require_safe
@public
def api_events(request: HttpRequest) -> HttpResponse:
    """Published events with the timeline's filters, a page at a time (keyset: `next`)."""
    try:
        events = _filtered(request, paged=True)
    except BadFilter as error:
        return _json_error(error)
    limit = int(request.GET.get("limit", API_PAGE_SIZE))
    root = site_root(request)
    rows = list(exports.for_export(events)[: limit + 1])
    next_url = None
    if len(rows) > limit:
        rows = rows[:limit]
        query = request.GET.copy()
        query["after"] = str(Cursor.of(rows[-1]))
        next_url = f"{root}{request.path}?{query.urlencode()}"
    body = {"events": [exports.event_record(e, root=root) for e in rows], "next": next_url}
    return _json(body)


@require_safe
@public
def api_event(request: HttpRequest, slug: str) -> HttpResponse:
    event = exports.for_export(Event.objects.published()).filter(slug=slug).first()
    if event is None:
        body = {"error": f"No published event at “{slug}”."}
        return _json(body, status=404)
    record = exports.event_record(event, root=site_root(request))
    return _json(record)


@require_safe
@public
def api_timelinejs(request: HttpRequest) -> HttpResponse:
    """The filtered events (the first 1,000) in TimelineJS 3's JSON format."""
    try:
        events = _filtered(request)
    except BadFilter as error:
        return _json_error(error)
    data = exports.timelinejs(
        exports.for_export(events)[:TIMELINEJS_MAX_EVENTS],
        root=site_root(request),
        title="Afghan peace process — Peacetracker",
    )
    return _json(data)


# Exports up to this many events are built whole and cached; larger ones stream.
EXPORT_CACHE_LIMIT = 5_000


def _file(
    events: Any, chunks: Callable[[Any], Iterator[Any]], *, content_type: str, disposition: str
) -> HttpResponse:
    """An export: built whole (and so cached by `public`) when small, streamed when large,
    so neither time nor memory grows without bound."""
    if events.count() <= EXPORT_CACHE_LIMIT:
        response = HttpResponse(b"".join(_bytes(chunks(events))), content_type=content_type)
    else:
        response = StreamingHttpResponse(_bytes(chunks(events)), content_type=content_type)
    response["Content-Disposition"] = disposition
    return _allow_any_origin(response)


def _bytes(chunks: Iterator[Any]) -> Iterator[bytes]:
    for chunk in chunks:
        yield chunk if isinstance(chunk, bytes) else chunk.encode("utf-8")


@require_safe
@public
def events_csv(request: HttpRequest) -> HttpResponse:
    try:
        events = _filtered(request)
    except BadFilter as error:
        return _json_error(error)
    root = site_root(request)

    def lines(chosen: Any) -> Iterator[str]:
        return exports.csv_lines(
            exports.event_record(e, root=root) for e in exports.stream(chosen)
        )

    return _file(
        events,
        lines,
        content_type="text/csv; charset=utf-8",
        disposition='attachment; filename="peacetracker-events.csv"',
    )


@require_safe
@public
def events_ics(request: HttpRequest) -> HttpResponse:
    try:
        events = _filtered(request)
    except BadFilter as error:
        return _json_error(error)
    root, host = site_root(request), request.get_host().split(":")[0]

    def chunks(chosen: Any) -> Iterator[bytes]:
        name = "Afghan peace process — Peacetracker"
        return exports.calendar_chunks(exports.stream(chosen), root=root, host=host, name=name)

    return _file(
        events,
        chunks,
        content_type="text/calendar; charset=utf-8",
        disposition='inline; filename="peacetracker.ics"',
    )


class EventFeed(Feed):
    """Recently published or updated events, newest first, with the timeline's filters."""

    feed_type = Atom1Feed
    title = "Peacetracker: the Afghan peace process"
    subtitle = "Events as they are published or updated, each with its sources."
    ITEMS = 50

    def get_object(self, request: HttpRequest) -> dict[str, Any]:
        self.host = site_root(request).split("://", 1)[-1].split(":")[0]
        return {"events": _filtered(request), "query": request.GET}

    def link(self, context: dict[str, Any]) -> str:
        query = context["query"].urlencode()
        return "/" + (f"?{query}" if query else "")

    def items(self, context: dict[str, Any]) -> list[Event]:
        latest = context["events"].order_by("-updated", "-id")[: self.ITEMS]
        return list(latest.prefetch_related("citations__source"))

    def item_title(self, event: Event) -> str:
        return f"{event.title} ({event.when})"

    def item_description(self, event: Event) -> str:
        quotes = "".join(
            f"<blockquote>{escape(c.quote)}</blockquote><p>— {escape(c.source.title)}</p>"
            for c in event.citations.all()
        )
        return f"<p>{escape(event.when)}: {escape(event.summary)}</p>{quotes}"

    def item_updateddate(self, event: Event) -> Any:
        return event.updated

    def item_pubdate(self, event: Event) -> Any:
        return event.created

    def item_guid(self, event: Event) -> str:
        # An Atom id never changes, even when the event's slug does: a tag URI (RFC 4151).
        return f"tag:{self.host},2021:event:{event.pk}"


@require_safe
@public
def feed(request: HttpRequest) -> HttpResponse:
    try:
        return _allow_any_origin(EventFeed()(request))
    except BadFilter as error:
        return _json_error(error)


@require_safe
@public
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {site_root(request)}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
