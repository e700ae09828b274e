"""Archived copies: `archive_sources` asks a web archive (a local stand-in here) to keep each
source's page, paced and retried within bounds, and stores where the copy is; readers see it
beside the source."""

import io
from datetime import UTC, datetime
from urllib.parse import quote

import pytest
from django.core.management import CommandError, call_command

from events.models import DataVersion, Source
from events.services.archiving import ArchivePolicy, archive_sources
from tests.factories import EventFactory, SourceFactory, cite
from tests.responses import page
from tests.standin import FakeClock, Reply, refusing_address, standin_fixture  # noqa: F401

COPY = "/web/20200229120000/{url}"


def policy(archive: str, *, interval: float = 10, attempts: int = 3) -> ArchivePolicy:
    return ArchivePolicy(archive=archive, interval=interval, attempts=attempts, timeout=5)


def source_at(standin, path: str, **fields) -> Source:
    return SourceFactory(url=f"{standin.url}{path}", **fields)


def saves(source: Source) -> str:
    """The path the archive is asked at for a source."""
    return f"/save/{source.url}"


def copy_of(source: Source) -> str:
    return COPY.format(url=source.url)


def answers_with_copy(standin, source: Source, *before: Reply) -> None:
    """The archive answers `before`, then with the copy's address in Content-Location."""
    copy = Reply(200, {"Content-Location": copy_of(source)})
    standin.script(saves(source), *before, copy)


@pytest.fixture
def archive_settings(settings, standin):
    """The commands' settings: the stand-in is the archive, and no pause between requests (the
    commands use real time; pauses are tested through the service with a fake clock)."""
    settings.PEACETRACKER_ARCHIVE_URL = standin.url
    settings.PEACETRACKER_ARCHIVE_INTERVAL = 0
    settings.PEACETRACKER_ARCHIVE_ATTEMPTS = 3
    settings.PEACETRACKER_ARCHIVE_TIMEOUT = 5
    return settings


