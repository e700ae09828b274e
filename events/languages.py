"""The language and calendar a page is written in (the page's parts for them are
`events.views.languages`').

The language is the address's (/fa/… Dari, /ps/… Pashto, English unprefixed; Django's
LocaleMiddleware reads it). The calendar is `?calendar=solar-hijri` where a reader asks for
it on an English page; Dari and Pashto pages are in the Solar Hijri calendar already.
"""

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from events.dates import display

CALENDAR_PARAMETER = "calendar"
# The language tags pages declare: Dari and Pashto as Afghanistan writes them.
HTML_LANGUAGE = {"en": "en", "fa": "fa-AF", "ps": "ps-AF"}


def asked_calendar(request: HttpRequest) -> str | None:
    """The calendar the address asks for, when it names one Peacetracker writes."""
    asked = request.GET.get(CALENDAR_PARAMETER)
    return asked if asked in display.CALENDARS else None


class AddressLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, for a site whose every language has its own address:
    English pages are English whatever a browser's Accept-Language says, so they do not say
    `Vary: Accept-Language` (which would have shared caches keep a copy per browser
    language, all the same page)."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class CalendarMiddleware:
    """Writes this request's dates in the calendar its address asks for, and keeps it in
    the address: the page's links to its other pages, and its forms, carry it on, so that a
    reader who asked for Solar Hijri dates keeps them from page to page. An unknown value is
    ignored (and dropped from the address by the page cache, so it makes no page of its
    own)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        calendar = asked_calendar(request)
        with display.using_calendar(calendar):
            response = self.get_response(request)
        # Outside using_calendar: the calendar the page's language writes without asking.
        if calendar is not None and calendar != display.calendar_for():
            carry_calendar(response, calendar)
        return response


# The site's own pages linked from a page: addresses on this site ("/…", not "//host/…"),
# but not its static files, the admin (in the editor's own calendar) or a page fragment.
_LINK = re.compile(
    rb'(\s(?:href|data-hx-get|action)=")(/(?!/|static/|admin/|fa/admin/|ps/admin/)[^"#]*)'
)
_GET_FORM = re.compile(rb'<form\b[^>]*\bmethod="get"[^>]*>')


def carry_calendar(response: HttpResponse, calendar: str) -> None:
    """Add `calendar=…` to an HTML page's links to the site's other pages that lack one, and
    to its GET forms a hidden field (a form's own address loses its query when it is sent).
    The page is the same for everyone who asks for the same address, so it may be cached."""
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return
    value = calendar.encode()
    field = b'<input type="hidden" name="calendar" value="' + value + b'">'

    def link(match: re.Match[bytes]) -> bytes:
        address = match[2]
        if b"calendar=" in address:
            return match[0]
        joiner = b"&amp;" if b"?" in address else b"?"
        return match[1] + address + joiner + b"calendar=" + value

    content = _LINK.sub(link, response.content)
    content = _GET_FORM.sub(lambda form: form[0] + field, content)
    response.content = content
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(content))
