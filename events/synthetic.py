"""Synthetic events for load and scale work: reproducible from a seed, shaped like the real
thing (decades of dates at every precision, ranges, actors, places, types, sources quoted,
some drafts, a few events planned, postponed or cancelled rather than held) and written in
bulk, so 100,000 take seconds rather than minutes."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from events import caching, search
from events.dates.values import Precision, truncate
from events.models import (
    Actor,
    Citation,
    Event,
    EventType,
    OccurrenceStatus,
    Place,
    Source,
    text_checksum,
)

BATCH = 5000
EVENTS_PER_SOURCE = 4
FIRST_DAY, LAST_DAY = date(1979, 1, 1), date(2025, 12, 31)
# Whether events took place: most were held, about one in fifty still planned, postponed or
# cancelled (weights per thousand), so that `?status=postponed` has a few events to find.
OCCURRENCES = {
    OccurrenceStatus.HELD: 980,
    OccurrenceStatus.POSTPONED: 10,
    OccurrenceStatus.CANCELLED: 5,
    OccurrenceStatus.PLANNED: 5,
}

_FIRST = [
    "Abdul",
    "Amina",
    "Farid",
    "Hamid",
    "Laila",
    "Mariam",
    "Nasir",
    "Omar",
    "Rahim",
    "Sahar",
    "Tariq",
    "Wahid",
    "Yusuf",
    "Zahra",
    "Elena",
    "Igor",
    "James",
    "Sofia",
]
_LAST = [
    "Ahmadi",
    "Barakzai",
    "Durrani",
    "Habibi",
    "Karimi",
    "Nazari",
    "Popal",
    "Qaderi",
    "Rahimi",
    "Sadat",
    "Wardak",
    "Yusufzai",
    "Ivanova",
    "Petrov",
    "Carter",
    "Rossi",
]
_BODIES = [
    "Council",
    "Commission",
    "Front",
    "Movement",
    "Mission",
    "Office",
    "Alliance",
    "Committee",
    "Jirga",
    "Delegation",
]
_STATES = [
    "Afghanistan",
    "Pakistan",
    "Iran",
    "Russia",
    "China",
    "India",
    "Qatar",
    "Turkey",
    "Uzbekistan",
    "Tajikistan",
    "United States",
    "Germany",
    "Norway",
    "Indonesia",
]
_CITIES = [
    "Kabul",
    "Herat",
    "Kandahar",
    "Mazar",
    "Jalalabad",
    "Kunduz",
    "Ghazni",
    "Bamyan",
    "Doha",
    "Islamabad",
    "Tehran",
    "Moscow",
    "Tashkent",
    "Istanbul",
    "Oslo",
    "Geneva",
]
_VERBS = [
    "meet",
    "hold talks with",
    "sign an accord with",
    "exchange prisoners with",
    "issue a joint statement with",
    "agree a ceasefire with",
    "host",
    "visit",
]
_TYPES = [
    "Talks",
    "Agreement",
    "Visit",
    "Conference",
    "Ceasefire",
    "Statement",
    "Prisoner release",
    "Summit",
]
_PUBLISHERS = ["Daily Times", "Tolo News", "Pajhwok", "Dawn", "Reuters", "AFP"]


@dataclass(frozen=True)
class Generated:
    events: int
    drafts: int
    sources: int
    actors: int
    places: int


def generate(*, count: int, seed: int = 1) -> Generated:
    """Create `count` synthetic events (and their sources, actors and places)."""
    rng = random.Random(seed)
    prefix = f"s{seed}"
    if Event.objects.filter(slug__startswith=f"{prefix}-").exists():
        raise ValueError(f"Synthetic events of seed {seed} exist already: use another seed.")
    with transaction.atomic():
        types = [
            EventType.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
            for name in _TYPES
        ]
        # Actors and places grow with the events, as they do in the news: about 25 events
        # per actor and 50 per place, whatever the size.
        actors = _actors(rng, prefix, max(20, count // 10))
        places = _places(rng, prefix, max(10, count // 50))
        # Drawn apart from the rest, so that a seed gives the same events, actors and places
        # as before there were statuses (benchmark figures stay comparable).
        occurrences = random.Random(f"{seed}-occurrence")
        plans = [
            _plan(rng, index, prefix, types, places, occurrence=_occurrence(occurrences))
            for index in range(count)
        ]
        sources = _sources(rng, prefix, plans)
        # Events, their links and citations go in as plain rows with ids of our choosing:
        # building hundreds of thousands of model objects would take most of the time.
        first_id = (Event.objects.aggregate(last=Max("id"))["last"] or 0) + 1
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        day = connection.ops.adapt_datefield_value
        columns = [
            "id", "title", "slug", "summary", "body", "start", "precision", "end", "type_id",
            "place_id", "status", "occurrence", "is_key", "created", "updated",
        ]  # fmt: skip
        rows, links, citations = [], [], []
        for number, plan in enumerate(plans):
            event_id = first_id + number
            rows.append(
                (event_id, *plan.values[:4], day(plan.start), plan.precision, day(plan.end),
                 *plan.values[4:], now, now)
            )  # fmt: skip
            for actor in rng.sample(actors, rng.randint(1, 4)):
                links.append((event_id, actor.pk))
            citations.append((event_id, sources[plan.source].pk, plan.sentence))
        _insert_rows(Event, columns, rows)
        _insert_rows(Event.actors.through, ["event_id", "actor_id"], links)
        _insert_rows(Citation, ["event_id", "source_id", "quote"], citations)
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [Event, Citation]):
                cursor.execute(statement)
        ids = list(range(first_id, first_id + count))
        for start in range(0, len(ids), BATCH):
            search.reindex(ids[start : start + BATCH])
        caching.data_changed()  # rows written directly send no signals
    drafts = sum(1 for plan in plans if plan.draft)
    return Generated(count, drafts, len(sources), len(actors), len(places))


def _actors(rng: random.Random, prefix: str, how_many: int) -> list[Actor]:
    made = []
    for index in range(how_many):
        # The same three kinds, drawn in the same proportions, as before there were more.
        kinds = [Actor.Kind.PERSON, Actor.Kind.ORGANISATION, Actor.Kind.GOVERNMENT]
        kind = rng.choices(kinds, weights=[6, 3, 1])[0]
        if kind == Actor.Kind.PERSON:
            name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        elif kind == Actor.Kind.ORGANISATION:
            name = f"{rng.choice(_CITIES)} {rng.choice(_BODIES)}"
        else:
            name = rng.choice(_STATES)
        name = f"{name} ({prefix}-{index})"  # unique, and plainly synthetic
        made.append(Actor(name=name, slug=slugify(name), kind=kind))
    return _existing(Actor, made)


def _places(rng: random.Random, prefix: str, how_many: int) -> list[Place]:
    made = []
    for index in range(how_many):
        name = f"{rng.choice(_CITIES)} ({prefix}-{index})"
        made.append(
            Place(
                name=name,
                slug=slugify(name),
                country=rng.choice(_STATES),
                latitude=round(rng.uniform(25, 45), 5),
                longitude=round(rng.uniform(55, 75), 5),
            )
        )
    return _existing(Place, made)


def _existing(model: type, made: list) -> list:
    """The rows made, or those of the same slug already there (a run of the same seed)."""
    model.objects.bulk_create(made, ignore_conflicts=True)
    by_slug = model.objects.in_bulk([row.slug for row in made], field_name="slug")
    return [by_slug[row.slug] for row in made]


@dataclass(frozen=True)
class _Plan:
    # title, slug, summary, body; then type, place, status, occurrence, key: in the table's
    # order
    values: tuple
    start: date
    precision: int
    end: date | None
    sentence: str
    source: int

    @property
    def draft(self) -> bool:
        return self.values[6] == Event.Status.DRAFT


def _occurrence(rng: random.Random) -> str:
    return str(rng.choices(list(OCCURRENCES), weights=list(OCCURRENCES.values()))[0])


def _plan(
    rng: random.Random,
    index: int,
    prefix: str,
    types: list[EventType],
    places: list[Place],
    *,
    occurrence: str,
) -> _Plan:
    day = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
    precision = rng.choices([Precision.DAY, Precision.MONTH, Precision.YEAR], [70, 20, 10])[0]
    start = truncate(day, precision)
    end = None
    if precision == Precision.DAY and rng.random() < 0.12:
        end = start + timedelta(days=rng.randint(1, 5))
    place = rng.choice(places) if rng.random() < 0.9 else None
    where = place.name.split(" (")[0] if place else "an undisclosed place"
    party, other = rng.choice(_STATES), rng.choice(_BODIES)
    verb = rng.choice(_VERBS)
    title = f"{party} envoys {verb} the {other} in {where}"
    sentence = (
        f"Officials said {party} envoys would {verb} the {other} in {where}, "
        f"according to report {prefix}-{index}."
    )
    status = Event.Status.DRAFT if rng.random() < 0.05 else Event.Status.PUBLISHED
    values = (
        title,
        f"{prefix}-{index}-{slugify(title)[:60]}",
        f"{party} and the {other} in {where}: {verb}.",
        f"{sentence} Both sides described the meeting as constructive.",
        rng.choice(types).pk,
        place.pk if place else None,
        str(status),
        occurrence,
        rng.random() < 0.05,
    )
    return _Plan(values, start, int(precision), end, sentence, index // EVENTS_PER_SOURCE)


def _sources(rng: random.Random, prefix: str, plans: list[_Plan]) -> list[Source]:
    by_source: dict[int, list[_Plan]] = {}
    for plan in plans:
        by_source.setdefault(plan.source, []).append(plan)
    made = []
    for number, group in sorted(by_source.items()):
        text = " ".join(plan.sentence for plan in group)
        latest = max(plan.end or plan.start for plan in group)
        made.append(
            Source(
                title=f"Report {prefix}-{number}",
                publisher=rng.choice(_PUBLISHERS),
                url=f"https://news.example/{prefix}/{number}",
                published=latest + timedelta(days=rng.randint(0, 3)),
                text=text,
                checksum=text_checksum(text),
            )
        )
    return Source.objects.bulk_create(made, batch_size=BATCH)


def _insert_rows(model: type, columns: list[str], rows: list[tuple]) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH * 4):
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks})", rows[start : start + BATCH * 4]
            )
