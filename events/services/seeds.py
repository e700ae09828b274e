"""Loading the curated seed data in `seeds/`: idempotent, and never overwriting curation.

Whatever already exists (matched by slug, or by text for articles) is left as the editors
have it; only what is missing is created. An event whose slug an editor has since renamed is
found through its old address and not created again.
"""

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from events.dates.values import parse_iso_value, truncate
from events.ingest.articles import ArticleError, read_article
from events.models import Actor, Event, EventType, Place, Source
from events.selectors import find_event
from events.services.publishing import Cited, record_event
from events.services.sources import source_for_text

SEED_FILE = "timeline.json"


class SeedError(ValueError):
    """The seed data is inconsistent; nothing of it was written."""


@dataclass
class SeedReport:
    created: Counter[str] = field(default_factory=Counter)
    existing: Counter[str] = field(default_factory=Counter)

    def __str__(self) -> str:
        kinds = ("event types", "actors", "places", "sources", "events")
        created = ", ".join(f"{self.created[kind]} {kind}" for kind in kinds)
        existing = sum(self.existing.values())
        return f"Created {created}; {existing} already present and left as they are."


def load_seeds(*, directory: Path) -> SeedReport:
    """Create the seed data in `directory` that the database does not have yet."""
    try:
        data = json.loads((directory / SEED_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SeedError(f"{directory / SEED_FILE}: {error}") from None
    report = SeedReport()
    try:
        with transaction.atomic():
            types = {row["slug"]: _type(row, report) for row in data["types"]}
            actors = {row["slug"]: _actor(row, report) for row in data["actors"]}
            places = {row["slug"]: _place(row, report) for row in data["places"]}
            sources = {row["file"]: _source(row, directory, report) for row in data["sources"]}
            created = {}
            for row in data["events"]:
                if event := _event(row, types, actors, places, sources, report):
                    created[row["slug"]] = event
            for slug, event in created.items():
                row = next(row for row in data["events"] if row["slug"] == slug)
                event.related.add(*(_find_event(other) for other in row.get("related", [])))
    except KeyError as error:
        raise SeedError(
            f"Seed data refers to {error.args[0]!r}, which it does not define."
        ) from None
    except ValidationError as error:
        raise SeedError(f"Seed data breaks a rule: {'; '.join(error.messages)}") from None
    except ArticleError as error:
        raise SeedError(str(error)) from None
    return report


def _type(row: dict[str, Any], report: SeedReport) -> EventType:
    event_type, created = EventType.objects.get_or_create(
        slug=row["slug"], defaults={"name": row["name"], "description": row.get("description", "")}
    )
    _count(report, "event types", created)
    return event_type


def _actor(row: dict[str, Any], report: SeedReport) -> Actor:
    actor, created = Actor.objects.get_or_create(
        slug=row["slug"],
        defaults={
            "name": row["name"],
            "kind": row["kind"],
            "aliases": "\n".join(row.get("aliases", [])),
            "description": row.get("description", ""),
        },
    )
    _count(report, "actors", created)
    return actor


def _place(row: dict[str, Any], report: SeedReport) -> Place:
    def coordinate(name: str) -> Decimal | None:
        return Decimal(row[name]) if row.get(name) is not None else None

    place, created = Place.objects.get_or_create(
        slug=row["slug"],
        defaults={
            "name": row["name"],
            "country": row.get("country", ""),
            "latitude": coordinate("latitude"),
            "longitude": coordinate("longitude"),
        },
    )
    _count(report, "places", created)
    return place


def _source(row: dict[str, Any], directory: Path, report: SeedReport) -> Source:
    article = read_article(directory / row["file"])
    source, created = source_for_text(
        text=article.text,
        published=article.published,
        title=row["title"],
        publisher=row.get("publisher", ""),
        url=row.get("url", ""),
    )
    _count(report, "sources", created)
    return source


def _event(
    row: dict[str, Any],
    types: dict[str, EventType],
    actors: dict[str, Actor],
    places: dict[str, Place],
    sources: dict[str, Source],
    report: SeedReport,
) -> Event | None:
    slug = row["slug"]
    if find_event(slug) is not None:
        report.existing["events"] += 1
        return None
    start, precision = _date(row["date"], slug)
    end = None
    if row.get("end"):
        end = truncate(_date(row["end"], slug)[0], precision)
    event = Event(
        slug=slug,
        title=row["title"],
        summary=row.get("summary", ""),
        body=row.get("body", ""),
        start=start,
        precision=precision,
        end=end,
        type=types[row["type"]] if row.get("type") else None,
        place=places[row["place"]] if row.get("place") else None,
        is_key=row.get("key", False),
    )
    record_event(
        event,
        actors=[actors[actor] for actor in row.get("actors", [])],
        citations=[Cited(sources[c["source"]], c["quote"]) for c in row["citations"]],
        publish=True,
        reason="Seeded",
    )
    report.created["events"] += 1
    return event


def _date(value: str, slug: str) -> tuple[date, int]:
    try:
        return parse_iso_value(value)
    except ValueError as error:
        raise SeedError(f"Event {slug!r}: {error}") from None


def _find_event(slug: str) -> Event:
    found = find_event(slug)
    if found is None:
        raise SeedError(f"Seed data relates an event to {slug!r}, which does not exist.")
    return found.event


def _count(report: SeedReport, kind: str, created: bool) -> None:
    if created:
        report.created[kind] += 1
    else:
        report.existing[kind] += 1
