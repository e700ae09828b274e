"""Who and where, in a real browser: a reader goes from an event to an actor, to who they met,
to the events of both (the timeline with `match=all`); from an event to its place and to an
actor's events there; from an actor's time axis to one of their events; the "all chosen
actors" control; and the new pages checked with axe."""

import re
from collections import Counter

import pytest
from playwright.sync_api import Page, expect

from tests.seeds import SEEDS, SeedEvent, titles
from tests.test_browser_axis import DESK, PHONE, mark_name
from tests.test_browser_reading import axe_violations

pytestmark = pytest.mark.browser


def listed(page: Page) -> list[str]:
    # Text content: events far below the screen are not rendered (content-visibility).
    headings = page.locator("#results article h3, #results article h4")
    return [text.strip() for text in headings.all_text_contents()]


def name_of(slug: str) -> str:
    return SEEDS.actors[slug]["name"]


def met_first(actor: str) -> tuple[str, int]:
    """Whom `actor` shares most seeded events with (by name among equals), and how many."""
    shared = Counter(
        other for event in SEEDS.with_actor(actor) for other in event.actors if other != actor
    )
    other = min(shared, key=lambda slug: (-shared[slug], name_of(slug)))
    return other, shared[other]


def with_both(first: str, second: str) -> list[SeedEvent]:
    return [event for event in SEEDS.events if {first, second} <= set(event.actors)]


def an_event_and_actor() -> tuple[SeedEvent, str]:
    """An event, and of its actors the one whose closest company shares the most events with
    them but not all of theirs (so that "both" lists fewer events than "either")."""
    candidates = [
        (event, actor)
        for event in SEEDS.events
        for actor in event.actors
        if len(event.actors) > 1
        and len(with_both(actor, met_first(actor)[0]))
        < len(SEEDS.with_actor(actor, met_first(actor)[0]))
    ]
    if not candidates:
        raise LookupError("The seed data has no actor who met another in only some events.")
    return max(candidates, key=lambda pair: (met_first(pair[1])[1], -pair[0].line))


