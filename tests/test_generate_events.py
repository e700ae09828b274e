"""`generate_events` at scale: rows go in with the indexes dropped, and come out with every
index back, the search index filled and a progress bar on the way (issue 19)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from events import search
from events.management.commands.generate_events import ProgressBar
from events.models import Actor, Citation, Event, Place, Source

pytestmark = pytest.mark.django_db

TABLES = ["events_event", "events_event_actors", "events_citation", "events_source"]


def indexes() -> set[tuple[str, str]]:
    """Every index of the tables, by name and definition, as the database holds them."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            marks = ", ".join(["%s"] * len(TABLES))
            cursor.execute(
                f"SELECT name, COALESCE(sql, '') FROM sqlite_master WHERE type = 'index' "
                f"AND tbl_name IN ({marks})",
                TABLES,
            )
        else:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)", [TABLES]
            )
        return set(cursor.fetchall())


def foreign_keys() -> set[tuple]:
    """Every foreign key of the tables, as the database holds them."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            found = set()
            for table in TABLES:
                cursor.execute(f"PRAGMA foreign_key_list({table})")
                found |= {(table, *row) for row in cursor.fetchall()}
            return found
        cursor.execute(
            "SELECT conname, conrelid::regclass::text, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(%s::text[]::regclass[])",
            [TABLES],
        )
        return set(cursor.fetchall())


def test_every_index_and_key_is_there_again_after_a_bulk_load():
    before, keys = indexes(), foreign_keys()
    assert len(before) > 10 and len(keys) >= 6
    call_command("generate_events", count=300, seed=21, verbosity=0)
    assert indexes() == before
    assert foreign_keys() == keys
    assert Event.objects.count() == 300
    assert Citation.objects.count() == 300
    # Sources written as plain rows are whole: each quotes its events' sentences.
    source = Source.objects.order_by("id").first()
    assert source.checksum and all(c.quote in source.text for c in source.citations.all())


def test_generated_events_are_found_by_the_search_index():
    call_command("generate_events", count=120, seed=22, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM events_search")
        assert cursor.fetchone()[0] == 120
    event = Event.objects.order_by("id").last()
    assert event.pk in search.best_ids(event.title, limit=120)


def test_ids_continue_after_a_bulk_load():
    call_command("generate_events", count=50, seed=23, verbosity=0)
    last = Event.objects.order_by("id").last()
    made = Event.objects.create(title="After", slug="after", start="2020-01-01", precision=3)
    assert made.pk > last.pk
    source = Source.objects.create(title="After", published="2020-01-01")
    assert source.pk > Source.objects.exclude(pk=source.pk).order_by("id").last().pk
    # Actors and places go in as plain rows too: the next one made takes the next id.
    actor = Actor.objects.create(name="After", slug="after", kind=Actor.Kind.PERSON)
    assert actor.pk > Actor.objects.exclude(pk=actor.pk).order_by("id").last().pk
    place = Place.objects.create(name="After", slug="after")
    assert place.pk > Place.objects.exclude(pk=place.pk).order_by("id").last().pk


def test_the_progress_bar_reports_each_stage_to_standard_error(capsys):
    call_command("generate_events", count=40, seed=24)
    out, err = capsys.readouterr()
    assert out.startswith("Created 40 events")
    stages = [line.split("[")[0].strip() for line in err.splitlines() if line.strip()]
    assert [stage for i, stage in enumerate(stages) if stage not in stages[:i]] == [
        "planning", "sources", "events", "actors of events", "citations", "indexes",
        "search index", "counts",
    ]  # fmt: skip
    assert "100.0%" in err.splitlines()[-1]


def test_off_a_terminal_the_bar_writes_a_line_a_tenth():
    stream = io.StringIO()
    bar = ProgressBar(stream)
    for done in [*range(0, 1000, 7), 1000]:
        bar("events", done, 1000)
    lines = stream.getvalue().splitlines()
    assert 10 <= len(lines) <= 11
    assert lines[-1].split("]")[1].split()[0] == "100.0%"


def test_a_bulk_load_leaves_the_planner_its_statistics():
    """After a bulk load the planner knows the tables' sizes (ANALYZE): without, SQLite reads
    every published event to find one actor's few, at a million events a second a page."""
    call_command("generate_events", count=120, seed=3, verbosity=0)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT stat FROM sqlite_stat1 "
                "WHERE tbl = 'events_event' AND idx = 'event_timeline_idx'"
            )
            rows = [int(stat.split()[0]) for (stat,) in cursor.fetchall()]
        else:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'events_event'")
            rows = [int(value) for (value,) in cursor.fetchall()]
    assert rows and all(n >= 120 for n in rows), rows
