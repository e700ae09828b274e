"""Articles in, suggested events out.

An article file opens with a dateline, `date YYYY-MM-DD`, perhaps after white space and with
the article running on in the same line; the rest is the article's text. Importing stores
the article as a Source and, for every date it mentions, a Suggestion: the sentence quoted,
the date resolved against the publication date, the actors and places it names. Importing
the same article again creates nothing new, and a bad file writes nothing at all.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from events.dates.extraction import extract_mentions
from events.models import (
    Actor,
    Citation,
    Event,
    EventRedirect,
    Place,
    Source,
    Suggestion,
    text_checksum,
)
from events.text import sentences

MAX_ARTICLE_BYTES = 1_000_000
_DATELINE = re.compile(r"\A\s*date[ \t]+(?P<date>\d{4}-\d{2}-\d{2})\b[ \t]*")


class ArticleError(ValueError):
    """An article that cannot be imported; the message names it and says why."""


@dataclass(frozen=True)
class Article:
    published: date
    text: str


@dataclass(frozen=True)
class Imported:
    source: Source
    new_source: bool
    new_suggestions: int


def dateline(raw: str) -> tuple[date | None, int]:
    """The date in a text's opening dateline, if it has a readable one, and where its text
    begins (0 without a dateline)."""
    match = _DATELINE.match(raw)
    if match is None:
        return None, 0
    try:
        return date.fromisoformat(match["date"]), match.end()
    except ValueError:
        return None, 0


def parse_article(raw: str, *, name: str = "article") -> Article:
    """Split an article into its publication date and its text."""
    match = _DATELINE.match(raw)
    if match is None:
        if not raw.strip():
            raise ArticleError(f"{name}: is empty.")
        raise ArticleError(f"{name}: does not open with a dateline such as “date 2021-01-28”.")
    published, text_start = dateline(raw)
    if published is None:
        raise ArticleError(f"{name}: “{match['date']}” in the dateline is not a date.")
    text = raw[text_start:].strip()
    if not text:
        raise ArticleError(f"{name}: has a dateline but no text.")
    return Article(published=published, text=text)


def read_article(path: Path) -> Article:
    """Read an article file, refusing what is not a dated UTF-8 text of at most 1 MB."""
    try:
        if path.stat().st_size > MAX_ARTICLE_BYTES:
            raise ArticleError(f"{path}: is larger than 1 MB; split it into articles.")
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise ArticleError(f"{path}: is not UTF-8 text.") from None
    except OSError as error:
        raise ArticleError(f"{path}: cannot be read ({error.strerror}).") from None
    if "\x00" in raw:
        raise ArticleError(f"{path}: is not text (it holds NUL bytes).")
    return parse_article(raw, name=str(path))


def title_from(text: str, *, limit: int = 120) -> str:
    """A working title for an article that has none: its first sentence, shortened."""
    first = sentences(text)[0].text if text.strip() else "Untitled article"
    if len(first) <= limit:
        return first.rstrip(".")
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def import_article(
    article: Article, *, title: str = "", publisher: str = "", url: str = ""
) -> Imported:
    """Store an article and suggest its dated sentences as events, all or nothing.

    An article already stored (the same text) is not stored again; only suggestions it does
    not have yet are made, so a reviewed suggestion never comes back.
    """
    with transaction.atomic():
        source = Source.objects.filter(checksum=text_checksum(article.text)).first()
        new_source = source is None
        if source is None:
            source = Source(
                title=(title or title_from(article.text))[:300],
                publisher=publisher,
                url=url,
                published=article.published,
                text=article.text,
            )
            source.full_clean()
            source.save()
        return Imported(source, new_source, len(suggest_events(source)))


def suggest_events(source: Source) -> list[Suggestion]:
    """A suggestion for each date the source mentions that it has no suggestion for yet."""
    known = set(source.suggestions.values_list("position", flat=True))
    mentions = [
        mention
        for mention in extract_mentions(source.text, published=source.published)
        if mention.start not in known
    ]
    if not mentions:
        return []
    recognise = Recogniser.for_database()
    by_sentence = sentences(source.text)
    created = []
    for mention in mentions:
        sentence = next(s for s in by_sentence if s.start <= mention.start < s.end + 1)
        span = mention.span
        suggestion = Suggestion.objects.create(
            source=source,
            sentence=sentence.text,
            mention=mention.text[:200],
            position=mention.start,
            start=span.start,
            precision=span.precision,
            end=span.end,
        )
        actors, places = recognise(sentence.text)
        suggestion.actors.set(actors)
        suggestion.places.set(places)
        created.append(suggestion)
    return created


class Recogniser:
    """Finds the actors and places the timeline knows in a sentence, by name or alias.

    Names are matched whole and with their capitals ("US" the state, not "us").
    """

    def __init__(self, actors: Iterable[Actor], places: Iterable[Place]) -> None:
        self._actors = self._table((name, actor) for actor in actors for name in _names(actor))
        self._places = self._table((place.name, place) for place in places)

    @classmethod
    def for_database(cls) -> "Recogniser":
        return cls(Actor.objects.all(), Place.objects.all())

    def __call__(self, text: str) -> tuple[list[Actor], list[Place]]:
        return self._find(self._actors, text), self._find(self._places, text)

    @staticmethod
    def _table(pairs: Iterable[tuple[str, object]]) -> tuple[re.Pattern[str] | None, dict]:
        lookup = {name: thing for name, thing in pairs if name.strip()}
        if not lookup:
            return None, {}
        names = sorted(lookup, key=len, reverse=True)  # "Taliban political office" first
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
        return pattern, lookup

    @staticmethod
    def _find(table: tuple[re.Pattern[str] | None, dict], text: str) -> list:
        pattern, lookup = table
        if pattern is None:
            return []
        found = []
        for match in pattern.finditer(text):
            thing = lookup[match.group()]
            if thing not in found:
                found.append(thing)
        return found


def _names(actor: Actor) -> list[str]:
    return [actor.name, *actor.alias_list]


def accept_suggestion(suggestion: Suggestion) -> Event:
    """Turn a suggestion into a draft event citing its sentence, for an editor to finish."""
    with transaction.atomic():
        event = Event(
            title=title_from(suggestion.sentence, limit=100),
            slug=unique_slug(suggestion.sentence),
            start=suggestion.start,
            precision=suggestion.precision,
            end=suggestion.end,
            place=suggestion.places.first(),
            status=Event.Status.DRAFT,
        )
        # History keeps up to 100 characters of a reason.
        event._change_reason = f"Accepted from “{suggestion.source.title}”"[:100]
        event.save()
        event.actors.set(suggestion.actors.all())
        Citation.objects.create(event=event, source=suggestion.source, quote=suggestion.sentence)
        suggestion.status, suggestion.event = Suggestion.Status.ACCEPTED, event
        suggestion.save(update_fields=["status", "event"])
    return event


def dismiss_suggestion(suggestion: Suggestion) -> None:
    suggestion.status = Suggestion.Status.DISMISSED
    suggestion.save(update_fields=["status"])


def unique_slug(text: str, *, words: int = 8) -> str:
    """A slug from the first words of `text` that no event, nor an old address, uses yet."""
    base = slugify(" ".join(text.split()[:words]))[:80].strip("-") or "event"
    candidate, number = base, 1
    while (
        Event.objects.filter(slug=candidate).exists()
        or EventRedirect.objects.filter(old_slug=candidate).exists()
    ):
        number += 1
        candidate = f"{base}-{number}"
    return candidate
