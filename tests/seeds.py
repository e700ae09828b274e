"""The curated seed data (seeds/timeline.json), read as a test wants it.

Tests about the seeded timeline take their expectations from here, so that a change to the
seed file changes what they expect along with it. Dates are read straight from the file's ISO
values ("2019" a year, "2020-02" a month, "2018-11-09" a day); events come in timeline order,
as the site lists them: by start, a coarser date first on the same start (a year before the
months in it, a month before its days), then in the file's order (the order `seed` creates
them in, which is the order of their ids).

A source is an article file (its key is the file, its text is kept) or a linked source (its key
is its address: only the passages cited from it are kept). A citation may carry the date its
source gives for the event ("date", perhaps "end"); an event whose sources disagree explains
its own date in "date_note".

PEACETRACKER_TEST_SEEDS names another seed folder (a timeline.json and the articles it cites)
to run the whole suite against: `load` seeds the database from it and `SEEDS` reads it.
"""

import calendar
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.core.management import call_command

from events.dates import display
from events.dates.values import DateSpan, Precision

DIRECTORY = Path(
    os.environ.get("PEACETRACKER_TEST_SEEDS") or Path(__file__).resolve().parent.parent / "seeds"
)

# An ISO value's precision is how many parts it has: "2019", "2020-02", "2020-02-29".
_PRECISIONS = {1: Precision.YEAR, 2: Precision.MONTH, 3: Precision.DAY}
_DATELINE = re.compile(r"\s*date[ \t]+(\d{4}-\d{2}-\d{2})")


def load() -> None:
    """Seed the database from the seed folder, as `make run` does.

    The first time in a test process, `seed` runs for real (three seconds of validated
    services); its rows are then kept as a fixture, and an empty database is seeded again
    from that (a tenth of the time): a hundred and fifty tests start from the seeds. A
    database that already holds rows of the app is seeded for real, so that nothing a test
    made first is overwritten. The tests of `seed` itself call the command."""
    global _fixture
    empty = not _holds_rows()
    if empty and _fixture is not None:
        from events import search
        from events.caching import data_changed

        call_command("loaddata", str(_fixture), verbosity=0)
        # What seed's services leave besides rows, and a fixture's raw saves do not: the
        # search index, and a new data version.
        search.reindex(None)
        data_changed()
        return
    call_command("seed", directory=DIRECTORY, verbosity=0)
    if empty and _fixture is None:
        _fixture = _dump()


_fixture: Path | None = None


def _holds_rows() -> bool:
    return any(model._default_manager.exists() for model in _app_models())


def _app_models() -> list[type]:
    from django.apps import apps

    # DataVersion is a row every database has once anything asks for the data's version.
    return [
        model
        for model in apps.get_app_config("events").get_models()
        if model._meta.model_name != "dataversion"
    ]


def _dump() -> Path:
    """The seeded rows as a fixture file of this process's own."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="peacetracker-seeds-"))
    path = folder / "seeds.json"
    with path.open("w", encoding="utf-8") as out:
        call_command("dumpdata", "events", "--exclude=events.dataversion", stdout=out)
    return path


def first_day(value: str) -> date:
    """The first day an ISO value covers: "2019" is 1 January 2019."""
    year, month, day = [*(int(part) for part in value.split("-")), 1, 1][:3]
    return date(year, month, day)


def last_day(value: str) -> date:
    """The last day an ISO value covers: "2020-02" is 29 February 2020."""
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(*parts)


@dataclass(frozen=True)
class SeedCitation:
    source: str  # the article's file or the linked source's address, as the file names it
    quote: str
    date: str | None = None  # the date the source gives, an ISO value, if it gives one
    end: str | None = None

    @property
    def span(self) -> DateSpan | None:
        """The date the source gives, as the site holds it."""
        if self.date is None:
            return None
        end = first_day(self.end) if self.end else None
        return DateSpan(first_day(self.date), _PRECISIONS[len(self.date.split("-"))], end)

    @property
    def value(self) -> str | None:
        return f"{self.date}/{self.end}" if self.end else self.date


@dataclass(frozen=True)
class SeedEvent:
    slug: str
    title: str
    summary: str
    body: str
    date_note: str
    date: str  # the ISO value the file gives
    end: str | None  # a span's last day (month, year), in the same form
    type: str | None
    place: str | None
    actors: tuple[str, ...]
    key: bool
    citations: tuple[SeedCitation, ...]
    related: tuple[str, ...]  # as the file lists them, from this event's side
    line: int  # its place among the file's events
    status: str = "held"  # whether it took place: held, planned, postponed or cancelled

    @property
    def precision(self) -> Precision:
        return _PRECISIONS[len(self.date.split("-"))]

    @property
    def start(self) -> date:
        return first_day(self.date)

    @property
    def first_day(self) -> date:
        return first_day(self.date)

    @property
    def last_day(self) -> date:
        return last_day(self.end or self.date)

    @property
    def value(self) -> str:
        """The machine form: the ISO value, or for a span an interval "2019-05-28/2019-05-30"."""
        return f"{self.date}/{self.end}" if self.end else self.date

    @property
    def span(self) -> DateSpan:
        return DateSpan(self.start, self.precision, first_day(self.end) if self.end else None)

    @property
    def written(self) -> str:
        """The date as the site writes it: words are the site's own one door (their wording is
        tested in test_display.py); these tests are about which date goes where."""
        return display.written(self.span)

    def overlaps(self, first: date, last: date) -> bool:
        """Whether any part of the event may fall in the period from `first` to `last`."""
        return self.first_day <= last and self.last_day >= first


@dataclass(frozen=True)
class SeedSource:
    file: str  # the article's file, or "" for a linked source
    title: str
    publisher: str
    url: str
    published: date  # the article's dateline, or the date the file gives a linked source
    text: str  # the whole file, dateline included; "" for a linked source
    via: str = ""

    @property
    def key(self) -> str:
        """How the file's citations name it."""
        return self.file or self.url

    @property
    def publisher_key(self) -> str:
        """Copies of one publisher's story count as one publisher."""
        return " ".join(self.publisher.casefold().split()) or f"source:{self.key}"


