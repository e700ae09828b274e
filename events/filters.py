"""What a reader narrows the timeline to: the filter form of `/` (and of every export that
takes the same filters), read from an address into `TimelineFilters`.

Only reading and checking the address lives here; which events the filters select is
`events.selectors.filter_events`.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.core.validators import slug_re
from django.utils.functional import Promise, lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events import search
from events.dates import display
from events.dates.values import Precision, last_day, parse_iso_value
from events.models import Actor, EventType, OccurrenceStatus, Phase, Place
from events.script import sort_key
from events.translations import ENGLISH, Shown, choice_label, marked


@dataclass(frozen=True)
class TimelineFilters:
    """What a reader narrowed the timeline to; empty fields do not narrow it."""

    q: str = ""
    actors: Sequence[Actor] = ()
    # Events with every one of the chosen actors (`match=all`), rather than any of them.
    match_all: bool = False
    places: Sequence[Place] = ()
    type: EventType | None = None
    # A named period of the process: its days narrow the list as `from` and `to` do.
    phase: Phase | None = None
    # Inclusive bounds: the first day of the `from` period, the last day of the `to` period.
    start: date | None = None
    end: date | None = None
    # Newest first ("Latest developments"): which way the list runs, not which events.
    newest: bool = False
    # Whether events took place (`?status=postponed`): an OccurrenceStatus value, or "" for any.
    occurrence: str = ""
    # The events the words found among those the other filters select, once read for a
    # request (`events.selectors.with_matches`): every query of the request then reads them
    # rather than asking the search index again. Not part of `key`: the words are.
    matches: search.Matches | None = None

    @property
    def key(self) -> str:
        """The filters as text, the same for the same filters, to file cached counts under."""
        return "|".join(
            [
                " ".join(search.terms(self.q)),
                ",".join(sorted(actor.slug for actor in self.actors)),
                MATCH_ALL if self.every_actor else "",
                ",".join(sorted(place.slug for place in self.places)),
                self.type.slug if self.type else "",
                self.phase.slug if self.phase else "",
                str(self.start or ""),
                str(self.end or ""),
                self.occurrence,
            ]
        )

    @property
    def active(self) -> bool:
        return bool(
            self.q
            or self.actors
            or self.places
            or self.type
            or self.phase
            or self.start
            or self.end
            or self.occurrence
        )

    @property
    def every_actor(self) -> bool:
        """Whether the events must have every chosen actor: with one chosen, any is all."""
        return self.match_all and len(self.actors) > 1

    @property
    def period(self) -> tuple[date | None, date | None]:
        """The first and last day the list is narrowed to (None: not narrowed at that end):
        `from` and `to`, and with a phase the days both it and they cover."""
        first, last = self.start, self.end
        if self.phase is not None:
            phase_first, phase_last = self.phase.days
            first = max(first, phase_first) if first else phase_first
            last = min(last, phase_last) if last else phase_last
        return first, last


# The order a list may run in, as the address names it (`order=newest`); oldest first when
# absent, as the timeline has always read.
NEWEST = "newest"
# How repeated actors combine, as the address names it (`match=all`): events with every one
# of them; any of them when absent (or `match=any`).
MATCH_ALL = "all"
MATCH_ANY = "any"


# Caps what a hostile or mistaken address can make the database chew on.
MAX_SEARCH_LENGTH = 200
MAX_PERIOD_LENGTH = 20


class PeriodField(forms.Field):
    """A year, month or day in ISO form ("2019", "2020-02", "2020-02-29")."""

    def __init__(self, *, bound: str, **kwargs: Any) -> None:
        self.bound = bound  # "start" or "end": which end of the period the value stands for
        kwargs.setdefault("required", False)
        # The template explains the format once for both fields, in #period-help.
        attrs = {"placeholder": _("e.g. 2020-02"), "size": 10, "aria-describedby": "period-help"}
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


class MatchInput(forms.CheckboxInput):
    """A checkbox that submits `match=all` when ticked, and hands the form the value sent as it
    is (a plain checkbox reads any value as "ticked"), so that a wrong one can be reported."""

    def __init__(self) -> None:
        super().__init__(check_test=lambda value: value == MATCH_ALL)

    def format_value(self, value: Any) -> str:
        return MATCH_ALL

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        value = data.get(name)
        if isinstance(value, str) and len(value) > MAX_PERIOD_LENGTH:
            value = value[:MAX_PERIOD_LENGTH] + "…"  # quoted back in the message: kept short
        return value


def _looks_like_slug(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= 200 and slug_re.fullmatch(value) is not None


def _refuse_unless_slug(field: forms.Field, value: Any) -> None:
    """Refuse what cannot be a slug before the database sees it (PostgreSQL rejects some
    characters, such as NUL, with an error rather than no row)."""
    if not _looks_like_slug(value):
        raise forms.ValidationError(
            field.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class NamedOptions(forms.Select):
    """A list whose options are named in the page's language (`Shown`); a name shown in
    English for want of a translation is marked so (`lang="en"`)."""

    template_name = "events/widgets/named_options.html"

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        label = option["label"]
        if isinstance(label, Shown):
            option["label"] = label.text
            if label.untranslated:
                option["attrs"] = {**option["attrs"], "lang": ENGLISH, "dir": "ltr"}
        return option


class NamedMultipleOptions(NamedOptions, forms.SelectMultiple):
    pass


class SlugChoiceField(forms.ModelChoiceField):
    """Chooses one by slug."""

    widget = NamedOptions

    def label_from_instance(self, obj: Any) -> Shown:  # type: ignore[override]
        return choice_label(obj)

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        _refuse_unless_slug(self, value)
        return super().to_python(value)


class SlugMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Chooses any number by slug."""

    widget = NamedMultipleOptions

    def label_from_instance(self, obj: Any) -> Shown:  # type: ignore[override]
        return choice_label(obj)

    def _check_values(self, value: Any) -> Any:
        for item in value:
            _refuse_unless_slug(self, item)
        return super()._check_values(value)


