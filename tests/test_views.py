from datetime import date, timedelta
from itertools import pairwise

import pytest

from events.dates import display
from events.dates.values import Precision
from events.models import Event
from tests.factories import (
    ActorFactory,
    CitationFactory,
    EventFactory,
    PlaceFactory,
)
from tests.responses import articles, errors, linked, listed, page
from tests.seeds import SEEDS, SeedEvent, first_day, last_day, titles

pytestmark = pytest.mark.django_db


def permalinks(events: list[SeedEvent]) -> list[str]:
    return [f"/events/{event.slug}/" for event in events]


@pytest.fixture
def one_page(settings):
    """A page long enough for every seeded event, so that a page lists all a filter selects."""
    settings.PEACETRACKER_PAGE_SIZE = max(len(SEEDS.events), 1)


# The timeline


def outline_of(events: list[SeedEvent]) -> list[tuple[str, str]]:
    """The headings a reader sees: each year (h2); under it the events known only to the year
    (h3), then each month (h3) with its events (h4)."""
    outline = []
    for year in sorted({event.start.year for event in events}):
        outline.append(("h2", str(year)))
        in_year = [event for event in events if event.start.year == year]
        outline += [("h3", e.title) for e in in_year if e.precision == Precision.YEAR]
        in_months = [event for event in in_year if event.precision != Precision.YEAR]
        for month in sorted({event.start.month for event in in_months}):
            name = display.written_period(date(year, month, 1), Precision.MONTH)
            outline.append(("h3", name))
            outline += [("h4", e.title) for e in in_months if e.start.month == month]
    return outline


def test_timeline_lists_events_chronologically_under_year_and_month_headings(
    client, seeded, one_page
):
    response = client.get("/")
    assert response.status_code == 200
    outline = [
        (tag.name, tag.get_text(strip=True))
        for tag in page(response).select("#results h2, #results h3, #results h4")
    ]
    assert outline == outline_of(SEEDS.events)


def test_each_listed_event_links_its_permalink_and_carries_its_date_value(
    client, seeded, one_page
):
    listed_articles = articles(client.get("/"))
    assert len(listed_articles) == len(SEEDS.events)
    for article, event in zip(listed_articles, SEEDS.events, strict=True):
        assert article.find(["h3", "h4"]).a["href"] == f"/events/{event.slug}/"
        assert article.time["datetime"] == event.date
        assert article.time.get_text() == event.written
        text = article.get_text(" ", strip=True)
        shown = [SEEDS.actors[actor]["name"] for actor in event.actors]
        if event.type:
            shown.append(SEEDS.types[event.type]["name"])
        if event.place:
            shown.append(SEEDS.places[event.place]["name"])
        for words in (*shown, event.summary):
            assert words in text, (event.slug, words)
        assert ("Key event" in text) == event.key, event.slug


def test_filter_form_has_the_labelled_controls(client, seeded):
    form = page(client.get("/")).find("form", attrs={"role": "search"})
    labels = {label.get_text(strip=True): label["for"] for label in form.find_all("label")}
    assert list(labels) == [
        "Search",
        "Actor",
        "Place",
        "Type",
        "Phase",
        "Status",
        "From",
        "To",
        "Events with all chosen actors",
        "Order",
    ]
    for control_id in labels.values():
        assert form.find(id=control_id) is not None
    assert form["method"] == "get"
    assert form["action"] == "/"


def test_an_actor_lists_exactly_the_events_it_is_in_and_several_any_of_them(
    client, seeded, one_page
):
    # Publicly an actor (or a place) exists once a published event names it; one the seed file
    # defines but no event names is unknown (as a draft's are, test_drafts.py).
    named = [actor for actor in SEEDS.actors if SEEDS.with_actor(actor)]
    for actor in named:
        response = client.get("/", {"actor": actor})
        assert linked(response) == permalinks(SEEDS.with_actor(actor)), actor
        assert errors(response) == []
    for pair in pairwise(named):
        response = client.get("/", {"actor": pair})
        assert linked(response) == permalinks(SEEDS.with_actor(*pair)), pair
    # Two actors in events apart from each other's, so that "any of them" is put to the test.
    assert any(
        len(SEEDS.with_actor(*pair)) > max(len(SEEDS.with_actor(actor)) for actor in pair)
        for pair in pairwise(named)
    )