def run_command(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("archive_sources", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_each_copys_address_is_saved_with_its_source(standin, archive_settings):
    first, second = source_at(standin, "/a"), source_at(standin, "/b")
    answers_with_copy(standin, first)
    answers_with_copy(standin, second)

    out, _ = run_command()

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.archive_url == standin.url + copy_of(first)
    assert second.archive_url == standin.url + copy_of(second)
    assert standin.asked() == [("GET", saves(first)), ("GET", saves(second))]
    assert "Archived 2 of 2 source(s)" in out


@pytest.mark.django_db
def test_a_redirect_to_the_copy_is_read_not_followed(standin):
    source = source_at(standin, "/a")
    standin.script(saves(source), Reply(302, {"Location": copy_of(source)}))

    run = archive_sources(policy=policy(standin.url), clock=FakeClock())

    source.refresh_from_db()
    assert source.archive_url == standin.url + copy_of(source)
    assert [outcome.attempts for outcome in run.outcomes] == [1]
    # The copy itself is never fetched: one request, to the save address.
    assert standin.asked() == [("GET", saves(source))]


@pytest.mark.django_db
def test_requests_are_paced_by_the_interval(standin):
    sources = [source_at(standin, f"/{name}") for name in "abc"]
    for source in sources:
        answers_with_copy(standin, source)
    clock = FakeClock()

    archive_sources(policy=policy(standin.url, interval=7), clock=clock)

    # The first goes at once; each later one waits out the interval (the stand-in answers
    # at once, and the fake clock moves only when asked to pause).
    assert clock.pauses == [7, 7]
    assert len(standin.asked()) == 3
    assert all(Source.objects.filter(pk=s.pk).exclude(archive_url="").exists() for s in sources)


@pytest.mark.django_db
def test_a_busy_archive_is_asked_again_after_a_longer_pause(standin):
    source = source_at(standin, "/a")
    answers_with_copy(standin, source, Reply(429))
    clock = FakeClock()

    run = archive_sources(policy=policy(standin.url, interval=10), clock=clock)

    source.refresh_from_db()
    assert source.archive_url == standin.url + copy_of(source)
    assert standin.asked(saves(source)) == [("GET", saves(source))] * 2
    assert clock.pauses == [20]  # twice the interval after the first refusal
    assert run.outcomes[0].attempts == 2


@pytest.mark.django_db
def test_the_pause_the_archive_asks_for_is_taken(standin):
    source = source_at(standin, "/a")
    answers_with_copy(standin, source, Reply(503, {"Retry-After": "45"}), Reply(429))
    clock = FakeClock()

    archive_sources(policy=policy(standin.url, interval=10), clock=clock)

    # 45 s as asked (more than the 20 s of the first backoff), then 40 s (the second).
    assert clock.pauses == [45, 40]
    assert len(standin.asked(saves(source))) == 3
    source.refresh_from_db()
    assert source.archive_url


@pytest.mark.django_db
def test_a_pause_asked_for_as_a_date_is_taken_within_bounds(standin):
    source = source_at(standin, "/a")
    later = Reply(429, {"Retry-After": "Wed, 21 Oct 2099 07:28:00 GMT"})
    answers_with_copy(standin, source, later)
    clock = FakeClock()

    archive_sources(policy=policy(standin.url, interval=10), clock=clock)

    assert clock.pauses == [600]  # not until 2099: ten minutes at most
    source.refresh_from_db()
    assert source.archive_url


@pytest.mark.django_db
def test_a_page_the_archive_keeps_failing_is_given_up_after_the_attempts(
    standin, archive_settings
):
    failing, next_one = source_at(standin, "/a"), source_at(standin, "/b")
    standin.script(saves(failing), Reply(500))
    answers_with_copy(standin, next_one)

    err = io.StringIO()
    with pytest.raises(CommandError, match=r"1 source\(s\) could not be archived"):
        call_command("archive_sources", stdout=io.StringIO(), stderr=err)

    assert standin.asked(saves(failing)) == [("GET", saves(failing))] * 3  # the attempts
    failing.refresh_from_db()
    next_one.refresh_from_db()
    assert failing.archive_url == ""
    assert f"Not archived {failing.url}: kept failing (500), asked 3 time(s)" in err.getvalue()
    # A failing page is that page's trouble: the run goes on to the next.
    assert next_one.archive_url == standin.url + copy_of(next_one)


@pytest.mark.django_db
def test_backoff_doubles_and_is_bounded(standin):
    source = source_at(standin, "/a")
    standin.script(saves(source), Reply(502))
    clock = FakeClock()

    run = archive_sources(policy=policy(standin.url, interval=100, attempts=5), clock=clock)

    assert clock.pauses == [200, 400, 600, 600]  # doubling, never past ten minutes
    assert len(standin.asked()) == 5
    assert run.outcomes[0].problem == "kept failing (502), asked 5 time(s)"


@pytest.mark.django_db
def test_an_archive_that_keeps_refusing_stops_the_run(standin, archive_settings):
    first, second = source_at(standin, "/a"), source_at(standin, "/b")
    standin.script(saves(first), Reply(429))
    answers_with_copy(standin, second)

    with pytest.raises(CommandError, match="kept refusing: too many requests"):
        run_command()

    assert len(standin.asked(saves(first))) == 3
    assert standin.asked(saves(second)) == []  # not asked: it would be refused too
    assert not Source.objects.exclude(archive_url="").exists()


@pytest.mark.django_db
def test_an_archive_that_cannot_be_reached_stops_the_run(standin, archive_settings):
    archive_settings.PEACETRACKER_ARCHIVE_URL = refusing_address()
    source_at(standin, "/a"), source_at(standin, "/b")

    with pytest.raises(CommandError, match=r"could not be reached \(connection refused\)"):
        run_command()

    assert not Source.objects.exclude(archive_url="").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "reply",
    [
        Reply(403),  # the archive will not keep this page
        Reply(200),  # an answer that names no copy
        Reply(200, {"Content-Location": "/login"}),  # somewhere that is not a copy
        Reply(302, {"Location": "https://elsewhere.example/web/2020/x"}),  # another site
    ],
)
def test_an_answer_naming_no_copy_saves_nothing_and_is_not_retried(standin, reply):
    source = source_at(standin, "/a")
    standin.script(saves(source), reply)

    run = archive_sources(policy=policy(standin.url), clock=FakeClock())

    source.refresh_from_db()
    assert source.archive_url == ""
    assert len(standin.asked()) == 1
    assert run.failed[0].problem == f"answered {reply.status} without an archived copy"


@pytest.mark.django_db
def test_dry_run_asks_nothing_and_writes_nothing(standin, archive_settings):
    sources = [source_at(standin, "/a"), source_at(standin, "/b")]
    before = DataVersion.objects.values_list("version", flat=True).first()

    out, _ = run_command("--dry-run")

    assert standin.asked() == []
    assert not Source.objects.exclude(archive_url="").exists()
    assert DataVersion.objects.values_list("version", flat=True).first() == before
    assert [line for line in out.splitlines() if line.startswith("Would archive")] == [
        f"Would archive {s.url} (“{s.title}”)" for s in sources
    ]
    assert "2 source(s) would be archived; nothing was asked or saved" in out


@pytest.mark.django_db
def test_limit_asks_for_that_many_and_a_later_run_goes_on(standin, archive_settings):
    first, second = source_at(standin, "/a"), source_at(standin, "/b")
    answers_with_copy(standin, first)
    answers_with_copy(standin, second)

    run_command("--limit", "1")
    assert standin.asked() == [("GET", saves(first))]

    run_command("--limit", "1")
    assert standin.asked() == [("GET", saves(first)), ("GET", saves(second))]
    assert Source.objects.filter(archive_url="").count() == 0


@pytest.mark.django_db
def test_what_is_not_asked_for(standin, archive_settings):
    kept = source_at(standin, "/kept", archive_url="https://archive.example/web/1/x")
    dead = source_at(standin, "/dead")
    Source.objects.filter(pk=dead.pk).update(
        checked=datetime(2026, 1, 1, tzinfo=UTC), check_status=404
    )
    SourceFactory(url="")
    SourceFactory(url="ftp://files.example/report.txt")
    waiting = source_at(standin, "/waiting")
    answers_with_copy(standin, waiting)

    run_command()

    # A copy it has, an address found dead (the archive would keep the error page), no
    # address, an address not on the web: only the one waiting is asked for.
    assert standin.asked() == [("GET", saves(waiting))]
    kept.refresh_from_db()
    assert kept.archive_url == "https://archive.example/web/1/x"


@pytest.mark.django_db
def test_an_editors_copy_given_meanwhile_stands(standin):
    source = source_at(standin, "/a")
    answers_with_copy(standin, source)

    class EditorMeanwhile(FakeClock):
        def now(self) -> float:
            Source.objects.filter(pk=source.pk).update(archive_url="https://mine.example/web/1")
            return super().now()

    archive_sources(policy=policy(standin.url), clock=EditorMeanwhile())

    source.refresh_from_db()
    assert source.archive_url == "https://mine.example/web/1"


@pytest.mark.django_db
def test_non_ascii_addresses_are_asked_for_encoded(standin):
    source = source_at(standin, "/نامه?q=کابل")
    standin.script(saves(source), Reply(200, {"Content-Location": "/web/2020/x"}))

    archive_sources(policy=policy(standin.url), clock=FakeClock())

    path, query = quote("/نامه"), quote("کابل")
    assert standin.asked() == [("GET", f"/save/{standin.url}{path}?q={query}")]
    source.refresh_from_db()
    assert source.archive_url == standin.url + "/web/2020/x"


@pytest.mark.parametrize("attempts", ["0", "21"])
def test_attempts_are_bounded_by_the_setting_too(settings, attempts):
    settings.PEACETRACKER_ARCHIVE_ATTEMPTS = int(attempts)
    with pytest.raises(CommandError, match=f"at most 20 times, not {attempts}"):
        run_command("--dry-run")


def test_a_bad_archive_setting_is_refused_by_name(settings):
    settings.PEACETRACKER_ARCHIVE_URL = "web.archive.org"
    with pytest.raises(CommandError, match=r"“web.archive.org” is not an http\(s\) address"):
        run_command("--dry-run")


@pytest.mark.django_db
def test_readers_are_offered_the_archived_copy_at_once(client, standin):
    archived, other = source_at(standin, "/a"), source_at(standin, "/b")
    EventFactory(slug="doha", citations=[cite(archived), cite(other)])
    answers_with_copy(standin, archived)
    client.get("/events/doha/")  # cached under the data version

    archive_sources(policy=policy(standin.url), clock=FakeClock())

    shown = page(client.get("/events/doha/"))
    links = [
        [(a.get_text(strip=True), a["href"]) for a in figure.select("figcaption a")]
        for figure in shown.select("figure.citation")
    ]
    assert links == [
        [(archived.title, archived.url), ("archived copy", standin.url + copy_of(archived))],
        [(other.title, other.url)],
    ]
    # The copy's link names the source it is a copy of.
    copy_link = shown.select_one(".archived-copy a")
    assert shown.find(id=copy_link["aria-describedby"]).get_text(strip=True) == archived.title


def test_the_json_record_names_each_sources_archived_copy(client, db):
    kept = SourceFactory(url="https://news.example/a", archive_url="https://archive.example/a")
    EventFactory(slug="archived", citations=[cite(kept)])
    record = client.get("/api/events/archived.json").json()
    assert [source["archive_url"] for source in record["sources"]] == ["https://archive.example/a"]
