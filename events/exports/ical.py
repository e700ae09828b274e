"""iCalendar (RFC 5545): the timeline as all-day events a calendar can subscribe to.

Written as text rather than through the icalendar library's object model: the file is a
handful of property kinds (text, date, UTC date-time, URI), and building objects for each of
a million events made the export ten times slower than the CSV. The tests read every file
back with the icalendar library, so the two must agree.
"""

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta

from events.dates.values import Precision, last_day
from events.exports.records import Addresses, ExportRow, record
from events.models import OccurrenceStatus

_CRLF = "\r\n"

# A VEVENT's STATUS (RFC 5545 §3.8.1.11) is TENTATIVE, CONFIRMED or CANCELLED. A postponed
# event has not been called off, but the date it keeps is no longer to be relied on (a new one
# is an event of its own, linked to it): TENTATIVE, as for one still planned, while CANCELLED
# would tell calendars to strike out what may yet take place. The description names which.
ICAL_STATUS = {
    OccurrenceStatus.HELD: "CONFIRMED",
    OccurrenceStatus.PLANNED: "TENTATIVE",
    OccurrenceStatus.POSTPONED: "TENTATIVE",
    OccurrenceStatus.CANCELLED: "CANCELLED",
}


def text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newline escaped.
    (Chained replaces: str.translate with a table is several times slower on long text.)"""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """A content line folded at 75 octets (§3.1), never inside a UTF-8 character; each
    continuation starts with a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line + _CRLF
    parts, start, limit = [], 0, 75
    while start < len(encoded):
        end = min(start + limit, len(encoded))
        # Step back off continuation bytes (10xxxxxx): a character is never split.
        while end < len(encoded) and (encoded[end] & 0xC0) == 0x80:
            end -= 1
        parts.append(encoded[start:end].decode("utf-8"))
        start, limit = end, 74  # the leading space counts
    return (_CRLF + " ").join(parts) + _CRLF


def _date(value: date) -> str:
    return value.strftime("%Y%m%d")


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _day_after_period(value: date, precision: Precision) -> date:
    # DTEND of an all-day event is exclusive: the day after the period ends.
    return last_day(value, precision) + timedelta(days=1)


def calendar_event(row: ExportRow, *, addresses: Addresses, host: str) -> str:
    data = record(row, addresses=addresses)
    sources = "\n\n".join(
        f"“{source['quote']}” — {source['title']}"
        f"{', ' + source['publisher'] if source['publisher'] else ''}, {source['published']}"
        f"{' ' + source['url'] if source['url'] else ''}"
        for source in data["sources"]
    )
    said = f"{row.occurrence_label}: " if row.occurrence_label else ""
    description = (
        f"{said}{data['date']}. {data['summary']}\n\nSources:\n{sources}\n\n{data['url']}"
    )
    lines = [
        "BEGIN:VEVENT",
        f"UID:{text(f'{row.slug}@{host}')}",
        f"DTSTAMP:{_utc(row.updated)}",
        f"LAST-MODIFIED:{_utc(row.updated)}",
        f"SUMMARY:{text(row.title)}",
        # Month and year events span their whole period; ranges run to the end of their
        # last day.
        f"DTSTART;VALUE=DATE:{_date(row.start)}",
        f"DTEND;VALUE=DATE:{_date(_day_after_period(row.end or row.start, row.precision))}",
        f"DESCRIPTION:{text(description.strip())}",
        f"URL:{data['url']}",
        f"STATUS:{ICAL_STATUS[OccurrenceStatus(row.occurrence)]}",
    ]
    if row.place:
        lines.append(f"LOCATION:{text(row.place['name'])}")
    if row.type:
        lines.append(f"CATEGORIES:{text(row.type[1])}")
    lines.append("END:VEVENT")
    return "".join(fold(line) for line in lines)


def calendar_chunks(
    rows: Iterable[ExportRow], *, root: str, host: str, name: str, per_chunk: int = 100
) -> Iterator[str]:
    """The iCalendar file, a hundred events a chunk, so it can stream."""
    addresses = Addresses(root)
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Peacetracker//Timeline//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{text(name)}",
    ]
    chunk = [fold(line) for line in head]
    for number, row in enumerate(rows, start=1):
        chunk.append(calendar_event(row, addresses=addresses, host=host))
        if number % per_chunk == 0:
            yield "".join(chunk)
            chunk = []
    chunk.append(fold("END:VCALENDAR"))
    yield "".join(chunk)
