"""An agreement's page of commitments, and the same as JSON and CSV: who promised what, by
when, and what happened — each commitment's standing read from the events linked to it."""

import csv
import io
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from events.agreements import (
    Assessed,
    commitments_of,
    find_agreement,
    standing_words,
    tally,
    tally_words,
)
from events.caching import public
from events.dates import display
from events.exports.spreadsheet import BYTE_ORDER_MARK, neutralise
from events.models import Event
from events.timeline.commitments import drawings
from events.translations import shown
from events.views.addresses import moved_permanently, site_root
from events.views.data import _json as json_response
from events.views.data import data_view


def _agreement(request: HttpRequest, slug: str, address: str) -> Event | HttpResponse:
    """The agreement at `slug`, or a 301 to its new address when it was renamed."""
    found = find_agreement(slug)
    if found is None:
        raise Http404("No agreement at this address.")
    if found.moved:
        return moved_permanently(request, reverse(address, kwargs={"slug": found.event.slug}))
    return found.event


@require_safe
@public(daily=True)
def agreement_page(request: HttpRequest, slug: str) -> HttpResponse:
    agreement = _agreement(request, slug, "events:agreement")
    if isinstance(agreement, HttpResponse):
        return agreement
    assessed = commitments_of(agreement, today=timezone.localdate())
    context = {
        "agreement": agreement,
        "commitments": assessed,
        "tally_words": tally_words(tally(assessed)),
        "drawings": drawings(agreement, assessed),
        "canonical_url": site_root(request) + agreement.get_absolute_agreement_url(),
    }
    return render(request, "events/agreement.html", context)


# As data -------------------------------------------------------------------------------------


def _record(item: Assessed, root: str) -> dict[str, Any]:
    commitment, deadline = item.commitment, item.deadline
    due: dict[str, Any] | None = None
    if deadline is not None:
        due = {
            "date": display.written(deadline.span),
            "value": deadline.value,
            # The first and last day it may fall on (one day when known exactly).
            "earliest": deadline.earliest.isoformat(),
            "latest": deadline.latest.isoformat(),
            "within": None,
        }
        if deadline.count is not None:
            anchor = commitment.counted_from or commitment.agreement
            due["within"] = {
                "count": deadline.count,
                "unit": str(deadline.unit),
                "counted_from": {
                    "slug": anchor.slug,
                    "title": shown(anchor, "title").text,
                    "date": anchor.when,
                },
            }
    kept = item.timing
    return {
        "id": commitment.pk,
        "number": item.number,
        "promise": commitment.promise,
        "parties": [
            {"slug": a.slug, "name": shown(a, "name").text} for a in commitment.parties.all()
        ],
        "deadline": due,
        "deadline_note": commitment.deadline_note,
        "stated_by": (
            {
                "title": commitment.source.title,
                "publisher": commitment.source.publisher,
                "url": commitment.source.url,
                "published": commitment.source.published,
                "quote": commitment.quote,
            }
            if commitment.source_id
            else None
        ),
        "status": item.standing.value,
        "status_text": standing_words(item),
        # For a kept commitment with a deadline: whether on time (null: the dates cannot
        # tell), and the days after the deadline's last day (a minimum where not exact).
        "on_time": kept.on_time if kept else None,
        "days_late": kept.days_late if kept and kept.on_time is False else None,
        "days_late_exact": kept.exact if kept and kept.on_time is False else None,
        "deadline_passed": item.overdue,
        "decided_by": item.deciding.slug if item.deciding else None,
        "events": [
            {
                "slug": outcome.event.slug,
                "title": shown(outcome.event, "title").text,
                "date": outcome.event.when,
                "value": outcome.event.span.value,
                "effect": outcome.effect,
                "url": root + outcome.event.get_absolute_url(),
            }
            for outcome in item.outcomes
        ],
        "url": root + commitment.get_absolute_url(),
    }


@data_view(reads=[], daily=True)
def api_agreement(request: HttpRequest, slug: str) -> HttpResponse:
    """An agreement and its commitments, each with its deadline, standing and events."""
    agreement = _agreement(request, slug, "events:api-agreement")
    if isinstance(agreement, HttpResponse):
        return agreement
    root = site_root(request)
    assessed = commitments_of(agreement, today=timezone.localdate())
    return json_response(
        {
            "slug": agreement.slug,
            "title": shown(agreement, "title").text,
            "date": agreement.when,
            "value": agreement.span.value,
            "place": agreement.place.name if agreement.place else None,
            "actors": [
                {"slug": a.slug, "name": shown(a, "name").text} for a in agreement.actors.all()
            ],
            "url": root + agreement.get_absolute_agreement_url(),
            "event_url": root + agreement.get_absolute_url(),
            "csv_url": root + reverse("events:agreement-csv", kwargs={"slug": agreement.slug}),
            "tally": tally(assessed),
            "commitments": [_record(item, root) for item in assessed],
        }
    )


CSV_COLUMNS = [
    "number",
    "promise",
    "parties",
    "deadline",
    "deadline_value",
    "deadline_latest",
    "deadline_note",
    "status",
    "status_text",
    "days_late",
    "decided_by",
    "events",
    "url",
]


@data_view(reads=[], daily=True)
def agreement_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The commitments as a spreadsheet: one line each."""
    agreement = _agreement(request, slug, "events:agreement-csv")
    if isinstance(agreement, HttpResponse):
        return agreement
    root = site_root(request)
    out = io.StringIO()
    out.write(BYTE_ORDER_MARK)
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for item in commitments_of(agreement, today=timezone.localdate()):
        record = _record(item, root)
        due = record["deadline"] or {}
        row = {
            **record,
            "parties": "\n".join(p["name"] for p in record["parties"]),
            "deadline": due.get("date", ""),
            "deadline_value": due.get("value", ""),
            "deadline_latest": due.get("latest", ""),
            "days_late": "" if record["days_late"] is None else record["days_late"],
            "decided_by": record["decided_by"] or "",
            "events": "\n".join(
                f"{e['date']}: {e['title']} ({e['effect']}) {e['url']}" for e in record["events"]
            ),
        }
        writer.writerow([neutralise(str(row[column])) for column in CSV_COLUMNS])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{agreement.slug}-commitments.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
