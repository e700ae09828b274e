from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.utils import timezone

from events.dates.values import Precision
from events.models import Citation, Event, EventRedirect, Source
from tests.factories import ActorFactory, CitationFactory, EventFactory, SourceFactory, cite
from tests.responses import page
from tests.seeds import SEEDS

pytestmark = pytest.mark.django_db


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


def test_event_list_shows_dates_as_written_and_counts_sources(admin_client):
    EventFactory(
        title="Taliban delegation visits Pakistan",
        start=date(2020, 10, 1),
        precision=Precision.MONTH,
        citations=[cite(SourceFactory()), cite(SourceFactory())],
    )
    EventFactory(title="Envoys meet in Doha")
    rows = page(admin_client.get("/admin/events/event/?q=Pakistan")).select(
        "#result_list tbody tr"
    )
    assert len(rows) == 1
    cells = [cell.get_text(strip=True) for cell in rows[0].find_all(["th", "td"])]
    assert "Taliban delegation visits Pakistan" in cells
    assert "October 2020" in cells
    assert cells[-1] == "2"  # sources


def test_event_search_finds_events_by_actor_name(admin_client):
    stanikzai = ActorFactory(name="Sher Mohammad Abbas Stanikzai", slug="stanikzai")
    EventFactory(title="Consultations in Moscow", actors=[stanikzai, ActorFactory()])
    EventFactory(title="Talks in Doha", actors=[ActorFactory()])
    rows = page(admin_client.get("/admin/events/event/?q=Stanikzai")).select(
        "#result_list tbody tr th a"
    )
    assert [row.get_text() for row in rows] == ["Consultations in Moscow"]


def test_publish_action_publishes_sourced_drafts_and_says_which_it_left(admin_client):
    sourced = [citation.event for citation in CitationFactory.create_batch(2)]
    Event.objects.update(status=Event.Status.DRAFT)
    unsourced = EventFactory(title="Rumoured meeting", status=Event.Status.DRAFT)
    response = admin_client.post(
        "/admin/events/event/",
        {"action": "publish", "_selected_action": [e.pk for e in [*sourced, unsourced]]},
        follow=True,
    )
    statuses = dict(Event.objects.values_list("title", "status"))
    assert statuses == {
        sourced[0].title: "published",
        sourced[1].title: "published",
        "Rumoured meeting": "draft",
    }
    shown = [str(message) for message in response.context["messages"]]
    assert shown == [
        "Published 2 event(s).",
        "Not published, as they cite no source yet: “Rumoured meeting”.",
    ]


def test_unpublish_action_returns_events_to_draft(admin_client):
    events = [citation.event for citation in CitationFactory.create_batch(2)]
    admin_client.post(
        "/admin/events/event/", {"action": "unpublish", "_selected_action": [events[0].pk]}
    )
    assert Event.objects.get(pk=events[0].pk).status == "draft"
    assert Event.objects.get(pk=events[1].pk).status == "published"


def event_form(**overrides) -> dict:
    data = {
        "title": "Envoys meet in Doha",
        "slug": "envoys-meet-in-doha",
        "status": "draft",
        "when": "February 2020",
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
        # Links to other events (none), and whether it took place.
        "links_out-TOTAL_FORMS": "0",
        "links_out-INITIAL_FORMS": "0",
        "occurrence": "held",
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
        event_form(when="17–1 February 2020"),
    )
    assert response.status_code == 200
    assert "“17–1 February 2020” ends before it starts." in page(response).get_text()
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


def existing_citation(citation: Citation) -> dict:
    """The inline's fields for a citation the event already has, unchanged, and when the
    editor opened the event."""
    citation.event.refresh_from_db()
    return {
        "seen": citation.event.updated.isoformat(),
        "citations-TOTAL_FORMS": "1",
        "citations-INITIAL_FORMS": "1",
        "citations-0-id": str(citation.pk),
        "citations-0-event": str(citation.event.pk),
        "citations-0-source": str(citation.source.pk),
        "citations-0-quote": citation.quote,
    }


def test_renaming_in_the_admin_keeps_the_old_address(admin_client, client):
    citation = CitationFactory(event=EventFactory(slug="doha-deal", start=date(2020, 2, 29)))
    response = admin_client.post(
        f"/admin/events/event/{citation.event.pk}/change/",
        event_form(
            slug="doha-agreement",
            status="published",
            when="29 February 2020",
            **existing_citation(citation),
        ),
    )
    assert response.status_code == 302
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


def test_actor_autocomplete_finds_by_name(admin_client):
    for name in ("Zamir Kabulov", "Zalmay Khalilzad", "Kabul University", "Russia"):
        ActorFactory(name=name)
    response = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "events", "model_name": "event", "field_name": "actors", "term": "kabu"},
    )
    assert [result["text"] for result in response.json()["results"]] == [
        "Kabul University",
        "Zamir Kabulov",
    ]


