import io
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from events.ingest.articles import ArticleError, parse_article, read_article
from events.models import Source, Suggestion
from events.services.articles import import_article
from events.services.suggestions import accept_suggestion, dismiss_suggestion
from tests import seeds
from tests.seeds import SEEDS


def test_dateline_may_follow_white_space_and_run_on_into_the_text():
    article = parse_article("  date 2021-01-28 A day after the talks.\n\nMore text.\n")
    assert article.published == date(2021, 1, 28)
    assert article.text == "A day after the talks.\n\nMore text."


def test_dateline_on_its_own_line():
    article = parse_article("date 2020-02-29\nThe agreement was signed in Doha.")
    assert (article.published, article.text) == (
        date(2020, 2, 29),
        "The agreement was signed in Doha.",
    )


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("The agreement was signed.", "does not open with a dateline"),
        ("date 2021-02-30 Text.", "“2021-02-30” in the dateline is not a date"),
        ("date 2021-01-28   \n  ", "has a dateline but no text"),
        ("dated 2021-01-28 Text.", "does not open with a dateline"),
    ],
)
def test_bad_articles_are_refused_with_their_name_and_reason(raw, reason):
    with pytest.raises(ArticleError, match=f"^feed.txt: .*{reason}"):
        parse_article(raw, name="feed.txt")


def test_unreadable_files_are_refused_by_name(tmp_path):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"date 2021-01-28 \xff\xfe")
    with pytest.raises(ArticleError, match=r"scan\.txt: is not UTF-8 text"):
        read_article(binary)
    with pytest.raises(ArticleError, match=r"missing\.txt: cannot be read"):
        read_article(tmp_path / "missing.txt")


# Importing articles

SEED_ARTICLE = Path(__file__).parent.parent / "seeds" / "articles" / "000_23d8dcd0da77bbd4.txt"


def ingest(*paths, verbosity=1):
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest", *map(str, paths), stdout=out, stderr=err, verbosity=verbosity)
    return out.getvalue(), err.getvalue()


def rows() -> dict[str, list]:
    return {
        "sources": list(Source.objects.values()),
        "suggestions": list(Suggestion.objects.values().order_by("pk")),
        "actors": list(Suggestion.actors.through.objects.values("suggestion", "actor")),
        "places": list(Suggestion.places.through.objects.values("suggestion", "place")),
    }


def test_ingesting_the_seed_article_suggests_its_dated_sentences(vocabulary):
    out, _ = ingest(SEED_ARTICLE)
    assert "3 new suggestion(s)" in out
    suggestions = list(Suggestion.objects.order_by("position"))
    assert [(s.mention, s.when, s.get_precision_display()) for s in suggestions] == [
        ("February last year", "February 2020", "month"),
        ("2019", "2019", "year"),
        ("October", "October 2020", "month"),
    ]
    pakistan_visit = suggestions[2]
    assert pakistan_visit.sentence.startswith("The Taliban political representatives had also")
    assert pakistan_visit.sentence in pakistan_visit.source.text
    assert {actor.slug for actor in pakistan_visit.actors.all()} == {
        "taliban-political-office",
        "pakistan",
        "imran-khan",
        "shah-mahmood-qureshi",
    }
    assert [place.slug for place in pakistan_visit.places.all()] == ["pakistan"]


def test_ingesting_the_seeded_articles_stores_no_source_twice(seeded):
    before = list(Source.objects.values())
    out, _ = ingest(*(seeds.DIRECTORY / file for file in SEEDS.articles))
    assert f"0 new article(s), {len(SEEDS.articles)} already known" in out
    assert list(Source.objects.values()) == before


def test_ingesting_twice_creates_nothing_new(seeded, tmp_path):
    article = tmp_path / "talks.txt"
    article.write_text(
        "date 2021-02-10 Envoys met in Doha on Monday. Russia said talks would resume in March.\n",
        encoding="utf-8",
    )
    ingest(article)
    first = rows()
    out, _ = ingest(article)
    assert rows() == first
    assert "0 new article(s), 1 already known; 0 new suggestion(s)" in out
    assert [(s.mention, s.when) for s in Suggestion.objects.order_by("position")] == [
        ("Monday", "8 February 2021"),
        ("March", "March 2021"),
    ]


