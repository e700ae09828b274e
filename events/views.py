"""HTTP: one view per page. An htmx request gets a partial of the same template."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from events.forms import TimelineFilterForm
from events.models import Event, EventRedirect
from events.timeline import Cursor, filter_events, group_by_period, page_of


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
    if request.GET.get("latest"):
        return {"latest": True}, None
    return {}, None


@require_GET
@vary_on_headers("HX-Request")
def timeline(request: HttpRequest) -> HttpResponse:
    form = TimelineFilterForm(data=request.GET)
    form.is_valid()
    filters = form.filters()
    position, position_error = _position(request)
    events = filter_events(Event.objects.published().for_listing(), filters)
    page = page_of(events, size=settings.PEACETRACKER_PAGE_SIZE, **position)
    context = {
        "form": form,
        "filters": filters,
        "page": page,
        "groups": group_by_period(page.events),
        "position_error": position_error,
    }
    template = "events/timeline.html"
    if _wants_fragment(request):
        template += "#results"
    return render(request, template, context)


@require_GET
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
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
        "canonical_url": request.build_absolute_uri(event.get_absolute_url()),
    }
    return render(request, "events/event_detail.html", context)


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    # Browsers ask for /favicon.ico on pages that name no icon (the admin's).
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
