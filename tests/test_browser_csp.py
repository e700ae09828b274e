"""A strict Content Security Policy everywhere, and nothing on any page breaks it."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from events.models import Event
from tests.seeds import SEEDS

pytestmark = pytest.mark.browser

WATCH = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def watched(page: Page, console_errors):
    page.add_init_script(WATCH)
    return page


def violations(page: Page) -> list[str]:
    return page.evaluate("window.cspViolations || []")


def test_no_public_page_breaks_the_policy(watched, site, console_errors):
    page = watched
    event = SEEDS.events[0]
    event_type = SEEDS.fewest(SEEDS.types, SEEDS.of_type)
    for address in ("/", "/?q=doha", "/?from=2020-13", f"/embed/?type={event_type}",
                    f"/events/{event.slug}/", "/events/no-such-event/"):  # fmt: skip
        page.goto(site + address)
        assert violations(page) == [], address
    # What htmx brings in: a filtered list, a page of it, an event read in place.
    page.goto(site + "/")
    page.get_by_label("Type").select_option(event_type)
    expect(page.locator("[role=feed] article")).to_have_count(len(SEEDS.of_type(event_type)))
    page.locator("a.expand").first.click()
    expect(page.locator(".event-more blockquote").first).to_be_visible()
    assert violations(page) == []
    # The only error is the missing page's own 404, which is the point of it.
    assert [e for e in console_errors if "404" not in e] == []


def test_no_admin_page_an_editor_uses_breaks_the_policy(watched, site, console_errors):
    User.objects.create_superuser("editor", "editor@example.org", "a-long-editor-password")
    page = watched
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-editor-password")
    page.get_by_role("button", name="Log in").click()
    event = Event.objects.get(slug=SEEDS.events[0].slug)
    for address in (
        "/admin/",
        "/admin/events/event/",
        "/admin/events/event/?q=doha&status__exact=published",
        f"/admin/events/event/{event.pk}/change/",
        f"/admin/events/event/{event.pk}/history/",
        "/admin/events/actor/add/?_to_field=id&_popup=1",
        "/admin/events/source/",
        "/admin/events/source/import/",
        "/admin/events/suggestion/",
        "/admin/events/place/",
    ):
        page.goto(site + address)
        assert violations(page) == [], address
    page.goto(site + "/admin/events/event/add/")
    page.get_by_label("When").fill("February last year")
    expect(page.locator("#when-preview")).to_contain_text("February")
    actor = next(iter(SEEDS.actors.values()))["name"]
    page.locator(".field-actors .select2-selection").click()
    page.keyboard.type(actor[:3])
    expect(page.get_by_role("option", name=actor, exact=True)).to_be_visible()
    assert violations(page) == []
    assert console_errors == []
