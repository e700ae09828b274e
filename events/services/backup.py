"""The whole database as one JSON file, and back: for moving, restoring or checking it.

Everything an editor made is in it: accounts and groups, events and all they link to,
sources, suggestions, the history of changes and the admin's log. Content types and
permissions travel by name, so the file loads into any freshly migrated database.
"""

from pathlib import Path
from typing import TextIO

from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

from events import caching, search
from events.models import Actor, Event, Source

# What the file holds; sessions, content types and permissions are the database's own.
LABELS = ["auth.group", "auth.user", "events", "admin.logentry"]


class NotEmpty(ValueError):
    """The target database already holds data; importing would mix two timelines."""


def export_data(out: TextIO) -> None:
    call_command(
        "dumpdata",
        *LABELS,
        natural_foreign=True,
        exclude=["events.dataversion"],  # the cache's counter, not content
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
        # Rows loaded raw send no signals: index and retire caches here.
        search.reindex(None)
        caching.data_changed()
