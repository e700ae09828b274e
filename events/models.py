"""The timeline's data and the rules it keeps.

Rules the database can hold are constraints, so no code path (admin, seed, import, a shell)
can store an event whose date contradicts its precision.
"""

import contextlib
import hashlib
import zlib
from datetime import date
from typing import Any, Self

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from events.dates import deadlines, display
from events.dates.values import DateSpan, Precision, days_covered, iso_value, truncate
from events.routes import slug_address


def in_dari_and_pashto(
    dari: str, pashto: str, *, max_length: int | None = None
) -> tuple[models.Field, models.Field]:
    """A text's Dari and Pashto fields beside its English one (`title_fa`, `title_ps`): empty
    until someone translates it, the English showing, marked, meanwhile."""

    def field(label: str) -> models.Field:
        if max_length is None:
            return models.TextField(label, blank=True, default="", db_default="")
        return models.CharField(
            label, max_length=max_length, blank=True, default="", db_default=""
        )

    return field(dari), field(pashto)


class EventType(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    # Its name in Dari and Pashto (docs/glossary.md); English shows where one is missing.
    name_fa, name_ps = in_dari_and_pashto(_("name (Dari)"), _("name (Pashto)"), max_length=80)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Used in timeline addresses."),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("event type")
        verbose_name_plural = _("event types")

    def __str__(self) -> str:
        return self.name

    @property
    def colour(self) -> int:
        """One of eight colours, the same for a type wherever it is shown (never the only
        cue: the type's name is always written beside it)."""
        return zlib.crc32(self.slug.encode()) % 8


class ActorKind(models.TextChoices):
    PERSON = "person", _("Person")
    GOVERNMENT = "government", _("Government")
    ARMED_GROUP = "armed_group", _("Armed group")
    ORGANISATION = "organisation", _("Organisation")
    DELEGATION = "delegation", _("Delegation")


# What actors were called "state" before there were governments (migration 0014 turned them
# into governments): files and proposals written before then may still say it.
FORMER_KINDS = {"state": ActorKind.GOVERNMENT}


class Actor(models.Model):
    Kind = ActorKind

    name = models.CharField(_("name"), max_length=200, unique=True)
    # Their name as Dari and Pashto write it; English shows where one is missing.
    name_fa, name_ps = in_dari_and_pashto(_("name (Dari)"), _("name (Pashto)"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("Used in timeline addresses."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActorKind.choices)
    aliases = models.TextField(
        _("aliases"),
        blank=True,
        help_text=_(
            "Other names the actor goes by in articles, one per line "
            "(e.g. “Kabulov” for Zamir Kabulov)."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    # Who they are, in Dari and Pashto; English shows, marked, where one is missing.
    description_fa, description_ps = in_dari_and_pashto(
        _("description (Dari)"), _("description (Pashto)")
    )
    # How many published events name them, kept current on every write (events.services.
    # counts): the busiest are read through an index, not counted over every event.
    event_count = models.PositiveIntegerField(_("published events"), default=0, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        indexes = [models.Index(fields=["-event_count", "name"], name="actor_busiest_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ActorKind.values),
                name="actor_kind_valid",
                violation_error_message=_(
                    "An actor is a person, a government, an armed group, "
                    "an organisation or a delegation."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return slug_address("events:actor", self.slug)

    @property
    def timeline_url(self) -> str:
        """The timeline narrowed to this actor's events."""
        return f"{reverse('events:timeline')}?actor={self.slug}"

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class Place(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    # Its name as Dari and Pashto write it; English shows where one is missing.
    name_fa, name_ps = in_dari_and_pashto(_("name (Dari)"), _("name (Pashto)"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("Used in timeline addresses."),
    )
    country = models.CharField(_("country"), max_length=100, blank=True)
    # The country as Dari and Pashto write it; English shows where one is missing.
    country_fa, country_ps = in_dari_and_pashto(
        _("country (Dari)"), _("country (Pashto)"), max_length=100
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=5, null=True, blank=True
    )
    # How many published events took place here, kept current on every write (as actors').
    event_count = models.PositiveIntegerField(_("published events"), default=0, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        indexes = [models.Index(fields=["-event_count", "name"], name="place_busiest_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="place_coordinates_together",
                violation_error_message=_("Give both latitude and longitude, or neither."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="place_latitude_range",
                violation_error_message=_("Latitude lies between -90 and 90."),
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="place_longitude_range",
                violation_error_message=_("Longitude lies between -180 and 180."),
            ),
        ]

    def __str__(self) -> str:
        if self.country and self.country != self.name:
            return f"{self.name}, {self.country}"
        return self.name

    def get_absolute_url(self) -> str:
        return slug_address("events:place", self.slug)

    @property
    def timeline_url(self) -> str:
        """The timeline narrowed to the events held here."""
        return f"{reverse('events:timeline')}?place={self.slug}"


# A language tag as BCP 47 writes one ("en", "fa-AF", "zh-Hant"): enough to tell a mistyped
# value from a language, without a table of every language to keep up to date.
LANGUAGE_TAG = RegexValidator(
    r"\A[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z",
    message=_("Give the language as a tag such as “en”, “fa” or “ps-AF”."),
)


def text_checksum(text: str) -> str:
    """A fingerprint of an article's text that ignores differences in white space."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


class LinkState(models.TextChoices):
    """What an address answered when it was last checked."""

    OK = "ok", _("ok")
    DEAD = "dead", _("dead")
    UNREACHABLE = "unreachable", _("unreachable")
    UNCHECKED = "unchecked", _("unchecked")


# The one definition of each state, for the admin's filter, the checks' summary and a source.
# A redirect is followed when checking, so a status under 400 is an answer the reader can use.
LINK_STATES = {
    LinkState.OK: Q(check_status__lt=400),
    LinkState.DEAD: Q(check_status__gte=400),
    LinkState.UNREACHABLE: Q(checked__isnull=False, check_status__isnull=True),
    LinkState.UNCHECKED: Q(checked__isnull=True),
}


def link_state(*, checked: bool, status: int | None) -> LinkState:
    """A check's state, as LINK_STATES selects it."""
    if not checked:
        return LinkState.UNCHECKED
    if status is None:
        return LinkState.UNREACHABLE
    return LinkState.OK if status < 400 else LinkState.DEAD


class SourceQuerySet(models.QuerySet["Source"]):
    def with_link(self, state: LinkState) -> Self:
        """Sources with an address in this state at its last check."""
        return self.exclude(url="").filter(LINK_STATES[state])


class Source(models.Model):
    LinkState = LinkState

    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(
        _("publisher"),
        max_length=200,
        blank=True,
        help_text=_("Who wrote it: for a wire story reprinted by a newspaper, the agency."),
    )
    via = models.CharField(
        _("via"),
        max_length=200,
        blank=True,
        help_text=_(
            "The outlet or mirror whose copy is cited, when it is not the publisher's own "
            "(e.g. “The Irish Times” for a Reuters story it reprinted). Copies of one publisher's "
            "story count as one publisher when an event's sources are counted."
        ),
    )
    url = models.URLField(max_length=500, blank=True, verbose_name=_("URL"))
    published = models.DateField(
        _("published"),
        help_text=_("Publication date. Relative dates in the text (“last year”) count from it."),
    )
    text = models.TextField(
        _("text"), blank=True, help_text=_("The article's text, for quotes and import.")
    )
    language = models.CharField(
        _("language"),
        max_length=35,
        blank=True,
        validators=[LANGUAGE_TAG],
        help_text=_("The language the article is written in, as a language tag (en, fa, ps, ru)."),
    )
    # Identifies an imported article so that importing it again creates nothing new.
    checksum = models.CharField(_("checksum"), max_length=64, blank=True, editable=False)
    archive_url = models.URLField(
        max_length=1000,
        blank=True,
        verbose_name=_("archived copy"),
        help_text=_(
            "A copy of the page kept by a web archive, for when its address stops "
            "answering. `manage.py archive_sources` asks the archive for one."
        ),
    )
    # The address's last check (`manage.py check_sources`): when, and what it answered (an
    # HTTP status) or why nothing answered. Kept only the last: editors need today's state.
    checked = models.DateTimeField(_("checked"), null=True, blank=True, editable=False)
    check_status = models.PositiveSmallIntegerField(
        null=True, blank=True, editable=False, verbose_name=_("HTTP status")
    )
    check_error = models.CharField(
        max_length=200, blank=True, editable=False, verbose_name=_("why it did not answer")
    )

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.CheckConstraint(
                condition=Q(check_status__isnull=True)
                | Q(check_status__gte=100, check_status__lte=599),
                name="source_check_status_is_http",
                violation_error_message=_("An HTTP status lies between 100 and 599."),
            ),
            # A check either got an answer (a status) or did not (the reason): never both,
            # never neither; and nothing is recorded for an address never checked.
            models.CheckConstraint(
                condition=Q(checked__isnull=True, check_status__isnull=True, check_error="")
                | Q(checked__isnull=False, check_status__isnull=False, check_error="")
                | Q(checked__isnull=False, check_status__isnull=True) & ~Q(check_error=""),
                name="source_check_answered_or_why_not",
                violation_error_message=_(
                    "A link check records an HTTP status or why there was "
                    "none, with the time it was made."
                ),
            ),
            models.UniqueConstraint(
                fields=["checksum"],
                condition=~Q(checksum=""),
                name="source_unique_text",
                violation_error_message=_("A source with the same text already exists."),
            ),
            models.UniqueConstraint(
                fields=["url"],
                condition=~Q(url=""),
                name="source_unique_url",
                violation_error_message=_("A source with this URL already exists."),
            ),
        ]

    def __str__(self) -> str:
        published = display.written(self.published)
        if self.publisher:
            return f"{self.title} ({self.publisher}, {published})"
        return f"{self.title} ({published})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.checksum = text_checksum(self.text) if self.text.strip() else ""
        fields = kwargs.get("update_fields")
        # The address as read (None for a new source, or one read without its address).
        stored_url = self.__dict__.get("_stored_url")
        if stored_url is not None and self.url != stored_url and (not fields or "url" in fields):
            # A check tells of the address it was made on: a corrected address is unchecked.
            self.checked, self.check_status, self.check_error = None, None, ""
            if fields:
                kwargs["update_fields"] = {*fields, "checked", "check_status", "check_error"}
        super().save(*args, **kwargs)
        self._stored_url = self.url

    @classmethod
    def from_db(
        cls, db: str | None, field_names: Any, values: Any, *, fetch_mode: Any = None
    ) -> Self:
        instance = super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        instance._stored_url = instance.__dict__.get("url")
        return instance

    @property
    def link_state(self) -> LinkState:
        """The state of the address at its last check."""
        return link_state(checked=self.checked is not None, status=self.check_status)

    @property
    def publisher_key(self) -> str:
        return publisher_key(self.publisher, source=self.pk or self.url or self.title)


def publisher_key(publisher: str, *, source: object) -> str:
    """What makes two sources the same publisher's: its name, case and spacing aside
    (copies of one agency's story name the agency as publisher, and the copy in `via`).
    A source that names no publisher stands for itself (`source`: what identifies it)."""
    if not publisher.strip():
        return f"source:{source}"
    return " ".join(publisher.casefold().split())


class StartOf(models.Func):
    """The first day of the month or year holding a date.

    Written in each database's own SQL (not Django's registered SQLite functions) because it
    appears in CHECK constraints, which every tool that writes to the database evaluates.
    """

    arity = 1
    output_field = models.DateField()

    def __init__(self, expression: Any, *, period: str) -> None:
        if period not in {"month", "year"}:
            raise ValueError(f"period is 'month' or 'year', not {period!r}")
        self.period = period
        super().__init__(expression, period=period)

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # The argument cast too: a value checked before it is saved may be NULL, whose
        # type PostgreSQL cannot tell among DATE_TRUNC's forms (Django's validation of a
        # form then logs a database error for every such check).
        template = f"CAST(DATE_TRUNC('{self.period}', CAST(%(expressions)s AS DATE)) AS DATE)"
        return super().as_sql(compiler, connection, template=template, **extra)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = f"DATE(%(expressions)s, 'start of {self.period}')"
        return super().as_sql(compiler, connection, template=template, **extra)


class EventQuerySet(models.QuerySet["Event"]):
    def published(self) -> Self:
        return self.filter(status=Event.Status.PUBLISHED)

    def drafts(self) -> Self:
        return self.filter(status=Event.Status.DRAFT)

    def chronological(self) -> Self:
        return self.order_by(*Event.TIMELINE_ORDER)

    def reverse_chronological(self) -> Self:
        return self.order_by(*(f"-{name}" for name in Event.TIMELINE_ORDER))

    def for_listing(self) -> Self:
        """What a timeline row shows, fetched in a fixed number of queries."""
        return self.select_related("type", "place").prefetch_related(
            models.Prefetch("actors", queryset=Actor.objects.order_by("name")),
            # Sources are printed with the timeline.
            models.Prefetch("citations", queryset=Citation.objects.select_related("source")),
        )


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class OccurrenceStatus(models.TextChoices):
    """Whether an event took place: what readers see as its "Status" (publication is
    `Event.status`, which readers never see)."""

    HELD = "held", _("Held")
    PLANNED = "planned", _("Planned")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


# Chronological order, with coarser dates first within the same start; id breaks ties so
# that every event has one place in the order (what keyset pagination needs).
TIMELINE_ORDER = ("start", "precision", "id")


class Dated(models.Model):
    """A date as Peacetracker holds it: a start, a precision and an optional end."""

    start = models.DateField(
        _("start"),
        help_text=_(
            "For a month or a year, any day in it will do: it is stored as the first day."
        ),
    )
    precision = models.PositiveSmallIntegerField(
        _("precision"),
        choices=Precision.choices,
        default=Precision.DAY,
        help_text=_("How precisely the date is known: “2019” is a year, “February 2020” a month."),
    )
    end = models.DateField(
        _("end"),
        null=True,
        blank=True,
        help_text=_("Only for events that span time, e.g. talks over days."),
    )

    class Meta:
        abstract = True

    @property
    def span(self) -> DateSpan:
        return DateSpan(self.start, Precision(self.precision), self.end)

    @property
    def when(self) -> str:
        """The date as people write it: "2019", "February 2020", "28–30 May 2019"."""
        return display.written(self.span)

    @property
    def when_value(self) -> str:
        """The start in ISO 8601 reduced precision: "2019", "2020-02", "2020-02-29"."""
        return iso_value(self.start, self.precision)

    @property
    def precision_code(self) -> str:
        """ "year", "month" or "day" in every language: a CSS class, not words for a reader."""
        return Precision(self.precision).code

    @property
    def precision_note(self) -> str:
        """How precisely the date is known, for dates that are not a single day."""
        return display.precision_note(self.span)

    def clean(self) -> None:
        # Editors may pick any day of the month or year they mean; store the first day.
        if self.start and self.precision:
            self.start = truncate(self.start, self.precision)
            if self.end:
                self.end = truncate(self.end, self.precision)
                if self.end == self.start:
                    self.end = None


def date_constraints(
    prefix: str,
    *,
    subject: Any,
    start: str = "start",
    precision: str = "precision",
    end: str | None = "end",
) -> list[models.CheckConstraint]:
    """The rules a start, precision and end keep, for a model that has them (under these
    field names; `end` None for a date without one). A field left empty passes: whether it
    may be empty is a rule of its own."""

    def q(field: str, lookup: str = "", value: Any = None) -> Q:
        return Q(**{f"{field}{lookup}": value})

    rules = [
        models.CheckConstraint(
            condition=q(precision, "__in", Precision.values),
            name=f"{prefix}_precision_valid",
            violation_error_message=_("Precision is a year, a month or a day."),
        ),
        models.CheckConstraint(
            condition=~q(precision, "", Precision.MONTH)
            | q(start, "", StartOf(start, period="month")),
            name=f"{prefix}_month_starts_on_first",
            violation_error_message=format_lazy(
                _("{subject} dated to a month starts on its first day."), subject=subject
            ),
        ),
        models.CheckConstraint(
            condition=~q(precision, "", Precision.YEAR)
            | q(start, "", StartOf(start, period="year")),
            name=f"{prefix}_year_starts_on_first",
            violation_error_message=format_lazy(
                _("{subject} dated to a year starts on 1 January."), subject=subject
            ),
        ),
    ]
    if end is None:
        return rules
    return [
        *rules,
        models.CheckConstraint(
            condition=q(end, "__isnull", True) | q(end, "__gte", F(start)),
            name=f"{prefix}_end_after_start",
            violation_error_message=format_lazy(
                _("{subject} cannot end before it starts."), subject=subject
            ),
        ),
        models.CheckConstraint(
            condition=q(end, "__isnull", True)
            | q(precision, "", Precision.DAY)
            | Q(**{precision: Precision.MONTH, end: StartOf(end, period="month")})
            | Q(**{precision: Precision.YEAR, end: StartOf(end, period="year")}),
            name=f"{prefix}_end_matches_precision",
            violation_error_message=_(
                "An end date has the same precision as the start: "
                "the first day of its month or year."
            ),
        ),
    ]


class Event(Dated):
    Status = EventStatus
    Occurrence = OccurrenceStatus
    TIMELINE_ORDER = TIMELINE_ORDER

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_(
            "The last part of the event's permanent address, /events/this-slug/. "
            "Renaming it keeps the old address working."
        ),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences shown on the timeline and in link previews."),
    )
    body = models.TextField(
        _("body"), blank=True, help_text=_("The full account, shown on the event's page.")
    )
    # The same in Dari and Pashto, edited beside the English in the admin; a page in either
    # language shows the English, marked as such, where a translation is missing.
    title_fa, title_ps = in_dari_and_pashto(_("title (Dari)"), _("title (Pashto)"), max_length=200)
    summary_fa, summary_ps = in_dari_and_pashto(_("summary (Dari)"), _("summary (Pashto)"))
    body_fa, body_ps = in_dari_and_pashto(_("body (Dari)"), _("body (Pashto)"))
    date_note = models.TextField(
        _("date note"),
        blank=True,
        default="",
        # Rows written as plain SQL (synthetic data, restores) name only the columns they know.
        db_default="",
        help_text=_(
            "Where the sources give different dates: which date the event has and why. "
            "Shown on the event's page beside the date each source gives."
        ),
    )
    # Each indexed with the status and the timeline's order (Meta), not alone: a filter by
    # type or place then reads only its own events, in order.
    type = models.ForeignKey(
        EventType,
        verbose_name=_("type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        db_index=False,
    )
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        db_index=False,
    )
    actors = models.ManyToManyField(
        Actor, verbose_name=_("actors"), blank=True, related_name="events"
    )
    sources = models.ManyToManyField(
        Source, verbose_name=_("sources"), through="Citation", blank=True, related_name="events"
    )
    related = models.ManyToManyField("self", blank=True, verbose_name=_("related events"))
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    # Named "occurrence" here and in the admin (where "Status" is publication); readers see it
    # as the event's status, and the public filter is `?status=`.
    occurrence = models.CharField(
        _("occurrence"),
        max_length=10,
        choices=OccurrenceStatus.choices,
        default=OccurrenceStatus.HELD,
        # Rows written as plain SQL (synthetic data, restores) name only the columns they know.
        db_default=OccurrenceStatus.HELD,
        help_text=_(
            "Whether it took place: held, or still planned, postponed or cancelled. "
            "Readers see it as the event's status (nothing is shown for “held”). Link a postponed "
            "event to the one it was rescheduled as below."
        ),
    )
    is_key = models.BooleanField(
        default=False,
        verbose_name=_("key event"),
        help_text=_("A turning point, given prominence on the timeline."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()
    # Every save leaves a dated record of the fields (and actors) as they were, and who saved.
    history = HistoricalRecords(m2m_fields=[actors], excluded_fields=["updated"])

    class Meta:
        ordering = list(TIMELINE_ORDER)
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["status", *TIMELINE_ORDER], name="event_timeline_idx"),
            # A place's or a type's events (`?place=`, `?type=`, a place's page), in order: a
            # planner given the choice took the timeline's index and read every event in
            # the period for the few of one place. Their keys' lookups use them too.
            # (SQLite keeps each row's id at the end of every index: the order is whole.)
            models.Index(fields=["place", "status", "start", "precision"], name="event_place_idx"),
            models.Index(fields=["type", "status", "start", "precision"], name="event_type_idx"),
            # The feed: most recently updated first.
            models.Index(fields=["status", "updated"], name="event_updated_idx"),
            # Periods ("from"): the last day an event may cover is its end, or its start.
            models.Index(Coalesce("end", "start"), name="event_last_day_idx"),
            # Ranges by their end: the time axis finds those that began before its window
            # and run into it without reading the events that have no end.
            models.Index(
                fields=["status", "end"],
                condition=models.Q(end__isnull=False),
                name="event_range_end_idx",
            ),
            # `?status=postponed` (or planned, cancelled): few events, found without reading
            # the many that were held.
            models.Index(
                fields=["status", "occurrence", *TIMELINE_ORDER],
                condition=~models.Q(occurrence=OccurrenceStatus.HELD),
                name="event_not_held_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=EventStatus.values),
                name="event_status_valid",
                violation_error_message=_("An event is either a draft or published."),
            ),
            models.CheckConstraint(
                condition=Q(occurrence__in=OccurrenceStatus.values),
                name="event_occurrence_valid",
                violation_error_message=_(
                    "An event was held, or is planned, postponed or cancelled."
                ),
            ),
            *date_constraints("event", subject=_("An event")),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        with transaction.atomic():
            # Read from the row, not remembered from a load: a revert saves an event made
            # from its history, and a copy may be stale.
            stored = None
            fields = kwargs.get("update_fields")
            if self.pk is not None and not self._state.adding and (not fields or "slug" in fields):
                stored = Event.objects.filter(pk=self.pk).values("slug", "status").first()
            super().save(*args, **kwargs)
            if stored and stored["slug"] != self.slug and self._was_public(**stored):
                EventRedirect.objects.update_or_create(
                    old_slug=stored["slug"], defaults={"event": self}
                )
            # A live event's slug always wins over an old address pointing elsewhere.
            EventRedirect.objects.filter(old_slug=self.slug).delete()
        # What the public saw before the next save (events/signals.py asks).
        self._stored_status = self.status

    def get_absolute_url(self) -> str:
        return slug_address("events:detail", self.slug)

    def get_absolute_agreement_url(self) -> str:
        """Its page of commitments, for an agreement."""
        return reverse("events:agreement", kwargs={"slug": self.slug})

    def _was_public(self, *, slug: str, status: str) -> bool:
        """Whether the public has seen this event at `slug`: only such an address is worth
        keeping, and one it had only as a draft must never become public by redirecting."""
        if status == self.Status.PUBLISHED:
            return True
        return self.history.filter(slug=slug, status=self.Status.PUBLISHED).exists()

    @classmethod
    def from_db(
        cls, db: str | None, field_names: Any, values: Any, *, fetch_mode: Any = None
    ) -> Self:
        instance = super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        # Remember the stored status, so that a change to a draft is known not to be public.
        instance._stored_status = instance.__dict__.get("status")
        return instance

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_held(self) -> bool:
        """Whether it took place as dated: readers are told the status only otherwise."""
        return self.occurrence == OccurrenceStatus.HELD


class Phase(Dated):
    """A named period of the process ("US–Taliban talks"), which editors define: shown as a
    section of the timeline and a filter (`?phase=`). Public as soon as it is saved.

    Its date is a Dated one: a start and usually an end; without an end it is the one
    period its start and precision name (a year, a month or a day), as for an event."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    # Its name in Dari and Pashto; English shows where one is missing.
    name_fa, name_ps = in_dari_and_pashto(_("name (Dari)"), _("name (Pashto)"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("Used in timeline addresses."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("One or two sentences shown to readers with the phase."),
    )
    description_fa, description_ps = in_dari_and_pashto(
        _("description (Dari)"), _("description (Pashto)")
    )

    class Meta:
        ordering = ["start", "precision", "name"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = date_constraints("phase", subject=_("A phase"))

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{reverse('events:timeline')}?phase={self.slug}"

    @property
    def days(self) -> tuple[date, date]:
        """The first and last day of the phase: "2019" is 1 January to 31 December 2019."""
        return days_covered(self.span)


class ActorRole(Dated):
    """A role an actor held for a time ("US special envoy for Afghan reconciliation"), as
    sources state it: shown on the actor's page. Its date is a Dated one, as a phase's is:
    the whole period it was held, or the one year or month known."""

    actor = models.ForeignKey(
        Actor, verbose_name=_("actor"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(
        _("role"),
        max_length=200,
        help_text=_(
            "As a reader would recognise it: “US special envoy for Afghan reconciliation”."
        ),
    )

    class Meta:
        ordering = ["start", "precision", "id"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=""),
                name="actorrole_role_not_empty",
                violation_error_message=_("A role says what the actor was."),
            ),
            *date_constraints("actorrole", subject=_("A role")),
        ]

    def __str__(self) -> str:
        return f"{self.role} ({self.when})"


class EventRedirect(models.Model):
    """An event's former slug, which answers with a permanent redirect to its page."""

    old_slug = models.SlugField(_("old slug"), max_length=200, unique=True)
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="redirects"
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self) -> str:
        return f"/events/{self.old_slug}/"


class EventLinkKind(models.TextChoices):
    """How one event leads to another, read from the first to the second."""

    HELD_AS = "held_as", _("announced → held as")
    RESCHEDULED_AS = "rescheduled_as", _("postponed → rescheduled as")
    LED_TO = "led_to", _("led to")


class EventLink(models.Model):
    """One event leading to another: an announcement to the event held, a postponed event to
    the one it was rescheduled as, a cause to what followed. Shown on both events' pages."""

    Kind = EventLinkKind

    from_event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="links_out", verbose_name=_("from event")
    )
    kind = models.CharField(max_length=20, choices=EventLinkKind.choices, verbose_name=_("link"))
    to_event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="links_in",
        verbose_name=_("to event"),
        help_text=_(
            "The later event: what the announcement was held as, what the postponed "
            "event was rescheduled as, or what this event led to."
        ),
    )

    class Meta:
        ordering = ["kind", "to_event__start", "to_event__precision", "to_event_id"]
        verbose_name = _("link to another event")
        verbose_name_plural = _("links to other events")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_event=F("to_event")),
                name="eventlink_not_to_itself",
                violation_error_message=_("An event cannot be linked to itself."),
            ),
            models.UniqueConstraint(
                fields=["from_event", "to_event", "kind"],
                name="eventlink_unique",
                violation_error_message=_("These two events are already linked this way."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=EventLinkKind.values),
                name="eventlink_kind_valid",
                violation_error_message=_(
                    "A link is “announced → held as”, “postponed → rescheduled as” or “led to”."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_event} — {self.get_kind_display()} — {self.to_event}"

    def clean(self) -> None:
        # Said against the field the editor chose, rather than as the constraint's message
        # above the form.
        if self.from_event_id is not None and self.from_event_id == self.to_event_id:
            raise ValidationError({"to_event": _("An event cannot be linked to itself.")})
        if self.kind == EventLinkKind.RESCHEDULED_AS and self.from_event_id and self.to_event_id:
            loop = self.reschedulings_back()
            if loop:
                later, *between = loop
                if between:
                    message = _(
                        "To event: “%(later)s” was itself rescheduled as this event (through "
                        "%(between)s), so this link would make a loop of postponements. Choose "
                        "the event this one was rescheduled as."
                    ) % {"later": later, "between": ", ".join(f"“{t}”" for t in between)}
                else:
                    message = _(
                        "To event: “%(later)s” was itself rescheduled as this event, so this "
                        "link would make a loop of postponements. Choose the event this one was "
                        "rescheduled as."
                    ) % {"later": later}
                raise ValidationError(
                    {"to_event": ValidationError(message, code="reschedule_cycle")}
                )

    def reschedulings_back(self) -> list[str]:
        """The titles along the stored "rescheduled as" links that lead from `to_event` back
        to `from_event` ([] when none do): a postponement cannot end in itself.

        Links out of `from_event` cannot be on such a path (it would have reached
        `from_event` before them), so a form changing several of them checks each alone."""
        came_from: dict[int, int | None] = {self.to_event_id: None}
        frontier = [self.to_event_id]
        while frontier:
            edges = (
                EventLink.objects.filter(
                    kind=EventLinkKind.RESCHEDULED_AS, from_event_id__in=frontier
                )
                .order_by()
                .values_list("from_event_id", "to_event_id")
            )
            frontier = []
            for earlier, later in edges:
                if later in came_from:
                    continue
                came_from[later] = earlier
                if later == self.from_event_id:
                    path = [earlier]
                    while came_from[path[-1]] is not None:
                        path.append(came_from[path[-1]])
                    titles = dict(Event.objects.filter(pk__in=path).values_list("pk", "title"))
                    return [titles[pk] for pk in reversed(path)]
                frontier.append(later)
        return []


# The event type whose events are agreements: those that have commitments and a page of them.
AGREEMENT_TYPE = "agreement"


class CommitmentEffect(models.TextChoices):
    """What a later event did to a commitment, as the editor who links them judges it."""

    KEPT = "kept", _("kept it")
    STEP = "step", _("a step towards it")
    BROKE = "broke", _("broke it")
    SUPERSEDED = "superseded", _("superseded it")


class Commitment(models.Model):
    """A promise an agreement made: who promised what, and by when. Whether it was kept is
    not stored: it follows from the events editors link to it (`CommitmentOutcome`).

    The deadline is a date with a precision ("by March 2020"), or "within N days (months)
    of" an event — the agreement itself unless another is chosen — or none, where no source
    states one (`deadline_note` then says so)."""

    Unit = deadlines.Unit

    agreement = models.ForeignKey(
        Event,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="commitments",
        limit_choices_to={"type__slug": AGREEMENT_TYPE},
        help_text=_("An event of the type “Agreement”."),
    )
    position = models.PositiveSmallIntegerField(
        _("position"),
        default=0,
        help_text=_("Where it comes in the agreement's list: smaller first."),
    )
    parties = models.ManyToManyField(
        Actor,
        verbose_name=_("parties"),
        blank=True,
        related_name="commitments",
        help_text=_("Who promised it."),
    )
    promise = models.TextField(
        _("promise"),
        help_text=_("What was promised, in a sentence: “Intra-Afghan negotiations start”."),
    )
    deadline_start = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("deadline"),
        help_text=_("The date it was due by. For a month or a year, any day in it will do."),
    )
    deadline_precision = models.PositiveSmallIntegerField(
        choices=Precision.choices, null=True, blank=True, verbose_name=_("deadline precision")
    )
    within = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        verbose_name=_("within"),
        help_text=_("Or: due within this many days or months of an event (instead of a date)."),
    )
    within_unit = models.CharField(
        max_length=10, choices=deadlines.Unit.choices, blank=True, verbose_name=_("unit")
    )
    counted_from = models.ForeignKey(
        Event,
        verbose_name=_("counted from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The event “within” counts from; empty for the agreement itself."),
    )
    deadline_note = models.TextField(
        _("deadline note"),
        blank=True,
        help_text=_("Shown with the deadline: where it comes from, or why there is none."),
    )
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        help_text=_("The source that states the deadline."),
    )
    quote = models.TextField(
        _("quote"), blank=True, help_text=_("Its passage that states the deadline.")
    )

    class Meta:
        ordering = ["agreement_id", "position", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.CheckConstraint(
                condition=~Q(promise=""),
                name="commitment_promise_not_empty",
                violation_error_message=_("A commitment says what was promised."),
            ),
            models.CheckConstraint(
                condition=Q(deadline_start__isnull=True, deadline_precision__isnull=True)
                | Q(deadline_start__isnull=False, deadline_precision__isnull=False),
                name="commitment_deadline_has_precision",
                violation_error_message=_("A deadline has a date and a precision."),
            ),
            models.CheckConstraint(
                condition=Q(deadline_start__isnull=True) | Q(within__isnull=True),
                name="commitment_one_kind_of_deadline",
                violation_error_message=_(
                    "A deadline is either a date or “within” a time of an event, not both."
                ),
            ),
            models.CheckConstraint(
                condition=Q(within__isnull=True, within_unit="")
                | Q(within__gte=1, within_unit__in=deadlines.Unit.values),
                name="commitment_within_has_unit",
                violation_error_message=_("“Within” is a number of days or months, at least 1."),
            ),
            models.CheckConstraint(
                condition=Q(counted_from__isnull=True) | Q(within__isnull=False),
                name="commitment_counted_from_needs_within",
                violation_error_message=_(
                    "An event to count from needs a number of days or months within it."
                ),
            ),
            models.CheckConstraint(
                condition=Q(quote="") | Q(source__isnull=False),
                name="commitment_quote_has_source",
                violation_error_message=_("A quoted passage needs its source."),
            ),
            *date_constraints(
                "commitment",
                subject=_("A deadline"),
                start="deadline_start",
                precision="deadline_precision",
                end=None,
            ),
        ]

    def __str__(self) -> str:
        return self.promise if len(self.promise) <= 80 else self.promise[:79] + "…"

    def get_absolute_url(self) -> str:
        return f"{self.agreement.get_absolute_agreement_url()}#commitment-{self.pk}"

    @property
    def deadline(self) -> deadlines.Deadline | None:
        """When it was due, or None where no deadline is known."""
        if self.deadline_start is not None and self.deadline_precision is not None:
            return deadlines.stated(
                DateSpan(self.deadline_start, Precision(self.deadline_precision))
            )
        if self.within is not None and self.within_unit:
            anchor = self.counted_from if self.counted_from_id else self.agreement
            return deadlines.within(self.within, self.within_unit, anchor.span)
        return None

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.deadline_start and self.deadline_precision:
            self.deadline_start = truncate(self.deadline_start, Precision(self.deadline_precision))
        if self.agreement_id is not None:
            agreement = self.agreement
            if agreement.type_id is None or agreement.type.slug != AGREEMENT_TYPE:
                errors["agreement"] = _(
                    "Agreement: “%(agreement)s” is not an event of the type “Agreement”; "
                    "commitments belong to agreements."
                ) % {"agreement": agreement}
            else:
                deadline = None
                # A unit or a count the constraints refuse gets their message instead.
                with contextlib.suppress(ValueError, OverflowError):
                    deadline = self.deadline
                if deadline is not None and deadlines.before(deadline, agreement.span):
                    field = "deadline_start" if self.deadline_start else "counted_from"
                    errors[field] = _(
                        "Deadline: %(deadline)s is before the agreement was made (%(made)s); a "
                        "promise cannot be due before it."
                    ) % {"deadline": display.written(deadline.span), "made": agreement.when}
        if errors:
            raise ValidationError(errors)


class CommitmentOutcome(models.Model):
    """An event that kept, broke, superseded or went part of the way to a commitment: what
    its standing is read from."""

    Effect = CommitmentEffect

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.CASCADE, related_name="outcomes"
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="commitment_outcomes",
    )
    effect = models.CharField(_("effect"), max_length=12, choices=CommitmentEffect.choices)

    class Meta:
        ordering = ["event__start", "event__precision", "event_id"]
        verbose_name = _("event that kept or broke it")
        verbose_name_plural = _("events that kept or broke it")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "event"],
                name="commitmentoutcome_unique",
                violation_error_message=_("This event is already linked to this commitment."),
            ),
            models.CheckConstraint(
                condition=Q(effect__in=CommitmentEffect.values),
                name="commitmentoutcome_effect_valid",
                violation_error_message=_(
                    "An event kept a commitment, broke it, superseded it or was a step towards it."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} — {self.get_effect_display()} — {self.commitment}"

    def clean(self) -> None:
        if self.commitment_id is None or self.event_id is None:
            return
        agreement = self.commitment.agreement
        if self.event_id == agreement.pk:
            raise ValidationError(
                {"event": _("Event: the agreement cannot keep or break itself.")}
            )
        if days_covered(self.event.span)[1] < agreement.start:
            raise ValidationError(
                {
                    "event": _(
                        "Event: “%(event)s” (%(when)s) came before the agreement (%(made)s), "
                        "so it cannot keep or break its promise."
                    )
                    % {"event": self.event, "when": self.event.when, "made": agreement.when}
                }
            )


_QUOTE_FOLDS = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})


def normalise_quote(text: str) -> str:
    """Text compared for quoting: white space collapsed, typographic quote marks folded."""
    return " ".join(text.translate(_QUOTE_FOLDS).split())


class Citation(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="citations"
    )
    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="citations"
    )
    quote = models.TextField(
        _("quote"),
        help_text=_("The passage of the source that supports the event, copied exactly."),
    )
    # The quote stays as the source wrote it; an editor may give it in the readers'
    # languages, shown beside it to those who read the page in that language.
    translation_en = models.TextField(
        _("translation (English)"),
        blank=True,
        default="",
        db_default="",
        help_text=_("The passage translated, shown beside it to readers in English."),
    )
    translation_fa = models.TextField(
        _("translation (Dari)"),
        blank=True,
        default="",
        db_default="",
        help_text=_("The passage translated, shown beside it to readers in Dari."),
    )
    translation_ps = models.TextField(
        _("translation (Pashto)"),
        blank=True,
        default="",
        db_default="",
        help_text=_("The passage translated, shown beside it to readers in Pashto."),
    )
    # The date this source gives for the event, if it gives one: sources may disagree with
    # each other and with the date editors chose. A start, a precision and an optional end,
    # as Dated holds them, all three empty when the source gives no date.
    stated_start = models.DateField(_("stated start"), null=True, blank=True)
    stated_precision = models.PositiveSmallIntegerField(
        _("stated precision"), choices=Precision.choices, null=True, blank=True
    )
    stated_end = models.DateField(_("stated end"), null=True, blank=True)

    class Meta:
        ordering = ["source__published", "id"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    stated_start__isnull=True,
                    stated_precision__isnull=True,
                    stated_end__isnull=True,
                )
                | Q(stated_start__isnull=False, stated_precision__isnull=False),
                name="citation_stated_date_whole",
                violation_error_message=_(
                    "A date the source gives has a start and a precision, "
                    "or the citation has no date at all."
                ),
            ),
            *date_constraints(
                "citation_stated",
                subject=_("A date a source gives"),
                start="stated_start",
                precision="stated_precision",
                end="stated_end",
            ),
            models.UniqueConstraint(
                fields=["event", "source"],
                name="citation_unique_source_per_event",
                violation_error_message=_("This source is already cited for the event."),
            ),
            models.CheckConstraint(
                condition=~Q(quote=""),
                name="citation_quote_not_empty",
                violation_error_message=_("A citation quotes the passage it relies on."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source.title}: “{self.quote[:60]}”"

    @property
    def stated(self) -> DateSpan | None:
        """The date this source gives for the event, or None when it gives none."""
        if self.stated_start is None or self.stated_precision is None:
            return None
        return DateSpan(self.stated_start, Precision(self.stated_precision), self.stated_end)

    @property
    def stated_when(self) -> str:
        """That date as people write it, or "" when the source gives none."""
        stated = self.stated
        return display.written(stated) if stated else ""

    @property
    def stated_value(self) -> str:
        stated = self.stated
        return stated.value if stated else ""

    def state_date(self, span: DateSpan | None) -> None:
        """Record the date the source gives (None: it gives none), held as Dated holds
        dates: a month or a year by its first day, an end equal to the start dropped."""
        if span is None:
            self.stated_start = self.stated_precision = self.stated_end = None
            return
        start = truncate(span.start, span.precision)
        end = truncate(span.end, span.precision) if span.end else None
        self.stated_start, self.stated_precision = start, int(span.precision)
        self.stated_end = end if end != start else None

    def quote_in_source(self) -> bool:
        """Whether the quote appears in the source's stored text (True when it has none)."""
        if not self.source.text:
            return True
        return normalise_quote(self.quote) in normalise_quote(self.source.text)

    def clean(self) -> None:
        if self.source_id and self.quote and not self.quote_in_source():
            raise ValidationError(
                {"quote": _("This passage does not appear in the source's text. Copy it exactly.")}
            )


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", _("To review")
    ACCEPTED = "accepted", _("Accepted")
    DISMISSED = "dismissed", _("Dismissed")


class SuggestionQuerySet(models.QuerySet["Suggestion"]):
    def with_sentences(self) -> Self:
        """Each with its sentence cut from its source by the database, and its source without
        its text: a page of suggestions from one long article does not carry the whole
        article once for each of them."""
        length = F("sentence_end") - F("sentence_start")
        return (
            self.select_related("source")
            .defer("source__text")
            .annotate(sentence_text=Substr("source__text", F("sentence_start") + 1, length))
        )


class Suggestion(Dated):
    """A date found in an imported article, with the sentence it stands in, offered to editors
    as an event."""

    Status = SuggestionStatus

    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.CASCADE, related_name="suggestions"
    )
    # The sentence is kept as offsets into the source's text, which is stored once: a copy for
    # each date would store a long paragraph once for every date in it.
    sentence_start = models.PositiveIntegerField(
        _("sentence start"),
        help_text=_("Where the sentence the date stands in begins in the source's text."),
    )
    sentence_end = models.PositiveIntegerField(
        _("sentence end"), help_text=_("Where that sentence ends.")
    )
    mention = models.CharField(
        _("mention"), max_length=200, help_text=_("The date as the article writes it.")
    )
    # Where the date stands in the source's text: what makes the suggestion the same one when
    # the article is imported again.
    position = models.PositiveIntegerField(_("position"))
    actors = models.ManyToManyField(
        Actor, verbose_name=_("actors"), blank=True, related_name="suggestions"
    )
    places = models.ManyToManyField(
        Place, verbose_name=_("places"), blank=True, related_name="suggestions"
    )
    # Names the sentence gives that the timeline does not know yet, for an editor to keep or
    # drop: [{"name", "kind"}] and [{"name", "country", "latitude", "longitude"}]. Accepting
    # the suggestion creates those kept. Lists, not rows: most are never kept.
    proposed_actors = models.JSONField(
        _("proposed actors"),
        default=list,
        blank=True,
        help_text=_("New actors the sentence names."),
    )
    proposed_places = models.JSONField(
        _("proposed places"),
        default=list,
        blank=True,
        help_text=_("New places the clause of the date names."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.PENDING,
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
        help_text=_("The draft event made from it, once accepted."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["source", "position"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "position"], name="suggestion_unique_position"
            ),
            models.CheckConstraint(
                condition=Q(status__in=SuggestionStatus.values),
                name="suggestion_status_valid",
                violation_error_message=_("A suggestion is to review, accepted or dismissed."),
            ),
            models.CheckConstraint(
                condition=Q(sentence_start__lte=F("position"), sentence_end__gt=F("position")),
                name="suggestion_sentence_holds_date",
                violation_error_message=_("A suggestion's sentence holds its date."),
            ),
            *date_constraints("suggestion", subject=_("A suggested date")),
        ]

    def __str__(self) -> str:
        # Not the sentence: listing many suggestions (before deleting a source) would read
        # the source's whole text for each.
        return f"{self.when}: “{self.mention}”"

    @property
    def sentence(self) -> str:
        """The sentence the date stands in, as the source writes it: what an editor reviews and
        what an accepted suggestion quotes. (Of a sentence that runs on for pages, a passage
        around the date: see `events.text.passage`.)"""
        cut = getattr(self, "sentence_text", None)  # read by the database: with_sentences()
        if cut is not None:
            return cut
        return self.source.text[self.sentence_start : self.sentence_end]


class DataVersion(models.Model):
    """A counter that moves whenever published data may have changed, and when it last did.

    Cached pages and aggregates are filed under it, so a change anywhere makes every app
    server stop using what it cached before: no message between them is needed.
    """

    version = models.PositiveBigIntegerField(default=1)
    changed = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="dataversion_single_row"),
        ]

    def __str__(self) -> str:
        return f"version {self.version} ({self.changed:%Y-%m-%d %H:%M:%S})"


