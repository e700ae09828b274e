"""Importing an article: the source it becomes, and a suggested event for every date in it."""

from dataclasses import dataclass

from django.db import transaction

from events.dates.extraction import extract_mentions
from events.ingest.articles import Article, title_from
from events.ingest.recognise import Recogniser
from events.models import Source, Suggestion
from events.services.sources import source_for_text
from events.text import sentences

# Source titles are at most this long.
TITLE_LENGTH = 300


@dataclass(frozen=True)
class Imported:
    source: Source
    new_source: bool
    new_suggestions: int


def import_article(
    article: Article, *, title: str = "", publisher: str = "", url: str = ""
) -> Imported:
    """Store an article and suggest its dated sentences as events, all or nothing.

    An article already stored (the same text) is not stored again; only suggestions it does
    not have yet are made, so a reviewed suggestion never comes back.
    """
    with transaction.atomic():
        source, new_source = source_for_text(
            text=article.text,
            published=article.published,
            title=(title or title_from(article.text))[:TITLE_LENGTH],
            publisher=publisher,
            url=url,
        )
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
