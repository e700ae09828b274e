"""Issue 13, finding 6 and the smaller points of finding 8: the publishing rule on every path
that can publish (a revert from the history included), old addresses only for slugs the public
saw, numbers in addresses, the When preview's permissions, accepting many suggestions, backups
to the microsecond and years out of range."""

import datetime
import re
from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission, User
from django.core.management import CommandError, call_command
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from events.dates.extraction import extract_mentions
from events.dates.reading import DateNotUnderstood, resolve_date
from events.dates.values import Precision
from events.models import Event, EventRedirect, Source, Suggestion
from events.services import publishing
from events.services.backup import LABELS
from tests.factories import EventFactory, SourceFactory
from tests.responses import page

pytestmark = pytest.mark.django_db


def form_fields(form) -> dict:
    """What a browser would submit from `form` as it is shown (submit buttons aside)."""
    data: dict = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in {"submit", "button"}:
            continue
        if field.name == "select":
            chosen = [
                o.get("value", "") for o in field.find_all("option") if o.has_attr("selected")
            ]
            data[name] = chosen if field.has_attr("multiple") else (chosen or [""])[0]
        elif field.name == "textarea":
            # The HTML parser keeps the newline that follows <textarea>; browsers drop it.
            data[name] = field.get_text().removeprefix("\n")
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    return data


def change_form(admin_client, event: Event) -> dict:
    """The event's change page as an editor opens it, ready to submit."""
    html = page(admin_client.get(f"/admin/events/event/{event.pk}/change/"))
    return form_fields(html.find("form", id="event_form"))


# Finding 6: a revert from the history keeps the publishing rule ------------------------------


def draft_without_its_source(admin_client) -> Event:
    """A published, sourced event that an editor then made a draft and stripped of its only
    citation (which a draft may be)."""
    event = EventFactory(title="Envoys meet in Doha", slug="envoys-meet-in-doha")
    data = change_form(admin_client, event)
    data.update({"status": "draft", "citations-0-DELETE": "on"})
    response = admin_client.post(f"/admin/events/event/{event.pk}/change/", data)
    assert response.status_code == 302, page(response).select(".errorlist")
    event.refresh_from_db()
    assert (event.status, event.citations.count()) == ("draft", 0)
    return event


def revert_page(admin_client, event: Event, record) -> tuple[str, dict]:
    address = f"/admin/events/event/{event.pk}/history/{record.history_id}/"
    html = page(admin_client.get(address))
    return address, form_fields(html.find("form", id="historicalevent_form"))


def test_reverting_to_a_published_version_of_an_unsourced_event_is_refused(admin_client, client):
    event = draft_without_its_source(admin_client)
    published = event.history.filter(status="published").earliest()
    address, data = revert_page(admin_client, event, published)
    assert data["status"] == "published"

    response = admin_client.post(address, data)

    assert response.status_code == 200
    assert "cites no source" in page(response).get_text()
    event.refresh_from_db()
    assert event.status == "draft"
    assert client.get("/events/envoys-meet-in-doha/").status_code == 404
    assert not Event.objects.published().exists()


def test_the_same_version_may_be_reverted_as_a_draft(admin_client, client):
    event = draft_without_its_source(admin_client)
    Event.objects.filter(pk=event.pk).update(title="Renamed since")
    event.refresh_from_db()
    published = event.history.filter(status="published").earliest()
    address, data = revert_page(admin_client, event, published)

    response = admin_client.post(address, {**data, "status": "draft"})

    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.title, event.status) == ("Envoys meet in Doha", "draft")
    assert client.get("/events/envoys-meet-in-doha/").status_code == 404


def test_reverting_a_sourced_event_to_a_published_version_publishes_it(admin_client, client):
    event = EventFactory(title="Envoys meet in Doha", slug="envoys-meet-in-doha")
    publishing.unpublish(Event.objects.filter(pk=event.pk), reason="test")
    published = event.history.filter(status="published").earliest()
    address, data = revert_page(admin_client, event, published)

    response = admin_client.post(address, data)

    assert response.status_code == 302
    assert client.get("/events/envoys-meet-in-doha/").status_code == 200


def test_a_backup_holding_a_published_event_without_a_source_is_refused(
    transactional_db, tmp_path
):
    event = EventFactory(slug="envoys-meet")
    event.citations.all().delete()  # as a database written before the rule held might be
    export = tmp_path / "backup.json"
    call_command("export_data", str(export))
    call_command("flush", interactive=False, verbosity=0)

    with pytest.raises(CommandError, match="cite no source: envoys-meet"):
        call_command("import_data", str(export))

    assert not Event.objects.exists()
    assert not Source.objects.exists()