class MonthCount(models.Model):
    """How many published events start in a month, by how precisely their date is known and
    whether they are key events: the timeline's overview of every event, read from a few
    hundred rows rather than counted over a million (issue 19). Kept current on every
    write, in the same transaction (events.services.counts); one row per month, precision
    and key flag that has events."""

    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    precision = models.PositiveSmallIntegerField(choices=Precision.choices)
    is_key = models.BooleanField()
    count = models.PositiveIntegerField()
    # The latest day any of these events names (its end, or its start): how far back a
    # period must look for the events that run into it (events.selectors.overlapping),
    # without reading every event before the period.
    reaches = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["year", "month", "precision", "is_key"], name="monthcount_one_row_each"
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="monthcount_month"
            ),
            models.CheckConstraint(condition=Q(count__gt=0), name="monthcount_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d} ({self.precision}, key={self.is_key}): {self.count}"


class TypeMonthCount(models.Model):
    """How many published events of each type and status (held, postponed…) start in a
    month, by precision and key flag: the overview and the axis of a view narrowed to a
    type, a status or a period, read from these rows rather than counted over the events
    (issue 19). Kept with MonthCount, from the same count (events.services.counts)."""

    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    precision = models.PositiveSmallIntegerField(choices=Precision.choices)
    is_key = models.BooleanField()
    # None: the events that have no type.
    type = models.ForeignKey(EventType, on_delete=models.CASCADE, null=True, related_name="+")
    occurrence = models.CharField(max_length=10, choices=OccurrenceStatus.choices)
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["type", "occurrence", "year", "month", "precision", "is_key"],
                condition=Q(type__isnull=False),
                name="typemonthcount_one_row_each",
            ),
            models.UniqueConstraint(
                fields=["occurrence", "year", "month", "precision", "is_key"],
                condition=Q(type__isnull=True),
                name="typemonthcount_one_untyped_row_each",
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="typemonthcount_month"
            ),
            models.CheckConstraint(condition=Q(count__gt=0), name="typemonthcount_not_empty"),
            models.CheckConstraint(
                condition=Q(occurrence__in=OccurrenceStatus.values),
                name="typemonthcount_occurrence_valid",
            ),
        ]
        indexes = [
            # A status's rows, month by month (a type's are read through the unique rule's).
            models.Index(fields=["occurrence", "year", "month"], name="typemonthcount_status_idx")
        ]

    def __str__(self) -> str:
        return (
            f"{self.year}-{self.month:02d} type {self.type_id} {self.occurrence} "
            f"({self.precision}, key={self.is_key}): {self.count}"
        )


