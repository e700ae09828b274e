"""Importing an article: the source it becomes, and a suggested event for every date in it.

An import reads first and writes after. Reading (the dates, their sentences, the names in
them) takes time in proportion to the article and is held to a time budget; it runs with no
transaction open, so editors are never kept waiting behind it. The transaction that follows
only writes, in bulk.
"""

import time
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext

from events.dates.display import numerals
from events.dates.extraction import (
    AFGHAN_LANGUAGES,
    REFERENCE_VALUES,
    OutOfTime,
    extract_mentions,
    joined,
)
from events.dates.values import DateSpan
from events.ingest.articles import Article, ArticleError, check_details, title_from
from events.ingest.recognise import Proposal, Recogniser
from events.models import Actor, Place, Source, Suggestion, text_checksum
from events.services.sources import source_for_text
from events.text import clause, passage, sentence_at, sentences

# Source titles, and dates as written in a suggestion, are at most this long.
TITLE_LENGTH = 300
MENTION_LENGTH = 200
# The most dates one article may suggest. More is not an article to review date by date (a
# list, a table, a paste gone wrong), and writing them would keep the database busy for long.
MAX_SUGGESTIONS = 10_000
# Times an import reads its article again because another import stored the same article
# (with other white space) while it was reading.
ATTEMPTS = 3


@dataclass(frozen=True)
class Imported:
    source: Source
    new_source: bool
    new_suggestions: int


@dataclass(frozen=True)
class _Found:
    """A date in an article, ready to be written as a suggestion."""

    position: int
    mention: str
    span: DateSpan
    sentence: tuple[int, int]
    actors: list[Actor]
    places: list[Place]
    new_actors: list[Proposal]
    new_places: list[Proposal]


def import_article(
    article: Article,
    *,
    title: str = "",
    publisher: str = "",
    url: str = "",
    language: str = "",
) -> Imported:
    """Store an article and suggest its dated sentences as events, all or nothing.

    The title, publisher, address and language given here win over those of the article's
    header; without either, the article's first sentence titles it. An article already
    stored (the same text) is not stored again; only suggestions it does not have yet are
    made, so a reviewed suggestion never comes back. Raises ArticleError, naming the
    article, when a detail is not what it says, when reading it takes longer than
    PEACETRACKER_IMPORT_SECONDS or it names more than MAX_SUGGESTIONS dates.
    """
    details = check_details(
        {
            "title": title or article.title,
            "publisher": publisher or article.publisher,
            "url": url or article.url,
            "language": language or article.language,
        },
        name=article.name,
    )
    details["title"] = (details["title"] or title_from(article.text))[:TITLE_LENGTH]
    for _ in range(ATTEMPTS):
        # Offsets are into the text as stored: a known article's, white space and all.
        known = Source.objects.filter(checksum=text_checksum(article.text)).first()
        text, published = (known.text, known.published) if known else (article.text, None)
        found = _read(article, text, published or article.published, details["language"])
        try:
            with transaction.atomic():
                source, new_source = source_for_text(
                    text=article.text, published=article.published, **details
                )
                if source.text == text:
                    return Imported(source, new_source, len(_write(source, found)))
        except ValidationError as error:  # another source has the address, say
            raise ArticleError(f"{article.name}: {' '.join(error.messages)}") from None
    raise ArticleError(
        gettext("%(name)s: was being imported by someone else; try again.")
        % {"name": article.name}
    )


def _reading_language(tag: str) -> str | None:
    code = tag.split("-")[0].lower()
    return code if code in {"en", *AFGHAN_LANGUAGES} else None


def _read(article: Article, text: str, published: date, language: str) -> list[_Found]:
    """Every date in `text` with its sentence and the names in it, within the time budget."""
    seconds = settings.PEACETRACKER_IMPORT_SECONDS
    deadline = time.monotonic() + seconds
    try:
        # An event takes a range whole, where TimeML marks each end.
        mentions = joined(
            extract_mentions(
                text,
                published=published,
                deadline=deadline,
                # "fa-AF" is read as Dari; a tag not read here leaves it to the script.
                language=_reading_language(language),
            )
        )
        # "now", "recently", "the future": TimeML values, but no day an event could have.
        mentions = [mention for mention in mentions if mention.timex not in REFERENCE_VALUES]
        if len(mentions) > MAX_SUGGESTIONS:
            raise ArticleError(
                gettext(
                    "%(name)s: names %(count)s dates, more than the %(limit)s one import may "
                    "suggest; split it into shorter articles."
                )
                % {
                    "name": article.name,
                    "count": numerals(number_format(len(mentions), force_grouping=True)),
                    "limit": numerals(number_format(MAX_SUGGESTIONS, force_grouping=True)),
                }
            )
        if not mentions:
            return []
        names = Recogniser.for_database().names_in(text)
        by_sentence = sentences(text)
        found = []
        for mention in mentions:
            if time.monotonic() >= deadline:
                raise OutOfTime
            sentence = by_sentence[sentence_at(by_sentence, mention.start)]
            start, end = passage(
                text,
                sentence_start=sentence.start,
                sentence_end=sentence.end,
                start=mention.start,
                end=mention.end,
            )
            # Who: anyone the sentence names. Where: only the clause holding the date ("the
            # Istanbul conference in April, after talks in Doha": Istanbul).
            where = clause(
                text, sentence_start=start, sentence_end=end, start=mention.start, end=mention.end
            )
            actors, _ = names.between(start, end)
            _, places = names.between(*where)
            new_actors, _ = names.proposed_between(start, end)
            _, new_places = names.proposed_between(*where)
            found.append(
                _Found(
                    position=mention.start,
                    mention=mention.text[:MENTION_LENGTH],
                    span=mention.span,
                    sentence=(start, end),
                    actors=actors,
                    places=places,
                    new_actors=new_actors,
                    new_places=new_places,
                )
            )
        return found
    except OutOfTime:
        raise ArticleError(
            gettext(
                "%(name)s: took longer than %(seconds)s seconds to read for dates; split it "
                "into shorter articles."
            )
            % {"name": article.name, "seconds": numerals(f"{seconds:g}")}
        ) from None


def _write(source: Source, found: list[_Found]) -> list[Suggestion]:
    """The suggestions `source` has none for yet, written in bulk."""
    known = set(source.suggestions.values_list("position", flat=True))
    new = [item for item in found if item.position not in known]
    created = Suggestion.objects.bulk_create(
        Suggestion(
            source=source,
            sentence_start=item.sentence[0],
            sentence_end=item.sentence[1],
            mention=item.mention,
            position=item.position,
            start=item.span.start,
            precision=item.span.precision,
            end=item.span.end,
            proposed_actors=[proposal.as_json() for proposal in item.new_actors],
            proposed_places=[proposal.as_json() for proposal in item.new_places],
        )
        for item in new
    )
    Suggestion.actors.through.objects.bulk_create(
        Suggestion.actors.through(suggestion_id=suggestion.pk, actor_id=actor.pk)
        for suggestion, item in zip(created, new, strict=True)
        for actor in item.actors
    )
    Suggestion.places.through.objects.bulk_create(
        Suggestion.places.through(suggestion_id=suggestion.pk, place_id=place.pk)
        for suggestion, item in zip(created, new, strict=True)
        for place in item.places
    )
    return created
