"""The admin in Dari (/fa/admin/) names the Gregorian months as Afghanistan writes them
("۲ دسمبر"), not as Django's Persian catalogue does ("2 دسامبر"): locale-django/fa overrides
those messages, in Django's own catalogue and in its JavaScript one (the calendar widget)."""

import json
import re
from datetime import date
from pathlib import Path

import pytest
from django.utils import dateformat, timezone, translation

from events.dates.afghan_words import GREGORIAN_DARI
from events.models import Event
from tests.responses import page
from tests.test_admin import event_form
from tests.test_catalogues import entries as catalogue_entries
from tests.test_catalogues import guessed, stale, untranslated

pytestmark = pytest.mark.django_db

CATALOGUE = Path(__file__).resolve().parent.parent / "locale-django" / "fa" / "LC_MESSAGES"
# Each month's name as the site writes it in Dari, January first.
AFGHAN = [spellings[0] for spellings in GREGORIAN_DARI]
# Django's Persian names for them, which the Dari admin must not show.
IRANIAN = [
    "ژانویه",
    "فوریه",
    "مارس",
    "آوریل",
    "مه",
    "ژوئن",
    "ژوئیه",
    "اوت",
    "سپتامبر",
    "اکتبر",
    "نوامبر",
    "دسامبر",
]
MONTHS = range(1, 13)


CATALOGUES = {
    domain: lambda domain=domain: catalogue_entries(
        "fa", locale=CATALOGUE.parent.parent, domain=domain
    )
    for domain in ("django", "djangojs")
}


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw-1x9q")
    client.force_login(user)
    return client


def test_django_writes_dates_in_dari_with_afghan_month_names(editor):
    with translation.override("fa"):
        written = dateformat.format(date(2020, 12, 2), "j F Y")
        # F: the full name; E: the "alt. month" one; N: the "abbrev. month" (AP style) one;
        # b and M: the three-letter one. Dari writes each in full.
        names = {
            code: [dateformat.format(date(2020, month, 2), code) for month in MONTHS]
            for code in ("F", "E", "N", "b", "M")
        }
    assert "دسمبر" in written
    assert "دسامبر" not in written
    assert names == {code: AFGHAN for code in names}


def test_an_events_history_dates_its_changes_with_afghan_month_names(editor):
    response = editor.post("/admin/events/event/add/", event_form())
    assert response.status_code == 302
    event = Event.objects.get()
    changed = timezone.localtime(event.history.latest().history_date)
    html = page(editor.get(f"/fa/admin/events/event/{event.pk}/history/"))
    cells = " ".join(td.get_text(" ", strip=True) for td in html.select("#change-history td"))
    assert AFGHAN[changed.month - 1] in cells
    assert [name for name in IRANIAN if name in cells.split()] == []


def test_the_calendar_widget_names_the_months_as_afghanistan_does(editor):
    response = editor.get("/fa/admin/jsi18n/")
    assert response.status_code == 200
    catalogue = json.loads(
        re.search(r"const newcatalog = (\{.*?\});", response.content.decode(), re.S)[1]
    )
    assert catalogue["December"] == "دسمبر"
    full = ["January", "February", "March", "April", "May", "June", "July", "August"]
    full += ["September", "October", "November", "December"]
    assert [catalogue[month] for month in full] == AFGHAN
    # calendar.js's short names, kept apart by their context ("abbrev. month January").
    short = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    said = [
        catalogue[f"abbrev. month {month}\x04{abbreviation}"]
        for month, abbreviation in zip(full, short, strict=True)
    ]
    assert said == AFGHAN


@pytest.mark.parametrize("domain", CATALOGUES)
def test_every_message_is_translated_and_none_is_a_guess(domain):
    catalogue = CATALOGUES[domain]()
    assert catalogue
    assert untranslated(catalogue) == []
    assert guessed(catalogue) == []


@pytest.mark.parametrize("domain", CATALOGUES)
def test_every_month_name_is_overridden_with_its_afghan_spelling(domain):
    months = [
        e
        for e in CATALOGUES[domain]()
        if e.get("msgstr") in AFGHAN + IRANIAN or "month" in e.get("msgctxt", "")
    ]
    # django: full, three-letter, "abbrev. month" and "alt. month"; djangojs: full and
    # "abbrev. month <Name>".
    assert len(months) == {"django": 48, "djangojs": 24}[domain]
    assert [e["msgid"] for e in months if e["msgstr"] not in AFGHAN] == []
    assert sorted(e["msgstr"] for e in months) == sorted(AFGHAN * (len(months) // 12))


@pytest.mark.parametrize("domain", CATALOGUES)
def test_the_compiled_catalogue_says_what_the_source_says(domain):
    compiled = CATALOGUE / f"{domain}.mo"
    assert stale(CATALOGUES[domain](), compiled) == [], (
        f"run: msgfmt --check -o locale-django/fa/LC_MESSAGES/{domain}.mo …"
    )
