from datetime import date

import pytest
from bs4 import BeautifulSoup

from events.dates.values import Precision
from events.models import Event
from tests.factories import (
    ActorFactory,
    CitationFactory,
    EventFactory,
    PlaceFactory,
)

pytestmark = pytest.mark.django_db


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def listed(response) -> list[str]:
    """The titles of the events listed, in the order a reader sees them."""
    return [article.find(["h3", "h4"]).get_text(strip=True) for article in articles(response)]


def articles(response) -> list:
    return page(response).select("#results article")


def errors(response) -> list[str]:
    return [" ".join(item.get_text().split()) for item in page(response).select(".form-errors li")]


# The timeline


def test_timeline_lists_events_chronologically_under_year_and_month_headings(client, seeded):
    response = client.get("/")
    assert response.status_code == 200
    outline = [
        (tag.name, tag.get_text(strip=True))
        for tag in page(response).select("#results h2, #results h3, #results h4")
    ]
    assert outline == [
        ("h2", "2018"),
        ("h3", "November 2018"),
        ("h4", "Russia invites the Taliban to a conference of 11 regional countries in Moscow"),
        ("h2", "2019"),
        ("h3", "First of two intra-Afghan talks hosted by Russia in Moscow"),
        ("h3", "Second of two intra-Afghan talks hosted by Russia in Moscow"),
        ("h2", "2020"),
        ("h3", "February 2020"),
        ("h4", "The United States and the Taliban sign the Doha agreement"),
        ("h3", "October 2020"),
        ("h4", "Taliban political delegation visits Pakistan and meets Imran Khan"),
        ("h2", "2021"),
        ("h3", "January 2021"),
        ("h4", "New US administration hints at a review of the Doha agreement"),
        ("h4", "Taliban political envoys hold talks in Iran"),
        ("h4", "Taliban delegation holds consultations with Zamir Kabulov in Moscow"),
    ]


def test_each_listed_event_links_its_permalink_and_carries_its_date_value(client, seeded):
    doha = next(
        article for article in articles(client.get("/")) if "Doha agreement" in article.text
    )
    assert doha.find("h4").a["href"] == "/events/doha-agreement-signed/"
    assert doha.time["datetime"] == "2020-02"
    assert doha.time.get_text() == "February 2020"
    text = doha.get_text(" ", strip=True)
    for shown in ("Agreement", "Doha", "United States", "Taliban political office", "Key event"):
        assert shown in text
    assert "The Doha agreement between the United States and the Taliban is signed" in text


