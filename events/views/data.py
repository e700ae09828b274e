"""The timeline as data: the JSON API, TimelineJS, CSV, iCalendar, the Atom feed and
robots.txt. Each takes the timeline's filters; a bad one answers 400 in JSON, naming it."""

import functools
import json
from collections.abc import Callable, Collection, Iterator
from typing import Any
from urllib.parse import urlsplit

from django.contrib.syndication.views import Feed
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from events.caching import View, public
from events.exports.ical import calendar_chunks
from events.exports.records import Addresses, record, rows
from events.exports.spreadsheet import csv_chunks
from events.exports.timelinejs import timelinejs
from events.filters import FILTER_PARAMETERS, TimelineFilterForm
from events.models import Event
from events.selectors import filter_events, find_event
from events.timeline.links import links_of
from events.timeline.paging import Cursor
from events.translations import shown
from events.views.addresses import moved_permanently, site_root

API_PAGE_SIZE, API_MAX_PAGE_SIZE = 50, 200
TIMELINEJS_MAX_EVENTS = 1000


class BadFilter(ValueError):
    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in errors.items()))
        self.errors = errors


def _filtered(request: HttpRequest, *, paged: bool = False) -> tuple[Any, bool]:
    """The published events the address's filters select (for the API, from its `after`
    position, or newest first from its `before` position), and whether they run newest
    first; or BadFilter naming every parameter that is wrong."""
    form = TimelineFilterForm(data=request.GET)
    errors = {name: list(messages) for name, messages in form.errors.items()}
    cursors: dict[str, Cursor] = {}
    if paged:
        for name in ("after", "before"):
            if request.GET.get(name):
                try:
                    cursors[name] = Cursor.parse(request.GET[name])
                except ValueError as error:
                    errors[name] = [str(error)]
        limit = request.GET.get("limit", str(API_PAGE_SIZE))
        # ASCII digits only: "²" and "①" pass isdigit() but int() cannot read them.
        if not (limit.isascii() and limit.isdigit()) or not 1 <= int(limit) <= API_MAX_PAGE_SIZE:
            errors["limit"] = [f"Give a number of events from 1 to {API_MAX_PAGE_SIZE}."]
    if errors:
        raise BadFilter(errors)
    filters = form.filters()
    events = filter_events(Event.objects.published(), filters)
    # In either order `after` means later and `before` earlier in time, as on the timeline.
    if "after" in cursors:
        events = events.filter(cursors["after"].later_q())
    if "before" in cursors:
        events = events.filter(cursors["before"].earlier_q())
    ordered = events.reverse_chronological() if filters.newest else events.chronological()
    return ordered, filters.newest


