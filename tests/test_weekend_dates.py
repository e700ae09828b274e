"""Weekends: "this weekend", "last weekend", "the weekend" are a Saturday and its Sunday,
counted from the day the text was published."""

from datetime import date

import pytest

from events.dates.extraction import extract_mentions
from events.dates.reading import resolve_date

FRIDAY, SATURDAY, SUNDAY, MONDAY = (
    date(2021, 3, 12),
    date(2021, 3, 13),
    date(2021, 3, 14),
    date(2021, 3, 15),
)


def found(text: str, published: date) -> list[tuple[str, str]]:
    return [(m.text, m.value) for m in extract_mentions(text, published=published)]


def days(text: str, published: date) -> list[str]:
    """The days each mention spans, as an event stores them."""
    return [m.span.value for m in extract_mentions(text, published=published)]


W09, W10, W11 = "2021-03-06/2021-03-07", "2021-03-13/2021-03-14", "2021-03-20/2021-03-21"


# Each mention's value is TimeML's for a weekend ("2021-W10-WE": the weekend of ISO week 10);
# its span is the Saturday and the Sunday.
@pytest.mark.parametrize(
    ("text", "published", "expected", "span"),
    [
        # A Friday's "this weekend" is the one to come.
        ("Talks will resume this weekend.", FRIDAY, ("this weekend", "2021-W10-WE"), W10),
        # On a Saturday or a Sunday, "this weekend" is the one under way.
        ("Talks resumed this weekend.", SUNDAY, ("this weekend", "2021-W10-WE"), W10),
        # A Monday's "the weekend" and "last weekend" are the one just past.
        ("Envoys met over the weekend.", MONDAY, ("the weekend", "2021-W10-WE"), W10),
        ("Envoys met last weekend.", MONDAY, ("last weekend", "2021-W10-WE"), W10),
        # On a Sunday, "last weekend" is a week back, not the one under way.
        ("Envoys met last weekend.", SUNDAY, ("last weekend", "2021-W09-WE"), W09),
        # Speaking of the future, "the weekend" is the one to come.
        ("They will meet at the weekend.", MONDAY, ("the weekend", "2021-W11-WE"), W11),
        ("They will meet next weekend.", FRIDAY, ("next weekend", "2021-W11-WE"), W11),
    ],
)
def test_weekends_in_running_text(text, published, expected, span):
    assert found(text, published) == [expected]
    assert days(text, published) == [span]


@pytest.mark.parametrize("text", ["a weekend of talks", "Talks over several weekends."])
def test_a_weekend_without_which_one_is_no_date(text):
    assert found(text, MONDAY) == []


def test_an_editor_may_type_a_weekend():
    span = resolve_date("last weekend", base=SATURDAY).span
    assert (span.start, span.end, span.value) == (
        date(2021, 3, 6),
        date(2021, 3, 7),
        W09,
    )
