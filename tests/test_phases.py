"""Phases of the process (issue 15, point 4): named periods editors define in the admin, marked
as sections of the timeline and offered as a filter (`?phase=`)."""

import csv
import io
import itertools
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from events.dates.values import Precision
from events.models import Event, Phase
from events.selectors import phases_between
from tests import seeds
from tests.factories import EventFactory, PhaseFactory
from tests.responses import body, errors, listed, page
from tests.test_html_valid import VNU
from tests.test_indexes import analysed, filtered, full_scans  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

TALKS = "Intra-Afghan negotiations"  # 12 September 2020 – 15 August 2021


def day(text: str) -> date:
    return date.fromisoformat(text)


@pytest.fixture
def talks() -> Phase:
    return PhaseFactory(
        name=TALKS,
        slug="intra-afghan-negotiations",
        start=day("2020-09-12"),
        end=day("2021-08-15"),
        description="Negotiations in Doha between the Afghan government and the Taliban.",
    )


@pytest.fixture
def timeline(talks) -> None:
    """Events before, across, inside and after the phase, in timeline order."""
    month = Precision.MONTH
    EventFactory(title="Doha agreement signed", start=day("2020-02-29"))
    EventFactory(title="Loya Jirga frees prisoners", start=day("2020-08-09"))
    EventFactory(title="Envoys gather in September", start=day("2020-09-01"), precision=month)
    EventFactory(title="Delegations arrive", start=day("2020-09-10"), end=day("2020-09-13"))
    EventFactory(title="Negotiations open in Doha", start=day("2020-09-12"))
    EventFactory(title="Rules of procedure agreed", start=day("2020-12-02"))
    EventFactory(title="Fighting spreads in August", start=day("2021-08-01"), precision=month)
    EventFactory(title="The Taliban take Kabul", start=day("2021-08-15"))
    EventFactory(title="The last US flight leaves", start=day("2021-08-30"))


INSIDE = [
    # "September 2020" and a span of days reaching into the phase may fall inside it.
    "Envoys gather in September",
    "Delegations arrive",
    "Negotiations open in Doha",
    "Rules of procedure agreed",
    "Fighting spreads in August",
    "The Taliban take Kabul",
]


# The model ------------------------------------------------------------------------------------


def test_the_database_refuses_a_phase_that_ends_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        Phase.objects.create(
            name="Backwards", slug="backwards", start=day("2021-08-15"), end=day("2020-09-12")
        )
    assert not Phase.objects.exists()


def test_the_database_refuses_a_month_phase_that_does_not_start_on_the_first():
    with pytest.raises(IntegrityError), transaction.atomic():
        Phase.objects.create(
            name="Spring", slug="spring", start=day("2019-03-12"), precision=Precision.MONTH
        )


def test_a_phase_without_an_end_is_the_one_period_its_date_names():
    year = PhaseFactory(name="Moscow year", start=day("2019-01-01"), precision=1, end=None)
    assert year.when == "2019"
    assert year.days == (day("2019-01-01"), day("2019-12-31"))
    talks = PhaseFactory(name="Talks", start=day("2020-09-12"), end=day("2021-08-15"))
    assert talks.when == "12 September 2020 – 15 August 2021"
    assert talks.days == (day("2020-09-12"), day("2021-08-15"))


def test_phases_between_gives_the_phases_overlapping_a_period_in_order_in_one_query(
    django_assert_num_queries,
):
    later = PhaseFactory(name="Later", start=day("2020-09-12"), end=day("2021-08-15"))
    earlier = PhaseFactory(name="Earlier", start=day("2019-01-21"), end=day("2020-02-29"))
    PhaseFactory(name="Before", start=day("2018-11-09"), end=day("2018-12-31"))
    month = PhaseFactory(name="A month", start=day("2020-03-01"), precision=2, end=None)
    with django_assert_num_queries(1):
        found = phases_between(day("2019-06-01"), day("2020-09-12"))
    assert found == [earlier, month, later]
    # A phase known to the month overlaps a period that starts within that month.
    assert phases_between(day("2020-03-31"), day("2020-03-31")) == [month]


