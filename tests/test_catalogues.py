"""The Dari and Pashto catalogues (locale/): every message translated, placeholders kept,
and the compiled .mo files that Django reads saying what the .po files say."""

import ast
import gettext
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = ["fa", "ps"]
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def entries(language: str, *, locale: Path = LOCALE, domain: str = "django") -> list[dict]:
    """The catalogue's entries (in `locale`, ours by default; Django's messages or, with
    `domain="djangojs"`, its JavaScript ones): msgctxt, msgid, msgid_plural, msgstr (or
    msgstr[n]), and flags."""
    found, entry, key = [], {"flags": ""}, None
    source = locale / language / "LC_MESSAGES" / f"{domain}.po"
    for line in source.read_text("utf-8").splitlines():
        if not line.strip():
            if "msgid" in entry:
                found.append(entry)
            entry, key = {"flags": ""}, None
        elif line.startswith("#,"):
            entry["flags"] += line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            entry[key] = ast.literal_eval(value)
    if "msgid" in entry:
        found.append(entry)
    return [e for e in found if e["msgid"]]  # not the header


def untranslated(catalogue: list[dict]) -> list[str]:
    """The messages with an empty translation."""
    return [
        e["msgid"]
        for e in catalogue
        if not all(value for key, value in e.items() if key.startswith("msgstr"))
    ]


def guessed(catalogue: list[dict]) -> list[str]:
    """The messages makemessages guessed at (marked fuzzy): Django never shows them."""
    return [e["msgid"] for e in catalogue if "fuzzy" in e["flags"]]


def stale(catalogue: list[dict], compiled: Path) -> list[str]:
    """The messages the compiled .mo file says otherwise than the .po file (it was not
    compiled again after an edit)."""
    with compiled.open("rb") as mo:
        translations = gettext.GNUTranslations(mo)
    found = []
    for e in catalogue:
        if "msgid_plural" in e:
            said = [
                translations.npgettext(e["msgctxt"], e["msgid"], e["msgid_plural"], n)
                if "msgctxt" in e
                else translations.ngettext(e["msgid"], e["msgid_plural"], n)
                for n in (1, 2)
            ]
            if said != [e["msgstr[0]"], e["msgstr[1]"]]:
                found.append(e["msgid"])
        elif "msgctxt" in e:
            if translations.pgettext(e["msgctxt"], e["msgid"]) != e["msgstr"]:
                found.append(e["msgid"])
        elif translations.gettext(e["msgid"]) != e["msgstr"]:
            found.append(e["msgid"])
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_a_guess(language):
    catalogue = entries(language)
    assert len(catalogue) > 200
    assert untranslated(catalogue) == []
    assert guessed(catalogue) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language):
    def tokens(text: str) -> list[str]:
        return sorted(_PLACEHOLDER.findall(text))

    wrong = []
    for e in entries(language):
        if "msgid_plural" not in e:
            if tokens(e["msgstr"]) != tokens(e["msgid"]):
                wrong.append(e["msgid"])
            continue
        if tokens(e["msgstr[1]"]) != tokens(e["msgid_plural"]):
            wrong.append(e["msgid_plural"])
        # A singular keeps what its English singular writes, and may write the count that
        # only the English plural does ("One event" may be "۱ رویداد"), nothing else.
        singular = set(tokens(e["msgstr[0]"]))
        if (
            not set(tokens(e["msgid"]))
            <= singular
            <= set(tokens(e["msgid_plural"])) | set(tokens(e["msgid"]))
        ):
            wrong.append(e["msgid"])
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_says_what_the_source_says(language):
    compiled = LOCALE / language / "LC_MESSAGES" / "django.mo"
    assert stale(entries(language), compiled) == [], (
        "run: msgfmt -o locale/LANG/LC_MESSAGES/django.mo …/django.po"
    )
