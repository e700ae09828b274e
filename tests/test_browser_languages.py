"""Reading Peacetracker in Dari and Pashto in a real browser: right to left, accessible, the
language switcher keeping the view, the time axis reading from the right, and an editor's
When field resolving a Solar Hijri date with a Dari preview."""

from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from events.dates.values import Precision
from tests.factories import EventFactory

pytestmark = pytest.mark.browser


def axe_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']}: {v['help']}" for v in results.response["violations"]]


@pytest.fixture
def process(live_server, transactional_db) -> str:
    for title, start in [
        ("Doha agreement signed", date(2020, 2, 29)),
        ("Intra-Afghan negotiations open", date(2020, 9, 12)),
        ("Istanbul conference postponed", date(2021, 4, 16)),
    ]:
        EventFactory(title=title, start=start, precision=Precision.DAY, is_key=True)
    return live_server.url


@pytest.mark.parametrize(("prefix", "lang"), [("/fa", "fa-AF"), ("/ps", "ps-AF")])
def test_dari_and_pashto_pages_read_right_to_left_with_nothing_for_axe(
    page, process, console_errors, prefix, lang
):
    page.goto(process + prefix + "/")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", lang)
    expect(html).to_have_attribute("dir", "rtl")
    # The page's text runs from the right: the header's start is its right edge.
    direction = page.evaluate("getComputedStyle(document.body).direction")
    assert direction == "rtl"
    assert axe_violations(page) == []
    page.goto(process + prefix + "/map/")
    assert axe_violations(page) == []
    assert console_errors == []


def test_the_switcher_keeps_the_filters_and_the_page(page, process, console_errors):
    page.goto(process + "/?from=2020&q=Doha")
    page.locator("header .languages").get_by_role("link", name="دری").click()
    expect(page).to_have_url(process + "/fa/?from=2020&q=Doha")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("searchbox").first).to_have_value("Doha")
    page.locator("header .languages").get_by_role("link", name="English").click()
    expect(page).to_have_url(process + "/?from=2020&q=Doha")
    assert console_errors == []


def test_the_axis_reads_from_the_right_in_dari(page, process, console_errors):
    page.set_viewport_size({"width": 1280, "height": 900})

    def centres(address: str) -> dict[str, float]:
        page.goto(process + address)
        marks = page.locator("#axis .axis-wide a.mark")
        expect(marks.first).to_be_visible()
        found = {}
        for index in range(marks.count()):
            mark = marks.nth(index)
            box = mark.locator(".shape").bounding_box()
            found[mark.get_attribute("aria-label").split(",")[0]] = box["x"] + box["width"] / 2
        return found

    english, dari = centres("/"), centres("/fa/")
    first, last = "Doha agreement signed", "Istanbul conference postponed"
    assert english[first] < english[last]
    assert dari[first] > dari[last]
    # A label stays readable, not mirrored: its text runs as written.
    label = page.locator("#axis .axis-wide text.mark-label").first
    matrix = label.evaluate("element => getComputedStyle(element).transform")
    assert matrix.startswith("matrix(-1")  # mirrored back about itself inside the mirrored axis
    assert console_errors == []


def test_an_editor_types_a_solar_hijri_date_and_the_preview_answers_in_dari(
    page, live_server, transactional_db, console_errors
):
    from django.contrib.auth.models import User

    User.objects.create_superuser("editor", "editor@example.org", "a-long-editor-password")
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-editor-password")
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + "/fa/admin/events/event/add/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.locator("#id_when").fill("۱۰ حوت ۱۳۹۸")
    expect(page.locator("#when-preview")).to_have_text("۱۰ حوت ۱۳۹۸ (۲۹ فبروری ۲۰۲۰) — روز")
    page.locator("#id_when").fill("پرون")
    expect(page.locator("#when-preview")).to_contain_text("نسبت به امروز")
    assert console_errors == []