# The "When" field


def test_event_form_asks_when_in_one_field(admin_client):
    html = page(admin_client.get("/admin/events/event/add/"))
    label = html.find("label", attrs={"for": "id_when"})
    assert label.get_text(strip=True).rstrip(":") == "When"
    for separate in ("id_start", "id_precision", "id_end"):
        assert html.find(id=separate) is None


@pytest.mark.parametrize(
    ("typed", "start", "precision", "end"),
    [
        ("February last year", date(2020, 2, 1), Precision.MONTH, None),
        ("in October", date(2020, 10, 1), Precision.MONTH, None),
        ("yesterday", date(2021, 1, 27), Precision.DAY, None),
        ("28 May – 2 June 2019", date(2019, 5, 28), Precision.DAY, date(2019, 6, 2)),
        ("2019", date(2019, 1, 1), Precision.YEAR, None),
    ],
)
def test_when_resolves_against_the_first_cited_sources_publication(
    admin_client, typed, start, precision, end
):
    source = SourceFactory(published=date(2021, 1, 28), text="Envoys met in Moscow.")
    response = admin_client.post(
        "/admin/events/event/add/",
        event_form(
            when=typed,
            status="published",
            **{"citations-0-source": source.pk, "citations-0-quote": "Envoys met in Moscow."},
        ),
    )
    assert response.status_code == 302, page(response).select(".errorlist")
    event = Event.objects.get()
    assert (event.start, event.precision, event.end) == (start, precision, end)
    assert event.status == "published"


def test_when_counts_from_today_when_no_source_is_cited(admin_client):
    admin_client.post("/admin/events/event/add/", event_form(when="last year"))
    assert Event.objects.get().start == date(timezone.localdate().year - 1, 1, 1)


def test_when_uses_the_first_source_not_a_removed_one(admin_client):
    older = SourceFactory(published=date(2015, 6, 1))
    newer = SourceFactory(published=date(2021, 1, 28))
    data = event_form(
        when="February last year",
        **{
            "citations-TOTAL_FORMS": "2",
            "citations-0-source": older.pk,
            "citations-0-quote": older.text.split(". ")[0],
            "citations-0-DELETE": "on",
            "citations-1-source": newer.pk,
            "citations-1-quote": newer.text.split(". ")[0],
        },
    )
    assert admin_client.post("/admin/events/event/add/", data).status_code == 302
    assert Event.objects.get().when == "February 2020"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("sometime soon", "Could not read “sometime soon” as a date."),
        ("02/03/2020", "“02/03/2020” could be 2 March 2020 or 3 February 2020."),
        ("31 February 2020", "February 2020 has 29 days."),
        ("", "This field is required."),
    ],
)
def test_when_refuses_what_it_cannot_read_and_saves_nothing(admin_client, typed, message):
    response = admin_client.post("/admin/events/event/add/", event_form(when=typed))
    assert response.status_code == 200
    errors = [" ".join(e.get_text().split()) for e in page(response).select(".errorlist li")]
    assert any(message in error for error in errors), errors
    assert not Event.objects.exists()


def test_change_form_shows_the_saved_date_as_written(admin_client):
    event = EventFactory(start=date(2019, 5, 28), end=date(2019, 5, 30))
    html = page(admin_client.get(f"/admin/events/event/{event.pk}/change/"))
    assert html.find(id="id_when")["value"] == "28–30 May 2019"
    assert html.find(id="when-preview").get_text(strip=True) == "28–30 May 2019 — days"


def preview(admin_client, **params) -> BeautifulSoup:
    response = admin_client.get("/admin/events/event/when-preview/", params)
    assert response.status_code == 200
    return page(response).find(id="when-preview")


def test_preview_shows_the_date_its_precision_and_its_base(admin_client):
    source = SourceFactory(title="Taliban in Moscow", published=date(2021, 1, 28))
    shown = preview(
        admin_client,
        when="February last year",
        **{"citations-TOTAL_FORMS": "1", "citations-0-source": source.pk},
    )
    assert shown.get_text() == (
        "February 2020 — month — relative to 28 January 2021, when “Taliban in Moscow” "
        "was published"
    )
    assert "when-preview-error" not in shown["class"]


def test_preview_of_an_absolute_date_does_not_mention_a_base(admin_client):
    assert preview(admin_client, when="29/02/2020").get_text() == "29 February 2020 — day"


