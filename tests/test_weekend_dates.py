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


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # A Friday's "this weekend" is the one to come.
        ("Talks will resume this weekend.", FRIDAY, ("this weekend", "2021-03-13/2021-03-14")),
        # On a Saturday or a Sunday, "this weekend" is the one under way.
        ("Talks resumed this weekend.", SUNDAY, ("this weekend", "2021-03-13/2021-03-14")),
        # A Monday's "the weekend" and "last weekend" are the one just past.
        ("Envoys met over the weekend.", MONDAY, ("the weekend", "2021-03-13/2021-03-14")),
        ("Envoys met last weekend.", MONDAY, ("last weekend", "2021-03-13/2021-03-14")),
        # On a Sunday, "last weekend" is a week back, not the one under way.
        ("Envoys met last weekend.", SUNDAY, ("last weekend", "2021-03-06/2021-03-07")),
        # Speaking of the future, "the weekend" is the one to come.
        ("They will meet at the weekend.", MONDAY, ("the weekend", "2021-03-20/2021-03-21")),
        ("They will meet next weekend.", FRIDAY, ("next weekend", "2021-03-20/2021-03-21")),
    ],
)
def test_weekends_in_running_text(text, published, expected):
    assert found(text, published) == [expected]


@pytest.mark.parametrize("text", ["a weekend of talks", "Talks over several weekends."])
def test_a_weekend_without_which_one_is_no_date(text):
    assert found(text, MONDAY) == []


def test_an_editor_may_type_a_weekend():
    span = resolve_date("last weekend", base=SATURDAY).span
    assert (span.start, span.end, span.value) == (
        date(2021, 3, 6),
        date(2021, 3, 7),
        "2021-03-06/2021-03-07",
    )
