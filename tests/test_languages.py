"""The site in Dari (/fa/) and Pashto (/ps/) beside English: the page's language and
direction, the switcher, hreflang, fonts, and the calendar dates are written in."""

from datetime import date
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from events.dates.values import Precision
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def page(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def leap_day_event():
    return EventFactory(start=date(2020, 2, 29), precision=Precision.DAY, title="Doha agreement")


@pytest.mark.parametrize(
    ("address", "lang", "direction"),
    [("/", "en", "ltr"), ("/fa/", "fa-AF", "rtl"), ("/ps/", "ps-AF", "rtl")],
)
def test_each_language_has_its_address_tag_and_direction(
    client, leap_day_event, address, lang, direction
):
    html = page(client.get(address)).html
    assert (html["lang"], html["dir"]) == (lang, direction)


def test_dari_and_pashto_pages_date_events_in_solar_hijri_with_the_gregorian_beside(
    client, leap_day_event
):
    dari = page(client.get("/fa/")).select_one("article time")
    pashto = page(client.get("/ps/")).select_one("article time")
    english = page(client.get("/")).select_one("article time")
    assert dari.get_text(strip=True) == "۱۰ حوت ۱۳۹۸ (۲۹ فبروری ۲۰۲۰)"
    assert pashto.get_text(strip=True) == "۱۰ کب ۱۳۹۸ (۲۹ فبروري ۲۰۲۰)"
    assert english.get_text(strip=True) == "29 February 2020"
    # Machines read the same Gregorian value in every language.
    assert dari["datetime"] == pashto["datetime"] == english["datetime"] == "2020-02-29"


def test_an_english_reader_may_ask_for_solar_hijri_and_the_cache_keeps_them_apart(
    client, leap_day_event
):
    solar = page(client.get("/?calendar=solar-hijri")).select_one("article time")
    plain = page(client.get("/")).select_one("article time")
    junk = page(client.get("/?calendar=julian")).select_one("article time")
    assert solar.get_text(strip=True) == "10 Hut 1398 (29 February 2020)"
    assert plain.get_text(strip=True) == junk.get_text(strip=True) == "29 February 2020"


def test_solar_hijri_asked_for_is_kept_from_page_to_page(client, leap_day_event):
    timeline = page(client.get("/?calendar=solar-hijri"))
    # The event's own page, reached from the timeline, is in the calendar asked for.
    link = timeline.select_one("article h3 a, article h4 a")["href"]
    assert link == f"{leap_day_event.get_absolute_url()}?calendar=solar-hijri"
    event_page = page(client.get(link))
    assert event_page.select_one("main time").get_text(strip=True) == (
        "10 Hut 1398 (29 February 2020)"
    )
    # A filter sent from the form keeps it too (a GET form's own address loses its query).
    form = timeline.select_one("form.filters")
    assert form.select_one('input[type=hidden][name="calendar"]')["value"] == "solar-hijri"
    # Static files and the admin are not the reader's pages: left as they are.
    assert all("calendar=" not in tag["href"] for tag in timeline.select('link[href^="/static/"]'))


def test_a_reader_switches_calendars_from_any_page(client, leap_day_event):
    english = page(client.get("/"))
    switch = {a.get_text(strip=True): a for a in english.select(".calendars a")}
    assert switch["Gregorian"].get("aria-current") == "true"
    solar = page(client.get(switch["Solar Hijri"]["href"]))
    assert solar.select_one("article time").get_text(strip=True) == (
        "10 Hut 1398 (29 February 2020)"
    )
    switch = {a.get_text(strip=True): a for a in solar.select(".calendars a")}
    assert switch["Solar Hijri"].get("aria-current") == "true"
    # Back to Gregorian: that page's links no longer carry the Solar Hijri calendar.
    gregorian = page(client.get(switch["Gregorian"]["href"]))
    carrying = [a["href"] for a in gregorian.select("a") if "calendar=solar-hijri" in a["href"]]
    assert carrying == [switch["Solar Hijri"]["href"]]
    assert gregorian.select_one("article time").get_text(strip=True) == "29 February 2020"
    # A Dari page is in Solar Hijri without asking, and offers Gregorian alone.
    dari = page(client.get("/fa/"))
    current = dari.select_one(".calendars a[aria-current]")
    assert current.get_text(strip=True) == "هجری شمسی"
    assert "calendar=" not in dari.select_one("article h3 a, article h4 a")["href"]


def test_the_language_comes_from_the_address_alone(client, leap_day_event):
    # A browser asking for Persian still gets the English page at the English address, and
    # shared caches are not told to keep a copy per browser language.
    response = client.get("/", headers={"accept-language": "fa"})
    assert page(response).html["lang"] == "en"
    assert "Accept-Language" not in response.get("Vary", "")
    assert response["Content-Language"] == "en"
    assert client.get("/fa/")["Content-Language"] == "fa"


def test_the_switcher_keeps_the_page_and_its_filters(client, leap_day_event):
    html = page(client.get("/?from=2019&q=Doha"))
    switcher = {link["hreflang"]: link["href"] for link in html.select("header .languages a")}
    assert switcher == {
        "en": "/?from=2019&q=Doha",
        "fa-AF": "/fa/?from=2019&q=Doha",
        "ps-AF": "/ps/?from=2019&q=Doha",
    }
    event_page = page(client.get(f"/fa{leap_day_event.get_absolute_url()}"))
    current = event_page.select_one("header .languages a[aria-current]")
    assert current["hreflang"] == "fa-AF"


def test_every_page_names_its_other_languages_for_search_engines(client, leap_day_event):
    path = leap_day_event.get_absolute_url()
    html = page(client.get(f"/ps{path}"))
    alternates = {
        link["hreflang"]: link["href"] for link in html.select('link[rel="alternate"][hreflang]')
    }
    assert alternates == {
        "en": f"http://testserver{path}",
        "fa-AF": f"http://testserver/fa{path}",
        "ps-AF": f"http://testserver/ps{path}",
        "x-default": f"http://testserver{path}",
    }


def test_the_arabic_font_loads_only_on_dari_and_pashto_pages(client, leap_day_event):
    def stylesheets(address: str) -> list[str]:
        return [
            link["href"] for link in page(client.get(address)).select('link[rel="stylesheet"]')
        ]

    assert any("fonts.css" in href for href in stylesheets("/fa/"))
    assert any("fonts.css" in href for href in stylesheets("/ps/"))
    assert not any("fonts.css" in href for href in stylesheets("/"))


def test_the_sitemap_lists_every_page_in_each_language_naming_the_others(client, leap_day_event):
    namespace = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    sitemap = ElementTree.fromstring(client.get("/sitemap-events.xml").content)
    path = leap_day_event.get_absolute_url()
    entries = {
        url.findtext("s:loc", namespaces=namespace): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespace)
        }
        for url in sitemap.findall("s:url", namespace)
    }
    alternates = {
        "en": f"http://testserver{path}",
        "fa": f"http://testserver/fa{path}",
        "ps": f"http://testserver/ps{path}",
        "x-default": f"http://testserver{path}",
    }
    assert entries == {
        f"http://testserver{path}": alternates,
        f"http://testserver/fa{path}": alternates,
        f"http://testserver/ps{path}": alternates,
    }