class PlaceTypeCount(models.Model):
    """How many published events of each type and status (held, postponed…) took place at
    each place: the map of a view narrowed to a type, a status or both, read from these rows
    rather than counted over the events (issue 19). Kept with Place.event_count, from the
    same change (events.services.counts). Not by month or year: with thousands of places a
    row per place, type, status and year is nearly a row per event (810,550 rows for 855,809
    placed events at a million synthetic events), no cheaper to read than the events."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="+")
    # None: the events that have no type. (Read through the unique rules, led by the type.)
    type = models.ForeignKey(
        EventType, on_delete=models.CASCADE, null=True, related_name="+", db_index=False
    )
    occurrence = models.CharField(max_length=10, choices=OccurrenceStatus.choices)
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["type", "occurrence", "place"],
                condition=Q(type__isnull=False),
                name="placetypecount_one_row_each",
            ),
            models.UniqueConstraint(
                fields=["occurrence", "place"],
                condition=Q(type__isnull=True),
                name="placetypecount_one_untyped_row_each",
            ),
            models.CheckConstraint(condition=Q(count__gt=0), name="placetypecount_not_empty"),
            models.CheckConstraint(
                condition=Q(occurrence__in=OccurrenceStatus.values),
                name="placetypecount_occurrence_valid",
            ),
        ]
        indexes = [
            # A type's rows and a status's, place by place, their counts in the index:
            # summed per place without reading the table or sorting.
            models.Index(
                fields=["type", "place", "occurrence", "count"], name="placetypecount_type_idx"
            ),
            models.Index(
                fields=["occurrence", "place", "count"], name="placetypecount_status_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"place {self.place_id} type {self.type_id} {self.occurrence}: {self.count}"
