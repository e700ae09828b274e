"""Finding an event on the time axis, as a reader does it: at a desk and on a phone, with and
without JavaScript; zooming and panning by button, key, wheel, drag, swipe and pinch; then
the axis's own promises: labels that never overlap, targets a finger can hit, and a name
for each mark that a screen reader says."""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, CDPSession, Locator, Page, expect

from events.dates import display
from events.dates.values import Precision, add_months
from tests.seeds import SEEDS, SeedEvent, first_day, last_day
from tests.test_browser_reading import articles, axe_violations

pytestmark = pytest.mark.browser

DESK = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
# The smallest a touch target may be, in CSS pixels (WCAG 2.5.5).
TARGET = 44


# Marks the page once htmx has put a new view in place and scrolled to it (it scrolls just
# after htmx:afterSettle): gestures aim at where things are drawn, and the page may still be
# moving when the new caption shows. (On the page, not waited for with wait_for_function,
# which evaluates code the strict CSP refuses.)
MARK_SETTLED = """
document.addEventListener("DOMContentLoaded", () => {
  document.documentElement.dataset.settled = "yes";
});
document.addEventListener("htmx:beforeRequest", () => {
  delete document.documentElement.dataset.settled;
});
document.addEventListener("htmx:afterSettle", () => {
  setTimeout(() => { document.documentElement.dataset.settled = "yes"; });
});
"""


@dataclass
class Reader:
    """Opens pages the way a reader's browser would, and hears what those pages log as
    errors (CSP violations, script errors)."""

    browser: Browser
    errors: list[str] = field(default_factory=list)
    contexts: list[BrowserContext] = field(default_factory=list)

    def open(self, address: str, viewport: dict, **options) -> Page:
        context = self.browser.new_context(viewport=viewport, **options)
        self.contexts.append(context)
        page = context.new_page()
        page.add_init_script(MARK_SETTLED)
        page.on(
            "console", lambda message: message.type == "error" and self.errors.append(message.text)
        )
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.goto(address)
        return page


@pytest.fixture
def reader(browser):
    opened = Reader(browser)
    yield opened
    for context in opened.contexts:
        context.close()


def control(page: Page, action: str) -> Locator:
    """An axis control: "in", "out", "earlier" or "later"."""
    return page.locator(f'#axis a[data-axis-action="{action}"]')


def chart(page: Page) -> Locator:
    """The drawing this screen shows (the other is hidden by the stylesheet)."""
    return page.locator("#axis .axis-drawing:visible svg.axis-chart")


def caption(page: Page) -> Locator:
    return page.locator("#axis-caption")


def mark_name(event: SeedEvent) -> str:
    """What a mark is called: the event's title and its date as the site writes it (and its
    status, when it was not held)."""
    status = f" ({event.status.capitalize()})" if event.status != "held" else ""
    return f"{event.title}, {event.written}{status}" + (" (key event)" if event.key else "")


def month(day: date) -> str:
    return display.written_period(day, Precision.MONTH)


def size(locator: Locator) -> tuple[float, float]:
    box = locator.bounding_box()
    assert box is not None, "not on the screen"
    return box["width"], box["height"]


def settled(page: Page) -> None:
    """Wait for the view asked for to be in place and still (see MARK_SETTLED)."""
    expect(page.locator("html[data-settled]")).to_have_count(1)


