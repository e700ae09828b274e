"""Loading the curated seed data in `seeds/`: idempotent, and never overwriting curation.

What is missing is created (the phases of the process too). An event the seed wrote and no one
has changed since is brought up to date with the file (so that a database seeded from an older
file gains the new citations and dates); any other existing row (matched by slug, by text for
articles, by address for linked sources) is left as the editors have it. An event whose slug an
editor has since renamed is found through its old address and not created again.
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

from events.dates.values import DateSpan, Precision, parse_iso_value, truncate
from events.ingest.articles import ArticleError, read_article
from events.models import (
    FORMER_KINDS,
    Actor,
    ActorRole,
    Citation,
    Commitment,
    Event,
    EventType,
    Phase,
    Place,
    Source,
)
from events.selectors import find_event
from events.services.commitments import record_commitment
from events.services.publishing import REASON_LENGTH, Cited, record_event
from events.services.sources import source_for_text
from events.translations import TRANSLATED_LANGUAGES

SEED_FILE = "timeline.json"
# The change reasons the seed writes into an event's history: an event whose latest change
# has one of them has been changed by no one but the seed.
SEEDED = "Seeded"
SEED_UPDATE = "Seeded: brought up to date with the seed file"
SEED_REASONS = (SEEDED, SEED_UPDATE[:REASON_LENGTH])


class SeedError(ValueError):
    """The seed data is inconsistent; nothing of it was written."""


@dataclass
class SeedReport:
    created: Counter[str] = field(default_factory=Counter)
    existing: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)

    def __str__(self) -> str:
        kinds = ("event types", "actors", "places", "phases", "sources", "events", "commitments")
        created = ", ".join(f"{self.created[kind]} {kind}" for kind in kinds)
        existing = sum(self.existing.values())
        updated = f"; {self.updated['events']} seeded events brought up to date" * bool(
            self.updated["events"]
        )
        return f"Created {created}{updated}; {existing} already present and left as they are."


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
            # Optional: a seed folder written before phases existed has none.
            for row in data.get("phases", []):
                _phase(row, report)
            sources = {
                _source_key(row): _source(row, directory, report) for row in data["sources"]
            }
            written = {}
            for row in data["events"]:
                if event := _event(row, types, actors, places, sources, report):
                    written[row["slug"]] = event
            for slug, event in written.items():
                row = next(row for row in data["events"] if row["slug"] == slug)
                event.related.add(*(_find_event(other) for other in row.get("related", [])))
            # Optional: a seed folder written before commitments existed has none.
            for row in data.get("commitments", []):
                _commitment(row, actors, sources, report)
    except KeyError as error:
        raise SeedError(
            f"Seed data refers to {error.args[0]!r}, which it does not define."
        ) from None
    except ValidationError as error:
        raise SeedError(f"Seed data breaks a rule: {'; '.join(error.messages)}") from None
    except ArticleError as error:
        raise SeedError(str(error)) from None
    return report


def _translations(row: dict[str, Any], *fields: str) -> dict[str, str]:
    """The Dari and Pashto translations a seed row gives ("name_fa", "title_ps"…)."""
    return {
        f"{field}_{code}": row.get(f"{field}_{code}", "")
        for field in fields
        for code in TRANSLATED_LANGUAGES
    }


def _fill_translations(obj: Any, translations: dict[str, str]) -> None:
    """Give a row the seed's translations it lacks; never one an editor has written."""
    missing = {
        name: value for name, value in translations.items() if value and not getattr(obj, name)
    }
    if missing:
        for name, value in missing.items():
            setattr(obj, name, value)
        obj.save(update_fields=list(missing))


def _type(row: dict[str, Any], report: SeedReport) -> EventType:
    names = _translations(row, "name")
    event_type, created = EventType.objects.get_or_create(
        slug=row["slug"],
        defaults={"name": row["name"], "description": row.get("description", ""), **names},
    )
    _count(report, "event types", created)
    _fill_translations(event_type, names)
    return event_type


