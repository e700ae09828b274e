"""An editor marks an event postponed and links the event it was rescheduled as; a reader then
sees "Postponed" on the timeline and the link on both events' pages (issue 16, point 3)."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from events.models import Event, EventLink
from tests.factories import EventFactory
from tests.test_browser_admin import choose_in_autocomplete, editor_page  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser


def test_an_editor_marks_an_event_postponed_and_links_its_successor(
    editor_page: Page,  # noqa: F811 (the fixture imported above)
    live_server,
    browser,
    console_errors,
):
    first = EventFactory(
        slug="istanbul-conference", title="Istanbul peace conference", start=date(2021, 4, 24)
    )
    EventFactory(
        slug="istanbul-conference-resumes",
        title="Istanbul peace conference resumes",
        start=date(2021, 6, 10),
    )
    page = editor_page
    page.goto(f"{live_server.url}/admin/events/event/{first.pk}/change/")
    page.get_by_label("Occurrence").select_option("postponed")
    page.get_by_role("button", name="Add another link to another event").click()
    page.locator("#id_links_out-0-kind").select_option("rescheduled_as")
    choose_in_autocomplete(page, "to_event", "resumes", "Istanbul peace conference resumes")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert Event.objects.get(pk=first.pk).occurrence == "postponed"
    assert EventLink.objects.get().to_event.slug == "istanbul-conference-resumes"

    # A reader, not signed in.
    context = browser.new_context()
    reader = context.new_page()
    reader.goto(live_server.url + "/")
    postponed = reader.locator(
        "article", has=reader.get_by_role("link", name=first.title, exact=True)
    )
    expect(postponed.locator(".event-meta")).to_contain_text("Postponed")
    held = reader.locator(
        "article",
        has=reader.get_by_role("link", name="Istanbul peace conference resumes", exact=True),
    )
    expect(held.locator(".event-meta")).not_to_contain_text("Postponed")
    # On the time axis too: its mark is named with the status.
    expect(
        reader.locator(".axis-wide").get_by_role(
            "link", name="Istanbul peace conference, 24 April 2021 (Postponed)"
        )
    ).to_be_visible()

    postponed.get_by_role("heading").get_by_role("link").click()
    links = reader.locator(".event-links")
    expect(links).to_contain_text(
        "Postponed; rescheduled as Istanbul peace conference resumes, 10 June 2021"
    )
    links.get_by_role("link", name="Istanbul peace conference resumes").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(
        "Istanbul peace conference resumes"
    )
    expect(reader.locator(".event-links")).to_contain_text(
        "Rescheduled from Istanbul peace conference, 24 April 2021 (postponed)"
    )
    context.close()
    assert console_errors == []
