"""Who may do what: the admin for staff only, editors with just what editing needs."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.urls import reverse

from events.models import Actor, Citation, Event, Source
from tests.factories import EventFactory, SourceFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-password"


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


def test_the_editor_group_has_just_event_actor_place_and_source_permissions(db):
    permissions = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name="Editor").permissions.all()
    }
    assert permissions == {
        f"events.{action}_{model}"
        for action in ("add", "change", "delete", "view")
        for model in ("event", "actor", "place", "source")
    }


def test_an_editor_curates_a_sourced_event_with_just_those_permissions(client, editor):
    client.force_login(editor)
    source = SourceFactory(text="Envoys met in Doha. They agreed.")
    assert client.get("/admin/events/event/add/").status_code == 200
    response = client.post(
        "/admin/events/event/add/",
        {
            "title": "Envoys meet",
            "slug": "envoys-meet",
            "status": "published",
            "when": "29 February 2020",
            "summary": "",
            "body": "",
            "citations-TOTAL_FORMS": "1",
            "citations-INITIAL_FORMS": "0",
            "citations-0-source": source.pk,
            "citations-0-quote": "Envoys met in Doha.",
            "redirects-TOTAL_FORMS": "0",
            "redirects-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert Citation.objects.get().event == Event.objects.get(slug="envoys-meet")
    for model, term in (("actors", "x"), ("type", "x"), ("place", "x")):
        autocomplete = client.get(
            "/admin/autocomplete/",
            {"app_label": "events", "model_name": "event", "field_name": model, "term": term},
        )
        assert autocomplete.status_code == 200, model
    assert client.get("/admin/events/source/import/").status_code == 200
    assert client.get("/admin/events/suggestion/").status_code == 200


def test_an_editor_cannot_manage_accounts_or_types(client, editor):
    client.force_login(editor)
    for address in ("/admin/auth/user/", "/admin/auth/group/", "/admin/events/eventtype/add/"):
        assert client.get(address).status_code == 403, address


def test_no_admin_page_opens_for_a_reader_account_or_nobody(client, db):
    event = EventFactory()
    source = SourceFactory()
    Actor.objects.create(name="A", slug="a", kind="state")
    addresses = [
        reverse("admin:index"),
        reverse("admin:events_event_changelist"),
        reverse("admin:events_event_add"),
        reverse("admin:events_event_change", args=[event.pk]),
        reverse("admin:events_event_history", args=[event.pk]),
        reverse("admin:events_event_when_preview") + "?when=2019",
        reverse("admin:events_source_import"),
        reverse("admin:events_source_change", args=[source.pk]),
        reverse("admin:events_suggestion_changelist"),
        reverse("admin:events_actor_changelist"),
        reverse("admin:auth_user_changelist"),
        "/admin/autocomplete/?app_label=events&model_name=event&field_name=actors",
    ]
    User.objects.create_user("reader", password=PASSWORD)
    sources = Source.objects.count()
    for who in (None, "reader"):
        if who:
            client.login(username=who, password=PASSWORD)
        for address in addresses:
            response = client.get(address)
            assert response.status_code == 302, (who, address)
            assert response["Location"].startswith("/admin/login/"), (who, address)
    assert Source.objects.count() == sources


def test_repeated_failed_logins_are_refused_for_a_while(client, editor):
    for _ in range(5):
        response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
        assert response.status_code == 200
    # Now even the right password is refused, with a reason.
    response = client.post("/admin/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    cache.clear()  # the window has passed
    response = client.post("/admin/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302


def test_a_good_login_clears_earlier_failures(client, editor):
    for _ in range(4):
        client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    assert (
        client.post("/admin/login/", {"username": "editor", "password": PASSWORD}).status_code
        == 302
    )
    client.logout()
    for _ in range(4):
        client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    assert (
        client.post("/admin/login/", {"username": "editor", "password": PASSWORD}).status_code
        == 302
    )