@dataclass(frozen=True)
class Seeds:
    events: list[SeedEvent]  # in timeline order
    types: dict[str, dict]  # each as the file gives it, by slug
    actors: dict[str, dict]
    places: dict[str, dict]
    sources: dict[str, SeedSource]  # by file or address, as citations name them
    # Agreements' commitments, each as the file gives it, in the file's order.
    commitments: tuple[dict, ...] = ()

    @property
    def articles(self) -> list[str]:
        """The files of the sources that are article files (what `ingest` can read)."""
        return [source.file for source in self.sources.values() if source.file]

    def event(self, slug: str) -> SeedEvent:
        return next(event for event in self.events if event.slug == slug)

    def pick(self, needed: str, test: Callable[[SeedEvent], bool]) -> SeedEvent:
        """The first event in timeline order that passes `test`. When the seed data has none,
        the test that needs one fails saying what it needed."""
        for event in self.events:
            if test(event):
                return event
        raise LookupError(f"The seed data has no event that is {needed}; this test needs one.")

    def with_actor(self, *slugs: str) -> list[SeedEvent]:
        """Events with any of these actors, in timeline order."""
        return [event for event in self.events if set(slugs) & set(event.actors)]

    def at_place(self, *slugs: str) -> list[SeedEvent]:
        return [event for event in self.events if event.place in slugs]

    def of_type(self, slug: str) -> list[SeedEvent]:
        return [event for event in self.events if event.type == slug]

    def in_period(self, first: date, last: date) -> list[SeedEvent]:
        return [event for event in self.events if event.overlaps(first, last)]

    def related(self, slug: str) -> list[SeedEvent]:
        """Events related to this one, from either side (a relation goes both ways)."""
        return [
            event
            for event in self.events
            if event.slug in self.event(slug).related or slug in event.related
        ]

    def fewest(self, slugs: Iterable[str], events_of: Callable[[str], list[SeedEvent]]) -> str:
        """Of these actors (places, types), the one in the fewest events, but in some:
        `SEEDS.fewest(SEEDS.actors, SEEDS.with_actor)`."""
        return min((slug for slug in slugs if events_of(slug)), key=lambda s: len(events_of(s)))

    @property
    def years(self) -> list[int]:
        return sorted({event.start.year for event in self.events})


def read(directory: Path) -> Seeds:
    data = json.loads((directory / "timeline.json").read_text(encoding="utf-8"))
    events = [
        SeedEvent(
            slug=row["slug"],
            title=row["title"],
            summary=row.get("summary", ""),
            body=row.get("body", ""),
            date_note=row.get("date_note", ""),
            date=row["date"],
            end=row.get("end") or None,
            type=row.get("type") or None,
            place=row.get("place") or None,
            actors=tuple(row.get("actors", [])),
            key=row.get("key", False),
            citations=tuple(
                SeedCitation(c["source"], c["quote"], c.get("date"), c.get("end"))
                for c in row["citations"]
            ),
            related=tuple(row.get("related", [])),
            line=line,
            status=row.get("status", "held"),
        )
        for line, row in enumerate(data["events"])
    ]
    sources = {}
    for row in data["sources"]:
        if row.get("file"):
            text = (directory / row["file"]).read_text(encoding="utf-8")
            published = date.fromisoformat(_DATELINE.match(text)[1])
        else:
            text, published = "", date.fromisoformat(row["published"])
        source = SeedSource(
            file=row.get("file", ""),
            title=row["title"],
            publisher=row.get("publisher", ""),
            url=row.get("url", ""),
            published=published,
            text=text,
            via=row.get("via", ""),
        )
        sources[source.key] = source
    return Seeds(
        events=sorted(events, key=lambda event: (event.start, event.precision, event.line)),
        types={row["slug"]: row for row in data["types"]},
        actors={row["slug"]: row for row in data["actors"]},
        places={row["slug"]: row for row in data["places"]},
        sources=sources,
        commitments=tuple(data.get("commitments", [])),
    )


def slugs(events: list[SeedEvent]) -> list[str]:
    return [event.slug for event in events]


def titles(events: list[SeedEvent]) -> list[str]:
    return [event.title for event in events]


SEEDS = read(DIRECTORY)
