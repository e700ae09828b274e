from django.contrib.sitemaps.views import sitemap
from django.urls import path

from events import views
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
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
