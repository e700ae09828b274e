"""Test settings: the real settings, plus what only tests need."""

import os

# Tests run with DEBUG off, like production, so they need a key; it guards nothing here.
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")
# And the site's address: the test client's host, so absolute links name the page asked for.
os.environ.setdefault("PEACETRACKER_SITE_URL", "http://testserver")

from peacetracker.settings import *  # noqa: F403

# collectstatic is not run for tests; serve static files from the source folders.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Whitenoise serves straight from the source folders too (as it does under DEBUG).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# A test database of this run's own, so that two runs against one PostgreSQL server (CI and
# a developer, say) never meet in "test_<name>".
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("TEST", {})["NAME"] = f"test_peacetracker_{os.getpid()}"  # noqa: F405

# An import's time budget is a guard for the server; on a test machine busy with other work
# the first import (dateparser loading its data) ran past 5 s and failed tests about dates.
# The tests of the budget itself set their own (0 s).
PEACETRACKER_IMPORT_SECONDS = 60
