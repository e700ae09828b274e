"""Hostile articles: import does work in proportion to the text, stores each sentence once
(as offsets into the article, not as copies), reads the article before it writes, and gives
up on an article that takes too long with a message that names it. Also: a byte-order mark
before the dateline, and the migration from stored copies to offsets.

Growth is measured by counting work, never with a clock: every turn of a loop in
Peacetracker's own code, and every character handed to one of its regular expressions. Four
times the text must cost at most about four times the work (quadratic work costs up to
sixteen).
"""

import io
import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

import events.dates.extraction
import events.ingest.recognise
from events.dates.extraction import extract_mentions
from events.ingest.articles import Article, read_article
from events.models import Citation, Source, Suggestion
from events.services.articles import import_article
from events.services.suggestions import accept_suggestion
from tests.migrating import latest_migrations, migrate

PUBLISHED = date(2021, 2, 10)


# Hostile texts, of about `size` characters ------------------------------------------------


def repeated(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size].rsplit(" ", 1)[0]


def years(size: int) -> str:
    """ "1900 1901 1902 …": a date every five characters, and no clause ever ends."""
    return repeated(" ".join(str(year) for year in range(1900, 2100)) + " ", size)


HOSTILE: dict[str, Callable[[int], str]] = {
    "years": years,
    "weekdays": lambda size: repeated("on Monday on Tuesday on Wednesday on Thursday ", size),
    "ranges": lambda size: repeated(
        "2001–2002 then 12–14 May 2019 then May–June 2020 then ", size
    ),
    # Full dates and year-less ones among them, in one paragraph without a full stop.
    "dates without full stops": lambda size: repeated(
        "talks on 5 March 2019 then on 6 March then on Monday then in April 2020 then ", size
    ),
    "repeated sentences": lambda size: repeated(
        "Envoys met in Doha on Monday. Russia said talks would resume in March. ", size
    ),
}
# A pasted article of one paragraph: dates, and names the timeline knows.
PASTE = "Envoys of the Taliban met Zalmay Khalilzad in Doha on Monday and in Moscow on 5 March "
SENTENCES = "Envoys of the Taliban met Zalmay Khalilzad in Doha on Monday. Talks resume in March. "


# Counting work ------------------------------------------------------------------------------

_REGION_METHODS = {"finditer", "findall", "sub", "subn", "split", "match", "fullmatch"}


class Work:
    """Work done by Peacetracker's code, counted: loop turns and characters searched."""

    def __init__(self) -> None:
        self.loops = 0
        self.searched = 0

    @property
    def total(self) -> int:
        return self.loops + self.searched


class _CountingPattern:
    """A compiled pattern that charges each search for the stretch of text it is given (a
    search only up to where it matched)."""

    def __init__(self, pattern: re.Pattern, work: Work) -> None:
        self._pattern, self._work = pattern, work

    def __getattr__(self, name: str):
        method = getattr(self._pattern, name)
        if name not in _REGION_METHODS and name != "search":
            return method

        def counted(string, *args, **kwargs):
            result = method(string, *args, **kwargs)
            if name in {"sub", "subn", "split"}:
                self._work.searched += len(string)
                return result
            pos = args[0] if args else kwargs.get("pos", 0)
            endpos = min(
                args[1] if len(args) > 1 else kwargs.get("endpos", len(string)), len(string)
            )
            if name == "search" and result is not None:
                endpos = result.end()
            self._work.searched += max(0, endpos - pos)
            return result

        return counted


