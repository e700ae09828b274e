"""What a reader sees in a real browser: headless Chromium driven by Playwright."""

import re
from datetime import date

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.factories import EventFactory, PlaceFactory
from tests.seeds import SEEDS, titles

pytestmark = pytest.mark.browser


def first_page(count: int) -> int:
    """How many of `count` events the timeline's first page lists."""
    return min(count, settings.PEACETRACKER_PAGE_SIZE)


ALL_SEEDED = first_page(len(SEEDS.events))


def listed(page: Page) -> list[str]:
    # Text content, not inner text: events far below the screen are not rendered
    # (content-visibility), and have no inner text until they are.
    headings = page.locator("#results article h3, #results article h4")
    return [text.strip() for text in headings.all_text_contents()]


def mark_document(page: Page) -> None:
    """Tag the loaded document, so a full reload (which loses the tag) can be told apart."""
    page.evaluate("window.loadedOnce = true")


def still_same_document(page: Page) -> bool:
    return page.evaluate("window.loadedOnce === true")


def in_several_events(actor: str) -> list:
    events = SEEDS.with_actor(actor)
    return events if len(events) > 1 else []


def test_filtering_with_javascript_updates_the_list_in_place(page, site, console_errors):
    # An actor in few events, but in more than one: the filter offers the busiest actors
    # (events.selectors.FILTER_CHOICES), and those in a single event may be left out.
    actor = SEEDS.fewest(SEEDS.actors, in_several_events)
    # A word in one event only, to search for.
    EventFactory(title="Envoys meet in Zanzibar", start=date(2022, 5, 1))
    everything = first_page(len(SEEDS.events) + 1)
    page.goto(site + "/")
    expect(page.locator("#results article")).to_have_count(everything)
    mark_document(page)

    name = SEEDS.actors[actor]["name"]
    page.get_by_role("combobox", name="Actor").fill(name)
    page.get_by_role("option", name=name, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/\?actor={actor}$"))
    expect(page.locator("#results article")).to_have_count(len(SEEDS.with_actor(actor)))
    assert listed(page) == titles(SEEDS.with_actor(actor))

    page.get_by_role("button", name=f"Remove Actor: {name}").click()
    page.get_by_label("Search", exact=True).fill("Zanzibar")
    expect(page).to_have_url(re.compile(r"/\?q=Zanzibar$"))
    expect(page.locator("#results article")).to_have_count(1)
    assert listed(page) == ["Envoys meet in Zanzibar"]
    assert still_same_document(page), "the page was reloaded instead of updated in place"
    # Leaving the search box changes nothing, so it adds no step to Back: htmx considers the
    # "change" it fires (configRequest) and sends nothing (no beforeRequest follows it).
    steps = page.evaluate("history.length")
    # (Marked on the page, as wait_for_function would evaluate code the strict CSP refuses.)
    page.evaluate(
        """() => {
          window.requested = 0;
          document.addEventListener("htmx:configRequest", () => {
            document.body.dataset.considered = "yes";
          });
          document.addEventListener("htmx:beforeRequest", () => window.requested++);
        }"""
    )
    page.get_by_label("Search", exact=True).press("Tab")
    expect(page.locator("body[data-considered]")).to_have_count(1)
    assert page.evaluate("window.requested") == 0
    assert page.evaluate("history.length") == steps

    # Back walks through every view: the cleared actor, then the actor's view.
    page.go_back()
    expect(page).to_have_url(site + "/")
    expect(page.locator("#results article")).to_have_count(everything)
    page.go_back()
    expect(page).to_have_url(re.compile(rf"/\?actor={actor}$"))
    expect(page.locator("#results article")).to_have_count(len(SEEDS.with_actor(actor)))
    assert console_errors == []


def test_reloading_a_filtered_address_shows_the_same_view(page, site, console_errors):
    event_type = SEEDS.fewest(SEEDS.types, SEEDS.of_type)
    count = first_page(len(SEEDS.of_type(event_type)))
    page.goto(site + "/")
    page.get_by_label("Type", exact=True).select_option(event_type)
    expect(page.locator("#results article")).to_have_count(count)
    page.reload()
    expect(page.locator("#results article")).to_have_count(count)
    expect(page.get_by_label("Type", exact=True)).to_have_value(event_type)
    assert console_errors == []


def test_filtering_works_without_javascript(browser, site):
    chosen = SEEDS.pick("at a place", lambda event: event.place)
    year = chosen.start.year
    expected = [e for e in SEEDS.in_period(date(year, 1, 1), date.max) if e.place == chosen.place]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/")
    page.get_by_label("Place", exact=True).select_option(chosen.place)
    page.get_by_label("From", exact=True).fill(str(year))
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(rf"place={chosen.place}.*from={year}"))
    # The new address comes before the new page is loaded: wait for its events.
    expect(page.locator("#results article")).to_have_count(len(expected))
    assert listed(page) == titles(expected)
    page.get_by_role("link", name="Clear all").click()
    expect(page.locator("#results article")).to_have_count(ALL_SEEDED)
    context.close()