def test_preview_without_a_source_counts_from_today(admin_client):
    today = timezone.localdate()
    assert preview(admin_client, when="today").get_text() == (
        f"{today.day} {today:%B %Y} — day — relative to today, {today.day} {today:%B %Y} "
        "(no source cited yet)"
    )


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("2019-W23", "3–9 June 2019 — days — week 23 of 2019"),
        ("2019-W24-WE", "15–16 June 2019 — days — the weekend of week 24 of 2019"),
        ("2019-Q3", "July–September 2019 — months — quarter 3 of 2019"),
        ("2019-SU", "June–August 2019 — months — summer 2019"),
        ("the third quarter of 2019", "July–September 2019 — months — quarter 3 of 2019"),
        ("2019-H1", "January–June 2019 — months — first half of 2019"),
        ("the second half of 2012", "July–December 2012 — months — second half of 2012"),
    ],
)
def test_preview_says_which_week_quarter_or_season_the_days_are(admin_client, typed, shown):
    # TimeML's weeks, quarters and seasons are read, and shown as the days they are.
    assert preview(admin_client, when=typed).get_text() == shown


def test_now_is_the_day_it_is_said_and_recently_is_no_day(admin_client):
    today = timezone.localdate()
    written = f"{today.day} {today:%B %Y}"
    assert preview(admin_client, when="now").get_text() == (
        f"{written} — day — now, the day it is said — relative to today, {written} "
        "(no source cited yet)"
    )
    refused = preview(admin_client, when="recently")
    assert refused.get_text().startswith("“recently” says only that it is before or after")
    assert "when-preview-error" in refused["class"]


def test_tonight_is_todays_day_at_night(admin_client):
    today = timezone.localdate()
    written = f"{today.day} {today:%B %Y}"
    assert preview(admin_client, when="tonight").get_text() == (
        f"{written} — day — at night — relative to today, {written} (no source cited yet)"
    )


def test_preview_explains_what_it_cannot_read(admin_client):
    shown = preview(admin_client, when="whenever")
    assert shown.get_text().startswith("Could not read “whenever” as a date.")
    assert "when-preview-error" in shown["class"]


def test_preview_is_for_staff_only(client):
    response = client.get("/admin/events/event/when-preview/", {"when": "2019"})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# Integrity


def test_publishing_without_a_source_is_refused_and_nothing_saved(admin_client):
    response = admin_client.post("/admin/events/event/add/", event_form(status="published"))
    assert response.status_code == 200
    assert "A published event cites at least one source" in page(response).get_text()
    assert not Event.objects.exists()


def test_a_draft_may_be_saved_without_a_source(admin_client):
    response = admin_client.post("/admin/events/event/add/", event_form(status="draft"))
    assert response.status_code == 302
    assert Event.objects.get().status == "draft"


def test_removing_the_last_source_of_a_published_event_is_refused(admin_client):
    citation = CitationFactory()
    data = event_form(
        slug=citation.event.slug,
        status="published",
        when="29 February 2020",
        **existing_citation(citation),
        **{"citations-0-DELETE": "on"},
    )
    response = admin_client.post(f"/admin/events/event/{citation.event.pk}/change/", data)
    assert "A published event cites at least one source" in page(response).get_text()
    assert Citation.objects.filter(pk=citation.pk).exists()


# History and list


def test_every_change_is_recorded_with_its_author_and_fields(admin_client, admin_user):
    citation = CitationFactory(event=EventFactory(title="Talks in Doha", slug="talks"))
    admin_client.post(
        f"/admin/events/event/{citation.event.pk}/change/",
        event_form(
            title="Talks in Doha resume",
            slug="talks",
            status="published",
            when="February last year",
            **existing_citation(citation),
        ),
    )
    latest = citation.event.history.latest()
    assert latest.history_user == admin_user
    changed = {
        change.field: (change.old, change.new)
        for change in latest.diff_against(latest.prev_record).changes
    }
    assert changed["title"] == ("Talks in Doha", "Talks in Doha resume")
    assert changed["precision"] == (Precision.DAY, Precision.MONTH)

    history = page(admin_client.get(f"/admin/events/event/{citation.event.pk}/history/"))
    text = " ".join(history.get_text().split())
    assert "Title: Talks in Doha → Talks in Doha resume" in text
    assert admin_user.username in text


def test_bulk_publishing_is_recorded_in_each_events_history(admin_client, admin_user):
    event = CitationFactory().event
    Event.objects.filter(pk=event.pk).update(status="draft")
    admin_client.post(
        "/admin/events/event/", {"action": "publish", "_selected_action": [event.pk]}
    )
    latest = event.history.latest()
    assert (latest.status, latest.history_user) == ("published", admin_user)


def test_events_can_be_listed_by_year(admin_client, seeded):
    for year in SEEDS.years:
        rows = page(admin_client.get("/admin/events/event/", {"year": year})).select(
            "#result_list tbody th a"
        )
        assert sorted(row.get_text() for row in rows) == sorted(
            event.title for event in SEEDS.events if event.start.year == year
        ), year
