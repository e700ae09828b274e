"""Factories for test data: each builds a valid row, overridable field by field.

Events are made the way every other path makes them, through the publishing service: a
published event cites a source (one made for it, unless `citations` names others), and one
that cites nothing can only be a draft.
"""

from datetime import date

import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from events.dates.values import Precision
from events.models import Actor, Citation, Event, EventType, Phase, Place, Source
from events.services.publishing import Cited, record_event


class EventTypeFactory(DjangoModelFactory):
    class Meta:
        model = EventType
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Type {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class ActorFactory(DjangoModelFactory):
    class Meta:
        model = Actor
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Actor {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Actor.Kind.GOVERNMENT


class PlaceFactory(DjangoModelFactory):
    class Meta:
        model = Place
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Place {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    country = "Afghanistan"


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Article {n}")
    publisher = "Daily Times"
    published = date(2021, 1, 28)
    # Words no test searches for (search reads quotes): a factory event is found by its own
    # words, not its source's. As long as the words it had, so exports fold lines alike.
    text = factory.Sequence(lambda n: f"Article {n} says the panels met at noon. They agreed.")


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    summary = "Envoys meet."
    start = date(2020, 2, 29)
    precision = Precision.DAY
    status = Event.Status.PUBLISHED

    @classmethod
    def _create(cls, model_class: type[Event], *args, **kwargs) -> Event:
        status = kwargs.pop("status")
        actors = kwargs.pop("actors", None) or ()
        citations = kwargs.pop("citations", None)
        if citations is None:
            citations = [cite(SourceFactory())] if status == Event.Status.PUBLISHED else []
        return record_event(
            model_class(*args, **kwargs),
            actors=actors,
            citations=citations,
            publish=status == Event.Status.PUBLISHED,
            reason="Made by a test factory",
        )


def cite(source: Source) -> Cited:
    """A citation of `source` quoting its first sentence."""
    return Cited(source, source.text.split(". ")[0])


class CitationFactory(DjangoModelFactory):
    class Meta:
        model = Citation

    event = factory.SubFactory(EventFactory)
    source = factory.SubFactory(SourceFactory)
    quote = factory.LazyAttribute(lambda o: o.source.text.split(". ")[0])


class PhaseFactory(DjangoModelFactory):
    """A phase of the process; its date a Dated one (start, precision, end), a span of days
    unless told otherwise."""

    class Meta:
        model = Phase
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Phase {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    start = date(2020, 9, 12)
    precision = Precision.DAY
    end = date(2021, 8, 15)
