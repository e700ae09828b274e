"""The forms editors use in the admin: an event (with its "When" field and citations), a phase
(with the same "When" field), and an article to import."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.db import connection
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils import timezone

from events.dates import display
from events.dates.reading import (
    MAX_EXPRESSION_LENGTH,
    DateNotUnderstood,
    Resolution,
    resolve_date,
)
from events.ingest.articles import (
    MAX_ARTICLE_BYTES,
    ArticleError,
    decode_article,
    parse_article,
)
from events.models import LANGUAGE_TAG, ActorRole, Citation, Event, Phase, Source
from events.services.publishing import check_publishable, check_still_cited

# The admin's inline of citations posts its fields under this prefix.
CITATIONS_PREFIX = "citations"


class CitationFormSet(BaseInlineFormSet):
    """The sources an event cites: a published event must keep at least one."""

    def clean(self) -> None:
        super().clean()
        if self.instance.status != Event.Status.PUBLISHED:
            return
        cited = [
            form
            for form in self.forms
            if form.cleaned_data.get("source") and not form.cleaned_data.get("DELETE")
        ]
        check_publishable(cited=len(cited))


@dataclass(frozen=True)
class WhenBase:
    """The date that relative expressions count from, and where it comes from."""

    date: date
    source: Source | None
    # Whether the source may be named: not to someone who may not see sources.
    named: bool = True
    # Whether what is dated cites sources at all (an event does, a phase does not).
    cites: bool = True

    def __str__(self) -> str:
        written = display.written(self.date)
        if self.source is None:
            return f"today, {written} (no source cited yet)" if self.cites else f"today, {written}"
        if not self.named:
            return f"{written}, when the first source cited was published"
        return f"{written}, when “{self.source.title}” was published"


def cites_on_form(data: Mapping[str, Any] | None) -> bool:
    """Whether a submitted event form carries its citations (the admin's change form does;
    a revert from the history does not, and leaves the stored ones as they are)."""
    return data is not None and CITATIONS_PREFIX + "-TOTAL_FORMS" in data


def when_base(
    data: Mapping[str, Any] | None, *, event: Event | None, name_source: bool = True
) -> WhenBase:
    """The publication date of the event's first cited source, or today when it cites none.

    The citations are read from the submitted form when there is one, so the base follows
    what the editor has chosen on the page before saving; otherwise from the saved event.
    """
    source = None
    if cites_on_form(data):
        for source_id in _cited_source_ids(data):
            source = Source.objects.filter(pk=source_id).first()
            if source is not None:
                break
    elif event is not None and event.pk is not None:
        citation = event.citations.select_related("source").first()
        source = citation.source if citation else None
    if source is None:
        return WhenBase(date=timezone.localdate(), source=None)
    return WhenBase(date=source.published, source=source, named=name_source)


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
        if value.isascii() and value.isdigit():  # not "²", which int() cannot read
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
        display.written(span),
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


def when_field(*, help_text: str) -> forms.CharField:
    """The "When" field: a date typed as people write it, previewed as the timeline shows it."""
    return forms.CharField(
        label="When",
        max_length=MAX_EXPRESSION_LENGTH,
        widget=WhenInput(attrs={"size": 40, "autocomplete": "off"}),
        help_text=help_text,
    )


class DatedForm(forms.ModelForm):
    """A form for a dated row (an event, a phase) whose start, precision and end are read from
    its "When" field, which a subclass declares with `when_field`."""

    # The date relative expressions ("February last year") count from; set by the subclass
    # before it calls `prepare_when`.
    base: WhenBase

    def prepare_when(self, *, preview_url: str, include: str = "") -> None:
        """Show the stored date in "When", and as the editor types ask `preview_url` (with
        htmx, sending the fields `include` selects) how it will read."""
        if self.instance.pk and not self.is_bound:
            self.initial["when"] = self.instance.when
        attrs = {
            "data-hx-get": preview_url,
            "data-hx-trigger": "input changed delay:300ms, when-refresh",
            "data-hx-target": "#when-preview",
            "data-hx-swap": "outerHTML",
            "aria-describedby": "when-preview id_when_helptext",
        }
        if include:
            attrs["data-hx-include"] = include
        self.fields["when"].widget.attrs.update(attrs)
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

    def _get_validation_exclusions(self) -> set[str]:
        # The date fields are set from "When", not shown: once it is read, check them too.
        excluded = super()._get_validation_exclusions()
        if "when" in self.cleaned_data:
            return excluded - {"start", "precision", "end"}
        return excluded


class EventForm(DatedForm):
    # When the editor opened the event: a save on top of someone else's is refused.
    seen = forms.CharField(required=False, widget=forms.HiddenInput)
    when = when_field(
        help_text="As you would write it: “29 February 2020”, “February 2020”, “2019”, "
        "“28–30 May 2019”, “February last year”, “in October”. Relative dates count from "
        "the publication date of the first source cited below."
    )

    class Meta:
        model = Event
        # start, precision and end are set from "When".
        fields = [
            "title",
            "slug",
            "status",
            "occurrence",
            "is_key",
            "summary",
            "body",
            "date_note",
            "type",
            "actors",
            "place",
            "related",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["seen"] = self.instance.updated.isoformat()
        self.base = when_base(self.data if self.is_bound else None, event=self.instance)
        # As the editor types, htmx asks the admin for a preview, sending the chosen sources.
        cited = ", ".join(f"#event_form [name{match}]" for match in ("$='-source'", "$='-DELETE'"))
        self.prepare_when(
            preview_url=reverse("admin:events_event_when_preview"),
            include=f"{cited}, #event_form [name='{CITATIONS_PREFIX}-TOTAL_FORMS']",
        )

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
                changed = timezone.localtime(current)
                raise forms.ValidationError(
                    f"While you were editing, this event was changed{who} at "
                    f"{changed:%H:%M:%S} on {display.written(changed.date())}. Your changes "
                    "were not saved, so that theirs are not lost: reload the page to see them, "
                    "then make yours again.",
                    code="stale",
                )
        if cleaned.get("status") == Event.Status.PUBLISHED and not cites_on_form(self.data):
            # Without its citations on the form (a revert), the event keeps those it has: it
            # may be published only if it cites a source already. (The row is held above.)
            try:
                check_still_cited(self.instance)
            except forms.ValidationError as error:
                self.add_error("status", error)
        return cleaned


def phase_base() -> WhenBase:
    """What a phase's relative dates count from: today (a phase cites no source)."""
    return WhenBase(date=timezone.localdate(), source=None, cites=False)


class PhaseForm(DatedForm):
    when = when_field(
        help_text="The whole period, as you would write it: “12 September 2020 – 15 August "
        "2021”, “November 2018 – May 2019”, “2019”. A single day, month or year (no end) is "
        "a phase of that one period."
    )

    class Meta:
        model = Phase
        # start, precision and end are set from "When".
        fields = ["name", "slug", "description"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.base = phase_base()
        self.prepare_when(preview_url=reverse("admin:events_phase_when_preview"))


class ActorRoleForm(DatedForm):
    """A role an actor held, in a row of the actor's form: its period read from "When" as a
    phase's is (with no live preview, which a page of several rows could not tell apart)."""

    when = forms.CharField(
        label="When",
        max_length=MAX_EXPRESSION_LENGTH,
        widget=forms.TextInput(attrs={"size": 30, "autocomplete": "off"}),
        help_text="The period it was held: “September 2018 – October 2021”, “2019”.",
    )

    class Meta:
        model = ActorRole
        # start, precision and end are set from "When".
        fields = ["role"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.base = phase_base()
        if self.instance.pk and not self.is_bound:
            self.initial["when"] = self.instance.when


class CitationForm(forms.ModelForm):
    """A source cited for an event, with the passage and the date the source gives."""

    stated = forms.CharField(
        label="Date the source gives",
        required=False,
        max_length=MAX_EXPRESSION_LENGTH,
        widget=forms.TextInput(attrs={"size": 30, "autocomplete": "off"}),
        help_text="The date this source gives for the event, written as in the “When” field "
        "(“28 May 2019”, “27–28 May 2019”, “on Tuesday”); relative dates count from the "
        "source's publication date. Leave it empty when the source gives no date. Where "
        "sources give different dates, the event's page shows each of them.",
    )

    class Meta:
        model = Citation
        fields = ["source", "quote", "stated"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["stated"] = self.instance.stated_when

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        text = (cleaned.get("stated") or "").strip()
        if not text:
            self.instance.state_date(None)
            return cleaned
        source = cleaned.get("source")
        base = source.published if source else timezone.localdate()
        try:
            resolution = resolve_date(text, base=base)
        except DateNotUnderstood as error:
            self.add_error("stated", forms.ValidationError(str(error), code="invalid"))
            return cleaned
        self.instance.state_date(resolution.span)
        return cleaned

    def _get_validation_exclusions(self) -> set[str]:
        # The stated date's fields are set from "Date the source gives": check them too.
        return super()._get_validation_exclusions() - {
            "stated_start",
            "stated_precision",
            "stated_end",
        }


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
        required=False,
        max_length=300,
        help_text="Left empty, the article's header (a “title:” line after its dateline) or "
        "else its first sentence serves.",
    )
    publisher = forms.CharField(
        required=False, max_length=200, help_text="Left empty, the header's “publisher:”."
    )
    url = forms.URLField(
        required=False, max_length=500, label="URL", help_text="Left empty, the header's “url:”."
    )
    language = forms.CharField(
        required=False,
        max_length=35,
        validators=[LANGUAGE_TAG],
        help_text="The article's language as a tag (en, fa, ps). Left empty, the header's "
        "“language:”.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        text, upload = cleaned.get("text", ""), cleaned.get("file")
        if bool(text.strip()) == bool(upload):
            raise forms.ValidationError("Paste the article's text or upload its file (not both).")
        name = upload.name if upload else "The pasted text"
        try:
            # An upload is read no further than the limit; pasted text is held to it too.
            raw = upload.read(MAX_ARTICLE_BYTES + 1) if upload else text.encode("utf-8")
            self.article = parse_article(
                decode_article(raw, name=name), name=name, published=cleaned.get("published")
            )
        except ArticleError as error:
            raise forms.ValidationError(str(error)) from None
        return cleaned
