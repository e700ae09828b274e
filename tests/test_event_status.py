"""Whether an event took place (issue 16, point 3): held, planned, postponed or cancelled —
shown to readers as its status wherever the event is, in every export, and a filter
(`?status=`)."""

import csv
import io
import json
from datetime import date

import feedparser
import icalendar
import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from events.models import Event
from tests import seeds
from tests.factories import EventFactory
from tests.responses import body, errors, listed, page
from tests.test_indexes import analysed, filtered, full_scans  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

HELD_TITLE = "Envoys meet in Doha"
POSTPONED_TITLE = "The Istanbul conference opens"


@pytest.fixture
def conference() -> Event:
    """A postponed event, and a held one before it."""
    EventFactory(slug="envoys-meet", title=HELD_TITLE, start=date(2021, 3, 18))
    return EventFactory(
        slug="istanbul-conference",
        title=POSTPONED_TITLE,
        start=date(2021, 4, 24),
        occurrence=Event.Occurrence.POSTPONED,
    )


def statuses(response) -> dict[str, str]:
    """Each listed event's status as a reader reads it beside its date ("" when none)."""
    shown = {}
    for article in page(response).select("#results article"):
        title = article.find(["h3", "h4"]).get_text(strip=True)
        status = article.select_one(".event-meta .event-status")
        shown[title] = " ".join(status.get_text().split()) if status else ""
    return shown


# What readers see -----------------------------------------------------------------------------


def test_the_list_says_postponed_beside_the_date_and_nothing_for_a_held_event(client, conference):
    assert statuses(client.get("/")) == {
        HELD_TITLE: "",
        POSTPONED_TITLE: "Status: Postponed",
    }


def test_the_events_page_says_its_status(client, conference):
    meta = page(client.get("/events/istanbul-conference/")).select_one(".event-meta")
    assert meta.select_one("time")["datetime"] == "2021-04-24"
    assert " ".join(meta.select_one(".event-status").get_text().split()) == "Status: Postponed"
    held = page(client.get("/events/envoys-meet/")).select_one(".event-meta")
    assert held.select_one(".event-status") is None


@pytest.mark.parametrize(
    ("occurrence", "word"),
    [("planned", "Planned"), ("postponed", "Postponed"), ("cancelled", "Cancelled")],
)
def test_each_status_but_held_is_named(client, occurrence, word):
    EventFactory(slug="talks", title="Talks in Oslo", occurrence=occurrence)
    assert statuses(client.get("/")) == {"Talks in Oslo": f"Status: {word}"}


def test_the_axis_draws_an_event_not_held_hollow_and_names_its_status(client, conference):
    for name in ("wide", "narrow"):
        chart = page(client.get("/")).select_one(f".axis-{name} .axis-chart")
        marks = {mark["aria-label"]: mark["class"] for mark in chart.select("a.mark")}
        assert {label: "not-held" in classes for label, classes in marks.items()} == {
            f"{HELD_TITLE}, 18 March 2021": False,
            f"{POSTPONED_TITLE}, 24 April 2021 (Postponed)": True,
        }, name


# The filter -----------------------------------------------------------------------------------


def test_the_status_filter_narrows_the_list_and_is_named_above_it(client, conference):
    response = client.get("/", {"status": "postponed"})
    assert listed(response) == [POSTPONED_TITLE]
    chips = page(response).select(".chosen-filters .chip .chip-text")
    assert [chip.get_text(" ", strip=True) for chip in chips] == ["Status: Postponed ×"]
    assert listed(client.get("/", {"status": "held"})) == [HELD_TITLE]
    assert listed(client.get("/", {"status": "cancelled"})) == []


def test_the_filter_bar_has_a_labelled_status_control(client, conference):
    form = page(client.get("/", {"status": "postponed"})).select_one("form[role=search]")
    label = form.find("label", string="Status")
    control = form.select_one(f"#{label['for']}")
    assert control.name == "select" and control["name"] == "status"
    options = [(o["value"], o.get_text(strip=True)) for o in control.select("option")]
    assert options == [
        ("", "Any status"),
        ("held", "Held"),
        ("planned", "Planned"),
        ("postponed", "Postponed"),
        ("cancelled", "Cancelled"),
    ]
    assert control.select_one("option[selected]")["value"] == "postponed"
    # Counted on the folded "Filters" button, with the other folded filters.
    assert form.select_one("[data-filter-count]").get_text(strip=True) == "(1)"


def test_a_status_that_is_not_one_is_reported_and_the_list_left_whole(client, conference):
    response = client.get("/", {"status": "later"})
    assert response.status_code == 200
    assert errors(response) == [
        "Status: “later” is not a status: choose held, planned, postponed or cancelled."
    ]
    assert listed(response) == [HELD_TITLE, POSTPONED_TITLE]


def test_one_status_at_a_time(client, conference):
    response = client.get("/?status=planned&status=postponed")
    assert response.status_code == 200
    assert errors(response) == ["Status: Choose one status at a time (the address gives 2)."]
    assert listed(response) == [HELD_TITLE, POSTPONED_TITLE]


@pytest.mark.parametrize("query", ["status=later", "status=held&status=postponed", "status=%00"])
def test_the_api_answers_a_bad_status_with_400_naming_it(client, conference, query):
    response = client.get(f"/api/events.json?{query}")
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["parameters"]] == ["status"]