def test_a_place_lists_exactly_the_events_held_there_and_several_any_of_them(
    client, seeded, one_page
):
    named = [place for place in SEEDS.places if SEEDS.at_place(place)]
    for place in named:
        response = client.get("/", {"place": place})
        assert linked(response) == permalinks(SEEDS.at_place(place)), place
        assert errors(response) == []
    for pair in pairwise(named):
        response = client.get("/", {"place": pair})
        assert linked(response) == permalinks(SEEDS.at_place(*pair)), pair


def test_a_type_lists_exactly_the_events_of_that_type(client, seeded, one_page):
    for event_type in SEEDS.types:
        response = client.get("/", {"type": event_type})
        assert linked(response) == permalinks(SEEDS.of_type(event_type)), event_type
        assert errors(response) == []


def test_a_period_lists_exactly_the_events_that_may_fall_in_it(client, seeded, one_page):
    # Each year, a year on either side of the seeded ones included (which lists nothing).
    for year in range(SEEDS.years[0] - 1, SEEDS.years[-1] + 2):
        response = client.get("/", {"from": year, "to": year})
        expected = SEEDS.in_period(date(year, 1, 1), date(year, 12, 31))
        assert linked(response) == permalinks(expected), year
        assert errors(response) == []
    # From, and to, each event's own date, at its own precision.
    for event in SEEDS.events:
        after = SEEDS.in_period(first_day(event.date), date.max)
        assert linked(client.get("/", {"from": event.date})) == permalinks(after), event.date
        before = SEEDS.in_period(date.min, last_day(event.date))
        assert linked(client.get("/", {"to": event.date})) == permalinks(before), event.date
    # A period that ends the day before the first event lists nothing.
    day_before = SEEDS.events[0].first_day - timedelta(days=1)
    assert linked(client.get("/", {"to": day_before.isoformat()})) == []


def test_filters_together_list_the_events_that_meet_every_one(client, seeded, one_page):
    chosen = SEEDS.pick("of a type, at a place", lambda event: event.type and event.place)
    year = chosen.start.year
    response = client.get("/", {"type": chosen.type, "place": chosen.place, "to": year})
    expected = [
        event
        for event in SEEDS.in_period(date.min, date(year, 12, 31))
        if event.type == chosen.type and event.place == chosen.place
    ]
    assert chosen in expected
    assert linked(response) == permalinks(expected)


@pytest.fixture
def searched(db) -> dict[str, Event]:
    kabulov = ActorFactory(name="Zamir Kabulov", slug="kabulov")
    return {
        "signing": EventFactory(title="The Doha agreement is signed", start=date(2020, 2, 29)),
        "visit": EventFactory(title="Envoys visit Pakistan", start=date(2020, 10, 1)),
        "review": EventFactory(
            title="A new administration hints at a review",
            summary="The United States may review the Doha agreement.",
            start=date(2021, 1, 20),
        ),
        "consultations": EventFactory(
            title="Consultations in Moscow",
            body="They discussed the Doha agreement.",
            actors=[kabulov],
            start=date(2021, 1, 27),
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # In a title, a summary, an account.
        ("Doha", ["signing", "review", "consultations"]),
        ("doha review", ["review"]),
        # Words too common to search for are left out, on both databases alike.
        ("the review of the doha", ["review"]),
        ("Kabulov", ["consultations"]),  # an actor's name
        ("Pakistan", ["visit"]),
    ],
)
def test_a_search_lists_the_events_with_every_word(client, searched, query, expected):
    response = client.get("/", {"q": query})
    assert listed(response) == [searched[name].title for name in expected]
    assert errors(response) == []


def test_a_month_overlaps_a_period_that_begins_within_it(client):
    # "February 2020" may have been on the 15th or later, so it overlaps this period.
    EventFactory(title="Signed in February", start=date(2020, 2, 1), precision=Precision.MONTH)
    EventFactory(title="Met on 14 February", start=date(2020, 2, 14))
    EventFactory(title="Met in March", start=date(2020, 3, 1))
    assert listed(client.get("/?from=2020-02-15&to=2020-02-29")) == ["Signed in February"]


