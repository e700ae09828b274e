"""Headlines drafted for suggestions: who did what, by phenomenon. The sentences are written for
these tests."""

from datetime import date

import pytest

from events.ingest.articles import Article
from events.ingest.headlines import HEADLINE_LENGTH, draft_headline
from events.models import Suggestion
from events.services.articles import import_article
from events.services.suggestions import accept_suggestion
from tests.responses import page


def headline(sentence: str, date_words: str | None = None) -> str:
    if date_words is None:
        return draft_headline(sentence)
    start = sentence.index(date_words)
    return draft_headline(sentence, date=(start, start + len(date_words)))


@pytest.mark.parametrize(
    ("sentence", "date_words", "expected"),
    [
        # A reporting clause before the news goes…
        (
            "It noted that Turkey will host a conference on Afghanistan's peace process in "
            "Istanbul in April.",
            "April",
            "Turkey to host Afghanistan peace conference in Istanbul",
        ),
        (
            "Officials confirmed that the envoys met in Tashkent on Monday.",
            "Monday",
            "Envoys met in Tashkent",
        ),
        # …and so does one after it.
        (
            "The delegation reached Dushanbe on Tuesday, a spokesman told reporters.",
            "Tuesday",
            "Delegation reached Dushanbe",
        ),
        (
            "Negotiators signed the accord in Geneva on 3 May 2021, according to the ministry.",
            "3 May 2021",
            "Negotiators signed accord in Geneva",
        ),
    ],
)
def test_reporting_clauses_are_dropped(sentence, date_words, expected):
    assert headline(sentence, date_words) == expected


def test_a_pronoun_is_put_back_to_the_one_who_said_it():
    assert (
        headline("Norway announced that it would host the next round in Oslo in June.", "June")
        == "Norway to host next round in Oslo"
    )


def test_a_pronoun_that_is_not_plain_is_left_alone():
    # Who "he" is lies in another sentence: the headline does not guess.
    assert headline("He visited the border crossing on Friday.", "Friday") == (
        "He visited border crossing"
    )


@pytest.mark.parametrize(
    ("sentence", "date_words", "expected"),
    [
        ("Envoys met in Tashkent on Monday.", "Monday", "Envoys met in Tashkent"),
        ("In March, the council approved the plan.", "March", "Council approved plan"),
        ("Talks will be held over the weekend.", "the weekend", "Talks to be held"),
        ("The ceasefire began earlier this month.", "earlier this month", "Ceasefire began"),
    ],
)
def test_the_date_and_the_words_leading_into_it_are_cut(sentence, date_words, expected):
    assert headline(sentence, date_words) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The two sides met in Tashkent, where they agreed on a prisoner exchange.",
            "Two sides met in Tashkent",
        ),
        (
            "After a week of delays, the convoy crossed into Termez, officials said.",
            "Convoy crossed into Termez",
        ),
        ("The talks resumed (after a pause) in Oslo.", "Talks resumed"),
        (
            "The council is to vote on the plan; observers expect a delay.",
            "Council to vote on plan",
        ),
    ],
)
def test_clauses_hanging_off_the_main_one_are_cut(sentence, expected):
    assert headline(sentence) == expected


def test_a_long_headline_is_cut_between_words_not_on_a_small_word_nor_in_a_name():
    drafted = headline(
        "Representatives of eleven regional governments gathered at the hotel to discuss "
        "financing with Deputy Minister Abdul Karim Haidari Nazarzada."
    )
    # Cut before the name it would have split, then before the "with" left dangling.
    assert drafted == (
        "Representatives of eleven regional governments gathered at hotel to discuss financing"
    )
    assert len(drafted) <= HEADLINE_LENGTH


def test_suggestions_show_their_headline_and_events_take_it_as_title(admin_client):
    import_article(
        Article(
            published=date(2021, 3, 16),
            text="It noted that Norway will host a meeting of the contact group in Oslo in April.",
        )
    )
    suggestion = Suggestion.objects.get()
    listing = page(admin_client.get("/admin/events/suggestion/")).get_text(" ", strip=True)
    assert "Norway to host meeting of contact group in Oslo" in listing
    event = accept_suggestion(suggestion)
    assert event.title == "Norway to host meeting of contact group in Oslo"
    assert event.slug == "norway-to-host-meeting-of-contact-group-in"
