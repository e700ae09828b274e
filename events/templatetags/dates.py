"""Dates in templates, in the reader's words: `{% load dates %}`, then
`{{ source.published|written }}` or `{{ year|written_year }}`. Both call `display`, the one
place a date becomes words, so pages never use Django's own `date` filter for readers."""

from datetime import date

from django import template

from events.dates import display
from events.dates.values import DateSpan, Precision

register = template.Library()


@register.filter
def written(value: date | DateSpan | None, calendar: str | None = None) -> str:
    """A day or a span: "29 February 2020", "28–30 May 2019"; in the request's calendar
    unless one is named."""
    if not value:
        return ""
    return display.written(value, calendar=calendar)


@register.filter
def written_year(value: int | None, calendar: str = display.GREGORIAN) -> str:
    """A year number as a year label: "2019"."""
    if value is None or value == "":
        return ""
    return display.written_period(date(int(value), 1, 1), Precision.YEAR, calendar=calendar)
