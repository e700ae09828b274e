"""Forms: the timeline's filters, and the event form editors use in the admin."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.core.validators import slug_re
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from events import search
from events.dates.display import written_period as format_date
from events.dates.reading import (
    MAX_EXPRESSION_LENGTH,
    DateNotUnderstood,
    Resolution,
    resolve_date,
)
from events.dates.values import Precision, last_day, parse_iso_value
from events.ingest import MAX_ARTICLE_BYTES, Article, ArticleError, dateline, parse_article
from events.models import Actor, Event, EventType, Place, Source
from events.timeline import TimelineFilters

# The admin's inline of citations posts its fields under this prefix.
CITATIONS_PREFIX = "citations"

# Caps what a hostile or mistaken address can make the database chew on.
MAX_SEARCH_LENGTH = 200
MAX_PERIOD_LENGTH = 20


class PeriodField(forms.Field):
    """A year, month or day in ISO form ("2019", "2020-02", "2020-02-29")."""

    def __init__(self, *, bound: str, **kwargs: Any) -> None:
        self.bound = bound  # "start" or "end": which end of the period the value stands for
        kwargs.setdefault("required", False)
        # The template explains the format once for both fields, in #period-help.
        attrs = {"placeholder": "e.g. 2020-02", "size": 10, "aria-describedby": "period-help"}
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> date | None:
        text = str(value or "").strip()
        if not text:
            return None
        if len(text) > MAX_PERIOD_LENGTH:
            text = text[:MAX_PERIOD_LENGTH] + "…"
        try:
            start, precision = parse_iso_value(text)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid") from None
        return start if self.bound == "start" else last_day(start, Precision(precision))


def _looks_like_slug(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= 200 and slug_re.fullmatch(value) is not None


class SlugChoiceField(forms.ModelChoiceField):
    """Chooses by slug; anything that cannot be a slug is refused before the database sees
    it (PostgreSQL rejects some characters, such as NUL, with an error rather than no row)."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if not _looks_like_slug(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class SlugMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value: Any) -> Any:
        for item in value:
            if not _looks_like_slug(item):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)


class TimelineFilterForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=MAX_SEARCH_LENGTH,
        widget=forms.SearchInput(attrs={"placeholder": "Words in events, actors, places"}),
        error_messages={"max_length": f"Search for at most {MAX_SEARCH_LENGTH} characters."},
    )
    actor = SlugMultipleChoiceField(
        label="Actor",
        queryset=Actor.objects.all(),
        to_field_name="slug",
        required=False,
        error_messages={"invalid_choice": "There is no actor “%(value)s”."},
    )
    place = SlugMultipleChoiceField(
        label="Place",
        queryset=Place.objects.all(),
        to_field_name="slug",
        required=False,
        error_messages={"invalid_choice": "There is no place “%(value)s”."},
    )
    type = SlugChoiceField(
        label="Type",
        queryset=EventType.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any type",
        error_messages={"invalid_choice": "There is no event type “%(value)s”."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Publicly, an actor or place exists once a published event names it: one known
        # only to drafts is not offered, nor named, nor accepted.
        published = Event.objects.published()
        for name in ("actor", "place"):
            field = self.fields[name]
            field.queryset = field.queryset.filter(events__in=published).distinct()
        # "from" is a Python keyword, so these two are added by name.
        self.fields["from"] = PeriodField(label="From", bound="start")
        self.fields["to"] = PeriodField(label="To", bound="end")
        for name in ("actor", "place"):
            self.fields[name].widget.attrs["size"] = 4

    def offer(self, *, actors: list[tuple[str, str]], places: list[tuple[str, str]]) -> None:
        """Offer these (slug, name) choices in the Actor and Place lists, plus whatever the
        address has chosen. Any actor or place is still accepted: the lists only keep the
        page light when there are hundreds (the Search box finds the others by name)."""
        for name, offered in (("actor", actors), ("place", places)):
            values = self.data.getlist(name) if hasattr(self.data, "getlist") else []
            chosen = {value for value in values if _looks_like_slug(value)}
            known = {slug for slug, _ in offered}
            extra = self.fields[name].queryset.filter(slug__in=chosen - known)
            choices = sorted([*offered, *((o.slug, str(o)) for o in extra)], key=lambda c: c[1])
            self.fields[name].widget.choices = choices

    def clean_q(self) -> str:
        text = " ".join(self.cleaned_data["q"].split())
        if search.words(text) and not search.terms(text):
            # PostgreSQL would match nothing, SQLite nearly everything: say so instead.
            raise forms.ValidationError(
                "“%(text)s” holds only words too common to search for: "
                "add a more particular one (a name, a place, a word like “ceasefire”).",
                params={"text": text},
            )
        return text

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            self.add_error("to", "“To” comes before “From”: swap them to see that period.")
            cleaned.pop("to", None)
        return cleaned

    def filters(self) -> TimelineFilters:
        """The filters from the valid fields; an invalid field is reported and left out."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return TimelineFilters(
            q=" ".join((data.get("q") or "").split()),
            actors=tuple(data.get("actor") or ()),
            places=tuple(data.get("place") or ()),
            type=data.get("type"),
            start=data.get("from"),
            end=data.get("to"),
        )


# The event form editors use in the admin ------------------------------------------------


@dataclass(frozen=True)
class WhenBase:
    """The date that relative expressions count from, and where it comes from."""

    date: date
    source: Source | None

    def __str__(self) -> str:
        written = format_date(self.date, Precision.DAY)
        if self.source is None:
            return f"today, {written} (no source cited yet)"
        return f"{written}, when “{self.source.title}” was published"


def when_base(data: Mapping[str, Any] | None, *, event: Event | None) -> WhenBase:
    """The publication date of the event's first cited source, or today when it cites none.

    The citations are read from the submitted form when there is one, so the base follows
    what the editor has chosen on the page before saving; otherwise from the saved event.
    """
    source = None
    if data is not None and CITATIONS_PREFIX + "-TOTAL_FORMS" in data:
        for source_id in _cited_source_ids(data):
            source = Source.objects.filter(pk=source_id).first()
            if source is not None:
                break
    elif event is not None and event.pk is not None:
        citation = event.citations.select_related("source").first()
        source = citation.source if citation else None
    if source is None:
        return WhenBase(date=timezone.localdate(), source=None)
    return WhenBase(date=source.published, source=source)


def _cited_source_ids(data: Mapping[str, Any]) -> list[int]:
    try:
        total = min(int(data.get(CITATIONS_PREFIX + "-TOTAL_FORMS", 0)), 1000)
    except (TypeError, ValueError):
        return []
    ids = []
    for index in range(total):
        prefix = f"{CITATIONS_PREFIX}-{index}-"
        if data.get(prefix + "DELETE") in {"on", "true", "1"}:
            continue
        value = str(data.get(prefix + "source") or "")
        if value.isdigit():
            ids.append(int(value))
    return ids


def describe_when(text: str, *, base: WhenBase) -> tuple[Resolution | None, str]:
    """What the "When" preview says: the date as the timeline will show it, its precision
    and, for relative expressions, the base it counted from; or why it cannot be read."""
    try:
        resolution = resolve_date(text, base=base.date)
    except DateNotUnderstood as error:
        return None, str(error)
    span = resolution.span
    parts = [
        span.written,
        span.precision.label if span.end is None else f"{span.precision.label}s",
    ]
    if resolution.relative:
        parts.append(f"relative to {base}")
    return resolution, " — ".join(parts)


class WhenInput(forms.TextInput):
    """A text input with a live preview of how the date will read on the timeline."""

    template_name = "admin/events/event/when_input.html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.preview = ""
        self.preview_ok = True

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["preview"] = self.preview
        context["preview_ok"] = self.preview_ok
        return context


class EventForm(forms.ModelForm):
    # When the editor opened the event: a save on top of someone else's is refused.
    seen = forms.CharField(required=False, widget=forms.HiddenInput)
    when = forms.CharField(
        label="When",
        max_length=MAX_EXPRESSION_LENGTH,
        widget=WhenInput(attrs={"size": 40, "autocomplete": "off"}),
        help_text="As you would write it: “29 February 2020”, “February 2020”, “2019”, "
        "“28–30 May 2019”, “February last year”, “in October”. Relative dates count from "
        "the publication date of the first source cited below.",
    )

    class Meta:
        model = Event
        # start, precision and end are set from "When".
        fields = [
            "title",
            "slug",
            "status",
            "is_key",
            "summary",
            "body",
            "type",
            "actors",
            "place",
            "related",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["when"] = self.instance.when
            self.initial["seen"] = self.instance.updated.isoformat()
        self.base = when_base(self.data if self.is_bound else None, event=self.instance)
        # As the editor types, htmx asks the admin for a preview, sending the chosen sources.
        cited = ", ".join(f"#event_form [name{match}]" for match in ("$='-source'", "$='-DELETE'"))
        self.fields["when"].widget.attrs.update(
            {
                "data-hx-get": reverse("admin:events_event_when_preview"),
                "data-hx-trigger": "input changed delay:300ms, when-refresh",
                "data-hx-target": "#when-preview",
                "data-hx-swap": "outerHTML",
                "data-hx-include": f"{cited}, #event_form [name='{CITATIONS_PREFIX}-TOTAL_FORMS']",
                "aria-describedby": "when-preview id_when_helptext",
            }
        )
        text = self["when"].value()
        if text:
            _, preview = describe_when(str(text), base=self.base)
            self.fields["when"].widget.preview = preview

    def clean_when(self) -> str:
        text = self.cleaned_data["when"]
        try:
            resolution = resolve_date(text, base=self.base.date)
        except DateNotUnderstood as error:
            self.fields["when"].widget.preview_ok = False
            raise forms.ValidationError(str(error), code="invalid") from None
        span = resolution.span
        self.instance.start, self.instance.precision, self.instance.end = (
            span.start,
            span.precision,
            span.end,
        )
        return text

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.instance.pk and self.is_bound:
            events = Event.objects.filter(pk=self.instance.pk)
            if connection.in_atomic_block:  # the admin saves in a transaction: hold the row
                events = events.select_for_update()
            current = events.values_list("updated", flat=True).first()
            if current is not None and cleaned.get("seen") != current.isoformat():
                record = self.instance.history.first()
                who = f" by {record.history_user}" if record and record.history_user else ""
                raise forms.ValidationError(
                    f"While you were editing, this event was changed{who} at "
                    f"{timezone.localtime(current):%H:%M:%S on %d %B %Y}. Your changes were not "
                    "saved, so that theirs are not lost: reload the page to see them, then make "
                    "yours again.",
                    code="stale",
                )
        return cleaned

    def _get_validation_exclusions(self) -> set[str]:
        # The date fields are set from "When", not shown: once it is read, check them too.
        excluded = super()._get_validation_exclusions()
        if "when" in self.cleaned_data:
            return excluded - {"start", "precision", "end"}
        return excluded


class ArticleImportForm(forms.Form):
    """An article pasted or uploaded in the admin, to import as a source with suggestions."""

    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 90}),
        help_text="Paste the article's text, or upload its file below.",
    )
    file = forms.FileField(
        required=False, help_text="A UTF-8 text file of at most 1 MB, instead of pasting."
    )
    published = forms.DateField(
        required=False,
        label="Publication date",
        help_text="YYYY-MM-DD. Needed unless the text opens with a dateline “date YYYY-MM-DD”; "
        "relative dates in the article count from it.",
    )
    title = forms.CharField(
        required=False, max_length=300, help_text="Left empty, the first sentence serves."
    )
    publisher = forms.CharField(required=False, max_length=200)
    url = forms.URLField(required=False, max_length=500, label="URL")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        text, upload = cleaned.get("text", ""), cleaned.get("file")
        if bool(text.strip()) == bool(upload):
            raise forms.ValidationError("Paste the article's text or upload its file (not both).")
        name = upload.name if upload else "The pasted text"
        if upload:
            if upload.size > MAX_ARTICLE_BYTES:
                raise forms.ValidationError(f"{name} is larger than 1 MB.")
            try:
                text = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise forms.ValidationError(f"{name} is not UTF-8 text.") from None
            if "\x00" in text:
                raise forms.ValidationError(f"{name} is not text.")
        published = cleaned.get("published")
        try:
            if published is None:
                self.article = parse_article(text, name=name)
            else:
                body = text[dateline(text)[1] :].strip()
                if not body:
                    raise ArticleError(f"{name}: has no text.")
                self.article = Article(published=published, text=body)
        except ArticleError as error:
            raise forms.ValidationError(str(error)) from None
        return cleaned
