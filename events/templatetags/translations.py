"""Translated fields in templates, `{% load translations %}`:

- `{{ event|shown:"title" }}`: the page's language's text; where it has none, the English
  in `<span lang="en" dir="ltr">`, isolated inside right-to-left text;
- `{{ event|shown_text:"title" }}`: the same as plain text, for attributes;
- `{% if event|untranslated:"title" %}`: whether the page shows English for want of a
  translation (then a page says so, visibly);
- `{{ place|place_named }}`: "Kabul, Afghanistan", each part as `shown` gives it, joined by
  the language's comma ("کابل، افغانستان");
- `{{ count|digits }}`: a number in the page's digits ("۴۸" in Dari and Pashto);
- `{% comma %}`: the language's comma, "، " in Dari and Pashto;
- `{{ commitment.promise|in_english }}`: text kept in English only, marked so elsewhere.
"""

from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from events.dates.display import count_of, numerals
from events.script import language_of
from events.translations import ENGLISH, Shown, marked, place_parts, reading_language, separator
from events.translations import shown as shown_field

register = template.Library()


@register.filter
def shown(obj: Any, field: str) -> SafeString | str:
    if obj is None:
        return ""
    return marked(shown_field(obj, field))


@register.filter
def place_named(place: Any) -> SafeString | str:
    if place is None:
        return ""
    # The parts are escaped (or marked) already: joined without another pass of format_html.
    return mark_safe(
        conditional_escape(separator()).join(marked(part) for part in place_parts(place))
    )


@register.filter
def in_english(text: str) -> SafeString | str:
    """Text that is only ever written in English (a commitment's wording, so far): marked as
    English on a Dari or Pashto page."""
    if not text:
        return ""
    return marked(Shown(str(text), ENGLISH, untranslated=reading_language() != ENGLISH))


@register.filter
def script_language(text: str) -> str:
    """The language a name's script says it is in: an alias in Latin letters is read as
    English, one in Arabic script as Dari or Pashto."""
    return language_of(str(text))


@register.simple_tag
def comma() -> str:
    """The comma between parts of a sentence or a list: "، " on Dari and Pashto pages."""
    return separator()


@register.filter
def digits(value: Any) -> str:
    return "" if value is None else numerals(value)


@register.filter
def count(value: Any) -> str:
    """A count of events or places, grouped in thousands: "2,000", "۲٬۰۰۰"."""
    return "" if value is None else count_of(value)


@register.filter
def shown_text(obj: Any, field: str) -> str:
    return "" if obj is None else shown_field(obj, field).text


@register.filter
def untranslated(obj: Any, field: str) -> bool:
    return obj is not None and shown_field(obj, field).untranslated


@register.filter
def quote_translation(citation: Any) -> Any:
    """An editor's translation of a cited passage into the page's language, if there is
    one and the source is not written in that language already; else None."""
    code = reading_language()
    text = getattr(citation, f"translation_{code}", "") or ""
    source_language = (getattr(citation.source, "language", "") or "").split("-")[0].lower()
    if not text or source_language == code:
        return None
    return Shown(text, code, untranslated=False)
