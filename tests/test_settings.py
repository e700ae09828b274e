import os
import subprocess
import sys

import pytest
from django.conf import settings


def python(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run Python in the project with only the given settings in the environment."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PEACETRACKER_")) and key != "DATABASE_URL"
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def import_settings(**env: str) -> subprocess.CompletedProcess:
    return python("-c", "import peacetracker.settings", **env)


def test_production_refuses_to_start_without_a_secret_key():
    result = import_settings(DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_starts_with_a_secret_key_and_development_without_one():
    site = "https://peacetracker.example"
    started = import_settings(
        DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50, PEACETRACKER_SITE_URL=site
    )
    assert started.returncode == 0, started.stderr
    assert import_settings(DJANGO_DEBUG="1").returncode == 0


def test_production_refuses_to_start_without_a_site_address():
    # Absolute links (canonical, preview cards, feeds, sitemap, API) never come from a
    # request's Host or X-Forwarded-Proto, which anyone can forge.
    result = import_settings(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "PEACETRACKER_SITE_URL is not set" in result.stderr


@pytest.mark.parametrize(
    ("debug", "address"),
    [
        ("0", "peacetracker.example"),
        ("0", "ftp://peacetracker.example"),
        ("0", "https://"),
        ("0", "https://peacetracker.example/timeline/"),
        ("0", "https://peacetracker.example/?from=2020"),
        ("1", "//peacetracker.example"),
    ],
)
def test_a_site_address_that_is_not_a_http_origin_is_refused(debug, address):
    result = import_settings(
        DJANGO_DEBUG=debug, DJANGO_SECRET_KEY="x" * 50, PEACETRACKER_SITE_URL=address
    )
    assert result.returncode != 0
    assert f"PEACETRACKER_SITE_URL “{address}” is not" in result.stderr


def test_the_site_address_is_kept_without_a_final_slash():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; print(s.PEACETRACKER_SITE_URL)",
        **{**PRODUCTION, "PEACETRACKER_SITE_URL": "https://peacetracker.example:8443/"},
    )
    assert result.stdout.strip() == "https://peacetracker.example:8443"


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    return python("manage.py", *args, **env)


PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k7#Qz!v2Lr9@pX4mT8wB1nY6cF3hJ0sD5gA-eU_oW+iR&tE^yK",
    "DJANGO_ALLOWED_HOSTS": "peacetracker.example",
    "DJANGO_HTTPS": "1",
    "PEACETRACKER_SITE_URL": "https://peacetracker.example",
}


def test_check_deploy_reports_nothing_in_production():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_complains_without_https_settings():
    plain = {**PRODUCTION, "DJANGO_HTTPS": "0"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", **plain)
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS" in result.stderr + result.stdout


def test_production_cookies_are_secure_http_only_and_same_site():
    code = (
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_HTTPONLY, "
        "s.SESSION_COOKIE_SAMESITE, s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT)"
    )
    result = manage("shell", "--no-imports", "-c", code, **PRODUCTION)
    assert result.stdout.split() == ["True", "True", "True", "True", "Lax", "31536000", "True"]
    behind = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; print(s.SECURE_PROXY_SSL_HEADER, s.BEHIND_PROXY)",
        **PRODUCTION,
        DJANGO_BEHIND_PROXY="1",
    )
    # BEHIND_PROXY also has login throttling read the client's address from X-Forwarded-For.
    assert behind.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https') True"
    direct = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; print(s.BEHIND_PROXY)",
        **PRODUCTION,
    )
    assert direct.stdout.strip() == "False"