def centre(locator: Locator) -> tuple[float, float]:
    """Where to point at `locator`, brought into view first."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    assert box is not None, "not on the screen"
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def first_year() -> int:
    return SEEDS.events[0].start.year


def beyond_the_first_page(year: int) -> SeedEvent:
    """An event of `year` that the list opened at the year, three to a page (`paged_site`),
    does not show: finding it takes the axis."""
    events = [event for event in SEEDS.events if event.start.year == year]
    assert len(events) > 3, f"these tests need more than three events in {year}"
    return events[3]


# A reader at a desk -------------------------------------------------------------------------


def test_at_a_desk_buttons_and_keys_zoom_and_pan_to_an_event(reader, paged_site):
    year = first_year()
    this_month = SEEDS.events[0].start.replace(day=1)
    wanted = beyond_the_first_page(year)
    page = reader.open(paged_site + "/", DESK)
    expect(caption(page)).to_have_text(f"Time axis: {SEEDS.years[0]}–{SEEDS.years[-1]}")

    page.get_by_role("link", name="Zoom in", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]zoom=year(&|$)"))
    expect(caption(page)).to_have_text(f"Time axis: {year}")
    # The control is still the one focused once the axis is drawn anew.
    expect(control(page, "in")).to_be_focused()

    page.keyboard.press("+")
    expect(caption(page)).to_have_text(f"Time axis: {month(this_month)}")
    expect(page).to_have_url(re.compile(r"[?&]zoom=month(&|$)"))
    expect(control(page, "in")).to_be_focused()

    page.keyboard.press("ArrowRight")
    expect(caption(page)).to_have_text(f"Time axis: {month(add_months(this_month, 1))}")
    expect(page).to_have_url(re.compile(rf"[?&]at={add_months(this_month, 1):%Y-%m}(&|$)"))
    expect(control(page, "later")).to_be_focused()

    page.keyboard.press("ArrowLeft")
    expect(caption(page)).to_have_text(f"Time axis: {month(this_month)}")
    expect(page).to_have_url(re.compile(rf"[?&]at={this_month:%Y-%m}(&|$)"))
    # The timeline starts in this month: nothing is earlier, and focus stays on a control.
    expect(page.locator("#axis span.axis-control", has_text="Earlier")).to_be_visible()
    expect(page.locator("#axis a.axis-control:focus")).to_have_count(1)

    page.keyboard.press("-")
    expect(caption(page)).to_have_text(f"Time axis: {year}")
    expect(page).to_have_url(re.compile(r"[?&]zoom=year(&|$)"))
    expect(control(page, "out")).to_be_focused()

    # Out to the whole timeline and in again, all from the keyboard.
    page.keyboard.press("-")
    expect(caption(page)).to_have_text(f"Time axis: {SEEDS.years[0]}–{SEEDS.years[-1]}")
    expect(page.locator("#axis a.axis-control:focus")).to_have_count(1)
    page.keyboard.press("+")
    expect(caption(page)).to_have_text(f"Time axis: {year}")
    expect(control(page, "in")).to_be_focused()

    # The event is not listed yet; its mark loads its page of the list and focuses it.
    expect(articles(page).filter(has_text=wanted.title)).to_have_count(0)
    page.get_by_role("link", name=mark_name(wanted)).click()
    expect(page.locator("article:focus")).to_contain_text(wanted.title)
    expect(page).to_have_url(re.compile(rf"[?&]at={wanted.date}(&|$)"))
    expect(caption(page)).to_have_text(f"Time axis: {year}")  # the axis stays where it was
    assert reader.errors == []


def test_ctrl_wheel_zooms_and_a_drag_pans_without_opening_a_mark(reader, site):
    year = first_year()
    page = reader.open(site + "/", DESK)
    page.mouse.move(*centre(chart(page)))
    page.keyboard.down("Control")
    page.mouse.wheel(0, -200)
    page.keyboard.up("Control")
    expect(caption(page)).to_have_text(f"Time axis: {year}")
    expect(page).to_have_url(re.compile(r"[?&]zoom=year(&|$)"))

    # Dragging the drawing to the left brings the next year into view.
    settled(page)
    x, y = centre(chart(page))
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 200, y, steps=10)
    page.mouse.up()
    expect(caption(page)).to_have_text(f"Time axis: {year + 1}")
    expect(page).to_have_url(re.compile(rf"[?&]at={year + 1}(&|$)"))

    # A drag that starts and ends on a mark is a drag, not a click on the mark: no event
    # is opened and the view stays.
    settled(page)
    mark = chart(page).locator("a.mark").first
    x, y = centre(mark.locator("rect.target"))
    address = page.url
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 150, y, steps=8)
    page.mouse.move(x, y, steps=8)
    page.mouse.up()
    expect(page.locator("article:focus")).to_have_count(0)
    expect(chart(page).locator("a.mark.selected")).to_have_count(0)
    assert page.url == address
    # ... and the next click on it is one.
    mark.click()
    expect(page.locator("article:focus")).to_have_count(1)
    assert reader.errors == []


# A reader on a phone, with a finger ----------------------------------------------------------


def touch(session: CDPSession, kind: str, points: list[tuple[float, float]]) -> None:
    """One touch event of `kind` (touchStart, touchMove, touchEnd) with these fingers down;
    Chromium makes pointer events of it, as it does of a real finger."""
    session.send(
        "Input.dispatchTouchEvent",
        {
            "type": kind,
            "touchPoints": [
                {"x": x, "y": y, "id": finger, "radiusX": 4, "radiusY": 4, "force": 1}
                for finger, (x, y) in enumerate(points)
            ],
        },
    )


def swipe(session: CDPSession, start: tuple[float, float], dx: float, steps: int = 8) -> None:
    x, y = start
    touch(session, "touchStart", [(x, y)])
    for step in range(1, steps + 1):
        touch(session, "touchMove", [(x + dx * step / steps, y)])
    touch(session, "touchEnd", [])


def pinch(
    session: CDPSession, middle: tuple[float, float], spread: float, to: float, steps: int = 8
) -> None:
    """Two fingers either side of `middle`, `spread` px apart, moved to `to` px apart."""
    x, y = middle

    def fingers(apart: float) -> list[tuple[float, float]]:
        return [(x - apart / 2, y), (x + apart / 2, y)]

    touch(session, "touchStart", fingers(spread))
    for step in range(1, steps + 1):
        touch(session, "touchMove", fingers(spread + (to - spread) * step / steps))
    touch(session, "touchEnd", [])


def tap(session: CDPSession, point: tuple[float, float]) -> None:
    touch(session, "touchStart", [point])
    touch(session, "touchEnd", [])


def test_on_a_phone_a_swipe_pans_and_a_pinch_zooms(reader, site):
    year = 2020
    assert SEEDS.in_period(date(year - 1, 1, 1), date(year + 1, 12, 31)), "events around 2020"
    page = reader.open(f"{site}/?zoom=year&at={year}", PHONE, has_touch=True, is_mobile=True)
    session = page.context.new_cdp_session(page)
    expect(chart(page)).to_have_count(1)
    expect(chart(page)).to_have_attribute("viewBox", re.compile(r"^0 0 360 "))

    # The finger drags the drawing to the left: later years come into view.
    settled(page)
    x, y = centre(chart(page))
    swipe(session, (x + 70, y), -140)
    expect(caption(page)).to_have_text(f"Time axis: {year + 1}")
    expect(page).to_have_url(re.compile(rf"[?&]at={year + 1}(&|$)"))
    settled(page)
    x, y = centre(chart(page))
    swipe(session, (x - 70, y), 140)
    expect(caption(page)).to_have_text(f"Time axis: {year}")
    expect(page).to_have_url(re.compile(rf"[?&]at={year}(&|$)"))

    # Two fingers spread apart zoom in, brought together zoom out.
    zoom_in = control(page, "in").get_attribute("href")
    assert zoom_in is not None
    settled(page)
    pinch(session, centre(chart(page)), 60, 200)
    expect(page).to_have_url(re.compile(re.escape(zoom_in) + "$"))
    expect(page).to_have_url(re.compile(r"[?&]zoom=month(&|$)"))
    settled(page)
    pinch(session, centre(chart(page)), 200, 60)
    expect(caption(page)).to_have_text(f"Time axis: {year}")
    # The pinches were the axis's: the browser did not zoom the page as well.
    assert page.evaluate("window.visualViewport.scale") == 1

    # A tap after those gestures is a tap: it opens what it touches.
    settled(page)
    target = chart(page).locator("a.bin, a.mark").first
    opens = target.get_attribute("href")
    assert opens is not None
    tap(session, centre(target.locator("rect.target")))
    expect(page).to_have_url(re.compile(re.escape(opens.split("#")[0]) + "$"))
    assert reader.errors == []


# Without JavaScript ----------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [DESK, PHONE], ids=["desk", "phone"])
def test_without_javascript_the_axis_is_a_picture_of_links(reader, paged_site, viewport):
    year = first_year()
    page = reader.open(paged_site + "/", viewport, java_script_enabled=False)
    page.get_by_role("link", name="Zoom in", exact=True).click()
    expect(caption(page)).to_have_text(f"Time axis: {year}")
    page.get_by_role("link", name="Later", exact=True).click()
    expect(caption(page)).to_have_text(f"Time axis: {year + 1}")
    expect(page).to_have_url(re.compile(rf"[?&]at={year + 1}(&|$)"))
    page.get_by_role("link", name="Earlier", exact=True).click()
    expect(caption(page)).to_have_text(f"Time axis: {year}")
    # An event of the year not on the list's first page: its mark opens the list at it.
    wanted = beyond_the_first_page(year)
    page.get_by_role("link", name=mark_name(wanted)).click()
    expect(page).to_have_url(re.compile(rf"[?&]at={wanted.date}&zoom=year#event-\d+-item$"))
    anchor = page.url.rsplit("#", 1)[1]
    expect(page.locator(f"article#{anchor}")).to_contain_text(wanted.title)
    expect(articles(page).first).to_contain_text(wanted.title)


# What the axis promises, on every screen -----------------------------------------------------

WINDOWS = {
    "whole": "/",
    "decade": "/?zoom=decade&at=2020",
    "year": "/?zoom=year&at=2020",
    "busy-year": "/?zoom=year&at=2021",
    "month": "/?zoom=month&at=2020-02",
    "week": "/?zoom=week&at=2020-02-24",
    "lanes": "/?lanes=type",
    "year-lanes": "/?zoom=year&at=2021&lanes=type",
}

BOXES = """(svg) => {
  const box = (element) => {
    const r = element.getBoundingClientRect();
    return {text: element.textContent, left: r.left, right: r.right, top: r.top,
            bottom: r.bottom};
  };
  const all = (selector) => Array.from(svg.querySelectorAll(selector)).map(box);
  return {
    chart: box(svg),
    ticks: all("text.tick"),
    labels: all("text.mark-label, text.phase-name"),
    lanes: all("text.lane-name"),
  };
}"""


def overlapping(boxes: list[dict], slack: float = 0.5) -> list[tuple[str, str]]:
    return [
        (a["text"], b["text"])
        for a, b in combinations(boxes, 2)
        if a["left"] < b["right"] - slack
        and b["left"] < a["right"] - slack
        and a["top"] < b["bottom"] - slack
        and b["top"] < a["bottom"] - slack
    ]


def outside(boxes: list[dict], chart: dict, slack: float = 0.5) -> list[str]:
    return [
        box["text"]
        for box in boxes
        if box["left"] < chart["left"] - slack or box["right"] > chart["right"] + slack
    ]


@pytest.mark.parametrize("language", ["", "/fa", "/ps"], ids=["en", "fa", "ps"])
@pytest.mark.parametrize("viewport", [DESK, PHONE], ids=["desk", "phone"])
def test_labels_never_overlap(reader, site, viewport, language):
    # In Dari and Pashto too: Arabic-script labels in the Naskh font, written right to left.
    page = reader.open(site + language + "/", viewport, java_script_enabled=False)
    problems = {}
    for name, window in WINDOWS.items():
        page.goto(site + language + window)
        expect(chart(page)).to_have_count(1)
        drawn = chart(page).evaluate(BOXES)
        assert drawn["ticks"], f"{name}: the axis is ruled and labelled"
        found = {
            "ticks overlap": overlapping(drawn["ticks"]),
            "labels overlap": overlapping(drawn["labels"] + drawn["lanes"]),
            # Nothing is cut off at the drawing's edges.
            "cut off": outside(drawn["ticks"] + drawn["labels"], drawn["chart"]),
        }
        problems.update({f"{name}: {kind}": found for kind, found in found.items() if found})
        if name in ("whole", "lanes") and not language:
            # The whole timeline: every year in view has its label.
            every_year = [str(y) for y in range(SEEDS.years[0], SEEDS.years[-1] + 1)]
            assert [tick["text"] for tick in drawn["ticks"]] == every_year
    assert problems == {}


def in_view(address: str) -> tuple[date, date]:
    """The first and last day an axis address shows (the whole view: the seeds' years)."""
    query = parse_qs(urlsplit(address).query)
    zoom, at = query.get("zoom", [""])[0], query.get("at", [""])[0]
    if zoom == "decade":
        decade = int(at[:4]) // 10 * 10
        return date(decade, 1, 1), date(decade + 9, 12, 31)
    if zoom == "week":
        return first_day(at), first_day(at) + timedelta(days=6)
    if zoom in ("year", "month"):
        return first_day(at), last_day(at)
    return date(SEEDS.years[0], 1, 1), date(SEEDS.years[-1], 12, 31)


def period_of(link: str, view: tuple[date, date]) -> int:
    """How many days of the view a column of counts covers (its link zooms in on them)."""
    query = parse_qs(urlsplit(link).query)
    at = query["at"][0]
    first = first_day(at)
    last = first + timedelta(days=6) if query["zoom"][0] == "week" else last_day(at)
    return (min(last, view[1]) - max(first, view[0])).days + 1


TARGETS = """(svg) => ({
  width: svg.getBoundingClientRect().width,
  targets: Array.from(svg.querySelectorAll("a.mark, a.bin")).map((link) => {
    const r = link.querySelector("rect.target").getBoundingClientRect();
    return {name: link.getAttribute("aria-label"), href: link.getAttribute("href"),
            bin: link.matches(".bin"), width: r.width, height: r.height};
  }),
})"""


def test_on_a_phone_every_target_is_big_enough_for_a_finger(reader, site):
    page = reader.open(site + "/", PHONE, has_touch=True, is_mobile=True)
    small = {}
    for name, window in WINDOWS.items():
        page.goto(site + window)
        expect(chart(page)).to_have_attribute("viewBox", re.compile(r"^0 0 360 "))
        drawn = chart(page).evaluate(TARGETS)
        targets = drawn["targets"]
        assert targets, f"{name}: the axis draws something to select"
        marks = [t for t in targets if not t["bin"]]
        bins = [t for t in targets if t["bin"]]
        # A column of counts is as wide as its period: narrower than a finger only when the
        # period is.
        view = in_view(window)
        per_day = drawn["width"] / ((view[1] - view[0]).days + 1)
        found = {
            "marks": [t["name"] for t in marks if min(t["width"], t["height"]) < TARGET],
            "bins too low": [t["name"] for t in bins if t["height"] < TARGET],
            "bins too narrow": [
                t["name"]
                for t in bins
                if t["width"] < min(TARGET, period_of(t["href"], view) * per_day) - 0.5
            ],
            "controls": [
                link.text_content()
                for link in page.locator("#axis .axis-control").all()
                if min(size(link)) < TARGET
            ],
        }
        small.update({f"{name}: {kind}": found for kind, found in found.items() if found})
    assert small == {}


# Accessibility -----------------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [DESK, PHONE], ids=["desk", "phone"])
def test_no_accessibility_violations_on_the_axis(reader, site, viewport):
    page = reader.open(site + "/", viewport)
    for window in ("/?zoom=year&at=2020", "/?zoom=month&at=2020-02", "/?lanes=type"):
        page.goto(site + window)
        assert axe_violations(page) == [], window
    assert reader.errors == []


def test_each_mark_is_reached_by_tab_and_named_by_its_title_and_date(reader, site):
    first, last = date(2020, 1, 1), date(2020, 12, 31)
    shown = SEEDS.in_period(first, last)
    page = reader.open(site + "/?zoom=year&at=2020", DESK)
    marks = chart(page).locator("a.mark")
    expect(marks).to_have_count(len(shown))
    control(page, "later").focus()
    reached: list[str] = []
    for _ in range(len(shown) + 5):
        page.keyboard.press("Tab")
        name = page.evaluate(
            "document.activeElement.matches('#axis a.mark')"
            " ? document.activeElement.getAttribute('aria-label') : null"
        )
        if name is None and reached:
            break  # past the last mark
        if name is not None:
            reached.append(name)
    assert sorted(reached) == sorted(mark_name(event) for event in shown)
    for event in shown:
        expect(page.get_by_role("link", name=mark_name(event), exact=True)).to_have_count(1)
