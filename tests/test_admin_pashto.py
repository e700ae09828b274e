"""The admin in Pashto (/ps/admin/): Django ships no Pashto catalogue, so its own messages
come from locale-django/ps, which has them all translated, placeholders kept, and compiled."""

import gettext
import re
from pathlib import Path

import pytest

from tests.responses import page
from tests.test_catalogues import entries as catalogue_entries

pytestmark = pytest.mark.django_db

CATALOGUE = Path(__file__).resolve().parent.parent / "locale-django" / "ps" / "LC_MESSAGES"
# %(name)s, %(count)d, %(key)r, %s, %d, {name} and the bare {}.
_PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sdr]|\{\w*\}")


def entries() -> list[dict]:
    return catalogue_entries("ps", locale=CATALOGUE.parent.parent)


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


def test_every_message_is_translated_and_none_is_a_guess():
    catalogue = entries()
    assert len(catalogue) > 300
    untranslated = [
        e["msgid"]
        for e in catalogue
        if not all(value for key, value in e.items() if key.startswith("msgstr"))
    ]
    assert untranslated == []
    assert [e["msgid"] for e in catalogue if "fuzzy" in e["flags"]] == []


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e["msgid"][:40])
def test_placeholders_survive_translation(entry):
    if "msgid_plural" in entry:
        assert tokens(entry["msgstr[0]"]) == tokens(entry["msgid"])
        assert tokens(entry["msgstr[1]"]) == tokens(entry["msgid_plural"])
    else:
        assert tokens(entry["msgstr"]) == tokens(entry["msgid"])


def test_the_compiled_catalogue_says_what_the_source_says():
    with (CATALOGUE / "django.mo").open("rb") as mo:
        translations = gettext.GNUTranslations(mo)
    stale = []
    for e in entries():
        if "msgid_plural" in e:
            said = [
                translations.npgettext(e["msgctxt"], e["msgid"], e["msgid_plural"], n)
                if "msgctxt" in e
                else translations.ngettext(e["msgid"], e["msgid_plural"], n)
                for n in (1, 2)
            ]
            if said != [e["msgstr[0]"], e["msgstr[1]"]]:
                stale.append(e["msgid"])
        elif "msgctxt" in e:
            if translations.pgettext(e["msgctxt"], e["msgid"]) != e["msgstr"]:
                stale.append(e["msgid"])
        elif translations.gettext(e["msgid"]) != e["msgstr"]:
            stale.append(e["msgid"])
    assert stale == [], "run: msgfmt --check -o locale-django/ps/LC_MESSAGES/django.mo …/django.po"