def test_from_an_event_to_an_actor_to_who_they_met_to_the_events_of_both(
    page, site, console_errors
):
    event, actor = an_event_and_actor()
    other, shared = met_first(actor)
    both, either = with_both(actor, other), SEEDS.with_actor(actor, other)

    page.goto(f"{site}/events/{event.slug}/")
    page.locator(".event-facts").get_by_role("link", name=name_of(actor), exact=True).click()
    expect(page).to_have_url(f"{site}/actors/{actor}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(name_of(actor))
    expect(page.locator("#events-heading")).to_have_text(f"{len(SEEDS.with_actor(actor))} events")

    who = page.get_by_role("region", name="Who they met")
    expect(who).to_contain_text("events with both of them")
    first = who.get_by_role("listitem").first
    expect(first).to_contain_text(f"{shared} shared events" if shared > 1 else "one shared event")
    first.get_by_role("link", name=name_of(other), exact=True).click()

    expect(page).to_have_url(f"{site}/?actor={actor}&actor={other}&match=all")
    expect(page.locator("#results article")).to_have_count(len(both))
    assert listed(page) == titles(both)
    expect(page.get_by_label("Events with all chosen actors")).to_be_checked()
    expect(page.locator(".chosen-filters")).to_contain_text("All of the chosen actors")

    # Unticked, the list is of the events with either of them.
    page.get_by_label("Events with all chosen actors").uncheck()
    expect(page).to_have_url(re.compile(r"/\?actor=[\w-]+&actor=[\w-]+$"))
    expect(page.locator("#results article")).to_have_count(len(either))
    assert console_errors == []


def test_from_an_event_to_its_place_to_an_actors_events_there(page, site, console_errors):
    event = SEEDS.pick(
        "held at a place with several events, with actors",
        lambda e: e.place is not None and len(SEEDS.at_place(e.place)) > 1 and bool(e.actors),
    )
    place = event.place
    held = SEEDS.at_place(place)
    page.goto(f"{site}/events/{event.slug}/")
    page.locator(".event-facts a[href^='/places/']").click()
    expect(page).to_have_url(f"{site}/places/{place}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(SEEDS.places[place]["name"])
    assert listed(page) == titles(held)

    there = Counter(actor for e in held for actor in e.actors)
    regular = min(there, key=lambda slug: (-there[slug], name_of(slug)))
    region = page.get_by_role("region", name="Who was there")
    region.get_by_role("link", name=name_of(regular), exact=True).first.click()
    expect(page).to_have_url(f"{site}/?place={place}&actor={regular}")
    # The address can change before the new list is in place (a loaded machine once read it
    # empty): wait for its events before reading them.
    expected = titles([e for e in held if regular in e.actors])
    expect(page.locator("#results article")).to_have_count(len(expected))
    assert listed(page) == expected
    assert console_errors == []


def test_the_all_actors_control_shows_once_two_actors_are_chosen(browser, site):
    _, actor = an_event_and_actor()
    other, _ = met_first(actor)
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site}/?actor={actor}")
    control = page.get_by_label("Events with all chosen actors")
    expect(control).to_be_hidden()
    # Adding a second actor with the combobox brings it.
    combobox = page.get_by_role("combobox", name="Actor")
    combobox.fill(name_of(other))
    page.get_by_role("option", name=name_of(other), exact=True).click()
    expect(page).to_have_url(re.compile(r"/\?actor=.+&actor=.+"))
    expect(control).to_be_visible()
    control.check()
    expect(page).to_have_url(re.compile(r"match=all"))
    expect(page.locator("#results article")).to_have_count(len(with_both(actor, other)))
    context.close()

    # Without JavaScript it is always there.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/")
    expect(page.get_by_label("Events with all chosen actors")).to_be_visible()
    context.close()


def test_an_actors_events_page_in_place(page, paged_site, console_errors):
    actor = max(SEEDS.actors, key=lambda slug: len(SEEDS.with_actor(slug)))
    theirs = SEEDS.with_actor(actor)
    page.goto(f"{paged_site}/actors/{actor}/")
    assert listed(page) == titles(theirs[:3])
    page.get_by_role("link", name="Later events").first.click()
    expect(page).to_have_url(re.compile(rf"/actors/{actor}/\?after="))
    expect(page.locator("#results article").first).to_contain_text(theirs[3].title)
    # Loaded in place: the page around the list stays.
    expect(page.get_by_role("heading", level=1)).to_have_text(name_of(actor))
    assert console_errors == []


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_on_an_actors_page_a_mark_on_the_axis_leads_to_the_event(browser, paged_site, javascript):
    actor = max(SEEDS.actors, key=lambda slug: len(SEEDS.with_actor(slug)))
    theirs = SEEDS.with_actor(actor)
    year = theirs[0].start.year
    in_year = [event for event in theirs if event.start.year == year]
    assert len(in_year) > 3, "this test needs an event beyond the first page of the year"
    wanted = in_year[3]
    context = browser.new_context(viewport=DESK, java_script_enabled=javascript)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{paged_site}/actors/{actor}/")

    page.get_by_role("link", name="Zoom in", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/actors/{actor}/\?(.*&)?zoom=year(&|$)"))
    expect(page.locator("#axis-caption")).to_have_text(f"Time axis: {year}")
    # Their events of the year, and no one else's.
    marks = page.locator("#axis .axis-drawing:visible a.mark")
    expect(marks).to_have_count(len(in_year))
    assert sorted(marks.evaluate_all("(links) => links.map((a) => a.ariaLabel)")) == sorted(
        mark_name(event) for event in in_year
    )

    # Not on the list's first page: its mark opens the list at it, on the actor's page.
    page.get_by_role("link", name=mark_name(wanted)).click()
    expect(page).to_have_url(re.compile(rf"/actors/{actor}/\?(.*&)?at={wanted.date}(&|#|$)"))
    shown = page.locator(":is(article:focus, article:target)")
    expect(shown).to_contain_text(wanted.title)
    expect(page.get_by_role("heading", level=1)).to_have_text(name_of(actor))

    shown.locator(".event-title a").click()
    expect(page).to_have_url(re.compile(rf"/events/{wanted.slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(wanted.title)
    assert errors == []
    context.close()


def test_no_accessibility_violations_on_the_new_pages(page, site):
    _, actor = an_event_and_actor()
    other, _ = met_first(actor)
    place = next(e.place for e in SEEDS.events if e.place)
    for address in (
        f"/actors/{actor}/",
        f"/actors/{actor}/?order=newest",
        f"/places/{place}/",
        f"/?actor={actor}&actor={other}&match=all",
        f"/?actor={actor}&actor={other}&match=both",
        "/actors/no-such-actor/",
    ):
        page.goto(site + address)
        assert axe_violations(page) == [], address
    # On a phone, with who they met folded and the axis drawn for its width.
    page.set_viewport_size(PHONE)
    for address in (f"/actors/{actor}/?zoom=year&at={SEEDS.years[1]}", f"/places/{place}/"):
        page.goto(site + address)
        assert axe_violations(page) == [], address