def _actor(row: dict[str, Any], report: SeedReport) -> Actor:
    names = _translations(row, "name", "description")
    actor, created = Actor.objects.get_or_create(
        slug=row["slug"],
        defaults={
            **names,
            "name": row["name"],
            "kind": FORMER_KINDS.get(row["kind"], row["kind"]),
            "aliases": "\n".join(row.get("aliases", [])),
            "description": row.get("description", ""),
        },
    )
    _count(report, "actors", created)
    _fill_translations(actor, names)
    if created:
        # Optional: the roles a cited source states, as [{"role", "date", "end"}].
        for role in row.get("roles", []):
            span = _span(role, row["slug"])
            held = ActorRole(
                actor=actor,
                role=role["role"],
                start=span.start,
                precision=span.precision,
                end=span.end,
            )
            held.full_clean()
            held.save()
    return actor


def _place(row: dict[str, Any], report: SeedReport) -> Place:
    def coordinate(name: str) -> Decimal | None:
        return Decimal(row[name]) if row.get(name) is not None else None

    names = _translations(row, "name", "country")
    place, created = Place.objects.get_or_create(
        slug=row["slug"],
        defaults={
            **names,
            "name": row["name"],
            "country": row.get("country", ""),
            "latitude": coordinate("latitude"),
            "longitude": coordinate("longitude"),
        },
    )
    _count(report, "places", created)
    _fill_translations(place, names)
    return place


def _phase(row: dict[str, Any], report: SeedReport) -> Phase:
    phase = Phase.objects.filter(slug=row["slug"]).first()
    created = phase is None
    if phase is None:
        span = _span(row, row["slug"])
        phase = Phase(
            **_translations(row, "name", "description"),
            slug=row["slug"],
            name=row["name"],
            description=row.get("description", ""),
            start=span.start,
            precision=span.precision,
            end=span.end,
        )
        phase.full_clean()
        phase.save()
    _count(report, "phases", created)
    _fill_translations(phase, _translations(row, "name", "description"))
    return phase


def _commitment(
    row: dict[str, Any],
    actors: dict[str, Actor],
    sources: dict[str, Source],
    report: SeedReport,
) -> Commitment:
    """An agreement's commitment, created when the agreement has none with its promise (an
    editor's wording or deadline is never overwritten)."""
    agreement = _find_event(row["agreement"])
    existing = Commitment.objects.filter(agreement=agreement, promise=row["promise"]).first()
    _count(report, "commitments", existing is None)
    if existing is not None:
        return existing
    commitment = Commitment(
        agreement=agreement,
        promise=row["promise"],
        position=Commitment.objects.filter(agreement=agreement).count() + 1,
        deadline_note=row.get("note", ""),
        source=sources[row["source"]] if row.get("source") else None,
        quote=row.get("quote", ""),
    )
    if row.get("deadline"):
        commitment.deadline_start, commitment.deadline_precision = _date(
            row["deadline"], row["agreement"]
        )
    if row.get("within"):
        commitment.within, commitment.within_unit = row["within"], row["unit"]
    return record_commitment(
        commitment,
        parties=[actors[slug] for slug in row.get("parties", [])],
        outcomes=[(_find_event(slug), effect) for slug, effect in row.get("events", [])],
    )


def _source_key(row: dict[str, Any]) -> str:
    """How citations name a source: an article by its file, a linked source by its address."""
    return row.get("file") or row["url"]


def _source(row: dict[str, Any], directory: Path, report: SeedReport) -> Source:
    if row.get("file"):
        article = read_article(directory / row["file"])
        source, created = source_for_text(
            text=article.text,
            published=article.published,
            title=row["title"],
            publisher=row.get("publisher", ""),
            url=row.get("url", ""),
            language=row.get("language", ""),
        )
    else:
        # A linked source keeps the passages cited from it, never the article's text.
        source = Source.objects.filter(url=row["url"]).first()
        created = source is None
        if created:
            source = Source(
                title=row["title"],
                publisher=row.get("publisher", ""),
                via=row.get("via", ""),
                url=row["url"],
                published=_day(row["published"], row["url"]),
                language=row.get("language", ""),
            )
            source.full_clean()
            source.save()
    _count(report, "sources", created)
    # The language a source is written in says how its quotes are read (and spelt out by a
    # screen reader); sources seeded before the file said so learn it.
    if row.get("language") and not source.language:
        source.language = row["language"]
        source.save(update_fields=["language"])
    return source


