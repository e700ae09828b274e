"""Peacetracker settings: one file, with what differs between a laptop and production read
from the environment (see the README's table of configuration variables)."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.conf import global_settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, *, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, *, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or default


def site_address(value: str) -> str:
    """The site's public address as scheme and host ("https://peacetracker.example"), without
    a final slash; ImproperlyConfigured when it is anything else."""
    address = value.strip().rstrip("/")
    parts = urlsplit(address)
    try:
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
        origin = (
            parts.scheme in {"http", "https"}
            and bool(parts.hostname)
            and parts.username is None
            and not (parts.path or parts.query or parts.fragment)
        )
    except ValueError:
        origin = False
    if not origin:
        raise ImproperlyConfigured(
            f"PEACETRACKER_SITE_URL “{value}” is not the site's address: give its scheme and "
            "host only, such as https://peacetracker.example."
        )
    return address


# Off unless asked for, so a forgotten variable never runs production in debug mode.
DEBUG = env_flag("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Production (DJANGO_DEBUG off) refuses to start "
            "without a real secret key; for local development set DJANGO_DEBUG=1."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS",
    default=["127.0.0.1", "localhost", "[::1]"],
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",
    "django_htmx",
    "simple_history",
    # Login throttling (see AXES_ below).
    "peacetracker.apps.LoginThrottlingConfig",  # django-axes
    "events",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages and exports are sent compressed (Django pads them against BREACH); static files
    # come compressed from whitenoise already.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the address (/fa/, /ps/), before anything builds a page or a key.
    "events.languages.AddressLanguageMiddleware",
    # The calendar dates are written in: ?calendar=solar-hijri, else the language's own.
    "events.languages.CalendarMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Records which editor made each change in an event's history.
    "simple_history.middleware.HistoryRequestMiddleware",
    # A database out of reach: 503 with Retry-After, not a server error.
    "events.middleware.DatabaseUnavailableMiddleware",
    # Turns a login refused for too many failures into the 429 page; last, as axes asks.
    "axes.middleware.AxesMiddleware",
]

# Axes first: it refuses a locked-out name and address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "peacetracker.urls"
WSGI_APPLICATION = "peacetracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # <html lang dir>, the language switcher and hreflang alternates.
                "events.views.languages.page_languages",
            ],
        },
    },
]

# Local memory by default; REDIS_URL shares one cache between several app servers. What is
# cached is filed under the data version, so no server ever serves what another changed.
# Django's Redis backend, but a Redis that is down, hung or full is a slower site, never an
# error page (peacetracker/cache.py).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "peacetracker.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "peacetracker",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            # Bounded, so a worker's memory stays flat however many addresses are read.
            "OPTIONS": {"MAX_ENTRIES": 500},
        }
    }
PEACETRACKER_CACHE_SECONDS = int(os.environ.get("PEACETRACKER_CACHE_SECONDS", "600"))
# Pages a worker builds at once when they are not in the cache (the rest wait their turn,
# and threads answering from the cache are not held up): events/caching.py says why. One:
# building is Python work under the process's one interpreter lock, so two builds at once
# each take twice as long and slow every answer from the cache besides (make soak, a change
# every 20 s: 269 requests a second with two, 452 with one).
PEACETRACKER_CONCURRENT_BUILDS = int(os.environ.get("PEACETRACKER_CONCURRENT_BUILDS", "1"))
# For how long at most a page's last version may be served while another server or worker
# builds the new one after a data change (events.caching): one build for the whole cluster.
PEACETRACKER_STALE_SECONDS = int(os.environ.get("PEACETRACKER_STALE_SECONDS", "30"))

# Widgets render with the project's templates too (the admin's "When" field has its own).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# SQLite in the project folder unless DATABASE_URL names another database (PostgreSQL).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while an editor writes; IMMEDIATE avoids the
    # "database is locked" upgrade deadlock between concurrent writers.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English unprefixed, Dari under /fa/ and Pashto under /ps/ (peacetracker/urls.py). The
# language comes from the address alone, never from a cookie or Accept-Language: one address
# is one page, for readers, search engines and the cache.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fa", "دری"), ("ps", "پښتو")]
# Django knows Persian ("fa", which Dari writes as Afghanistan does) but not Pashto: its name
# and direction, and that it reads right to left too.
LANG_INFO["ps"] = {"bidi": True, "code": "ps", "name": "Pashto", "name_local": "پښتو"}
LANG_INFO["fa"] = {**LANG_INFO["fa"], "name": "Dari", "name_local": "دری"}
LANGUAGES_BIDI = [*global_settings.LANGUAGES_BIDI, "ps"]
LOCALE_PATHS = [
    BASE_DIR / "locale",
    # Django ships no Pashto catalogue; ours for its admin, apart so makemessages never prunes it.
    BASE_DIR / "locale-django",
]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files that browsers may cache for a year (needs collectstatic).
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}

# Strict Content Security Policy on every response: scripts and styles only from our own
# static files, so an injected <script> or style= attribute never runs.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Cookies: never readable by scripts, and sent on same-site requests (and top-level links).
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"

# Served over HTTPS (production): redirect plain HTTP, send cookies only over HTTPS, and tell
# browsers to use HTTPS from now on (HSTS), for DJANGO_HSTS_SECONDS.
HTTPS = env_flag("DJANGO_HTTPS")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000" if HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env_flag("DJANGO_HSTS_PRELOAD", default=HTTPS)
# Behind a proxy or load balancer that ends TLS and says so in X-Forwarded-Proto, and appends
# the client's address to X-Forwarded-For (read for login throttling, events/access.py).
BEHIND_PROXY = env_flag("DJANGO_BEHIND_PROXY")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# Login throttling (django-axes): five failures for one user name from one address lock that
# pair for 15 minutes, so nobody can lock every editor out, nor one editor out from everywhere.
# Counted in the database, never in the cache, which a flood of requests can empty.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
AXES_CLIENT_IP_CALLABLE = "events.access.client_address"
AXES_LOCKOUT_CALLABLE = "events.access.locked_out"  # 429 with Retry-After and our page
# Lockouts are what the admin lists; a row per successful login, kept forever, is not needed.
AXES_DISABLE_ACCESS_LOG = True

# How long reading one imported article for dates may take, in seconds: an article that takes
# longer is refused by name (a normal 1 MB article takes about one), before anything is written.
PEACETRACKER_IMPORT_SECONDS = float(os.environ.get("PEACETRACKER_IMPORT_SECONDS", "5"))

# Events per timeline page.
PEACETRACKER_PAGE_SIZE = int(os.environ.get("PEACETRACKER_PAGE_SIZE", "50"))

# A search counts its matches (for the result count, the overview and the axis) up to this
# many; beyond, the page says "more than" this. Counting reads each match's event, so a
# common word (a quarter of the events) would cost a read of a quarter of the timeline; a
# few thousand lookups cost a few milliseconds whatever the number of events.
PEACETRACKER_SEARCH_COUNT_LIMIT = int(os.environ.get("PEACETRACKER_SEARCH_COUNT_LIMIT", "2000"))

# Sources that outlive their links. `manage.py archive_sources` asks this web archive to keep a
# copy of each source's page (the Wayback Machine's "save" address, or one that answers like
# it), no more often than once every PEACETRACKER_ARCHIVE_INTERVAL seconds, trying a page at
# most PEACETRACKER_ARCHIVE_ATTEMPTS times when the archive is busy or failing. Saving a page
# takes the archive a while: PEACETRACKER_ARCHIVE_TIMEOUT seconds per request.
PEACETRACKER_ARCHIVE_URL = os.environ.get("PEACETRACKER_ARCHIVE_URL", "https://web.archive.org")
PEACETRACKER_ARCHIVE_INTERVAL = float(os.environ.get("PEACETRACKER_ARCHIVE_INTERVAL", "10"))
PEACETRACKER_ARCHIVE_ATTEMPTS = int(os.environ.get("PEACETRACKER_ARCHIVE_ATTEMPTS", "4"))
PEACETRACKER_ARCHIVE_TIMEOUT = float(os.environ.get("PEACETRACKER_ARCHIVE_TIMEOUT", "120"))
# `manage.py check_sources`: seconds to wait for each source's address to answer.
PEACETRACKER_LINK_TIMEOUT = float(os.environ.get("PEACETRACKER_LINK_TIMEOUT", "15"))

# The site's public address, for links that leave the site: canonical links, preview cards,
# feeds, the sitemap, exports. Production needs it: links made from a request's Host or
# X-Forwarded-Proto, which anyone can forge, would point wherever a forger says. Under DEBUG
# it may be left out, and links then name the address the page was asked at.
PEACETRACKER_SITE_URL = os.environ.get("PEACETRACKER_SITE_URL", "").strip()
if PEACETRACKER_SITE_URL:
    PEACETRACKER_SITE_URL = site_address(PEACETRACKER_SITE_URL)
elif not DEBUG:
    raise ImproperlyConfigured(
        "PEACETRACKER_SITE_URL is not set. Production (DJANGO_DEBUG off) refuses to start "
        "without the site's public address, such as https://peacetracker.example; for local "
        "development set DJANGO_DEBUG=1."
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Request logs from runserver are useful; repeated 404s for favicons are not errors.
        "django.request": {"level": "ERROR"},
        # Failed logins and lockouts are warnings; axes's notes on each step are not needed.
        "axes": {"level": "WARNING"},
    },
}
