"""Reading the timeline: the time axis, reading in place, the keyboard, accessibility."""

import re
from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from events.dates.values import Precision
from tests.factories import CitationFactory, EventFactory
from tests.seeds import SEEDS

pytestmark = pytest.mark.browser


def articles(page: Page):
    return page.locator("[role=feed] article")


def article_titled(page: Page, title: str):
    return articles(page).filter(has=page.get_by_role("heading", name=title, exact=True))


def focused_title(page: Page) -> str:
    return page.evaluate(
        "document.activeElement.closest('article')?.querySelector('.event-title').textContent"
        " ?? document.activeElement.textContent"
    ).strip()


@pytest.fixture
def process(live_server, transactional_db) -> str:
    """A timeline of a known shape for the time axis: a key day in November 2018, two
    events known only to 2019, a key month in February 2020, October 2020, and three events
    in January 2021 (two key)."""
    for title, start, precision, key in [
        ("Conference of regional countries", date(2018, 11, 9), Precision.DAY, True),
        ("First round of talks", date(2019, 1, 1), Precision.YEAR, False),
        ("Second round of talks", date(2019, 1, 1), Precision.YEAR, False),
        ("The agreement is signed", date(2020, 2, 1), Precision.MONTH, True),
        ("A delegation visits Pakistan", date(2020, 10, 1), Precision.MONTH, False),
        ("A review is announced", date(2021, 1, 1), Precision.MONTH, True),
        ("Talks in Iran", date(2021, 1, 1), Precision.MONTH, False),
        ("Consultations in Moscow", date(2021, 1, 1), Precision.MONTH, True),
    ]:
        EventFactory(title=title, start=start, precision=precision, is_key=key)
    return live_server.url


@pytest.fixture
def paged_process(process, settings) -> str:
    settings.PEACETRACKER_PAGE_SIZE = 3
    return process


def test_the_axis_draws_each_event_as_its_date_is_known(page, process, console_errors):
    page.goto(process + "/")
    marks = page.locator("#axis .axis-wide a.mark")
    named = {
        marks.nth(i).get_attribute("aria-label"): marks.nth(i).get_attribute("class")
        for i in range(marks.count())
    }
    # A point for a day, a faint band for a month or a year; key events say so.
    assert named["Conference of regional countries, 9 November 2018 (key event)"] == (
        "mark mark-point key listed"
    )
    assert named["First round of talks, 2019"] == "mark mark-band listed"
    assert named["A delegation visits Pakistan, October 2020"] == "mark mark-band listed"
    assert len(named) == 8
    # Every year in view is labelled.
    ticks = page.locator("#axis .axis-wide text.tick")
    assert ticks.all_text_contents() == ["2018", "2019", "2020", "2021"]
    assert console_errors == []


def test_a_mark_brings_the_list_to_its_event(page, paged_process, console_errors):
    page.goto(paged_process + "/")
    page.evaluate("window.loadedOnce = true")
    page.get_by_role("link", name="A delegation visits Pakistan, October 2020").click()
    expect(page).to_have_url(re.compile(r"/\?at=2020-10$"))
    expect(articles(page).first).to_contain_text("A delegation visits Pakistan")
    assert page.evaluate("window.loadedOnce === true")
    # Focus lands on the event (moved there once the swapped list has settled: waited for,
    # as a loaded machine may take a moment); what came before is a step back.
    page.wait_for_function("document.activeElement?.closest('article') != null")
    assert focused_title(page) == "A delegation visits Pakistan"
    expect(page.get_by_role("link", name="Earlier events")).to_be_visible()
    # An event already listed is only scrolled to: no request, the address kept.
    page.get_by_role("link", name="A review is announced, January 2021 (key event)").click()
    expect(page.locator("article:focus")).to_contain_text("A review is announced")
    expect(page).to_have_url(re.compile(r"/\?at=2020-10$"))
    # One on another page is loaded, and then brought into view.
    page.get_by_role("link", name="Consultations in Moscow, January 2021 (key event)").click()
    expect(page.locator("article:focus")).to_contain_text("Consultations in Moscow")
    expect(page).to_have_url(re.compile(r"/\?at=2021-01$"))
    assert page.evaluate("window.loadedOnce === true")
    assert console_errors == []


def test_jump_to_year_in_one_action(page, paged_process, console_errors):
    page.goto(paged_process + "/")
    page.get_by_label("Jump to year").select_option("2021")
    page.get_by_role("button", name="Go").click()
    expect(page).to_have_url(re.compile(r"at=2021"))
    expect(articles(page).first).to_contain_text("A review is announced")
    assert console_errors == []


