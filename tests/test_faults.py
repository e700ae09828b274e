"""Faults: a database out of reach, two editors at once, moving the whole database."""

import io
import json
import logging
import re
from datetime import datetime
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.db import OperationalError, close_old_connections, connection, transaction

from events import caching, search
from events.models import Event, Suggestion
from tests import seeds
from tests.factories import CitationFactory, EventFactory
from tests.responses import page
from tests.seeds import SEEDS


def test_an_unreachable_database_gives_503_and_the_site_recovers(client, transactional_db, caplog):
    seeds.load()
    assert client.get("/").status_code == 200
    caching.forget_version()
    from django.core.cache import cache

    cache.clear()
    with unreachable_database(), caplog.at_level(logging.WARNING):
        for address in ("/", f"/events/{SEEDS.events[0].slug}/", "/api/events.json"):
            response = client.get(address)
            assert response.status_code == 503, address
            assert response["Retry-After"] == "30"
            assert "back in a moment" in response.content.decode()
    # Each time, a warning on the site's own logger, with the exception and its traceback.
    warnings = [record for record in caplog.records if record.name == "events.middleware"]
    assert len(warnings) == 3
    assert {record.levelno for record in warnings} == {logging.WARNING}
    assert all(isinstance(record.exc_info[1], OperationalError) for record in warnings)
    assert "Traceback" in caplog.text
    response = client.get("/")
    assert response.status_code == 200
    assert SEEDS.events[0].title in page(response).get_text()


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_connection_lost_in_the_middle_of_a_request_gives_503_and_the_next_one_reconnects(
    client, transactional_db, caplog, monkeypatch
):
    EventFactory(title="Talks in Doha")
    ranked = search.best_ids

    def server_drops_the_connection(text: str, **options: Any) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
        return ranked(text, **options)

    monkeypatch.setattr(search, "best_ids", server_drops_the_connection)
    with caplog.at_level(logging.WARNING):
        response = client.get("/?q=doha")
    monkeypatch.undo()
    # What a server does after every request (the test client leaves it out): a connection
    # that failed and no longer answers is closed, so the next request opens a new one.
    close_old_connections()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    [warning] = [record for record in caplog.records if record.name == "events.middleware"]
    assert isinstance(warning.exc_info[1], OperationalError)
    response = client.get("/?q=doha")
    assert response.status_code == 200
    assert "Talks in Doha" in response.content.decode()


def test_a_missing_table_is_a_server_error_with_its_traceback_logged(client, db, caplog):
    EventFactory(title="Talks in Doha")
    with connection.cursor() as cursor:
        # As if the migration that creates the search table had not been run.
        cursor.execute("DROP TABLE events_search")
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/?q=doha")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Something went wrong on our side" in response.content.decode()
    [error] = [record for record in caplog.records if record.name == "django.request"]
    assert error.levelno == logging.ERROR
    assert "events_search" in str(error.exc_info[1])  # "no such table" / "does not exist"
    assert "Traceback" in caplog.text
    assert not [record for record in caplog.records if record.name == "events.middleware"]


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_query_the_database_cancels_is_a_server_error_not_an_outage(
    client, transactional_db, caplog, monkeypatch
):
    EventFactory(title="Talks in Doha")

    def too_slow(text: str, **options: Any) -> list[int]:
        # PostgreSQL reports a cancelled statement as an OperationalError, as it does a lost
        # connection; but the database is there and answers the next query.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 1")
            cursor.execute("SELECT pg_sleep(10)")
        return []

    monkeypatch.setattr(search, "best_ids", too_slow)
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/?q=doha")
    assert response.status_code == 500
    assert "Retry-After" not in response
    [error] = [record for record in caplog.records if record.name == "django.request"]
    assert isinstance(error.exc_info[1], OperationalError)
    assert error.exc_info[1].__cause__.sqlstate == "57014"  # query_canceled


class unreachable_database:
    """The database stops answering: on PostgreSQL for real (a closed port), on SQLite (an
    in-memory test database that must not close) by failing every new connection."""

    def __enter__(self) -> None:
        self.vendor = connection.vendor
        if self.vendor == "postgresql":
            self.port = connection.settings_dict["PORT"]
            connection.close()
            connection.settings_dict["PORT"] = "1"
        else:
            self.saved = connection.connection
            connection.connection = None

            def refuse(*args, **kwargs):
                raise OperationalError("unable to open database file")

            self.original = connection.get_new_connection
            connection.get_new_connection = refuse

    def __exit__(self, *exc) -> None:
        if self.vendor == "postgresql":
            connection.close()
            connection.settings_dict["PORT"] = self.port
        else:
            connection.get_new_connection = self.original
            connection.connection = self.saved


