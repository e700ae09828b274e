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


def main() -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        for name, width, height in [("desk", 1280, 1500), ("phone", 390, 1600)]:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(f"{SITE}/")
            page.locator("article", has_text="sign the Doha agreement").get_by_role(
                "link", name="Show sources"
            ).click()
            page.locator(".event-more blockquote").first.wait_for()
            page.locator(".overview").scroll_into_view_if_needed()
            page.screenshot(path=OUT / f"timeline-{name}.png", full_page=name == "desk")
        browser.close()


if __name__ == "__main__":
    main()
