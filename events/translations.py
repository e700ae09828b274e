"""What a reader sees of a translated field: the text in the page's language, or the English
where no one has translated it yet, saying so.

Events (title, summary, body), actors, places, event types and phases (name) are written in
English and may be translated into Dari (`…_fa`) and Pashto (`…_ps`), fields beside the
English one. A page in Dari shows `title_fa`, or `title` marked `lang="en"` with a visible
note. `shown` gives the same for a query (`values()`, ordering): the database picks the
translation or the English, so no row is read twice.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import F, TextField, Value
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import pgettext

ENGLISH = "en"
# The languages fields are translated into: a field `title` has `title_fa` and `title_ps`.
TRANSLATED_LANGUAGES = ("fa", "ps")


@dataclass(frozen=True)
class Shown:
    """A field's text as a page in `language` shows it."""

    text: str
    language: str  # the language `text` is in
    # Whether the page's language has no translation of it, so English shows instead.
    untranslated: bool

    def __str__(self) -> str:
        return self.text


def reading_language(language: str | None = None) -> str:
    """The language fields are shown in: `language`, or the page's ("fa-af" is "fa")."""
    code = (language or translation.get_language() or ENGLISH).lower().split("-")[0]
    return code if code in TRANSLATED_LANGUAGES else ENGLISH


def shown(obj: Any, field: str, language: str | None = None) -> Shown:
    """`obj.field` as a page in `language` (the active one when None) shows it."""
    code = reading_language(language)
    english = getattr(obj, field) or ""
    if code == ENGLISH:
        return Shown(english, ENGLISH, untranslated=False)
    translated = getattr(obj, f"{field}_{code}", "") or ""
    if translated:
        return Shown(translated, code, untranslated=False)
    return Shown(english, ENGLISH, untranslated=bool(english))


def shown_in_query(field: str, language: str | None = None) -> Combinable:
    """An expression for `field` as `shown` picks it: the translation, or the English where
    the translation is empty (`field` may follow a relation: "place__name")."""
    code = reading_language(language)
    if code == ENGLISH:
        return F(field)
    # As text: a title (varchar) and a summary (text) alike.
    return Coalesce(NullIf(F(f"{field}_{code}"), Value("")), F(field), output_field=TextField())


def separator() -> str:
    """The comma between the parts of a name or the items of a list, as the page's language
    writes it: "، " in Dari and Pashto."""
    return pgettext("between the parts of a name or a list", ", ")


def place_parts(place: Any, language: str | None = None) -> list[Shown]:
    """A place's name and, where it is not the country itself, its country, each as `shown`
    gives it: "Kabul", "Afghanistan"."""
    parts = [shown(place, "name", language)]
    if place.country and place.country != place.name:
        parts.append(shown(place, "country", language))
    return parts


def place_label(place: Any, language: str | None = None) -> Shown:
    """A place as plain text, "کابل، افغانستان"; untranslated when its name is."""
    parts = place_parts(place, language)
    return Shown(
        separator().join(part.text for part in parts),
        parts[0].language,
        untranslated=parts[0].untranslated,
    )


def choice_label(obj: Any, language: str | None = None) -> Shown:
    """How a list of choices names an actor, a place ("Kabul, Afghanistan"), a type or a
    phase in `language`."""
    if hasattr(obj, "country"):
        return place_label(obj, language)
    return shown(obj, "name", language)


def marked(found: Shown) -> SafeString:
    """`found` as HTML: where it is English for want of a translation, in `<span lang="en"
    dir="ltr">`, so that it is read (and isolated inside right-to-left text) as English."""
    if found.untranslated:
        return format_html('<span lang="en" dir="ltr">{}</span>', found.text)
    # Escaped only (a page writes thousands of names: format_html would parse "{}" for each).
    return conditional_escape(found.text)
