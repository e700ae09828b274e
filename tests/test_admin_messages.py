"""What the admin says to an editor in Dari and Pashto beyond its labels: the When field's
explanations, an import's refusals, the precision choices, the history pages and the
admin's own JavaScript messages. Machines keep their words ("day" in exports, in CSS)."""

import json
import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from events.models import Event
from tests.factories import EventFactory
from tests.responses import page
from tests.test_admin import event_form

pytestmark = pytest.mark.django_db

LANGUAGES = ["fa", "ps"]
# A Latin word of three letters or more: English left in a Dari or Pashto message.
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


# The site's name, the transliterated Solar Hijri month the When field reads ("10 Hoot
# 1398") and may offer as an example, and the names of bytes and encodings (NUL, UTF-8).
_KEPT = {"Peacetracker", "Hoot", "NUL", "UTF"}


def latin_words(text: str, *, besides: str = "") -> list[str]:
    """The Latin words in `text` once `besides` (what the editor typed, a file's name) is
    taken out of it."""
    text = _PLACEHOLDER.sub("", text.replace(besides, "") if besides else text)
    return [word for word in _LATIN_WORD.findall(text) if word not in _KEPT]


def refusal(response) -> str:
    """What an import page says it refused, as one line."""
    assert response.status_code == 200
    return " ".join(page(response).select_one(".errornote").get_text().split())


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw-1x9q")
    client.force_login(user)
    return client


def preview(editor, language: str, typed: str) -> str:
    response = editor.get(f"/{language}/admin/events/event/when-preview/", {"when": typed})
    assert response.status_code == 200
    shown = page(response).find(id="when-preview")
    assert "when-preview-error" in shown["class"]
    return " ".join(shown.get_text().split())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "typed",
    [
        "whenever",  # not a date at all
        "31 February 2020",  # not in the calendar: February has 29 days that year
        "30–28 May 2019",  # ends before it starts
        "28 May – June 2019",  # two ends of different precision
        "31 December 9999",  # outside the years shown
        "Tuesday 2 March 2020",  # the weekday does not add up: it was a Monday
        "2020-W60",  # not a week of the calendar
        "خیلی وقت پیش",  # Arabic script, but no date in it
    ],
)
def test_the_when_field_explains_in_the_editors_language(editor, language, typed):
    said = preview(editor, language, typed)
    assert typed in said  # the editor's own words, quoted back
    assert latin_words(said, besides=typed) == []


def test_the_english_explanations_are_unchanged(admin_client):
    response = admin_client.get("/admin/events/event/when-preview/", {"when": "31 February 2020"})
    shown = page(response).find(id="when-preview").get_text()
    assert shown == "“31 February 2020” is not in the calendar: February 2020 has 29 days."


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_refused_import_says_why_in_the_editors_language(editor, language):
    upload = SimpleUploadedFile("statement.txt", b"date 2021-01-28\nDoha\x00talks", "text/plain")
    response = editor.post(f"/{language}/admin/events/source/import/", {"file": upload})
    said = refusal(response)
    assert said.startswith("statement.txt: ")
    assert latin_words(said, besides="statement.txt") == []
    # The page around it too: what it does, and the button that does it.
    html = page(response)
    assert latin_words(html.select_one("#content-main > p:not(.errornote)").get_text()) == []
    assert latin_words(html.select_one(".submit-row input")["value"]) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_pasted_article_is_named_in_the_editors_language(editor, language):
    response = editor.post(
        f"/{language}/admin/events/source/import/", {"text": "No dateline, only words."}
    )
    # The dateline's own form ("date 2021-01-28") is what the file must say, so it stays.
    assert latin_words(refusal(response), besides="date 2021-01-28") == []


PRECISIONS = {
    "": ["day", "month", "year"],
    "fa": ["روز", "ماه", "سال"],
    "ps": ["ورځ", "میاشت", "کال"],
}


@pytest.mark.parametrize("language", PRECISIONS, ids=lambda code: code or "en")
def test_the_precision_filter_names_precisions_in_the_language(editor, language):
    prefix = f"/{language}" if language else ""
    html = page(editor.get(prefix + "/admin/events/event/"))
    choices = html.select(
        "#changelist-filter details[data-filter-title] a[href*='precision__exact']"
    )
    assert sorted(a.get_text(strip=True) for a in choices) == sorted(PRECISIONS[language])


@pytest.mark.parametrize("language", LANGUAGES)
def test_machines_keep_the_precisions_code(client, language):
    EventFactory(title="Doha agreement", start=date(2020, 2, 29))
    exported = json.loads(client.get(f"/{language}/api/events.json").content)
    assert [e["precision"] for e in exported["events"]] == ["day"]
    html = page(client.get(f"/{language}/"))
    assert "precision-day" in html.select_one("#results article")["class"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_events_history_is_in_the_language(editor, language):
    response = editor.post("/admin/events/event/add/", event_form())
    assert response.status_code == 302
    event = Event.objects.get()
    html = page(editor.get(f"/{language}/admin/events/event/{event.pk}/history/"))
    headings = [th.get_text(strip=True) for th in html.select("#change-history th")]
    assert len(headings) >= 5
    assert [h for h in headings if latin_words(h)] == []
    cells = [td.get_text(strip=True) for td in html.select("#change-history tbody td")]
    assert "Created" not in cells
    # simple-history's own sentence above the list.
    assert latin_words(html.select_one("#content-main p").get_text()) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_admins_javascript_messages_are_in_the_language(editor, language):
    response = editor.get(f"/{language}/admin/jsi18n/")
    assert response.status_code == 200
    catalogue = json.loads(
        re.search(r"const newcatalog = (\{.*?\});", response.content.decode(), re.S)[1]
    )
    # Django's calendar and time widgets and the selection counter.
    for english in ("Today", "Now", "Choose a time", "Cancel", "January", "Show"):
        assert latin_words(catalogue[english]) == [], english
    counter = catalogue["%(sel)s of %(cnt)s selected"]
    assert [latin_words(said) for said in counter] == [[], []]
