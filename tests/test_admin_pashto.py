"""The admin in Pashto (/ps/admin/): Django ships no Pashto catalogue, so its own messages
come from locale-django/ps, which has them all translated, placeholders kept, and compiled."""

import re
from pathlib import Path

import pytest

from tests.responses import page
from tests.test_catalogues import entries as catalogue_entries
from tests.test_catalogues import guessed, stale, untranslated

pytestmark = pytest.mark.django_db

CATALOGUE = Path(__file__).resolve().parent.parent / "locale-django" / "ps" / "LC_MESSAGES"
# %(name)s, %(count)d, %(key)r, %s, %d, {name} and the bare {}.
_PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sdr]|\{\w*\}")


# Django's own messages, and its admin's JavaScript ones (the calendar, the selection count).
DOMAINS = ["django", "djangojs"]


def entries(domain: str = "django") -> list[dict]:
    return catalogue_entries("ps", locale=CATALOGUE.parent.parent, domain=domain)


def tokens(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw-1x9q")
    client.force_login(user)
    return client


def test_the_login_page_is_in_pashto(client):
    response = client.get("/ps/admin/login/")
    html = page(response)
    assert html.select_one("#login-form input[type=submit]")["value"] == "ننوتل"
    assert html.select_one("label[for=id_username]").get_text(strip=True) == "کارن نوم:"
    assert html.select_one("label[for=id_password]").get_text(strip=True) == "پټنوم:"
    assert "Log in" not in response.content.decode()


def test_the_admin_index_is_in_pashto(editor):
    html = page(editor.get("/ps/admin/"))
    assert html.select_one("#recent-actions-module h2").get_text(strip=True) == "وروستۍ کړنې"
    assert html.select_one("#recent-actions-module h3").get_text(strip=True) == "زما کړنې"
    assert html.select_one("#logout-form button").get_text(strip=True) == "وتل"
    adds = {a.get_text(strip=True) for a in html.select("#content-main a.addlink")}
    changes = {a.get_text(strip=True) for a in html.select("#content-main a.changelink")}
    assert (adds, changes) == ({"اضافه کړئ"}, {"بدل کړئ"})


def test_the_event_changelist_is_in_pashto(editor):
    html = page(editor.get("/ps/admin/events/event/"))
    assert html.select_one("#content h1").get_text(strip=True) == "د بدلولو لپاره پېښه وټاکئ"
    assert html.select_one("#changelist-search input[type=submit]")["value"] == "لټون"
    assert html.select_one("#changelist-filter-header").get_text(strip=True) == "فلټر"
    assert html.select_one(".object-tools a.addlink").get_text(strip=True) == "پېښه اضافه کړئ"


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_message_is_translated_and_none_is_a_guess(domain):
    catalogue = entries(domain)
    assert len(catalogue) > {"django": 300, "djangojs": 60}[domain]
    assert untranslated(catalogue) == []
    assert guessed(catalogue) == []


@pytest.mark.parametrize(
    "entry", [*entries(), *entries("djangojs")], ids=lambda e: e["msgid"][:40]
)
def test_placeholders_survive_translation(entry):
    if "msgid_plural" in entry:
        assert tokens(entry["msgstr[0]"]) == tokens(entry["msgid"])
        assert tokens(entry["msgstr[1]"]) == tokens(entry["msgid_plural"])
    else:
        assert tokens(entry["msgstr"]) == tokens(entry["msgid"])


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_compiled_catalogue_says_what_the_source_says(domain):
    compiled = CATALOGUE / f"{domain}.mo"
    assert stale(entries(domain), compiled) == [], (
        f"run: msgfmt --check -o locale-django/ps/LC_MESSAGES/{domain}.mo …/{domain}.po"
    )


def test_every_app_and_model_the_index_lists_is_named_in_pashto(editor):
    # django-axes names itself "Axes" and ships no Pashto: both are ours.
    html = page(editor.get("/ps/admin/"))
    names = [
        element.get_text(strip=True)
        for element in html.select("#content-main caption a, #content-main th[scope=row] a")
    ]
    assert len(names) > 10
    assert [name for name in names if re.search(r"[A-Za-z]{3,}", name)] == []


@pytest.mark.parametrize(("prefix", "loaded"), [("/ps", True), ("/fa", True), ("", False)])
def test_the_admin_writes_right_to_left_in_the_naskh_face(editor, prefix, loaded):
    # System faces often lack Pashto's letters (ۍ, ړ): the Dari and Pashto admin loads the
    # site's own face, the English admin does not.
    html = page(editor.get(f"{prefix}/admin/"))
    sheets = [link["href"] for link in html.select("link[rel=stylesheet]")]
    assert any(href.endswith("css/fonts.css") for href in sheets) == loaded
    assert any(href.endswith("css/admin.css") for href in sheets) == loaded