def test_each_language_has_its_own_feed_linking_to_its_own_pages(client, leap_day_event):
    import feedparser

    path = leap_day_event.get_absolute_url()
    dari = feedparser.parse(client.get("/fa/feed/").content)
    english = feedparser.parse(client.get("/feed/").content)
    assert [entry.link for entry in dari.entries] == [f"http://testserver/fa{path}"]
    assert [entry.link for entry in english.entries] == [f"http://testserver{path}"]
    assert (dari.feed.language, english.feed.language) == ("fa", "en")


def test_the_admin_speaks_dari_under_fa(client, django_user_model):
    response = client.get("/fa/admin/login/")
    html = page(response).html
    assert (html["lang"], html["dir"]) == ("fa", "rtl")


def test_exports_carry_the_solar_hijri_date_beside_the_gregorian(client, leap_day_event):
    path = leap_day_event.get_absolute_url()
    english = client.get("/api/events.json").json()["events"][0]
    dari = client.get("/fa/api/events.json").json()["events"][0]
    assert (english["value"], english["solar_hijri"]) == ("2020-02-29", "10 Hut 1398")
    assert (dari["value"], dari["solar_hijri"]) == ("2020-02-29", "۱۰ حوت ۱۳۹۸")
    assert dari["url"] == f"http://testserver/fa{path}"
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(client.get("/events.csv").content.decode("utf-8-sig"))))
    assert [(row["date"], row["solar_hijri"]) for row in rows] == [
        ("29 February 2020", "10 Hut 1398")
    ]


def test_the_first_view_of_the_dari_timeline_is_light_fonts_included(client, settings):
    """HTML, stylesheets, scripts and the preloaded font of /fa/ as a browser fetches them
    compressed (gzip here; whitenoise also offers Brotli, smaller still): at most 120 KB."""
    import gzip
    import re

    from django.contrib.staticfiles import finders

    for number in range(30):
        EventFactory(title=f"Meeting {number}", start=date(2020, 1 + number % 12, 1 + number))
    html = client.get("/fa/").content
    assets = re.findall(rb'(?:href|src)="/static/([^"?]+)"', html)
    sizes = {"/fa/": len(gzip.compress(html))}
    for asset in {name.decode() for name in assets}:
        if not asset.endswith((".css", ".js", ".woff2")):
            continue  # the favicon, fetched apart and cached
        content = open(finders.find(asset), "rb").read()  # noqa: SIM115
        sizes[asset] = len(content) if asset.endswith(".woff2") else len(gzip.compress(content))
    assert "fonts/noto-naskh-arabic-400.woff2" in sizes
    assert sum(sizes.values()) <= 120 * 1024, sizes


def test_the_axis_controls_point_the_way_the_page_reads(client, leap_day_event):
    EventFactory(title="Later talks", start=date(2021, 5, 1), precision=Precision.DAY)

    def shortcut(address: str, action: str) -> str:
        html = page(client.get(address, {"zoom": "month", "at": "2020-08"}))
        return html.select_one(f'[data-axis-action="{action}"]')["aria-keyshortcuts"]

    assert (shortcut("/", "earlier"), shortcut("/", "later")) == ("ArrowLeft", "ArrowRight")
    assert (shortcut("/fa/", "earlier"), shortcut("/fa/", "later")) == ("ArrowRight", "ArrowLeft")
