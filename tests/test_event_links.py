"""Links between events (issue 16, point 3): "announced → held", "postponed → rescheduled",
"led to" — each shown on both events' pages, worded from each side; the rules a link keeps;
and what editors do with them in the admin."""

import json
import shutil
import subprocess
from datetime import date

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from events.models import Event, EventLink
from events.services.links import link_events
from tests.factories import EventFactory
from tests.responses import page
from tests.test_html_valid import VNU
from tests.test_rules_hardening import change_form

pytestmark = pytest.mark.django_db

Kind = EventLink.Kind


@pytest.fixture
def postponed() -> Event:
    return EventFactory(
        slug="istanbul-conference",
        title="Istanbul conference",
        start=date(2021, 4, 24),
        occurrence=Event.Occurrence.POSTPONED,
    )


@pytest.fixture
def rescheduled() -> Event:
    return EventFactory(slug="istanbul-conference-again", title="Istanbul conference, again")


def sentences(client, event: Event) -> list[str]:
    """The links an event's page shows, as a reader reads them."""
    shown = page(client.get(event.get_absolute_url())).select(".event-links li")
    return [" ".join(item.get_text().split()) for item in shown]


def link_targets(client, event: Event) -> list[str]:
    shown = page(client.get(event.get_absolute_url())).select(".event-links li a")
    return [anchor["href"] for anchor in shown]


# Both pages, each from its side ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "on_the_first", "on_the_second"),
    [
        (
            Kind.RESCHEDULED_AS,
            "Postponed; rescheduled as Istanbul conference, again, 29 February 2020",
            "Rescheduled from Istanbul conference, 24 April 2021 (postponed)",
        ),
        (
            Kind.HELD_AS,
            "Announced; held as Istanbul conference, again, 29 February 2020",
            "Announced earlier as Istanbul conference, 24 April 2021",
        ),
        (
            Kind.LED_TO,
            "Led to Istanbul conference, again, 29 February 2020",
            "Followed from Istanbul conference, 24 April 2021",
        ),
    ],
)
def test_a_link_is_shown_on_both_pages_worded_from_each_side(
    client, postponed, rescheduled, kind, on_the_first, on_the_second
):
    link_events(from_event=postponed, to_event=rescheduled, kind=kind)
    assert sentences(client, postponed) == [on_the_first]
    assert sentences(client, rescheduled) == [on_the_second]
    assert link_targets(client, postponed) == ["/events/istanbul-conference-again/"]
    assert link_targets(client, rescheduled) == ["/events/istanbul-conference/"]


def test_an_events_links_are_listed_in_the_order_of_the_other_events(client, postponed):
    announced = EventFactory(
        slug="announced", title="Turkey announces talks", start=date(2021, 3, 1)
    )
    later = EventFactory(slug="later", title="Talks in Doha", start=date(2021, 8, 1))
    earlier_cause = EventFactory(slug="cause", title="A deadline passes", start=date(2021, 2, 1))
    link_events(from_event=postponed, to_event=later, kind=Kind.RESCHEDULED_AS)
    link_events(from_event=announced, to_event=postponed, kind=Kind.HELD_AS)
    link_events(from_event=earlier_cause, to_event=postponed, kind=Kind.LED_TO)
    assert sentences(client, postponed) == [
        "Followed from A deadline passes, 1 February 2021",
        "Announced earlier as Turkey announces talks, 1 March 2021",
        "Postponed; rescheduled as Talks in Doha, 1 August 2021",
    ]


def test_a_page_without_links_says_nothing_of_them(client, postponed):
    assert page(client.get(postponed.get_absolute_url())).select_one(".event-links") is None


def test_readers_see_no_link_to_a_draft(client, postponed, rescheduled):
    link_events(from_event=postponed, to_event=rescheduled, kind=Kind.RESCHEDULED_AS)
    rescheduled.status = Event.Status.DRAFT
    rescheduled.save()
    assert sentences(client, postponed) == []
    assert client.get(rescheduled.get_absolute_url()).status_code == 404
    assert client.get("/api/events/istanbul-conference.json").json()["links"] == []


def test_a_new_link_shows_at_once_on_pages_already_cached(client, postponed, rescheduled):
    assert sentences(client, rescheduled) == []
    link = link_events(from_event=postponed, to_event=rescheduled, kind=Kind.RESCHEDULED_AS)
    assert sentences(client, rescheduled) == [
        "Rescheduled from Istanbul conference, 24 April 2021 (postponed)"
    ]
    link.delete()
    assert sentences(client, rescheduled) == []


def test_the_json_of_an_event_lists_its_links(client, postponed, rescheduled):
    link_events(from_event=postponed, to_event=rescheduled, kind=Kind.RESCHEDULED_AS)
    first = client.get("/api/events/istanbul-conference.json").json()
    assert first["links"] == [
        {
            "kind": "rescheduled_as",
            "from": "istanbul-conference",
            "to": "istanbul-conference-again",
            "text": "Postponed; rescheduled as “Istanbul conference, again”",
            "event": {
                "slug": "istanbul-conference-again",
                "title": "Istanbul conference, again",
                "date": "29 February 2020",
                "value": "2020-02-29",
                "status": "held",
                "url": "http://testserver/events/istanbul-conference-again/",
            },
        }
    ]
    (second,) = client.get("/api/events/istanbul-conference-again.json").json()["links"]
    assert (second["from"], second["to"], second["event"]["status"]) == (
        "istanbul-conference",
        "istanbul-conference-again",
        "postponed",
    )
    assert second["text"] == "Rescheduled from “Istanbul conference” (postponed)"


# Rules ----------------------------------------------------------------------------------------


def test_the_database_refuses_a_link_from_an_event_to_itself(postponed):
    with pytest.raises(IntegrityError), transaction.atomic():
        EventLink.objects.create(from_event=postponed, to_event=postponed, kind=Kind.LED_TO)


def test_a_link_to_itself_is_refused_naming_the_field(postponed):
    with pytest.raises(ValidationError) as refused:
        link_events(from_event=postponed, to_event=postponed, kind=Kind.LED_TO)
    assert refused.value.message_dict == {"to_event": ["An event cannot be linked to itself."]}
    assert EventLink.objects.count() == 0


def test_the_database_refuses_the_same_link_twice(postponed, rescheduled):
    EventLink.objects.create(from_event=postponed, to_event=rescheduled, kind=Kind.LED_TO)
    with pytest.raises(IntegrityError), transaction.atomic():
        EventLink.objects.create(from_event=postponed, to_event=rescheduled, kind=Kind.LED_TO)
    # Another kind of link between the same two is another link.
    link_events(from_event=postponed, to_event=rescheduled, kind=Kind.RESCHEDULED_AS)
    with pytest.raises(ValidationError, match="already linked this way"):
        link_events(from_event=postponed, to_event=rescheduled, kind=Kind.LED_TO)
    assert EventLink.objects.count() == 2


def test_the_database_refuses_a_kind_of_link_that_is_not_one(postponed, rescheduled):
    with pytest.raises(IntegrityError), transaction.atomic():
        EventLink.objects.create(from_event=postponed, to_event=rescheduled, kind="caused")


def test_a_loop_of_postponements_is_refused_naming_the_field(postponed, rescheduled):
    third = EventFactory(slug="third", title="Istanbul conference, third try")
    link_events(from_event=postponed, to_event=rescheduled, kind=Kind.RESCHEDULED_AS)
    link_events(from_event=rescheduled, to_event=third, kind=Kind.RESCHEDULED_AS)
    with pytest.raises(ValidationError) as refused:
        link_events(from_event=third, to_event=postponed, kind=Kind.RESCHEDULED_AS)
    (message,) = refused.value.message_dict["to_event"]
    assert message.startswith(
        "To event: “Istanbul conference” was itself rescheduled as this event "
        "(through “Istanbul conference, again”), so this link would make a loop"
    )
    with pytest.raises(ValidationError, match="loop of postponements"):
        link_events(from_event=rescheduled, to_event=postponed, kind=Kind.RESCHEDULED_AS)
    assert EventLink.objects.count() == 2
    # Other kinds of link make no postponement: an event may lead back to what led to it.
    link_events(from_event=third, to_event=postponed, kind=Kind.LED_TO)


# Queries --------------------------------------------------------------------------------------


def queries(client, address: str) -> int:
    cache.clear()  # the work itself, not the cache, is measured
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200, address
    return len(captured)


