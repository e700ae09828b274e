"""The map in a real browser: a reader zooms to a region, selects a place's marker and reads
its events; the page passes axe and fits a phone, its markers big enough for a finger."""

import re
from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import expect

from tests.seeds import SEEDS

pytestmark = pytest.mark.browser

DESK = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


def busiest_place_in_the_gulf() -> tuple[str, str]:
    """The seeded place in the Gulf with the most events: its slug, and the name its marker
    goes by ("Doha, Qatar: 12 events")."""
    in_gulf = [
        slug
        for slug, place in SEEDS.places.items()
        if place.get("latitude")
        and 22 < float(place["latitude"]) < 30.5
        and 45.5 < float(place["longitude"]) < 58.5
        and SEEDS.at_place(slug)
    ]
    slug = max(in_gulf, key=lambda slug: len(SEEDS.at_place(slug)))
    place, count = SEEDS.places[slug], len(SEEDS.at_place(slug))
    name = place["name"]
    if place.get("country") and place["country"] != name:
        name += f", {place['country']}"
    return slug, f"{name}: {count} event{'s' if count > 1 else ''}"


def test_from_the_maps_table_to_a_places_page_and_its_events(page, site, console_errors):
    slug, marker_name = busiest_place_in_the_gulf()
    place_name = SEEDS.places[slug]["name"]
    events = SEEDS.at_place(slug)
    page.goto(site + "/map/?region=gulf")
    table = page.get_by_role("table", name="Places and their events")
    table.get_by_role("link", name=marker_name.split(":")[0], exact=True).click()
    expect(page).to_have_url(site + f"/places/{slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(place_name)
    # Its events, oldest first, as on the timeline.
    expect(page.locator("article.event h3, article.event h4").first).to_have_text(events[0].title)
    page.get_by_role("link", name=f"All events in {place_name} on the timeline").click()
    expect(page).to_have_url(re.compile(rf"/\?place={slug}$"))
    expect(page.locator("#results article")).to_have_count(
        min(len(events), settings.PEACETRACKER_PAGE_SIZE)
    )
    assert console_errors == []


def test_a_reader_goes_from_the_map_to_a_place_and_its_events(page, site, console_errors):
    slug, marker_name = busiest_place_in_the_gulf()
    events = SEEDS.at_place(slug)
    page.goto(site + "/")
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Map").click()
    expect(page).to_have_url(site + "/map/")
    page.get_by_role("navigation", name="Map regions").get_by_role("link", name="Gulf").click()
    expect(page).to_have_url(site + "/map/?region=gulf")
    # The same place, in the table a screen reader may prefer.
    row = page.get_by_role("row", name=re.compile(rf"^{re.escape(marker_name.split(':')[0])}"))
    expect(row.get_by_role("cell").first).to_have_text(str(len(events)))

    page.get_by_role("link", name=marker_name, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/\?place={slug}$"))
    shown = page.locator("#results article")
    expect(shown).to_have_count(min(len(events), settings.PEACETRACKER_PAGE_SIZE))
    expect(shown.first.locator("h3, h4").first).to_have_text(events[0].title)
    shown.first.locator("h3 a, h4 a").first.click()
    expect(page).to_have_url(re.compile(rf"/events/{events[0].slug}/$"))
    assert console_errors == []


def test_the_map_keeps_the_timeline_s_filters_both_ways(page, site, console_errors):
    slug, _name = busiest_place_in_the_gulf()
    year = SEEDS.at_place(slug)[0].start.year
    page.goto(f"{site}/?from={year}&to={year}")
    page.get_by_role("link", name="See these events on a map").click()
    expect(page).to_have_url(f"{site}/map/?from={year}&to={year}")
    expect(page.locator(".chip-text")).to_have_text([f"From: {year} ×", f"To: {year} ×"])
    first, last = date(year, 1, 1), date(year, 12, 31)
    expected = len([event for event in SEEDS.at_place(slug) if event.overlaps(first, last)])
    marker = page.locator("a.map-marker", has_text=SEEDS.places[slug]["name"]).first
    expect(marker).to_have_attribute("aria-label", re.compile(rf": {expected} events?$"))
    assert console_errors == []


def test_axe_finds_nothing_on_the_map_at_a_desk_or_on_a_phone(browser, site):
    for viewport in (DESK, PHONE):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(f"{site}/map/?region=afghanistan&from=2019")
        results = Axe().run(page)
        assert results.response["violations"] == [], results.generate_report()
        context.close()


def test_on_a_phone_the_map_fits_and_its_markers_take_a_finger(browser, site):
    _slug, marker_name = busiest_place_in_the_gulf()
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(site + "/map/?region=gulf")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    chart = page.locator("svg.map-chart").bounding_box()
    assert chart["width"] <= PHONE["width"]
    target = page.get_by_role("link", name=marker_name).locator(".map-target").bounding_box()
    assert target["width"] >= 44 and target["height"] >= 44
    # Its name is written at a size a reader can read.
    label = page.get_by_role("link", name=marker_name).locator(".map-label-narrow")
    expect(label).to_be_visible()
    assert label.bounding_box()["height"] >= 11
    context.close()