def test_multi_day_event_overlapping_the_period_start_is_included(client):
    EventFactory(title="Talks in Moscow", start=date(2019, 5, 28), end=date(2019, 5, 30))
    EventFactory(title="Earlier talks", start=date(2019, 5, 1))
    assert listed(client.get("/?from=2019-05-29")) == ["Talks in Moscow"]


def test_filtered_form_shows_the_current_choices(client, seeded):
    actors, event_type, year = list(SEEDS.actors)[:2], next(iter(SEEDS.types)), SEEDS.years[0]
    chosen = {"q": "talks", "actor": actors, "type": event_type, "from": year}
    form = page(client.get("/", chosen)).find("form", attrs={"role": "search"})
    assert form.find(id="id_q")["value"] == "talks"
    assert {o["value"] for o in form.select("#id_actor option[selected]")} == set(actors)
    assert form.select_one("#id_type option[selected]")["value"] == event_type
    assert form.find(id="id_from")["value"] == str(year)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=2020-13", "From: “2020-13” is not a date in the calendar."),
        ("to=last+year", "To: “last year” is not a date: use a year (2019), a month (2020-02)"),
        ("actor=nobody", "Actor: There is no actor “nobody”."),
        (f"actor={next(iter(SEEDS.actors))}&actor=bad%00slug", "Actor: There is no actor “bad"),
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
    place = SEEDS.pick("at a place", lambda event: event.place).place
    response = client.get("/", {"place": place, "from": "someday"})
    assert listed(response) == titles(SEEDS.at_place(place))
    assert errors(response) == [
        "From: “someday” is not a date: use a year (2019), a month (2020-02) "
        "or a day (2020-02-29)."
    ]


def test_markup_in_a_bad_value_is_shown_as_text(client, seeded):
    response = client.get("/?place=%3Cscript%3Ealert(1)%3C/script%3E")
    assert b"<script>alert(1)" not in response.content
    assert "&lt;script&gt;alert(1)" in response.content.decode()


def test_no_match_says_so(client, seeded):
    response = client.get("/?q=quetzalcoatl")  # a word no event uses
    assert articles(response) == []
    assert "No published events match these filters." in page(response).get_text()


