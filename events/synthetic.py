"""Synthetic events for load and scale work: reproducible from a seed, shaped like the real
thing (decades of dates at every precision, ranges, actors, places, types, sources quoted,
some drafts, a few events planned, postponed or cancelled rather than held) and written in
bulk, so 100,000 take seconds and a million a few minutes.

Rows go in as plain INSERTs with ids of our choosing, with the tables' secondary indexes
dropped first and built again once at the end (one sort per index rather than a million
insertions into each), and the search index filled by ranges of ids."""

import functools
import itertools
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
from events.services import counts

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


# Told how far each stage has gone: (stage, done, total).
Progress = Callable[[str, int, int], None]


def _quiet(stage: str, done: int, total: int) -> None:
    pass


def generate(*, count: int, seed: int = 1, progress: Progress = _quiet) -> Generated:
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
        type_ids = [kind.pk for kind in types]
        wheres = [_where(place) for place in places]
        plans = []
        for index in range(count):
            plans.append(
                _plan(rng, index, prefix, type_ids, wheres, occurrence=_occurrence(occurrences))
            )
            if index % BATCH == BATCH - 1:
                progress("planning", index + 1, count)
        progress("planning", count, count)
        with _bulk_load([Event, Event.actors.through, Citation, Source]):
            source_ids = _sources(rng, prefix, plans, progress)
            # Events, their links and citations go in as plain rows with ids of our
            # choosing: building a million model objects would take most of the time.
            first_id = (Event.objects.aggregate(last=Max("id"))["last"] or 0) + 1
            now = connection.ops.adapt_datetimefield_value(timezone.now())
            day = connection.ops.adapt_datefield_value
            columns = [
                "id", "title", "slug", "summary", "body", "start", "precision", "end",
                "type_id", "place_id", "status", "occurrence", "is_key", "created", "updated",
            ]  # fmt: skip
            rows, links, citations = [], [], []
            for number, plan in enumerate(plans):
                event_id = first_id + number
                rows.append(
                    (event_id, *plan.values[:4], day(plan.start), plan.precision,
                     day(plan.end), *plan.values[4:], now, now)
                )  # fmt: skip
                for actor in rng.sample(actors, rng.randint(1, 4)):
                    links.append((event_id, actor.pk))
                citations.append((event_id, source_ids[plan.source], plan.sentence))
            _insert_rows(Event, columns, rows, progress, "events")
            _insert_rows(Event.actors.through, ["event_id", "actor_id"], links, progress,
                         "actors of events")  # fmt: skip
            _insert_rows(Citation, ["event_id", "source_id", "quote"], citations, progress,
                         "citations")  # fmt: skip
            progress("indexes", 0, 1)
        progress("indexes", 1, 1)
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(
                no_style(), [Event, Citation, Source, Actor, Place]
            ):
                cursor.execute(statement)
        last_id = first_id + count - 1
        for start in range(first_id, last_id + 1, SEARCH_BATCH):
            search.reindex_range(start, min(start + SEARCH_BATCH - 1, last_id))
            progress("search index", min(start + SEARCH_BATCH, last_id + 1) - first_id, count)
        progress("counts", 0, 1)
        counts.recount_all()  # rows written directly send no signals
        progress("counts", 1, 1)
        caching.data_changed()
    drafts = sum(1 for plan in plans if plan.draft)
    return Generated(count, drafts, len(set(source_ids)), len(actors), len(places))


SEARCH_BATCH = 50_000  # events indexed per statement


@contextmanager
def _bulk_load(models: list[type]) -> Iterator[None]:
    """The tables' secondary indexes dropped while rows go in, and built again after: a
    million inserts each into half a dozen indexes cost far more than one sort each."""
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            marks = ", ".join(["%s"] * len(tables))
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                f"AND sql IS NOT NULL AND tbl_name IN ({marks})",
                tables,
            )
        else:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE schemaname = current_schema() AND tablename = ANY(%s) "
                # Not those that carry a constraint (a primary key, a unique rule).
                "AND indexname NOT IN (SELECT conname FROM pg_constraint)",
                [tables],
            )
        indexes = cursor.fetchall()
        keys: list[tuple[str, str, str]] = []
        if connection.vendor == "sqlite":
            # More of the database in memory while the indexes are built again.
            cursor.execute("PRAGMA cache_size = -262144")
        else:
            # Checks still pending from earlier in the transaction (rows deleted before
            # this load) are made now: PostgreSQL alters no table with checks pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            # PostgreSQL checks each row's foreign keys one by one (at commit, as Django
            # makes them deferred), and builds no index on a table with checks pending:
            # the keys go too, and are added back after, each checked in one pass.
            cursor.execute(
                "SELECT conname, conrelid::regclass::text, pg_get_constraintdef(oid) "
                "FROM pg_constraint WHERE contype = 'f' "
                "AND conrelid = ANY(%s::text[]::regclass[])",
                [tables],
            )
            keys = cursor.fetchall()
            for name, table, _ in keys:
                cursor.execute(
                    f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}"
                )
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        for _, definition in indexes:
            cursor.execute(definition)
        for name, table, definition in keys:
            cursor.execute(
                f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} "
                f"{definition}"
            )
        # Statistics for the planner: without them it may read a million rows where an
        # index would find a few (the search index's build, then every page; SQLite, for
        # one, reads every published event to find one actor's few).
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


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
    """The rows made, each with its id: those of a slug already there (a run of the same
    seed) take that row's, the rest go in as plain rows with ids of our choosing (Django's
    bulk_create prepares each value of each object: 12 s for 100,000 actors)."""
    slugs = [row.slug for row in made]
    there: dict[str, int] = {}
    for start in range(0, len(slugs), _LOOKUP_BATCH):
        chosen = model.objects.filter(slug__in=slugs[start : start + _LOOKUP_BATCH])
        there.update(chosen.values_list("slug", "pk"))
    next_id = (model.objects.aggregate(last=Max("id"))["last"] or 0) + 1
    fields = model._meta.concrete_fields
    rows = []
    for row in made:
        if row.slug in there:
            row.pk = there[row.slug]
            continue
        row.pk, next_id = next_id, next_id + 1
        rows.append(tuple(field.get_db_prep_save(getattr(row, field.attname), connection)
                          for field in fields))  # fmt: skip
    _insert_rows(model, [field.column for field in fields], rows)
    return made


