"""Link checks: `check_sources` asks each source's address (publishers' sites played by a
local stand-in) and records what it answered; editors see dead links in the admin."""

import io
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from events.models import DataVersion, Source
from events.services.link_checks import check_sources
from tests.factories import EventFactory, SourceFactory, cite
from tests.responses import page
from tests.standin import (  # noqa: F401
    Reply,
    refusing_address,
    silent_fixture,
    standin_fixture,
)

CHECKED = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def run_command(*args: str) -> str:
    out = io.StringIO()
    call_command("check_sources", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def publisher(standin):
    """A publisher's site: pages that answer, pages gone, a page moved, a server that refuses
    HEAD."""
    standin.script("/live", Reply(200))
    standin.script("/gone", Reply(404))
    standin.script("/removed", Reply(410))
    standin.script("/moved", Reply(301, {"Location": "/live"}))
    standin.script("/no-head", Reply(200, head_status=405))
    return standin


def recorded(source: Source) -> tuple:
    source.refresh_from_db()
    return source.checked is not None, source.check_status, source.check_error


@pytest.mark.django_db
def test_each_address_answer_is_recorded_and_summed_up(publisher, settings):
    settings.PEACETRACKER_LINK_TIMEOUT = 5
    live, gone, removed, moved, no_head = (
        SourceFactory(url=publisher.url + path)
        for path in ["/live", "/gone", "/removed", "/moved", "/no-head"]
    )
    refused = SourceFactory(url=refusing_address() + "/article")
    no_address = SourceFactory(url="")

    out = run_command()

    assert recorded(live) == (True, 200, "")
    assert recorded(gone) == (True, 404, "")
    assert recorded(removed) == (True, 410, "")
    assert recorded(moved) == (True, 200, "")  # the redirect is followed to the page
    assert recorded(no_head) == (True, 200, "")  # HEAD refused: asked with GET
    assert recorded(refused) == (True, None, "connection refused")
    assert recorded(no_address) == (False, None, "")
    assert out.splitlines()[-1] == "Checked 6 address(es): 3 ok, 2 dead, 1 unreachable."
    assert f"Dead (404): {gone.url}" in out
    assert f"Unreachable (connection refused): {refused.url}" in out


@pytest.mark.django_db
def test_head_is_asked_first_and_get_only_where_head_is_refused(publisher):
    SourceFactory(url=publisher.url + "/live")
    SourceFactory(url=publisher.url + "/no-head")
    SourceFactory(url=publisher.url + "/moved")

    check_sources(timeout=5)

    assert publisher.asked() == [
        ("HEAD", "/live"),
        ("HEAD", "/no-head"),
        ("GET", "/no-head"),
        ("HEAD", "/moved"),
        ("HEAD", "/live"),
    ]


@pytest.mark.django_db
def test_an_address_that_never_answers_times_out(silent):
    source = SourceFactory(url=silent + "/slow")

    tally = check_sources(timeout=0.2, now=lambda: CHECKED)

    source.refresh_from_db()
    assert (source.checked, source.check_status, source.check_error) == (
        CHECKED,
        None,
        "timed out",
    )
    assert source.link_state == Source.LinkState.UNREACHABLE
    assert tally == {Source.LinkState.UNREACHABLE: 1}


@pytest.mark.django_db
def test_redirects_in_a_loop_are_no_page(standin):
    standin.script("/loop", Reply(302, {"Location": "/loop"}))
    source = SourceFactory(url=standin.url + "/loop")

    check_sources(timeout=5)

    assert recorded(source) == (True, None, "redirects that lead nowhere (302)")


@pytest.mark.django_db
def test_a_limited_run_checks_the_longest_unchecked_first(publisher):
    old = SourceFactory(url=publisher.url + "/live")
    recent = SourceFactory(url=publisher.url + "/gone")
    never = SourceFactory(url=publisher.url + "/removed")
    Source.objects.filter(pk=old.pk).update(
        checked=datetime(2025, 1, 1, tzinfo=UTC), check_status=200
    )
    Source.objects.filter(pk=recent.pk).update(checked=CHECKED, check_status=404)

    run_command("--limit", "2")

    assert publisher.asked() == [("HEAD", "/removed"), ("HEAD", "/live")]
    recent.refresh_from_db()
    assert recent.checked == CHECKED  # left for the next run
    assert recorded(never) == (True, 410, "")


@pytest.mark.django_db
def test_a_check_changes_no_public_page(publisher):
    source = SourceFactory(url=publisher.url + "/gone")
    EventFactory(citations=[cite(source)])
    before = DataVersion.objects.values_list("version", flat=True).get()

    check_sources(timeout=5)

    assert DataVersion.objects.values_list("version", flat=True).get() == before


@pytest.mark.django_db
def test_a_corrected_address_is_unchecked_again(publisher):
    source = SourceFactory(url=publisher.url + "/gone")
    check_sources(timeout=5)
    source = Source.objects.get(pk=source.pk)
    assert source.link_state == Source.LinkState.DEAD

    source.url = publisher.url + "/live"
    source.save()

    assert recorded(source) == (False, None, "")
    check_sources(timeout=5)
    source = Source.objects.get(pk=source.pk)
    source.title = "Renamed"
    source.save()  # a save that keeps the address keeps its check
    assert recorded(source) == (True, 200, "")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "check",
    [
        {"checked": CHECKED, "check_status": 999},  # no HTTP status
        {"checked": CHECKED, "check_status": 404, "check_error": "timed out"},  # both
        {"checked": CHECKED},  # neither an answer nor why not
        {"check_status": 200},  # an answer never asked for
        {"check_error": "timed out"},
    ],
)
def test_the_database_refuses_a_check_that_cannot_be(check):
    source = SourceFactory(url="https://news.example/a")
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.filter(pk=source.pk).update(**check)


