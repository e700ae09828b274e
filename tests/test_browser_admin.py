"""An editor at work in the admin, in a real browser."""

import re
from datetime import date

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from events.models import Actor, Event
from tests.factories import ActorFactory, EventFactory, SourceFactory

pytestmark = pytest.mark.browser

PASSWORD = "a-long-editor-password"


@pytest.fixture
def editor_page(page: Page, live_server, transactional_db, console_errors) -> Page:
    User.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Timeline curation")).to_be_visible()
    return page


def choose_in_autocomplete(page: Page, field: str, typed: str, option: str) -> None:
    """Pick from the admin's autocomplete (Select2) as an editor would: click, type, choose."""
    page.locator(f".field-{field} .select2-selection").first.click()
    # Select2 puts the focus in its search box once it has opened; typed before that (a
    # busy machine), the letters went nowhere and the list showed the first actors only.
    search = page.locator(".select2-container--open .select2-search__field")
    expect(search).to_be_focused()
    search.press_sequentially(typed)
    page.locator(".select2-results__option", has_text=option).first.click()


def test_editor_publishes_a_sourced_event_with_a_fuzzy_date(
    editor_page: Page, live_server, console_errors
):
    SourceFactory(
        title="Taliban delegation holds talks with Russian officials in Moscow",
        published=date(2021, 1, 28),
        text="The new American administration has hinted at a review of the Doha agreement "
        "signed in February last year. The Taliban say they have no concerns.",
    )
    ActorFactory(name="United States", slug="united-states")
    ActorFactory(name="United Nations", slug="united-nations")
    page = editor_page
    page.goto(live_server.url + "/admin/events/event/add/")
    page.get_by_label("Title:", exact=True).press_sequentially(
        "Doha agreement anniversary statement"
    )
    page.get_by_label("When").fill("February last year")
    # No source yet: the preview counts from today.
    expect(page.locator("#when-preview")).to_contain_text("relative to today")

    choose_in_autocomplete(page, "source", "Taliban delegation", "Taliban delegation holds talks")
    expect(page.locator("#when-preview")).to_have_text(
        "February 2020 — month — relative to 28 January 2021, when “Taliban delegation holds "
        "talks with Russian officials in Moscow” was published"
    )
    page.locator("#id_citations-0-quote").fill(
        "hinted at a review of the Doha agreement signed in February last year"
    )
    choose_in_autocomplete(page, "actors", "United", "United States")
    page.get_by_label("Status").select_option("published")
    page.get_by_label("Summary:", exact=True).fill("The Taliban mark the agreement's signing.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    event = Event.objects.get(title="Doha agreement anniversary statement")
    assert (event.when, event.status, event.slug) == (
        "February 2020",
        "published",
        "doha-agreement-anniversary-statement",
    )

    page.goto(live_server.url + "/")
    february = page.locator("section.month", has=page.get_by_role("heading", name="February 2020"))
    expect(
        february.get_by_role("link", name="Doha agreement anniversary statement")
    ).to_be_visible()
    expect(february.locator("article", has_text="anniversary").locator("time")).to_have_attribute(
        "datetime", "2020-02"
    )
    assert console_errors == []


def test_an_unreadable_date_is_explained_as_the_editor_types(editor_page: Page, live_server):
    page = editor_page
    page.goto(live_server.url + "/admin/events/event/add/")
    page.get_by_label("When").fill("02/03/2020")
    expect(page.locator("#when-preview")).to_contain_text(
        "could be 2 March 2020 or 3 February 2020"
    )
    page.get_by_label("When").fill("2 March 2020")
    expect(page.locator("#when-preview")).to_have_text("2 March 2020 — day")


def test_editor_creates_an_actor_without_leaving_the_event(
    editor_page: Page, live_server, console_errors
):
    page = editor_page
    page.goto(live_server.url + "/admin/events/event/add/")
    with page.expect_popup() as opened:
        page.locator("#add_id_actors").click()
    popup = opened.value
    popup.get_by_label("Name:", exact=True).press_sequentially("Zalmay Khalilzad")
    popup.get_by_label("Kind").select_option("person")
    # Listen before clicking: the popup can close before a later wait starts, and a
    # close that already happened is never reported (CI saw exactly that race).
    with popup.expect_event("close"):
        popup.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#id_actors option[selected]", has_text="Zalmay Khalilzad")).to_have_count(
        1
    )
    assert Actor.objects.get(name="Zalmay Khalilzad").slug == "zalmay-khalilzad"
    assert console_errors == []


def test_staff_see_a_draft_at_its_address_and_the_public_does_not(
    editor_page: Page, live_server, browser
):
    EventFactory(slug="doha-agreement-signed")
    Event.objects.filter(slug="doha-agreement-signed").update(status="draft")
    editor_page.goto(live_server.url + "/events/doha-agreement-signed/")
    expect(editor_page.get_by_role("note")).to_contain_text("This is a draft")
    context = browser.new_context()
    public = context.new_page()
    response = public.goto(live_server.url + "/events/doha-agreement-signed/")
    assert response.status == 404
    expect(public.get_by_role("heading", level=1)).to_have_text(
        re.compile("There is nothing at this address")
    )
    context.close()


def test_editor_imports_an_article_and_turns_a_suggestion_into_an_event(
    editor_page: Page, live_server, console_errors, tmp_path
):
    page = editor_page
    article = tmp_path / "moscow.txt"
    article.write_text(
        "date 2021-03-20 Envoys met in Moscow on March 18 with Zamir Kabulov and agreed to "
        "meet again in April.",
        encoding="utf-8",
    )
    page.goto(live_server.url + "/admin/events/source/")
    page.get_by_role("link", name="Import article").click()
    page.get_by_label("File").set_input_files(str(article))
    page.get_by_role("button", name="Import").click()
    expect(page.locator(".messagelist")).to_contain_text("2 new suggestion(s)")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)
    # The planned meeting lies ahead of the article: April 2021, not April 2020.
    expect(rows.filter(has=page.locator("mark", has_text="April"))).to_contain_text("April 2021")

    rows.filter(has=page.locator("mark", has_text="March 18")).locator(
        "input[type=checkbox]"
    ).check()
    page.locator("select[name=action]").select_option("accept")
    page.get_by_role("button", name="Run").click()
    expect(page.locator(".messagelist")).to_contain_text("Made 1 draft event(s)")
    page.locator(".messagelist a").click()

    expect(page.get_by_label("When")).to_have_value("18 March 2021")
    page.get_by_label("Title:", exact=True).fill("Taliban envoys meet Zamir Kabulov in Moscow")
    page.get_by_label("Status").select_option("published")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(live_server.url + "/?q=Kabulov")
    march = page.locator("section.month", has=page.get_by_role("heading", name="March 2021"))
    expect(
        march.get_by_role("link", name="Taliban envoys meet Zamir Kabulov in Moscow")
    ).to_be_visible()
    assert console_errors == []
