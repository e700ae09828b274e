"""Factories for test data: each builds a valid row, overridable field by field."""

from datetime import date

import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from events.dates.values import Precision
from events.models import Actor, Citation, Event, EventType, Place, Source


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
    kind = Actor.Kind.STATE


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
    text = factory.Sequence(lambda n: f"Article {n} says the envoys met in Doha. They agreed.")


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

    @factory.post_generation
    def actors(self, create: bool, extracted: list[Actor] | None, **kwargs: object) -> None:
        if create and extracted:
            self.actors.set(extracted)


class CitationFactory(DjangoModelFactory):
    class Meta:
        model = Citation

    event = factory.SubFactory(EventFactory)
    source = factory.SubFactory(SourceFactory)
    quote = factory.LazyAttribute(lambda o: o.source.text.split(". ")[0])