# 8a, 8b: numbers read from addresses ---------------------------------------------------------


@pytest.mark.parametrize("limit", ["²", "①", "¹⁹⁹⁹", "١٢", "0", "201", "-1", "1e2", " 5"])
def test_an_api_limit_that_is_not_a_number_from_1_to_200_answers_400(client, limit):
    EventFactory()
    response = client.get("/api/events.json", {"limit": limit})
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["parameters"]] == ["limit"]


def test_an_api_limit_in_range_pages_by_it(client):
    EventFactory.create_batch(3)
    response = client.get("/api/events.json", {"limit": "2"})
    assert response.status_code == 200
    assert len(response.json()["events"]) == 2


@pytest.mark.parametrize("year", ["99999", "0", "²", "-1", "10000"])
def test_a_year_out_of_range_in_the_admin_list_is_no_server_error(admin_client, year):
    EventFactory(title="Envoys meet")
    response = admin_client.get("/admin/events/event/", {"year": year}, follow=True)
    assert response.status_code == 200
    titles = [a.get_text() for a in page(response).select("#result_list tbody th a")]
    assert titles == ["Envoys meet"]


def test_the_year_filter_still_narrows_the_list(admin_client):
    EventFactory(title="In 2019", start=date(2019, 5, 1))
    EventFactory(title="In 2020", start=date(2020, 5, 1))
    response = admin_client.get("/admin/events/event/", {"year": "2019"})
    assert [a.get_text() for a in page(response).select("#result_list tbody th a")] == ["In 2019"]


@pytest.mark.parametrize("source", ["²", "①", "99999999999999999999999"])
def test_the_when_preview_ignores_a_source_that_is_not_an_id(admin_client, source):
    response = admin_client.get(
        "/admin/events/event/when-preview/",
        {"when": "2019", "citations-TOTAL_FORMS": "1", "citations-0-source": source},
    )
    assert response.status_code == 200
    assert page(response).find(id="when-preview").get_text() == "2019 — year"


# 8c: an old address only for a slug the public saw ------------------------------------------


def renamed(event: Event, slug: str) -> Event:
    event = Event.objects.get(pk=event.pk)  # as an editor opens it
    event.slug = slug
    event.save()
    return event


def publish(event: Event) -> None:
    assert publishing.publish(Event.objects.filter(pk=event.pk), reason="test").published


def unpublish(event: Event) -> None:
    assert publishing.unpublish(Event.objects.filter(pk=event.pk), reason="test")


def cited_draft(slug: str) -> Event:
    draft = EventFactory(slug=slug, status=Event.Status.DRAFT)
    source = SourceFactory()
    draft.citations.create(source=source, quote=source.text.split(". ")[0])
    return draft


def test_a_slug_an_event_had_only_as_a_draft_never_becomes_a_public_address(client):
    draft = cited_draft("working-title")
    renamed(draft, "envoys-meet-in-doha")
    publish(draft)

    assert client.get("/events/envoys-meet-in-doha/").status_code == 200
    assert client.get("/events/working-title/").status_code == 404
    assert not EventRedirect.objects.filter(old_slug="working-title").exists()


def test_a_slug_the_public_saw_keeps_answering_after_a_rename(client):
    event = EventFactory(slug="doha-talks")
    renamed(event, "talks-in-doha")
    response = client.get("/events/doha-talks/")
    assert (response.status_code, response["Location"]) == (301, "/events/talks-in-doha/")


def test_a_published_slug_renamed_during_a_spell_as_draft_still_redirects(client):
    event = EventFactory(slug="doha-talks")
    unpublish(event)
    renamed(event, "second-working-title")
    renamed(event, "talks-in-doha")
    assert client.get("/events/doha-talks/").status_code == 404  # a draft, for now
    publish(event)

    response = client.get("/events/doha-talks/")
    assert (response.status_code, response["Location"]) == (301, "/events/talks-in-doha/")
    assert client.get("/events/second-working-title/").status_code == 404
    assert set(EventRedirect.objects.values_list("old_slug", flat=True)) == {"doha-talks"}


