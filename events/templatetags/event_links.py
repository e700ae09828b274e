"""A link between events in words, for templates: `{{ link|link_sentence }}` gives
"Postponed; rescheduled as <a>…</a>, <time>…</time>"."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from events.timeline.links import LinkShown

register = template.Library()


@register.filter
def link_sentence(link: LinkShown) -> SafeString:
    other = link.other
    named = format_html(
        '<a href="{}">{}</a>, <time datetime="{}">{}</time>',
        other.get_absolute_url(),
        other.title,
        other.when_value,
        other.when,
    )
    # The wording is the translators' (trusted); only the event's own text is escaped.
    return format_html(link.wording, event=named)