def test_reviewed_suggestions_do_not_come_back_on_reimport(seeded):
    ingest(SEED_ARTICLE)
    first, second, _ = Suggestion.objects.order_by("position")
    accept_suggestion(first)
    dismiss_suggestion(second)
    ingest(SEED_ARTICLE)
    assert list(Suggestion.objects.order_by("position").values_list("status", flat=True)) == [
        "accepted",
        "dismissed",
        "pending",
    ]


def test_a_new_article_becomes_a_source_titled_by_its_first_sentence(db, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("date 2020-09-13\nThe talks opened in Doha on Saturday.", encoding="utf-8")
    ingest(article)
    source = Source.objects.get()
    assert (source.title, source.published, source.text) == (
        "The talks opened in Doha on Saturday",
        date(2020, 9, 13),
        "The talks opened in Doha on Saturday.",
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"Envoys met in Doha on Monday.", "does not open with a dateline"),
        (b"date 2021-02-10 Envoys met in \xff\xfe Doha.", "is not UTF-8 text"),
        (b"", "is empty"),
        (b"date 2021-02-10 " + b"Envoys met in Doha on Monday. " * 40_000, "larger than 1 MB"),
        (b"date 2021-02-10 Envoys\x00 met.", "is not text"),
        (b"date 2021-02-30 Envoys met.", "“2021-02-30” in the dateline is not a date"),
    ],
)
def test_a_bad_file_is_reported_by_name_and_nothing_of_it_is_written(
    db, tmp_path, content, reason
):
    good = tmp_path / "good.txt"
    good.write_text("date 2021-02-10 Envoys met in Doha on Monday.", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(CommandError, match="1 file\\(s\\) could not be imported"):
        ingest(good, bad)
    assert Source.objects.get().text == "Envoys met in Doha on Monday."  # the rest went on
    assert Suggestion.objects.count() == 1


def test_an_unreadable_path_is_reported_and_skipped(db, tmp_path):
    with pytest.raises(CommandError):
        ingest(tmp_path)  # a folder, not a file
    assert Source.objects.count() == 0


def test_the_command_says_what_went_wrong_with_each_file(db, tmp_path):
    bad = tmp_path / "undated.txt"
    bad.write_text("No dateline here.", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(bad), stdout=io.StringIO(), stderr=err)
    assert f"Skipped {bad}: does not open with a dateline" in err.getvalue()


def test_an_import_interrupted_midway_leaves_nothing(db, tmp_path, monkeypatch):
    article = tmp_path / "a.txt"
    article.write_text("date 2021-02-10 Envoys met on Monday and on Tuesday.", encoding="utf-8")

    # Suggestions are written in one go: the disk fills up just after.
    def write_then_fail(*args, **kwargs):
        original(*args, **kwargs)
        raise OSError("disk full")

    original = Suggestion.objects.bulk_create
    monkeypatch.setattr(Suggestion.objects, "bulk_create", write_then_fail)
    with pytest.raises(OSError):
        import_article(read_article(article))
    assert (Source.objects.count(), Suggestion.objects.count()) == (0, 0)


def test_accepting_a_suggestion_makes_a_cited_draft_event(vocabulary):
    ingest(SEED_ARTICLE)
    suggestion = Suggestion.objects.get(mention="October")
    event = accept_suggestion(suggestion)
    assert (event.status, event.when, event.place.slug) == ("draft", "October 2020", "pakistan")
    assert event.citations.get().quote == suggestion.sentence
    assert {a.slug for a in event.actors.all()} == {
        "taliban-political-office",
        "pakistan",
        "imran-khan",
        "shah-mahmood-qureshi",
    }
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.event) == ("accepted", event)