def test_reverting_to_an_older_slug_keeps_the_newer_public_one_answering(admin_client, client):
    event = EventFactory(title="Envoys meet", slug="doha-talks")
    renamed(event, "talks-in-doha")
    first = event.history.filter(slug="doha-talks").earliest()
    address, data = revert_page(admin_client, event, first)
    assert data["slug"] == "doha-talks"

    assert admin_client.post(address, data).status_code == 302

    assert client.get("/events/doha-talks/").status_code == 200
    response = client.get("/events/talks-in-doha/")
    assert (response.status_code, response["Location"]) == (301, "/events/doha-talks/")


# 8d: the When preview names a source only to those who may see it ---------------------------


def staff(username: str, *codenames: str, group: str | None = None) -> User:
    user = User.objects.create_user(username, password="a-long-enough-password", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def preview_naming(client, user: User, source: Source):
    client.force_login(user)
    return client.get(
        "/admin/events/event/when-preview/",
        {"when": "last year", "citations-TOTAL_FORMS": "1", "citations-0-source": source.pk},
    )


@pytest.mark.parametrize("codenames", [(), ("view_event",), ("view_source", "view_event")])
def test_staff_who_may_not_add_or_change_events_get_no_preview(client, codenames):
    source = SourceFactory(title="Confidential briefing", published=date(2021, 1, 28))
    response = preview_naming(client, staff("clerk", *codenames), source)
    assert response.status_code == 403
    assert "Confidential briefing" not in response.content.decode()


def test_an_event_editor_who_may_not_view_sources_is_not_told_a_sources_title(client):
    source = SourceFactory(title="Confidential briefing", published=date(2021, 1, 28))
    response = preview_naming(client, staff("writer", "add_event", "change_event"), source)
    assert response.status_code == 200
    shown = page(response).find(id="when-preview").get_text()
    assert shown.startswith("2020 — year — relative to 28 January 2021")
    assert "Confidential briefing" not in response.content.decode()


def test_an_editor_sees_which_source_the_preview_counts_from(client):
    source = SourceFactory(title="Taliban in Moscow", published=date(2021, 1, 28))
    response = preview_naming(client, staff("editor", group="Editor"), source)
    assert page(response).find(id="when-preview").get_text() == (
        "2020 — year — relative to 28 January 2021, when “Taliban in Moscow” was published"
    )


# 8e: accepting many suggestions: one transaction, a fixed number of queries each ----------------

SAME_START = "The envoys of both sides met again in Doha"


def suggestions(count: int, *, source: Source | None = None, first: int = 0) -> list[Suggestion]:
    """Suggestions whose sentences open with the same eight words (the same slug)."""
    sentences = [f"{SAME_START} on day {first + n} of the talks." for n in range(count)]
    if source is None:
        source = SourceFactory(text=" ".join(sentences), published=date(2021, 1, 28))
    made = []
    for n, sentence in enumerate(sentences):
        at = source.text.index(sentence)
        made.append(
            Suggestion.objects.create(
                source=source,
                sentence_start=at,
                sentence_end=at + len(sentence),
                mention="day",
                position=at + sentence.index(" day ") + 1,
                start=date(2021, 1, 1 + n % 28),
                precision=Precision.DAY,
            )
        )
    return made


def accept(admin_client, chosen: list[Suggestion]):
    return admin_client.post(
        "/admin/events/suggestion/",
        {"action": "accept", "_selected_action": [s.pk for s in chosen]},
        follow=True,
    )


def test_accepting_suggestions_costs_the_same_queries_each_however_many_share_a_slug(
    admin_client,
):
    queries, made = [], 0
    for size in (1, 5, 10, 10):
        batch = suggestions(size, first=made)
        made += size
        with CaptureQueriesContext(connection) as captured:
            response = accept(admin_client, batch)
        assert response.status_code == 200
        queries.append(len(captured))
    one, five, ten, ten_more = queries
    assert ten_more == ten  # 16 events already share the slug the second time
    assert (ten - five) * 4 == (five - one) * 5  # the same cost for each one more
    slugs = set(Event.objects.values_list("slug", flat=True))
    assert len(slugs) == 26
    base = "envoys-of-both-sides-met-again-in-doha"  # from the headline, without "the"
    assert slugs == {base, *(f"{base}-{n}" for n in range(2, 27))}


def test_accepting_many_suggestions_is_all_or_nothing(admin_client):
    good = suggestions(3)
    broken_source = SourceFactory(text=f"{SAME_START} on day 9 of the talks.")
    broken = suggestions(1, source=broken_source, first=9)[0]
    # The source's text was emptied since: the suggestion has no sentence left to quote.
    Source.objects.filter(pk=broken.source_id).update(text="")
    later = suggestions(2, first=20)
    admin_client.raise_request_exception = False

    response = accept(admin_client, [*good, broken, *later])

    assert response.status_code == 200
    assert not Event.objects.exists()
    statuses = set(Suggestion.objects.values_list("status", flat=True))
    assert statuses == {"pending"}
    shown = " ".join(str(m) for m in response.context["messages"])
    assert "No suggestion was accepted" in shown
    assert f"the date “day” in “{broken_source.title}”" in shown  # the one that could not be


# 8f: a backup keeps every datetime to the microsecond -----------------------------------------


def every_datetime() -> dict:
    """Every date-and-time value of every row a backup holds, by model and primary key."""
    held = {label.partition(".")[0] for label in LABELS}
    values = {}
    for model in apps.get_models():
        if model._meta.app_label not in held or model._meta.label_lower == "events.dataversion":
            continue
        names = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.DateTimeField | models.TimeField)
        ]
        for row in model.objects.values("pk", *names):
            for name in names:
                values[(model._meta.label_lower, row["pk"], name)] = row[name]
    return values


