from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.decorators.http import require_safe

from events import views
from events.caching import public
from events.sitemaps import SITEMAPS

app_name = "events"

urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("embed/", views.embed, name="embed"),
    path("events/<slug:slug>/", views.event_detail, name="detail"),
    path("api/events.json", views.api_events, name="api-events"),
    path("api/events/<slug:slug>.json", views.api_event, name="api-event"),
    path("api/timelinejs.json", views.api_timelinejs, name="api-timelinejs"),
    path("events.csv", views.events_csv, name="csv"),
    path("events.ics", views.events_ics, name="ics"),
    path("feed/", views.feed, name="feed"),
    # An index of sitemap pages (10,000 addresses each), so any number of events fits.
    path(
        "sitemap.xml",
        require_safe(public(sitemap_views.index)),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "events:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        require_safe(public(sitemap_views.sitemap)),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
]
