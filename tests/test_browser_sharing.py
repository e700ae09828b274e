"""Sharing and re-using the timeline, in a real browser."""

import functools
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from events.models import Event

pytestmark = pytest.mark.browser

TIMELINEJS = Path(__file__).parent.parent / "node_modules" / "@knight-lab" / "timelinejs" / "dist"


@pytest.fixture
def site(live_server, transactional_db, settings):
    call_command("seed", verbosity=0)
    # The site's configured address (absolute links are made from it) is the live server's.
    settings.PEACETRACKER_SITE_URL = live_server.url
    return live_server.url


def test_copy_link_copies_the_permalink_and_says_so(browser, site):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site + "/?place=doha")
    button = page.locator("button.copy-link")
    expect(button).to_be_visible()
    expect(button).to_have_text("Copy link")
    button.focus()
    page.keyboard.press("Enter")  # works by keyboard
    expect(page.locator("#announcer")).to_have_text("Link copied")
    expect(button).to_have_text("Link copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == site + "/events/doha-agreement-signed/"
    context.close()


def test_copy_link_is_hidden_where_it_cannot_work(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/")
    expect(page.get_by_role("button", name="Copy link")).to_have_count(0)
    context.close()


@pytest.fixture
def other_site(tmp_path):
    """Someone else's site: a real server on another origin (127.0.0.1, another port),
    serving a page the test writes, and TimelineJS's files."""
    if not TIMELINEJS.is_dir():
        pytest.fail("TimelineJS is not installed: run `npm ci` (make test does).")
    (tmp_path / "timelinejs").symlink_to(TIMELINEJS, target_is_directory=True)
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def publish(html: str) -> str:
        (tmp_path / "index.html").write_text(html, encoding="utf-8")
        return f"http://127.0.0.1:{server.server_port}/index.html"

    yield publish
    server.shutdown()
    server.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_another_site_embeds_a_filtered_timeline(page, site, other_site):
    page.goto(
        other_site(
            f"<!DOCTYPE html><html><body><h1>Our coverage</h1>"
            f'<iframe title="Timeline" src="{site}/embed/?type=talks" width="600" height="500">'
            f"</iframe></body></html>"
        )
    )
    frame = page.frame_locator("iframe")
    expect(frame.locator("article")).to_have_count(3)
    expect(frame.get_by_role("link", name="View on Peacetracker")).to_be_visible()
    frame.get_by_role("link", name="Taliban political envoys hold talks in Iran").click()
    # The permalink opens in the top window, not inside the frame.
    expect(page).to_have_url(site + "/events/taliban-envoys-hold-talks-in-iran/")


def test_the_timeline_itself_refuses_to_be_framed(page, site, other_site):
    page.goto(
        other_site(f'<!DOCTYPE html><html><body><iframe src="{site}/"></iframe></body></html>')
    )
    frame = page.frame_locator("iframe")
    expect(frame.locator("form[role=search]")).to_have_count(0)


def test_timelinejs_renders_every_event_from_our_json(page, site, other_site):
    page.goto(
        other_site(
            f"""<!DOCTYPE html><html><head>
            <link rel="stylesheet" href="timelinejs/css/timeline.css">
            <script src="timelinejs/js/timeline.js"></script></head>
            <body><div id="timeline-embed" style="width: 100%; height: 600px"></div>
            <script>
              window.timeline = new TL.Timeline("timeline-embed", "{site}/api/timelinejs.json");
            </script></body></html>"""
        )
    )
    titles = list(Event.objects.published().values_list("title", flat=True))
    for title in titles:
        expect(page.locator(".tl-slide .tl-headline", has_text=title).first).to_be_attached()
    expect(page.locator(".tl-timemarker")).to_have_count(len(titles))
    expect(
        page.locator(".tl-slide").filter(has_text=re.compile("February 2020"))
    ).not_to_have_count(0)
