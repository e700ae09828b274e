"""The filter bar as a reader meets it: events in the first screen, the Actor and Place
choosers (comboboxes with chips, plain multi-selects without JavaScript), the filters named
above the results, Back and Forward, and newest first."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from events.models import Phase
from tests.seeds import SEEDS

pytestmark = pytest.mark.browser

DESK = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


def first_title_line_bottom(page: Page) -> float:
    """Where the first line of the first event's title ends, down the page: the reader sees
    the event when that whole line is in the first screen."""
    title = page.locator("#results article .event-title").first
    return title.evaluate(
        """title => {
            const range = document.createRange();
            range.selectNodeContents(title);
            return range.getClientRects()[0].bottom;
        }"""
    )


def two_actors() -> tuple[str, str]:
    """The two busiest actors of the seeded timeline, in the order the lists offer them
    (by name), which is the order a form submits them in."""
    ranked = sorted(SEEDS.actors, key=lambda slug: -len(SEEDS.with_actor(slug)))
    first, second = sorted(ranked[:2], key=lambda slug: SEEDS.actors[slug]["name"])
    return first, second


def name_of(slug: str) -> str:
    return SEEDS.actors[slug]["name"]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("viewport", [DESK, PHONE], ids=["desk", "phone"])
def test_the_first_event_is_in_the_first_screen(browser, site, viewport, javascript):
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(site + "/")
    assert first_title_line_bottom(page) <= viewport["height"]
    # With filters chosen too: they are named above the results, and still the list shows.
    actor = two_actors()[0]
    page.goto(f"{site}/?actor={actor}&type={SEEDS.events[0].type}")
    assert first_title_line_bottom(page) <= viewport["height"]
    # Narrowed to a phase, named above the list with its period and what it was (the
    # longest description of the seeded phases).
    phase = max(Phase.objects.all(), key=lambda phase: len(phase.description))
    page.goto(f"{site}/?phase={phase.slug}")
    expect(page.locator(".phase-about")).to_contain_text(phase.name)
    assert first_title_line_bottom(page) <= viewport["height"]
    context.close()


def test_on_a_phone_the_filters_fold_behind_a_button_that_counts_them(browser, site):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    first, second = two_actors()
    page.goto(f"{site}/?actor={first}&actor={second}&q=talks")
    toggle = page.locator(".filter-fold > summary")
    # The search is in view; the two actors are behind the button, which counts them.
    expect(page.get_by_label("Search", exact=True)).to_be_visible()
    expect(toggle).to_have_text("Filters (2)")
    expect(page.get_by_label("Actor", exact=True)).to_be_hidden()
    toggle.click()
    expect(page.get_by_label("Actor", exact=True)).to_be_visible()
    expect(page.get_by_label("Place", exact=True)).to_be_visible()
    expect(page.get_by_label("From", exact=True)).to_be_visible()
    context.close()


def test_on_a_desk_the_filters_are_in_view(browser, site):
    context = browser.new_context(viewport=DESK, java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/")
    expect(page.locator(".filter-fold > summary")).to_be_hidden()
    for label in ("Search", "Actor", "Place", "Type", "From", "To"):
        expect(page.get_by_label(label, exact=True)).to_be_visible()
    context.close()


def test_choosing_actors_with_the_combobox_and_removing_a_chip(page, site, console_errors):
    first, second = two_actors()
    page.goto(site + "/")
    combobox = page.get_by_role("combobox", name="Actor")
    listbox_id = combobox.get_attribute("aria-controls")
    expect(combobox).to_have_attribute("aria-expanded", "false")

    # Type part of a name: the list opens, narrowed to it, the first match active.
    combobox.fill(name_of(first)[:4])
    expect(combobox).to_have_attribute("aria-expanded", "true")
    listbox = page.locator(f"#{listbox_id}")
    expect(listbox).to_have_attribute("role", "listbox")
    option = listbox.get_by_role("option", name=name_of(first), exact=True)
    expect(option).to_be_visible()
    active = combobox.get_attribute("aria-activedescendant")
    assert active and page.locator(f"#{active}").get_attribute("role") == "option"
    # Move to the one wanted and press Enter: it becomes a chip and filters the list.
    while page.locator(f"#{combobox.get_attribute('aria-activedescendant')}").inner_text() != (
        name_of(first)
    ):
        combobox.press("ArrowDown")
    combobox.press("Enter")
    expect(page).to_have_url(re.compile(rf"/\?actor={first}$"))
    chip = page.get_by_role("button", name=f"Remove Actor: {name_of(first)}")
    expect(chip).to_contain_text(f"Actor: {name_of(first)}")
    expect(combobox).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#results article")).to_have_count(
        min(len(SEEDS.with_actor(first)), _page_size())
    )

    # A second, by clicking it; Escape closes an open list without choosing.
    combobox.fill(name_of(second))
    expect(combobox).to_have_attribute("aria-expanded", "true")
    combobox.press("Escape")
    expect(combobox).to_have_attribute("aria-expanded", "false")
    combobox.fill(name_of(second))
    page.get_by_role("option", name=name_of(second), exact=True).click()
    expect(page).to_have_url(re.compile(rf"/\?actor={first}&actor={second}$"))
    expect(page.get_by_role("button", name=f"Remove Actor: {name_of(second)}")).to_be_visible()

    # Both are named above the results; a chip's × removes that one only.
    applied = page.get_by_role("navigation", name="Filters applied")
    expect(applied.get_by_role("link", name=f"Remove Actor: {name_of(first)}")).to_be_visible()
    chip.click()
    expect(page).to_have_url(re.compile(rf"/\?actor={second}$"))
    expect(page.get_by_role("button", name=f"Remove Actor: {name_of(first)}")).to_have_count(0)
    expect(combobox).to_be_focused()
    assert console_errors == []


def _page_size() -> int:
    from django.conf import settings

    return settings.PEACETRACKER_PAGE_SIZE


def test_chip_names_are_never_cut_off(browser, site):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    longest = max(SEEDS.actors, key=lambda slug: len(name_of(slug)))
    page.goto(f"{site}/?actor={longest}")
    page.locator(".filter-fold > summary").click()
    chip = page.get_by_role("button", name=f"Remove Actor: {name_of(longest)}")
    expect(chip).to_be_visible()
    fits = chip.evaluate(
        "(chip) => chip.scrollWidth <= chip.clientWidth && chip.scrollHeight <= chip.clientHeight"
    )
    assert fits
    expect(chip).to_contain_text(name_of(longest))
    context.close()


def test_without_javascript_two_actors_are_chosen_in_a_plain_list(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    first, second = two_actors()
    page.goto(site + "/")
    page.get_by_label("Actor", exact=True).select_option([first, second])
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(rf"actor={first}&actor={second}"))
    applied = page.get_by_role("navigation", name="Filters applied")
    expect(applied).to_contain_text(f"Actor: {name_of(first)}")
    # Each is removable by a plain link, and "Clear all" clears them all.
    applied.get_by_role("link", name=f"Remove Actor: {name_of(first)}").click()
    expect(page).to_have_url(re.compile(rf"/\?actor={second}$"))
    page.get_by_role("link", name="Clear all").click()
    expect(page).to_have_url(site + "/")
    expect(page.get_by_role("navigation", name="Filters applied")).to_have_count(0)
    context.close()


def test_back_shows_the_previous_filters_in_the_form(page, site, console_errors):
    """After two changes, Back restores the form with the list; a third change then keeps
    every filter the address had."""
    first, _ = two_actors()
    event_type = SEEDS.events[0].type
    page.goto(site + "/")
    combobox = page.get_by_role("combobox", name="Actor")
    combobox.fill(name_of(first))
    page.get_by_role("option", name=name_of(first), exact=True).click()
    expect(page).to_have_url(re.compile(rf"/\?actor={first}$"))
    page.get_by_label("Type", exact=True).select_option(event_type)
    expect(page).to_have_url(re.compile(rf"/\?actor={first}&type={event_type}$"))
    page.get_by_label("Search", exact=True).fill("talks")
    expect(page).to_have_url(re.compile(rf"/\?q=talks&actor={first}&type={event_type}$"))

    page.go_back()
    expect(page).to_have_url(re.compile(rf"/\?actor={first}&type={event_type}$"))
    expect(page.get_by_label("Search", exact=True)).to_have_value("")
    page.go_back()
    expect(page).to_have_url(re.compile(rf"/\?actor={first}$"))
    expect(page.get_by_label("Type", exact=True)).to_have_value("")
    expect(page.get_by_role("button", name=f"Remove Actor: {name_of(first)}")).to_be_visible()

    page.get_by_label("From", exact=True).fill("2019")
    page.get_by_label("From", exact=True).press("Enter")
    expect(page).to_have_url(re.compile(rf"/\?actor={first}&from=2019$"))
    assert console_errors == []


def test_filter_bar_has_no_accessibility_violations(browser, site):
    first, second = two_actors()
    for viewport in (DESK, PHONE):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(f"{site}/?actor={first}&actor={second}")
        if viewport is PHONE:
            page.locator(".filter-fold > summary").click()
        page.get_by_role("combobox", name="Place").fill("a")
        expect(page.get_by_role("combobox", name="Place")).to_have_attribute(
            "aria-expanded", "true"
        )
        results = Axe().run(page)
        assert results.response["violations"] == [], results.generate_report()
        context.close()


def test_latest_developments_first_and_back(page, paged_site, console_errors):
    newest = sorted(SEEDS.events, key=lambda event: event.start)[-1]
    page.goto(paged_site + "/")
    page.get_by_label("Order", exact=True).select_option(label="Latest developments")
    expect(page).to_have_url(re.compile(r"/\?order=newest$"))
    expect(page.locator("#results article").first).to_contain_text(newest.title)
    expect(page.locator("#results-status")).to_contain_text("newest first")
    # Paging on keeps the order, in the address and in the list.
    page.get_by_role("link", name="Earlier events").click()
    expect(page).to_have_url(re.compile(r"order=newest&before="))
    expect(page.get_by_label("Order", exact=True)).to_have_value("newest")
    assert console_errors == []


def test_the_filters_button_counts_choices_as_they_are_made(browser, site):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    first, second = two_actors()
    page.goto(site + "/")
    toggle = page.locator(".filter-fold > summary")
    expect(toggle).to_have_text("Filters")
    toggle.click()
    combobox = page.get_by_role("combobox", name="Actor")
    for slug in (first, second):
        combobox.fill(name_of(slug))
        page.get_by_role("option", name=name_of(slug), exact=True).click()
    expect(toggle).to_have_text("Filters (2)")
    expect(page).to_have_url(re.compile(rf"/\?actor={first}&actor={second}$"))
    context.close()
