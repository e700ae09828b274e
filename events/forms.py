"""The timeline's filter form: what readers may type into the address bar or the form."""

from datetime import date
from typing import Any

from django import forms
from django.core.validators import slug_re

from events.dates import Precision, last_day, parse_iso_value
from events.models import Actor, EventType, Place
from events.timeline import TimelineFilters

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
        # "from" is a Python keyword, so these two are added by name.
        self.fields["from"] = PeriodField(label="From", bound="start")
        self.fields["to"] = PeriodField(label="To", bound="end")
        for name in ("actor", "place"):
            self.fields[name].widget.attrs["size"] = 4

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