def _chosen_by_slug(
    field: type[forms.ModelChoiceField],
    *,
    label: str,
    model: type,
    unknown: str | Promise,
    **kwargs: Any,
) -> forms.ModelChoiceField:
    # `unknown` is a whole sentence, so that it can be translated as one.
    return field(
        label=label,
        queryset=model.objects.all(),
        to_field_name="slug",
        required=False,
        error_messages={"invalid_choice": unknown},
        **kwargs,
    )


def _search_too_long() -> str:
    return gettext("Search for at most {count} characters.").format(
        count=display.numerals(MAX_SEARCH_LENGTH)
    )


class TimelineFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=MAX_SEARCH_LENGTH,
        widget=forms.SearchInput(attrs={"placeholder": _("Words in events, actors, places")}),
        error_messages={"max_length": lazy(_search_too_long, str)()},
    )
    actor = _chosen_by_slug(
        SlugMultipleChoiceField,
        label=_("Actor"),
        model=Actor,
        unknown=_("There is no actor “%(value)s”."),
    )
    match = forms.ChoiceField(
        label=_("Events with all chosen actors"),
        required=False,
        choices=[
            ("", _("Any of the chosen actors")),
            (MATCH_ANY, _("Any of the chosen actors")),
            (MATCH_ALL, _("All of the chosen actors")),
        ],
        widget=MatchInput(),
        error_messages={
            "invalid_choice": _(
                "“%(value)s” is not a way to match actors: give “all” for events with every "
                "chosen actor, or “any” (or nothing) for events with any of them."
            )
        },
    )
    place = _chosen_by_slug(
        SlugMultipleChoiceField,
        label=_("Place"),
        model=Place,
        unknown=_("There is no place “%(value)s”."),
    )
    type = _chosen_by_slug(
        SlugChoiceField,
        label=_("Type"),
        model=EventType,
        unknown=_("There is no event type “%(value)s”."),
        empty_label=_("Any type"),
    )
    phase = _chosen_by_slug(
        SlugChoiceField,
        label=_("Phase"),
        model=Phase,
        unknown=_("There is no phase “%(value)s”."),
        empty_label=_("Any phase"),
    )
    # One status at a time (`?status=postponed`): a select shows one, and an address that
    # repeats it is told so rather than silently narrowed to one of them.
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *OccurrenceStatus.choices],
        error_messages={
            "invalid_choice": _(
                "“%(value)s” is not a status: choose held, planned, postponed or cancelled."
            )
        },
    )
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("", _("Oldest first")), (NEWEST, _("Latest developments"))],
        error_messages={"invalid_choice": _("“%(value)s” is not an order: choose one offered.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Publicly, an actor or place exists once a published event names it: one known
        # only to drafts is not offered, nor named, nor accepted. Read from the count of
        # published events kept on each row (events.services.counts), not from a join over
        # every event that names them.
        for name in ("actor", "place"):
            field = self.fields[name]
            field.queryset = field.queryset.filter(event_count__gt=0)
        # "from" is a Python keyword, so these two are added by name.
        self.fields["from"] = PeriodField(label=_("From"), bound="start")
        self.fields["to"] = PeriodField(label=_("To"), bound="end")
        for name in ("actor", "place"):
            self.fields[name].widget.attrs["size"] = 4
        # The period beside the other filters, the order (not a filter) last.
        self.order_fields(
            ["q", "actor", "match", "place", "type", "phase", "status", "from", "to", "order"]
        )

    def offer(
        self,
        *,
        actors: list[tuple[str, Shown]],
        places: list[tuple[str, Shown]],
        phases: list[tuple[str, Shown]] | None = None,
    ) -> None:
        """Offer these (slug, name) choices in the Actor and Place lists, plus whatever the
        address has chosen. Any actor or place is still accepted: the lists only keep the
        page light when there are hundreds (the Search box finds the others by name).

        `phases` are every phase, in order, as the page already has them: the Phase list
        then asks the database for nothing more."""
        if phases is not None:
            self.fields["phase"].widget.choices = [("", self.fields["phase"].empty_label), *phases]
        for name, offered in (("actor", actors), ("place", places)):
            values = self.data.getlist(name) if hasattr(self.data, "getlist") else []
            chosen = {value for value in values if _looks_like_slug(value)}
            known = {slug for slug, _ in offered}
            extra = self.fields[name].queryset.filter(slug__in=chosen - known)
            found = ((item.slug, choice_label(item)) for item in extra)
            choices = sorted([*offered, *found], key=lambda choice: sort_key(choice[1].text))
            self.fields[name].widget.choices = choices

    def clean_q(self) -> str:
        text = " ".join(self.cleaned_data["q"].split())
        if search.words(text) and not search.terms(text):
            # PostgreSQL would match nothing, SQLite nearly everything: say so instead.
            raise forms.ValidationError(
                _(
                    "“%(text)s” holds only words too common to search for: "
                    "add a more particular one (a name, a place, a word like “ceasefire”)."
                ),
                params={"text": text},
            )
        return text

    def clean_status(self) -> str:
        given = self.data.getlist("status") if hasattr(self.data, "getlist") else []
        # Empty values (a form sent without JavaScript) choose nothing.
        chosen = [value for value in given if value.strip()]
        if len(chosen) > 1:
            raise forms.ValidationError(
                _("Choose one status at a time (the address gives %(count)s)."),
                code="repeated",
                params={"count": len(chosen)},
            )
        return self.cleaned_data["status"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            self.add_error("to", _("“To” comes before “From”: swap them to see that period."))
            cleaned.pop("to", None)
        return cleaned

    def filters(self) -> TimelineFilters:
        """The filters from the valid fields; an invalid field is reported and left out."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return TimelineFilters(
            q=" ".join((data.get("q") or "").split()),
            actors=tuple(data.get("actor") or ()),
            match_all=data.get("match") == MATCH_ALL,
            places=tuple(data.get("place") or ()),
            type=data.get("type"),
            phase=data.get("phase"),
            start=data.get("from"),
            end=data.get("to"),
            newest=data.get("order") == NEWEST,
            occurrence=data.get("status") or "",
        )

    def chosen(self) -> list[tuple[str, str, str]]:
        """Each filter the address applies, as (parameter, value, what a reader calls it:
        "Actor: Russia"), in the form's order; only valid ones, as only those narrow."""
        filters = self.filters()
        named: list[tuple[str, str, str]] = []
        if filters.q:
            named.append(("q", filters.q, _("Search: %(words)s") % {"words": filters.q}))
        for name, label, chosen in (
            ("actor", _("Actor"), filters.actors),
            ("place", _("Place"), filters.places),
        ):
            for item in chosen:
                named.append((name, item.slug, _named(label, item)))
            if name == "actor" and filters.every_actor:
                named.append(("match", MATCH_ALL, _("All of the chosen actors")))
        if filters.type:
            named.append(("type", filters.type.slug, _named(_("Type"), filters.type)))
        if filters.phase:
            named.append(("phase", filters.phase.slug, _named(_("Phase"), filters.phase)))
        if filters.occurrence:
            label = OccurrenceStatus(filters.occurrence).label
            named.append(("status", filters.occurrence, f"{_('Status')}: {label}"))
        for name, label in (("from", _("From")), ("to", _("To"))):
            if not (hasattr(self, "cleaned_data") and self.cleaned_data.get(name)):
                continue
            text = self.data[name].strip()
            start, precision = parse_iso_value(text)
            when = display.written_period(start, Precision(precision))
            named.append((name, text, f"{label}: {when}"))
        return named


def _named(label: str, chosen: Any) -> SafeString:
    """ "Actor: Russia", the name in the page's language (marked where it is English)."""
    return format_html("{}: {}", label, marked(choice_label(chosen)))


# The address parameters the filters are read from (the form's fields, "from" and "to" too):
# the timeline and every export read these, and no view sees any parameter it does not read.
FILTER_PARAMETERS = (*TimelineFilterForm.base_fields, "from", "to")
