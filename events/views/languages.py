"""What base.html needs to say a page's language: `<html lang dir>`, the language switcher
(the same page, address and query, in each language), hreflang alternates, and the calendar
switcher (the same page with its dates in each calendar)."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from events.dates import display
from events.languages import CALENDAR_PARAMETER, HTML_LANGUAGE, asked_calendar
from events.views.addresses import site_root


@dataclass(frozen=True)
class PageCalendar:
    name: str  # "solar-hijri", as the address gives it
    label: str  # "Solar Hijri", in the page's language
    url: str  # this page with its dates in that calendar
    current: bool


def _calendars(request: HttpRequest, language: str) -> list[PageCalendar]:
    """The same page with its dates in each calendar Peacetracker writes. Each link names
    its calendar (the page's links carry the one asked for, see CalendarMiddleware)."""
    shown = asked_calendar(request) or display.calendar_for(language)
    labels = {display.GREGORIAN: _("Gregorian"), display.SOLAR_HIJRI: _("Solar Hijri")}
    calendars = []
    for name in display.CALENDARS:
        query = request.GET.copy()
        query[CALENDAR_PARAMETER] = name
        calendars.append(
            PageCalendar(
                name=name,
                label=str(labels[name]),
                url=f"{request.path}?{query.urlencode()}",
                current=name == shown,
            )
        )
    return calendars


@dataclass(frozen=True)
class PageLanguage:
    code: str  # "fa"
    tag: str  # "fa-AF", for lang and hreflang
    name: str  # in its own words: "دری"
    url: str  # this page in that language
    absolute: str  # the same, with the site's address, for hreflang
    current: bool


def page_languages(request: HttpRequest) -> dict[str, Any]:
    """For base.html: the page's language tag and direction, and the same page (address and
    query) in each language, for the switcher and for hreflang."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    root = site_root(request)
    languages = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(path, code)
        languages.append(
            PageLanguage(
                code=code,
                tag=HTML_LANGUAGE.get(code, code),
                name=translation.get_language_info(code)["name_local"],
                url=url,
                absolute=root + url,
                current=code == current,
            )
        )
    return {
        "default_language_url": root + translate_url(path, settings.LANGUAGE_CODE),
        "html_lang": HTML_LANGUAGE.get(current, current),
        "html_dir": "rtl" if translation.get_language_bidi() else "ltr",
        "page_languages": languages,
        "page_calendars": _calendars(request, current),
        "arabic_script": current in ("fa", "ps"),
    }