# The admin ------------------------------------------------------------------------------------


def test_staff_add_a_phase_typing_its_period_as_people_write_it(admin_client, client):
    form = page(admin_client.get("/admin/events/phase/add/"))
    assert form.find(id="id_when") is not None
    response = admin_client.post(
        "/admin/events/phase/add/",
        {
            "name": "US–Taliban talks",
            "slug": "us-taliban-talks",
            "when": "21 January 2019 – 29 February 2020",
            "description": "Rounds of talks in Doha that ended in the Doha agreement.",
        },
    )
    assert response.status_code == 302
    phase = Phase.objects.get(slug="us-taliban-talks")
    assert (phase.start, phase.precision, phase.end) == (
        day("2019-01-21"),
        Precision.DAY,
        day("2020-02-29"),
    )
    listing = page(admin_client.get("/admin/events/phase/")).get_text(" ", strip=True)
    assert "US–Taliban talks" in listing
    assert "21 January 2019 – 29 February 2020" in listing
    # Readers can choose it at once.
    options = page(client.get("/")).select("#id_phase option")
    assert [option.get_text(strip=True) for option in options] == ["Any phase", "US–Taliban talks"]


def test_the_phase_form_shows_its_stored_period_and_explains_what_it_cannot_read(
    admin_client, talks
):
    shown = page(admin_client.get(f"/admin/events/phase/{talks.pk}/change/"))
    assert shown.find(id="id_when")["value"] == "12 September 2020 – 15 August 2021"
    response = admin_client.post(
        f"/admin/events/phase/{talks.pk}/change/",
        {"name": TALKS, "slug": talks.slug, "when": "after the talks", "description": ""},
    )
    assert response.status_code == 200
    assert "“after the talks”" in page(response).find(id="when-preview").get_text()
    talks.refresh_from_db()
    assert talks.end == day("2021-08-15") and talks.description


def test_the_phase_forms_preview_says_how_the_period_will_read(admin_client):
    response = admin_client.get(
        "/admin/events/phase/when-preview/", {"when": "November 2018 – May 2019"}
    )
    assert page(response).find(id="when-preview").get_text() == "November 2018 – May 2019 — months"


