from datetime import date

import pytest

from events.ingest import ArticleError, parse_article, read_article


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