@pytest.mark.parametrize(
    "address",
    ["/api/events.json", "/api/timelinejs.json", "/events.csv", "/events.ics", "/feed/"],
)
def test_every_export_takes_the_status(client, conference, address):
    response = client.get(address, {"status": "postponed"})
    assert response.status_code == 200
    content = body(response).decode("utf-8-sig")
    if address == "/api/events.json":
        titles = [event["title"] for event in json.loads(content)["events"]]
    elif address == "/api/timelinejs.json":
        titles = [event["text"]["headline"] for event in json.loads(content)["events"]]
    elif address == "/events.csv":
        titles = [row["title"] for row in csv.DictReader(io.StringIO(content))]
    else:
        titles = [title for title in (HELD_TITLE, POSTPONED_TITLE) if title in content]
    assert titles == [POSTPONED_TITLE], address


def queries(client, address: str) -> int:
    cache.clear()  # the work itself, not the cache, is measured
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
        assert response.status_code == 200, address
        body(response)
    return len(captured)


@pytest.mark.parametrize(
    "address", ["/?status=postponed", "/api/events.json?status=postponed", "/events.ics"]
)
def test_queries_do_not_grow_with_the_events_not_held(client, settings, conference, address):
    settings.PEACETRACKER_PAGE_SIZE = 50
    few = queries(client, address)
    for n in range(20):
        EventFactory(title=f"Talks {n}", start=date(2021, 1 + n % 12, 1), occurrence="postponed")
    assert queries(client, address) == few


@pytest.mark.usefixtures("analysed")
def test_the_status_filter_reads_an_index():
    chosen = Event.objects.published().order_by("pk").values_list("pk", flat=True)[:15]
    Event.objects.filter(pk__in=list(chosen)).update(occurrence="postponed")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    plan = filtered("status=postponed").explain()
    assert not full_scans(plan), plan
    assert "event_not_held_idx" in plan, plan


# Exports --------------------------------------------------------------------------------------


def test_json_gives_each_events_status(client, conference):
    events = client.get("/api/events.json").json()["events"]
    assert [(event["title"], event["status"]) for event in events] == [
        (HELD_TITLE, "held"),
        (POSTPONED_TITLE, "postponed"),
    ]
    one = client.get("/api/events/istanbul-conference.json").json()
    assert one["status"] == "postponed"


def test_csv_has_a_status_column(client, conference):
    content = body(client.get("/events.csv")).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [(row["title"], row["status"]) for row in rows] == [
        (HELD_TITLE, "held"),
        (POSTPONED_TITLE, "postponed"),
    ]


def test_timelinejs_says_the_status_first_in_the_text(client, conference):
    slides = client.get("/api/timelinejs.json").json()["events"]
    by_title = {slide["text"]["headline"]: slide["text"]["text"] for slide in slides}
    assert by_title[POSTPONED_TITLE].startswith('<p class="status"><strong>Postponed</strong>')
    assert "Postponed" not in by_title[HELD_TITLE]


@pytest.mark.parametrize(
    ("occurrence", "ical_status"),
    [
        ("held", "CONFIRMED"),
        ("planned", "TENTATIVE"),
        ("postponed", "TENTATIVE"),
        ("cancelled", "CANCELLED"),
    ],
)
def test_icalendar_gives_each_event_its_status(client, occurrence, ical_status):
    EventFactory(slug="talks", title="Talks in Oslo", occurrence=occurrence)
    (event,) = icalendar.Calendar.from_ical(body(client.get("/events.ics"))).walk("VEVENT")
    assert str(event["status"]) == ical_status
    description = str(event["description"])
    if occurrence == "held":
        assert description.startswith("29 February 2020.")
    else:
        assert description.startswith(f"{occurrence.capitalize()}: 29 February 2020.")


def test_the_feed_names_the_status_in_the_title(client, conference):
    feed = feedparser.parse(client.get("/feed/").content)
    assert not feed.bozo, feed.bozo_exception
    titles = sorted(entry.title for entry in feed.entries)
    assert titles == [
        f"{HELD_TITLE} (18 March 2021)",
        f"Postponed: {POSTPONED_TITLE} (24 April 2021)",
    ]
    postponed = next(entry for entry in feed.entries if entry.title.startswith("Postponed"))
    assert [tag.term for tag in postponed.tags] == ["Postponed"]


# Rules ----------------------------------------------------------------------------------------


def test_the_database_refuses_a_status_that_is_not_one(conference):
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=conference.pk).update(occurrence="later")


def test_a_status_that_is_not_one_is_refused_with_a_message_naming_the_field(conference):
    conference.occurrence = "later"
    with pytest.raises(ValidationError) as refused:
        conference.full_clean()
    assert "occurrence" in refused.value.message_dict


def test_an_event_is_held_unless_told_otherwise():
    assert EventFactory().occurrence == "held"


# Curation -------------------------------------------------------------------------------------


def test_editors_set_the_status_and_filter_the_admins_list_by_it(admin_client, conference):
    form = page(admin_client.get(f"/admin/events/event/{conference.pk}/change/"))
    control = form.select_one("select[name=occurrence]")
    assert form.select_one(f"label[for={control['id']}]").get_text(strip=True) == "Occurrence:"
    assert control.select_one("option[selected]")["value"] == "postponed"
    response = admin_client.get("/admin/events/event/", {"occurrence__exact": "postponed"})
    rows = page(response).select("#result_list tbody tr th a")
    assert [row.get_text(strip=True) for row in rows] == [POSTPONED_TITLE]


# Seeds ----------------------------------------------------------------------------------------


def test_the_seeded_events_have_the_status_the_seed_file_gives(seeded):
    stored = dict(Event.objects.values_list("slug", "occurrence"))
    assert {event.slug: stored[event.slug] for event in seeds.SEEDS.events} == {
        event.slug: event.status for event in seeds.SEEDS.events
    }
    # The seed file says which events did not take place as dated.
    assert any(event.status != "held" for event in seeds.SEEDS.events)