@pytest.mark.django_db
def test_link_states_select_what_each_source_says_it_is():
    answers = {
        "ok": {"checked": CHECKED, "check_status": 200},
        "redirected": {"checked": CHECKED, "check_status": 304},
        "dead": {"checked": CHECKED, "check_status": 404},
        "failing": {"checked": CHECKED, "check_status": 503},
        "unreachable": {"checked": CHECKED, "check_error": "no such host"},
        "unchecked": {},
    }
    for name, check in answers.items():
        SourceFactory(title=name, url=f"https://news.example/{name}", **check)
    for state in Source.LinkState:
        selected = set(Source.objects.with_link(state).values_list("title", flat=True))
        said = {s.title for s in Source.objects.all() if s.link_state == state}
        assert selected == said
    dead = Source.objects.with_link(Source.LinkState.DEAD)
    assert set(dead.values_list("title", flat=True)) == {"dead", "failing"}


# What editors see.


@pytest.fixture
def checked_sources(db):
    """Sources in each state, cited by one event."""
    sources = {
        "Live article": {"check_status": 200, "checked": CHECKED},
        "Gone article": {"check_status": 404, "checked": CHECKED},
        "Archived gone article": {
            "check_status": 410,
            "checked": CHECKED,
            "archive_url": "https://web.archive.org/web/2020/https://news.example/archived",
        },
        "Unreachable article": {"check_error": "no such host", "checked": CHECKED},
        "Unchecked article": {},
    }
    made = {
        title: SourceFactory(title=title, url=f"https://news.example/{n}", **fields)
        for n, (title, fields) in enumerate(sources.items())
    }
    EventFactory(slug="cited", citations=[cite(source) for source in made.values()])
    SourceFactory(title="No address", url="")
    return made


def changelist_titles(admin_client, query: str = "") -> list[str]:
    rows = page(admin_client.get(f"/admin/events/source/{query}")).select("#result_list tbody tr")
    return sorted(row.select_one("th").get_text(strip=True) for row in rows)


