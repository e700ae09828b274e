from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User

from events.dates import Precision
from events.models import Citation, Event, EventRedirect, Source
from tests.factories import ActorFactory, EventFactory, SourceFactory

pytestmark = pytest.mark.django_db


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.mark.parametrize(
    "address",
    [
        "/admin/",
        "/admin/events/event/",
        "/admin/events/event/add/",
        "/admin/events/actor/",
        "/admin/events/actor/add/",
        "/admin/events/place/",
        "/admin/events/source/",
        "/admin/events/eventtype/",
    ],
)
def test_staff_reach_the_curation_pages(admin_client, seeded, address):
    assert admin_client.get(address).status_code == 200


def test_people_without_staff_status_are_sent_to_log_in(client, seeded):
    user = User.objects.create_user("reader", password="not-staff-pw")
    client.force_login(user)
    response = client.get("/admin/events/event/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_event_list_shows_dates_as_written_and_counts_sources(admin_client, seeded):
    rows = page(admin_client.get("/admin/events/event/?q=Pakistan")).select(
        "#result_list tbody tr"
    )
    assert len(rows) == 1
    cells = [cell.get_text(strip=True) for cell in rows[0].find_all(["th", "td"])]
    assert "Taliban political delegation visits Pakistan and meets Imran Khan" in cells
    assert "October 2020" in cells
    assert cells[-1] == "1"  # sources


def test_event_search_finds_events_by_actor_name(admin_client, seeded):
    rows = page(admin_client.get("/admin/events/event/?q=Stanikzai")).select(
        "#result_list tbody tr th a"
    )
    assert [row.get_text() for row in rows] == [
        "Taliban delegation holds consultations with Zamir Kabulov in Moscow"
    ]


def test_publish_and_unpublish_actions(admin_client):
    drafts = EventFactory.create_batch(2, status=Event.Status.DRAFT)
    admin_client.post(
        "/admin/events/event/",
        {"action": "publish", "_selected_action": [event.pk for event in drafts]},
    )
    assert set(Event.objects.values_list("status", flat=True)) == {"published"}
    admin_client.post(
        "/admin/events/event/",
        {"action": "unpublish", "_selected_action": [drafts[0].pk]},
    )
    assert Event.objects.get(pk=drafts[0].pk).status == "draft"
    assert Event.objects.get(pk=drafts[1].pk).status == "published"


def event_form(**overrides) -> dict:
    data = {
        "title": "Envoys meet in Doha",
        "slug": "envoys-meet-in-doha",
        "status": "draft",
        "start": "2020-02-17",
        "precision": str(Precision.MONTH),
        "end": "",
        "summary": "Envoys meet.",
        "body": "",
        "type": "",
        "place": "",
        "actors": [],
        "related": [],
        "citations-TOTAL_FORMS": "1",
        "citations-INITIAL_FORMS": "0",
        "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "1000",
        "citations-0-source": "",
        "citations-0-quote": "",
        "redirects-TOTAL_FORMS": "0",
        "redirects-INITIAL_FORMS": "0",
        "redirects-MIN_NUM_FORMS": "0",
        "redirects-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_editor_adds_a_cited_event_and_a_month_is_stored_as_its_first_day(admin_client):
    source = SourceFactory(text="The envoys met in Doha in February. They agreed to talk.")
    actor = ActorFactory(name="Qatar")
    response = admin_client.post(
        "/admin/events/event/add/",
        event_form(
            actors=[actor.pk],
            **{"citations-0-source": source.pk, "citations-0-quote": "The envoys met in Doha"},
        ),
    )
    assert response.status_code == 302, page(response).select(".errorlist")
    event = Event.objects.get(slug="envoys-meet-in-doha")
    assert (event.start, event.precision, event.when) == (
        date(2020, 2, 1),
        Precision.MONTH,
        "February 2020",
    )
    assert list(event.actors.all()) == [actor]
    assert Citation.objects.get().quote == "The envoys met in Doha"


def test_admin_explains_an_end_before_the_start_and_saves_nothing(admin_client):
    response = admin_client.post(
        "/admin/events/event/add/",
        event_form(precision=str(Precision.DAY), start="2020-02-17", end="2020-02-01"),
    )
    assert response.status_code == 200
    assert "An event cannot end before it starts." in page(response).get_text()
    assert not Event.objects.exists()


def test_admin_refuses_a_quote_that_is_not_in_the_source(admin_client):
    source = SourceFactory(text="The envoys met in Doha.")
    response = admin_client.post(
        "/admin/events/event/add/",
        event_form(**{"citations-0-source": source.pk, "citations-0-quote": "They signed"}),
    )
    assert "does not appear in the source's text" in page(response).get_text()
    assert not Event.objects.exists()
    assert Source.objects.count() == 1


def test_renaming_in_the_admin_keeps_the_old_address(admin_client, client):
    event = EventFactory(slug="doha-deal", start=date(2020, 2, 29))
    admin_client.post(
        f"/admin/events/event/{event.pk}/change/",
        event_form(
            slug="doha-agreement",
            status="published",
            start="2020-02-29",
            precision=str(Precision.DAY),
            **{"citations-TOTAL_FORMS": "0"},
        ),
    )
    assert EventRedirect.objects.get().old_slug == "doha-deal"
    assert client.get("/events/doha-deal/")["Location"] == "/events/doha-agreement/"


def test_change_page_offers_view_on_site(admin_client):
    event = EventFactory(slug="talks")
    html = page(admin_client.get(f"/admin/events/event/{event.pk}/change/"))
    link = html.find("a", string="View on site")
    assert link is not None
    assert (
        admin_client.get(link["href"], follow=True)
        .redirect_chain[-1][0]
        .endswith("/events/talks/")
    )


def test_actor_autocomplete_finds_by_name(admin_client, seeded):
    response = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "events", "model_name": "event", "field_name": "actors", "term": "kabu"},
    )
    assert [result["text"] for result in response.json()["results"]] == ["Zamir Kabulov"]
