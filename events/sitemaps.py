"""Search engines: every published event's page, with when it last changed."""

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from events.models import Event


class EventSitemap(Sitemap):
    limit = 10_000  # per sitemap page; Django adds an index beyond it

    def items(self) -> QuerySet[Event]:
        return Event.objects.published().order_by("pk").only("slug", "updated")

    def lastmod(self, event: Event) -> datetime:
        return event.updated


class TimelineSitemap(Sitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return ["events:timeline"]

    def location(self, name: str) -> str:
        return reverse(name)

    def lastmod(self, name: str) -> datetime | None:
        latest = Event.objects.published().order_by("-updated").only("updated").first()
        return latest.updated if latest else None


SITEMAPS = {"timeline": TimelineSitemap, "events": EventSitemap}