class _CountingRe:
    """The `re` module as a module of ours sees it while work is counted."""

    def __init__(self, work: Work) -> None:
        self._work = work

    def __getattr__(self, name: str):
        return getattr(re, name)

    def compile(self, pattern, flags=0):
        return _CountingPattern(re.compile(pattern, flags), self._work)

    def search(self, pattern, string, flags=0):
        return self.compile(pattern, flags).search(string)

    def match(self, pattern, string, flags=0):
        return self.compile(pattern, flags).match(string)

    def fullmatch(self, pattern, string, flags=0):
        return self.compile(pattern, flags).fullmatch(string)

    def finditer(self, pattern, string, flags=0):
        return self.compile(pattern, flags).finditer(string)

    def findall(self, pattern, string, flags=0):
        return self.compile(pattern, flags).findall(string)

    def sub(self, pattern, repl, string, count=0, flags=0):
        self._work.searched += len(string)
        return re.sub(pattern, repl, string, count=count, flags=flags)


@contextmanager
def counting_work() -> Iterator[Work]:
    """Count the work Peacetracker's modules do inside the block."""
    work = Work()
    monitoring = sys.monitoring
    tool = next(i for i in range(6) if monitoring.get_tool(i) is None)
    ours = str(events.dates.extraction.__file__).rsplit("/events/", 1)[0] + "/events/"

    def on_jump(code, offset, destination):
        if not code.co_filename.startswith(ours):
            return monitoring.DISABLE
        work.loops += 1

    patched = []
    for name, module in list(sys.modules.items()):
        if not (name == "events" or name.startswith("events.")) or module is None:
            continue
        for attribute, value in list(vars(module).items()):
            if value is re:
                patched.append((module, attribute, value))
                setattr(module, attribute, _CountingRe(work))
            elif isinstance(value, re.Pattern):
                patched.append((module, attribute, value))
                setattr(module, attribute, _CountingPattern(value, work))
    monitoring.use_tool_id(tool, "peacetracker-work")
    monitoring.register_callback(tool, monitoring.events.JUMP, on_jump)
    monitoring.restart_events()
    monitoring.set_events(tool, monitoring.events.JUMP)
    try:
        yield work
    finally:
        monitoring.set_events(tool, 0)
        monitoring.register_callback(tool, monitoring.events.JUMP, None)
        monitoring.free_tool_id(tool)
        for module, attribute, value in patched:
            setattr(module, attribute, value)