def test_axis_and_jump_work_without_javascript(browser, paged_process):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(paged_process + "/")
    page.get_by_role("link", name="The agreement is signed, February 2020 (key event)").click()
    expect(page).to_have_url(re.compile(r"at=2020-02#event-\d+-item$"))
    expect(articles(page).first).to_contain_text("The agreement is signed")
    page.get_by_role("link", name="Zoom in").click()
    expect(page.locator("#axis-caption")).to_have_text("Time axis: 2020")
    page.get_by_role("link", name="Zoom in").click()
    expect(page.locator("#axis-caption")).to_have_text("Time axis: February 2020")
    expect(page.locator("#axis .axis-wide a.mark")).to_have_count(1)
    page.get_by_label("Jump to year").select_option("2018")
    page.get_by_role("button", name="Go").click()
    expect(articles(page).first).to_contain_text("Conference of regional countries")
    context.close()


def test_an_event_expands_in_place_and_collapses(page, site, console_errors):
    event = SEEDS.events[0]
    page.goto(site + "/")
    listed = article_titled(page, event.title)
    more = listed.get_by_role("link", name="Show sources")
    expect(more).to_have_attribute("aria-expanded", "false")
    more.click()
    expect(listed.locator(".event-more blockquote").first).to_contain_text(
        event.citations[0].quote
    )
    expect(listed.get_by_role("link", name="Hide sources")).to_have_attribute(
        "aria-expanded", "true"
    )
    expect(page.locator("#announcer")).to_have_text(
        f"Full account and sources of “{event.title}” shown below it."
    )
    assert page.evaluate("document.activeElement.classList.contains('event-more')")
    listed.get_by_role("link", name="Hide sources").click()
    expect(listed.locator(".event-more")).to_be_empty()
    expect(listed.get_by_role("link", name="Show sources")).to_be_focused()
    assert page.url == site + "/"  # the reader never left their place
    assert console_errors == []


def test_read_more_is_the_events_page_without_javascript(browser, site):
    event = SEEDS.events[0]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/")
    article_titled(page, event.title).get_by_role("link", name="Show sources").click()
    expect(page).to_have_url(f"{site}/events/{event.slug}/")
    context.close()


def test_keyboard_moves_between_events_and_years(page, site, console_errors):
    first, second = SEEDS.events[:2]
    years = SEEDS.years
    assert len(years) >= 3, "this test moves through three years of seeded events"
    first_of_third_year = next(event for event in SEEDS.events if event.start.year == years[2])
    page.goto(site + "/")
    page.keyboard.press("j")
    assert focused_title(page) == first.title
    page.keyboard.press("j")
    assert focused_title(page) == second.title
    page.keyboard.press("k")
    assert focused_title(page) == first.title
    page.keyboard.press("Shift+J")
    assert focused_title(page) == str(years[1])
    page.keyboard.press("Shift+J")
    assert focused_title(page) == str(years[2])
    page.keyboard.press("j")
    assert focused_title(page) == first_of_third_year.title
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
    event_type = SEEDS.fewest(SEEDS.types, SEEDS.of_type)
    shown = SEEDS.of_type(event_type)
    if len(shown) == 1:
        status = f"Showing one event matching the filters, {shown[0].written}."
    else:
        status = (
            f"Showing {len(shown)} events matching the filters, "
            f"from {shown[0].written} to {shown[-1].written}."
        )
    page.goto(site + "/")
    page.get_by_label("Type").select_option(event_type)
    expect(page.locator("#announcer")).to_have_text(status)
    for feed in page.locator("[role=feed]").all():
        expect(feed).to_have_attribute("aria-busy", "false")
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
    # The event with the most on its page: actors, sources, related events.
    busiest = max(
        SEEDS.events,
        key=lambda e: (len(e.actors), len(e.citations), len(SEEDS.related(e.slug))),
    )
    page.goto(site + "/")
    assert axe_violations(page) == []
    articles(page).first.get_by_role("link", name="Show sources").click()
    expect(page.locator(".event-more blockquote").first).to_be_visible()
    assert axe_violations(page) == []
    page.goto(f"{site}/events/{busiest.slug}/")
    assert axe_violations(page) == []
    page.goto(site + "/events/no-such-event/")
    assert axe_violations(page) == []
    page.goto(site + "/?from=2020-13")
    assert axe_violations(page) == []


def test_printing_gives_the_filtered_timeline_with_its_sources(page, site):
    event_type = SEEDS.fewest(SEEDS.types, SEEDS.of_type)
    printed = SEEDS.of_type(event_type)[-1]
    page.goto(f"{site}/?type={event_type}")
    page.emulate_media(media="print")
    expect(page.get_by_role("search")).to_be_hidden()
    expect(page.locator("#axis")).to_be_hidden()
    expect(articles(page)).to_have_count(len(SEEDS.of_type(event_type)))
    sources = article_titled(page, printed.title).locator(".print-sources")
    expect(sources).to_be_visible()
    expect(sources).to_contain_text(printed.citations[0].quote)
    page.emulate_media(media="screen")
    expect(sources).to_be_hidden()


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
