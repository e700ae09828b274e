"""The map in a real browser: a reader zooms to a region, selects a place's marker and reads
its events; the page passes axe and fits a phone, its markers big enough for a finger; its
filter bar is the timeline's, laid out alike, with the same Actor and Place choosers."""

import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.seeds import SEEDS

pytestmark = pytest.mark.browser

DESK = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
# The filter bar's controls, by the labels a reader sees (the timeline's own and the map's).
FILTERS = ("Actor", "Place", "Type", "From", "To")
MATCH_ALL = "Events with all chosen actors"


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


def longest_named_actors() -> tuple[str, str]:
    """The two seeded actors with the longest names, in the order the lists offer them."""
    longest = sorted(SEEDS.actors, key=lambda slug: -len(SEEDS.actors[slug]["name"]))[:2]
    first, second = sorted(longest, key=lambda slug: SEEDS.actors[slug]["name"])
    return first, second


def filter_boxes(page: Page) -> dict[str, dict[str, float]]:
    """Where each filter's label and control, and the "all chosen actors" checkbox, sit: in
    pixels from the filter form's corner, so that the two pages compare whatever is above
    their forms."""
    form = page.get_by_role("search")
    corner = form.bounding_box()
    found = {
        label: page.get_by_label(label, exact=True).filter(visible=True)
        for label in (*FILTERS, MATCH_ALL)
    }
    for label in FILTERS:
        found[f"{label} label"] = form.locator("label").filter(has_text=re.compile(f"^{label}$"))
    boxes = {}
    for name, locator in found.items():
        box = locator.bounding_box()
        assert box is not None, f"{name} is not shown"
        boxes[name] = {**box, "x": box["x"] - corner["x"], "y": box["y"] - corner["y"]}
    return boxes


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("viewport", [DESK, PHONE], ids=["desk", "phone"])
def test_the_maps_filter_bar_is_laid_out_as_the_timelines(browser, site, viewport, javascript):
    # Two actors chosen, so that "Events with all chosen actors" shows with JavaScript too;
    # the longest names, which must show whole.
    first, second = longest_named_actors()
    query = f"?actor={first}&actor={second}"
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
    page = context.new_page()
    seen = {}
    for address in ("/", "/map/"):
        page.goto(site + address + query)
        if viewport is PHONE:
            page.locator(".filter-fold > summary").click()
        seen[address] = filter_boxes(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    timeline, on_map = seen["/"], seen["/map/"]
    for name, box in timeline.items():
        for side in ("x", "y", "width", "height"):
            assert on_map[name][side] == pytest.approx(box[side], abs=1), (name, side)
    if viewport is DESK:
        # The filters side by side in one row, the checkbox beneath them (not between Actor
        # and Place, pushing the others down).
        tops = [on_map[f"{label} label"]["y"] for label in FILTERS]
        assert tops == pytest.approx([tops[0]] * len(FILTERS), abs=1)
        assert on_map[MATCH_ALL]["y"] > max(
            on_map[label]["y"] + on_map[label]["height"] for label in FILTERS
        )
    context.close()


def test_on_the_map_actors_are_chosen_as_on_the_timeline_and_names_are_not_cut(
    page, site, console_errors
):
    first, second = longest_named_actors()
    page.goto(site + "/map/?region=afghanistan")
    combobox = page.get_by_role("combobox", name="Actor")
    for slug in (first, second):
        combobox.fill(SEEDS.actors[slug]["name"])
        page.get_by_role("option", name=SEEDS.actors[slug]["name"], exact=True).click()
    for slug in (first, second):
        chip = page.get_by_role("button", name=f"Remove Actor: {SEEDS.actors[slug]['name']}")
        expect(chip).to_be_visible()
        expect(chip).to_contain_text(SEEDS.actors[slug]["name"])
        assert chip.evaluate(
            "(c) => c.scrollWidth <= c.clientWidth && c.scrollHeight <= c.clientHeight"
        )
    expect(page.get_by_label(MATCH_ALL)).to_be_visible()
    # Still a plain form: Apply loads the map of these actors, the region kept.
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"/map/\?"))
    address = urlsplit(page.url)
    assert address.path == "/map/"
    assert parse_qs(address.query) == {"region": ["afghanistan"], "actor": [first, second]}
    expect(page.locator("#id_actor option:checked")).to_have_count(2)
    assert console_errors == []
