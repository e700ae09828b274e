"""Moving by keyboard leaves what it moves to in sight, below the sticky year and month
headings (issue 15: Shift+K left a year's first event under them)."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from tests.factories import EventFactory

pytestmark = pytest.mark.browser

YEARS = (2018, 2019, 2020, 2021)


@pytest.fixture
def long_timeline(live_server, transactional_db) -> str:
    """Four years of events, several months each: a page far taller than the screen."""
    for year in YEARS:
        for month in (2, 5, 8, 11):
            EventFactory(title=f"Talks of {month}/{year}", start=date(year, month, 10))
    return live_server.url


def hidden_under_headings(page: Page, year: int) -> float:
    """How far the year's first event lies under the headings stuck to the top of the
    screen (0 when it is wholly below them)."""
    return page.evaluate(
        """(year) => {
          const section = document.getElementById(`y${year}`).closest(".year");
          const first = section.querySelector("article");
          const covered = Array.from(document.querySelectorAll(".year-heading, .month-heading"))
            .map((heading) => heading.getBoundingClientRect())
            .filter((box) => box.top <= 1 && box.bottom > 0)
            .reduce((lowest, box) => Math.max(lowest, box.bottom), 0);
          return Math.max(0, covered - first.getBoundingClientRect().top);
        }""",
        year,
    )


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 800}, {"width": 360, "height": 740}]
)
def test_previous_and_next_year_show_the_years_first_event(browser, long_timeline, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(long_timeline + "/")
    expect(page.locator("#results article")).to_have_count(len(YEARS) * 4)
    for _ in YEARS:
        page.keyboard.press("Shift+J")
    expect(page.locator("#y2021")).to_be_focused()
    for year in reversed(YEARS[:-1]):
        page.keyboard.press("Shift+K")
        expect(page.locator(f"#y{year}")).to_be_focused()
        assert hidden_under_headings(page, year) == 0, year
        first = page.locator(f"#y{year}").locator("xpath=..").locator("article").first
        expect(first).to_be_in_viewport()
    for year in YEARS[1:]:
        page.keyboard.press("Shift+J")
        expect(page.locator(f"#y{year}")).to_be_focused()
        assert hidden_under_headings(page, year) == 0, year
    context.close()


def test_every_event_is_drawn_for_a_full_page_capture(browser, long_timeline):
    """Events far below the screen start undrawn, for speed (content-visibility), and are
    all drawn once the page is idle: a full-page capture shows them, not empty boxes."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(long_timeline + "/")
    expect(page.locator("#results.drawn")).to_have_count(1)
    undrawn = page.evaluate(
        """() => Array.from(document.querySelectorAll("#results article"))
          .filter((event) => !event.checkVisibility({ contentVisibilityAuto: true }))
          .map((event) => event.querySelector(".event-title").textContent.trim())"""
    )
    assert undrawn == []
    # And the capture holds the last event's words where the event is.
    last = page.locator("#results article").last
    box = last.bounding_box()
    assert box is not None and box["y"] > 740 * 2
    page.screenshot(full_page=True)  # drawing for a capture must not undo it
    assert last.evaluate("(event) => event.checkVisibility({ contentVisibilityAuto: true })")
    context.close()