def test_an_editor_may_curate_phases(client):
    editor = User.objects.create_user("editor", password="editor-pw-1", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    client.force_login(editor)
    response = client.post(
        "/admin/events/phase/add/",
        {"name": "Moscow format", "slug": "moscow-format", "when": "2019", "description": ""},
    )
    assert response.status_code == 302
    phase = Phase.objects.get(slug="moscow-format")
    assert (phase.start, phase.precision, phase.end) == (day("2019-01-01"), Precision.YEAR, None)


# The filter -----------------------------------------------------------------------------------


def test_a_phase_narrows_the_list_to_the_events_that_may_fall_in_it(client, timeline):
    response = client.get("/", {"phase": "intra-afghan-negotiations"})
    assert response.status_code == 200
    assert listed(response) == INSIDE
    about = " ".join(page(response).select_one(".phase-about").get_text().split())
    assert about.startswith(f"{TALKS}, 12 September 2020 – 15 August 2021")
    assert "between the Afghan government and the Taliban" in about


def test_a_phase_with_from_and_to_selects_the_days_both_cover(client, timeline):
    response = client.get("/", {"phase": "intra-afghan-negotiations", "to": "2020-09"})
    assert listed(response) == INSIDE[:3]
    response = client.get("/", {"phase": "intra-afghan-negotiations", "from": "2021"})
    assert listed(response) == INSIDE[-2:]
    # No day in common: nothing, and no error.
    response = client.get("/", {"phase": "intra-afghan-negotiations", "from": "2022"})
    assert listed(response) == [] and errors(response) == []


def test_an_unknown_phase_is_reported_and_the_list_left_whole(client, timeline):
    response = client.get("/", {"phase": "no-such-phase"})
    assert response.status_code == 200
    assert errors(response) == ["Phase: There is no phase “no-such-phase”."]
    assert len(listed(response)) == 9


def test_the_chosen_phase_is_named_above_the_list_with_a_link_removing_it(client, timeline):
    response = client.get("/", {"phase": "intra-afghan-negotiations", "type": ""})
    chips = page(response).select(".chosen-filters .chip")
    assert [chip.select_one(".chip-text").get_text(" ", strip=True) for chip in chips] == [
        f"Phase: {TALKS} ×"
    ]
    assert chips[0]["href"] == "/"
    assert len(listed(client.get(chips[0]["href"]))) == 9


@pytest.mark.parametrize(
    "address",
    ["/api/events.json", "/api/timelinejs.json", "/events.csv", "/events.ics", "/feed/"],
)
def test_every_export_takes_the_phase(client, timeline, address):
    response = client.get(address, {"phase": "intra-afghan-negotiations"})
    assert response.status_code == 200
    content = body(response).decode("utf-8-sig")
    if address == "/api/events.json":
        titles = [event["title"] for event in json.loads(content)["events"]]
    elif address == "/api/timelinejs.json":
        titles = [event["text"]["headline"] for event in json.loads(content)["events"]]
    elif address == "/events.csv":
        titles = [row["title"] for row in csv.DictReader(io.StringIO(content))]
    else:
        # iCalendar and Atom: which titles appear at all.
        titles = [title for title in (*INSIDE, "Doha agreement signed") if title in content]
    assert sorted(titles) == sorted(INSIDE), address


def test_an_export_answers_an_unknown_phase_with_400_naming_it(client, timeline):
    response = client.get("/api/events.json", {"phase": "no-such-phase"})
    assert response.status_code == 400
    assert [parameter["name"] for parameter in response.json()["parameters"]] == ["phase"]


# Markers in the list --------------------------------------------------------------------------


def shown(response) -> list[str]:
    """The list as read top to bottom: event titles, and phase markers as "[marker text]"."""
    items = page(response).select("#results .phase-marker-name, #results article")
    return [
        f"[{' '.join(item.get_text().split())}]"
        if "phase-marker-name" in item.get("class", [])
        else item.find(["h3", "h4"]).get_text(strip=True)
        for item in items
    ]


MARKER = f"[Phase: {TALKS}, 12 September 2020 – 15 August 2021]"
CONTINUED = f"[Phase, continued: {TALKS}, 12 September 2020 – 15 August 2021]"


def test_a_marker_stands_before_the_first_event_of_the_phase(client, timeline):
    assert shown(client.get("/")) == [
        "Doha agreement signed",
        "Loya Jirga frees prisoners",
        # Known only to the month: not known to fall after the phase began.
        "Envoys gather in September",
        "Delegations arrive",
        MARKER,
        "Negotiations open in Doha",
        "Rules of procedure agreed",
        "Fighting spreads in August",
        "The Taliban take Kabul",
        "The last US flight leaves",
    ]


def test_the_marker_links_to_the_list_narrowed_to_the_phase(client, timeline):
    html = page(client.get("/", {"order": "newest"}))
    link = html.select_one(".phase-marker a")
    assert link["href"] == "/?order=newest&phase=intra-afghan-negotiations"
    assert link["data-hx-get"] == link["href"]
    assert html.select_one(".phase-marker time")["datetime"] == "2020-09-12"
    assert "between the Afghan government" in html.select_one(".phase-marker").get_text()
    narrowed = client.get(link["href"])
    assert listed(narrowed) == INSIDE[::-1]
    # The list narrowed to the phase names it above, and marks it no more.
    assert page(narrowed).select(".phase-marker") == []


def test_a_marker_stands_between_two_feeds_never_inside_one(client, timeline):
    html = page(client.get("/"))
    marker = html.select_one(".phase-marker")
    assert marker.find_parent(attrs={"role": "feed"}) is None
    for feed in html.select("[role=feed]"):
        assert {child.name for child in feed.find_all(recursive=False)} == {"article"}
    # Each feed counts its own articles.
    september = html.select("#m2020-09 ~ [role=feed]")
    assert [len(feed.find_all("article", recursive=False)) for feed in september] == [2, 1]
    assert [a["aria-setsize"] for a in september[1].find_all("article")] == ["1"]


def pages_of(client, address: str, link_text: str) -> list[list[str]]:
    """Every page of a view, following its paging link with this text."""
    pages = []
    while address:
        response = client.get(address)
        pages.append(shown(response))
        link = page(response).find("a", string=link_text)
        address = link["href"] if link else None
    return pages


def test_a_later_page_that_opens_inside_the_phase_says_it_continues(client, timeline, settings):
    settings.PEACETRACKER_PAGE_SIZE = 3
    assert pages_of(client, "/", "Later events") == [
        ["Doha agreement signed", "Loya Jirga frees prisoners", "Envoys gather in September"],
        ["Delegations arrive", MARKER, "Negotiations open in Doha", "Rules of procedure agreed"],
        [
            CONTINUED,
            "Fighting spreads in August",
            "The Taliban take Kabul",
            "The last US flight leaves",
        ],
    ]


def test_newest_first_the_marker_stands_above_the_phases_latest_event(client, timeline, settings):
    settings.PEACETRACKER_PAGE_SIZE = 3
    assert pages_of(client, "/?order=newest", "Earlier events") == [
        [
            "The last US flight leaves",
            MARKER,
            "The Taliban take Kabul",
            "Fighting spreads in August",
        ],
        [
            CONTINUED,
            "Rules of procedure agreed",
            "Negotiations open in Doha",
            "Delegations arrive",
        ],
        ["Envoys gather in September", "Loya Jirga frees prisoners", "Doha agreement signed"],
    ]


def test_overlapping_phases_each_have_their_marker(client, timeline):
    PhaseFactory(name="Winter talks", start=day("2020-12-01"), precision=Precision.MONTH, end=None)
    # The view opens here (no page before it): the phase is marked, not "continued".
    assert shown(client.get("/", {"from": "2020-10"})) == [
        MARKER,
        "[Phase: Winter talks, December 2020]",
        "Rules of procedure agreed",
        "Fighting spreads in August",
        "The Taliban take Kabul",
        "The last US flight leaves",
    ]


def test_before_the_first_event_a_marker_is_one_short_line(client, timeline):
    # Above the list's first event a marker names the phase and its period only, so that the
    # event is still in the first screen; where the phase begins lower down, it is described.
    html = page(client.get("/", {"from": "2020-10"}))
    top = html.select_one("#results .phase-marker")
    assert "phase-marker-brief" in top["class"]
    assert " ".join(top.get_text().split()) == MARKER[1:-1]
    html = page(client.get("/"))
    lower = html.select_one("#results .phase-marker")
    assert "phase-marker-brief" not in lower["class"]
    assert "between the Afghan government and the Taliban" in lower.get_text()


def test_a_phase_without_events_on_the_page_has_no_marker(client, timeline):
    PhaseFactory(name="Quiet months", start=day("2020-03-01"), end=day("2020-07-31"))
    assert "[Phase: Quiet months" not in " ".join(shown(client.get("/")))


# Seeds ----------------------------------------------------------------------------------------


def seeded_phases() -> list[dict]:
    data = json.loads((seeds.DIRECTORY / "timeline.json").read_text(encoding="utf-8"))
    return data.get("phases", [])


def test_seeding_creates_the_phases_once_and_leaves_an_editors_changes(db):
    seeds.load()
    expected = {
        (row["slug"], row["name"], row["description"], seeds.first_day(row["date"]))
        for row in seeded_phases()
    }
    stored = set(Phase.objects.values_list("slug", "name", "description", "start"))
    assert stored == expected
    before = list(Phase.objects.values().order_by("pk"))
    if before:
        Phase.objects.filter(pk=before[0]["id"]).update(description="An editor's words.")
        before[0]["description"] = "An editor's words."
    seeds.load()
    assert list(Phase.objects.values().order_by("pk")) == before


def test_the_seeded_phases_begin_and_end_with_seeded_events(db):
    days = {event.first_day for event in seeds.SEEDS.events} | {
        event.last_day for event in seeds.SEEDS.events
    }
    for row in seeded_phases():
        assert seeds.first_day(row["date"]) in days, row["slug"]
        assert seeds.last_day(row.get("end") or row["date"]) in days, row["slug"]


def test_the_seeded_timeline_marks_each_phase_before_its_first_event(client, seeded, settings):
    settings.PEACETRACKER_PAGE_SIZE = len(seeds.SEEDS.events)
    listing = shown(client.get("/"))
    for row in seeded_phases():
        first, last = seeds.first_day(row["date"]), seeds.last_day(row.get("end") or row["date"])
        opening = next(event for event in seeds.SEEDS.events if first <= event.start <= last)
        # Right above it: the markers of the phases it opens (one of them this one).
        above = listing[: listing.index(opening.title)]
        markers = list(itertools.takewhile(lambda item: item.startswith("["), above[::-1]))
        assert any(m.startswith(f"[Phase: {row['name']},") for m in markers), row["slug"]


# Costs and caching ----------------------------------------------------------------------------


@pytest.mark.usefixtures("analysed")
def test_the_phase_filter_reads_an_index():
    latest = Event.objects.published().order_by("-start").values_list("start", flat=True)[0]
    PhaseFactory(name="Last weeks", slug="last-weeks", start=latest.replace(day=1), end=latest)
    plan = filtered("phase=last-weeks").explain()
    assert not full_scans(plan), plan
    assert "event_last_day_idx" in plan or "event_timeline_idx" in plan, plan


def queries(client, address: str) -> list[str]:
    cache.clear()  # the work itself, not the cache, is measured
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
        assert response.status_code == 200, address
        body(response)
    return [query["sql"] for query in captured]


@pytest.mark.parametrize(
    "address",
    [
        "/",
        "/?order=newest",
        "/?phase=intra-afghan-negotiations",
        "/?phase=intra-afghan-negotiations&from=2020-10",
        "/embed/?phase=intra-afghan-negotiations",
        "/api/events.json?phase=intra-afghan-negotiations",
        "/events.csv?phase=intra-afghan-negotiations",
    ],
)
def test_queries_do_not_grow_with_the_events_or_the_phases(client, settings, talks, address):
    settings.PEACETRACKER_PAGE_SIZE = 50
    for n in range(3):
        EventFactory(title=f"Talks {n}", start=day("2020-12-02"))
    few = queries(client, address)
    for n in range(3, 30):
        EventFactory(title=f"Talks {n}", start=date(2020 + n % 2, 1 + n % 12, 1 + n % 28))
    for n in range(10):
        PhaseFactory(name=f"Round {n}", start=date(2020, 1 + n, 1), end=date(2020, 2 + n, 1))
    many = queries(client, address)
    assert len(many) == len(few), address
    # The phases: the form's list, the chosen one, the page's markers; once each.
    assert sum("events_phase" in sql for sql in many) <= 3, address


def test_editing_a_phase_changes_the_cached_pages(client, timeline, talks):
    assert MARKER in shown(client.get("/"))
    assert MARKER in shown(client.get("/"))  # now from the cache
    talks.name = "Doha negotiations"
    talks.save()
    assert "[Phase: Doha negotiations, 12 September 2020 – 15 August 2021]" in shown(
        client.get("/")
    )
    talks.delete()
    response = client.get("/")
    assert page(response).select(".phase-marker") == []
    assert "Doha negotiations" not in body(response).decode()


def test_pages_with_phases_are_valid_html(client, seeded, tmp_path, settings):
    if not VNU.is_file() or shutil.which("java") is None:
        pytest.fail("The Nu Html Checker needs `npm ci` (make test runs it) and Java.")
    settings.PEACETRACKER_PAGE_SIZE = 3
    addresses = ["/?at=2019", "/?at=2019-02&order=newest", "/embed/?at=2020-09"]
    addresses += [f"/?phase={row['slug']}" for row in seeded_phases()]
    files = []
    for n, address in enumerate(addresses):
        response = client.get(address)
        assert response.status_code == 200, address
        path = tmp_path / f"page-{n}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    assert any("phase-marker-name" in Path(file).read_text() for file in files)
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}" for m in messages] == []
