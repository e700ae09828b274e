"""The whole database as one JSON file, and back: for moving, restoring or checking it.

Everything an editor made is in it: accounts and groups, events and all they link to,
sources, suggestions, the history of changes and the admin's log. Content types and
permissions travel by name, so the file loads into any freshly migrated database.
"""

import datetime
from pathlib import Path
from typing import Any, TextIO

from django.contrib.auth.models import User
from django.core import serializers
from django.core.management import call_command
from django.core.serializers import json
from django.db import transaction
from django.test.utils import override_settings

from events import caching, search
from events.models import Actor, Event, Source
from events.services import counts
from events.services.publishing import unsourced_published

# What the file holds; sessions, content types and permissions are the database's own.
LABELS = ["auth.group", "auth.user", "events", "admin.logentry"]
# Django's JSON, with times to the microsecond; any JSON loader of Django's reads it back.
FORMAT = "json-microseconds"


class NotEmpty(ValueError):
    """The target database already holds data; importing would mix two timelines."""


class BreaksARule(ValueError):
    """The file holds what the database's rules refuse; nothing of it was kept."""


class _Encoder(json.DjangoJSONEncoder):
    """Times in full: Django's encoder keeps milliseconds (JavaScript's precision), so a
    restored database would differ from the one saved."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(json.Serializer):
    """The backup's format (this module is registered as it, for dumpdata)."""

    def _init_options(self) -> None:
        self.options.setdefault("cls", _Encoder)
        super()._init_options()


Deserializer = json.Deserializer


def export_data(out: TextIO) -> None:
    serializers.register_serializer(FORMAT, __name__)
    call_command(
        "dumpdata",
        *LABELS,
        format=FORMAT,
        natural_foreign=True,
        # The cache's counter and the counts kept per month (and per type and status) and
        # per place, type and status: not content, and made again from the events on import.
        exclude=[
            "events.dataversion",
            "events.monthcount",
            "events.typemonthcount",
            "events.placetypecount",
        ],
        indent=1,
        stdout=out,
        verbosity=0,
    )


def import_data(path: Path) -> None:
    """Load an export into an empty database, all of it or nothing."""
    if any(m.objects.exists() for m in (Event, Actor, Source, User)):
        raise NotEmpty(
            "This database already holds events, actors, sources or accounts: import into an "
            "empty one (migrated, nothing else)."
        )
    # The file holds the history as it was: loading it must not add records of its own
    # (linking actors, unlike saving rows, would make simple-history write some).
    with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
        call_command("loaddata", str(path), verbosity=0)
        # Rows loaded raw pass no form or service: the publishing rule is checked here.
        unsourced = list(unsourced_published(Event.objects.all()).values_list("slug", flat=True))
        if unsourced:
            raise BreaksARule(
                "Published events must cite a source, and these cite no source: "
                f"{', '.join(unsourced[:20])}. Return them to draft (or cite a source) in the "
                "database they come from, export it again and import that."
            )
        # Rows loaded raw send no signals: index and retire caches here.
        search.reindex(None)
        counts.recount_all()
        caching.data_changed()
