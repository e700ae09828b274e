"""What a reader sees in a real browser: headless Chromium driven by Playwright."""

import re
from datetime import date

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.factories import EventFactory, PlaceFactory

pytestmark = pytest.mark.browser

ALL_SEEDED = 8


@pytest.fixture
def site(live_server, transactional_db):
    call_command("seed", verbosity=0)
    return live_server.url


def titles(page: Page) -> list[str]:
    return page.locator("#results article h3, #results article h4").all_inner_texts()


def mark_document(page: Page) -> None:
    """Tag the loaded document, so a full reload (which loses the tag) can be told apart."""
    page.evaluate("window.loadedOnce = true")


def still_same_document(page: Page) -> bool:
    return page.evaluate("window.loadedOnce === true")


def test_filtering_with_javascript_updates_the_list_in_place(page, site, console_errors):
    page.goto(site + "/")
    expect(page.locator("#results article")).to_have_count(ALL_SEEDED)
    mark_document(page)

    page.get_by_label("Actor").select_option("imran-khan")
    expect(page).to_have_url(re.compile(r"/\?actor=imran-khan$"))
    expect(page.locator("#results article")).to_have_count(1)
    assert titles(page) == ["Taliban political delegation visits Pakistan and meets Imran Khan"]

    page.get_by_label("Actor").select_option([])
    page.get_by_label("Search").fill("Kabulov")
    expect(page).to_have_url(re.compile(r"/\?q=Kabulov$"))
    expect(page.locator("#results article")).to_have_count(1)
    assert titles(page) == ["Taliban delegation holds consultations with Zamir Kabulov in Moscow"]
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
    page.get_by_label("Search").press("Tab")
    expect(page.locator("body[data-considered]")).to_have_count(1)
    assert page.evaluate("window.requested") == 0
    assert page.evaluate("history.length") == steps

    # Back walks through every view: the cleared actor, then the actor's view.
    page.go_back()
    expect(page).to_have_url(site + "/")
    expect(page.locator("#results article")).to_have_count(ALL_SEEDED)
    page.go_back()
    expect(page).to_have_url(re.compile(r"/\?actor=imran-khan$"))
    expect(page.locator("#results article")).to_have_count(1)
    assert console_errors == []


def test_reloading_a_filtered_address_shows_the_same_view(page, site, console_errors):
    page.goto(site + "/")
    page.get_by_label("Type").select_option("talks")
    expect(page.locator("#results article")).to_have_count(3)
    page.reload()
    expect(page.locator("#results article")).to_have_count(3)
    expect(page.get_by_label("Type")).to_have_value("talks")
    assert console_errors == []


def test_filtering_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/")
    page.get_by_label("Place").select_option("doha")
    page.get_by_label("From").fill("2020")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"place=doha.*from=2020"))
    assert titles(page) == ["The United States and the Taliban sign the Doha agreement"]
    page.get_by_role("link", name="Clear filters").click()
    expect(page.locator("#results article")).to_have_count(ALL_SEEDED)
    context.close()


def test_an_invalid_filter_shows_a_message_on_the_page(page, site, console_errors):
    page.goto(site + "/")
    page.get_by_label("From").fill("2020-13")
    page.get_by_label("From").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("“2020-13” is not a date in the calendar.")
    expect(page.locator("#results article")).to_have_count(ALL_SEEDED)
    assert console_errors == []


@pytest.fixture
def paged_site(site, settings):
    settings.PEACETRACKER_PAGE_SIZE = 3
    kabul = PlaceFactory(name="Kabul", slug="kabul")
    for day in range(1, 8):
        EventFactory(title=f"Kabul meeting {day}", start=date(2022, 3, day), place=kabul)
    return site


def test_paging_loads_in_place_and_the_address_follows(page, paged_site, console_errors):
    page.goto(paged_site + "/?place=kabul")
    assert titles(page) == ["Kabul meeting 1", "Kabul meeting 2", "Kabul meeting 3"]
    mark_document(page)
    page.get_by_role("link", name="Later events").click()
    expect(page).to_have_url(re.compile(r"place=kabul&after="))
    expect(page.locator("#results article").first).to_contain_text("Kabul meeting 4")
    assert titles(page) == ["Kabul meeting 4", "Kabul meeting 5", "Kabul meeting 6"]
    assert still_same_document(page)

    page.get_by_role("link", name="Later events").click()
    expect(page.locator("#results article")).to_have_count(1)
    expect(page.get_by_role("link", name="Later events")).to_have_count(0)

    page.go_back()
    expect(page.locator("#results article").first).to_contain_text("Kabul meeting 4")
    page.get_by_role("link", name="Earlier events").click()
    expect(page.locator("#results article").first).to_contain_text("Kabul meeting 1")
    assert console_errors == []


def test_paging_works_without_javascript(browser, paged_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(paged_site + "/?place=kabul")
    page.get_by_role("link", name="Latest events").click()
    assert titles(page) == ["Kabul meeting 5", "Kabul meeting 6", "Kabul meeting 7"]
    page.get_by_role("link", name="Earlier events").click()
    assert titles(page) == ["Kabul meeting 2", "Kabul meeting 3", "Kabul meeting 4"]
    context.close()


def test_opening_an_event_shows_its_page_with_sources(page, site, console_errors):
    page.goto(site + "/")
    page.get_by_role(
        "link", name="The United States and the Taliban sign the Doha agreement"
    ).click()
    expect(page).to_have_url(site + "/events/doha-agreement-signed/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "The United States and the Taliban sign the Doha agreement"
    )
    expect(page.locator("main time").first).to_have_text("February 2020")
    expect(page.locator(".sources blockquote")).to_contain_text(
        "review of the Doha agreement signed in February last year"
    )
    page.get_by_role("link", name=re.compile("Next event")).click()
    expect(page).to_have_url(site + "/events/taliban-delegation-visits-pakistan/")
    page.get_by_role("link", name="Imran Khan").click()
    expect(page).to_have_url(site + "/?actor=imran-khan")
    expect(page.locator("#results article")).to_have_count(1)
    assert console_errors == []


def test_the_timeline_fits_a_phone_screen(browser, site):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for address in ("/", "/events/taliban-consultations-in-moscow/"):
        page.goto(site + address)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, address
    context.close()