def test_export_and_import_keep_every_datetime_to_the_microsecond(transactional_db, tmp_path):
    admin = User.objects.create_superuser("admin", password="a-long-enough-password")
    User.objects.filter(pk=admin.pk).update(
        last_login=datetime.datetime(2021, 1, 28, 9, 30, 15, 123456, tzinfo=datetime.UTC)
    )
    event = EventFactory()
    Event.objects.filter(pk=event.pk).update(
        updated=datetime.datetime(2021, 1, 28, 10, 0, 0, 654321, tzinfo=datetime.UTC)
    )
    suggestions(2)
    before = every_datetime()
    assert sum(1 for v in before.values() if v and v.microsecond % 1000) >= 2
    export = tmp_path / "backup.json"
    call_command("export_data", str(export))
    call_command("flush", interactive=False, verbosity=0)

    call_command("import_data", str(export))

    assert every_datetime() == before


# 8g: years out of range are refused, never read as another date ----------------------------------

BASE = date(2021, 1, 28)


@pytest.mark.parametrize(
    "text",
    [
        "31 December 9999",
        "1 January 0001",
        "January 1, 0001",
        "December 31, 9999",
        "December 9999",
        "5 March 3019",
        "05-Mar-9999",
        "9999-12-31",
        "31/12/9999",
        "9999",
        "0001",
        "1 January 0999",
    ],
)
def test_a_year_out_of_range_is_refused_with_a_reason(text):
    with pytest.raises(DateNotUnderstood, match=r"years from 1000 to 2999"):
        resolve_date(text, base=BASE)


def test_a_two_digit_year_is_not_replaced_by_the_bases():
    resolution = resolve_date("5 March 19", base=BASE)
    assert (resolution.span.start, resolution.relative) == (date(2019, 3, 5), False)


@pytest.mark.parametrize("text", ["tomorrow", "next year", "in October", "next month"])
def test_a_date_counted_past_the_last_year_is_refused(text):
    with pytest.raises(DateNotUnderstood, match=r"years from 1000 to 2999"):
        resolve_date(text, base=date(9999, 12, 31), future=True)


def test_the_edges_of_the_range_are_read():
    assert resolve_date("1 January 1000", base=BASE).span.start == date(1000, 1, 1)
    assert resolve_date("31 December 2999", base=BASE).span.start == date(2999, 12, 31)


@pytest.mark.parametrize(
    "text",
    [
        "The mandate runs until 31 December 9999.",
        "Since 1 January 0001 they met.",
        "In December 9999 they met.",
        "Talks resumed on 5 March 3019, officials said.",
    ],
)
def test_a_day_or_month_before_a_year_out_of_range_is_no_mention(text):
    assert extract_mentions(text, published=BASE) == []


def test_a_count_after_a_day_is_still_a_count():
    mentions = extract_mentions("On 5 March 2500 troops arrived.", published=BASE)
    assert [(m.text, m.value) for m in mentions] == [("5 March", "2020-03-05")]


def test_the_when_field_explains_a_year_out_of_range(admin_client):
    response = admin_client.get("/admin/events/event/when-preview/", {"when": "31 December 9999"})
    shown = page(response).find(id="when-preview")
    assert re.search(r"years from 1000 to 2999", shown.get_text())
    assert "when-preview-error" in shown["class"]