def test_an_invalid_filter_shows_a_message_on_the_page(page, site, console_errors):
    page.goto(site + "/")
    page.get_by_label("From", exact=True).fill("2020-13")
    page.get_by_label("From", exact=True).press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("“2020-13” is not a date in the calendar.")
    expect(page.locator("#results article")).to_have_count(ALL_SEEDED)
    assert console_errors == []


@pytest.fixture
def kabul_meetings(paged_site) -> str:
    """Seven meetings in Kabul, on the seeded site at three events to a page."""
    # A place of its own: the seeds' Kabul has events of its own.
    kabul = PlaceFactory(name="Kabul Serena Hotel", slug="kabul-serena-hotel")
    for day in range(1, 8):
        EventFactory(title=f"Kabul meeting {day}", start=date(2022, 3, day), place=kabul)
    return paged_site


def test_paging_loads_in_place_and_the_address_follows(page, kabul_meetings, console_errors):
    page.goto(kabul_meetings + "/?place=kabul-serena-hotel")
    assert listed(page) == ["Kabul meeting 1", "Kabul meeting 2", "Kabul meeting 3"]
    mark_document(page)
    page.get_by_role("link", name="Later events").click()
    expect(page).to_have_url(re.compile(r"place=kabul-serena-hotel&after="))
    expect(page.locator("#results article").first).to_contain_text("Kabul meeting 4")
    assert listed(page) == ["Kabul meeting 4", "Kabul meeting 5", "Kabul meeting 6"]
    assert still_same_document(page)

    page.get_by_role("link", name="Later events").click()
    expect(page.locator("#results article")).to_have_count(1)
    expect(page.get_by_role("link", name="Later events")).to_have_count(0)

    page.go_back()
    expect(page.locator("#results article").first).to_contain_text("Kabul meeting 4")
    page.get_by_role("link", name="Earlier events").click()
    expect(page.locator("#results article").first).to_contain_text("Kabul meeting 1")
    assert console_errors == []


def test_paging_works_without_javascript(browser, kabul_meetings):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(kabul_meetings + "/?place=kabul-serena-hotel")
    # Without JavaScript a click starts a navigation and returns: wait for the new page
    # before reading it (read at once, CI once found the list mid-load and empty).
    page.get_by_role("link", name="Latest events").click()
    expect(page).to_have_url(re.compile(r"place=kabul-serena-hotel&latest=1$"))
    expect(page.locator("#results article").first).to_contain_text("Kabul meeting 5")
    assert listed(page) == ["Kabul meeting 5", "Kabul meeting 6", "Kabul meeting 7"]
    page.get_by_role("link", name="Earlier events").click()
    expect(page).to_have_url(re.compile(r"place=kabul-serena-hotel&before="))
    expect(page.locator("#results article").first).to_contain_text("Kabul meeting 2")
    assert listed(page) == ["Kabul meeting 2", "Kabul meeting 3", "Kabul meeting 4"]
    context.close()


def test_opening_an_event_shows_its_page_with_sources(page, site, console_errors):
    # An event on the first page whose next event has an actor to follow.
    event, following = next(
        (event, following)
        for event, following in zip(SEEDS.events[:ALL_SEEDED], SEEDS.events[1:], strict=False)
        if following.actors
    )
    place = SEEDS.places[following.place]["name"] if following.place else None
    actor = SEEDS.fewest(
        [slug for slug in following.actors if SEEDS.actors[slug]["name"] != place],
        SEEDS.with_actor,
    )
    page.goto(site + "/")
    page.get_by_role("link", name=event.title, exact=True).click()
    expect(page).to_have_url(f"{site}/events/{event.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)
    expect(page.locator("main time").first).to_have_text(event.written)
    expect(page.locator(".sources blockquote").first).to_contain_text(event.citations[0].quote)
    page.get_by_role("link", name=re.compile("Next event")).click()
    expect(page).to_have_url(f"{site}/events/{following.slug}/")
    page.locator(".event-facts").get_by_role(
        "link", name=SEEDS.actors[actor]["name"], exact=True
    ).click()
    # The actor's page, which leads on to the timeline of the actor's events.
    expect(page).to_have_url(f"{site}/actors/{actor}/")
    name = SEEDS.actors[actor]["name"]
    page.get_by_role("link", name=f"All events with {name} on the timeline").click()
    expect(page).to_have_url(f"{site}/?actor={actor}")
    expect(page.locator("#results article")).to_have_count(
        first_page(len(SEEDS.with_actor(actor)))
    )
    assert console_errors == []


def test_the_timeline_fits_a_phone_screen(browser, site):
    # The event with the longest page: the most actors, then the longest title.
    longest = max(SEEDS.events, key=lambda event: (len(event.actors), len(event.title)))
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for address in ("/", f"/events/{longest.slug}/"):
        page.goto(site + address)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, address
    context.close()
