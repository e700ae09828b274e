from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.decorators.http import require_safe

from events import sitemaps
from events.caching import public
from events.sitemaps import SITEMAPS
from events.views import agreements, data, maps, pages, profiles

app_name = "events"

urlpatterns = [
    path("", pages.timeline, name="timeline"),
    path("embed/", pages.embed, name="embed"),
    path("map/", maps.places_map, name="map"),
    path("events/<slug:slug>/", pages.event_detail, name="detail"),
    # Who and where: an actor's page and a place's page, and the same as JSON.
    path("actors/<slug:slug>/", profiles.actor_page, name="actor"),
    path("places/<slug:slug>/", profiles.place_page, name="place"),
    path("api/actors/<slug:slug>.json", profiles.api_actor, name="api-actor"),
    path("api/places/<slug:slug>.json", profiles.api_place, name="api-place"),
    # What an agreement promised and what became of it; as JSON and CSV.
    path("agreements/<slug:slug>/", agreements.agreement_page, name="agreement"),
    path(
        "agreements/<slug:slug>/commitments.csv",
        agreements.agreement_csv,
        name="agreement-csv",
    ),
    path("api/agreements/<slug:slug>.json", agreements.api_agreement, name="api-agreement"),
    path("api/events.json", data.api_events, name="api-events"),
    path("api/events/<slug:slug>.json", data.api_event, name="api-event"),
    path("api/timelinejs.json", data.api_timelinejs, name="api-timelinejs"),
    path("events.csv", data.events_csv, name="csv"),
    path("events.ics", data.events_ics, name="ics"),
    path("feed/", data.feed, name="feed"),
    # An index of sitemap pages (10,000 addresses each), so any number of events fits.
    path("sitemap.xml", require_safe(public(sitemaps.index)), name="sitemap"),
    path(
        "sitemap-<section>.xml",
        # "p": which page of the section, past 10,000 addresses.
        require_safe(public(sitemap_views.sitemap, reads=["p"])),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", data.robots_txt, name="robots"),
]
