"""Reading the timeline: the overview strip, reading in place, the keyboard, accessibility."""

import re
from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.factories import CitationFactory, EventFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def site(live_server, transactional_db):
    call_command("seed", verbosity=0)
    return live_server.url


def articles(page: Page):
    return page.locator("[role=feed] article")


def focused_title(page: Page) -> str:
    return page.evaluate(
        "document.activeElement.closest('article')?.querySelector('.event-title').textContent"
        " ?? document.activeElement.textContent"
    ).strip()


def test_overview_strip_shows_when_the_process_was_busy(page, site, console_errors):
    page.goto(site + "/")
    bars = page.locator(".overview a.bar")
    labels = [bars.nth(i).get_attribute("aria-label") for i in range(bars.count())]
    assert labels == [
        "1 event in November 2018, 1 key (on this page)",
        "1 event in February 2020, 1 key (on this page)",
        "1 event in October 2020 (on this page)",
        "3 events in January 2021, 2 key (on this page)",
    ]
    expect(page.locator(".overview .year-band title")).to_have_text("2 events dated only to 2019")
    assert console_errors == []


@pytest.fixture
def paged_site(site, settings):
    settings.PEACETRACKER_PAGE_SIZE = 3
    return site


def test_a_bar_jumps_the_list_to_its_period(page, paged_site, console_errors):
    page.goto(paged_site + "/")
    page.evaluate("window.loadedOnce = true")
    page.get_by_role("link", name=re.compile("^1 event in October 2020")).click()
    expect(page).to_have_url(re.compile(r"/\?at=2020-10$"))
    expect(articles(page).first).to_contain_text("Taliban political delegation visits Pakistan")
    assert page.evaluate("window.loadedOnce === true")
    # The page's own period is highlighted; focus lands on the period's first event.
    expect(page.locator(".overview a.bar.current")).to_have_count(2)
    assert (
        focused_title(page) == "Taliban political delegation visits Pakistan and meets Imran Khan"
    )
    expect(page.get_by_role("link", name="Earlier events")).to_be_visible()
    assert console_errors == []


def test_jump_to_year_in_one_action(page, paged_site, console_errors):
    page.goto(paged_site + "/")
    page.get_by_label("Jump to year").select_option("2021")
    page.get_by_role("button", name="Go").click()
    expect(page).to_have_url(re.compile(r"at=2021"))
    expect(articles(page).first).to_contain_text("New US administration hints")
    assert console_errors == []