def data_view(*, reads: Collection[str], daily: bool = False) -> Callable[[View], View]:
    """A public data address reading the query parameters `reads`: GET or HEAD only, cached
    for readers (for the day only, when `daily`: see `public`), and a bad filter answered
    with 400 in JSON naming each parameter that is wrong."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                return view(request, *args, **kwargs)
            except BadFilter as error:
                return _json_error(error)

        return require_safe(public(answer, reads=reads, daily=daily))

    return decorate


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


@data_view(reads=[*FILTER_PARAMETERS, "after", "before", "limit"])
def api_events(request: HttpRequest) -> HttpResponse:
    """Published events with the timeline's filters, a page at a time (keyset: `next`),
    in timeline order or newest first (`order=newest`)."""
    events, newest = _filtered(request, paged=True)
    limit = int(request.GET.get("limit", API_PAGE_SIZE))
    root = site_root(request)
    found = list(rows(events, limit=limit + 1, newest=newest))
    next_url = None
    if len(found) > limit:
        found = found[:limit]
        last = found[-1]
        query = request.GET.copy()
        # Newest first, the next page is of earlier events.
        query["before" if newest else "after"] = str(
            Cursor(start=last.start, precision=last.precision, id=last.id)
        )
        next_url = f"{root}{request.path}?{query.urlencode()}"
    addresses = Addresses(root)
    body = {"events": [record(row, addresses=addresses) for row in found], "next": next_url}
    return _json(body)


@data_view(reads=[])
def api_event(request: HttpRequest, slug: str) -> HttpResponse:
    found = next(rows(Event.objects.published().filter(slug=slug), limit=1), None)
    if found is None:
        # A renamed event's old address leads to its new one, as its page's does.
        renamed = find_event(slug, among=Event.objects.published())
        if renamed is not None and renamed.moved:
            address = reverse("events:api-event", kwargs={"slug": renamed.event.slug})
            return _allow_any_origin(moved_permanently(request, address))
        body = {"error": f"No published event at “{slug}”."}
        return _json(body, status=404)
    addresses = Addresses(site_root(request))
    event = Event(pk=found.id, slug=found.slug, title=found.title)
    return _json({**record(found, addresses=addresses), "links": _links(event, addresses)})


def _links(event: Event, addresses: Addresses) -> list[dict[str, Any]]:
    """The event's links with other published events, each from this event's side."""
    return [
        {
            "kind": link.kind.value,
            # Which way it runs: from this event to the other, or from the other to this one.
            "from": event.slug if link.onward else link.other.slug,
            "to": link.other.slug if link.onward else event.slug,
            "text": link.text,
            "event": {
                "slug": link.other.slug,
                "title": link.other.title,
                "date": link.other.when,
                "value": link.other.span.value,
                "status": link.other.occurrence,
                "url": addresses.of(link.other.slug),
            },
        }
        for link in links_of(event)
    ]


@data_view(reads=FILTER_PARAMETERS)
def api_timelinejs(request: HttpRequest) -> HttpResponse:
    """The filtered events (the first 1,000) in TimelineJS 3's JSON format."""
    events, newest = _filtered(request)
    data = timelinejs(
        rows(events, limit=TIMELINEJS_MAX_EVENTS, newest=newest),
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


@data_view(reads=FILTER_PARAMETERS)
def events_csv(request: HttpRequest) -> HttpResponse:
    events, newest = _filtered(request)
    root = site_root(request)

    def lines(chosen: Any) -> Iterator[str]:
        addresses = Addresses(root)
        chosen_rows = rows(chosen, newest=newest)
        return csv_chunks(record(row, addresses=addresses) for row in chosen_rows)

    return _file(
        events,
        lines,
        content_type="text/csv; charset=utf-8",
        disposition='attachment; filename="peacetracker-events.csv"',
    )


@data_view(reads=FILTER_PARAMETERS)
def events_ics(request: HttpRequest) -> HttpResponse:
    events, newest = _filtered(request)
    root = site_root(request)
    host = urlsplit(root).hostname  # names each event's UID, the same whatever host was asked

    def chunks(chosen: Any) -> Iterator[bytes]:
        name = "Afghan peace process — Peacetracker"
        return calendar_chunks(rows(chosen, newest=newest), root=root, host=host, name=name)

    return _file(
        events,
        chunks,
        content_type="text/calendar; charset=utf-8",
        disposition='inline; filename="peacetracker.ics"',
    )


class EventFeed(Feed):
    """Recently published or updated events, newest first, with the timeline's filters."""

    feed_type = Atom1Feed
    title = gettext_lazy("Peacetracker: the Afghan peace process")
    subtitle = gettext_lazy("Events as they are published or updated, each with its sources.")
    ITEMS = 50
    # No `language` of its own: each feed is in the language of its address (/fa/feed/).

    # Its links are absolute, from the site's address: Django would otherwise make them from
    # the request's host and scheme.
    def get_object(self, request: HttpRequest) -> dict[str, Any]:
        self.root = site_root(request)
        self.host = urlsplit(self.root).hostname
        # Always newest first: a feed is read for what changed last.
        return {"events": _filtered(request)[0], "query": request.GET}

    def link(self, context: dict[str, Any]) -> str:
        query = context["query"].urlencode()
        return f"{self.root}/" + (f"?{query}" if query else "")

    def feed_url(self, context: dict[str, Any]) -> str:
        return self.root + reverse("events:feed")

    def item_link(self, event: Event) -> str:
        return self.root + event.get_absolute_url()

    def items(self, context: dict[str, Any]) -> list[Event]:
        latest = context["events"].order_by("-updated", "-id")[: self.ITEMS]
        return list(latest.prefetch_related("citations__source"))

    def item_title(self, event: Event) -> str:
        title = f"{shown(event, 'title').text} ({event.when})"
        if event.is_held:
            return title
        # What did not take place as dated says so first: "Postponed: …".
        return f"{event.get_occurrence_display()}: {title}"

    def item_description(self, event: Event) -> str:
        quotes = "".join(
            f"<blockquote>{escape(c.quote)}</blockquote><p>— {escape(c.source.title)}</p>"
            for c in event.citations.all()
        )
        said = "" if event.is_held else f"<p>{escape(event.get_occurrence_display())}.</p>"
        summary = shown(event, "summary").text
        return f"{said}<p>{escape(event.when)}: {escape(summary)}</p>{quotes}"

    def item_categories(self, event: Event) -> list[str]:
        # The status as a category too, for readers that filter on them.
        return [] if event.is_held else [str(event.get_occurrence_display())]

    def item_updateddate(self, event: Event) -> Any:
        return event.updated

    def item_pubdate(self, event: Event) -> Any:
        return event.created

    def item_guid(self, event: Event) -> str:
        # An Atom id never changes, even when the event's slug does: a tag URI (RFC 4151).
        return f"tag:{self.host},2021:event:{event.pk}"


@data_view(reads=FILTER_PARAMETERS)
def feed(request: HttpRequest) -> HttpResponse:
    response = EventFeed()(request)
    # The feed dates itself by its latest item, but If-Modified-Since is checked against the
    # data version's time (a citation saved later moves it): one validator for both, or a
    # reader's copy would seem stale or current by chance.
    del response["Last-Modified"]
    return _allow_any_origin(response)


@data_view(reads=[])
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {site_root(request)}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
