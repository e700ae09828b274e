"""What editors see of a source's address: its last check, a filter by it, and a warning
where an event cites an address that no longer answers."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from events.dates import display
from events.models import Source

WARNED = {Source.LinkState.DEAD, Source.LinkState.UNREACHABLE}


def last_check(source: Source) -> str:
    """The last check in a few words: "dead: 404 on 1 December 2026"."""
    if not source.url:
        return _("no address")
    state = source.link_state
    if state == Source.LinkState.UNCHECKED:
        return _("not checked yet")
    answer = source.check_error if state == Source.LinkState.UNREACHABLE else source.check_status
    return _("%(state)s: %(answer)s on %(date)s") % {
        "state": state.label,
        "answer": answer,
        "date": display.written(source.checked.date()),
    }


def link_summary(source: Source) -> SafeString:
    """The last check, marked as a warning where the address no longer answers."""
    if source.url and source.link_state in WARNED:
        warning = _("Link %(check)s.") % {"check": last_check(source)}
        return format_html('<strong class="link-warning">{}</strong>', warning)
    return format_html("{}", last_check(source))


def dead_link_warning(source: Source) -> SafeString:
    """The last check, and for a cited address that no longer answers, a warning with what
    the reader is offered instead."""
    if not source.url or source.link_state not in WARNED:
        return link_summary(source)
    change = reverse("admin:events_source_change", args=[source.pk])
    if source.archive_url:
        instead = format_html(
            _('Readers are offered its <a href="{url}" rel="noopener">archived copy</a>.'),
            url=source.archive_url,
        )
    else:
        instead = format_html(
            _(
                'It has no archived copy: <a href="{url}">add one to the source</a>, '
                "or cite another."
            ),
            url=change,
        )
    return format_html("{} {}", link_summary(source), instead)


class LinkFilter(admin.SimpleListFilter):
    title = _("link")
    parameter_name = "link"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return [(state.value, state.label) for state in Source.LinkState]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Source]) -> QuerySet[Source]:
        value = self.value()
        if not value:
            return queryset
        if value not in Source.LinkState.values:
            raise IncorrectLookupParameters(f"“{value}” is not a link state.")
        return queryset.with_link(Source.LinkState(value))