def test_strip_and_jump_work_without_javascript(browser, paged_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(paged_site + "/")
    page.get_by_role("link", name=re.compile("^1 event in February 2020")).click()
    expect(page).to_have_url(re.compile(r"at=2020-02"))
    expect(articles(page).first).to_contain_text("Doha agreement")
    page.get_by_label("Jump to year").select_option("2018")
    page.get_by_role("button", name="Go").click()
    expect(articles(page).first).to_contain_text("conference of 11 regional countries")
    context.close()


def test_an_event_expands_in_place_and_collapses(page, site, console_errors):
    page.goto(site + "/")
    doha = articles(page).filter(has_text="sign the Doha agreement")
    more = doha.get_by_role("link", name="Show sources")
    expect(more).to_have_attribute("aria-expanded", "false")
    more.click()
    expect(doha.locator(".event-more blockquote")).to_contain_text(
        "hinted at a review of the Doha agreement signed in February last year"
    )
    expect(doha.get_by_role("link", name="Hide sources")).to_have_attribute(
        "aria-expanded", "true"
    )
    expect(page.locator("#announcer")).to_have_text(
        "Full account and sources of “The United States and the Taliban sign the Doha "
        "agreement” shown below it."
    )
    assert page.evaluate("document.activeElement.classList.contains('event-more')")
    doha.get_by_role("link", name="Hide sources").click()
    expect(doha.locator(".event-more")).to_be_empty()
    expect(doha.get_by_role("link", name="Show sources")).to_be_focused()
    assert page.url == site + "/"  # the reader never left their place
    assert console_errors == []


def test_read_more_is_the_events_page_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/")
    articles(page).filter(has_text="sign the Doha agreement").get_by_role(
        "link", name="Show sources"
    ).click()
    expect(page).to_have_url(site + "/events/doha-agreement-signed/")
    context.close()


def test_keyboard_moves_between_events_and_years(page, site, console_errors):
    page.goto(site + "/")
    page.keyboard.press("j")
    assert focused_title(page).startswith("Russia invites the Taliban")
    page.keyboard.press("j")
    assert focused_title(page) == "First of two intra-Afghan talks hosted by Russia in Moscow"
    page.keyboard.press("k")
    assert focused_title(page).startswith("Russia invites the Taliban")
    page.keyboard.press("Shift+J")
    assert focused_title(page) == "2019"
    page.keyboard.press("Shift+J")
    assert focused_title(page) == "2020"
    page.keyboard.press("j")
    assert focused_title(page) == "The United States and the Taliban sign the Doha agreement"
    page.keyboard.press("Enter")  # reads it in place
    expect(page.locator(".event-more blockquote").first).to_be_visible()
    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Next year")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    page.keyboard.press("/")
    expect(page.get_by_label("Search")).to_be_focused()
    assert console_errors == []


def test_new_results_are_announced(page, site, console_errors):
    page.goto(site + "/")
    page.get_by_label("Type").select_option("visit")
    expect(page.locator("#announcer")).to_have_text(
        "Showing one event matching the filters, October 2020."
    )
    expect(page.locator("[role=feed]")).to_have_attribute("aria-busy", "false")
    assert console_errors == []


def test_phone_width_with_an_event_read_in_place(browser, site):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(site + "/")
    articles(page).first.get_by_role("link", name="Show sources").click()
    expect(page.locator(".event-more blockquote").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_precision_and_spans_are_shown_honestly(page, live_server, transactional_db):
    CitationFactory(
        event=EventFactory(
            title="Talks over three days", start=date(2019, 5, 28), end=date(2019, 5, 30)
        )
    )
    page.goto(live_server.url + "/")
    talks = articles(page).filter(has_text="Talks over three days")
    expect(talks.locator("time")).to_have_text("28–30 May 2019")
    expect(talks.locator(".precision-note")).to_have_text("(3 days)")
    assert "is-range" in talks.get_attribute("class")


def axe_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{violation['id']}: {node['target']}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]


def test_no_accessibility_violations(page, site):
    page.goto(site + "/")
    assert axe_violations(page) == []
    articles(page).filter(has_text="sign the Doha agreement").get_by_role(
        "link", name="Show sources"
    ).click()
    expect(page.locator(".event-more blockquote").first).to_be_visible()
    assert axe_violations(page) == []
    page.goto(site + "/events/taliban-consultations-in-moscow/")
    assert axe_violations(page) == []
    page.goto(site + "/events/no-such-event/")
    assert axe_violations(page) == []
    page.goto(site + "/?from=2020-13")
    assert axe_violations(page) == []


def test_printing_gives_the_filtered_timeline_with_its_sources(page, site):
    page.goto(site + "/?type=talks")
    page.emulate_media(media="print")
    expect(page.get_by_role("search")).to_be_hidden()
    expect(page.locator(".overview")).to_be_hidden()
    expect(articles(page)).to_have_count(3)
    iran = articles(page).filter(has_text="Taliban political envoys hold talks in Iran")
    expect(iran.locator(".print-sources")).to_be_visible()
    expect(iran.locator(".print-sources")).to_contain_text("held talks in Iran on the fragile")
    page.emulate_media(media="screen")
    expect(iran.locator(".print-sources")).to_be_hidden()


def test_dark_scheme_follows_the_system_setting(browser, site):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site + "/")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(21, 23, 26)"
    assert axe_violations(page) == []  # contrast holds in the dark too
    context.close()


def test_nothing_shifts_as_the_page_and_its_fragments_arrive(page, paged_site):
    page.add_init_script(
        """
        window.shifts = [];
        window.shiftObserver = new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            if (!entry.hadRecentInput) window.shifts.push(entry.value);
          }
        });
        window.shiftObserver.observe({ type: "layout-shift", buffered: true });
        // Marked on the page: wait_for_function would evaluate code the strict CSP refuses.
        document.addEventListener("htmx:afterSettle", () => {
          document.body.dataset.settled = "yes";
        });
        """
    )
    page.goto(paged_site + "/")
    quiet(page)
    page.get_by_role("link", name="Later events").click()
    expect(page).to_have_url(re.compile("after="))
    expect(page.locator("body[data-settled]")).to_have_count(1)
    quiet(page)
    assert sum(page.evaluate("window.shifts")) < 0.01


def quiet(page) -> None:
    """Wait until nothing is left to arrive (requests, fonts) and two frames are painted, then
    take the layout shifts the browser has recorded but not yet reported."""
    page.wait_for_load_state("networkidle")
    page.evaluate(
        """() => document.fonts.ready
          .then(() => new Promise((done) => requestAnimationFrame(() => {
            requestAnimationFrame(done);
          })))
          .then(() => {
            for (const entry of window.shiftObserver.takeRecords()) {
              if (!entry.hadRecentInput) window.shifts.push(entry.value);
            }
          })"""
    )