@pytest.mark.parametrize("address", ["/events/istanbul-conference/", "/api/events/{slug}.json"])
def test_an_events_page_asks_the_same_number_of_queries_however_many_links(
    client, postponed, rescheduled, address
):
    address = address.format(slug=postponed.slug)
    link_events(from_event=postponed, to_event=rescheduled, kind=Kind.RESCHEDULED_AS)
    few = queries(client, address)
    for n in range(6):
        other = EventFactory(title=f"Talks {n}", start=date(2021, 1 + n, 1))
        kind = (Kind.LED_TO, Kind.HELD_AS)[n % 2]
        if n % 3:
            link_events(from_event=other, to_event=postponed, kind=kind)
        else:
            link_events(from_event=postponed, to_event=other, kind=kind)
    assert queries(client, address) == few
    assert len(sentences(client, postponed)) == 7


# Curation -------------------------------------------------------------------------------------


def add_link_in_admin(admin_client, event: Event, *, to: Event, kind: str, **changes: str):
    """Submit the event's change page as it is shown, with one more link and `changes`."""
    data = change_form(admin_client, event)
    rows = int(data["links_out-TOTAL_FORMS"])
    data["links_out-TOTAL_FORMS"] = str(rows + 1)
    data[f"links_out-{rows}-kind"] = kind
    data[f"links_out-{rows}-to_event"] = str(to.pk)
    data.update(changes)
    return admin_client.post(f"/admin/events/event/{event.pk}/change/", data)


def test_an_editor_links_a_postponed_event_to_its_successor_in_the_admin(
    admin_client, client, postponed, rescheduled
):
    response = add_link_in_admin(admin_client, postponed, to=rescheduled, kind="rescheduled_as")
    assert response.status_code == 302, page(response).select(".errorlist")
    assert list(EventLink.objects.values_list("from_event", "to_event", "kind")) == [
        (postponed.pk, rescheduled.pk, "rescheduled_as")
    ]
    # The successor's admin page names the link made to it.
    later = page(admin_client.get(f"/admin/events/event/{rescheduled.pk}/change/"))
    assert " ".join(later.select_one(".field-linked_from").get_text().split()).endswith(
        "Istanbul conference — postponed → rescheduled as — this event"
    )
    assert sentences(client, rescheduled) == [
        "Rescheduled from Istanbul conference, 24 April 2021 (postponed)"
    ]


def test_the_admin_refuses_a_loop_of_postponements_and_saves_nothing(
    admin_client, postponed, rescheduled
):
    link_events(from_event=postponed, to_event=rescheduled, kind=Kind.RESCHEDULED_AS)
    response = add_link_in_admin(
        admin_client, rescheduled, to=postponed, kind="rescheduled_as", title="Renamed"
    )
    assert response.status_code == 200
    shown = [" ".join(e.get_text().split()) for e in page(response).select(".errorlist li")]
    assert any(
        message.startswith("To event: “Istanbul conference” was itself rescheduled as this event")
        for message in shown
    ), shown
    rescheduled.refresh_from_db()
    assert rescheduled.title == "Istanbul conference, again"
    assert EventLink.objects.count() == 1


def test_the_admin_refuses_a_link_to_the_event_itself(admin_client, postponed):
    response = add_link_in_admin(admin_client, postponed, to=postponed, kind="led_to")
    assert response.status_code == 200
    shown = [" ".join(e.get_text().split()) for e in page(response).select(".errorlist li")]
    assert "An event cannot be linked to itself." in shown
    assert EventLink.objects.count() == 0


# Markup ---------------------------------------------------------------------------------------


def test_pages_with_links_and_statuses_are_valid_html(client, postponed, rescheduled, tmp_path):
    if not VNU.is_file() or shutil.which("java") is None:
        pytest.fail("The Nu Html Checker needs `npm ci` (make test runs it) and Java.")
    link_events(from_event=postponed, to_event=rescheduled, kind=Kind.RESCHEDULED_AS)
    addresses = [
        postponed.get_absolute_url(),
        rescheduled.get_absolute_url(),
        "/?status=postponed",
        "/?status=never",
    ]
    files = []
    for n, address in enumerate(addresses):
        response = client.get(address)
        assert response.status_code == 200, address
        path = tmp_path / f"page-{n}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}" for m in messages] == []
