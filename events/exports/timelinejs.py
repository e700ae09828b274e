"""TimelineJS 3's JSON format, for embedding the timeline with Knight Lab's viewer."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.utils.html import escape

from events.dates.values import Precision
from events.exports.records import Addresses, ExportRow, record


def _timelinejs_date(value: date, precision: Precision) -> dict[str, str]:
    # Only the parts the precision has: a month event has no day.
    parts = {"year": str(value.year)}
    if precision >= Precision.MONTH:
        parts["month"] = str(value.month)
    if precision == Precision.DAY:
        parts["day"] = str(value.day)
    return parts


def timelinejs_event(row: ExportRow, *, addresses: Addresses) -> dict[str, Any]:
    data = record(row, addresses=addresses)
    quotes = "".join(
        f"<blockquote>{escape(source['quote'])}</blockquote>"
        f"<p>— {escape(source['title'])}"
        f"{', ' + escape(source['publisher']) if source['publisher'] else ''}, "
        f"{escape(source['published'])}</p>"
        for source in data["sources"]
    )
    # An event that did not take place as dated says so first.
    said = row.occurrence_label
    status = f'<p class="status"><strong>{escape(said)}</strong></p>' if said else ""
    text = (
        f"{status}<p>{escape(data['summary'])}</p>{quotes}"
        f'<p><a href="{escape(data["url"])}">Read on Peacetracker</a></p>'
    )
    item: dict[str, Any] = {
        "unique_id": data["slug"],
        "start_date": _timelinejs_date(row.start, row.precision),
        "display_date": data["date"],
        "text": {"headline": escape(data["title"]), "text": text},
    }
    if row.end:
        item["end_date"] = _timelinejs_date(row.end, row.precision)
    if data["type"]:
        item["group"] = escape(data["type"]["name"])
    return item


def timelinejs(rows: Iterable[ExportRow], *, root: str, title: str) -> dict[str, Any]:
    """The events as TimelineJS 3 reads them (its JSON format)."""
    addresses = Addresses(root)
    return {
        "title": {"text": {"headline": escape(title), "text": ""}},
        "events": [timelinejs_event(row, addresses=addresses) for row in rows],
    }