def test_the_second_of_two_editors_is_told_and_nothing_is_overwritten(admin_client, db):
    citation = CitationFactory(event=EventFactory(title="Talks in Doha", slug="talks"))
    event = citation.event

    def form(title: str, seen: str) -> dict:
        return {
            "title": title,
            "slug": "talks",
            "status": "published",
            "when": "29 February 2020",
            "summary": "",
            "body": "",
            "seen": seen,
            "citations-TOTAL_FORMS": "1",
            "citations-INITIAL_FORMS": "1",
            "citations-0-id": citation.pk,
            "citations-0-event": event.pk,
            "citations-0-source": citation.source.pk,
            "citations-0-quote": citation.quote,
            "redirects-TOTAL_FORMS": "0",
            "redirects-INITIAL_FORMS": "0",
            # Links to other events (none), and whether it took place.
            "links_out-TOTAL_FORMS": "0",
            "links_out-INITIAL_FORMS": "0",
            "occurrence": "held",
        }

    opened = event.updated.isoformat()  # both editors open the event now
    first = admin_client.post(f"/admin/events/event/{event.pk}/change/", form("First", opened))
    assert first.status_code == 302
    second = admin_client.post(f"/admin/events/event/{event.pk}/change/", form("Second", opened))
    assert second.status_code == 200
    assert "While you were editing, this event was changed by admin" in second.content.decode()
    event.refresh_from_db()
    assert event.title == "First"


_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z")


def snapshot() -> dict:
    """Every row, as the export writes it; a timestamp as the instant it is. (The export writes
    times to the millisecond, and one on a whole second without ".000": "12:00:00.000Z"
    before a round trip is "12:00:00Z" after it, the same instant.)"""
    out = io.StringIO()
    call_command("export_data", stdout=out)
    rows = json.loads(out.getvalue())
    return {
        (row["model"], json.dumps(row.get("pk"))): {
            name: datetime.fromisoformat(value)
            if isinstance(value, str) and _TIMESTAMP.fullmatch(value)
            else value
            for name, value in row["fields"].items()
        }
        for row in rows
    }


def test_export_and_import_round_trip_the_whole_database(transactional_db, tmp_path, admin_user):
    seeds.load()
    call_command("ingest", *(seeds.DIRECTORY / file for file in SEEDS.articles), verbosity=0)
    editors = Group.objects.create(name="Reviewers")
    editors.permissions.set(Permission.objects.filter(codename__in=["view_event", "add_event"]))
    admin_user.groups.add(editors)
    event = Event.objects.get(slug=SEEDS.events[0].slug)
    event.title = "Edited by an editor"
    event.slug = "renamed-by-an-editor"
    event.save()  # a history record and an old address
    # Changed less than a millisecond past a whole second (as one row in a thousand is).
    Event.objects.filter(pk=event.pk).update(updated=event.updated.replace(microsecond=400))
    before = snapshot()
    with_actors = SEEDS.pick("with actors", lambda event: event.actors)
    # The edited title, and an actor's name (which the index holds beside the event's text).
    searches = ["Edited", SEEDS.actors[with_actors.actors[0]]["name"]]
    found_before = {text: found(text) for text in searches}
    assert all(found_before.values())
    assert {model for model, _ in before} >= {
        "auth.user",
        "auth.group",
        "events.event",
        "events.citation",
        "events.historicalevent",
        "events.eventredirect",
        "events.suggestion",
    }
    export = tmp_path / "peacetracker.json"
    call_command("export_data", str(export))
    call_command("flush", interactive=False, verbosity=0)
    assert not Event.objects.exists()
    call_command("import_data", str(export))
    assert snapshot() == before
    # Search works on what was loaded.
    assert {text: found(text) for text in searches} == found_before
    with pytest.raises(CommandError, match="already holds"):
        call_command("import_data", str(export))


def found(text: str) -> set[int]:
    return set(Event.objects.filter(pk__in=search.matching(text)).values_list("pk", flat=True))


def test_a_broken_export_file_writes_nothing(transactional_db, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text(
        '[{"model": "events.eventtype", "pk": 1, "fields": {"name": "A", "slug"', "utf-8"
    )
    with pytest.raises(CommandError, match="not loaded, nothing written"):
        call_command("import_data", str(broken))
    assert not Suggestion.objects.exists() and not Event.objects.exists()
