"""Search engines: the timeline and its map, every published event's page, with when it last
changed, the page of every actor and place a published event names and of every agreement
with commitments, at the site's configured address (Django would otherwise name the host and
scheme each request came to)."""

from datetime import datetime
from functools import cached_property
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.contrib.sites.requests import RequestSite
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse

from events.agreements import with_commitments
from events.models import Actor, Event, Place
from events.profiles import public_actors, public_places
from events.views.addresses import site_root


class SiteSitemap(Sitemap):
    """A section whose addresses are at the site's address, when one is configured; each
    address in every language, naming the others (hreflang) and English as the default."""

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.PEACETRACKER_SITE_URL).scheme or super().get_protocol(protocol)

    def get_domain(self, site: RequestSite | None = None) -> str:
        return urlsplit(settings.PEACETRACKER_SITE_URL).netloc or super().get_domain(site)


class EventSitemap(SiteSitemap):
    limit = 10_000  # per sitemap page; the index lists as many pages as there are

    def items(self) -> QuerySet[Event]:
        return Event.objects.published().order_by("pk").only("slug", "updated")

    def lastmod(self, event: Event) -> datetime:
        return event.updated


class TimelineSitemap(SiteSitemap):
    """The pages drawn from every published event, the timeline and its map: each changes
    when any event does. (The section keeps its first name, sitemap-timeline.xml, as search
    engines know it.)"""

    changefreq = "daily"

    def items(self) -> list[str]:
        return ["events:timeline", "events:map"]

    def location(self, name: str) -> str:
        return reverse(name)

    @cached_property
    def _latest_change(self) -> datetime | None:
        # Asked once per item and once for the index: one query (a sitemap lives one request).
        latest = Event.objects.published().order_by("-updated").only("updated").first()
        return latest.updated if latest else None

    def lastmod(self, name: str) -> datetime | None:
        return self._latest_change


class ActorSitemap(SiteSitemap):
    limit = 10_000

    def items(self) -> QuerySet[Actor]:
        return public_actors().order_by("pk").only("slug")


class PlaceSitemap(SiteSitemap):
    limit = 10_000

    def items(self) -> QuerySet[Place]:
        return public_places().order_by("pk").only("slug")


class AgreementSitemap(SiteSitemap):
    """The pages of agreements with commitments recorded."""

    limit = 10_000

    def items(self) -> QuerySet[Event]:
        return with_commitments().order_by("pk").only("slug")

    def location(self, agreement: Event) -> str:
        return agreement.get_absolute_agreement_url()


SITEMAPS = {
    "timeline": TimelineSitemap,
    "events": EventSitemap,
    "actors": ActorSitemap,
    "places": PlaceSitemap,
    "agreements": AgreementSitemap,
}


@x_robots_tag
def index(request: HttpRequest) -> TemplateResponse:
    """The sitemap index: every page of every section (Django's index, at the site's
    address rather than the request's)."""
    root = site_root(request)
    entries = []
    for section, kind in SITEMAPS.items():
        sitemap = kind()
        address = root + reverse("events:sitemap-section", kwargs={"section": section})
        lastmod = sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(address, lastmod))
        pages = range(2, sitemap.paginator.num_pages + 1)
        entries += [SitemapIndexItem(f"{address}?p={page}", lastmod) for page in pages]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )
