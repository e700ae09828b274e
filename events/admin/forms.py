"""The forms editors use in the admin: an event (with its "When" field and citations), a phase
(with the same "When" field), and an article to import."""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.db import connection
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from events.dates import display
from events.dates.reading import (
    MAX_EXPRESSION_LENGTH,
    DateNotUnderstood,
    Resolution,
    resolve_date,
)
from events.dates.values import Precision
from events.ingest.articles import (
    MAX_ARTICLE_BYTES,
    ArticleError,
    decode_article,
    parse_article,
)
from events.models import LANGUAGE_TAG, ActorRole, Citation, Commitment, Event, Phase, Source
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
            if self.cites:
                return gettext("today, %(date)s (no source cited yet)") % {"date": written}
            return gettext("today, %(date)s") % {"date": written}
        if not self.named:
            return gettext("%(date)s, when the first source cited was published") % {
                "date": written
            }
        return gettext("%(date)s, when “%(title)s” was published") % {
            "date": written,
            "title": self.source.title,
        }


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
    parts = [display.written(span), str(_PRECISION_WORDS[span.precision, span.end is not None])]
    if resolution.timex:
        # What the days are: a week, a quarter, a season, "now" (TimeML's own values).
        parts.append(_timex_words(resolution.timex))
    if resolution.relative:
        parts.append(gettext("relative to %(base)s") % {"base": base})
    return resolution, " — ".join(parts)


_WEEK = re.compile(r"(?P<year>[0-9]{4})-W(?P<week>[0-9]{2})(?P<weekend>-WE)?")
_QUARTER = re.compile(r"(?P<year>[0-9]{4})-Q(?P<quarter>[1-4])")
_HALF = re.compile(r"(?P<year>[0-9]{4})-H(?P<half>[12])")
_HALVES = {
    "1": gettext_lazy("first half of %(year)s"),
    "2": gettext_lazy("second half of %(year)s"),
}
_SEASON = re.compile(r"(?P<year>[0-9]{4})-(?P<season>SP|SU|FA|WI)")
_SEASONS = {
    "SP": gettext_lazy("spring %(year)s"),
    "SU": gettext_lazy("summer %(year)s"),
    "FA": gettext_lazy("autumn %(year)s"),
    "WI": gettext_lazy("winter %(year)s"),
}
# "tonight", "this morning": a TIME of the day (TimeML's "2019-06-05TNI"); the event takes
# the day.
_PART_OF_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T(?P<part>MO|AF|EV|NI)")
_PARTS_OF_DAY = {
    "MO": gettext_lazy("in the morning"),
    "AF": gettext_lazy("in the afternoon"),
    "EV": gettext_lazy("in the evening"),
    "NI": gettext_lazy("at night"),
}


def _timex_words(timex: str) -> str:
    """A TimeML value the days alone do not say, in the editor's words: "week 23 of 2019"."""
    if timex == "PRESENT_REF":
        return gettext("now, the day it is said")
    if match := _WEEK.fullmatch(timex):
        said = {
            "week": display.numerals(int(match["week"])),
            "year": display.numerals(match["year"]),
        }
        if match["weekend"]:
            return gettext("the weekend of week %(week)s of %(year)s") % said
        return gettext("week %(week)s of %(year)s") % said
    if match := _QUARTER.fullmatch(timex):
        said = {
            "quarter": display.numerals(match["quarter"]),
            "year": display.numerals(match["year"]),
        }
        return gettext("quarter %(quarter)s of %(year)s") % said
    if match := _HALF.fullmatch(timex):
        return str(_HALVES[match["half"]]) % {"year": display.numerals(match["year"])}
    if match := _SEASON.fullmatch(timex):
        return str(_SEASONS[match["season"]]) % {"year": display.numerals(match["year"])}
    if match := _PART_OF_DAY.fullmatch(timex):
        return str(_PARTS_OF_DAY[match["part"]])
    return timex


# The preview's word for a date's precision, in the editor's language: "day", or "days" for
# a range of them.
_PRECISION_WORDS = {
    (Precision.YEAR, False): gettext_lazy("year"),
    (Precision.YEAR, True): gettext_lazy("years"),
    (Precision.MONTH, False): gettext_lazy("month"),
    (Precision.MONTH, True): gettext_lazy("months"),
    (Precision.DAY, False): gettext_lazy("day"),
    (Precision.DAY, True): gettext_lazy("days"),
}


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


def when_field(*, help_text: str | Promise) -> forms.CharField:
    """The "When" field: a date typed as people write it, previewed as the timeline shows it."""
    return forms.CharField(
        label=gettext_lazy("When"),
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


# An event's title, summary and body in Dari and Pashto, edited beside the English.
TRANSLATION_FIELDS = [
    f"{field}_{code}" for field in ("title", "summary", "body") for code in ("fa", "ps")
]
_LANGUAGE_TAGS = {"fa": "fa-AF", "ps": "ps-AF"}


def right_to_left(form: forms.BaseForm) -> None:
    """Type Dari and Pashto fields right to left, each in its language (for the keyboard,
    the spelling checker and the font)."""
    for name, field in form.fields.items():
        code = name.rsplit("_", 1)[-1]
        if code in _LANGUAGE_TAGS:
            field.widget.attrs.update({"dir": "rtl", "lang": _LANGUAGE_TAGS[code]})


class EventForm(DatedForm):
    # When the editor opened the event: a save on top of someone else's is refused.
    seen = forms.CharField(required=False, widget=forms.HiddenInput)
    when = when_field(
        help_text=gettext_lazy(
            "As you would write it: “29 February 2020”, “February 2020”, “2019”, "
            "“28–30 May 2019”, “February last year”, “in October”. Relative dates count from "
            "the publication date of the first source cited below."
        )
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
            *TRANSLATION_FIELDS,
            "date_note",
            "type",
            "actors",
            "place",
            "related",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        right_to_left(self)
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
                changed = timezone.localtime(current)
                when = {"time": f"{changed:%H:%M:%S}", "date": display.written(changed.date())}
                if record and record.history_user:
                    message = gettext(
                        "While you were editing, this event was changed by %(user)s at "
                        "%(time)s on %(date)s. Your changes were not saved, so that theirs are "
                        "not lost: reload the page to see them, then make yours again."
                    ) % {**when, "user": record.history_user}
                else:
                    message = (
                        gettext(
                            "While you were editing, this event was changed at %(time)s on "
                            "%(date)s. Your changes were not saved, so that theirs are not lost: "
                            "reload the page to see them, then make yours again."
                        )
                        % when
                    )
                raise forms.ValidationError(message, code="stale")
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
        help_text=gettext_lazy(
            "The whole period, as you would write it: “12 September 2020 – 15 August "
            "2021”, “November 2018 – May 2019”, “2019”. A single day, month or year (no end) "
            "is a phase of that one period."
        )
    )

    class Meta:
        model = Phase
        # start, precision and end are set from "When".
        fields = [
            "name",
            "name_fa",
            "name_ps",
            "slug",
            "description",
            "description_fa",
            "description_ps",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        right_to_left(self)
        self.base = phase_base()
        self.prepare_when(preview_url=reverse("admin:events_phase_when_preview"))


class ActorRoleForm(DatedForm):
    """A role an actor held, in a row of the actor's form: its period read from "When" as a
    phase's is (with no live preview, which a page of several rows could not tell apart)."""

    when = forms.CharField(
        label=gettext_lazy("When"),
        max_length=MAX_EXPRESSION_LENGTH,
        widget=forms.TextInput(attrs={"size": 30, "autocomplete": "off"}),
        help_text=gettext_lazy("The period it was held: “September 2018 – October 2021”, “2019”."),
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


class CommitmentForm(forms.ModelForm):
    """A commitment, its deadline typed as people write a date ("10 March 2020", "March
    2020"), or counted "within" days or months of an event."""

    deadline = forms.CharField(
        label=gettext_lazy("Deadline"),
        required=False,
        max_length=MAX_EXPRESSION_LENGTH,
        widget=forms.TextInput(attrs={"size": 30, "autocomplete": "off"}),
        help_text=gettext_lazy(
            "The date it was due by, as you would write it: “10 March 2020”, “March "
            "2020”. Leave it empty for a deadline counted “within” a time of an event below, or "
            "where no source states one (then say so in the note)."
        ),
    )

    class Meta:
        model = Commitment
        # deadline_start and deadline_precision are set from "Deadline".
        fields = [
            "agreement",
            "position",
            "promise",
            "parties",
            "within",
            "within_unit",
            "counted_from",
            "deadline_note",
            "source",
            "quote",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        deadline = self.instance.deadline_start and self.instance.deadline
        if deadline and not self.is_bound:
            self.initial["deadline"] = display.written(deadline.span)

    def clean_deadline(self) -> str:
        text = self.cleaned_data["deadline"].strip()
        self.instance.deadline_start = self.instance.deadline_precision = None
        if not text:
            return text
        try:
            span = resolve_date(text, base=timezone.localdate()).span
        except DateNotUnderstood as error:
            raise forms.ValidationError(
                gettext("Deadline: %(error)s") % {"error": error}, code="invalid"
            ) from None
        if span.end is not None:
            raise forms.ValidationError(
                gettext("Deadline: one date, the last it was due by, not a period."),
                code="period",
            )
        self.instance.deadline_start, self.instance.deadline_precision = span.start, span.precision
        return text

    def _get_validation_exclusions(self) -> set[str]:
        # The deadline's fields are set from "Deadline", not shown: once it is read, check
        # them too.
        excluded = super()._get_validation_exclusions()
        if "deadline" in self.cleaned_data:
            return excluded - {"deadline_start", "deadline_precision"}
        return excluded

    def _update_errors(self, errors: forms.ValidationError) -> None:
        # The model names its deadline fields; the editor sees them as "Deadline".
        if hasattr(errors, "error_dict"):
            for name in ("deadline_start", "deadline_precision"):
                if name in errors.error_dict:
                    moved = errors.error_dict.pop(name)
                    errors.error_dict.setdefault("deadline", []).extend(moved)
        super()._update_errors(errors)


class CitationForm(forms.ModelForm):
    """A source cited for an event, with the passage and the date the source gives."""

    stated = forms.CharField(
        label=gettext_lazy("Date the source gives"),
        required=False,
        max_length=MAX_EXPRESSION_LENGTH,
        widget=forms.TextInput(attrs={"size": 30, "autocomplete": "off"}),
        help_text=gettext_lazy(
            "The date this source gives for the event, written as in the “When” field "
            "(“28 May 2019”, “27–28 May 2019”, “on Tuesday”); relative dates count from the "
            "source's publication date. Leave it empty when the source gives no date. Where "
            "sources give different dates, the event's page shows each of them."
        ),
    )

    class Meta:
        model = Citation
        # The passage as the source writes it, then an editor's translations of it.
        fields = [
            "source",
            "quote",
            "translation_en",
            "translation_fa",
            "translation_ps",
            "stated",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        right_to_left(self)
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
        label=gettext_lazy("Text"),
        widget=forms.Textarea(attrs={"rows": 14, "cols": 90}),
        help_text=gettext_lazy("Paste the article's text, or upload its file below."),
    )
    file = forms.FileField(
        required=False,
        label=gettext_lazy("File"),
        help_text=gettext_lazy("A UTF-8 text file of at most 1 MB, instead of pasting."),
    )
    published = forms.DateField(
        required=False,
        label=gettext_lazy("Publication date"),
        help_text=gettext_lazy(
            "YYYY-MM-DD. Needed unless the text opens with a dateline “date YYYY-MM-DD”; "
            "relative dates in the article count from it."
        ),
    )
    title = forms.CharField(
        required=False,
        max_length=300,
        label=gettext_lazy("Title"),
        help_text=gettext_lazy(
            "Left empty, the article's header (a “title:” line after its dateline) or "
            "else its first sentence serves."
        ),
    )
    publisher = forms.CharField(
        required=False,
        max_length=200,
        label=gettext_lazy("Publisher"),
        help_text=gettext_lazy("Left empty, the header's “publisher:”."),
    )
    url = forms.URLField(
        required=False,
        max_length=500,
        label=gettext_lazy("URL"),
        help_text=gettext_lazy("Left empty, the header's “url:”."),
    )
    language = forms.CharField(
        required=False,
        max_length=35,
        label=gettext_lazy("Language"),
        validators=[LANGUAGE_TAG],
        help_text=gettext_lazy(
            "The article's language as a tag (en, fa, ps). Left empty, the header's “language:”."
        ),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        text, upload = cleaned.get("text", ""), cleaned.get("file")
        if bool(text.strip()) == bool(upload):
            raise forms.ValidationError(
                gettext("Paste the article's text or upload its file (not both).")
            )
        name = upload.name if upload else gettext("The pasted text")
        try:
            # An upload is read no further than the limit; pasted text is held to it too.
            raw = upload.read(MAX_ARTICLE_BYTES + 1) if upload else text.encode("utf-8")
            self.article = parse_article(
                decode_article(raw, name=name), name=name, published=cleaned.get("published")
            )
        except ArticleError as error:
            raise forms.ValidationError(str(error)) from None
        return cleaned
