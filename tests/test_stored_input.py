"""Whatever an editor or an import stores, it stays text everywhere it is shown."""

import csv
import io
import json
from datetime import date
from xml.etree import ElementTree

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from events.models import Actor, Citation, Event, EventType, Place, Source
from tests.responses import page

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
TEMPLATE = "{{ request.META }}{% debug %}"
FORMULA = '=HYPERLINK("http://evil.example","click")'
NEWLINE = "Title\r\nATTENDEE:mailto:evil@example.org"
PAYLOAD = f"{SCRIPT} {IMAGE} {TEMPLATE}"


@pytest.fixture
def hostile(db):
    kind = EventType.objects.create(name=f"Type {SCRIPT}", slug="hostile-type")
    place = Place.objects.create(name=f"Place {IMAGE}", slug="hostile-place", country=SCRIPT)
    actor = Actor.objects.create(name=f"Actor {SCRIPT}", slug="hostile-actor", kind="person")
    source = Source.objects.create(
        title=f"Source {SCRIPT}",
        publisher=IMAGE,
        url="https://news.example/a?b=<c>",
        published=date(2021, 1, 28),
        text=f"Quote {PAYLOAD} here.",
    )
    event = Event.objects.create(
        title=f"{FORMULA} {SCRIPT}",
        slug="hostile",
        summary=f"{NEWLINE} {PAYLOAD}",
        body=PAYLOAD,
        start=date(2020, 2, 29),
        type=kind,
        place=place,
        status=Event.Status.PUBLISHED,
    )
    event.actors.add(actor)
    Citation.objects.create(event=event, source=source, quote=f"Quote {PAYLOAD} here.")
    return event


def assert_inert_html(html: str) -> None:
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find("img", src="x")
    assert all("alert" not in (script.string or "") for script in soup.find_all("script"))
    # No element gained an event handler (the payload's text inside attribute values, as in
    # a preview card's description, is only text).
    assert not [name for tag in soup.find_all(True) for name in tag.attrs if name.startswith("on")]


@pytest.mark.parametrize(
    "address",
    [
        "/",
        "/?q=Quote",
        "/embed/",
        "/events/hostile/",
        "/?actor=hostile-actor",
        # Names written by the map's and the list's own joining of a place's parts.
        "/map/",
        "/fa/",
        "/fa/map/",
    ],
)
def test_pages_show_payloads_as_text(client, hostile, address):
    response = client.get(address)
    html = response.content.decode()
    assert_inert_html(html)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_template_syntax_is_shown_not_run(client, hostile):
    html = client.get("/events/hostile/").content.decode()
    assert "{{ request.META }}{% debug %}" in html
    assert "HTTP_HOST" not in html and "sql_queries" not in html


def test_fragment_and_inline_account_show_payloads_as_text(client, hostile):
    for address in ("/", "/events/hostile/"):
        html = client.get(address, headers={"HX-Request": "true"}).content.decode()
        assert_inert_html(html)


def test_open_graph_tags_hold_the_payload_as_attribute_text(client, hostile):
    soup = page(client.get("/events/hostile/"))
    title = soup.find("meta", attrs={"property": "og:title"})["content"]
    assert title == f"{FORMULA} {SCRIPT}"  # the same text, safely quoted in the attribute
    assert len(soup.find_all("meta", attrs={"property": "og:title"})) == 1


def test_admin_shows_payloads_as_text(admin_client, hostile):
    for address in (
        "/admin/events/event/",
        f"/admin/events/event/{hostile.pk}/change/",
        f"/admin/events/event/{hostile.pk}/history/",
        "/admin/events/source/",
        "/admin/events/actor/",
    ):
        assert_inert_html(admin_client.get(address).content.decode())


def test_admin_suggestions_show_imported_payloads_as_text(admin_client, hostile, tmp_path):
    article = tmp_path / "hostile.txt"
    article.write_text(f"date 2021-01-28 {SCRIPT} talks resumed on Monday. {IMAGE}", "utf-8")
    call_command("ingest", str(article), verbosity=0)
    html = admin_client.get("/admin/events/suggestion/").content.decode()
    assert_inert_html(html)
    assert "<mark>Monday</mark>" in html  # our own markup, and only ours


def test_json_and_timelinejs_keep_payloads_as_data(client, hostile):
    api = client.get("/api/events/hostile.json")
    assert api["Content-Type"] == "application/json"
    assert b"<script" not in api.content and b"<img" not in api.content
    assert json.loads(api.content)["title"] == f"{FORMULA} {SCRIPT}"
    timeline = json.loads(client.get("/api/timelinejs.json").content)
    (event,) = timeline["events"]
    assert "<script" not in event["text"]["headline"] + event["text"]["text"]
    assert "<img" not in event["text"]["text"]


def test_csv_neither_runs_formulas_nor_breaks_rows(client, hostile):
    rows = list(csv.DictReader(io.StringIO(client.get("/events.csv").content.decode())))
    assert len(rows) == 1
    assert rows[0]["title"].startswith("'=HYPERLINK")
    assert rows[0]["summary"].startswith(f"{NEWLINE}")  # a newline inside the cell, quoted


def test_calendar_cannot_gain_properties_from_text(client, hostile):
    calendar = icalendar.Calendar.from_ical(client.get("/events.ics").content)
    (event,) = calendar.walk("VEVENT")
    assert "ATTENDEE" not in event
    assert "ATTENDEE:mailto:evil@example.org" in str(event["description"])


def test_atom_feed_keeps_payloads_as_text(client, hostile):
    atom = "{http://www.w3.org/2005/Atom}"
    (entry,) = ElementTree.fromstring(client.get("/feed/").content).iter(f"{atom}entry")
    assert entry.findtext(f"{atom}title") == f"{FORMULA} {SCRIPT} (29 February 2020)"
    summary = entry.findtext(f"{atom}summary")  # HTML, as a feed reader will render it
    assert "<script" not in summary and "<img" not in summary
    assert "&lt;script&gt;" in summary