def test_filter_form_has_the_labelled_controls(client, seeded):
    form = page(client.get("/")).find("form", attrs={"role": "search"})
    labels = {label.get_text(strip=True): label["for"] for label in form.find_all("label")}
    assert list(labels) == ["Search", "Actor", "Place", "Type", "From", "To"]
    for control_id in labels.values():
        assert form.find(id=control_id) is not None
    assert form["method"] == "get"
    assert form["action"] == "/"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The Moscow consultations' account mentions the Doha agreement too.
        (
            "q=Doha",
            [
                "doha-agreement-signed",
                "us-review-of-doha-agreement",
                "taliban-consultations-in-moscow",
            ],
        ),
        ("q=doha+review", ["us-review-of-doha-agreement"]),
        # Words too common to search for are left out, on both databases alike.
        ("q=the+review+of+the+doha", ["us-review-of-doha-agreement"]),
        ("q=Kabulov", ["taliban-consultations-in-moscow"]),  # an actor's name
        ("q=Pakistan", ["taliban-delegation-visits-pakistan"]),
        ("actor=imran-khan", ["taliban-delegation-visits-pakistan"]),
        (
            "actor=iran&actor=imran-khan",
            ["taliban-delegation-visits-pakistan", "taliban-envoys-hold-talks-in-iran"],
        ),
        ("place=doha", ["doha-agreement-signed"]),
        (
            "place=doha&place=iran",
            ["doha-agreement-signed", "taliban-envoys-hold-talks-in-iran"],
        ),
        (
            "type=talks",
            [
                "first-intra-afghan-talks-in-moscow",
                "second-intra-afghan-talks-in-moscow",
                "taliban-envoys-hold-talks-in-iran",
            ],
        ),
        ("from=2020&to=2020", ["doha-agreement-signed", "taliban-delegation-visits-pakistan"]),
        (
            "from=2020-10",
            [
                "taliban-delegation-visits-pakistan",
                "us-review-of-doha-agreement",
                "taliban-envoys-hold-talks-in-iran",
                "taliban-consultations-in-moscow",
            ],
        ),
        # "February 2020" may have been on the 15th or later, so it overlaps this period.
        ("from=2020-02-15&to=2020-02-29", ["doha-agreement-signed"]),
        ("to=2018-11-09", ["moscow-conference-of-regional-countries"]),
        ("to=2018-11-08", []),
        (
            "type=talks&place=moscow&to=2019",
            ["first-intra-afghan-talks-in-moscow", "second-intra-afghan-talks-in-moscow"],
        ),
    ],
)
def test_filters_narrow_the_timeline(client, seeded, query, expected):
    response = client.get(f"/?{query}")
    assert response.status_code == 200
    links = [article.find("a")["href"] for article in articles(response)]
    assert links == [f"/events/{slug}/" for slug in expected]
    assert errors(response) == []


def test_multi_day_event_overlapping_the_period_start_is_included(client):
    EventFactory(title="Talks in Moscow", start=date(2019, 5, 28), end=date(2019, 5, 30))
    EventFactory(title="Earlier talks", start=date(2019, 5, 1))
    assert listed(client.get("/?from=2019-05-29")) == ["Talks in Moscow"]


def test_filtered_form_shows_the_current_choices(client, seeded):
    form = page(client.get("/?q=talks&actor=russia&actor=iran&type=talks&from=2019")).find(
        "form", attrs={"role": "search"}
    )
    assert form.find(id="id_q")["value"] == "talks"
    assert {o["value"] for o in form.select("#id_actor option[selected]")} == {"russia", "iran"}
    assert form.select_one("#id_type option[selected]")["value"] == "talks"
    assert form.find(id="id_from")["value"] == "2019"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=2020-13", "From: “2020-13” is not a date in the calendar."),
        ("to=last+year", "To: “last year” is not a date: use a year (2019), a month (2020-02)"),
        ("actor=nobody", "Actor: There is no actor “nobody”."),
        ("actor=russia&actor=bad%00slug", "Actor: There is no actor “bad"),
        ("place=%3Cscript%3E", "Place: There is no place “<script>”."),
        ("type=summit", "Type: There is no event type “summit”."),
        ("from=2021&to=2019", "To: “To” comes before “From”"),
        ("q=" + "x" * 201, "Search: Search for at most 200 characters."),
        ("q=a%00b", "Search: Null characters are not allowed."),
        ("q=Who+and+when", "Search: “Who and when” holds only words too common to search for"),
        ("after=yesterday", "That page address is not valid"),
        ("before=2020-02-01.9.1", "That page address is not valid"),
    ],
)
def test_invalid_filters_show_a_message_and_never_fail(client, seeded, query, message):
    response = client.get(f"/?{query}")
    assert response.status_code == 200
    assert any(error.startswith(message) for error in errors(response)), errors(response)
    # The rest of the page still works: the timeline is shown without the bad filter.
    assert len(articles(response)) >= 1


def test_an_invalid_filter_is_left_out_and_the_valid_ones_still_apply(client, seeded):
    response = client.get("/?place=doha&from=someday")
    assert listed(response) == ["The United States and the Taliban sign the Doha agreement"]
    assert errors(response) == [
        "From: “someday” is not a date: use a year (2019), a month (2020-02) "
        "or a day (2020-02-29)."
    ]


