"""How well an event's sources back it, for templates: `{% with c=event|corroboration %}`."""

from django import template

from events.models import Event
from events.selectors import Corroboration, corroboration

register = template.Library()


@register.filter(name="corroboration")
def corroboration_filter(event: Event) -> Corroboration:
    return corroboration(event)