_LOOKUP_BATCH = 10_000  # slugs looked for per statement, well under SQLite's 32,766


@dataclass(slots=True)
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


# Weights as running totals, worked out once: `choices` draws the same with them as with the
# weights themselves, without summing them again for each of a million events.
_OCCURRENCE_NAMES = [str(name) for name in OCCURRENCES]
_OCCURRENCE_TOTALS = list(itertools.accumulate(OCCURRENCES.values()))
_PRECISIONS = [int(Precision.DAY), int(Precision.MONTH), int(Precision.YEAR)]
_PRECISION_TOTALS = list(itertools.accumulate([70, 20, 10]))
_DAYS = (LAST_DAY - FIRST_DAY).days


def _occurrence(rng: random.Random) -> str:
    return rng.choices(_OCCURRENCE_NAMES, cum_weights=_OCCURRENCE_TOTALS)[0]


def _plan(
    rng: random.Random,
    index: int,
    prefix: str,
    type_ids: list[int],
    places: list[tuple[int, str]],
    *,
    occurrence: str,
) -> _Plan:
    """One event's plan. `places` are each place's id and the name a title gives it. The
    draws from `rng` stay in the same order: a seed gives the same events as before."""
    day = FIRST_DAY + timedelta(days=rng.randrange(_DAYS))
    precision = rng.choices(_PRECISIONS, cum_weights=_PRECISION_TOTALS)[0]
    start = truncate(day, precision)
    end = None
    if precision == Precision.DAY and rng.random() < 0.12:
        end = start + timedelta(days=rng.randint(1, 5))
    place_id, where = rng.choice(places) if rng.random() < 0.9 else _NOWHERE
    party, other = rng.choice(_STATES), rng.choice(_BODIES)
    verb = rng.choice(_VERBS)
    title = f"{party} envoys {verb} the {other} in {where}"
    sentence = (
        f"Officials said {party} envoys would {verb} the {other} in {where}, "
        f"according to report {prefix}-{index}."
    )
    status = _DRAFT if rng.random() < 0.05 else _PUBLISHED
    values = (
        title,
        f"{prefix}-{index}-{_slug(title)}",
        f"{party} and the {other} in {where}: {verb}.",
        f"{sentence} Both sides described the meeting as constructive.",
        rng.choice(type_ids),
        place_id,
        status,
        occurrence,
        rng.random() < 0.05,
    )
    return _Plan(values, start, precision, end, sentence, index // EVENTS_PER_SOURCE)


_NOWHERE = (None, "an undisclosed place")
_DRAFT, _PUBLISHED = str(Event.Status.DRAFT), str(Event.Status.PUBLISHED)


def _where(place: Place) -> tuple[int, str]:
    """A place's id and its name as a title says it: "Kabul", not "Kabul (Afghanistan)"."""
    return place.pk, place.name.split(" (")[0]


@functools.lru_cache(maxsize=65536)
def _slug(title: str) -> str:
    # Titles repeat (a few thousand combinations): each is made into a slug once.
    return slugify(title)[:60]


def _sources(
    rng: random.Random, prefix: str, plans: list[_Plan], progress: Progress
) -> dict[int, int]:
    """The sources the plans quote, as plain rows: the id of each, by its number."""
    by_source: dict[int, list[_Plan]] = {}
    for plan in plans:
        by_source.setdefault(plan.source, []).append(plan)
    first_id = (Source.objects.aggregate(last=Max("id"))["last"] or 0) + 1
    day = connection.ops.adapt_datefield_value
    rows, ids = [], {}
    for offset, (number, group) in enumerate(sorted(by_source.items())):
        text = " ".join(plan.sentence for plan in group)
        latest = max(plan.end or plan.start for plan in group)
        ids[number] = first_id + offset
        rows.append(
            (
                first_id + offset,
                f"Report {prefix}-{number}",
                rng.choice(_PUBLISHERS),
                "",
                f"https://news.example/{prefix}/{number}",
                day(latest + timedelta(days=rng.randint(0, 3))),
                text,
                "",
                text_checksum(text),
                "",
                "",
            )
        )
    columns = [
        "id", "title", "publisher", "via", "url", "published", "text", "language", "checksum",
        "archive_url", "check_error",
    ]  # fmt: skip
    _insert_rows(Source, columns, rows, progress, "sources")
    return ids


def _insert_rows(
    model: type,
    columns: list[str],
    rows: list[tuple],
    progress: Progress = _quiet,
    stage: str = "rows",
) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    marks = ", ".join(["%s"] * len(columns))
    step = BATCH * 4
    if connection.vendor == "postgresql":
        # PostgreSQL's COPY: rows streamed in one statement, several times faster than
        # inserting them, even in batches.
        connection.ensure_connection()
        with (
            connection.connection.cursor() as raw,
            raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for number, row in enumerate(rows, start=1):
                copy.write_row(row)
                if number % step == 0:
                    progress(stage, number, len(rows))
        progress(stage, len(rows), len(rows))
        return
    with connection.cursor() as cursor:
        for start in range(0, len(rows), step):
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks})", rows[start : start + step]
            )
            progress(stage, min(start + step, len(rows)), len(rows))
