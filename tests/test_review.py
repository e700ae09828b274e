"""Importing an article in the admin and reviewing what it suggests."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from events.models import Event, Source, Suggestion
from tests.responses import page

pytestmark = pytest.mark.django_db

ARTICLE = (
    "date 2021-02-10 Envoys of the Taliban political office met Russia's Zamir Kabulov in "
    "Moscow on Monday. They agreed to meet again in March."
)


def messages(response) -> list[str]:
    return [" ".join(li.get_text().split()) for li in page(response).select(".messagelist li")]


def import_form(**fields) -> dict:
    return {"text": "", "published": "", "title": "", "publisher": "", "url": "", **fields}


def test_source_list_offers_to_import_an_article(admin_client):
    html = page(admin_client.get("/admin/events/source/"))
    assert html.find("a", string="Import article")["href"] == "/admin/events/source/import/"


def test_pasting_an_article_imports_it_and_shows_its_suggestions(admin_client, vocabulary):
    response = admin_client.post(
        "/admin/events/source/import/",
        import_form(text=ARTICLE, publisher="Tolo News"),
        follow=True,
    )
    source = Source.objects.get(publisher="Tolo News")
    assert source.published == date(2021, 2, 10)
    assert messages(response) == [f"Imported “{source.title}”: 2 new suggestion(s)."]
    rows = page(response).select("#result_list tbody tr")
    assert [row.select_one("mark").get_text() for row in rows] == ["Monday", "March"]
    first = " ".join(rows[0].get_text(" ").split())
    assert "8 February 2021" in first
    assert "Kabulov" in first and "Moscow" in first


def test_an_uploaded_file_with_a_date_given_on_the_form(admin_client):
    upload = SimpleUploadedFile("note.txt", b"Delegates met in Doha yesterday.")
    response = admin_client.post(
        "/admin/events/source/import/",
        import_form(file=upload, published="2020-09-13"),
        follow=True,
    )
    assert response.status_code == 200
    assert Suggestion.objects.get().when == "12 September 2020"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "Paste the article's text or upload its file (not both)."),
        ({"text": "Envoys met on Monday."}, "does not open with a dateline"),
        ({"text": "date 2021-02-10   "}, "has a dateline but no text"),
        ({"file": SimpleUploadedFile("scan.txt", b"\xff\xfe\x00")}, "scan.txt: is not UTF-8"),
        (
            {"file": SimpleUploadedFile("big.txt", b"date 2021-02-10 " + b"x" * 1_000_001)},
            "big.txt: is larger than 1 MB",
        ),
        # Pasted text is held to the same limit as a file (it used to skip it).
        ({"text": "date 2021-02-10 " + "x " * 500_001}, "The pasted text: is larger than 1 MB"),
        ({"text": ARTICLE, "file": SimpleUploadedFile("a.txt", b"x")}, "(not both)"),
    ],
)
def test_a_bad_import_says_why_and_writes_nothing(admin_client, fields, message):
    response = admin_client.post("/admin/events/source/import/", import_form(**fields))
    assert response.status_code == 200
    assert message in page(response).select_one(".errornote").get_text()
    assert (Source.objects.count(), Suggestion.objects.count()) == (0, 0)


def test_importing_the_same_article_again_says_so(admin_client):
    admin_client.post("/admin/events/source/import/", import_form(text=ARTICLE))
    response = admin_client.post(
        "/admin/events/source/import/", import_form(text=ARTICLE), follow=True
    )
    assert messages(response)[-1].endswith("0 new suggestion(s). It was imported before.")
    assert Suggestion.objects.count() == 2


def test_accepting_suggestions_makes_draft_events_to_finish(admin_client, vocabulary):
    admin_client.post("/admin/events/source/import/", import_form(text=ARTICLE))
    monday = Suggestion.objects.get(mention="Monday")
    response = admin_client.post(
        "/admin/events/suggestion/",
        {"action": "accept", "_selected_action": [monday.pk]},
        follow=True,
    )
    event = Event.objects.get(suggestions=monday)
    assert messages(response)[-1] == f"Made 1 draft event(s), to finish and publish: {event.title}"
    assert (event.status, event.when, event.place.slug) == ("draft", "8 February 2021", "moscow")
    assert {actor.slug for actor in event.actors.all()} == {
        "taliban-political-office",
        "russia",
        "zamir-kabulov",
    }
    assert event.citations.get().quote == monday.sentence
    link = page(response).select_one(".messagelist a")["href"]
    assert link == f"/admin/events/event/{event.pk}/change/"
    # Not public until an editor publishes it.
    assert admin_client.get("/").content.decode().count(event.title) == 0


def test_dismissing_and_accepting_only_touch_pending_suggestions(admin_client):
    admin_client.post("/admin/events/source/import/", import_form(text=ARTICLE))
    ids = list(Suggestion.objects.values_list("pk", flat=True))
    admin_client.post("/admin/events/suggestion/", {"action": "dismiss", "_selected_action": ids})
    assert set(Suggestion.objects.values_list("status", flat=True)) == {"dismissed"}
    response = admin_client.post(
        "/admin/events/suggestion/", {"action": "accept", "_selected_action": ids}, follow=True
    )
    assert messages(response)[-1] == "None of those was waiting for review."
    assert not Event.objects.exists()


def test_source_list_counts_what_is_left_to_review(admin_client):
    admin_client.post("/admin/events/source/import/", import_form(text=ARTICLE))
    Suggestion.objects.filter(mention="March").update(status="dismissed")
    link = page(admin_client.get("/admin/events/source/")).find("a", string="1 to review")
    source = Source.objects.get()
    assert link["href"] == (
        f"/admin/events/suggestion/?source__id__exact={source.pk}&status__exact=pending"
    )


def test_suggestions_cannot_be_added_by_hand(admin_client):
    assert admin_client.get("/admin/events/suggestion/add/").status_code == 403
