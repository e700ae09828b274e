import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command


def run(*args, stdin: str | None = None, monkeypatch=None) -> str:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    out = io.StringIO()
    call_command("extract_dates", *args, stdout=out)
    return out.getvalue()


def test_extract_dates_prints_the_mentions_of_a_file(tmp_path):
    text = tmp_path / "note.txt"
    text.write_text("The envoy met Ghani on Monday and will return in April.", encoding="utf-8")
    assert json.loads(run(str(text), "--published", "2021-02-10")) == [
        {"text": "Monday", "start": 23, "end": 29, "value": "2021-02-08"},
        {"text": "April", "start": 49, "end": 54, "value": "2021-04"},
    ]


def test_extract_dates_reads_standard_input(monkeypatch):
    printed = run(
        "--published", "2021-02-10", stdin="Talks ended yesterday.", monkeypatch=monkeypatch
    )
    assert json.loads(printed) == [
        {"text": "yesterday", "start": 12, "end": 21, "value": "2021-02-09"}
    ]


def test_an_article_files_dateline_dates_it_and_is_not_a_mention():
    article = Path(__file__).parent.parent / "seeds/articles/000_23d8dcd0da77bbd4.txt"
    mentions = json.loads(run(str(article)))
    assert [(m["text"], m["value"]) for m in mentions] == [
        ("February last year", "2020-02"),
        ("2019", "2019"),
        ("October", "2020-10"),
    ]
    raw = article.read_text(encoding="utf-8")
    assert all(raw[m["start"] : m["end"]] == m["text"] for m in mentions)


def test_extract_dates_jsonl_prints_a_line_per_text(monkeypatch):
    lines = "\n".join(
        json.dumps(case)
        for case in [
            {"id": "a", "published": "2021-02-10", "text": "Talks resume tomorrow."},
            {"id": "b", "published": "2020-06-15", "text": "Nothing dated here."},
        ]
    )
    printed = run("--jsonl", stdin=lines + "\n", monkeypatch=monkeypatch)
    assert [json.loads(line) for line in printed.splitlines()] == [
        {
            "id": "a",
            "mentions": [{"text": "tomorrow", "start": 13, "end": 21, "value": "2021-02-11"}],
        },
        {"id": "b", "mentions": []},
    ]


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        ((), "Talks resumed on Monday.", "Give the text's publication date"),
        (("--published", "28/01/2021"), "Text.", "“28/01/2021” is not a date"),
        (("--jsonl",), "{not json}\n", "Line 1 is not a JSON object"),
        (("--jsonl",), '{"id": 1, "text": "x"}\n', "Line 1 is not a JSON object"),
        (
            ("missing-file.txt", "--published", "2021-01-28"),
            None,
            "missing-file.txt: cannot be read",
        ),
    ],
)
def test_extract_dates_explains_bad_input(monkeypatch, args, stdin, message):
    with pytest.raises(CommandError, match=message):
        run(*args, stdin=stdin, monkeypatch=monkeypatch)