def test_markup_in_a_bad_value_is_shown_as_text(client, seeded):
    response = client.get("/?place=%3Cscript%3Ealert(1)%3C/script%3E")
    assert b"<script>alert(1)" not in response.content
    assert "&lt;script&gt;alert(1)" in response.content.decode()


def test_no_match_says_so(client, seeded):
    response = client.get("/?q=ceasefire")
    assert articles(response) == []
    assert "No published events match these filters." in page(response).get_text()


def test_htmx_request_gets_only_the_results_fragment(client, seeded):
    response = client.get("/?place=doha", headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and "<form" not in html
    fragment = page(response)
    assert fragment.find().get("id") == "results"
    assert listed(response) == ["The United States and the Taliban sign the Doha agreement"]
    assert "HX-Request" in response["Vary"]


def test_full_page_also_varies_on_htmx_header(client, seeded):
    response = client.get("/")
    assert "HX-Request" in response["Vary"]
    assert "<html" in response.content.decode()


def test_htmx_history_restore_gets_the_whole_page(client, seeded):
    response = client.get(
        "/?place=doha", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in response.content.decode()


def test_drafts_never_appear_on_the_timeline(client, seeded):
    EventFactory(title="Secret draft about Doha", status=Event.Status.DRAFT)
    for address in ("/", "/?q=secret", "/?q=Doha", "/?from=2020-02&to=2020-02"):
        assert "Secret draft" not in client.get(address).content.decode()


# Paging


@pytest.fixture
def many_events(db, settings):
    settings.PEACETRACKER_PAGE_SIZE = 3
    place = PlaceFactory(slug="kabul", name="Kabul")
    return [
        EventFactory(title=f"Meeting {n:02d}", start=date(2020, 1, n), place=place)
        for n in range(1, 9)
    ]


def follow(client, response, text: str):
    link = page(response).find("a", string=text)
    assert link is not None, f"no link {text!r}"
    assert link["data-hx-get"] == link["href"]
    return client.get(link["href"])


def test_timeline_pages_forward_and_back_with_real_links(client, many_events):
    first = client.get("/")
    assert listed(first) == ["Meeting 01", "Meeting 02", "Meeting 03"]
    assert page(first).find("a", string="Earlier events") is None
    second = follow(client, first, "Later events")
    assert listed(second) == ["Meeting 04", "Meeting 05", "Meeting 06"]
    third = follow(client, second, "Later events")
    assert listed(third) == ["Meeting 07", "Meeting 08"]
    assert page(third).find("a", string="Later events") is None
    back = follow(client, third, "Earlier events")
    assert listed(back) == ["Meeting 04", "Meeting 05", "Meeting 06"]
    assert listed(follow(client, back, "Earlier events")) == [
        "Meeting 01",
        "Meeting 02",
        "Meeting 03",
    ]


def test_latest_events_are_one_link_away(client, many_events):
    latest = follow(client, client.get("/"), "Latest events")
    assert listed(latest) == ["Meeting 06", "Meeting 07", "Meeting 08"]
    assert page(latest).find("a", string="Later events") is None


def test_page_links_keep_the_filters(client, many_events):
    EventFactory(title="Elsewhere", start=date(2020, 1, 2))
    first = client.get("/?place=kabul")
    later = page(first).find("a", string="Later events")["href"]
    assert "place=kabul" in later
    assert "Elsewhere" not in listed(client.get(later))


def test_jump_to_year_carries_the_filters_and_drops_the_page_position(client, many_events):
    EventFactory(title="A year later", start=date(2021, 5, 1), place=many_events[0].place)
    later = page(client.get("/?place=kabul&q=meeting")).find("a", string="Later events")
    jump = page(client.get(later["href"])).select_one("form.jump")
    carried = [(field["name"], field["value"]) for field in jump.select("input[type=hidden]")]
    assert carried == [("place", "kabul"), ("q", "meeting")]
    assert [option["value"] for option in jump.select("option")] == ["2020", "2021"]


def test_a_page_address_keeps_its_place_when_events_are_added_before_it(client, many_events):
    later = page(client.get("/")).find("a", string="Later events")["href"]
    EventFactory(title="Newly found earlier meeting", start=date(2019, 12, 31))
    assert listed(client.get(later)) == ["Meeting 04", "Meeting 05", "Meeting 06"]


def test_htmx_page_request_returns_the_fragment_with_its_links(client, many_events):
    href = page(client.get("/")).find("a", string="Later events")["href"]
    response = client.get(href, headers={"HX-Request": "true"})
    assert "<html" not in response.content.decode()
    assert listed(response) == ["Meeting 04", "Meeting 05", "Meeting 06"]
    assert page(response).find("a", string="Earlier events") is not None


# An event's page


def test_permalink_shows_the_event_with_its_sources_and_quotes(client, seeded):
    response = client.get("/events/taliban-delegation-visits-pakistan/")
    assert response.status_code == 200
    html = page(response)
    assert (
        html.h1.get_text() == "Taliban political delegation visits Pakistan and meets Imran Khan"
    )
    assert html.find("main").time["datetime"] == "2020-10"
    assert html.find("main").time.get_text() == "October 2020"
    citation = html.select_one(".sources figure")
    assert citation.blockquote.get_text(strip=True) == (
        "The Taliban political representatives had also visited Pakistan in October and met "
        "Prime Minister Imran Khan and Foreign Minister Shah Mahmood Qureshi on the peace process."
    )
    caption = citation.figcaption.get_text(" ", strip=True)
    assert "Daily Times" in caption and "28 January 2021" in caption
    actor_links = {a.get_text(): a["href"] for a in html.select(".event-facts a")}
    assert actor_links["Imran Khan"] == "/?actor=imran-khan"
    assert actor_links["Pakistan"] in {"/?actor=pakistan", "/?place=pakistan"}


def test_permalink_links_the_previous_and_next_published_events(client, seeded):
    EventFactory(title="Draft in between", start=date(2020, 6, 1), status=Event.Status.DRAFT)
    html = page(client.get("/events/taliban-delegation-visits-pakistan/"))
    assert html.find("a", rel="prev")["href"] == "/events/doha-agreement-signed/"
    assert html.find("a", rel="next")["href"] == "/events/us-review-of-doha-agreement/"
    assert "Draft in between" not in html.get_text()


def test_first_event_has_no_previous(client, seeded):
    html = page(client.get("/events/moscow-conference-of-regional-countries/"))
    assert html.find("a", rel="prev") is None
    assert html.find("a", rel="next")["href"] == "/events/first-intra-afghan-talks-in-moscow/"


def test_permalink_lists_related_published_events_only(client, seeded):
    doha = Event.objects.get(slug="doha-agreement-signed")
    doha.related.add(EventFactory(title="Unpublished follow-up", status=Event.Status.DRAFT))
    html = page(client.get("/events/doha-agreement-signed/"))
    related = [a.get_text() for a in html.select(".related a")]
    assert related == [
        "New US administration hints at a review of the Doha agreement",
        "Taliban delegation holds consultations with Zamir Kabulov in Moscow",
    ]


def test_permalink_carries_canonical_and_preview_card_tags(client, seeded):
    html = page(client.get("/events/doha-agreement-signed/"))

    def meta(**attrs) -> str:
        return html.find("meta", attrs=attrs)["content"]

    url = "http://testserver/events/doha-agreement-signed/"
    assert html.find("link", rel="canonical")["href"] == url
    assert meta(property="og:url") == url
    assert meta(property="og:type") == "article"
    assert meta(property="og:title") == "The United States and the Taliban sign the Doha agreement"
    assert meta(property="og:description").startswith("February 2020: The Doha agreement")
    assert meta(name="twitter:card") == "summary"
    assert meta(name="description").startswith("February 2020: ")


def test_renamed_event_answers_its_old_address_with_a_permanent_redirect(client, seeded):
    doha = Event.objects.get(slug="doha-agreement-signed")
    doha.slug = "us-taliban-agreement"
    doha.save()
    response = client.get("/events/doha-agreement-signed/")
    assert response.status_code == 301
    assert response["Location"] == "/events/us-taliban-agreement/"
    assert client.get(response["Location"]).status_code == 200


def test_unknown_event_gets_a_friendly_not_found_page(client, seeded):
    response = client.get("/events/no-such-event/")
    assert response.status_code == 404
    html = page(response)
    assert html.h1.get_text() == "There is nothing at this address"
    assert html.find("a", string="Go to the whole timeline")["href"] == "/"


def test_drafts_are_not_found_by_the_public_even_through_an_old_address(client):
    draft = EventFactory(slug="draft-event", status=Event.Status.DRAFT)
    draft.slug = "renamed-draft"
    draft.save()
    assert client.get("/events/renamed-draft/").status_code == 404
    assert client.get("/events/draft-event/").status_code == 404


def test_staff_preview_a_draft_at_its_permalink(client, admin_user):
    EventFactory(title="Work in progress", slug="wip", status=Event.Status.DRAFT)
    client.force_login(admin_user)
    response = client.get("/events/wip/")
    assert response.status_code == 200
    assert "This is a draft: only editors can see it." in page(response).get_text()
    assert page(response).find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_event_with_a_range_and_no_place_renders(client):
    CitationFactory(
        event=EventFactory(
            slug="talks", start=date(2019, 5, 28), end=date(2019, 5, 30), precision=Precision.DAY
        )
    )
    html = page(client.get("/events/talks/"))
    assert html.find("main").time.get_text() == "28–30 May 2019"
    assert html.find("main").time["datetime"] == "2019-05-28"
    assert html.select(".event-facts") == []


def test_favicon_address_leads_to_the_icon(client):
    response = client.get("/favicon.ico", follow=True)
    assert response.redirect_chain[0] == ("/static/img/favicon.svg", 301)
    assert response.status_code == 200


def test_with_many_actors_the_list_offers_the_busiest_and_any_still_filters(client, settings):
    quiet = ActorFactory(name="Zz Quiet Envoy", slug="quiet")
    EventFactory(title="The quiet envoy's only meeting", actors=[quiet])
    for n in range(65):
        busy = ActorFactory(name=f"Busy {n:02d}", slug=f"busy-{n:02d}")
        EventFactory.create_batch(2, actors=[busy])
    options = [o["value"] for o in page(client.get("/")).select("#id_actor option")]
    assert len(options) == 60 and "quiet" not in options
    response = client.get("/?actor=quiet")
    assert listed(response) == ["The quiet envoy's only meeting"]
    assert "quiet" in [o["value"] for o in page(response).select("#id_actor option[selected]")]


def test_a_search_lists_its_best_matches_first_with_title_words_counting_most(client, seeded):
    html = page(client.get("/?q=doha"))
    best = [a.get_text() for a in html.select(".best-matches a")]
    assert best[0] == "The United States and the Taliban sign the Doha agreement"
    assert set(best) <= {
        "The United States and the Taliban sign the Doha agreement",
        "New US administration hints at a review of the Doha agreement",
        "Taliban delegation holds consultations with Zamir Kabulov in Moscow",
    }
    # The timeline below stays in time order.
    assert listed(client.get("/?q=doha"))[0] == (
        "The United States and the Taliban sign the Doha agreement"
    )
    assert page(client.get("/")).select(".best-matches") == []


@pytest.mark.parametrize(
    "address",
    ["/", "/events/doha-agreement-signed/", "/api/events.json", "/feed/", "/admin/login/"],
)
def test_every_response_carries_the_strict_policy_and_safety_headers(client, seeded, address):
    response = client.get(address)
    policy = response["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ):
        assert directive in policy, directive
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
