"""Who may do what: the admin for staff only, editors with just what editing needs."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events.models import Actor, Citation, Event, Source
from tests.factories import EventFactory, SourceFactory
from tests.responses import page

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-password"


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


def test_the_editor_group_has_just_the_curation_permissions(db):
    # Events, actors and their roles, places, sources, phases, and agreements' commitments
    # with the events that kept or broke them.
    permissions = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name="Editor").permissions.all()
    }
    assert permissions == {
        f"events.{action}_{model}"
        for action in ("add", "change", "delete", "view")
        for model in (
            "event",
            "actor",
            "actorrole",
            "place",
            "source",
            "phase",
            "commitment",
            "commitmentoutcome",
        )
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
            # Links to other events (none), and whether it took place.
            "links_out-TOTAL_FORMS": "0",
            "links_out-INITIAL_FORMS": "0",
            "occurrence": "held",
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
    for address in (
        "/admin/auth/user/",
        "/admin/auth/group/",
        "/admin/events/eventtype/add/",
        "/admin/axes/accessattempt/",  # lifting lockouts is for whoever manages accounts
    ):
        assert client.get(address).status_code == 403, address


def test_no_admin_page_opens_for_a_reader_account_or_nobody(client, db):
    event = EventFactory()
    source = SourceFactory()
    Actor.objects.create(name="A", slug="a", kind="government")
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
    reader = User.objects.create_user("reader", password=PASSWORD)
    sources = Source.objects.count()
    for who in (None, reader):
        if who:
            client.force_login(who)
        for address in addresses:
            response = client.get(address)
            assert response.status_code == 302, (who, address)
            assert response["Location"].startswith("/admin/login/"), (who, address)
    assert Source.objects.count() == sources


# Logging in: five failures for one name from one address lock that pair for 15 minutes.

PROXY = "10.0.0.2"  # what REMOTE_ADDR holds for every request behind our proxy
EDITOR_AT_HOME = "198.51.100.7"
ATTACKER = "203.0.113.66"


def log_in(client, username, password, address, *, proxy=False, forged=""):
    """A login as sent from `address`: straight, or through our proxy, which appends the
    address it saw to whatever X-Forwarded-For the client sent (`forged`)."""
    if proxy:
        forwarded = f"{forged}, {address}" if forged else address
        meta = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}
    else:
        meta = {"REMOTE_ADDR": address}
        if forged:
            meta["HTTP_X_FORWARDED_FOR"] = forged
    # `next` as the login form sends it.
    form = {"username": username, "password": password, "next": "/admin/"}
    return client.post("/admin/login/", form, **meta)


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def assert_refused_for_15_minutes(response):
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 15 * 60
    text = page(response).get_text(" ", strip=True)
    assert "Too many failed attempts to log in from here" in text
    assert "try again in 15 minutes" in text


@pytest.fixture(params=[False, True], ids=["direct", "behind a proxy"])
def proxy(request, settings):
    settings.BEHIND_PROXY = request.param
    return request.param


def test_five_failures_lock_that_name_at_that_address_and_no_other(editor, proxy):
    for _ in range(4):
        response = log_in(Client(), "editor", "wrong", ATTACKER, proxy=proxy)
        assert response.status_code == 200
    log_in(Client(), "editor", "wrong", ATTACKER, proxy=proxy)
    # Now even the right password is refused there, with a reason...
    assert_refused_for_15_minutes(log_in(Client(), "editor", PASSWORD, ATTACKER, proxy=proxy))
    # ...while the editor logs in from their own address, and others from the attacker's.
    assert logged_in(log_in(Client(), "editor", PASSWORD, EDITOR_AT_HOME, proxy=proxy))
    User.objects.create_user("colleague", password=PASSWORD, is_staff=True)
    assert logged_in(log_in(Client(), "colleague", PASSWORD, ATTACKER, proxy=proxy))


def test_behind_a_proxy_failures_from_others_never_lock_an_editor_out(editor, behind_proxy):
    names = ["editor", "admin", "root", "someone"]
    for number in range(20):
        client = f"192.0.2.{number + 1}"
        response = log_in(Client(), names[number % 4], "wrong", client, proxy=True)
        assert response.status_code == 200
    assert logged_in(log_in(Client(), "editor", PASSWORD, EDITOR_AT_HOME, proxy=True))


def test_behind_a_proxy_a_forged_forwarded_address_does_not_escape_a_lock(editor, behind_proxy):
    # The client may write anything into X-Forwarded-For; only what our proxy appended counts.
    for number in range(5):
        log_in(Client(), "editor", "wrong", ATTACKER, proxy=True, forged=f"192.0.2.{number}")
    response = log_in(Client(), "editor", PASSWORD, ATTACKER, proxy=True, forged="192.0.2.200")
    assert_refused_for_15_minutes(response)


def test_without_a_proxy_a_forwarded_address_is_not_believed(editor, settings):
    settings.BEHIND_PROXY = False
    for number in range(5):
        log_in(Client(), "editor", "wrong", ATTACKER, forged=f"192.0.2.{number}")
    response = log_in(Client(), "editor", PASSWORD, ATTACKER, forged=EDITOR_AT_HOME)
    assert_refused_for_15_minutes(response)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def test_a_garbled_forwarded_address_counts_as_the_proxys_own(editor, behind_proxy):
    for number in range(5):
        response = Client().post(
            "/admin/login/",
            {"username": "editor", "password": "wrong"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"<script>{number}",
        )
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {PROXY}


def test_a_lock_outlasts_the_cache_and_ends_after_15_minutes(editor):
    for _ in range(5):
        log_in(Client(), "editor", "wrong", ATTACKER)
    # Flooding the page cache (as requests to 1,600 addresses would), then emptying it.
    cache.set_many({f"flood-{number}": number for number in range(1600)})
    assert_refused_for_15_minutes(log_in(Client(), "editor", PASSWORD, ATTACKER))
    cache.clear()
    assert_refused_for_15_minutes(log_in(Client(), "editor", PASSWORD, ATTACKER))
    # Fifteen minutes pass without another try.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert logged_in(log_in(Client(), "editor", PASSWORD, ATTACKER))


def test_a_good_login_clears_earlier_failures(editor):
    for _round in range(2):
        for _ in range(4):
            assert log_in(Client(), "editor", "wrong", EDITOR_AT_HOME).status_code == 200
        assert logged_in(log_in(Client(), "editor", PASSWORD, EDITOR_AT_HOME))


def lockout_rows(client) -> list:
    """The rows of the admin's list of access attempts, as a superuser sees them."""
    changelist = client.get("/admin/axes/accessattempt/")
    assert changelist.status_code == 200
    return page(changelist).select("#result_list tbody tr")


def test_a_superuser_sees_a_lockout_in_the_admin_and_lifts_it(editor, admin_client):
    for _ in range(5):
        log_in(Client(), "editor", "wrong", ATTACKER)
    [row] = lockout_rows(admin_client)
    text = row.get_text(" ", strip=True)
    assert "editor" in text
    assert ATTACKER in text
    assert "Locked Out" in text
    # Tick it, choose "Delete selected", confirm: as on the page.
    action = {
        "action": "delete_selected",
        "_selected_action": [row.select_one("input[name=_selected_action]")["value"]],
    }
    confirm = admin_client.post("/admin/axes/accessattempt/", action)
    assert "Are you sure" in confirm.content.decode()
    lifted = admin_client.post("/admin/axes/accessattempt/", {**action, "post": "yes"})
    assert lifted.status_code == 302
    assert lockout_rows(admin_client) == []
    assert logged_in(log_in(Client(), "editor", PASSWORD, ATTACKER))
