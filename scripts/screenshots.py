"""Screenshots of the seeded timeline at desk and phone width, for the README.

Run with the development server up (`make run`):  .venv/bin/python scripts/screenshots.py
"""

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

SITE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parent.parent / "docs"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# An event whose sources disagree on its date: its page shows each source's date.
DISAGREEING = "second-intra-afghan-talks-in-moscow"


def main() -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        # The first screen a reader sees: the filter bar, then the events.
        for name, width, height in [("desk", 1280, 800), ("phone", 390, 844)]:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(f"{SITE}/")
            page.locator("article").first.wait_for()
            page.screenshot(path=OUT / f"timeline-{name}.png")
        # The time axis zoomed to a year, and on a phone to a month: events at their dates,
        # the phases of the process as bands above them.
        for name, width, height, address in [
            ("desk", 1280, 800, "/?zoom=year&at=2020"),
            ("phone", 390, 844, "/?zoom=month&at=2020-02"),
        ]:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(f"{SITE}{address}")
            page.locator("#axis").screenshot(path=OUT / f"axis-{name}.png")
        # The timeline in Dari: right to left, Solar Hijri dates with the Gregorian beside.
        for name, width, height in [("desk", 1280, 800), ("phone", 390, 844)]:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(f"{SITE}/fa/?from=2020")
            page.locator("article").first.wait_for()
            page.evaluate("document.fonts.ready")
            page.screenshot(path=OUT / "screenshots" / f"dari-timeline-{name}.png")
        # An event's page: its sources side by side, with the date each gives.
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{SITE}/events/{DISAGREEING}/")
        page.screenshot(path=OUT / "event-desk.png", full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