def test_htmx_request_gets_only_the_results_fragment(client, seeded):
    place = SEEDS.pick("at a place", lambda event: event.place).place
    response = client.get("/", {"place": place}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    fragment = page(response)
    assert fragment.find().get("id") == "results"
    # Not the filter form either (the results may hold their own "Jump to year" form).
    assert fragment.find("form", attrs={"role": "search"}) is None
    assert listed(response) == titles(SEEDS.at_place(place))
    assert "HX-Request" in response["Vary"]


def test_full_page_also_varies_on_htmx_header(client, seeded):
    response = client.get("/")
    assert "HX-Request" in response["Vary"]
    assert "<html" in response.content.decode()


def test_htmx_history_restore_gets_the_whole_page(client, seeded):
    response = client.get(
        "/?q=talks", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
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
    event = SEEDS.pick("at a place, with actors", lambda event: event.place and event.actors)
    response = client.get(f"/events/{event.slug}/")
    assert response.status_code == 200
    html = page(response)
    assert html.h1.get_text() == event.title
    assert html.find("main").time["datetime"] == event.date
    assert html.find("main").time.get_text() == event.written
    figures = html.select(".sources figure")
    assert [figure.blockquote.get_text(strip=True) for figure in figures] == [
        citation.quote for citation in event.citations
    ]
    for figure, citation in zip(figures, event.citations, strict=True):
        source = SEEDS.sources[citation.source]
        caption = figure.figcaption.get_text(" ", strip=True)
        for shown in (source.title, source.publisher, display.written(source.published)):
            assert shown in caption
    links = {a["href"]: a.get_text() for a in html.select(".event-facts a")}
    # Each leads to its own page (which leads on to the timeline narrowed to it).
    assert links.pop(f"/places/{event.place}/").startswith(SEEDS.places[event.place]["name"])
    assert links == {f"/actors/{actor}/": SEEDS.actors[actor]["name"] for actor in event.actors}


def test_permalink_links_the_previous_and_next_published_events(client, seeded):
    # An event with one on each side, at least a day apart from the one before it, so that a
    # draft fits in between.
    previous, event, following = next(
        trio
        for trio in zip(SEEDS.events, SEEDS.events[1:], SEEDS.events[2:], strict=False)
        if trio[1].start - trio[0].start >= timedelta(days=2)
    )
    EventFactory(
        title="Draft in between",
        start=previous.start + timedelta(days=1),
        status=Event.Status.DRAFT,
    )
    html = page(client.get(f"/events/{event.slug}/"))
    assert html.find("a", rel="prev")["href"] == f"/events/{previous.slug}/"
    assert html.find("a", rel="next")["href"] == f"/events/{following.slug}/"
    assert "Draft in between" not in html.get_text()


def test_first_event_has_no_previous(client, seeded):
    first, second = SEEDS.events[:2]
    html = page(client.get(f"/events/{first.slug}/"))
    assert html.find("a", rel="prev") is None
    assert html.find("a", rel="next")["href"] == f"/events/{second.slug}/"


def test_permalink_lists_related_published_events_only(client, seeded):
    chosen = SEEDS.pick("related to others", lambda event: SEEDS.related(event.slug))
    event = Event.objects.get(slug=chosen.slug)
    event.related.add(EventFactory(title="Unpublished follow-up", status=Event.Status.DRAFT))
    html = page(client.get(f"/events/{chosen.slug}/"))
    related = [a.get_text() for a in html.select(".related a")]
    assert related == titles(SEEDS.related(chosen.slug))


def test_permalink_carries_canonical_and_preview_card_tags(client, seeded):
    event = SEEDS.pick(
        "with a summary of at most 280 characters",
        lambda event: event.summary and len(event.summary) <= 280,
    )
    html = page(client.get(f"/events/{event.slug}/"))

    def meta(**attrs) -> str:
        return html.find("meta", attrs=attrs)["content"]

    url = f"http://testserver/events/{event.slug}/"
    assert html.find("link", rel="canonical")["href"] == url
    assert meta(property="og:url") == url
    assert meta(property="og:type") == "article"
    assert meta(property="og:title") == event.title
    assert meta(property="og:description") == f"{event.written}: {event.summary}"
    assert meta(name="twitter:card") == "summary"
    assert meta(name="description") == f"{event.written}: {event.summary}"


def test_renamed_event_answers_its_old_address_with_a_permanent_redirect(client, seeded):
    slug = SEEDS.events[0].slug
    event = Event.objects.get(slug=slug)
    event.slug = "renamed-by-an-editor"
    event.save()
    response = client.get(f"/events/{slug}/")
    assert response.status_code == 301
    assert response["Location"] == "/events/renamed-by-an-editor/"
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


def test_a_search_lists_its_best_matches_first_with_title_words_counting_most(client):
    EventFactory(
        title="Talks in Moscow", body="The Doha agreement was discussed.", start=date(2019, 5, 1)
    )
    EventFactory(title="The Doha agreement is signed", start=date(2020, 2, 29))
    EventFactory(
        title="A review is hinted at",
        summary="The new administration may review the Doha agreement.",
        start=date(2021, 1, 20),
    )
    EventFactory(title="Envoys visit Pakistan", start=date(2020, 10, 1))
    html = page(client.get("/?q=doha"))
    best = [a.get_text() for a in html.select(".best-matches a")]
    assert best[0] == "The Doha agreement is signed"
    assert sorted(best) == [
        "A review is hinted at",
        "Talks in Moscow",
        "The Doha agreement is signed",
    ]
    # The timeline below stays in time order.
    assert listed(client.get("/?q=doha")) == [
        "Talks in Moscow",
        "The Doha agreement is signed",
        "A review is hinted at",
    ]
    assert page(client.get("/")).select(".best-matches") == []


@pytest.mark.parametrize(
    "address",
    ["/", f"/events/{SEEDS.events[0].slug}/", "/api/events.json", "/feed/", "/admin/login/"],
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
