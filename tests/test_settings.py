import os
import subprocess
import sys

from django.conf import settings


def import_settings(**env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import peacetracker.settings"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = import_settings(DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_starts_with_a_secret_key_and_development_without_one():
    assert import_settings(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50).returncode == 0
    assert import_settings(DJANGO_DEBUG="1").returncode == 0