@pytest.mark.parametrize(
    ("link", "titles"),
    [
        ("ok", ["Live article"]),
        ("dead", ["Archived gone article", "Gone article"]),
        ("unreachable", ["Unreachable article"]),
        ("unchecked", ["Unchecked article"]),
    ],
)
def test_editors_filter_sources_by_their_link(admin_client, checked_sources, link, titles):
    assert changelist_titles(admin_client, f"?link={link}") == titles


def test_the_source_list_shows_each_links_last_check(admin_client, checked_sources):
    shown = page(admin_client.get("/admin/events/source/"))
    cells = {
        row.select_one("th").get_text(strip=True): row.select_one("td.field-link")
        for row in shown.select("#result_list tbody tr")
    }
    assert cells["Live article"].get_text(strip=True) == "ok: 200 on 30 November 2026"
    assert cells["Gone article"].get_text(strip=True) == "Link dead: 404 on 30 November 2026."
    assert cells["Gone article"].select_one(".link-warning") is not None
    assert cells["Unreachable article"].get_text(strip=True) == (
        "Link unreachable: no such host on 30 November 2026."
    )
    assert cells["Unchecked article"].get_text(strip=True) == "not checked yet"
    assert cells["No address"].get_text(strip=True) == "no address"
    filters = [a.get_text(strip=True) for a in shown.select("#changelist-filter a")]
    assert {"ok", "dead", "unreachable", "unchecked"} <= set(filters)


def test_a_bad_link_filter_shows_the_whole_list(admin_client, checked_sources):
    response = admin_client.get("/admin/events/source/?link=gone")
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_editors_set_the_archived_copy_on_a_source(admin_client, checked_sources):
    source = checked_sources["Gone article"]
    form = page(admin_client.get(f"/admin/events/source/{source.pk}/change/"))
    assert form.select_one("input[name=archive_url]") is not None
    copy = "https://web.archive.org/web/2019/https://news.example/1"
    response = admin_client.post(
        f"/admin/events/source/{source.pk}/change/",
        {
            "title": source.title,
            "publisher": source.publisher,
            "url": source.url,
            "archive_url": copy,
            "published": source.published.isoformat(),
            "text": source.text,
        },
    )
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.archive_url == copy
    assert source.check_status == 404  # the address is the same: its check stands


def test_an_events_citations_warn_of_dead_links(admin_client, checked_sources):
    event_id = checked_sources["Gone article"].events.get().pk
    shown = page(admin_client.get(f"/admin/events/event/{event_id}/change/"))
    by_source = {}
    for inline in shown.select(".inline-related"):
        cell = inline.select_one(".field-source_link .readonly")
        chosen = inline.select_one("select[name$=-source] option[selected]")
        if chosen is not None:
            by_source[chosen.get_text(strip=True).split(" (")[0]] = cell
    warned = {title for title, cell in by_source.items() if cell.select_one(".link-warning")}
    assert warned == {"Gone article", "Archived gone article", "Unreachable article"}
    gone = by_source["Gone article"]
    assert "It has no archived copy" in gone.get_text()
    source = checked_sources["Gone article"]
    assert gone.select_one("a")["href"] == f"/admin/events/source/{source.pk}/change/"
    archived = by_source["Archived gone article"]
    assert archived.select_one("a")["href"] == checked_sources["Archived gone article"].archive_url
    assert by_source["Live article"].get_text(strip=True) == "ok: 200 on 30 November 2026"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--limit", "0"], "“0” is not a whole number of 1 or more"),
        (["--limit", "many"], "“many” is not a whole number of 1 or more"),
        (["--timeout", "-1"], "“-1” is not a number of seconds above 0"),
        (["--timeout", "nan"], "“nan” is not a number of seconds above 0"),
    ],
)
def test_bad_options_are_refused_by_name(args, message):
    with pytest.raises(CommandError, match=message):
        run_command(*args)
