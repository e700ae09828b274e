"""A Dari or Pashto page is in Dari or Pashto throughout: every word a reader sees is in the
page's language, or sits in an element that says which language it is in (an untranslated
title `lang="en"`, a source quoted as written in its own language). Numbers are written in
Persian digits, as the dates are.

Found by reading the seeded /fa/ as a reader would (1 December): the actor, place, type and
phase lists, the countries beside the places, the keyboard shortcuts, the download links, the
result count ("نمایش 48 رویداد") and the axis ("هر ستون رویدادهای یک year") were English or
in Latin digits with nothing to say so.
"""

import re
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup, NavigableString

from tests.seeds import SEEDS

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
LATIN = re.compile(r"[A-Za-z]")
ASCII_DIGIT = re.compile(r"[0-9]")
# Names that are written in Latin letters in Dari and Pashto text too: the product and the
# formats a reader downloads, as Afghan sites write them.
LATIN_NAMES = re.compile(r"\b(Peacetracker|JSON|CSV|iCalendar|Atom|TimelineJS)\b")


def _language_of(node) -> str | None:
    """The language the nearest element with a `lang` attribute says `node` is in."""
    for parent in node.parents:
        if parent.name and parent.get("lang"):
            return parent["lang"].lower().split("-")[0]
    return None


def foreign_text(html: bytes, language: str) -> list[str]:
    """The text a reader sees that is neither in `language` nor marked as in another one:
    words in Latin letters, or numbers in Latin digits."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "head", "template", "kbd", "code"]):
        hidden.decompose()
    found = []
    for node in soup.find_all(string=True):
        if not isinstance(node, NavigableString) or node.parent.name in {"[document]"}:
            continue
        text = LATIN_NAMES.sub("", str(node)).strip()
        if not text or (not LATIN.search(text) and not ASCII_DIGIT.search(text)):
            continue
        if _language_of(node) != language:
            continue  # marked as English, or as the source's own language
        found.append(" ".join(text.split())[:80])
    return found


def addresses() -> list[str]:
    event = SEEDS.events[0]
    actor = SEEDS.fewest(SEEDS.actors, SEEDS.with_actor)
    place = next(iter(SEEDS.places))
    return [
        "/",
        "/?lanes=type",
        f"/events/{event.slug}/",
        f"/actors/{actor}/",
        f"/places/{place}/",
        "/map/",
        f"/agreements/{SEEDS.commitments[0]['agreement']}/",
    ]


@pytest.mark.parametrize("language", ["fa", "ps"])
@pytest.mark.parametrize("address", addresses())
def test_a_dari_or_pashto_page_says_everything_in_its_language(client, seeded, language, address):
    response = client.get(f"/{language}{address}", follow=True)
    assert response.status_code == 200
    assert foreign_text(response.content, language) == []
    # The seeds translate every title, summary, name and description: none is shown in
    # English for want of one (only commitments are written in English alone, so far).
    soup = BeautifulSoup(response.content, "html.parser")
    english = soup.select('span[lang="en"][dir="ltr"]')
    shown_in_english = [
        " ".join(span.get_text().split())
        for span in english
        if not span.find_parent(class_="commitment-table")
    ]
    assert shown_in_english == []


# An address a reader mistyped in every filter: each is reported, in the page's language.
MISTYPED = (
    "?actor=zzz&place=zzz&type=zzz&phase=zzz&status=zzz&order=zzz&match=zzz"
    "&from=zzz&to=2019-13&zoom=zzz&lanes=zzz&before=zzz"
)
# What the messages quote back: the reader's own words, and the forms a date is typed in.
QUOTED = re.compile(
    r"zzz|2019-13|\d{4}(?:-\d{2}){0,2}"
    r"|\b(?:all|any|held|planned|postponed|cancelled|decade|year|month|week)\b"
)


@pytest.mark.parametrize("language", ["fa", "ps"])
def test_messages_about_a_mistyped_address_are_in_the_page_language(client, seeded, language):
    response = client.get(f"/{language}/{MISTYPED}")
    soup = BeautifulSoup(response.content, "html.parser")
    messages = [" ".join(item.get_text().split()) for item in soup.select(".form-errors li")]
    assert len(messages) >= 8, messages
    foreign = [
        message
        for message in messages
        if LATIN.search(QUOTED.sub("", message)) or ASCII_DIGIT.search(QUOTED.sub("", message))
    ]
    assert foreign == []


@pytest.mark.parametrize("language", ["fa", "ps"])
def test_data_and_feeds_name_everything_in_the_address_language(client, seeded, language):
    event = client.get(f"/{language}/api/events.json").json()["events"][0]
    names = [event["title"], event["type"]["name"], event["place"]["name"]]
    names += [event["place"]["country"], *(actor["name"] for actor in event["actors"])]
    assert [name for name in names if LATIN.search(name)] == []

    actor = SEEDS.fewest(
        [slug for slug, row in SEEDS.actors.items() if row.get("description")], SEEDS.with_actor
    )
    data = client.get(f"/{language}/api/actors/{actor}.json").json()
    met = [row["name"] for row in data["met"]]
    assert [text for text in [data["name"], data["description"], *met] if LATIN.search(text)] == []

    feed = ElementTree.fromstring(client.get(f"/{language}/feed/").content)
    titles = [title.text for title in feed.iterfind(f"{ATOM}entry/{ATOM}title")]
    assert titles and [title for title in titles if LATIN.search(title)] == []