def _event(
    row: dict[str, Any],
    types: dict[str, EventType],
    actors: dict[str, Actor],
    places: dict[str, Place],
    sources: dict[str, Source],
    report: SeedReport,
) -> Event | None:
    """The event `row` describes, created if missing or brought up to date if only the seed
    has written it; None when it stands as an editor left it."""
    slug = row["slug"]
    span = _span(row, slug)
    fields = {
        "slug": slug,
        "title": row["title"],
        "summary": row.get("summary", ""),
        "body": row.get("body", ""),
        **_translations(row, "title", "summary", "body"),
        "date_note": row.get("date_note", ""),
        "start": span.start,
        "precision": span.precision,
        "end": span.end,
        "type": types[row["type"]] if row.get("type") else None,
        "place": places[row["place"]] if row.get("place") else None,
        "is_key": row.get("key", False),
        # Whether it took place ("held" unless the file says "planned", "postponed"…).
        "occurrence": row.get("status", Event.Occurrence.HELD),
    }
    event_actors = [actors[actor] for actor in row.get("actors", [])]
    citations = [
        Cited(sources[c["source"]], c["quote"], _span(c, slug) if c.get("date") else None)
        for c in row["citations"]
    ]
    found = find_event(slug)
    if found is None:
        event = Event(**fields)
        record_event(event, actors=event_actors, citations=citations, publish=True, reason=SEEDED)
        report.created["events"] += 1
        return event
    event = found.event
    if found.moved or not _only_seeded(event):
        report.existing["events"] += 1
        return None
    if _bring_up_to_date(event, fields, event_actors, citations):
        report.updated["events"] += 1
    else:
        report.existing["events"] += 1
    return event


def _only_seeded(event: Event) -> bool:
    """Whether no one but the seed has changed `event` (its latest change is the seed's)."""
    latest = event.history.order_by("-history_date", "-history_id").first()
    return (
        latest is not None
        and latest.history_user_id is None
        and latest.history_change_reason in SEED_REASONS
        and event.status == Event.Status.PUBLISHED
    )


def _bring_up_to_date(
    event: Event, fields: dict[str, Any], actors: list[Actor], citations: list[Cited]
) -> bool:
    """Make a seeded event what the file says, writing only what differs; whether it did.
    Citations are added or corrected, never taken away."""
    changed = [name for name, value in fields.items() if getattr(event, name) != value]
    current = {citation.source_id: citation for citation in event.citations.all()}
    outdated = []
    for cited in citations:
        citation = current.get(cited.source.pk) or Citation(event=event, source=cited.source)
        before = _citation_state(citation)
        citation.quote = cited.quote
        citation.state_date(cited.stated)
        if citation.pk is None or _citation_state(citation) != before:
            outdated.append(citation)
    stale_actors = {actor.pk for actor in actors} != set(event.actors.values_list("pk", flat=True))
    if not (changed or outdated or stale_actors):
        return False
    for name in changed:
        setattr(event, name, fields[name])
    event.full_clean()
    event._change_reason = SEED_UPDATE[:REASON_LENGTH]
    event.save()
    event.actors.set(actors)
    for citation in outdated:
        citation.full_clean()
        citation.save()
    return True


def _citation_state(citation: Citation) -> tuple[Any, ...]:
    return (citation.quote, citation.stated_start, citation.stated_precision, citation.stated_end)


def _span(row: dict[str, Any], slug: str) -> DateSpan:
    """The date a row gives: "date" (an ISO value) and perhaps "end", in the same form."""
    start, precision = _date(row["date"], slug)
    end = None
    if row.get("end"):
        end = truncate(_date(row["end"], slug)[0], precision)
    return DateSpan(start, Precision(precision), end if end != start else None)


def _date(value: str, slug: str) -> tuple[date, int]:
    try:
        return parse_iso_value(value)
    except ValueError as error:
        raise SeedError(f"Event {slug!r}: {error}") from None


def _day(value: str, where: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise SeedError(f"Source {where!r}: {error}") from None


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
