"""Event content in three languages: what a Dari or Pashto reader sees of an event, an
actor, a place and a quote; the English, marked, where no one has translated it yet."""

import csv
import io
from datetime import date

import pytest
from bs4 import BeautifulSoup

from events.dates.values import Precision
from events.models import Actor, Citation, Event, EventType, Phase, Place
from events.services.publishing import Cited
from tests.factories import (
    ActorFactory,
    EventFactory,
    PlaceFactory,
    SourceFactory,
)
from tests.seeds import SEEDS

pytestmark = pytest.mark.django_db


def page(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def doha() -> Event:
    place = PlaceFactory(name="Doha", slug="doha", country="Qatar", name_fa="دوحه")
    envoy = ActorFactory(name="Zalmay Khalilzad", slug="khalilzad", name_fa="زلمی خلیلزاد")
    event = EventFactory(
        slug="doha-agreement",
        title="The Doha agreement is signed",
        title_fa="توافقنامه دوحه امضا شد",
        summary="The United States and the Taliban sign an agreement.",
        summary_fa="امریکا و طالبان توافقنامه‌ای را امضا کردند.",
        start=date(2020, 2, 29),
        precision=Precision.DAY,
        place=place,
        actors=[envoy],
    )
    EventFactory(slug="talks-open", title="Talks open in Doha", start=date(2020, 9, 12))
    return event


def titles(html: BeautifulSoup) -> list[str]:
    return [heading.a.get_text(strip=True) for heading in html.select("article .event-title")]


def test_a_dari_reader_sees_the_dari_and_english_where_none_is_given_marked(client, doha):
    html = page(client.get("/fa/"))
    assert titles(html) == ["توافقنامه دوحه امضا شد", "Talks open in Doha"]
    untranslated = html.select("article .event-title")[1]
    assert untranslated.a.span["lang"] == "en"
    assert untranslated.select_one(".untranslated").get_text(strip=True) == "به انگلیسی"
    assert html.select("article .event-title")[0].select_one(".untranslated") is None
    assert html.select_one("article .event-summary").get_text() == (
        "امریکا و طالبان توافقنامه‌ای را امضا کردند."
    )
    # The event's facts name the place and the actor in Dari too.
    facts = html.select_one("article .event-facts").get_text(" ", strip=True)
    assert "دوحه" in facts and "زلمی خلیلزاد" in facts


def test_pashto_falls_back_to_english_and_english_pages_never_change(client, doha):
    pashto = page(client.get("/ps/"))
    assert titles(pashto) == ["The Doha agreement is signed", "Talks open in Doha"]
    assert all(span["lang"] == "en" for span in pashto.select("article .event-title a span"))
    english = page(client.get("/"))
    assert titles(english) == ["The Doha agreement is signed", "Talks open in Doha"]
    assert english.select(".untranslated") == []


def test_the_event_page_and_its_preview_card_are_in_the_readers_language(client, doha):
    path = doha.get_absolute_url()
    html = page(client.get(f"/fa{path}"))
    assert html.h1.get_text(strip=True) == "توافقنامه دوحه امضا شد"
    assert html.select_one('meta[property="og:title"]')["content"] == "توافقنامه دوحه امضا شد"
    assert html.title.get_text().startswith("توافقنامه دوحه امضا شد")


def test_actor_and_place_pages_name_them_in_the_readers_language(client, doha):
    assert page(client.get("/fa/actors/khalilzad/")).h1.get_text(strip=True) == "زلمی خلیلزاد"
    assert page(client.get("/fa/places/doha/")).h1.get_text(strip=True) == "دوحه"
    assert page(client.get("/actors/khalilzad/")).h1.get_text(strip=True) == "Zalmay Khalilzad"


def test_the_axis_names_its_marks_in_each_language_apart(client, doha):
    def marks(address: str) -> list[str]:
        return [mark["aria-label"] for mark in page(client.get(address)).select("a.mark")]

    english = marks("/")
    dari = marks("/fa/")
    assert any(label.startswith("The Doha agreement is signed") for label in english)
    assert any(label.startswith("توافقنامه دوحه امضا شد") for label in dari)
    # One language's marks never stand in for another's (their cache keys differ).
    assert marks("/") == english


def test_exports_carry_titles_in_the_language_of_their_address(client, doha):
    dari = client.get("/fa/api/events.json").json()["events"]
    english = client.get("/api/events.json").json()["events"]
    assert [event["title"] for event in dari] == ["توافقنامه دوحه امضا شد", "Talks open in Doha"]
    assert english[0]["title"] == "The Doha agreement is signed"
    rows = csv.DictReader(io.StringIO(client.get("/fa/events.csv").content.decode("utf-8-sig")))
    assert [row["title"] for row in rows] == ["توافقنامه دوحه امضا شد", "Talks open in Doha"]


def test_a_search_in_dari_finds_the_dari_title(client, doha):
    html = page(client.get("/fa/", {"q": "توافقنامه"}))
    assert titles(html) == ["توافقنامه دوحه امضا شد"]
    # The actor's Dari name is searched too.
    assert titles(page(client.get("/fa/", {"q": "خلیلزاد"}))) == ["توافقنامه دوحه امضا شد"]


def test_a_quote_shows_as_written_with_the_editors_translation_beside_it(client):
    passage = "طالبان آتش‌بس سه‌روزه را اعلام کردند."
    source = SourceFactory(language="fa", title="Tolo News", text=passage)
    event = EventFactory(
        slug="ceasefire",
        title="A ceasefire is declared",
        citations=[Cited(source, passage)],
    )
    Citation.objects.filter(event=event).update(
        translation_en="The Taliban declared a three-day ceasefire."
    )
    path = event.get_absolute_url()
    english = page(client.get(path))
    assert english.select_one(".citation blockquote")["lang"] == "fa"
    # Its direction is the passage's own, whatever the page's (a source of unknown language
    # on a Pashto page is not laid out right to left).
    assert english.select_one(".citation blockquote")["dir"] == "auto"
    translation = english.select_one(".quote-translation")
    assert translation["lang"] == "en"
    assert "The Taliban declared a three-day ceasefire." in translation.get_text()
    # A Dari reader reads the passage as written, with nothing beside it.
    assert page(client.get(f"/fa{path}")).select(".quote-translation") == []


def test_the_seeds_carry_dari_and_pashto_for_every_event_and_name(seeded):
    for seed in SEEDS.events:
        event = Event.objects.get(slug=seed.slug)
        assert event.title_fa and event.title_ps, seed.slug
    for model in (Actor, Place, EventType, Phase):
        assert not model.objects.filter(name_fa="").exists(), model
        assert not model.objects.filter(name_ps="").exists(), model


def test_editors_write_translations_beside_the_english_right_to_left(admin_client):
    html = page(admin_client.get("/admin/events/event/add/"))
    for name in ("title_fa", "title_ps", "summary_fa", "body_ps"):
        field = html.select_one(f"#id_{name}")
        assert field["dir"] == "rtl", name
    assert html.select_one("#id_title_fa")["lang"] == "fa-AF"
    row = html.select_one(".form-row.field-title_fa")
    assert row.select_one("#id_title_ps") is not None  # on one row, side by side
