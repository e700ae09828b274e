"""Was the agreement kept? A reader goes from the agreement's event to its commitments, finds
one that was kept late with the number of days shown (on the chart too), opens the event that
kept it and comes back to that commitment; the page checked with axe at desk and phone width
(issue 16, point 4)."""

import re

import pytest
from playwright.sync_api import Page, expect

from events.dates.values import months_later
from tests.seeds import SEEDS
from tests.test_browser_reading import axe_violations

pytestmark = pytest.mark.browser


def kept_late() -> tuple[dict, int]:
    """A seeded commitment due "within" months of its agreement and kept after that, and the
    days it came late (after the deadline's day)."""
    for row in SEEDS.commitments:
        kept = [slug for slug, effect in row.get("events", []) if effect == "kept"]
        if row.get("unit") == "months" and kept:
            signed = SEEDS.event(row["agreement"]).start
            due = months_later(signed, row["within"])
            late = (SEEDS.event(kept[0]).start - due).days
            if late > 0:
                return row, late
    raise LookupError("The seed data has no commitment kept late; this test needs one.")


def test_a_reader_finds_a_commitment_kept_late_and_the_event_that_kept_it(
    page: Page, site, console_errors
):
    row, late = kept_late()
    agreement = SEEDS.event(row["agreement"])
    keeper = SEEDS.event(next(slug for slug, effect in row["events"] if effect == "kept"))

    page.goto(f"{site}/events/{agreement.slug}/")
    page.get_by_role("link", name=re.compile(r"commitments?, and whether")).click()
    expect(page).to_have_url(f"{site}/agreements/{agreement.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(agreement.title)

    commitment = page.get_by_role("row").filter(has_text=row["promise"])
    expect(commitment.locator(".standing")).to_have_text(f"Kept, {late} days late")
    # The chart draws its row late: the deadline joined to the event by a late line.
    number = commitment.locator(".commitment-number").inner_text()
    drawn = page.locator(".commitment-drawing-wide g.chart-row").nth(int(number) - 1)
    expect(drawn).to_have_class(re.compile(r"chart-row-late"))
    expect(drawn.locator(".chart-note")).to_have_text(f"{late} days late")
    expect(drawn.locator("line.chart-line")).to_have_count(1)

    commitment.get_by_role("link", name=keeper.title).click()
    expect(page).to_have_url(f"{site}/events/{keeper.slug}/")
    back = page.locator(".event-commitment").filter(has_text=row["promise"])
    expect(back).to_contain_text("Kept a promise:")
    back.get_by_role("link", name=row["promise"]).click()
    expect(page).to_have_url(re.compile(rf"/agreements/{agreement.slug}/#commitment-\d+$"))
    expect(page.locator("tr:target .commitment-promise")).to_contain_text(row["promise"])
    assert console_errors == []


@pytest.mark.parametrize("width", [1280, 360])
def test_the_agreement_page_has_no_accessibility_violations(page: Page, site, width):
    row, _ = kept_late()
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{site}/agreements/{row['agreement']}/")
    # One drawing shows at each width, and the table under it.
    shown = "wide" if width > 640 else "narrow"
    hidden = "narrow" if shown == "wide" else "wide"
    expect(page.locator(f".commitment-drawing-{shown}")).to_be_visible()
    expect(page.locator(f".commitment-drawing-{hidden}")).to_be_hidden()
    assert axe_violations(page) == []
    # No part of the page runs past the screen's width.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
