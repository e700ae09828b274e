"""What an import is told about its article: `ingest --title/--publisher/--url/--language`, the
article's own header (lines after the dateline), and the same fields on the admin's form.
The command line and the form win over the header; the header is not part of the text."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from events.ingest.articles import ArticleError, parse_article
from events.models import Source, Suggestion
from tests.responses import page

pytestmark = pytest.mark.django_db

HEADED = (
    "date 2021-03-12\n"
    "title: Contact group to meet in Oslo\n"
    "publisher: Northern Wire\n"
    "url: https://wire.example/2021/03/contact-group\n"
    "language: en\n"
    "\n"
    "The contact group will meet in Oslo this weekend.\n"
)


def ingest(*args: str) -> str:
    out = io.StringIO()
    call_command("ingest", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def details(source: Source) -> tuple[str, str, str, str]:
    return source.title, source.publisher, source.url, source.language


def test_the_header_describes_the_source_and_is_not_its_text(tmp_path):
    article = tmp_path / "oslo.txt"
    article.write_text(HEADED, encoding="utf-8")
    ingest(str(article))
    source = Source.objects.get()
    assert details(source) == (
        "Contact group to meet in Oslo",
        "Northern Wire",
        "https://wire.example/2021/03/contact-group",
        "en",
    )
    assert source.text == "The contact group will meet in Oslo this weekend."
    assert source.published == date(2021, 3, 12)


def test_the_command_line_wins_over_the_header(tmp_path):
    article = tmp_path / "oslo.txt"
    article.write_text(HEADED, encoding="utf-8")
    ingest(
        str(article),
        "--title=Oslo talks announced",
        "--publisher=Fjord Times",
        "--url=https://fjord.example/oslo",
        "--language=en-GB",
    )
    assert details(Source.objects.get()) == (
        "Oslo talks announced",
        "Fjord Times",
        "https://fjord.example/oslo",
        "en-GB",
    )


def test_options_describe_an_article_without_a_header(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("date 2021-03-12 Envoys met in Oslo on Monday.", encoding="utf-8")
    ingest(str(article), "--title=Envoys meet", "--publisher=Fjord Times", "--language=en")
    assert details(Source.objects.get()) == ("Envoys meet", "Fjord Times", "", "en")


def test_a_header_may_give_only_some_lines_and_the_first_sentence_titles_the_rest():
    article = parse_article("date 2021-03-12\npublisher: Fjord Times\n\nEnvoys met. Then left.")
    assert (article.title, article.publisher, article.text) == (
        "",
        "Fjord Times",
        "Envoys met. Then left.",
    )


def test_a_dateline_running_into_the_text_has_no_header():
    article = parse_article("date 2021-03-12 Title: a word the text opens with.\n\nMore.")
    assert article.title == ""
    assert article.text == "Title: a word the text opens with.\n\nMore."


def test_a_publisher_and_a_language_apply_to_every_file(tmp_path):
    paths = []
    for number in (1, 2):
        path = tmp_path / f"{number}.txt"
        path.write_text(f"date 2021-03-12 Envoys met {number} times on Monday.", encoding="utf-8")
        paths.append(str(path))
    ingest(*paths, "--publisher=Fjord Times", "--language=no")
    assert set(Source.objects.values_list("publisher", "language")) == {("Fjord Times", "no")}


def test_a_title_or_an_address_names_one_file_only(tmp_path):
    paths = [str(tmp_path / "1.txt"), str(tmp_path / "2.txt")]
    with pytest.raises(CommandError, match="--title and --url describe one article"):
        ingest(*paths, "--url=https://fjord.example/oslo")


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("--language=English", "is not a language tag"),
        ("--url=not an address", "is not a web address"),
        ("--title=" + "x" * 301, "the title is longer than 300 characters"),
    ],
)
def test_a_bad_option_is_refused_before_anything_is_read(tmp_path, option, message):
    article = tmp_path / "a.txt"
    article.write_text("date 2021-03-12 Envoys met in Oslo on Monday.", encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        ingest(str(article), option)
    assert not Source.objects.exists()


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("language: Norwegian", "“Norwegian” is not a language tag"),
        ("url: wire/contact-group", "“wire/contact-group” is not a web address"),
    ],
)
def test_a_bad_header_is_refused_with_the_file_name(header, message):
    with pytest.raises(ArticleError, match=f"^oslo.txt: {message}"):
        parse_article(f"date 2021-03-12\n{header}\n\nEnvoys met.", name="oslo.txt")


def test_an_address_another_source_has_is_refused_and_nothing_is_written(tmp_path):
    first, second = tmp_path / "1.txt", tmp_path / "2.txt"
    first.write_text("date 2021-03-12 Envoys met in Oslo on Monday.", encoding="utf-8")
    second.write_text("date 2021-03-13 Envoys left Oslo on Tuesday.", encoding="utf-8")
    ingest(str(first), "--url=https://fjord.example/oslo")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "ingest",
            str(second),
            "--url=https://fjord.example/oslo",
            stdout=io.StringIO(),
            stderr=err,
        )
    assert "A source with this URL already exists" in err.getvalue()
    assert Source.objects.count() == 1 and Suggestion.objects.count() == 1


def test_this_weekend_gives_a_suggestion(tmp_path):
    article = tmp_path / "oslo.txt"
    article.write_text(HEADED, encoding="utf-8")  # a Friday
    ingest(str(article))
    (suggestion,) = Suggestion.objects.all()
    assert (suggestion.mention, suggestion.when) == ("this weekend", "13–14 March 2021")


# The admin's import form ----------------------------------------------------------------------


def form(**fields: str) -> dict[str, str]:
    return {
        "text": "",
        "published": "",
        "title": "",
        "publisher": "",
        "url": "",
        "language": "",
    } | fields


def test_the_admin_form_has_the_same_fields(admin_client):
    html = page(admin_client.get("/admin/events/source/import/"))
    labels = [label.get_text(strip=True).rstrip(":") for label in html.select("form label")]
    for label in ("Title", "Publisher", "URL", "Language"):
        assert label in labels


def test_the_admin_form_reads_the_header_and_its_fields_win(admin_client):
    admin_client.post(
        "/admin/events/source/import/", form(text=HEADED, publisher="Fjord Times", language="nb")
    )
    assert details(Source.objects.get()) == (
        "Contact group to meet in Oslo",
        "Fjord Times",
        "https://wire.example/2021/03/contact-group",
        "nb",
    )


def test_the_admin_form_refuses_a_bad_language_and_writes_nothing(admin_client):
    response = admin_client.post(
        "/admin/events/source/import/", form(text=HEADED, language="Norwegian")
    )
    assert "Give the language as a tag" in page(response).get_text()
    assert not Source.objects.exists()