def growth(run: Callable[[int], object], size: int) -> float:
    """How many times the work `run` does for `size` characters it does for four times as
    many."""
    run(size // 8)  # warm up: patterns, caches, the first queries
    counts = []
    for n in (size, 4 * size):
        with counting_work() as work:
            run(n)
        counts.append(work.total)
    return counts[1] / counts[0]


# Extraction and import grow linearly -------------------------------------------------------


@pytest.mark.parametrize("kind", HOSTILE)
def test_extraction_work_grows_linearly_on_hostile_text(kind):
    texts = {}

    def extract(size: int) -> None:
        texts[size] = extract_mentions(HOSTILE[kind](size), published=PUBLISHED)

    ratio = growth(extract, 4000)
    assert len(texts[16000]) > 3 * len(texts[4000]) > 0  # dates were found, at every size
    assert ratio < 4.5, f"{kind}: four times the text took {ratio:.1f} times the work"


@pytest.mark.parametrize("unit", [PASTE, SENTENCES], ids=["one paragraph", "many sentences"])
def test_import_work_grows_linearly(seeded, unit):
    def import_text(size: int) -> None:
        import_article(Article(published=PUBLISHED, text=f"{size} " + repeated(unit, size)))

    ratio = growth(import_text, 6000)
    assert ratio < 4.5, f"four times the article took {ratio:.1f} times the work"


def test_a_long_run_of_stops_is_read_in_one_pass(seeded):
    # A run of "!" with no space after it was tried as a sentence end from each of its
    # stops, each time to its end: this took hours. (Work inside one regular expression
    # cannot be counted; read in one pass, it takes a moment.)
    text = "Envoys met on Monday " + "!" * 300_000 + "and again on 5 March 2020."
    imported = import_article(Article(published=PUBLISHED, text=text))
    assert imported.new_suggestions == 2


# What a suggestion stores, and what an editor sees ------------------------------------------


def stored_characters(model) -> int:
    return sum(
        len(value)
        for row in model.objects.values()
        for value in row.values()
        if isinstance(value, str)
    )


def test_suggestions_store_offsets_into_the_article_not_copies_of_it(seeded):
    text = repeated(PASTE, 36_000)
    imported = import_article(Article(published=PUBLISHED, text=text))
    assert imported.new_suggestions > 500
    # The article is stored once; its suggestions together hold less text than it does.
    assert Source.objects.get(pk=imported.source.pk).text == text
    assert stored_characters(Suggestion) < len(text)


def test_a_sentence_without_end_is_cut_to_a_window_around_its_date(seeded):
    text = repeated(PASTE, 36_000)
    source = import_article(Article(published=PUBLISHED, text=text)).source
    suggestions = list(Suggestion.objects.filter(source=source).order_by("position"))
    for suggestion in suggestions[:: len(suggestions) // 20]:
        sentence = suggestion.sentence
        assert 100 < len(sentence) <= 1000
        assert suggestion.mention in sentence
        # Its own date's stretch of the article, cut between words.
        start = text.index(sentence, max(0, suggestion.position - len(sentence) + 1))
        end = start + len(sentence)
        assert start <= suggestion.position < end
        assert (start == 0 or text[start - 1].isspace()) and text[end].isspace()


def test_the_review_list_shows_each_date_marked_in_its_window(admin_client, seeded):
    text = repeated(PASTE, 36_000)
    source = import_article(Article(published=PUBLISHED, text=text)).source
    html = admin_client.get(f"/admin/events/suggestion/?source__id__exact={source.pk}")
    rows = BeautifulSoup(html.content.decode(), "html.parser").select("#result_list tbody tr")
    assert len(rows) == 100  # one page
    for row in rows:
        cell = row.select_one(".field-in_context")
        assert len(cell.get_text()) <= 1000
        assert cell.select_one("mark").get_text() in {"Monday", "5 March"}


def test_accepting_a_suggestion_from_a_long_paragraph_quotes_a_window_of_it(seeded):
    text = repeated(PASTE, 36_000)
    source = import_article(Article(published=PUBLISHED, text=text)).source
    middle = Suggestion.objects.filter(source=source, position__gt=18_000).first()
    event = accept_suggestion(middle)
    quote = event.citations.get().quote
    assert 100 < len(quote) <= 1000
    assert quote in text
    Citation(event=event, source=source, quote=quote).clean()  # the quote is in the source
    assert len(event.title) <= 100 and event.title.split()[0].lower() in quote.lower()


def test_a_date_named_twice_in_a_sentence_is_marked_where_it_stands(admin_client, seeded):
    text = "Envoys met on Monday, 8 February 2021, and again on 8 February 2021 in Doha."
    import_article(Article(published=PUBLISHED, text=text))
    html = admin_client.get("/admin/events/suggestion/").content.decode()
    cells = [
        str(cell)
        for cell in BeautifulSoup(html, "html.parser").select("#result_list .field-in_context")
    ]
    assert any("again on <mark>8 February 2021</mark>" in cell for cell in cells)


# Reading before writing ---------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_article_is_read_for_dates_and_names_before_anything_is_written(monkeypatch):
    call_command("seed", verbosity=0)
    seen = []
    resolve = events.dates.extraction.resolve_date
    for_database = events.ingest.recognise.Recogniser.for_database.__func__

    def watched_resolve(*args, **kwargs):
        seen.append(("dates", connection.in_atomic_block, Source.objects.count()))
        return resolve(*args, **kwargs)

    def watched_recogniser(cls):
        seen.append(("names", connection.in_atomic_block, Source.objects.count()))
        return for_database(cls)

    monkeypatch.setattr(events.dates.extraction, "resolve_date", watched_resolve)
    monkeypatch.setattr(
        events.ingest.recognise.Recogniser, "for_database", classmethod(watched_recogniser)
    )
    sources = Source.objects.count()
    imported = import_article(Article(published=PUBLISHED, text=repeated(PASTE, 2_000)))
    assert imported.new_suggestions > 10
    assert {kind for kind, _, _ in seen} == {"dates", "names"}
    # No transaction is open (nor the source written) while the article is read.
    assert {(in_transaction, count) for _, in_transaction, count in seen} == {(False, sources)}


# A time budget per article ------------------------------------------------------------------


def page_error(response) -> str:
    note = BeautifulSoup(response.content.decode(), "html.parser").select_one(".errornote")
    return " ".join(note.get_text().split()) if note else ""


def test_an_upload_that_takes_too_long_is_refused_by_name(admin_client, settings):
    settings.PEACETRACKER_IMPORT_SECONDS = 0
    content = b"date 2021-02-10 " + years(990_000).encode()
    assert len(content) < 1_000_000
    response = admin_client.post(
        "/admin/events/source/import/",
        {"file": SimpleUploadedFile("hostile.txt", content), "text": "", "published": ""},
    )
    assert response.status_code == 200
    error = page_error(response)
    assert error.startswith("hostile.txt: ") and "took longer than" in error
    assert (Source.objects.count(), Suggestion.objects.count()) == (0, 0)


def test_pasted_text_that_takes_too_long_is_refused_too(admin_client, settings):
    settings.PEACETRACKER_IMPORT_SECONDS = 0
    response = admin_client.post(
        "/admin/events/source/import/",
        {"text": "date 2021-02-10 " + years(20_000), "published": ""},
    )
    assert response.status_code == 200
    assert page_error(response).startswith("The pasted text: ")
    assert "took longer than" in page_error(response)
    assert not Source.objects.exists()


def test_ingest_skips_an_article_that_takes_too_long_and_writes_nothing_of_it(
    db, tmp_path, settings
):
    settings.PEACETRACKER_IMPORT_SECONDS = 0
    article = tmp_path / "hostile.txt"
    article.write_text("date 2021-02-10 " + years(20_000), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 file\\(s\\) could not be imported"):
        call_command("ingest", str(article), stdout=io.StringIO(), stderr=err)
    assert f"Skipped {article}: " in err.getvalue()
    assert "took longer than" in err.getvalue()
    assert (Source.objects.count(), Suggestion.objects.count()) == (0, 0)


def test_an_article_naming_more_dates_than_an_editor_could_review_is_refused(db, tmp_path):
    article = tmp_path / "table.txt"
    article.write_text("date 2021-02-10 " + years(60_000), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(article), stdout=io.StringIO(), stderr=err)
    assert f"Skipped {article}: names 12,000 dates, more than the 10,000" in err.getvalue()
    assert (Source.objects.count(), Suggestion.objects.count()) == (0, 0)


# A byte-order mark -------------------------------------------------------------------------

BOM = "\ufeff".encode()


def test_a_file_with_a_byte_order_mark_is_read(db, tmp_path):
    article = tmp_path / "notepad.txt"
    article.write_bytes(BOM + b"date 2021-02-10 Envoys met in Doha on Monday.")
    read = read_article(article)
    assert (read.published, read.text) == (PUBLISHED, "Envoys met in Doha on Monday.")
    call_command("ingest", str(article), verbosity=0)
    assert Suggestion.objects.get().when == "8 February 2021"


def test_an_upload_with_a_byte_order_mark_is_imported(admin_client):
    upload = SimpleUploadedFile("notepad.txt", BOM + b"date 2021-02-10 Envoys met on Monday.")
    response = admin_client.post(
        "/admin/events/source/import/",
        {"file": upload, "text": "", "published": ""},
        follow=True,
    )
    assert page_error(response) == ""
    assert Source.objects.get().text == "Envoys met on Monday."


# The migration: stored sentences become offsets ---------------------------------------------

BEFORE, AFTER = ("events", "0006_editor_group"), ("events", "0007_suggestion_sentence_offsets")


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_stored_sentences_into_offsets_and_back():
    long_paragraph = repeated("the envoys met again on Monday in Doha and ", 20_000)
    text = (
        "Talks began on Monday. Talks began on Monday.\n\n"  # the same sentence twice
        f"{long_paragraph} The end."
    )
    latest = latest_migrations()
    try:
        apps = migrate(BEFORE)
        source = apps.get_model("events", "Source").objects.create(
            title="T", published=PUBLISHED, text=text
        )
        Old = apps.get_model("events", "Suggestion")
        second = text.index("Talks began", 1)
        middle = text.index("Monday", 10_000)
        rows = [
            ("Talks began on Monday.", text.index("Monday"), "Monday"),
            ("Talks began on Monday.", text.index("Monday", second), "Monday"),
            (long_paragraph, middle, "Monday"),
        ]
        for sentence, position, mention in rows:
            Old.objects.create(
                source=source,
                sentence=sentence,
                mention=mention,
                position=position,
                start=date(2021, 2, 8),
                precision=3,  # a day
            )

        apps = migrate(AFTER)
        New = apps.get_model("events", "Suggestion")
        assert "sentence" not in {field.name for field in New._meta.fields}
        found = [text[s.sentence_start : s.sentence_end] for s in New.objects.order_by("position")]
        assert found[:2] == ["Talks began on Monday.", "Talks began on Monday."]
        starts = list(New.objects.order_by("position").values_list("sentence_start", flat=True))
        assert starts[:2] == [0, second]
        assert 100 < len(found[2]) <= 1000 and "Monday" in found[2]
        window = New.objects.order_by("position").last()
        assert window.sentence_start <= middle < window.sentence_end

        apps = migrate(BEFORE)
        restored = apps.get_model("events", "Suggestion").objects.order_by("position")
        assert [s.sentence for s in restored] == found
    finally:
        migrate(latest[0])


@pytest.mark.django_db
def test_now_and_recently_are_not_suggested_as_events():
    # TimeML values them (PRESENT_REF, PAST_REF) but they name no day an event could have.
    text = "Talks are now stalled. Envoys recently met in Doha on 3 March 2020."
    source = import_article(Article(published=PUBLISHED, text=text)).source
    mentions = list(Suggestion.objects.filter(source=source).values_list("mention", flat=True))
    assert mentions == ["3 March 2020"]


@pytest.mark.django_db
def test_tonight_is_suggested_for_its_day():
    # A TIME in TimeML's terms ("2021-02-10TNI"), but on a day an event can have.
    text = "Envoys will meet tonight in Doha."
    source = import_article(Article(published=PUBLISHED, text=text)).source
    mentions = list(Suggestion.objects.filter(source=source).values_list("mention", flat=True))
    assert mentions == ["tonight"]


def test_candidates_are_tried_only_where_they_can_begin_and_none_is_lost():
    # The scan tries its pattern only at a digit or a word some shape opens with; on every
    # text the tests and the development sets hold, it finds what trying everywhere finds.
    from events.dates import extraction

    data = Path(__file__).parent / "data"
    texts = [
        json.loads(line)["text"]
        for name in sorted(data.glob("*.jsonl"))
        for line in name.read_text("utf-8").splitlines()
        if line.strip()
    ]
    for module in sorted(Path(__file__).parent.glob("test_*.py")):
        texts += re.findall(r'"([^"\n]{10,})"', module.read_text("utf-8"))
    assert len(texts) > 1000

    def spans(found):
        return [(match.start(), match.end(), match.lastgroup) for match in found]

    differ = [
        text
        for text in texts
        if spans(extraction._CANDIDATES.finditer(text))
        != spans(extraction.candidate_matches(text))
    ]
    assert differ == []
