"""Finding events by phase, as a reader does: a band on the time axis, a marker in the list,
or the Phase filter (issue 15)."""

import re

from playwright.sync_api import expect

from events.dates.values import days_covered
from events.models import Event, Phase
from events.selectors import overlapping

DESK = {"width": 1280, "height": 800}


def talks_in(phase_slug: str) -> list[str]:
    """The titles of the seeded events a phase holds, in timeline order."""
    first, last = days_covered(Phase.objects.get(slug=phase_slug).span)
    events = overlapping(Event.objects.published(), first=first, last=last)
    return list(events.chronological().values_list("title", flat=True))


def test_a_band_on_the_axis_opens_its_phase(browser, site):
    context = browser.new_context(viewport=DESK)
    page = context.new_page()
    page.goto(site + "/")
    band = page.locator("#axis .axis-wide a.phase", has_text="US–Taliban talks")
    expect(band).to_have_attribute(
        "aria-label", "Phase: US–Taliban talks, 21 January 2019 – 29 February 2020"
    )
    band.click()
    expect(page).to_have_url(re.compile(r"/\?phase=us-taliban-talks$"))
    # The list holds the phase's events, named above them with its period.
    expect(page.locator(".phase-about")).to_contain_text(
        "US–Taliban talks, 21 January 2019 – 29 February 2020"
    )
    expect(page.locator(".chosen-filters")).to_contain_text("Phase: US–Taliban talks")
    # What the phase was unfolds on demand, leaving the first screen to the events.
    description = page.locator(".phase-about p")
    expect(description).to_be_hidden()
    page.get_by_text("About this phase").click()
    expect(description).to_have_text(Phase.objects.get(slug="us-taliban-talks").description)
    titles = talks_in("us-taliban-talks")
    expect(page.locator("#results article .event-title").first).to_have_text(titles[0])
    # The axis now spans the phase's years.
    expect(page.locator("#axis-caption")).to_have_text(re.compile(r"2019–2020$"))
    context.close()


def test_the_list_marks_where_a_phase_begins_and_the_filter_finds_it(browser, site):
    context = browser.new_context(viewport=DESK, java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/?at=2020-09")
    marker = page.locator(".phase-marker", has_text="Phase: Intra-Afghan negotiations")
    expect(marker).to_be_visible()
    # The marker stands just before the phase's first event.
    following = marker.locator("xpath=following::article[1]")
    expect(following).to_contain_text(talks_in("intra-afghan-negotiations")[0])
    marker.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"phase=intra-afghan-negotiations"))
    expect(page.get_by_label("Phase", exact=True)).to_have_value("intra-afghan-negotiations")
    context.close()
