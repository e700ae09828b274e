import os
import shutil

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made from
# that thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture
def seeded(db):
    """The curated seed data, loaded as `make run` loads it."""
    call_command("seed", verbosity=0)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Drive Debian's chromium; Playwright never downloads a browser here.
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.fail("Browser tests need Chromium: sudo apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": chromium,
        "headless": True,
        "args": CHROMIUM_FLAGS,
    }


@pytest.fixture
def console_errors(page):
    """Errors the page logs (CSP violations, script errors); a browser test asserts none."""
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache, as a new server does."""
    from django.core.cache import cache

    from events.caching import forget_version

    cache.clear()
    forget_version()
    yield
    cache.clear()
    forget_version()
