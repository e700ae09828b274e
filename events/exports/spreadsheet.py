"""CSV: one line per event, as spreadsheets open it."""

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

# Excel reads a file without a byte-order mark in the machine's legacy code page, turning
# "—" and "“" into mojibake; with it, every spreadsheet reads UTF-8. CSV readers that know
# UTF-8 skip it ("utf-8-sig").
BYTE_ORDER_MARK = "\ufeff"

# Leading characters that make a spreadsheet treat a cell as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CSV_COLUMNS = [
    "slug",
    "title",
    "summary",
    "date",
    "solar_hijri",
    "value",
    "start",
    "end",
    "precision",
    "status",
    "type",
    "place",
    "country",
    "latitude",
    "longitude",
    "actors",
    "source_titles",
    "source_publishers",
    "source_urls",
    "source_dates",
    "quotes",
    "key_event",
    "url",
    "updated",
]


def neutralise(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs: "=HYPERLINK(...)" gains a quote."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def csv_row(record: dict[str, Any]) -> list[str]:
    """One event's record flattened: several actors or sources share a cell, one a line."""
    place, sources = record["place"] or {}, record["sources"]

    def lines(field: str) -> str:
        return "\n".join(source[field] for source in sources)

    row = {
        **{
            key: record[key]
            for key in ("slug", "title", "summary", "date", "solar_hijri", "value", "start")
        },
        "end": record["end"] or "",
        "precision": record["precision"],
        "status": record["status"],
        "type": record["type"]["name"] if record["type"] else "",
        "place": place.get("name", ""),
        "country": place.get("country", ""),
        "latitude": "" if place.get("latitude") is None else str(place["latitude"]),
        "longitude": "" if place.get("longitude") is None else str(place["longitude"]),
        "actors": "; ".join(actor["name"] for actor in record["actors"]),
        "source_titles": lines("title"),
        "source_publishers": lines("publisher"),
        "source_urls": lines("url"),
        "source_dates": lines("published"),
        "quotes": lines("quote"),
        "key_event": "yes" if record["key_event"] else "no",
        "url": record["url"],
        "updated": record["updated"],
    }
    return [neutralise(str(row[column])) for column in CSV_COLUMNS]


def csv_chunks(records: Iterable[dict[str, Any]], *, lines_per_chunk: int = 200) -> Iterator[str]:
    """The CSV file, header first, in chunks of a few hundred lines so it can stream
    (a chunk per line would cost a write to the socket per event)."""
    buffer = io.StringIO()
    buffer.write(BYTE_ORDER_MARK)
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for number, record in enumerate(records, start=1):
        writer.writerow(csv_row(record))
        if number % lines_per_chunk == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
